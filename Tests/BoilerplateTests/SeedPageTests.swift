import FixTextBuiltins
import FixTextCore
import FixTextTestSupport
import Foundation
import Testing

@Suite("boilerplate on the seed page")
struct SeedPageTests {
    @Test("alone, on the page as crawled (traditional, with glosses): furniture goes, the article stays")
    func alone() throws {
        let page = try TestData.fixtureBytes("content-farm-page.txt")
        let result = try ChunkedRun.expectChunkIndependent(boilerplate(), on: page, randomRuns: 3)
        let expected = try TestData.fixtureBytes("boilerplate/seed-boilerplate-only.txt")
        #expect(String(decoding: result.output, as: UTF8.self) == String(decoding: expected, as: UTF8.self))

        // Which lines went, and what removed each.
        let text = String(decoding: page, as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let removedLines = result.changes.compactMap { change -> Int? in
            guard !change.reason.contains("headline prefix") else { return nil }
            let before = page[..<change.range.lowerBound].filter { $0 == UInt8(ascii: "\n") }.count
            // A change at the end of the page starts with the blank line before it.
            return page[change.range.lowerBound] == UInt8(ascii: "\n") ? before + 2 : before + 1
        }
        #expect(removedLines == [1, 3, 7, 14, 54, 56])
        let reasons = result.changes.map(\.reason)
        #expect(reasons[0].contains("SEO spam"))
        #expect(reasons[1].contains("navigation (nav prefix '您的位置'"))
        #expect(reasons[2].contains("headline prefix '世界關注:'"))
        #expect(reasons[3].contains("metadata"))
        #expect(reasons[4].contains("image note"))
        #expect(reasons[5].contains("tail block after the marker on line 54"))
        #expect(reasons[6].contains("tail block after the marker on line 54"))
        // The title and every paragraph and heading of the article stay, glosses and all.
        let output = String(decoding: result.output, as: UTF8.self)
        #expect(output.hasPrefix("武漢漢興街道:互看互比夯實基層力量"))
        for (number, line) in lines.enumerated() where line.count > 20 && ![0, 2, 4, 6].contains(number) {
            #expect(output.contains(line), "line \(number + 1) lost")
        }
        // Captions are kept by default, removed on request.
        #expect(output.components(separatedBy: "通訊員供圖").count == 5)
        let noCaptions = try ChunkedRun.expectChunkIndependent(boilerplate("boilerplate(captions=remove)"), on: page, randomRuns: 1)
        let noCaptionsText = String(decoding: noCaptions.output, as: UTF8.self)
        #expect(!noCaptionsText.contains("通訊員供圖"))
        #expect(noCaptions.changes.filter { $0.reason.contains("photo caption") }.count == 4)
    }

    @Test("through mojibake,strip-pinyin,t2s,boilerplate: the article in simplified Chinese")
    func fullChain() throws {
        let spec = "mojibake,strip-pinyin,t2s,boilerplate"
        let missing = ["mojibake", "strip-pinyin", "t2s", "boilerplate"].filter {
            TransformRegistry.builtin.descriptor(named: $0) == nil
        }
        guard missing.isEmpty else {
            // Visible in the test log until those transforms are merged.
            print("SKIPPED boilerplate full-chain seed test: not registered yet: \(missing.joined(separator: ", "))")
            withKnownIssue("the chain needs \(missing.joined(separator: ", ")), not on this branch yet") {
                Issue.record("transforms missing: \(missing)")
            }
            return
        }
        let chain = try Chain.resolve(spec, in: TransformRegistry.builtin)
        let page = try TestData.fixtureBytes("content-farm-page.txt")
        let result = try ChunkedRun.expectChunkIndependent({ try chain.makeTransforms() }, on: page, randomRuns: 2)
        let output = String(decoding: result.output, as: UTF8.self)
        let expected = String(decoding: try TestData.fixtureBytes("boilerplate/seed-expected.txt"), as: UTF8.self)
        let outputLines = output.split(separator: "\n", omittingEmptySubsequences: false)
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(outputLines.count == expectedLines.count)
        for (got, want) in zip(outputLines, expectedLines) {
            #expect(SeedExpectation.matches(got, want), "got:  \(got)\nwant: \(want)")
        }
    }
}

enum SeedExpectation {
    /// Lines are equal, except where the expected line marks a character lost for good
    /// (U+FFFD): there the repair may keep a few characters of debris around its mark, as
    /// long as the text on both sides is exact.
    ///
    /// 著 and 着 are both simplified characters, and converters differ on 連著 (OpenCC's
    /// character table keeps 著, ICU writes 着): either is accepted.
    static func matches(_ got: Substring, _ want: Substring) -> Bool {
        let got = Substring(got.replacingOccurrences(of: "著", with: "着"))
        let want = Substring(want.replacingOccurrences(of: "著", with: "着"))
        if got == want { return true }
        guard let mark = want.firstIndex(of: "\u{FFFD}") else { return false }
        let before = want[..<mark], after = want[want.index(after: mark)...]
        guard got.hasPrefix(before), got.hasSuffix(after), got.count >= before.count + after.count + 1 else { return false }
        let middle = got.dropFirst(before.count).dropLast(after.count)
        return middle.contains("\u{FFFD}") && middle.count <= 8
    }
}

@Suite("the seed expectation's comparison")
struct SeedExpectationTests {
    @Test("exact lines match; debris is accepted only around a lost-character mark")
    func comparison() {
        #expect(SeedExpectation.matches("基层治理连着千家万户", "基层治理连着千家万户"))
        #expect(SeedExpectation.matches("基层治理连著千家万户", "基层治理连着千家万户"))
        #expect(!SeedExpectation.matches("基层治理连着千家万", "基层治理连着千家万户"))
        #expect(SeedExpectation.matches("从“居民反映问题”变?yōu)\u{FFFD}“社区主动", "从“居民反映问题”变\u{FFFD}“社区主动"))
        #expect(!SeedExpectation.matches("从“居民反映问题”变为“社区主动", "从“居民反映问题”变\u{FFFD}“社区主动"))
        #expect(!SeedExpectation.matches("从“居民反映问题”变\u{FFFD}“社区被动", "从“居民反映问题”变\u{FFFD}“社区主动"))
    }
}
