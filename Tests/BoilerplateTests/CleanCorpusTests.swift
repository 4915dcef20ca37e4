import FixTextCore
import FixTextICU
import FixTextTestSupport
import Testing

/// Clean text from ../shared/corpora, cut into pages of `pageLines` lines, through
/// `boilerplate`: which lines does it touch, and why.
/// With `traditional`, the text is first converted with ICU's Simplified-Traditional.
func touchedLines(_ corpus: String, pageLines: Int, traditional: Bool = false) throws -> (lines: Int, touched: [(line: String, reason: String)]) {
    guard var lines = TestData.sharedCorpusLines(corpus) else { return (0, []) }
    if traditional {
        let converter = try Transliterator(id: "Simplified-Traditional")
        lines = converter.transliterate(lines.joined(separator: "\n")).split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }
    var touched: [(String, String)] = []
    var start = 0
    while start < lines.count {
        let page = lines[start..<min(lines.count, start + pageLines)]
        let input = Array((page.joined(separator: "\n") + "\n").utf8)
        let result = try ChunkedRun.run(boilerplate(), on: input, chunking: .whole)
        for change in result.changes {
            let line = input[..<change.range.lowerBound].filter { $0 == UInt8(ascii: "\n") }.count
            touched.append((page[page.startIndex + line], change.reason))
        }
        start += pageLines
    }
    return (lines.count, touched)
}

@Suite(
    "boilerplate on clean corpora",
    .enabled(if: TestData.sharedCorpusLines("zh-legal.txt.gz", limit: 1) != nil, "needs ../shared/corpora beside the checkout")
)
struct CleanCorpusTests {
    @Test("court rulings, as pages of 20 paragraphs: no line is touched")
    func legal() throws {
        let (count, touched) = try touchedLines("zh-legal.txt.gz", pageLines: 20)
        print("zh-legal: \(touched.count) of \(count) lines touched")
        for (line, reason) in touched.prefix(20) { print("  \(reason)\n    \(line.prefix(80))") }
        #expect(count > 0)
        #expect(touched.isEmpty)
    }

    // Headlines cut into pages look like a list of other headlines with no article: the
    // tail rule needs a paragraph of prose above its marker, and markers must stand alone
    // or before a separator (热点新闻王某… is a headline, not a marker), so none go.
    @Test("headlines, as pages of 30: no line is touched")
    func headlines() throws {
        let (count, touched) = try touchedLines("zh-headlines.txt.gz", pageLines: 30)
        print("zh-headlines: \(touched.count) of \(count) lines touched")
        for (line, reason) in touched.prefix(60) { print("  \(reason)\n    \(line.prefix(80))") }
        #expect(count > 0)
        #expect(touched.isEmpty)
    }

    @Test("the same in traditional characters: no line is touched")
    func traditional() throws {
        let (legal, legalTouched) = try touchedLines("zh-legal.txt.gz", pageLines: 20, traditional: true)
        let (headlines, headlinesTouched) = try touchedLines("zh-headlines.txt.gz", pageLines: 30, traditional: true)
        print("traditional: zh-legal \(legalTouched.count) of \(legal), zh-headlines \(headlinesTouched.count) of \(headlines) lines touched")
        for (line, reason) in (legalTouched + headlinesTouched).prefix(20) { print("  \(reason)\n    \(line.prefix(80))") }
        #expect(legal > 0 && headlines > 0)
        #expect(legalTouched.isEmpty)
        #expect(headlinesTouched.isEmpty)
    }
}
