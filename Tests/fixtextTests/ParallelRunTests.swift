import FixTextBuiltins
import FixTextCore
import FixTextPluginHost
import FixTextTestSupport
import Foundation
import Testing

@testable import fixtext

/// `fixtext run --jobs N`: the same bytes, warnings and exit status as `--jobs 1`. Blocks
/// are small here (`--block-bytes`), so a few megabytes make hundreds of them, and a line of
/// 16 blocks makes the run fall back to one thread.
@Suite("fixtext run --jobs (end to end)", .serialized)
struct ParallelRunTests {
    static let blockBytes = 16 << 10

    /// The garbled sides of the mojibake suite, and its clean lines, repeated to `size`
    /// bytes, with CRLF line ends, bytes that are not UTF-8, a line longer than a block,
    /// and no newline at the end.
    static func garbledInput(size: Int) throws -> [UInt8] {
        let cases = try String(contentsOfFile: TestData.fixture("mojibake/cases.jsonl"), encoding: .utf8)
        let clean = try String(contentsOfFile: TestData.fixture("mojibake/clean.jsonl"), encoding: .utf8)
        func field(_ name: String, _ line: Substring) -> String? {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
            return object[name] as? String
        }
        let garbled = cases.split(separator: "\n").compactMap { field("garbled", $0) }
        let plain = clean.split(separator: "\n").compactMap { field("text", $0) ?? field("original", $0) }
        #expect(garbled.count > 1000)
        var bytes: [UInt8] = []
        var k = 0
        while bytes.count < size {
            // Mostly clean text, as in a crawl; a garbled line in three.
            let line = k % 3 == 0 || plain.isEmpty ? garbled[k % garbled.count] : plain[k % plain.count]
            bytes += Array(line.utf8)
            switch k % 17 {
            case 0: bytes += Array("\r\n".utf8)
            case 5: bytes += [0xFF, 0x20, 0xC3, 0x0A] // invalid UTF-8, reported with its offset
            case 9 where k % 1000 == 9: bytes += Array(repeating: UInt8(ascii: "a"), count: 3 * blockBytes) + [0x0A]
            default: bytes.append(0x0A)
            }
            k += 1
        }
        bytes += Array("鍘熷憡鏉ㄤ笘 at the end, no newline".utf8)
        return bytes
    }

    /// Runs `arguments` with --jobs 1, 2 and 3 and expects the same output, standard
    /// error and exit status.
    @discardableResult
    static func expectSameForEveryJobCount(_ arguments: [String], stdin: [UInt8] = [], blockBytes: Int = blockBytes) throws -> BinaryRunner.Result {
        let serial = try BinaryRunner.run(arguments + ["--jobs", "1"], stdin: stdin)
        for jobs in [2, 3] {
            let parallel = try BinaryRunner.run(arguments + ["--jobs", "\(jobs)", "--block-bytes", "\(blockBytes)"], stdin: stdin)
            #expect(parallel.status == serial.status, "\(arguments) --jobs \(jobs)")
            #expect(parallel.stdout == serial.stdout, "\(arguments) --jobs \(jobs): output differs")
            #expect(parallel.stderr == serial.stderr, "\(arguments) --jobs \(jobs): \(parallel.stderr) vs \(serial.stderr)")
        }
        return serial
    }

    @Test("mojibake over 3 MB of garbled and clean lines: the same bytes and warnings on 1, 2 and 3 threads")
    func garbledMegabytes() throws {
        let scratch = try Scratch()
        let input = try Self.garbledInput(size: 3 << 20)
        let path = try scratch.write("garbled.txt", input)
        let serial = try Self.expectSameForEveryJobCount(["-c", "mojibake", path])
        #expect(serial.status == 3)
        #expect(serial.stdout != input, "mojibake repairs something")
        // The warnings name offsets past the first block, so they were shifted.
        #expect(serial.stderr.contains("byte "))
        #expect(serial.stderr.contains("more problems not shown"))
    }

