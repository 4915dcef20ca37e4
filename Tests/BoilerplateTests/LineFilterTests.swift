@testable import FixTextBoilerplate
import FixTextCore
import FixTextTestSupport
import Testing

/// The scanner builds and matches the key of a line only when its filter says the line may
/// match a rule. The filter must never be wrong that way: for every line, the hits the
/// scanner records must be the matcher's on the line's whole key (up to the key limit).
@Suite("boilerplate's line filter")
struct LineFilterTests {
    /// Every line of `page`: (scanned hits, the matcher's hits).
    func compare(_ page: String, index: RuleIndex) -> [(line: String, scanned: LineHits, matched: LineHits)] {
        var scan = PageScan()
        let bytes = Array(page.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            scan.scan(buffer, fold: .shared, index: index)
            return scan.lines.enumerated().map { n, line in
                var key: [UInt32] = [], offsets: [Int32] = [], spaced: [Bool] = []
                KeyBuilder(fold: .shared).append(buffer, from: line.start, to: line.end, key: &key, offsets: &offsets, spaced: &spaced)
                let count = min(key.count, PageScan.keyLimit)
                let matched = key.withUnsafeBufferPointer { k in
                    spaced.withUnsafeBufferPointer { s in
                        index.hits(for: UnsafeBufferPointer(rebasing: k[..<count]), spaced: UnsafeBufferPointer(rebasing: s[..<count]))
                    }
                }
                let text = String(decoding: buffer[line.start..<line.end], as: UTF8.self)
                return (text, scan.hits[n], matched)
            }
        }
    }

    /// The annotated pages, the seed, clean headlines, and each of them with a space
    /// between all characters (keys are compared without spaces).
    func pages() throws -> [String] {
        var pages = try AnnotatedPage.all().map(\.input)
        pages.append(String(decoding: try TestData.fixtureBytes("content-farm-page.txt"), as: UTF8.self))
        if let headlines = TestData.sharedCorpusLines("zh-headlines.txt.gz", limit: 1000) {
            pages.append(headlines.joined(separator: "\n"))
        }
        return pages + pages.map { $0.split(separator: "\n", omittingEmptySubsequences: false).map { $0.map(String.init).joined(separator: " ") }.joined(separator: "\n") }
    }

    @Test("with the built-in rules, no line loses a hit")
    func builtin() throws {
        let index = try BuiltinRules.index.get()
        var lines = 0, withHits = 0
        for page in try pages() {
            for (line, scanned, matched) in compare(page, index: index) {
                lines += 1
                if !matched.isEmpty { withHits += 1 }
                #expect(scanned == matched, "\(line)")
            }
        }
        #expect(lines > 3000 && withHits > 500)
    }

    @Test("with rules of one character (prefix, line, suffix, word), no line loses a hit")
    func oneCharacterRules() throws {
        var rules = try BuiltinRules.parsed.get()
        rules.append(try RuleSet(parsing: """
            fixtext-boilerplate-rules 1
            seo-word   word    色
            nav        prefix  首
            nav        line    好
            meta       suffix  摄
            image      contains 圖
            """, source: "test.rules", fold: .shared))
        let index = RuleIndex(rules)
        for page in try pages() {
            for (line, scanned, matched) in compare(page, index: index) {
                #expect(scanned == matched, "\(line)")
            }
        }
    }
}
