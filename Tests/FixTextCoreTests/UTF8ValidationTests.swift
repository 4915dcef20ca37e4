import FixTextCore
import FixTextTestSupport
import Testing

@Suite("UTF-8 validation in the engine")
struct UTF8ValidationTests {
    /// The offsets of bytes that Swift's own UTF-8 parser rejects.
    static func invalidOffsets(_ bytes: [UInt8]) -> Set<Int> {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        var invalid = Set<Int>()
        loop: while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar):
                offset += scalar.count
            case .error(let length):
                invalid.formUnion(offset..<(offset + length))
                offset += length
            case .emptyInput:
                break loop
            }
        }
        return invalid
    }

    /// Text with every kind of sequence the fast paths treat specially, then damaged.
    static func sample(seed: UInt64) -> [UInt8] {
        var rng = SplitMix64(seed: seed)
        let pieces = ["中文字", "abc ", "，。", "é", "ࠀ", "\u{D7FB}", "퟿", "한국어", "😀", "\u{10FFFF}", "\u{E000}", "\n", "𠀀"]
        var bytes: [UInt8] = []
        for _ in 0..<200 {
            bytes += Array(pieces[Int(rng.next() % UInt64(pieces.count))].utf8)
        }
        // Damage: flip, drop and insert bytes at random places.
        let damage = Int(rng.next() % 6)
        for _ in 0..<damage {
            let at = Int(rng.next() % UInt64(bytes.count))
            switch rng.next() % 4 {
            case 0: bytes[at] ^= UInt8(truncatingIfNeeded: rng.next() | 0x80)
            case 1: bytes.remove(at: at)
            case 2: bytes.insert([0xC0, 0xC1, 0xF5, 0xFF, 0x80, 0xE0, 0xED, 0xF4][Int(rng.next() % 8)], at: at)
            default: bytes.insert(contentsOf: [0xED, 0xA0, 0x80], at: at) // a surrogate
            }
        }
        return bytes
    }

    @Test("reports exactly the bytes Swift's parser rejects, however the input is cut", arguments: 0..<64)
    func matchesSwiftsParser(seed: Int) throws {
        let input = Self.sample(seed: UInt64(seed))
        let result = try ChunkedRun.expectChunkIndependent({ [] }, on: input, randomRuns: 3)
        #expect(result.output == input)
        let reported = result.diagnostics.reduce(into: Set<Int>()) { $0.formUnion($1.range) }
        #expect(reported == Self.invalidOffsets(input))
    }

    /// Bytes as a double-byte legacy encoding (GBK, Big5) writes Chinese, with some ASCII:
    /// mostly invalid as UTF-8, with short valid sequences here and there.
    static func legacyLike(seed: UInt64, count: Int) -> [UInt8] {
        var rng = SplitMix64(seed: seed)
        var bytes: [UInt8] = []
        while bytes.count < count {
            switch rng.next() % 100 {
            case 0..<15: bytes.append(UInt8(0x20 + rng.next() % 0x5F))
            case 15..<17: bytes.append(UInt8(ascii: "\n"))
            default: bytes += [UInt8(0x81 + rng.next() % 0x7E), UInt8(0x40 + rng.next() % 0xBF)]
            }
        }
        return bytes
    }

    @Test("text in a legacy double-byte encoding: exactly the bytes Swift's parser rejects, however it is cut", arguments: 0..<4)
    func legacyEncodingAsUTF8(seed: Int) throws {
        let input = Self.legacyLike(seed: UInt64(seed), count: 30_000)
        let expected = Self.invalidOffsets(input)
        for chunking: ChunkedRun.Chunking in [.whole, .random(seed: UInt64(seed) &+ 1, maxChunk: 300)] {
            // Thousands of problems: keep them all.
            let runner = ChainRunner([], diagnostics: DiagnosticCollector(keepLimit: .max))
            var output: [UInt8] = []
            let sink: (UnsafeBufferPointer<UInt8>) -> Void = { output.append(contentsOf: $0) }
            try input.withUnsafeBufferPointer { all in
                try chunking.forEachChunk(of: all) { try runner.write($0, to: sink) }
            }
            try runner.finish(to: sink)
            #expect(output == input, "fed \(chunking)")
            let reported = runner.diagnostics.kept.reduce(into: Set<Int>()) { $0.formUnion($1.range) }
            let missed = expected.subtracting(reported).sorted(), extra = reported.subtracting(expected).sorted()
            #expect(missed.isEmpty, "fed \(chunking): invalid bytes not reported at \(missed.prefix(8))")
            #expect(extra.isEmpty, "fed \(chunking): valid bytes reported at \(extra.prefix(8))")
        }
    }

    @Test("valid text of every sequence length reports nothing")
    func validText() throws {
        let text = Array(String(repeating: "中文，abc é ࠀ ퟿ 😀 \u{10FFFF} 한국어\n", count: 50).utf8)
        let result = try ChunkedRun.expectChunkIndependent({ [] }, on: text)
        #expect(result.diagnostics.isEmpty)
    }
}
