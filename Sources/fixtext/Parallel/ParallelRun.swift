import FixTextCore
import FixTextIO
import FoundationEssentials

/// How `fixtext run` may spread one input over the cores.
///
/// One big input (a file, or a stream on standard input) is the common case, and `bulk`'s
/// parallelism (files, records) does not help it. When the first transforms of the chain
/// declare that a line's output never depends on other lines
/// (``TransformDescriptor/linesAreIndependent``), the decoded stream is cut into blocks at
/// line ends, each block is cleaned by fresh transforms of those on a worker, and the
/// outputs are written in input order: the same bytes as those transforms over the whole
/// stream, since they would have treated each line alike. The rest of the chain, if any
/// (`strip-pinyin` with its page check, `boilerplate`), reads that stream on the calling
/// thread, as it would in a serial run. Diagnostics are shifted to the stream's offsets
/// and reported in the serial run's order (``BlockMerger``).
struct Parallelism: Equatable {
    /// Threads that clean blocks, as asked with --jobs; nil: the core count. 1 is the
    /// serial run.
    var requestedJobs: Int?
    /// About how long a block is: long enough that making a chain and handing the block
    /// to a thread cost nothing beside cleaning it (a fresh mojibake transform is about 1M
    /// instructions, its tables being shared; 4 MB of garbled text in blocks of this size
    /// took 0.4% more instructions than in one), short enough that the last blocks keep
    /// every core busy (with 2 MiB, a 10 MB input was five blocks for two threads, and the
    /// run 3–10% slower than with 512 KiB).
    var blockBytes = 512 << 10
    /// A line longer than this ends the parallel run: the rest of the input is cleaned
    /// serially, as it comes, so that memory stays bounded however long the line.
    var maxBlockBytes: Int { 16 * blockBytes }

    /// The threads to use: what --jobs asked, or the processors this process may run on,
    /// counted as `bulk` counts them. Asked only once a chain qualifies, so that runs of
    /// other chains do not pay for the question at start-up.
    var jobs: Int { requestedJobs ?? ProcessInfo.processInfo.activeProcessorCount }

    /// Whether a run of `chain` may be cleaned in blocks. `explain` records changes and
    /// `--strict` stops at the first bad byte: both stay serial.
    func applies(to chain: Chain, recordChanges: Bool, strict: Bool) -> Bool {
        !recordChanges && !strict && chain.lineIndependentPrefixCount > 0 && jobs > 1
    }
}

extension ChainSession {
    /// Runs the chain over one decoded input in blocks on `jobs` threads.
    func runInBlocks(
        _ decoder: InputDecoder, jobs: Int, parallelism: Parallelism, diagnostics: DiagnosticCollector,
        sink: @escaping (UnsafeBufferPointer<UInt8>) throws -> Void
    ) throws {
        let encoding = options.encoding ?? "utf-8"
        let inBlocks = chain.lineIndependentPrefixCount
        let blockChain = Chain(links: Array(chain.links[..<inBlocks]))
        // The rest of the chain, made before any text is read, as a serial run makes it.
        // (Bytes that are not UTF-8 reach it untouched, and were reported as the blocks
        // took them in: its own report of them is not passed on.) Weak: the merger writes
        // to this runner, which reports to the merger.
        weak var merger: BlockMerger?
        let rest = inBlocks < chain.links.count
            ? ChainRunner(
                try Chain(links: Array(chain.links[inBlocks...])).makeTransforms(), diagnostics: DiagnosticCollector(keepLimit: 0),
                onStageDiagnostic: { stage, diagnostic in
                    if stage != ChainRunner.inputStage { merger?.reportAfterBlocks(diagnostic) }
                }
            )
            : nil
        let blocksMerger = BlockMerger(diagnostics: diagnostics, stageCount: inBlocks, output: rest.map { rest in { try rest.write($0, to: sink) } } ?? sink)
        merger = blocksMerger
        try runBlocks(decoder, encoding: encoding, chain: blockChain, jobs: jobs, parallelism: parallelism, merger: blocksMerger)
        try rest?.finish(to: sink)
    }

    /// Cleans the decoded stream in blocks with `chain`, whose every transform cleans each
    /// line on its own, and hands the outputs and diagnostics to `merger` in order.
    private func runBlocks(
        _ decoder: InputDecoder, encoding: String, chain: Chain, jobs: Int, parallelism: Parallelism, merger: BlockMerger
    ) throws {
        let diagnostics = merger.diagnostics
        let pipeline = BlockPipeline(jobs: jobs, chain: chain) { block, result in
            try merger.merge(block, result)
        }
        var splitter = BlockSplitter(blockBytes: parallelism.blockBytes, maxBlockBytes: parallelism.maxBlockBytes)
        /// Once a line outgrows a block, the rest of the input goes through this one chain.
        var serialRest: ChainRunner?
        try decoder.forEachChunk(onUndecodable: { offset, bytes in
            let diagnostic = Diagnostic(
                severity: .warning, source: "input", range: offset..<(offset + bytes.count),
                message: "\(Hex.bytes(bytes)) is not valid \(encoding); replaced by U+FFFD"
            )
            if serialRest != nil { diagnostics.add(diagnostic) } else { splitter.note(diagnostic) }
        }) { chunk in
            if let runner = serialRest {
                try runner.write(chunk, to: merger.write)
                merger.releaseHeld()
                return
            }
            splitter.add(chunk)
            while let block = splitter.nextBlock() { try pipeline.submit(block) }
            if splitter.isOverlong {
                try pipeline.drain()
                let runner = try Self.serialRunner(chain, merger)
                let rest = splitter.takeRest()
                try rest.bytes.withUnsafeBufferPointer { all in
                    var start = 0
                    for piece in rest.pieces {
                        for diagnostic in piece.decoderDiagnostics { diagnostics.add(diagnostic) }
                        try runner.write(UnsafeBufferPointer(rebasing: all[start..<piece.end]), to: merger.write)
                        merger.releaseHeld()
                        start = piece.end
                    }
                }
                serialRest = runner
            }
        }
        if let runner = serialRest {
            try runner.finish(to: merger.write)
        } else {
            let rest = splitter.takeRest()
            // A last block of nothing after others would only run a fresh chain over no
            // text; what the decoder said at the end comes after them. An empty input is
            // still one block, so that the chain is made (and fails, if it does) as in a
            // serial run.
            let runRest = !rest.bytes.isEmpty || !pipeline.hasBlocks
            if runRest { try pipeline.submit(rest) }
            try pipeline.drain()
            if !runRest {
                for piece in rest.pieces { for diagnostic in piece.decoderDiagnostics { diagnostics.add(diagnostic) } }
            }
        }
        merger.releaseHeld()
        try merger.flushHeldOutput()
    }

    /// A chain that continues the stream where the blocks stop, reporting through the
    /// merger as it goes.
    private static func serialRunner(_ chain: Chain, _ merger: BlockMerger) throws -> ChainRunner {
        ChainRunner(
            try chain.makeTransforms(), diagnostics: DiagnosticCollector(keepLimit: 0),
            onStageDiagnostic: { stage, diagnostic in merger.report(BlockResult.Event(stage: stage, diagnostic: diagnostic)) }
        )
    }
}
