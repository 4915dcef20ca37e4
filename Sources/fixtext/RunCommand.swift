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
            """
    )

    @OptionGroup var chainOptions: ChainOptions

    @Option(
        name: [.customShort("o"), .customLong("output")],
        help: ArgumentHelp("Write here instead of standard output; the file appears only when complete.", valueName: "file")
    )
    var output: String?

    /// What the options say, as plain values.
    var request: RunRequest { RunRequest(settings: chainOptions.settings, output: output) }

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

    /// The checks of the run command itself (``ChainSettings/validate()`` checks the rest).
    func validate() throws {
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
        for path in settings.inputs {
            try session.run(path) { bytes in try out.write(bytes) }
        }
        try out.commit()
        if session.reporter.warnings > 0 { throw ExitCode(ExitStatus.finishedWithProblems.rawValue) }
    }
}
