import FixTextCore

/// One block cleaned by a fresh chain, on a worker thread: its output and what the chain
/// reported, with offsets still relative to the block.
struct BlockResult: Sendable {
    /// A diagnostic and the stage in whose input its offsets are
    /// (``ChainRunner/inputStage`` for invalid UTF-8 in the block).
    struct Event: Sendable {
        var stage: Int
        var diagnostic: Diagnostic
    }

    var output: [UInt8] = []
    /// What each piece of the block gave rise to, in the order it was reported.
    var pieceEvents: [[Event]] = []
    /// Where the output the chain wrote while it took in each piece ends; what follows the
    /// last is what it held back until the block ended.
    var pieceOutputEnds: [Int] = []
    /// What the chain reported when the block ended: text held back until then, such as
    /// a last line whose "\n" a window transform held.
    var finishEvents: [Event] = []
    /// How many bytes each stage took in: what the next block's offsets are shifted by.
    var stageInputCounts: [Int] = []
    var inputCount = 0

    /// Runs `block` through fresh transforms of `chain`, fed in the block's pieces, as
    /// a serial run feeds them.
    static func run(_ block: Block, chain: Chain) throws -> BlockResult {
        let collected = EventList()
        let runner = ChainRunner(
            try chain.makeTransforms(), diagnostics: DiagnosticCollector(keepLimit: 0),
            onStageDiagnostic: { stage, diagnostic in collected.events.append(Event(stage: stage, diagnostic: diagnostic)) }
        )
        var result = BlockResult()
        result.output.reserveCapacity(block.bytes.count + block.bytes.count / 8)
        let sink: (UnsafeBufferPointer<UInt8>) -> Void = { result.output.append(contentsOf: $0) }
        try block.bytes.withUnsafeBufferPointer { all in
            var start = 0
            for piece in block.pieces {
                if piece.end > start {
                    try runner.write(UnsafeBufferPointer(rebasing: all[start..<piece.end]), to: sink)
                }
                result.pieceEvents.append(collected.take())
                result.pieceOutputEnds.append(result.output.count)
                start = piece.end
            }
        }
        try runner.finish(to: sink)
        result.finishEvents = collected.take()
        result.stageInputCounts = runner.stageInputCounts
        result.inputCount = runner.inputCount
        return result
    }
}

/// Diagnostics gathered by the closure a runner calls.
final class EventList {
    var events: [BlockResult.Event] = []

    func take() -> [BlockResult.Event] {
        defer { events = [] }
        return events
    }
}
