import FixTextCore
import FixTextTestSupport
import Testing

@Suite("ChainRunner")
struct ChainRunnerTests {
    @Test("a window transform gives the same output however the input is cut")
    func windowChunkIndependence() throws {
        let result = try ChunkedRun.expectChunkIndependent({ named(("ab", ReplaceAB())) }, on: "aab-abba-a\nab")
        #expect(String(decoding: result.output, as: UTF8.self) == "aX-Xba-a\nX")
        #expect(result.changes.map(\.range) == [1..<3, 4..<6, 11..<13])
    }

    @Test("changes of later stages are reported at offsets of the original input")
    func offsetsMapBackThroughEarlierStages() throws {
        // Stage 1 deletes dashes, so stage 2 sees "abab\nab" where the input has
        // "-a-b-ab\n--ab": its first "ab" spans a deleted dash.
        let input = "-a-b-ab\n--ab"
        let result = try ChunkedRun.expectChunkIndependent({ named(("dash", DeleteDashes()), ("ab", ReplaceAB())) }, on: input)
        #expect(String(decoding: result.output, as: UTF8.self) == "XX\nX")
        let abChanges = result.changes.filter { $0.transform == "ab" }
        let bytes = Array(input.utf8)
        #expect(abChanges.map(\.range) == [1..<4, 5..<7, 10..<12])
        #expect(Array(bytes[abChanges[0].range]) == Array("a-b".utf8))
        #expect(Array(bytes[abChanges[2].range]) == Array("ab".utf8))
        #expect(result.changes.filter { $0.transform == "dash" }.map(\.range.lowerBound) == [0, 2, 4, 8, 9])
    }

    @Test("a line transform sees whole lines")
    func lineFraming() throws {
        let result = try ChunkedRun.expectChunkIndependent({ named(("rev", ReverseLines())) }, on: "abc\nde\n\nxyz")
        #expect(String(decoding: result.output, as: UTF8.self) == "cba\ned\n\nzyx")
    }

    @Test("a line longer than the limit goes through in pieces cut at character boundaries, with a note")
    func longLinesArriveInPieces() throws {
        let line = String(repeating: "中", count: 10) // 30 bytes; the limit is 8
        let result = try ChunkedRun.run({ named(("frames", RecordFrames(maxBytes: 8))) }, on: Array((line + "\nok\n").utf8), chunking: .byteAtATime)
        // Pieces of two characters (6 bytes, the most that fits in 8 without splitting
        // one), then the end of the line, then the next line whole.
        #expect(String(decoding: result.output, as: UTF8.self) == "[6 piece][6 piece][6 piece][6 piece][7 piece][3]")
        #expect(result.diagnostics.map(\.message) == ["line longer than 8 bytes; processed in pieces"])
        #expect(result.diagnostics.first?.severity == .note)
    }

    @Test("a line cut between chunks is completed alone; the whole lines after it come from the chunk")
    func carriedLineCompletedAlone() throws {
        let runner = ChainRunner(named(("frames", RecordFrames(maxBytes: 1 << 20))))
        var output: [UInt8] = []
        let sink: (UnsafeBufferPointer<UInt8>) -> Void = { output.append(contentsOf: $0) }
        for chunk in ["ab\nc", "d\nef\ng", "h"] {
            try Array(chunk.utf8).withUnsafeBufferPointer { try runner.write($0, to: sink) }
        }
        try runner.finish(to: sink)
        // "cd\n" is the carried "c" completed by the second chunk, handed over alone
        // (only it was copied), then "ef\n" straight from the chunk; "gh" at the end.
        #expect(String(decoding: output, as: UTF8.self) == "[3][3][3][2]")
    }

    @Test("a document transform sees the whole document once")
    func documentFraming() throws {
        let text = "line one\nline two\nline three\n"
        let result = try ChunkedRun.expectChunkIndependent({ named(("doc", DescribeDocument())) }, on: text)
        #expect(String(decoding: result.output, as: UTF8.self) == "[\(text.utf8.count) bytes, 3 lines]")
    }

    @Test("a document over its cap arrives in pieces cut at line ends")
    func documentPieces() throws {
        let text = String(repeating: "0123456789\n", count: 10) // 110 bytes, cap 40
        let result = try ChunkedRun.run({ named(("doc", DescribeDocument(maxBytes: 40))) }, on: Array(text.utf8), chunking: .random(seed: 3, maxChunk: 7))
        let pieces = String(decoding: result.output, as: UTF8.self)
        #expect(pieces == "[33 bytes, 3 lines, piece][33 bytes, 3 lines, piece][33 bytes, 3 lines, piece][11 bytes, 1 lines, piece]")
        #expect(result.diagnostics.map(\.message) == ["document longer than 40 bytes; processed in pieces"])
    }

    @Test("invalid UTF-8 passes through untouched and is reported once per run, at its offset")
    func invalidUTF8IsLossless() throws {
        var input = Array("好".utf8) + [0xFF, 0xFE] + Array("ab".utf8) + [0xE4, 0xB8] + Array("x".utf8) + [0xC3]
        let result = try ChunkedRun.expectChunkIndependent({ named(("ab", ReplaceAB())) }, on: input)
        input.replaceSubrange(5..<7, with: Array("X".utf8))
        #expect(result.output == input)
        #expect(result.diagnostics.map(\.range) == [3..<5, 7..<9, 10..<11])
        #expect(result.diagnostics.allSatisfy { $0.source == "input" && $0.severity == .warning })
        #expect(result.diagnostics.first?.message == "invalid UTF-8 (FF FE) passed through unchanged")
    }

    @Test("a transform that holds back more than it declared is stopped with an error")
    func holdingTooMuchIsAnError() throws {
        #expect(throws: EngineError.self) {
            try ChunkedRun.run({ named(("greedy", HoldEverything())) }, on: Array("0123456789".utf8), chunking: .whole)
        }
        // Within its window it is fine.
        let result = try ChunkedRun.run({ named(("greedy", HoldEverything())) }, on: Array("0123".utf8), chunking: .byteAtATime)
        #expect(result.output.isEmpty)
    }

    @Test("an empty input runs every stage once and produces nothing")
    func emptyInput() throws {
        let result = try ChunkedRun.run({ named(("doc", DescribeDocument()), ("ab", ReplaceAB())) }, on: [], chunking: .whole)
        #expect(String(decoding: result.output, as: UTF8.self) == "[0 bytes, 0 lines]")
    }
}
