import FixTextCore

/// Puts the blocks' diagnostics into the stream's coordinates and order, on the thread
/// that writes the output, so that a parallel run reports exactly what a serial one does.
///
/// Offsets: a block's chain counts from 0 at the block, in each stage's own input. Stage k
/// of a serial run has seen, before the block, what stage k of each earlier block took in;
/// that differs from stage to stage once one changes the length of the text, so each
/// stage's diagnostics are shifted by its own count.
///
/// Order: a serial run reports, for each chunk, what the decoder found in it, then invalid
/// UTF-8 in it, then what the chain found while taking it in. Text a transform held back
/// at a chunk's end (a window transform holds a last "\n") is reported while the next
/// chunk is taken in, after that chunk's decoder and UTF-8 reports. A block's chain
/// reports such text when the block finishes; those reports are held here and let out at
/// that same place in the next block.
///
/// Output goes on piece by piece, after each piece's reports, to `output`: the sink, or
/// the rest of the chain, which runs on this thread over the whole stream when only the
/// chain's first transforms clean lines on their own. What a block's chain held back to
/// its end is held here too, and goes on with the next output, as a serial run's stage
/// would write it with its next; so the rest of the chain reads the same stream in the
/// same steps, and reports the same things at the same places.
final class BlockMerger {
    /// The session's collector: it counts the warnings and prints them.
    let diagnostics: DiagnosticCollector
    private let output: (UnsafeBufferPointer<UInt8>) throws -> Void
    private var stageBases: [Int]
    private var inputBase = 0
    private var held: [Diagnostic] = []
    private var heldOutput: [UInt8] = []

    init(diagnostics: DiagnosticCollector, stageCount: Int, output: @escaping (UnsafeBufferPointer<UInt8>) throws -> Void) {
        self.diagnostics = diagnostics
        self.output = output
        stageBases = Array(repeating: 0, count: stageCount)
    }

    /// Reports `block`'s diagnostics and writes its output.
    func merge(_ block: Block, _ result: BlockResult) throws {
        var start = 0
        for (k, (piece, events)) in zip(block.pieces, result.pieceEvents).enumerated() {
            for diagnostic in piece.decoderDiagnostics { diagnostics.add(diagnostic) }
            for event in events { report(event) }
            releaseHeld()
            let end = result.pieceOutputEnds[k]
            try result.output.withUnsafeBufferPointer { try write(UnsafeBufferPointer(rebasing: $0[start..<end])) }
            start = end
        }
        held = result.finishEvents.map(shifted)
        heldOutput.append(contentsOf: result.output[start...])
        inputBase += result.inputCount
        for (stage, count) in result.stageInputCounts.enumerated() { stageBases[stage] += count }
    }

    /// Writes output made at the current place of the stream (a block's, or the serial
    /// run's that takes over after an overlong line), after what the last block held back.
    func write(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        try flushHeldOutput()
        if !bytes.isEmpty { try output(bytes) }
    }

    /// Writes what the last block held back: at the end of the stream.
    func flushHeldOutput() throws {
        guard !heldOutput.isEmpty else { return }
        let bytes = heldOutput
        heldOutput = []
        try bytes.withUnsafeBufferPointer(output)
    }

    /// Reports a diagnostic of the rest of the chain, which runs over the whole stream:
    /// its offsets are the stream's already.
    func reportAfterBlocks(_ diagnostic: Diagnostic) {
        releaseHeld()
        diagnostics.add(diagnostic)
    }

    /// Reports one diagnostic of a chain running at the current place of the stream (a
    /// block's, or the serial run that takes over after an overlong line).
    func report(_ event: BlockResult.Event) {
        if event.stage != ChainRunner.inputStage { releaseHeld() }
        diagnostics.add(shifted(event))
    }

    /// Reports what the last block held back at its end.
    func releaseHeld() {
        guard !held.isEmpty else { return }
        for diagnostic in held { diagnostics.add(diagnostic) }
        held = []
    }

    private func shifted(_ event: BlockResult.Event) -> Diagnostic {
        var diagnostic = event.diagnostic
        let base = event.stage == ChainRunner.inputStage || stageBases.isEmpty ? inputBase : stageBases[event.stage]
        diagnostic.range = (diagnostic.range.lowerBound + base)..<(diagnostic.range.upperBound + base)
        return diagnostic
    }
}
