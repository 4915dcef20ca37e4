import ArgumentParser
import Dispatch
import FoundationEssentials
import Synchronization
import FixTextBuiltins
import FixTextCore
import FixTextIO

#if canImport(Glibc)
import Glibc
#endif

/// `fixtext bulk`: cleans crawl archives (WARC, WET, JSONL, text; gzipped or not) into an
/// output folder, one output per input, on all cores, resumably, with a report.
struct BulkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bulk",
        abstract: "Clean crawl archives (WARC/WET, JSONL, text; gzipped or not) into a folder, on all cores.",
        discussion: """
            Each input becomes one output of the same format under OUTDIR, with the same name \
            (inputs found in a folder keep their path inside it). An output appears only when \
            complete; a rerun skips inputs whose output exists (--force redoes them), so a run \
            that was killed can simply be run again, and gives the same bytes.

            WARC/WET: the text of WET conversion records, and of resource and response records \
            with a text/plain payload, is cleaned, one record as one document. Other records \
            are copied. Content-Length and WARC-Block-Digest are recomputed; a record whose \
            text changed gets a new WARC-Record-ID (the old one is kept in \
            WARC-Fixtext-Original-Record-ID); each record is one gzip member; a new warcinfo \
            record names fixtext and the chain. Records the chain leaves empty are dropped \
            (--keep-empty keeps them).

            JSONL: the field --text-field of each line is cleaned; the rest of the line is \
            kept byte for byte. Text files: each file is one document.

            STREAMING
              --stdin-format jsonl reads JSONL records on standard input and writes them, \
            cleaned and in order, on standard output, in bounded memory (for Spark's \
            RDD.pipe and other pipelines). No OUTDIR and no input files. Each record with \
            a problem is printed on standard error as it is found, with its line number, \
            and written unchanged (a line over --max-record-mb is left out). Records the \
            chain leaves empty are dropped unless --keep-empty. Output comes in batches of \
            lines, not line by line.

            BAD INPUT
              A record that cannot be read (cut off, malformed header, damaged gzip) is \
            reported and left out; after damaged gzip data, reading resumes at the next \
            member. A payload that looks binary, or is not UTF-8 and declares no \
            charset, is reported and written unchanged. A declared charset (HTTP \
            Content-Type) is decoded with ICU. The run goes on; the exit status is then 3.

            EXAMPLES
              fixtext bulk -c default,boilerplate -o clean/ crawl/*.warc.wet.gz
              fixtext bulk -o clean/ --inputs-from files.txt --report report.json
              fixtext bulk -o clean/ --text-field content --jobs 8 data/       # a folder
              fixtext bulk -o clean/ --force pages.jsonl.gz                     # redo
              gzip -dc pages.jsonl.gz | fixtext bulk --stdin-format jsonl -c default,t2s > clean.jsonl

            EXIT STATUS
              0 success; 1 an input or output failed; 2 usage error; 3 finished with \
            reported problems (see the summary and the report)
            """
    )

    @Option(name: [.customShort("c"), .customLong("chain")], help: ArgumentHelp("The chain to run. Default: the safe repair chain.", valueName: "chain"))
    var chain: String?

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("The folder for the outputs (created if missing).", valueName: "outdir"))
    var outputDirectory: String?

    enum StreamFormat: String, ExpressibleByArgument, CaseIterable {
        case jsonl

        /// The format of the input it reads.
        var inputFormat: BulkInput.Format {
            switch self {
            case .jsonl: .jsonl
            }
        }
    }

    @Option(name: .customLong("stdin-format"), help: ArgumentHelp("Clean records from standard input to standard output instead of files (see STREAMING).", valueName: "jsonl"))
    var stdinFormat: StreamFormat?

    @Option(name: .customLong("inputs-from"), help: ArgumentHelp("Read more inputs from this file, one a line.", valueName: "file"))
    var inputsFrom: String?

    @Option(help: ArgumentHelp("Worker threads; default: the number of cores.", valueName: "n"))
    var jobs: Int?

    @Option(name: .customLong("text-field"), help: ArgumentHelp("The JSONL field that holds the text.", valueName: "name"))
    var textField = "text"

    @Option(name: .customLong("url-field"), help: ArgumentHelp("The JSONL field with the page's URL, whose host groups pages for --remove-repeated-lines.", valueName: "name"))
    var urlField = "url"

    @Option(
        name: .customLong("remove-repeated-lines"),
        help: ArgumentHelp("Remove lines found in more than N documents of the same host (menus, copyright lines, SEO titles); a first pass over all inputs counts them.", valueName: "n")
    )
    var repeatedLinesThreshold: Int?

    @Option(name: .customLong("repeated-lines-memory-mb"), help: ArgumentHelp("Memory for counting repeated lines; more distinct lines than fit are counted in more passes.", valueName: "mb"))
    var repeatedLinesMemoryMB = 1024

    /// For tests: the count table's size in entries, overriding the memory option.
    @Option(name: .customLong("repeated-lines-max-entries"), help: ArgumentHelp(visibility: .hidden))
    var repeatedLinesMaxEntries: Int?

    @Flag(name: .customLong("keep-empty"), help: "Keep records the chain leaves empty, instead of dropping them.")
    var keepEmpty = false

    @Flag(help: "Redo inputs whose output already exists.")
    var force = false

    @Option(help: ArgumentHelp("Write a JSON report of what was done, per input and in total.", valueName: "file"))
    var report: String?

    @Option(name: .customLong("max-record-mb"), help: ArgumentHelp("Records larger than this are reported and left out.", valueName: "mb"))
    var maxRecordMB = 256

    @Flag(name: .customLong("progress"), inversion: .prefixedNo, help: "Show a progress line on standard error (default: when it is a terminal).")
    var progress: Bool?

    @OptionGroup var plugins: PluginOptions

    @Argument(help: ArgumentHelp("Input files, folders or glob patterns.", valueName: "input"))
    var inputs: [String] = []

    func validate() throws {
        if stdinFormat != nil {
            if !inputs.isEmpty || inputsFrom != nil { throw ValidationError("--stdin-format reads standard input: give no input files") }
            if outputDirectory != nil { throw ValidationError("--stdin-format writes standard output: give no -o OUTDIR") }
            if repeatedLinesThreshold != nil { throw ValidationError("--remove-repeated-lines needs two passes over files; it cannot read standard input") }
            if force { throw ValidationError("--force redoes output files; --stdin-format has none") }
        } else if outputDirectory == nil {
            throw ValidationError("give the output folder: -o OUTDIR (or --stdin-format jsonl to clean standard input)")
        }
        if stdinFormat == nil && inputs.isEmpty && inputsFrom == nil { throw ValidationError("give at least one input, or --inputs-from FILE") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if maxRecordMB < 1 { throw ValidationError("--max-record-mb must be at least 1") }
        if let repeatedLinesThreshold, repeatedLinesThreshold < 1 { throw ValidationError("--remove-repeated-lines must be at least 1") }
        if repeatedLinesMemoryMB < 1 { throw ValidationError("--repeated-lines-memory-mb must be at least 1") }
    }

    func run() throws {
        let chain = try Chain.resolve(self.chain ?? DefaultChain.spec, in: CommandRegistry.load(plugins: plugins.paths), loader: .fromEnvironment())
        _ = try chain.makeTransforms()
        if let stdinFormat { return try runStream(stdinFormat, chain: chain) }
        let outputDirectory = self.outputDirectory!
        let outdir = outputDirectory.hasSuffix("/") && outputDirectory.count > 1 ? String(outputDirectory.dropLast()) : outputDirectory
        let all = try BulkInputs.resolve(inputs, inputsFrom: inputsFrom, outputDirectory: outdir)
        let done = all.map { !force && BulkInputs.exists($0.outputPath) }
        let todo = zip(all, done).filter { !$0.1 }.map(\.0)
        let skipped = zip(all, done).filter { $0.1 }.map(\.0)
        let jobs = self.jobs ?? ProcessInfo.processInfo.activeProcessorCount
        // Many files: one file per worker. Fewer files than workers: the records of each
        // file are spread over all workers.
        let filesAtOnce = todo.count >= jobs ? jobs : 1
        var settings = BulkSettings(
            chain: chain, workers: filesAtOnce == 1 ? jobs : 1, keepEmpty: keepEmpty, textField: textField,
            maxRecordBytes: maxRecordMB << 20, gzipLevel: 6, urlField: urlField
        )
        if let repeatedLinesThreshold, !todo.isEmpty {
            // Counted over every input, also those already done, so that a rerun decides
            // the same and gives the same bytes.
            let repeated = RepeatedLines(threshold: repeatedLinesThreshold)
            let cleaner = RecordCleaner(chain: chain, keepEmpty: keepEmpty)
            try repeated.count(maxEntries: repeatedLinesMaxEntries ?? max(1024, (repeatedLinesMemoryMB << 20) / 32)) { body in
                for input in all { try BulkFileJob.forEachDocument(input, settings: settings, cleaner: cleaner, body) }
            }
            settings.repeated = repeated
            if self.progress ?? (isatty(STDERR_FILENO) == 1) {
                Terminal.printError("fixtext bulk: \(repeated.frequent.count) repeated lines found in \(repeated.passes) passes")
            }
        }
        let progress = BulkProgress(files: todo.count, totalInputBytes: todo.reduce(0) { $0 + $1.size }, enabled: self.progress ?? (isatty(STDERR_FILENO) == 1))
        let outcomes = Results<BulkStats>(count: todo.count)
        let next = Counter()
        let work: (Int) -> Void = { _ in
            while let index = next.take(below: todo.count) {
                let input = todo[index]
                outcomes.set(index, Result {
                    let stats = try BulkFileJob(input, settings: settings, progress: progress).run()
                    progress.fileDone(inputBytes: input.size)
                    return stats
                })
            }
        }
        if filesAtOnce == 1 {
            work(0)
        } else {
            let box = UncheckedSendable(work)
            DispatchQueue.concurrentPerform(iterations: filesAtOnce) { box.value($0) }
        }
        progress.finish()

        // Inputs done by an earlier run count in the total with the counts kept beside
        // their outputs, so that a resumed run reports the whole job.
        var total = BulkStats()
        for input in skipped {
            guard let stats = BulkStats.load(besideOutput: input.outputPath) else { continue }
            total.add(stats)
            if let made = stats.chain, made != chain.canonicalSpec {
                Terminal.printError("fixtext: warning: '\(input.outputPath)' was made with the chain '\(made)', not '\(chain.canonicalSpec)'; skipped as complete (--force redoes it)")
            }
        }
        var perInput: [(BulkInput, Result<BulkStats, any Error>)] = []
        var failedInputs = 0
        for (index, input) in todo.enumerated() {
            let outcome = Result { try outcomes.get(index) }
            perInput.append((input, outcome))
            switch outcome {
            case .success(let stats): total.add(stats)
            case .failure(let error):
                failedInputs += 1
                Terminal.printError("fixtext: \(input.path): \(error)")
            }
        }
        for (input, outcome) in perInput {
            guard case .success(let stats) = outcome else { continue }
            for message in stats.problems { Terminal.printError("fixtext: \(input.path): \(message)") }
            if stats.problemCount > stats.problems.count {
                Terminal.printError("fixtext: \(input.path): \(stats.problemCount - stats.problems.count) more problems not shown")
            }
        }
        Terminal.printError(summary(total, done: todo.count - failedInputs, skipped: skipped.count, failed: failedInputs))
        try finish(total, perInput: perInput, skipped: skipped, failed: failedInputs > 0, chain: chain, jobs: jobs)
    }

    /// Writes the report, if one was asked for, then ends with the exit status: an input
    /// that failed first, then problems reported.
    private func finish(_ total: BulkStats, perInput: [(BulkInput, Result<BulkStats, any Error>)], skipped: [BulkInput], failed: Bool, chain: Chain, jobs: Int) throws {
        if let report {
            let text = reportJSON(total, perInput: perInput, skipped: skipped, chain: chain, jobs: jobs)
            let out = try FileOutput(path: report)
            try Array(text.utf8).withUnsafeBufferPointer { try out.write($0) }
            try out.commit()
        }
        if failed { throw ExitCode(ExitStatus.ioFailure.rawValue) }
        if total.reported > 0 { throw ExitCode(ExitStatus.finishedWithProblems.rawValue) }
    }

    /// `--stdin-format`: standard input to standard output, one stream, its problems
    /// printed as they are found.
    private func runStream(_ format: StreamFormat, chain: Chain) throws {
        let input = BulkInput.standardStream(format.inputFormat)
        let jobs = self.jobs ?? ProcessInfo.processInfo.activeProcessorCount
        var settings = BulkSettings(
            chain: chain, workers: jobs, keepEmpty: keepEmpty, textField: textField,
            maxRecordBytes: maxRecordMB << 20, gzipLevel: 6, urlField: urlField
        )
        settings.onProblems = { messages in
            for message in messages { Terminal.printError("fixtext: <stdin>: \(message)") }
        }
        let progress = BulkProgress(files: 1, totalInputBytes: 0, enabled: self.progress ?? false)
        let outcome = Result { try BulkFileJob(input, settings: settings, progress: progress).run() }
        progress.finish()
        var total = BulkStats()
        var failed = false
        switch outcome {
        case .success(let stats): total = stats
        case .failure(let error):
            failed = true
            Terminal.printError("fixtext: <stdin>: \(error)")
        }
        Terminal.printError("fixtext bulk: standard input\(failed ? " FAILED" : ""); " + recordsSummary(total))
        try finish(total, perInput: [(input, outcome)], skipped: [], failed: failed, chain: chain, jobs: jobs)
    }

    private func summary(_ total: BulkStats, done: Int, skipped: Int, failed: Int) -> String {
        var text = "fixtext bulk: \(done) inputs cleaned"
        if skipped > 0 { text += ", \(skipped) skipped (output complete; --force redoes them)" }
        if failed > 0 { text += ", \(failed) FAILED" }
        return text + "; " + recordsSummary(total)
    }

    private func recordsSummary(_ total: BulkStats) -> String {
        var text = "records: \(total.recordsIn) in, \(total.recordsOut) out, \(total.recordsChanged) changed, "
        text += "\(total.recordsDropped) dropped (empty), \(total.recordsFailed) failed (unreadable, left out), "
        text += "\(total.recordsPassedThrough) passed through unchanged with a problem"
        if total.chainWarnings > 0 { text += "; \(total.chainWarnings) warnings from the chain" }
        return text
    }

    private func reportJSON(_ total: BulkStats, perInput: [(BulkInput, Result<BulkStats, any Error>)], skipped: [BulkInput], chain: Chain, jobs: Int) -> String {
        var text = "{\n  \"fixtext\": \(JSONText.quoted(FixTextVersion.current)),\n  \"chain\": \(JSONText.quoted(chain.canonicalSpec)),\n"
        text += "  \"jobs\": \(jobs),\n  \"total\": \(total.json(indent: "  ")),\n  \"inputs\": [\n"
        var entries: [String] = []
        for (input, outcome) in perInput {
            var entry = "    {\"input\": \(JSONText.quoted(input.path)), \"output\": \(JSONText.quoted(input.outputPath)), "
            switch outcome {
            case .success(let stats): entry += "\"status\": \"done\", \"counts\": \(stats.json(indent: "    "))}"
            case .failure(let error): entry += "\"status\": \"failed\", \"error\": \(JSONText.quoted("\(error)"))}"
            }
            entries.append(entry)
        }
        for input in skipped {
            var entry = "    {\"input\": \(JSONText.quoted(input.path)), \"output\": \(JSONText.quoted(input.outputPath)), \"status\": \"skipped: output complete\""
            if var stats = BulkStats.load(besideOutput: input.outputPath) {
                if let made = stats.chain { entry += ", \"chain\": \(JSONText.quoted(made))" }
                stats.chain = nil
                entry += ", \"counts\": \(stats.json(indent: "    "))"
            }
            entries.append(entry + "}")
        }
        return text + entries.joined(separator: ",\n") + "\n  ]\n}\n"
    }
}

/// Hands out indexes to threads.
final class Counter: Sendable {
    private let value = Mutex(0)
    func take(below limit: Int) -> Int? {
        value.withLock { value in
            guard value < limit else { return nil }
            value += 1
            return value - 1
        }
    }
}