    @Test("a chain that changes lengths: each stage's warnings keep the offsets of a serial run")
    func offsetsPerStage() throws {
        let scratch = try Scratch()
        // normalize shortens every CRLF line before mojibake sees it: mojibake's lost-text
        // warnings are at offsets in normalize's output, which the blocks must shift by
        // normalize's output so far, not by the input's.
        var input: [UInt8] = []
        for k in 0..<6000 {
            input += Array("第\(k)行\u{A0}内容\r\n".utf8)
            if k % 50 == 7 { input += Array("锟斤拷烫烫烫 lost \(k)\n".utf8) }
        }
        let path = try scratch.write("lengths.txt", input)
        let serial = try Self.expectSameForEveryJobCount(["-c", "normalize,mojibake", path], blockBytes: 4096)
        #expect(serial.stderr.contains("warning: mojibake: byte "), "\(serial.stderr)")
        // Every warning, not only the first 20 shown, through a file per problem.
        let all = try BinaryRunner.run(["-c", "normalize,mojibake", path, path, "--jobs", "2", "--block-bytes", "4096"])
        let allSerial = try BinaryRunner.run(["-c", "normalize,mojibake", path, path, "--jobs", "1"])
        #expect(all.stderr == allSerial.stderr)
        #expect(all.stdout == allSerial.stdout)
    }

    @Test("standard input, gzip, an overlong line that ends the blocks, and the OpenCC conversion")
    func streamsAndFallback() throws {
        var input = try Self.garbledInput(size: 1 << 20)
        // A line of 20 blocks in the middle: the rest is cleaned on one thread.
        let middle = input.count / 2
        input.insert(contentsOf: Array(repeating: UInt8(ascii: "b"), count: 20 * Self.blockBytes) + [0xFE, 0x0A], at: middle)
        try Self.expectSameForEveryJobCount(["-c", "mojibake,normalize,t2s"], stdin: input)
        let scratch = try Scratch()
        let path = try scratch.write("input.txt", input)
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = ["-k", path]
        try gzip.run()
        gzip.waitUntilExit()
        try Self.expectSameForEveryJobCount(["-c", "normalize,s2t", path + ".gz"])
    }

    @Test("legacy encodings: undecodable bytes are reported in the serial order")
    func fromGBK() throws {
        var input: [UInt8] = []
        for k in 0..<20_000 {
            input += Array("第\(k)行 ".utf8)
            input += [0xD6, 0xD0, 0xCE, 0xC4] // 中文 in GBK
            if k % 97 == 3 { input += [0x80, 0xFF] } // not GBK
            input.append(0x0A)
        }
        let result = try Self.expectSameForEveryJobCount(["--from", "gbk", "-c", "mojibake,normalize"], stdin: input)
        #expect(result.status == 3)
        #expect(result.text.contains("中文"))
    }

    @Test("empty input, one line, no newline, and an input of one block")
    func smallInputs() throws {
        for input in ["", "x", "x\n", "\n\n", "鍘熷憡鏉ㄤ笘", String(repeating: "一行\n", count: 3000)] {
            try Self.expectSameForEveryJobCount(["-c", "mojibake"], stdin: Array(input.utf8), blockBytes: 1 << 20)
            try Self.expectSameForEveryJobCount(["-c", "mojibake"], stdin: Array(input.utf8), blockBytes: 1)
        }
    }

    @Test("a chain that cannot be made fails as on one thread, even on an empty input")
    func chainErrors() throws {
        for input in ["", "一\n"] {
            let result = try Self.expectSameForEveryJobCount(["-c", "t2s(user-dictionary=/nonexistent/words.txt)"], stdin: Array(input.utf8))
            #expect(result.status == 2, "\(result.stderr)")
        }
    }

    @Test("a chain whose later steps read across lines: its first steps clean blocks, the rest reads their output whole, and gives the same page")
    func restOfChainReadsWholeStream() throws {
        let registry = TransformRegistry.builtin
        let parallel = Parallelism(requestedJobs: 2)
        for (spec, inBlocks) in [("mojibake,boilerplate", 1), ("default", 2), ("normalize,strip-pinyin", 1), ("mojibake,normalize,t2s,boilerplate", 3)] {
            let chain = try Chain.resolve(spec, in: registry)
            #expect(!chain.linesAreIndependent, "\(spec)")
            #expect(chain.lineIndependentPrefixCount == inBlocks, "\(spec)")
            #expect(parallel.applies(to: chain, recordChanges: false, strict: false), "\(spec)")
        }
        // Nothing to cut into blocks when the first step reads across lines.
        for spec in ["boilerplate", "strip-pinyin,mojibake", "boilerplate,mojibake"] {
            let chain = try Chain.resolve(spec, in: registry)
            #expect(chain.lineIndependentPrefixCount == 0, "\(spec)")
            #expect(!parallel.applies(to: chain, recordChanges: false, strict: false), "\(spec)")
        }
        for spec in ["mojibake", "normalize", "mojibake,normalize,t2s", "s2twp,tw2sp", "strip-pinyin(mode=all)", "strip-pinyin(page-check=false)"] {
            let chain = try Chain.resolve(spec, in: registry)
            #expect(chain.linesAreIndependent, "\(spec)")
            #expect(parallel.applies(to: chain, recordChanges: false, strict: false), "\(spec)")
            #expect(!parallel.applies(to: chain, recordChanges: true, strict: false), "explain stays serial")
            #expect(!parallel.applies(to: chain, recordChanges: false, strict: true), "--strict stays serial")
            #expect(!Parallelism(requestedJobs: 1).applies(to: chain, recordChanges: false, strict: false))
        }
        // Lines repeated across the page: boilerplate must see the whole of it.
        var page = try TestData.fixtureBytes("content-farm-page.txt")
        let original = page
        for _ in 0..<40 { page += original }
        let boilerplate = try Self.expectSameForEveryJobCount(["-c", "mojibake,boilerplate"], stdin: page, blockBytes: 4096)
        #expect(boilerplate.stdout.count < page.count, "boilerplate drops the repeated furniture")
    }

