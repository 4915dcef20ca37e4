import ArgumentParser
import FixTextCore
import FixTextIO

/// `fixtext [run]`: repairs the inputs and writes the result.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Repair the input and write the result (the default command).",
        discussion: """
            Each input file is its own document: the chain starts afresh for each, and the \
            outputs follow one another. Bytes that are not UTF-8 pass through unchanged and \
            are reported (exit status 3); use --from to decode a legacy encoding.

            A large input is cleaned on all cores (--jobs) when every transform of the chain \
            treats each line on its own (mojibake, normalize, the OpenCC conversions; not \
            boilerplate, nor strip-pinyin with its page check): it is cut into blocks of whole \
            lines, cleaned by fresh chains on several threads, and written in order, with the \
            same bytes, warnings and exit status as on one thread. Output then comes a block \
            (512 KiB) at a time; --jobs 1 writes it as it goes.
            """
    )

    @OptionGroup var chainOptions: ChainOptions

    @Option(
        name: [.customShort("o"), .customLong("output")],
        help: ArgumentHelp("Write here instead of standard output; the file appears only when complete.", valueName: "file")
    )
    var output: String?

    @Option(
        help: ArgumentHelp(
            "Threads that clean one input at once (default: the core count). Used when the chain's first transforms declare their lines independent (fixtext list NAME says so): the input is cut into blocks at line ends for them, the rest of the chain reads their output in order on one thread, and the output is the same bytes as with --jobs 1, which runs on one thread and writes output as it goes. --strict runs on one thread.",
            valueName: "n"
        )
    )
    var jobs: Int?

    /// For tests: the block size of parallel runs, small to exercise many blocks.
    @Option(name: .customLong("block-bytes"), help: .hidden)
    var blockBytes: Int?

    /// What the options say, as plain values.
    var request: RunRequest { RunRequest(settings: chainOptions.settings, output: output, jobs: jobs, blockBytes: blockBytes) }

    func validate() throws {
        try request.validate()
    }

    func run() throws {
        try request.run()
    }
}

/// A run over the inputs, as plain values: what ``RunCommand`` parses, or what
/// ``QuickRunParser`` reads without ArgumentParser.
struct RunRequest: Equatable {
    var settings: ChainSettings
    var output: String?
    /// nil: the core count.
    var jobs: Int?
    /// nil: ``Parallelism``'s own.
    var blockBytes: Int?

    var parallelism: Parallelism {
        var parallelism = Parallelism(requestedJobs: jobs)
        if let blockBytes { parallelism.blockBytes = blockBytes }
        return parallelism
    }

    /// The checks of the run command itself (``ChainSettings/validate()`` checks the rest).
    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if let blockBytes, blockBytes < 1 { throw ValidationError("--block-bytes must be at least 1") }
        guard let output, let target = FileOutput.identity(of: output) else { return }
        for path in settings.inputs where path != "-" {
            if let source = FileOutput.identity(of: path), source == target {
                throw ValidationError("the output '\(output)' is also an input; write to another file")
            }
        }
    }

    func run() throws {
        let session = try ChainSession(settings)
        let out = try output.map { path throws(IOError) in try FileOutput(path: path) } ?? FileOutput()
        let parallelism = self.parallelism
        for path in settings.inputs {
            try session.run(path, parallelism: parallelism) { bytes in try out.write(bytes) }
        }
        try out.commit()
        if session.reporter.warnings > 0 { throw ExitCode(ExitStatus.finishedWithProblems.rawValue) }
    }
}
