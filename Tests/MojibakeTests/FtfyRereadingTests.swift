import Testing

/// GBK read as windows-1252 and then put through ftfy's `fix_text`, which rereads some of
/// its windows-1252 characters as UTF-8 (ÏµÍ³ becomes ϵͳ): crawls cleaned with ftfy hold
/// pages of it. `Fixtures/mojibake/ftfy-reread.jsonl` was made with ftfy 6.3.1 itself
/// (`Tools/peer-suites/make_ftfy_reread_cases.py`).
@Suite("mojibake: GBK read as windows-1252, then reread by ftfy")
struct FtfyRereadingTests {
    @Test("characters windows-1252 lacks are their UTF-8 bytes, and the line comes back")
    func rereadLines() throws {
        // 系统找不到指定的文件。 and 的一个完整液压系统由五个部分组成, as pages show them.
        let (text, result) = try repaired("ϵͳÕÒ²»µ½Ö¸¶¨µÄÎļþ¡£\nµÄÒ»¸öÍêÕûҺѹϵͳÓÉÎå¸ö²¿·Ö×é³É\n")
        #expect(text == "系统找不到指定的文件。\n的一个完整液压系统由五个部分组成\n")
        #expect(result.changes.count == 2)
        #expect(result.changes.allSatisfy { $0.reason.contains("windows-936 → windows-1252 then ftfy (read as)") })
    }

    @Test("Big5 too, whose last pair may end in an ASCII byte (？ is A1 48, \"¡H\")")
    func big5() throws {
        // 鞠婧禕新劇來襲男主居然是他？: ftfy made ŧ (C5 A7) of Å§, 襲.
        let (text, _) = try repaired("ÁùÔÑâü·s¼@¨Óŧ¨k¥D©~µM¬O¥L¡H\n")
        #expect(text == "鞠婧禕新劇來襲男主居然是他？\n")
    }

    @Test("EUC-KR too: 한글 read as windows-1252 is ÇÑ±Û, whose Ñ± ftfy (or a UTF-8 decoder falling back to Latin-1) reads as ѱ")
    func korean() throws {
        // From a bug report: a Java string of digits, letters and 한글한글.
        let (text, result) = try repaired("        String hangul = \"1234567890123abcdÇѱÛÇѱÛ\";\n")
        #expect(text == "        String hangul = \"1234567890123abcd한글한글\";\n")
        #expect(result.changes.first?.reason.contains("windows-949 (EUC-KR) → windows-1252 then ftfy (read as)") == true)
        // Only Hangul comes back: Latin mojibake garbled thrice (one of ftfy's cases) read
        // so made It횄?짖창?р?쥀 of ItÃ?Â¢â?¬â?¢s.
        let latin = "ItÃ?Â¢â?¬â?¢s classic. ItÃ?Â¢â?¬â?¢s epic.\n"
        #expect(try repaired(latin).0 == latin)
        // ...and only EUC-KR's own syllables: code page 949's extension read “Hello” shown
        // by a console (ΓÇ£HelloΓÇ¥) as 뚯픈쥹ello뚯표.
        let console = try repaired("ΓÇ£HelloΓÇ¥ ΓÇö world ΓÇª\n").0
        #expect(!console.unicodeScalars.contains { (0xAC00...0xD7A3).contains($0.value) })
    }

    @Test("a character windows-1252 has may be one ftfy reread (ÿ is C3 BF, 每), or one it reread twice (ϵ for 下第, via Âµ)")
    func ambiguousAndNestedRereadings() throws {
        let (text, _) = try repaired("ϵͳÿÌì×Ô¶¯±¸·Ý\nµ±ÄêµÄ¡¶ÌìϵÚÒ»¡·ÑÝÔ±ÏÖ×´\n")
        #expect(text == "系统每天自动备份\n当年的《天下第一》演员现状\n")
    }

    @Test("ftfy's other fixes are undone: a reading of another code page (ׯ from ×Æ in windows-1257), a ligature (ĳ as ij)")
    func otherFixes() throws {
        // 宋小宝首曝老婆: ftfy took ×Æ (D7 C6) for UTF-8 read as windows-1257 (D7 AF), U+05EF.
        let (text, _) = try repaired("ËÎС±¦ÊׯØÀÏÆÅ\n")
        #expect(text == "宋小宝首曝老婆\n")
        // 中心称， with ĳ (C4 B3) written "ij" by ftfy's ligature fix.
        let (centre, _) = try repaired("ÉêÇëÖ´ÐÐÈËÌì½òÊÐס·¿¹«»ý½ð¹ÜÀíÖÐÐijƣ¬\n")
        #expect(centre == "申请执行人天津市住房公积金管理中心称，\n")
    }

    @Test("Fixtures/mojibake/ftfy-reread.jsonl: most lines come back exact, and the character error rate falls from over 1.7 to under 0.01")
    func fixture() throws {
        try MojibakeSuiteTests.expectFixture("ftfy-reread", before: 1.7, after: 0.01, exact: 125)
    }

    @Test("text of its own stays: dots, Greek and Cyrillic words, accented Latin beside them")
    func cleanText() throws {
        let clean = "西楚霸王········谭凯迷上影视圈\n秦岚梳空气刘海皮肤白到发光······像极了\nΕλληνικά και café, Москва — Zürich, Ærøskøbing\nα·β·γ 的结果，µ≈0.5，ϵ取很小\n"
        let (kept, result) = try repaired(clean)
        #expect(kept == clean)
        #expect(result.changes.isEmpty)
    }
}
