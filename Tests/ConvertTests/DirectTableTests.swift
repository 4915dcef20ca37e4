@testable import FixTextConvert
import FixTextTestSupport
import Testing

/// The one-stage configs decide most characters from `DirectTable` before the trie: these
/// check the cases where it must hand over to the trie walk, or must not.
@Suite("the direct table of one-stage configs")
struct DirectTableTests {
    @Test("its index is one-to-one over every three-byte form")
    func indexIsOneToOne() {
        var seen = [Bool](repeating: false, count: DirectTable.count)
        for c: UInt32 in 0..<0x10000 {
            let index = DirectTable.index(DirectTable.threeBytes(c) | 0xAB00_0000)
            #expect(!seen[index], "U+\(String(c, radix: 16))")
            seen[index] = true
        }
    }

    @Test("a phrase whose second character comes as a compatibility ideograph (three or four bytes) is still matched")
    func compatibilitySecondCharacter() throws {
        // 上鍊 → 上链 and 乾隆 (乾 kept) in TSPhrases; U+F99B normalizes to 鍊, U+F9DC to 隆.
        for tail in ["", "\n", "。"] {
            #expect(try convert("t2s", "上\u{F99B}" + tail).0 == "上链" + tail)
            #expect(try convert("t2s", "乾\u{F9DC}" + tail).0 == "乾隆" + tail)
            #expect(try convert("t2s", "乾坤" + tail).0 == "乾坤" + tail)
            // Four bytes: U+2F818 normalizes to 冤 (沈冤 → 沉冤), U+2F83F to 周 (s2t 一周 → 一週).
            #expect(try convert("t2s", "沈\u{2F818}" + tail).0 == "沉冤" + tail)
            #expect(try convert("s2t", "一\u{2F83F}" + tail).0 == "一週" + tail)
        }
    }

    @Test("a character that starts phrases, followed by bytes that are not UTF-8 or by the end, is converted alone")
    func headBeforeBadBytes() throws {
        // 發 starts t2s phrases (發展, …) and is 发 alone.
        let bad: [[UInt8]] = [[0xFF], [0xE5, 0xB1], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xC2, 0xB7], [0xF0, 0x9F, 0x98, 0x80], []]
        for tail in bad {
            let bytes = Array("發".utf8) + tail + Array("發展".utf8) + tail
            let result = try ChunkedRun.expectChunkIndependent(TestData.chain("t2s", plugins: [ConvertPlugin.self]), on: bytes)
            #expect(result.output == Array("发".utf8) + tail + Array("发展".utf8) + tail)
        }
    }
}
