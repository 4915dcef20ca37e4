import CFixTextUTF8
import FixTextCore
import Testing

/// The C validator behind the engine's check, at each of its levels (those this processor
/// cannot run fall back to the best one it can), against Swift's own UTF-8 parser.
@Suite("vector UTF-8 validation (CFixTextUTF8)")
struct VectorUTF8Tests {
    static let levels: [Int32] = [CFIXTEXT_UTF8_SCALAR, CFIXTEXT_UTF8_SSE2, CFIXTEXT_UTF8_SSSE3, CFIXTEXT_UTF8_AVX2]

    /// The offset of the first byte of `bytes` that Swift's parser rejects (including a
    /// sequence cut off by the end), or the length.
    static func validPrefix(_ bytes: ArraySlice<UInt8>) -> Int {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .error: return offset
            case .emptyInput: return offset
            }
        }
    }

    /// Text with long ASCII runs (the vector check skips whole ASCII blocks) and every
    /// sequence length, then damaged with bytes each rule of UTF-8 is about.
    static func sample(seed: UInt64) -> [UInt8] {
        var rng = SplitMix64(seed: seed)
        let pieces = [
            "中文字", "abc ", "，。", "é", "ࠀ", "\u{D7FB}", "퟿", "😀", "\u{10FFFF}", "\u{E000}", "\n", "𠀀", "\u{FFFD}",
            String(repeating: "a", count: 61), String(repeating: "x", count: 130),
        ]
        var bytes: [UInt8] = []
        for _ in 0..<Int(rng.next() % 300) {
            bytes += Array(pieces[Int(rng.next() % UInt64(pieces.count))].utf8)
        }
        let damage: [UInt8] = [0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xF8, 0xFF, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF]
        for _ in 0..<Int(rng.next() % 4) where !bytes.isEmpty {
            let at = Int(rng.next() % UInt64(bytes.count))
            if rng.next() % 2 == 0 {
                bytes[at] = damage[Int(rng.next() % UInt64(damage.count))]
            } else {
                bytes.insert(damage[Int(rng.next() % UInt64(damage.count))], at: at)
            }
        }
        return bytes
    }

    @Test("every level finds the same valid prefix as Swift's parser", arguments: 0..<200)
    func agreesWithSwift(seed: Int) {
        let bytes = Self.sample(seed: UInt64(seed))
        var rng = SplitMix64(seed: UInt64(seed) &+ 1000)
        // The whole sample, and pieces of it that start and end anywhere.
        var ranges = [0..<bytes.count]
        for _ in 0..<8 where !bytes.isEmpty {
            let start = Int(rng.next() % UInt64(bytes.count))
            ranges.append(start..<(start + Int(rng.next() % UInt64(bytes.count - start + 1))))
        }
        for range in ranges {
            let expected = Self.validPrefix(bytes[range])
            for level in Self.levels {
                let found = bytes.withUnsafeBufferPointer { all in
                    cfixtext_utf8_valid_prefix_at_level(level, all.baseAddress.map { $0 + range.lowerBound }, range.count)
                }
                #expect(found == expected, "level \(level), bytes \(range) of sample \(seed)")
            }
        }
    }

    @Test("a character cut by the end is not part of the prefix; empty input is")
    func cutAndEmpty() {
        let text = Array((String(repeating: "中", count: 40) + "😀").utf8)
        for level in Self.levels {
            for cut in 1...3 {
                let found = text.withUnsafeBufferPointer { cfixtext_utf8_valid_prefix_at_level(level, $0.baseAddress, text.count - cut) }
                #expect(found == 120, "level \(level), cut \(cut)")
            }
            #expect(cfixtext_utf8_valid_prefix_at_level(level, nil, 0) == 0)
        }
        #expect(Self.levels.contains(cfixtext_utf8_best_level()))
    }
}
