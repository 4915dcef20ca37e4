import FixTextCore
@testable import FixTextMojibake
import FixTextTestSupport
import Testing

/// What the places around a lost character say of it (``NeighbourBonuses``): here, what
/// ends a line after two given characters.
@Suite("mojibake: what ends a line")
struct NeighbourBonusesTests {
    @Test("a line's last character a strict GBK decoder cut short: ： after 如下, where rulings end a line, though headlines end in ！")
    func colonAfterRulingsPhrase() throws {
        // 本院审理后裁定如下： and 经审理，判决如下： read by Python's gbk: EF BC, then U+FFFD
        // for the 9A it could not read alone at the end of the line.
        for garbled in ["鏈\u{FFFD}闄㈠\u{FFFD}＄悊鍚庤\u{FFFD}佸畾濡備笅锛\u{FFFD}", "缁忓\u{FFFD}＄悊锛屽垽鍐冲\u{FFFD}備笅锛\u{FFFD}"] {
            let (text, result) = try repaired(garbled + "\n")
            #expect(text.hasSuffix("如下：\n"), "\(text)")
            #expect(result.changes.last?.lost?.contains("which makes ：") == true)
        }
        // Where the data knows no such two characters, the line's end speaks as before.
        #expect(try repaired("濂圭幇鍦ㄤ緷鏃у崟韬\u{FFFD}銆\u{FFFD}\n").0 == "她现在依旧单身。\n")
        #expect(try repaired("鏈\u{FFFD}妗堢幇宸插\u{FFFD}＄悊缁堢粨銆\u{FFFD}\n").0 == "本案现已审理终结。\n")
    }

    @Test("lines are known to end in ： after 如下, and in none of the punctuation that ends no line elsewhere")
    func lineEndsAfterTwoCharacters() {
        let neighbours = NeighbourBonuses.shared
        let (ru, xia) = (UInt32(0x5982), UInt32(0x4E0B))
        #expect(neighbours.knowsLineEnds(after: ru, xia))
        #expect(neighbours.endsLines(with: 0xFF1A, after: ru, xia))
        #expect(!neighbours.endsLines(with: 0xFF01, after: ru, xia))
        #expect(!neighbours.knowsLineEnds(after: nil, xia))
        #expect(neighbours.bonus(for: 0xFF1A, after: xia, before: nil, endsLine: true, beforePrevious: ru)
            > neighbours.bonus(for: 0xFF1A, after: xia, before: nil, endsLine: true))
        #expect(neighbours.bonus(for: 0xFF01, after: xia, before: nil, endsLine: true, beforePrevious: ru) == 0)
    }
}
