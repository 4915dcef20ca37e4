import Foundation
import FixTextTestSupport
import Testing

@Suite("fixtext (end to end)", .serialized)
struct RunCommandTests {
    @Test("the default chain repairs the seed page from standard input")
    func defaultChainOnStdin() throws {
        let page = try TestData.fixtureBytes("content-farm-page.txt")
        let result = try BinaryRunner.run([], stdin: page)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.text.contains("\u{A0}"))
        #expect(result.stderr.isEmpty)
        // mojibake: the two slipped stretches come back, each with its gloss; normalize: two
        // no-break spaces, two bytes each, become one; strip-pinyin: all 63 glosses after
        // Han characters go, the two mojibake hid among them.
        #expect(result.text.contains("電費。”盛世社區網格員") && result.text.contains("“社區主動找問題"))
        let glossAfterHan = /(\p{Han})\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)/
        let plain = try BinaryRunner.run(["-c", "normalize"], stdin: page)
        #expect(plain.stdout.count == page.count - 2)
        #expect(plain.text.matches(of: glossAfterHan).count == 61)
        let repaired = try BinaryRunner.run(["-c", "mojibake,normalize"], stdin: page)
        #expect(repaired.text.matches(of: glossAfterHan).count == 63)
        #expect(result.text == repaired.text.replacing(glossAfterHan) { String($0.output.1) })
    }

    @Test("mojibake,strip-pinyin removes all 63 glosses of the seed page, and explain lists each")
    func seedGlosses() throws {
        let page = TestData.fixture("content-farm-page.txt")
        let result = try BinaryRunner.run(["-c", "mojibake,strip-pinyin", page])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.text.contains("電費。”盛世社區網格員") && result.text.contains("“社區主動找問題"))
        #expect(result.text.matches(of: /\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)/).isEmpty)
        let explained = try BinaryRunner.run(["explain", "-c", "mojibake,strip-pinyin", page])
        let removals = explained.text.split(separator: "\n").filter { $0.contains("  strip-pinyin  ") }
        #expect(removals.count == 63)
        #expect(removals.first?.hasPrefix("9:73  strip-pinyin  \"(qū)\" → \"\"  pinyin gloss (qū) after 區 removed") == true)
    }

    @Test("echo x | fixtext")
    func tinyInput() throws {
        let result = try BinaryRunner.run([], stdin: Array("x\n".utf8))
        #expect(result.status == 0)
        #expect(result.text == "x\n")
    }

    @Test("files are read in order, each its own document, and -o writes a file")
    func filesAndOutput() throws {
        let scratch = try Scratch()
        let a = try scratch.write("a.txt", Array("一\r\n".utf8))
        let b = try scratch.write("b.txt", Array("二\u{A0}三\n".utf8))
        let result = try BinaryRunner.run(["-c", "normalize", a, b, "-o", scratch.path + "/out.txt"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(try scratch.read("out.txt") == Array("一\n二 三\n".utf8))
    }

    @Test("gzip input is decompressed")
    func gzipInput() throws {
        let scratch = try Scratch()
        let path = try scratch.write("page.txt", Array("頁面\u{A0}內容\n".utf8))
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = ["-k", path]
        try gzip.run()
        gzip.waitUntilExit()
        let result = try BinaryRunner.run([path + ".gz"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.text == "頁面 內容\n")
    }

    @Test("invalid UTF-8 passes through byte for byte, is reported with its offset, and exits 3")
    func invalidUTF8() throws {
        let input: [UInt8] = Array("好".utf8) + [0xB7, 0xFF] + Array("\n".utf8)
        let result = try BinaryRunner.run([], stdin: input)
        #expect(result.status == 3)
        #expect(result.stdout == input)
        #expect(result.stderr.contains("warning: input: byte 3: invalid UTF-8 (B7 FF) passed through unchanged"))
        let strict = try BinaryRunner.run(["--strict"], stdin: input)
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("not valid UTF-8"))
    }

    @Test("--from decodes a legacy encoding, reporting bytes it cannot decode")
    func legacyInput() throws {
        // "中文" in GBK, then a lead byte with no valid trail.
        let gbk: [UInt8] = [0xD6, 0xD0, 0xCE, 0xC4, 0x0A, 0x81, 0x20, 0x0A]
        let result = try BinaryRunner.run(["--from", "gbk"], stdin: gbk)
        #expect(result.status == 3)
        #expect(result.text.hasPrefix("中文\n"))
        #expect(result.stderr.contains("byte 5"))
        let clean = try BinaryRunner.run(["--from", "gbk"], stdin: Array(gbk[..<5]))
        #expect(clean.status == 0)
        #expect(clean.text == "中文\n")
        let strict = try BinaryRunner.run(["--from", "gbk", "--strict"], stdin: gbk)
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("byte 5"))
    }

    @Test("usage errors exit 2 and say what is wrong")
    func usageErrors() throws {
        let typo = try BinaryRunner.run(["-c", "normalise"], stdin: [])
        #expect(typo.status == 2)
        #expect(typo.stderr.contains("unknown transform 'normalise' at column 1; did you mean 'normalize'?"))
        let option = try BinaryRunner.run(["-c", "normalize(form=nfx)"], stdin: [])
        #expect(option.status == 2)
        #expect(option.stderr.contains("expected one of nfc, nfkc, none"))
        let encoding = try BinaryRunner.run(["--from", "gbkk"], stdin: [])
        #expect(encoding.status == 2)
        #expect(encoding.stderr.contains("unknown encoding 'gbkk'; did you mean 'gbk'?"))
        let flag = try BinaryRunner.run(["--no-such-flag"], stdin: [])
        #expect(flag.status == 2)
    }

    @Test("a missing input exits 1 and names the file")
    func missingFile() throws {
        let result = try BinaryRunner.run(["/nonexistent/page.txt"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("cannot open '/nonexistent/page.txt': No such file or directory"))
    }

    @Test("writing over an input is refused; a failed run leaves no output file")
    func noDataLoss() throws {
        let scratch = try Scratch()
        let path = try scratch.write("in.txt", Array("keep me\n".utf8))
        let result = try BinaryRunner.run([path, "-o", path])
        #expect(result.status == 2)
        #expect(try scratch.read("in.txt") == Array("keep me\n".utf8))
        let failed = try BinaryRunner.run(["/nonexistent", "-o", scratch.path + "/out.txt"])
        #expect(failed.status == 1)
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/out.txt"))
    }

    @Test("chains from a file, by path and by name on FIXTEXT_CHAIN_PATH")
    func chainFile() throws {
        let scratch = try Scratch()
        try scratch.write("wide.json", Array(#"{"name": "wide", "chain": ["normalize(width=true)"]}"#.utf8))
        let byPath = try BinaryRunner.run(["-c", "@\(scratch.path)/wide.json"], stdin: Array("ＡＢ１，\n".utf8))
        #expect(byPath.status == 0, "\(byPath.stderr)")
        #expect(byPath.text == "AB1，\n")
        let byName = try BinaryRunner.run(["-c", "@wide"], stdin: Array("Ａ\n".utf8), environment: ["FIXTEXT_CHAIN_PATH": scratch.path])
        #expect(byName.text == "A\n")
    }

    @Test("--help carries the default chain, examples and exit codes")
    func help() throws {
        let result = try BinaryRunner.run(["--help"])
        #expect(result.status == 0)
        #expect(result.text.contains("(mojibake,normalize,strip-pinyin)"))
        #expect(result.text.contains("EXAMPLES"))
        #expect(result.text.contains("EXIT STATUS"))
    }

    @Test("ICU is loaded when a transform needs it, not at start-up")
    func icuOnDemand() throws {
        // The dynamic loader lists each library it loads on standard error.
        let page = TestData.fixture("content-farm-page.txt")
        let withoutICU = try BinaryRunner.run(["-c", "strip-pinyin,t2s", page], environment: ["LD_DEBUG": "files"])
        #expect(withoutICU.status == 0)
        #expect(withoutICU.stderr.contains("file=libc.so"), "LD_DEBUG lists what is loaded")
        #expect(!withoutICU.stderr.contains("libicu"))
        let withICU = try BinaryRunner.run(["-c", "normalize", page], environment: ["LD_DEBUG": "files"])
        #expect(withICU.status == 0)
        #expect(withICU.stderr.contains("file=libicui18n"))
        #expect(withICU.stderr.contains("file=libicuuc"))
    }
}
