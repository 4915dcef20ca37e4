import ArgumentParser
import FixTextCore
import FixTextIO

/// `fixtext explain`: says what a chain would change, where, and why.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show each change a chain makes: where, what, which transform, and why.",
        discussion: """
            Places are given as line:column (columns count characters) and as byte offsets \
            in the input, after --from decoding and gzip decompression. The repaired text \
            itself is not written. The input is held in memory to show places.

            With --json, each change is one JSON object per line:
              {"kind":"change","transform":"normalize","start":12,"end":14,"line":3,"column":5,
               "original":"\\u00a0","replacement":" ","reason":"U+00A0 NO-BREAK SPACE → space"}
            and each problem found in the input is {"kind":"problem", ...}.
            """
    )

    @OptionGroup var chainOptions: ChainOptions

    @Flag(help: "One JSON object per line, for machines.")
    var json = false

    func run() throws {
        let session = try ChainSession(chainOptions.settings)
        let out = FileOutput()
        for path in chainOptions.settings.inputs {
            var input: [UInt8] = []
            let runner = try session.run(path, recordChanges: true, onInput: { input.append(contentsOf: $0) }) { _ in }
            let problems = runner.diagnostics.kept
            let lines = LineIndex(input)
            let name = path == "-" ? "<stdin>" : path
            var text = ""
            for change in runner.changes {
                let place = lines.place(of: change.range.lowerBound, in: input)
                text += json
                    ? ChangeFormatter.json(change, place: place, file: name) + "\n"
                    : ChangeFormatter.human(change, place: place, file: chainOptions.settings.inputs.count > 1 ? name : nil) + "\n"
            }
            if json {
                for problem in problems {
                    text += ChangeFormatter.json(problem, place: lines.place(of: problem.range.lowerBound, in: input), file: name) + "\n"
                }
            }
            if !json && runner.changes.isEmpty {
                text += (chainOptions.settings.inputs.count > 1 ? "\(name): " : "") + "no changes\n"
            }
            try Array(text.utf8).withUnsafeBufferPointer { try out.write($0) }
        }
        try out.commit()
        if session.reporter.warnings > 0 { throw ExitCode(ExitStatus.finishedWithProblems.rawValue) }
    }
}

/// Line starts of a text, to turn byte offsets into line:column.
struct LineIndex {
    private var starts: [Int] = [0]

    init(_ bytes: [UInt8]) {
        for (i, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(i + 1)
        }
    }

    /// The 1-based line, and the 1-based column counted in characters (UTF-8 lead bytes).
    func place(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var low = 0, high = starts.count
        while low < high {
            let mid = (low + high) / 2
            if starts[mid] <= offset { low = mid + 1 } else { high = mid }
        }
        let start = starts[low - 1]
        let end = min(offset, bytes.count)
        let column = bytes[start..<max(start, end)].reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        return (low, column + 1)
    }
}
