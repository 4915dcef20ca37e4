@testable import FixTextMojibake
import Testing

/// UTF-8 read as Windows and .NET read code page 932, which write "・" (U+30FB) for a
/// lead byte and the byte after it that make no character: Japanese tools' mojibake
/// (PowerShell, Visual Studio), and what their users paste into bug reports.
@Suite("mojibake: code page 932 as Windows reads it")
struct Windows932DotsTests {
    @Test("a string cut at its end: the quote the dot took is put back, and the line comes back around it")
    func quoteTakenByTheDot() throws {
        // print("\n\n中断しました。") from a public repository: 。 is E3 80 82, and 82 with
        // the quote after it made no pair.
        let (text, result) = try repaired("        print(\"\\n\\n荳ｭ譁ｭ縺励∪縺励◆縲・)\n")
        #expect(text.hasPrefix("        print(\"\\n\\n中断しました"))
        #expect(text.hasSuffix("\")\n"))
        #expect(result.changes.contains { $0.lost?.contains("put back") == true })
    }

    @Test("a dot for a character's lead and the byte after it: that character is guessed from its last byte between its neighbours")
    func leadAndNextUnread() throws {
        // ，(EF BC 8C) after Chinese: 932 has no pair EF BC, so the dot took both, and 8C
        // started the next pair (悟 is 8C E5). Before, the dot was read as its own bytes,
        // 81 45, and the line was left as it was.
        let (text, _) = try repaired("蛻倅ｺｦ闖ｲ蛻・焔閾ｳ莉頑悴隹域°辷ｱ・檎ｲ我ｸ晏ｼｺ蜉ｿ蛻・梵蜴溷屏・檎ｽ玲刹蜚仙ｫ｣闔ｫ蜷崎ｺｺ譫ｪ・・\n")
        // The last two dots are ！ (EF BC 81): EF BC, then 81 alone at the line's end.
        #expect(text == "刘亦菲分手至今未谈恋爱，粉丝强势分析原因，罗晋唐嫣莫名躺枪！\n")
    }

    @Test("in a Japanese line, the characters across a dot are weighed as Japanese: 処理を, not 処理炒")
    func japaneseAcrossTheDot() throws {
        // A comment in a public repository: を is E3 82 92, and E3 went into the dot with
        // the last byte of 理; as Chinese, 炒 (E7 82 92) was cheaper.
        let (text, _) = try repaired("\t/// 1逋ｺ縺ｮ蠑ｾ縺ｫ縺､縺・菴薙・謨ｵ縺ｸ蜻ｽ荳ｭ縺吶ｋ縺薙→繧呈Φ螳壹＠縺ｦ蜃ｦ逅・ｒ荳ｭ譁ｭ縺吶ｋ縲・\n")
        #expect(text.hasSuffix("命中することを想定して処理を中断する。\n"))
    }

    @Test("Fixtures/mojibake/windows-932-dots.jsonl: the character error rate falls from over 1.6 to under 0.2")
    func fixture() throws {
        try MojibakeSuiteTests.expectFixture("windows-932-dots", before: 1.6, after: 0.2, exact: 24)
    }

    @Test("Japanese with a dot of its own between words stays")
    func cleanDots() throws {
        let clean = "こさか・あけみ\nメイン・メニュー・バー\n東京・大阪・名古屋\n"
        #expect(try repaired(clean).0 == clean)
    }
}
