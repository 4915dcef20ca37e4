import FixTextCore
import FixTextTestSupport
import Testing

@Suite("strip-pinyin: the page check")
struct PageCheckTests {
    @Test("a page of repeated, matching glosses loses them all")
    func converted() throws {
        let text = "社區(qū)服務中心,創(chuàng)業(yè)園區(qū),激發(fā)活力。"
        let (out, changes) = try stripped(text)
        #expect(out == "社區服務中心,創業園區,激發活力。")
        #expect(changes.count == 5)
    }

    @Test(
        "a page keeps its glosses when it has fewer than three, one is wrong, a character is glossed two ways, or none repeats",
        arguments: [
            "社區(qū)服務,轄區(qū)居民。",
            "社區(qū)服務,轄區(qū)居民,激發(fà)活力,步行(qū)。",
            "銀行(háng)、行(xíng)人、一行(háng)字、步行(xíng)。",
            "生字:蝴(hú)蝶(dié)、蜻(qīng)蜓(tíng)、螞(mǎ)蟻(yǐ)。",
        ]
    )
    func kept(text: String) throws {
        #expect(try stripped(text).0 == text)
    }

    @Test("the documented price: a textbook page that glosses one character alike twice, all correctly, loses its glosses")
    func documentedPrice() throws {
        let text = "生字:蝴(hú)蝶(dié)、蜻(qīng)蜓(tíng)。課文:蝴(hú)蝶飛呀飛。"
        #expect(try stripped(text).0 == "生字:蝴蝶、蜻蜓。課文:蝴蝶飛呀飛。")
    }

    @Test("with page-check=false every gloss that is a reading goes, even on a textbook page")
    func noPageCheck() throws {
        let text = "銀行(háng)、行(xíng)人、蝴(hú)蝶(dié)、區(xíng)"
        #expect(try stripped(text, "strip-pinyin(page-check=false)").0 == "銀行、行人、蝴蝶、區(xíng)")
    }

    @Test("pages are glosses less than 32 KiB apart, each judged alone")
    func separatePages() throws {
        let filler = String(repeating: "今天天氣很好,我們去公園散步。\n", count: 1500) // 45 KB of clean text
        let converted = "社區(qū)服務,社區(qū)治理,轄區(qū)居民。\n"
        let textbook = "銀行(háng)、行(xíng)人、一行(háng)字。\n"
        let text = filler + converted + filler + textbook + filler + converted
        let (out, changes) = try stripped(text)
        #expect(changes.count == 6)
        let clean = "社區服務,社區治理,轄區居民。\n"
        #expect(out == filler + clean + filler + textbook + filler + clean)
        // Closer together, they are one page, and the textbook's two readings of 行 keep it all.
        let close = converted + String(repeating: "今天天氣很好。\n", count: 100) + textbook + converted
        #expect(try stripped(close).0 == close)
    }

    @Test("a run of glosses longer than a page is judged on its first 224 KiB, whose verdict holds on")
    func longRun() throws {
        // 240 KB of converted text, then a wrong gloss that would spoil a page, then more.
        let line = "社區(qū)服務,社區(qū)治理,轄區(qū)居民,常態(tài)化開展巡查。\n"
        let lines = 240_000 / line.utf8.count
        let text = String(repeating: line, count: lines) + "步行(qū)。\n" + String(repeating: line, count: 10)
        let result = try ChunkedRun.expectChunkIndependent(chain("strip-pinyin"), on: text, randomRuns: 2)
        let out = String(decoding: result.output, as: UTF8.self)
        #expect(result.changes.count == 4 * (lines + 10))
        #expect(out.contains("\n步行(qū)。\n"))
        #expect(glossCount(out) == 1)
        // A wrong gloss within the first page keeps the whole page, and the verdict holds on.
        let spoiled = "步行(qū)。\n" + text
        let kept = try ChunkedRun.expectChunkIndependent(chain("strip-pinyin"), on: spoiled, randomRuns: 1)
        #expect(kept.output == Array(spoiled.utf8))
    }
}

@Suite("strip-pinyin on clean text")
struct CleanTextTests {
    @Test("legitimate parentheses, a polyphone exercise and a new-character list pass unchanged")
    func legitimateParentheses() throws {
        let text = String(decoding: try TestData.fixtureBytes("strip-pinyin/legitimate-parentheses.txt"), as: UTF8.self)
        for spec in ["strip-pinyin", "normalize,strip-pinyin"] {
            let (out, changes) = try stripped(text, spec)
            #expect(out == text, "\(spec)")
            #expect(changes.isEmpty, "\(spec)")
        }
        // The glosses are real: without the page check the readings go, and only those.
        let (out, changes) = try stripped(text, "strip-pinyin(page-check=false)")
        #expect(changes.count == 10)
        #expect(out.contains("銀行、行人、一行字、步行。") && out.contains("蝴蝶、蜻蜓、螞蟻。"))
    }

    @Test(
        "the shared clean corpora pass unchanged, in every mode",
        .enabled(if: TestData.sharedCorpusLines("zh-legal.txt.gz", limit: 1) != nil, "needs ../shared/corpora beside the checkout"),
        arguments: ["zh-headlines.txt.gz", "zh-legal.txt.gz"]
    )
    func corpora(name: String) throws {
        let lines = try #require(TestData.sharedCorpusLines(name), "\(name) is missing")
        let text = Array((lines.joined(separator: "\n") + "\n").utf8)
        for spec in ["strip-pinyin", "strip-pinyin(page-check=false)", "strip-pinyin(mode=all)"] {
            let result = try ChunkedRun.run(chain(spec), on: text, chunking: .random(seed: 7, maxChunk: 1 << 16))
            #expect(result.changes.isEmpty, "\(spec): \(result.changes.prefix(3).map(\.reason))")
            #expect(result.output == text, "\(spec)")
        }
    }
}
