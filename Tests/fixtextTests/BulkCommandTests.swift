import Foundation
import FixTextBuiltins
import FixTextTestSupport
import FixTextWARC
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `fixtext bulk` end to end, on archives from `bulk-testdata`.
@Suite("fixtext bulk (end to end)", .serialized)
struct BulkCommandTests {
    /// A scratch folder with the generated archives in `in/`.
    static func archives(records: Int = 40) throws -> Scratch {
        let scratch = try Scratch()
        let made = try BinaryRunner.run([scratch.path + "/in", "--records", String(records)], binary: "bulk-testdata")
        #expect(made.status == 0, "\(made.stderr)")
        return scratch
    }

    static func warcRecords(_ path: String) throws -> [WARCRecord] {
        let bytes = try SystemGzip.decompress(path)
        let reader = WARCReader()
        var records: [WARCRecord] = []
        let emit: (WARCReader.Event) -> Void = { event in
            guard case .record(let record, let notes) = event else { Issue.record("problem in \(path): \(event)"); return }
            #expect(notes.isEmpty)
            records.append(record)
        }
        try bytes.withUnsafeBufferPointer { try reader.feed($0, emit) }
        try reader.finish(emit)
        return records
    }

    static func report(_ path: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
    }

    static func counts(_ report: [String: Any], input suffix: String) -> [String: Any] {
        let inputs = report["inputs"] as! [[String: Any]]
        return inputs.first { ($0["input"] as! String).hasSuffix(suffix) }!["counts"] as! [String: Any]
    }

