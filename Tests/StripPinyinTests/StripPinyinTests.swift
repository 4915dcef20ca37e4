import FixTextCore
import FixTextMojibake
import FixTextNormalize
import FixTextStripPinyin
import FixTextTestSupport
import Testing

func chain(_ text: String) throws -> () throws -> [NamedTransform] {
    try TestData.chain(text, plugins: [StripPinyinPlugin.self, MojibakePlugin.self, NormalizePlugin.self])
}

/// Runs `spec` over `text` in every chunking and returns the whole run's output and changes.
func stripped(_ text: String, _ spec: String = "strip-pinyin", sourceLocation: SourceLocation = #_sourceLocation) throws -> (String, [Change]) {
    let result = try ChunkedRun.expectChunkIndependent(chain(spec), on: text, randomRuns: 3, sourceLocation: sourceLocation)
    return (String(decoding: result.output, as: UTF8.self), result.changes)
}

/// The seed's glosses: a single pinyin syllable in ASCII parentheses.
func glossCount(_ text: String) -> Int {
    text.ranges(of: /\((?:[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+)\)/).count
}

@Suite("strip-pinyin on the seed page")
struct SeedPageTests {
    @Test("after mojibake, all 63 glosses go (the 2 behind mojibake too), and nothing else changes")
    func seedAfterMojibake() throws {
        let page = try TestData.fixtureBytes("content-farm-page.txt")
        let repaired = try ChunkedRun.run(chain("mojibake"), on: page, chunking: .whole)
        let result = try ChunkedRun.expectChunkIndependent(chain("mojibake,strip-pinyin"), on: page, randomRuns: 2)
        let before = String(decoding: repaired.output, as: UTF8.self)
        let after = String(decoding: result.output, as: UTF8.self)
        #expect(glossCount(before) == 63)
        #expect(glossCount(after) == 0)
        #expect(after.contains("電費。”盛世社區網格員"))
        #expect(after.contains("“社區主動找問題"))
        #expect(after.contains("常態化開展巡查工作"))
        let removals = result.changes.filter { $0.transform == "strip-pinyin" }
        #expect(removals.count == 63)
        #expect(removals.allSatisfy { $0.replacement.isEmpty && $0.reason.hasPrefix("pinyin gloss (") })
        // Nothing else: the mojibake output less exactly the 63 glosses.
        #expect(before.replacing(/\((?:[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+)\)/, with: "") == after)
        // The real parentheses stay.
        #expect(after.contains("(湖北日報網)") && after.contains("(資料圖片僅供參考)"))
    }

    @Test("alone, it removes the 61 glosses after Han characters and leaves the 2 behind mojibake")
    func seedAlone() throws {
        let page = String(decoding: try TestData.fixtureBytes("content-farm-page.txt"), as: UTF8.self)
        let (text, changes) = try stripped(page)
        #expect(changes.count == 61)
        #expect(glossCount(text) == 2)
        #expect(text.contains("鐓^(qū)網格員"))
    }

    @Test("explain says what was removed and which readings matched")
    func explanation() throws {
        let page = String(decoding: try TestData.fixtureBytes("content-farm-page.txt"), as: UTF8.self)
        let (_, changes) = try stripped(page)
        let first = try #require(changes.first)
        #expect(first.reason == "pinyin gloss (qū) after 區 removed: a reading of 區 (readings qū qiū gōu ōu kòu)")
        #expect(String(decoding: first.original, as: UTF8.self) == "(qū)")
        let fa = try #require(changes.first { String(decoding: $0.original, as: UTF8.self) == "(fā)" })
        #expect(fa.reason.contains("after 發") && fa.reason.contains("fà"))
    }
}

@Suite("strip-pinyin: which glosses")
struct GlossFormTests {
    /// A converted page: 區 glossed again and again, in the style under test.
    func page(_ gloss: String) -> String {
        "社區\(gloss)服務,社區\(gloss)治理,轄區\(gloss)居民。"
    }

    @Test(
        "tone marks, tone numbers, no tone, ASCII and full-width parentheses",
        arguments: ["(qū)", "(qu1)", "(qu)", "（qū）", "（qu1）", "(qu5)", "(qū）"]
    )
    func styles(gloss: String) throws {
        let (text, changes) = try stripped(page(gloss))
        #expect(text == "社區服務,社區治理,轄區居民。")
        #expect(changes.count == 3)
    }

    @Test(
        "what is not a single pinyin syllable stays",
        arguments: ["(qū qū)", "(qūu)", "(Qū)", "(q ū)", "(qu6)", "(qǖ1)", "(qū", "(qu1x)", "(qūū)", "( qū)", "(zhuangg)", "(xx)", "(區)"]
    )
    func notGlosses(gloss: String) throws {
        let text = page(gloss)
        #expect(try stripped(text, "strip-pinyin(mode=all)").0 == text)
    }

    @Test("a gloss that is not a reading of its character stays")
    func wrongReadings() throws {
        let text = "社區(xíng)服務,社區(qú)治理,轄區(qū)居民,社區(qū)。"
        let (out, changes) = try stripped(text, "strip-pinyin(page-check=false)")
        // Tone 2 is not a reading of 區 (qū, ōu, ...), nor is xíng.
        #expect(out == "社區(xíng)服務,社區(qú)治理,轄區居民,社區。")
        #expect(changes.count == 2)
    }

    @Test("all the readings of polyphonic characters, and of their simplified and traditional forms")
    func polyphones() throws {
        let text = "銀行(háng)、行(xíng)人、頭發(fà)、頭髮(fà)、发(fā)展、的(de)、一(yí)樣、不(bú)是、嗯(ǹg)、綠(lǜ)、綠(lv4)、女(nü3)"
        let (out, changes) = try stripped(text, "strip-pinyin(page-check=false)")
        #expect(out == "銀行、行人、頭發、頭髮、发展、的、一樣、不是、嗯、綠、綠、女")
        #expect(changes.count == 12)
    }

    @Test("only after a Han character")
    func afterHanOnly() throws {
        let text = "Tokyo(dōng)、ひらがな(qū)、한국(hán)、區 (qū)、「區」(qū)、A(a)"
        #expect(try stripped(text, "strip-pinyin(mode=all)").0 == text)
    }

    @Test("mode=all removes pinyin-looking glosses that are not readings, but not a lone toneless letter")
    func modeAll() throws {
        let text = "社區(xíng)服務、條款(a)、長度(m)、名詞(n)、人(e)、阿(a)姨"
        let (out, changes) = try stripped(text, "strip-pinyin(mode=all)")
        #expect(out == "社區服務、條款(a)、長度(m)、名詞(n)、人(e)、阿姨")
        #expect(changes.count == 2)
        #expect(changes[0].reason == "pinyin-looking gloss (xíng) after 區 removed (mode=all; not a reading of 區)")
    }

    @Test("a gloss split across chunks at every byte, and invalid bytes around it")
    func splits() throws {
        let text = "區(qū)區\u{FF08}qū\u{FF09}" + "社區(lǜ)社區（qū）社區(qu"
        let (out, changes) = try stripped(text, "strip-pinyin(page-check=false)")
        #expect(out == "區區社區(lǜ)社區社區(qu")
        #expect(changes.count == 3)
        var bytes = Array("社區(qū)、".utf8) + [0xFF, 0xE5] + Array("(qū)區(qū)".utf8) + [0xE5, 0x8C]
        let result = try ChunkedRun.expectChunkIndependent(chain("strip-pinyin(page-check=false)"), on: bytes)
        bytes.removeSubrange(24..<29)
        bytes.removeSubrange(6..<11)
        #expect(result.output == bytes)
        #expect(!result.diagnostics.isEmpty)
    }
}