    @Test("the default chain over garbled lines, pages with glosses behind mojibake, and an overlong line: the same bytes and warnings on 1, 2 and 3 threads")
    func defaultChainInBlocks() throws {
        // strip-pinyin judges each page's glosses over up to 224 KiB, across the blocks that
        // mojibake and normalize cleaned: two of the seed page's glosses appear only once
        // mojibake has repaired the characters they follow.
        let page = try TestData.fixtureBytes("content-farm-page.txt")
        var input = try Self.garbledInput(size: 1 << 20)
        for k in 0..<12 {
            let at = input.count * k / 12
            guard let lineEnd = input[at...].firstIndex(of: 0x0A) else { continue }
            input.insert(contentsOf: page, at: lineEnd + 1)
        }
        let middle = input.count / 2
        let lineEnd = input[middle...].firstIndex(of: 0x0A)! + 1
        input.insert(contentsOf: Array(repeating: UInt8(ascii: "c"), count: 20 * Self.blockBytes) + [0x0A], at: lineEnd)
        let serial = try Self.expectSameForEveryJobCount([], stdin: input)
        #expect(serial.status == 3)
        #expect(serial.text.components(separatedBy: "電費。”盛世社區網格員").count == 13, "every page's slipped stretch repaired, its gloss removed")
        #expect(!serial.text.contains("社區(qū)"))
    }

    @Test("rule packs: independent unless they have a tail marker; binary plugins never")
    func pluginDeclarations() throws {
        let perLine = try RulePack(bytes: Array("fixtext-boilerplate-rules 2\npack name a\nreplace literal x => y\ndrop prefix z\n".utf8), source: "a.rules")
        #expect(perLine.descriptor.linesAreIndependent(TransformOptions([:])))
        let withTail = try RulePack(bytes: Array("fixtext-boilerplate-rules 2\npack name b\ntail prefix 相关阅读\n".utf8), source: "b.rules")
        #expect(!withTail.descriptor.linesAreIndependent(TransformOptions([:])))
        // Boilerplate's flag, and the others', as `fixtext list NAME` shows them.
        let list = try BinaryRunner.run(["list", "boilerplate"])
        #expect(list.text.contains("lines: not independent"))
        let mojibake = try BinaryRunner.run(["list", "mojibake"])
        #expect(mojibake.text.contains("lines: each cleaned on its own"))
    }

    @Test("the splitter cuts after the last newline once a block is full, and splits chunks in two")
    func splitter() {
        var splitter = BlockSplitter(blockBytes: 8, maxBlockBytes: 32)
        let diagnostic = Diagnostic(severity: .warning, source: "input", range: 0..<1, message: "x")
        splitter.note(diagnostic)
        Array("abc\nde".utf8).withUnsafeBufferPointer { splitter.add($0) }
        #expect(splitter.nextBlock() == nil)
        Array("f\nghi\njk".utf8).withUnsafeBufferPointer { splitter.add($0) }
        let block = splitter.nextBlock()
        #expect(block.map { String(decoding: $0.bytes, as: UTF8.self) } == "abc\ndef\nghi\n")
        #expect(block?.pieces.map(\.end) == [6, 12])
        #expect(block?.pieces.map(\.decoderDiagnostics.count) == [1, 0])
        #expect(splitter.nextBlock() == nil)
        Array(repeating: UInt8(ascii: "l"), count: 40).withUnsafeBufferPointer { splitter.add($0) }
        #expect(splitter.nextBlock() == nil)
        #expect(splitter.isOverlong)
        let rest = splitter.takeRest()
        #expect(rest.bytes.count == 42)
        #expect(rest.pieces.map(\.end) == [2, 42])
    }
}
