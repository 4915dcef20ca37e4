import FixTextConvert
import FixTextCore
import FixTextTestSupport
import Foundation
import Testing

func convert(_ chain: String, _ text: String, randomRuns: Int = 4) throws -> (String, ChunkedRun.Result) {
    let result = try ChunkedRun.expectChunkIndependent(
        TestData.chain(chain, plugins: [ConvertPlugin.self]), on: text, randomRuns: randomRuns
    )
    return (String(decoding: result.output, as: UTF8.self), result)
}

@Suite("conversion transforms")
struct ConvertTransformTests {
    @Test("beyond OpenCC: each correction in Fixtures/opencc/beyond-opencc.tsv, and OpenCC's own output with fixes=false")
    func beyondOpenCC() throws {
        let text = String(decoding: try TestData.fixtureBytes("opencc/beyond-opencc.tsv"), as: UTF8.self)
        let rows = text.split(separator: "\n").dropFirst().map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.count >= 20)
        for row in rows {
            let (config, input, opencc, fixtext) = (row[0], row[1], row[2], row[3])
            let (fixed, _) = try convert(config, input)
            #expect(fixed == fixtext, "\(config) \(input) (\(row[4]))")
            let (exact, _) = try convert("\(config)(fixes=false)", input)
            #expect(exact == opencc, "\(config)(fixes=false) \(input)")
        }
    }

    @Test("text without Han characters passes through byte-identical, with no change, under every config")
    func noHanUnchanged() throws {
        let text = try TestData.fixtureBytes("clean-multilingual.txt").filter { $0 < 0x80 }
        let ascii = String(decoding: text, as: UTF8.self) + " \u{1F600} café"
        for config in ConvertPlugin.transforms.map(\.name) {
            let (output, result) = try convert(config, ascii, randomRuns: 1)
            #expect(output == ascii, "\(config)")
            #expect(result.changes.isEmpty, "\(config)")
        }
    }

    @Test("bytes that are not UTF-8 pass through, also inside phrases and long two-stage segments")
    func invalidBytes() throws {
        let bytes: [UInt8] = Array("头".utf8) + [0xFF] + Array("发 abc".utf8) + [0xE5, 0xA4] + Array("发展".utf8)
        for config in ["s2t", "s2twp"] {
            let result = try ChunkedRun.expectChunkIndependent(
                TestData.chain(config, plugins: [ConvertPlugin.self]), on: bytes
            )
            #expect(result.output.contains(0xFF))
            #expect(result.output.count >= bytes.count)
        }
    }

    @Test("explain: each replaced phrase is one change, whose pieces rebuild the output")
    func explainChanges() throws {
        let input = "头发的发展，干净"
        let (_, whole) = try convert("s2t(fixes=false)", input)
        let (phrase, _) = try convert("s2t(fixes=false)", "头发")
        #expect(whole.changes.contains { String(decoding: $0.replacement, as: UTF8.self) == phrase && String(decoding: $0.original, as: UTF8.self) == "头发" })
        #expect(whole.changes.allSatisfy { $0.original != $0.replacement && $0.reason.contains("OpenCC s2t") })
        // Applying the changes to the input gives the output.
        var rebuilt: [UInt8] = []
        var at = 0
        let bytes = Array(input.utf8)
        for change in whole.changes {
            rebuilt += bytes[at..<change.range.lowerBound] + change.replacement
            at = change.range.upperBound
        }
        rebuilt += bytes[at...]
        #expect(rebuilt == whole.output)
    }

    @Test("long text: a corpus sample converts the same fed whole and in chunks, under one- and two-stage configs",
          .enabled(if: TestData.sharedCorpusLines("zh-legal.txt.gz", limit: 1) != nil, "needs ../shared/corpora beside the checkout"))
    func corpusChunked() throws {
        let lines = try #require(TestData.sharedCorpusLines("zh-legal.txt.gz", limit: 400))
        let text = Array((lines.joined(separator: "\n") + "\n").utf8)
        for config in ["s2t", "s2twp", "s2hk"] {
            let chain = try TestData.chain(config, plugins: [ConvertPlugin.self])
            let whole = try ChunkedRun.run(chain, on: text, chunking: .whole)
            let traditional = whole.output
            #expect(whole.output != text)
            for seed in [UInt64(3), 4] {
                let chunked = try ChunkedRun.run(chain, on: text, chunking: .random(seed: seed, maxChunk: 3000))
                #expect(chunked.output == whole.output, "\(config)")
                #expect(chunked.changes == whole.changes, "\(config)")
            }
            let quiet = try ChunkedRun.run(chain, on: text, chunking: .random(seed: 6, maxChunk: 70000), recordChanges: false)
            #expect(quiet.output == whole.output, "\(config), unrecorded")
            let back = config == "s2t" ? "t2s" : config == "s2twp" ? "tw2sp" : "hk2s"
            let backChain = try TestData.chain(back, plugins: [ConvertPlugin.self])
            let backWhole = try ChunkedRun.run(backChain, on: traditional, chunking: .whole)
            let backChunked = try ChunkedRun.run(backChain, on: traditional, chunking: .random(seed: 5, maxChunk: 5000))
            #expect(backChunked.output == backWhole.output, "\(back)")
            let backQuiet = try ChunkedRun.run(backChain, on: traditional, chunking: .random(seed: 8, maxChunk: 70000), recordChanges: false)
            #expect(backQuiet.output == backWhole.output, "\(back), unrecorded")
        }
    }

    @Test("a 100 KB line that is one two-stage segment (no TSPhrases key) converts the same however chunked")
    func longTwoStageSegment() throws {
        // tw2s segments on TSPhrases alone: a long line of other text is one segment.
        let line = String(repeating: "滑鼠裡面的矽二極體壞了abc ", count: 3000)
        let chain = try TestData.chain("tw2sp", plugins: [ConvertPlugin.self])
        let text = Array(line.utf8)
        let whole = try ChunkedRun.run(chain, on: text, chunking: .whole)
        for seed in [UInt64(1), 2] {
            let chunked = try ChunkedRun.run(chain, on: text, chunking: .random(seed: seed, maxChunk: 9000))
            #expect(chunked.output == whole.output)
            #expect(chunked.changes == whole.changes)
        }
        let (short, _) = try convert("tw2sp", "滑鼠裡面的矽二極體壞了abc ")
        #expect(String(decoding: whole.output, as: UTF8.self).hasPrefix(short + short))
    }
}
