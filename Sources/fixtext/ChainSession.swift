import FixTextCore
import FixTextIO

/// Runs a chain over the inputs of one command, one stream per input, and tells the user
/// about problems as they are found.
struct ChainSession {
    let chain: Chain
    let options: ChainSettings
    let reporter: ProblemReporter

    init(_ options: ChainSettings) throws {
        self.options = options
        chain = try options.resolveChain()
        reporter = ProblemReporter(multipleInputs: options.inputs.count > 1)
    }

    /// Runs the chain over `path` in blocks on several threads when `parallelism` and the
    /// chain allow it (``Parallelism/applies(to:recordChanges:strict:)``), else serially;
    /// the output, the same bytes either way, goes to `sink`.
    func run(_ path: String, parallelism: Parallelism, sink: @escaping (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        guard parallelism.applies(to: chain, recordChanges: false, strict: options.strict) else {
            try run(path, sink: sink)
            return
        }
        let input = try FileInput(path: path)
        let decoder = try InputDecoder(input, encoding: options.encoding, strict: options.strict)
        let diagnostics = DiagnosticCollector(keepLimit: 0) { diagnostic in
            reporter.report(diagnostic, in: input.displayName)
        }
        try runInBlocks(decoder, jobs: parallelism.jobs, parallelism: parallelism, diagnostics: diagnostics, sink: sink)
        reporter.finish(input.displayName)
    }

    /// Runs the chain over `path`; the output goes to `sink`. Returns the finished runner,
    /// which holds the changes when `recordChanges` is set.
    @discardableResult
    func run(
        _ path: String,
        recordChanges: Bool = false,
        onInput: (UnsafeBufferPointer<UInt8>) -> Void = { _ in },
        sink: (UnsafeBufferPointer<UInt8>) throws -> Void
    ) throws -> ChainRunner {
        let input = try FileInput(path: path)
        let decoder = try InputDecoder(input, encoding: options.encoding, strict: options.strict)
        let diagnostics = DiagnosticCollector(keepLimit: recordChanges ? 100_000 : 0) { diagnostic in
            reporter.report(diagnostic, in: input.displayName)
        }
        let runner = ChainRunner(try chain.makeTransforms(), recordChanges: recordChanges, diagnostics: diagnostics)
        let encoding = options.encoding ?? "utf-8"
        try decoder.forEachChunk(onUndecodable: { offset, bytes in
            diagnostics.add(
                Diagnostic(
                    severity: .warning, source: "input", range: offset..<(offset + bytes.count),
                    message: "\(Hex.bytes(bytes)) is not valid \(encoding); replaced by U+FFFD"
                )
            )
        }) { chunk in
            onInput(chunk)
            try runner.write(chunk, to: sink)
            try failIfStrict(diagnostics, input.displayName)
        }
        try runner.finish(to: sink)
        try failIfStrict(diagnostics, input.displayName)
        reporter.finish(input.displayName)
        return runner
    }

    /// With --strict, invalid UTF-8 in the input ends the run.
    private func failIfStrict(_ diagnostics: DiagnosticCollector, _ name: String) throws {
        guard options.strict, diagnostics.warningCount > 0 else { return }
        throw StrictInputError(path: name)
    }
}

struct StrictInputError: FixTextError {
    var path: String
    var exitStatus: ExitStatus { .ioFailure }
    var description: String { "'\(path)': input is not valid UTF-8 (--strict); see the warning above" }
}

/// Prints problems to standard error: the first few of each input in full, then a count.
final class ProblemReporter {
    static let shownPerInput = 20
    let multipleInputs: Bool
    private(set) var warnings = 0
    private var shown = 0
    private var hidden = 0

    init(multipleInputs: Bool) {
        self.multipleInputs = multipleInputs
    }

    func report(_ diagnostic: Diagnostic, in input: String) {
        if diagnostic.severity == .warning { warnings += 1 }
        guard shown < Self.shownPerInput else {
            hidden += 1
            return
        }
        shown += 1
        let place = multipleInputs || input != "<stdin>" ? "\(input): " : ""
        Terminal.printError("fixtext: \(place)\(diagnostic.severity.rawValue): \(diagnostic.source): byte \(diagnostic.range.lowerBound): \(diagnostic.message)")
    }

    func finish(_ input: String) {
        if hidden > 0 {
            Terminal.printError("fixtext: \(input): \(hidden) more problems not shown")
        }
        shown = 0
        hidden = 0
    }
}
