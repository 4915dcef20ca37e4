import Foundation
import FixTextTestSupport
import Testing

/// `fixtext bulk --stdin-format jsonl`: records on standard input, cleaned records on
/// standard output, run as the built binary.
@Suite("fixtext bulk --stdin-format (end to end)", .serialized)
struct BulkStreamTests {
    /// A JSON value as text with its keys sorted, to compare decoded objects.
    static func canonical(_ value: Any) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: [value], options: [.sortedKeys]), as: UTF8.self)
    }

    static func lines(_ bytes: [UInt8]) -> [String] {
        String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    @Test("standard input gives the same records, and the same counts, as the file it came from")
    func sameAsFiles() throws {
        let scratch = try BulkCommandTests.archives(records: 300)
        let jsonl = try SystemGzip.decompress(scratch.path + "/in/sample.jsonl.gz")
        try scratch.write("sample.jsonl", jsonl)
        let chain = "default,boilerplate,t2s"
        let files = try BinaryRunner.run(["bulk", "-c", chain, "-o", scratch.path + "/out", "--report", scratch.path + "/files.json", scratch.path + "/sample.jsonl"])
        #expect(files.status == 0, "\(files.stderr)")
        for jobs in ["1", "3"] {
            let stream = try BinaryRunner.run(["bulk", "--stdin-format", "jsonl", "-c", chain, "--jobs", jobs, "--report", scratch.path + "/stream.json"], stdin: jsonl)
            #expect(stream.status == 0, "\(stream.stderr)")
            let fromFile = try scratch.read("out/sample.jsonl")
            #expect(stream.stdout == fromFile, "--jobs \(jobs)")
            #expect(stream.stderr.contains("fixtext bulk: standard input; records: 300 in, 300 out"), "\(stream.stderr)")
            let want = try BulkCommandTests.report(scratch.path + "/files.json")
            let got = try BulkCommandTests.report(scratch.path + "/stream.json")
            let wantTotal = try #require(want["total"] as? [String: Any])
            let gotTotal = try #require(got["total"] as? [String: Any])
            #expect((gotTotal["records_changed"] as? Int ?? 0) > 100)
            for (key, value) in wantTotal {
                #expect(try Self.canonical(gotTotal[key] ?? "missing") == Self.canonical(value), "total \(key)")
            }
            let entry = try #require((got["inputs"] as? [[String: Any]])?.first)
            #expect(entry["input"] as? String == "-" && entry["status"] as? String == "done")
        }
        // Nothing is written beside a stream.
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).sorted() == ["files.json", "in", "out", "sample.jsonl", "stream.json"])
    }

    @Test("every bad record is reported on standard error with its line number, none only counted; written unchanged; exit 3")
    func everyProblemReported() throws {
        var input: [String] = []
        var bad: [Int] = []
        for i in 1...700 {
            switch i % 7 {
            case 3: input.append("not json \(i)"); bad.append(i)
            case 5: input.append(#"{"id":\#(i),"text":\#(i)}"#); bad.append(i)
            default: input.append(#"{"id":\#(i),"text":"第\#(i)行\u00a0文字"}"#)
            }
        }
        let result = try BinaryRunner.run(["bulk", "--stdin-format", "jsonl", "-c", "normalize", "--jobs", "2"], stdin: Array((input.joined(separator: "\n") + "\n").utf8))
        #expect(result.status == 3)
        let out = Self.lines(result.stdout)
        #expect(out.count == 701 && out.last == "")
        for (i, line) in zip(1..., out.dropLast()) {
            if bad.contains(i) {
                #expect(line == input[i - 1])
            } else {
                #expect(line == #"{"id":\#(i),"text":"第\#(i)行 文字"}"#)
            }
        }
        // 200 problems: more than the 50 a report keeps, each one printed.
        let reported = result.stderr.split(separator: "\n").filter { $0.hasPrefix("fixtext: <stdin>: line ") }
        #expect(reported.count == bad.count)
        for number in bad {
            let what = number % 7 == 3 ? "not a JSON object" : "field 'text' is not a string"
            #expect(reported.contains { $0.hasPrefix("fixtext: <stdin>: line \(number), starting ") && $0.hasSuffix("\(what); written unchanged") }, "line \(number)")
        }
        #expect(result.stderr.contains("records: 700 in, 700 out, 500 changed, 0 dropped (empty), 0 failed (unreadable, left out), 200 passed through unchanged with a problem"), "\(result.stderr)")
    }

    @Test("a line over --max-record-mb is reported and left out, the stream goes on; empty records dropped unless --keep-empty")
    func longLinesAndEmptyRecords() throws {
        let long = #"{"text":""# + String(repeating: "长", count: 400_000) + #""}"#
        let input = [#"{"id":1,"text":"一"}"#, long, #"{"id":3,"text":"\u00a0"}"#, #"{"id":4,"text":"四"}"#].joined(separator: "\n")
        let result = try BinaryRunner.run(["bulk", "--stdin-format", "jsonl", "-c", "normalize", "--max-record-mb", "1"], stdin: Array(input.utf8))
        #expect(result.status == 3)
        #expect(Self.lines(result.stdout) == [#"{"id":1,"text":"一"}"#, #"{"id":4,"text":"四"}"#, ""])
        #expect(result.stderr.contains("fixtext: <stdin>: line 2: longer than the limit of 1048576 bytes; skipped"), "\(result.stderr)")
        let kept = try BinaryRunner.run(["bulk", "--stdin-format", "jsonl", "-c", "normalize", "--keep-empty"], stdin: Array(input.utf8))
        #expect(kept.status == 0, "\(kept.stderr)")
        #expect(Self.lines(kept.stdout).count == 5)
    }

    @Test("a line over --max-record-mb is reported in input order, between the problems of the lines around it, and the lines after it keep their numbers")
    func longLineInOrder() throws {
        let long = #"{"text":""# + String(repeating: "长", count: 400_000) + #""}"#
        let input = ["not json 1", long, "not json 3", #"{"id":4,"text":"四"}"#, "not json 5"].joined(separator: "\n")
        let result = try BinaryRunner.run(["bulk", "--stdin-format", "jsonl", "-c", "normalize", "--max-record-mb", "1"], stdin: Array(input.utf8))
        #expect(result.status == 3)
        let reported = result.stderr.split(separator: "\n").filter { $0.hasPrefix("fixtext: <stdin>: line ") }
        let numbers = reported.map { $0.dropFirst("fixtext: <stdin>: line ".count).prefix { $0.isNumber } }
        #expect(numbers == ["1", "2", "3", "5"], "\(result.stderr)")
        #expect(reported.count == 4 && reported[1] == "fixtext: <stdin>: line 2: longer than the limit of 1048576 bytes; skipped")
        #expect(result.stderr.contains("records: 5 in, 4 out"), "\(result.stderr)")
    }

    @Test("usage errors exit 2, gzip on standard input exits 1; --help shows an example")
    func usageAndFailures() throws {
        let scratch = try Scratch()
        let file = try scratch.write("a.jsonl", Array(#"{"text":"x"}"#.utf8))
        for arguments in [
            ["--stdin-format", "jsonl", "-o", scratch.path + "/out"],
            ["--stdin-format", "jsonl", file],
            ["--stdin-format", "jsonl", "--remove-repeated-lines", "3"],
            ["--stdin-format", "warc"],
            [file],
        ] {
            let result = try BinaryRunner.run(["bulk"] + arguments)
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
        }
        let gzipped = try BinaryRunner.run(["bulk", "--stdin-format", "jsonl"], stdin: [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3])
        #expect(gzipped.status == 1)
        #expect(gzipped.stderr.contains("standard input is gzip data"))
        #expect(gzipped.stdout.isEmpty)
        let help = try BinaryRunner.run(["bulk", "--help"])
        #expect(help.text.contains("--stdin-format") && help.text.contains("| fixtext bulk --stdin-format jsonl"))
    }

    /// Runs `fixtext bulk --stdin-format jsonl` with standard input written in `pieces`,
    /// a pause between them, so that a pipe delivers them in separate reads.
    static func runWithPieces(_ pieces: [[UInt8]]) throws -> BinaryRunner.Result {
        try BinaryRunner.run(["bulk", "--stdin-format", "jsonl", "-c", "normalize", "--jobs", "1"], stdinPieces: pieces)
    }

    @Test("gzip on standard input is found when the pipe delivers its first byte alone; plain JSONL split so loses no byte")
    func gzipInAFirstByteAlone() throws {
        let gzip: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3]
        let gzipped = try Self.runWithPieces([[gzip[0]], Array(gzip[1...])])
        #expect(gzipped.status == 1)
        #expect(gzipped.stderr.contains("standard input is gzip data"), "\(gzipped.stderr)")
        #expect(gzipped.stdout.isEmpty)
        let line = Array(#"{"text":"一\u00a0二"}"#.utf8) + [10]
        let plain = try Self.runWithPieces([[line[0]], Array(line[1...])])
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(Self.lines(plain.stdout) == [#"{"text":"一 二"}"#, ""])
        let single = try Self.runWithPieces([[0x7B]])
        #expect(single.status == 3, "\(single.stderr)")
        #expect(single.stdout == [0x7B, 10])
    }

    @Test("records stream: output comes out while standard input is still open")
    func streams() throws {
        let process = Process()
        process.executableURL = BinaryRunner.productsDirectory.appendingPathComponent("fixtext")
        process.arguments = ["bulk", "--stdin-format", "jsonl", "-c", "normalize", "--jobs", "1"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Far more than one batch of lines, then stdin stays open until output is seen.
        let line = Data((#"{"text":"一段\u00a0文字"}"# + "\n").utf8)
        var lines = Data()
        for _ in 0..<20_000 { lines.append(line) }
        let chunk = lines
        let sawOutput = DispatchSemaphore(value: 0)
        let timedOut = Flag()
        let writer = Thread {
            input.fileHandleForWriting.write(chunk)
            // Standard input closes only once output was seen (or after two minutes,
            // which fails the test).
            if sawOutput.wait(timeout: .now() + 120) == .timedOut { timedOut.set() }
            try? input.fileHandleForWriting.close()
        }
        writer.start()
        var received = Data()
        while !received.contains(10) {
            let more = output.fileHandleForReading.availableData
            if more.isEmpty { break }
            received.append(more)
        }
        sawOutput.signal()
        received.append(output.fileHandleForReading.readDataToEndOfFile())
        process.waitUntilExit()
        #expect(!timedOut.value, "no output before standard input was closed")
        #expect(process.terminationStatus == 0)
        let out = Self.lines(Array(received))
        #expect(out.count == 20_001 && out[0] == #"{"text":"一段 文字"}"#)
    }
}

/// A flag set on one thread and read on another.
final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var isSet = false
    func set() { lock.lock(); isSet = true; lock.unlock() }
    var value: Bool { lock.lock(); defer { lock.unlock() }; return isSet }
}
