import Testing
@testable import FixTextMojibake

/// The graded bonuses of Han pairs (`PairBonusData.swift`), and the guesses of characters a
/// slipped stream cut short that they decide.
@Suite("mojibake: pair bonuses")
struct PairBonusesTests {
    @Test("the data decodes whole, a word's pair outweighs a common character's chance pair, and the strongest outweigh the model's one bonus")
    func data() throws {
        let pairs = PairBonuses.shared
        func bonus(_ text: String) -> Int {
            let scalars = text.unicodeScalars.map(\.value)
            return pairs.bonus(scalars[0], scalars[1])
        }
        #expect(bonus("直视") > bonus("直是"))
        #expect(bonus("变脸") > bonus("变了"))
        #expect(bonus("秘密") > 0 && bonus("密秘") == 0)
        // Graded, the strongest pairs (names, set phrases) count for more than the language
        // model's one bonus for every known pair: a table flattened to it would fail here.
        #expect(pairs.largestBonus > 2 * LanguageModel.shared.bigramBonus)
        #expect(bonus("直视") > LanguageModel.shared.bigramBonus / 2)
    }

    @Test("the character a \"?\" cut short is the one that makes the likelier pair, not the commoner one")
    func slippedEndGuesses() throws {
        // …暴露了娛樂圈的秘密 with EF gained before 的: the "?" cut 密 (C3 DC) short.
        let (secret, _) = try repaired("被質疑是否有後台？鄧倫這兩句話，暴露了娛樂圈锏拿孛?\n")
        #expect(secret == "被質疑是否有後台？鄧倫這兩句話，暴露了娛樂圈的秘密\n")
        // 吴磊张艺兴…你最喜欢谁, its first byte lost: 吴 and 谁 come back from their other bytes.
        let (stars, _) = try repaired("饫谡乓招搜钛笪庖喾材忻餍敲堑墓抛鞍缦嗄阕钕不端?\n")
        #expect(stars == "吴磊张艺兴杨洋吴亦凡男明星们的古装扮相你最喜欢谁\n")
    }
}
