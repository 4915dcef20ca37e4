import Testing

/// Where a slipped GBK run is found, and which of its readings are weighed: cases the
/// suite's generator made from the corpora (a byte gained or lost in windows-936 bytes,
/// read back by windows-936 with "?" for what it could not read).
@Suite("mojibake: slipped GBK streams")
struct SlippedStreamTests {
    @Test("a traditional line slipped from its first byte reads as simplified; it is judged as repaired, ending in the letter it swallowed")
    func traditionalLineSlippedThroughout() throws {
        // 《變形計》顏值最高「假小子」戀愛了，看到男友後，網友驚呆了 with a byte B3 before it.
        let garbled = "场蹲冃斡嫛奉佒底罡摺讣傩∽印箲賽哿耍\u{E0DA}吹侥杏厌幔\u{E0D9}W友驚呆了\n"
        let (text, result) = try repaired(garbled)
        #expect(text == "《變形計》顏值最高「假小子」戀愛了，看到男友後，網友驚呆了\n")
        #expect(result.changes.count == 1)
    }

    @Test("a 锟 alone is a character a slipped pair makes (里哭 a byte late is 锟蕖), not the mark 锟斤拷")
    func loneKunInsideARun() throws {
        // 那个“宁可坐在宝马车里哭”的女孩，现在的境况令人出乎意料！ with its first byte lost.
        let garbled = "歉觥澳\u{E486}勺\u{E267}诒β沓道锟蕖钡呐\u{E191}ⅲ\u{E0EA}衷诘木晨隽钊顺龊跻饬希?\n"
        let (text, _) = try repaired(garbled)
        #expect(text.hasSuffix("宁可坐在宝马车里哭”的女孩，现在的境况令人出乎意料！\n"))
        // 锟斤拷 itself still ends a run: the text it stands for is lost, and it is reported.
        let (marked, markedResult) = try repaired("他们说锟斤拷锟斤拷的事\n")
        #expect(marked == "他们说锟斤拷锟斤拷的事\n")
        #expect(markedResult.changes.isEmpty)
    }

    @Test("a byte gained inside the first character of a run after Chinese: that character comes back whole; a reading that pairs a byte with a letter does not (關於訥河裏6號 stays)")
    func byteGainedInsideAfterChinese() throws {
        let (text, _) = try repaired("謝霆鋒陪李嫣出遊，張柏芝凎鹤诱f的一句話，聽哭無數網友\n")
        #expect(text == "謝霆鋒陪李嫣出遊，張柏芝兒子說的一句話，聽哭無數網友\n")
        let clean = "天津市北辰區人民政府關於訥河裏6號樓和石油公司宿舍平房的徵收決定\n"
        let (kept, result) = try repaired(clean)
        #expect(kept == clean && result.changes.isEmpty)
        // Nor one that breaks the words of clean text around a "?": a bug report quotes
        // 尤里的陰謀 with 謀 lost, whose 里的陰 read a byte out of step was 锏年 (or 赖年).
        let quoted = "When I use zip library, What I expect \"尤里的陰謀v1.0 \" will become \"尤里的陰?v1.0 \".\n"
        #expect(try repaired(quoted).0 == quoted)
    }

    @Test("a Greek, Cyrillic or accented Latin letter glued to a Chinese character starts a run (婪ńM成 is 依法組成)")
    func strayLetterAfterChinese() throws {
        let (text, result) = try repaired("本院受理後，婪ńM成合議庭審理了本案。\n")
        #expect(text.hasSuffix("法組成合議庭審理了本案。\n") && !text.contains("ń"))
        #expect(result.changes.count == 1)
        // 扮演誰都 with a byte gained before 誰 (D5 6C): д is A7 D5, and "l" put the decoder
        // back in step. Nothing else in the line looks wrong.
        let (actor, _) = try repaired("謝娜的臉絕了，扮演дl都特別的像\n")
        #expect(actor.hasSuffix("誰都特別的像\n") && !actor.contains("д"))
        // Letters of their own words stay, next to Chinese or not.
        let clean = "α粒子和β射線，普京（Путин）說，Dvořák的交響曲，x≥5時成立\n"
        let (kept, keptResult) = try repaired(clean)
        #expect(kept == clean && keptResult.changes.isEmpty)
    }

    @Test("a byte 81–A0 before GB2312's characters in simplified text is one the stream gained, left out; in traditional text it may be half of a character, and is marked lost")
    func strayByte() throws {
        // 不输宋丹丹…低调幸福 with 97 gained before 低: no character of GB2312 has 97.
        let (text, result) = try repaired("不输宋丹丹，英达都敬佩她，其貌不扬却嫁英国富豪椀偷餍腋?\n")
        #expect(text == "不输宋丹丹，英达都敬佩她，其貌不扬却嫁英国富豪低调幸福\n")
        #expect(result.changes.first?.lost?.contains("byte 97 was taken for a byte the stream gained") == true)
        // 出道就當女主的她至今依舊不溫不火！ lost a byte of 不 (B2 BB): 9C is no GB2312 byte
        // either, but traditional text has GBK's characters of 81–A0.
        let (traditional, _) = try repaired("出道就當女主的她至今依舊不溫换穑?\n")
        #expect(traditional.hasPrefix("出道就當女主的她至今依舊") && traditional.contains("\u{FFFD}"))
    }

    @Test("a line mostly of 锟斤拷 is text lost: its fragments are not searched for slips, and its marks stay whole")
    func mostlyLost() throws {
        // The suite's lossy case: searched, its end read one byte out of step broke a mark (革�斤拷).
        let line = "锟斤拷锟届档票锟斤拷锟斤拷锟斤拷强锟斤拷锟斤拷锟皆革拷锟斤拷斜浠?\n"
        let (text, result) = try repaired(line)
        #expect(text == line)
        #expect(result.changes.isEmpty)
    }
}
