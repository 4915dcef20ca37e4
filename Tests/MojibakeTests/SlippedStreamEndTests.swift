import Testing

/// Where a slipped GBK run ends: in a character whose second byte the decoder could not
/// read and wrote as "?", guessed from its first byte and the line as repaired; or in an
/// ASCII letter the last pair swallowed, which put the decoder back in step.
@Suite("mojibake: the end of a slipped run")
struct SlippedStreamEndTests {
    @Test("！ and ？ share their first byte: the sentence's words tell which ends it")
    func questionOrExclamation() throws {
        // 这还不够吗？ read one byte out of step by windows-936 (its private use kept).
        let garbled = "料衷时г姑刻熘荒芩\u{E1FB}甙烁鲂∈保\u{E0EC}沽μ\u{E071}螅\u{E0E8}\u{E266}眩赫饣共还宦穑?\n"
        let (text, result) = try repaired(garbled)
        #expect(text == "林允抱怨每天只能睡七八个小时，压力太大，网友：这还不够吗？\n")
        #expect(result.changes.count == 1)
    }

    @Test("a closing quote whose partner stands open in the repaired line is the character, not 。")
    func closingQuote() throws {
        let garbled = "铀槿δ训靡患\u{E362}钠\u{E0CE}≌眨赫怕\u{E3DE}袼\u{E1AD}辛梅ê＃\u{E0EC}蠲莼故恰靶》搅场?\n"
        let (text, _) = try repaired(garbled)
        #expect(text == "娱圈难得一见的片场照：张曼玉水中撩法海，杨幂还是“小方脸”\n")
    }

    @Test("a long slipped run may end in a letter it swallowed before Chinese; a short one may not (喫瓜羣衆 read as 斯狭t衆 stays)")
    func swallowedLetterBeforeChinese() throws {
        let garbled = "咏倍\u{E2AB}透缎敛┨鹈巯稚砘\u{E302}。\u{E0E8}\u{E266}训髻\u{E800}耗忝侨范ㄍ疾皇荘出来的？\n"
        let (text, _) = try repaired(garbled)
        #expect(text == "颖儿和付辛博甜蜜现身机场，网友调侃：你们确定图不是P出来的？\n")
        let clean = "网友都在喫瓜羣衆，这次终于看懂了\n"
        let (kept, result) = try repaired(clean)
        #expect(kept == clean && result.changes.isEmpty)
    }

    @Test("one character before a letter it swallowed is a slip in traditional text (臄D掉 is 擠掉); letters of clean text stay")
    func swallowedLetterAfterOneCharacter() throws {
        let (text, result) = try repaired("臄D掉女神林志玲，嫁入千億豪門，她六年生三娃付出不小\n")
        #expect(text == "擠掉女神林志玲，嫁入千億豪門，她六年生三娃付出不小\n")
        #expect(result.changes.count == 1)
        // Clean traditional lines where a character and a letter re-read a byte later make
        // text too; each changes when the swallowed letter's conditions are dropped.
        for clean in ["超模肯達爾·詹娜T臺上的精靈，腳踩高跟鞋氣場果然強大", "鹿晗曬練習照，因爲P圖成這樣引網友爆笑", "網友卻説：腿P得太過了！"] {
            #expect(try repaired(clean + "\n").0 == clean + "\n")
        }
    }
}
