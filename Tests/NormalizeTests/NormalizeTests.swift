import FixTextCore
import FixTextNormalize
import FixTextTestSupport
import Testing

func normalize(_ options: String = "") throws -> () throws -> [NamedTransform] {
    try TestData.chain(options.isEmpty ? "normalize" : "normalize(\(options))", plugins: [NormalizePlugin.self])
}

func normalized(_ text: String, _ options: String = "") throws -> (String, ChunkedRun.Result) {
    let result = try ChunkedRun.expectChunkIndependent(normalize(options), on: text)
    return (String(decoding: result.output, as: UTF8.self), result)
}

@Suite("normalize")
struct NormalizeTests {
    @Test("clean multilingual text passes through byte-identical, in every form")
    func cleanTextUnchanged() throws {
        let text = try TestData.fixtureBytes("clean-multilingual.txt")
        for options in ["", "width=false", "form=none"] {
            let result = try ChunkedRun.expectChunkIndependent(normalize(options), on: text)
            let unchanged = result.output == text
            #expect(unchanged, "normalize(\(options)) changed clean text: \(result.changes)")
            #expect(result.changes.isEmpty)
        }
    }

    @Test(
        "clean Chinese corpora pass through byte-identical",
        .enabled(if: TestData.sharedCorpusLines("zh-legal.txt.gz", limit: 1) != nil, "needs ../shared/corpora beside the checkout")
    )
    func cleanCorporaUnchanged() throws {
        for name in ["zh-headlines.txt.gz", "zh-legal.txt.gz"] {
            let lines = try #require(TestData.sharedCorpusLines(name, limit: 20000), "\(name) is missing")
            let text = Array((lines.joined(separator: "\n") + "\n").utf8)
            let result = try ChunkedRun.run(normalize(), on: text, chunking: .random(seed: 9, maxChunk: 70000))
            let unchanged = result.output == text
            #expect(unchanged, "\(name): \(result.changes.prefix(5))")
            #expect(result.changes.count == 0)
        }
    }

    @Test("the seed page: only its two no-break spaces change")
    func seedPage() throws {
        let page = try TestData.fixtureBytes("content-farm-page.txt")
        let result = try ChunkedRun.expectChunkIndependent(normalize(), on: page)
        #expect(result.changes.count == 2)
        #expect(result.changes.allSatisfy { $0.original == [0xC2, 0xA0] && $0.replacement == [0x20] })
        #expect(result.changes.first?.reason == "U+00A0 NO-BREAK SPACE → space")
        let expected = String(decoding: page, as: UTF8.self).replacingAll("\u{A0}", with: " ")
        #expect(String(decoding: result.output, as: UTF8.self) == expected)
    }

    @Test("line endings: CRLF and lone CR become LF, also when CR and LF arrive apart")
    func lineEndings() throws {
        let (text, result) = try normalized("一\r\n二\r三\r\n\r\n四\r")
        #expect(text == "一\n二\n三\n\n四\n")
        #expect(result.changes.map(\.reason) == ["CRLF line ending → LF", "CR line ending → LF", "CRLF line ending → LF", "CRLF line ending → LF", "CR line ending → LF"])
        #expect(result.changes.map(\.range) == [3..<5, 8..<9, 12..<14, 14..<16, 19..<20])
        let (kept, _) = try normalized("a\r\nb", "newlines=false")
        #expect(kept == "a\r\nb")
    }

    @Test("controls are removed, tabs and newlines stay")
    func controls() throws {
        let (text, result) = try normalized("a\u{0}b\u{7}\tc\u{1B}[0m\u{7F}d\u{85}e\n")
        #expect(text == "ab\tc[0mde\n")
        #expect(result.changes.count == 5)
        #expect(result.changes[1].reason == "control character U+0007 removed")
        let (kept, _) = try normalized("a\u{7}b", "controls=false")
        #expect(kept == "a\u{7}b")
    }