    @Test("WARC and WET: every record kept in order with its URI, date and Refers-To; texts cleaned; lengths and digests recomputed")
    func warcRoundTrip() throws {
        let scratch = try Self.archives()
        let inputs = ["sample.warc.gz", "sample.wet.gz"].map { scratch.path + "/in/" + $0 }
        let result = try BinaryRunner.run(["bulk", "-c", "default,boilerplate", "-o", scratch.path + "/out", "--report", scratch.path + "/report.json"] + inputs)
        #expect(result.status == 0, "\(result.stderr)")
        for name in ["sample.warc.gz", "sample.wet.gz"] {
            let before = try Self.warcRecords(scratch.path + "/in/" + name)
            let after = try Self.warcRecords(scratch.path + "/out/" + name)
            #expect(after.count == before.count + 1)
            #expect(after[0].type == "warcinfo")
            let info = String(decoding: after[0].block, as: UTF8.self)
            #expect(info.contains("software: fixtext/") && info.contains("fixtext-chain: \(DefaultChain.spec),boilerplate"))
            for (old, new) in zip(before, after.dropFirst()) {
                for field in ["WARC-Type", "WARC-Target-URI", "WARC-Date", "WARC-Refers-To"] {
                    #expect(old[field] == new[field])
                }
                #expect(new["Content-Length"] == String(new.block.count))
                #expect(new["WARC-Block-Digest"] == Base32.warcDigest(new.block))
                if new.block != old.block {
                    #expect(new["WARC-Record-ID"] != old["WARC-Record-ID"])
                    #expect(new["WARC-Fixtext-Original-Record-ID"] == old["WARC-Record-ID"])
                } else {
                    #expect(new["WARC-Record-ID"] == old["WARC-Record-ID"])
                }
            }
        }
        let wet = try Self.warcRecords(scratch.path + "/out/sample.wet.gz").filter { $0.type == "conversion" }
        let texts = wet.map { String(decoding: $0.block, as: UTF8.self) }
        #expect(texts.allSatisfy { !$0.contains("\u{A0}") && !$0.contains("首页 | 新闻") && !$0.contains("版权所有") })
        #expect(texts.allSatisfy { $0.contains("號新聞") })
        // GBK responses are decoded, declared utf-8, and their HTTP Content-Length follows.
        let warc = try Self.warcRecords(scratch.path + "/out/sample.warc.gz")
        let decoded = warc.filter { $0.type == "response" && $0["WARC-Target-URI"]!.hasSuffix("/3.html") && String(decoding: $0.block, as: UTF8.self).contains("text/plain") }
        let http = String(decoding: try #require(decoded.first).block, as: UTF8.self)
        #expect(http.contains("Content-Type: text/plain; charset=utf-8"))
        let payload = http.components(separatedBy: "\r\n\r\n")[1]
        #expect(http.contains("Content-Length: \(payload.utf8.count)\r\n"))
        #expect(payload.contains("號新聞"))
        #expect(decoded.first?["WARC-Payload-Digest"] == Base32.warcDigest(Array(payload.utf8)))
        let report = try Self.report(scratch.path + "/report.json")
        let counts = Self.counts(report, input: "sample.warc.gz")
        #expect(counts["records_decoded_from_charset"] as? Int == 8)
        #expect(counts["records_failed"] as? Int == 0)
        let byClass = Self.counts(report, input: "sample.wet.gz")["boilerplate_lines_removed_by_class"] as! [String: Int]
        #expect(byClass["navigation"] == 40)
    }

    @Test("JSONL: only the text field changes, the rest of each line stays byte for byte; empty results are dropped unless --keep-empty")
    func jsonl() throws {
        let scratch = try Scratch()
        let lines = [
            #"{"id":1,"text":"一\u00a0二","meta":{"k":[1,2.50,"x"]}}"#,
            #"{"id":2,  "title":"no text field"}"#,
            #"{"id":3,"text":"\u00a0"}"#,
            #"not json"#,
            #"{"id":5,"text":"clean"}"#,
        ]
        try scratch.write("in.jsonl", Array((lines.joined(separator: "\n") + "\n").utf8))
        let result = try BinaryRunner.run(["bulk", "-c", "normalize", "-o", scratch.path + "/out", scratch.path + "/in.jsonl"])
        #expect(result.status == 3, "one line is not JSON: reported")
        #expect(result.stderr.contains("not a JSON object; written unchanged"))
        let out = String(decoding: try scratch.read("out/in.jsonl"), as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(out == [#"{"id":1,"text":"一 二","meta":{"k":[1,2.50,"x"]}}"#, lines[1], lines[3], lines[4]])
        let kept = try BinaryRunner.run(["bulk", "-c", "normalize", "--keep-empty", "--force", "-o", scratch.path + "/out", scratch.path + "/in.jsonl"])
        #expect(kept.status == 3)
        let all = String(decoding: try scratch.read("out/in.jsonl"), as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(all.count == 5 && all[2] == #"{"id":3,"text":" "}"#)
    }

    @Test("the report counts mojibake repairs by kind and records changed by each transform")
    func mojibakeCounts() throws {
        let scratch = try Scratch()
        try scratch.write("in.jsonl", Array(#"""
            {"text":"正常文字鐢ㄦ埛鐧诲綍"}
            {"text":"ä¸­æ–‡ and ÖÐÎÄ\u00a0ok"}
            {"text":"clean"}

            """#.utf8))
        let result = try BinaryRunner.run(["bulk", "-c", "mojibake,normalize", "-o", scratch.path + "/out", "--report", scratch.path + "/report.json", scratch.path + "/in.jsonl"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(String(decoding: try scratch.read("out/in.jsonl"), as: UTF8.self) == #"""
            {"text":"正常文字用户登录"}
            {"text":"中文 and 中文 ok"}
            {"text":"clean"}

            """#)
        let total = try Self.report(scratch.path + "/report.json")["total"] as! [String: Any]
        let kinds = total["mojibake_repairs_by_kind"] as! [String: Int]
        #expect(kinds["utf-8 → windows-936 (read as) → utf-8"] == 1, "\(kinds)")
        #expect(kinds.values.reduce(0, +) == 3, "\(kinds)")
        #expect(total["records_changed_by_transform"] as? [String: Int] == ["mojibake": 2, "normalize": 1])
        #expect(total["records_changed"] as? Int == 2 && total["records_in"] as? Int == 3)
    }

    @Test("bad input: unreadable records are reported and left out, binary and undeclared-GBK payloads written unchanged, the rest cleaned; exit 3")
    func badInput() throws {
        let scratch = try Self.archives(records: 10)
        let result = try BinaryRunner.run([
            "bulk", "-c", "normalize", "-o", scratch.path + "/out", "--report", scratch.path + "/report.json",
            scratch.path + "/in/bad.warc", scratch.path + "/in/bad-truncated.warc.gz", scratch.path + "/in/sample.txt",
            scratch.path + "/in/bad-middle.warc.gz",
        ])
        #expect(result.status == 3, "\(result.stderr)")
        #expect(result.stderr.contains("not a WARC record skipped"))
        #expect(result.stderr.contains("binary payload"))
        #expect(result.stderr.contains("not UTF-8"))
        #expect(result.stderr.contains("runs past the end of the input"))
        #expect(result.stderr.contains("gzip data ends in the middle of a member"))
        let out = try Self.warcRecords(scratch.path + "/out/bad.warc")
        #expect(out.dropFirst().map { $0["WARC-Target-URI"]! } == (1...6).map { "http://bad.example.cn/\($0)" })
        let input = try Data(contentsOf: URL(fileURLWithPath: scratch.path + "/in/bad.warc"))
        #expect(Array(input).firstRange(of: out[3].block) != nil, "the binary payload is written as it was")
        #expect(Array(input).firstRange(of: out[4].block) != nil, "the GBK payload is written as it was")
        #expect(String(decoding: out[5].block, as: UTF8.self) == "長度錯了的 記錄\n", "a wrong Content-Length is repaired")
        let report = try Self.report(scratch.path + "/report.json")
        let bad = Self.counts(report, input: "bad.warc")
        #expect(bad["records_failed"] as? Int == 2 && bad["records_passed_through"] as? Int == 2 && bad["records_out"] as? Int == 6)
        #expect(bad["records_read_leniently"] as? Int == 1)
        let truncated = Self.counts(report, input: "bad-truncated.warc.gz")
        #expect(truncated["records_failed"] as? Int == 1 && truncated["records_out"] as? Int == 6)
        // A member cut in half in the middle of a file: that record is lost and reported,
        // and reading resumes at the next member.
        #expect(result.stderr.contains("reading resumes at the gzip member"))
        let middle = try Self.warcRecords(scratch.path + "/out/bad-middle.warc.gz").dropFirst().map { $0["WARC-Target-URI"]! }
        let middleIn = [0, 1, 3, 4, 5].map { "/article/\($0).html" }
        #expect(middle.count == 5 && zip(middle, middleIn).allSatisfy { $0.hasSuffix($1) }, "\(middle)")
        #expect(Self.counts(report, input: "bad-middle.warc.gz")["records_failed"] as? Int == 1)
        let total = report["total"] as! [String: Any]
        #expect(total["records_failed"] as? Int == 4)
        #expect(try Self.warcRecords(scratch.path + "/out/bad-truncated.warc.gz").count == 7)
    }

    @Test("a rerun skips complete outputs, --force redoes them; the output is the same whatever --jobs is")
    func rerunAndJobs() throws {
        let scratch = try Self.archives()
        let first = try BinaryRunner.run(["bulk", "-o", scratch.path + "/a", "--jobs", "1", "--report", scratch.path + "/first.json", scratch.path + "/in/sample.wet.gz", scratch.path + "/in/sample.jsonl.gz"])
        #expect(first.status == 0, "\(first.stderr)")
        let again = try BinaryRunner.run(["bulk", "-o", scratch.path + "/a", "--report", scratch.path + "/again.json", scratch.path + "/in/sample.wet.gz", scratch.path + "/in/sample.jsonl.gz"])
        #expect(again.status == 0)
        #expect(again.stderr.contains("0 inputs cleaned, 2 skipped"))
        // The report of the rerun still counts the whole job, from counts kept beside the outputs.
        let report = try Self.report(scratch.path + "/again.json")
        #expect((report["total"] as! [String: Any])["records_in"] as? Int == 41 + 40)
        #expect(again.stderr.contains("records: 81 in, 81 out"))
        let firstReport = try Self.report(scratch.path + "/first.json")
        for name in ["sample.wet.gz", "sample.jsonl.gz"] {
            let before = Self.counts(firstReport, input: name), after = Self.counts(report, input: name)
            #expect(NSDictionary(dictionary: before).isEqual(to: after), "\(name)")
            #expect((after["records_changed_by_transform"] as? [String: Int])?["normalize"] ?? 0 > 30)
        }
        let otherChain = try BinaryRunner.run(["bulk", "-c", "normalize", "-o", scratch.path + "/a", scratch.path + "/in/sample.wet.gz"])
        #expect(otherChain.stderr.contains("was made with the chain '\(DefaultChain.spec)', not 'normalize'; skipped as complete (--force redoes it)"), "\(otherChain.stderr)")
        let forced = try BinaryRunner.run(["bulk", "-o", scratch.path + "/a", "--force", scratch.path + "/in/sample.wet.gz"])
        #expect(forced.stderr.contains("1 inputs cleaned"))
        let parallel = try BinaryRunner.run(["bulk", "-o", scratch.path + "/b", "--jobs", "3", scratch.path + "/in/sample.wet.gz", scratch.path + "/in/sample.jsonl.gz"])
        #expect(parallel.status == 0)
        for name in ["sample.wet.gz", "sample.jsonl.gz"] {
            #expect(try scratch.read("a/" + name) == scratch.read("b/" + name))
        }
    }

    @Test("killed at any moment and rerun, the outputs are the same bytes as an uninterrupted run's, and no temporary file is left")
    func killAndRerun() throws {
        let scratch = try Self.archives(records: 1500)
        let inputs = ["sample.warc.gz", "sample.wet.gz", "sample.jsonl.gz"].map { scratch.path + "/in/" + $0 }
        let whole = try BinaryRunner.run(["bulk", "-c", "default,boilerplate", "-o", scratch.path + "/whole"] + inputs)
        #expect(whole.status == 0, "\(whole.stderr)")
        var interrupted = 0
        for (k, delay) in [0.05, 0.15, 0.3, 0.6].enumerated() {
            let out = scratch.path + "/killed\(k)"
            let process = Process()
            process.executableURL = BinaryRunner.productsDirectory.appendingPathComponent("fixtext")
            process.arguments = ["bulk", "-c", "default,boilerplate", "-o", out, "--jobs", "2"] + inputs
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            if process.terminationReason == .uncaughtSignal {
                let done = (try? FileManager.default.contentsOfDirectory(atPath: out).filter { !$0.hasPrefix(".") }.count) ?? 0
                if done < 3 { interrupted += 1 }
            }
            let rerun = try BinaryRunner.run(["bulk", "-c", "default,boilerplate", "-o", out] + inputs)
            #expect(rerun.status == 0, "\(rerun.stderr)")
            for name in ["sample.warc.gz", "sample.wet.gz", "sample.jsonl.gz"] {
                #expect(try scratch.read("killed\(k)/" + name) == scratch.read("whole/" + name), "\(name) after a kill at \(delay) s")
            }
            let left = try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.hasSuffix(".tmp") }
            #expect(left.isEmpty, "temporary files left: \(left)")
        }
        #expect(interrupted >= 2, "the kills should land before the run is over")
    }

    @Test("a progress line on standard error when it is a terminal, none otherwise")
    func progressLine() throws {
        let scratch = try Self.archives(records: 10)
        let input = scratch.path + "/in/sample.wet.gz"
        let piped = try BinaryRunner.run(["bulk", "-o", scratch.path + "/a", input])
        #expect(!piped.stderr.contains("records/s"))
        // `script` gives the command a terminal.
        let binary = BinaryRunner.productsDirectory.appendingPathComponent("fixtext").path
        let script = Process()
        script.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        script.arguments = ["-qec", "'\(binary)' bulk -o '\(scratch.path)/b' '\(input)'", "/dev/null"]
        let output = Pipe()
        script.standardOutput = output
        script.standardInput = FileHandle.nullDevice
        try script.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        script.waitUntilExit()
        #expect(script.terminationStatus == 0)
        #expect(text.contains("fixtext bulk: 1/1 files, 11 records,") && text.contains("records/s") && text.contains("MB/s"), "\(text)")
    }

    @Test("folders, globs and --inputs-from; outputs keep their paths inside a folder; clear usage errors")
    func inputsAndErrors() throws {
        let scratch = try Scratch()
        try FileManager.default.createDirectory(atPath: scratch.path + "/in/sub", withIntermediateDirectories: true)
        try scratch.write("in/a.txt", Array("一\u{A0}\n".utf8))
        try scratch.write("in/sub/b.txt", Array("二\n".utf8))
        try scratch.write("in/skip.bin", [0, 1, 2])
        let folder = try BinaryRunner.run(["bulk", "-c", "normalize", "-o", scratch.path + "/out", scratch.path + "/in"])
        #expect(folder.status == 0, "\(folder.stderr)")
        #expect(try scratch.read("out/a.txt") == Array("一 \n".utf8))
        #expect(try scratch.read("out/sub/b.txt") == Array("二\n".utf8))
        try scratch.write("list.txt", Array("# inputs\n\(scratch.path)/in/sub/b.txt\n".utf8))
        let listed = try BinaryRunner.run(["bulk", "-o", scratch.path + "/out2", "--inputs-from", scratch.path + "/list.txt", scratch.path + "/in/*.txt"])
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(try scratch.read("out2/a.txt") == Array("一 \n".utf8) && scratch.read("out2/b.txt") == Array("二\n".utf8))
        // An output folder inside the input folder is not read as input, on a rerun either.
        for _ in 0..<2 {
            let inside = try BinaryRunner.run(["bulk", "-c", "normalize", "-o", scratch.path + "/in/clean", scratch.path + "/in"])
            #expect(inside.status == 0, "\(inside.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/in/clean/clean"))
        #expect(try scratch.read("in/clean/sub/b.txt") == Array("二\n".utf8))
        let same = try BinaryRunner.run(["bulk", "-o", scratch.path + "/in", scratch.path + "/in/a.txt"])
        #expect(same.status == 2 && same.stderr.contains("would replace it"), "\(same.stderr)")
        let unknown = try BinaryRunner.run(["bulk", "-o", scratch.path + "/out3", scratch.path + "/in/skip.bin"])
        #expect(unknown.status == 2 && unknown.stderr.contains("not a known input type"))
        let missing = try BinaryRunner.run(["bulk", "-o", scratch.path + "/out3", scratch.path + "/nothing.warc"])
        #expect(missing.status == 2 && missing.stderr.contains("no such input"))
        let clash = try BinaryRunner.run(["bulk", "-o", scratch.path + "/out3", scratch.path + "/in/a.txt", scratch.path + "/out/a.txt"])
        #expect(clash.status == 2 && clash.stderr.contains("would both be written"))
        let noOutdir = try BinaryRunner.run(["bulk", scratch.path + "/in/a.txt"])
        #expect(noOutdir.status == 2)
    }
}

@Suite("fixtext bulk --remove-repeated-lines (end to end)", .serialized)
struct RepeatedLinesTests {
    @Test("lines in more than N documents of a host go, article lines stay; the result is the same when the count needs several passes")
    func repeatedLines() throws {
        let scratch = try BulkCommandTests.archives(records: 40)
        let input = scratch.path + "/in/sample.wet.gz"
        let result = try BinaryRunner.run(["bulk", "-c", "normalize", "--remove-repeated-lines", "3", "-o", scratch.path + "/out", "--report", scratch.path + "/report.json", input])
        #expect(result.status == 0, "\(result.stderr)")
        let before = try BulkCommandTests.warcRecords(input).filter { $0.type == "conversion" }
        let after = try BulkCommandTests.warcRecords(scratch.path + "/out/sample.wet.gz").filter { $0.type == "conversion" }
        #expect(before.count == 40 && after.count == 40)
        let menus = ["首页 | 新闻", "網站首頁 > 新聞中心", "版权所有 ©"]
        for (old, new) in zip(before, after) {
            let oldText = String(decoding: old.block, as: UTF8.self), newText = String(decoding: new.block, as: UTF8.self)
            #expect(menus.contains { oldText.contains($0) })
            #expect(!menus.contains { newText.contains($0) }, "\(newText)")
            // Article lines (each with its own tail) all stay.
            let articleLines = { (text: String) in text.split(separator: "\n").filter { $0.contains("——") }.count }
            #expect(articleLines(newText) == articleLines(oldText))
        }
        let report = try BulkCommandTests.report(scratch.path + "/report.json")
        let removed = ((report["total"] as! [String: Any])["boilerplate_lines_removed_by_class"] as! [String: Int])["repeated across documents of the host"]
        #expect(removed ?? 0 >= 80)
        // With room for only a few distinct lines, the count takes several passes and
        // decides the same.
        let small = try BinaryRunner.run(["bulk", "-c", "normalize", "--remove-repeated-lines", "3", "--repeated-lines-max-entries", "100", "--progress", "-o", scratch.path + "/out2", input])
        #expect(small.status == 0)
        let passes = small.stderr.firstMatch(of: /repeated lines found in (\d+) passes/).map { Int($0.output.1)! }
        #expect((passes ?? 0) > 2, "\(small.stderr)")
        #expect(try scratch.read("out2/sample.wet.gz") == scratch.read("out/sample.wet.gz"))
    }
}