    @Test("odd spaces become spaces; the ideographic space stays")
    func spaces() throws {
        let (text, _) = try normalized("a\u{A0}b\u{2002}c\u{202F}d\u{3000}e")
        #expect(text == "a b c d\u{3000}e")
        let (kept, _) = try normalized("a\u{A0}b", "spaces=false")
        #expect(kept == "a\u{A0}b")
    }

    @Test("byte order marks go; zero-width characters go beside Chinese or ASCII, stay in emoji and scripts that need them")
    func invisibles() throws {
        let (text, result) = try normalized("\u{FEFF}中\u{200B}文\u{200B}\u{200B}字 a\u{200D}b 👨\u{200D}👩 می\u{200C}خواهم क्\u{200D}ष\u{200B}")
        #expect(text == "中文字 ab 👨\u{200D}👩 می\u{200C}خواهم क्\u{200D}ष")
        #expect(result.changes.first?.reason == "byte order mark removed")
        #expect(result.changes.count == 6)
    }

    @Test("NFC composes; NFKC folds compatibility characters but never CJK punctuation")
    func forms() throws {
        let (nfc, nfcResult) = try normalized("cafe\u{301} 한 \u{1112}\u{1161}\u{11AB} 﨑 Ａ，")
        #expect(nfc == "café 한 한 﨑 Ａ，")
        #expect(nfcResult.changes.map(\.reason) == ["Unicode NFC normalization", "Unicode NFC normalization"])

        let punctuation = "，。：；！？“”‘’（）【】《》、…—·\u{3000}～"
        let (nfkc, _) = try normalized("ﬁ ① ㎏ Ａ１ ｶ " + punctuation, "form=nfkc")
        #expect(nfkc == "fi 1 kg A1 カ " + punctuation)

        let (none, _) = try normalized("cafe\u{301}", "form=none")
        #expect(none == "cafe\u{301}")

        // Compatibility ideographs stay unless asked: clean headlines have them.
        let (kept, _) = try normalized("女主是人设崩塌的她\u{F979}")
        #expect(kept == "女主是人设崩塌的她\u{F979}")
        let (unified, _) = try normalized("\u{F979}\u{2F800}", "ideographs=unify")
        #expect(unified == "\u{51C9}\u{4E3D}")
    }

    @Test("width=true turns full-width letters and digits half-width, not punctuation")
    func width() throws {
        let (text, result) = try normalized("２０２３年ＡＢＣｘｙｚ，！", "width=true")
        #expect(text == "2023年ABCxyz，！")
        #expect(result.changes.first?.reason == "full-width U+FF12 FULLWIDTH DIGIT TWO → '2'")
    }

    @Test("a combining mark that arrives in the next chunk still composes")
    func combiningAcrossChunks() throws {
        // expectChunkIndependent feeds "e" and U+0301 separately, among other cuts.
        let (text, _) = try normalized(String(repeating: "e\u{301}中", count: 50))
        #expect(text == String(repeating: "é中", count: 50))
    }

    @Test("invalid UTF-8 passes through untouched, between fixes")
    func invalidBytes() throws {
        let input: [UInt8] = [0xFF] + Array("a\u{A0}".utf8) + [0xE4, 0xB8] + Array("\r\n".utf8) + [0xC3]
        let result = try ChunkedRun.expectChunkIndependent(normalize(), on: input)
        #expect(result.output == [0xFF] + Array("a ".utf8) + [0xE4, 0xB8] + Array("\n".utf8) + [0xC3])
        #expect(result.diagnostics.count == 3)
    }

    @Test("a very long run of combining marks is normalized in bounded memory")
    func pathologicalSegment() throws {
        let zalgo = "a" + String(repeating: "\u{301}\u{316}", count: 5000) + "中"
        let result = try ChunkedRun.run(normalize(), on: Array(zalgo.utf8), chunking: .random(seed: 1, maxChunk: 512))
        #expect(result.output.count == zalgo.utf8.count - 1) // a + U+0301 → á saves one byte
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
