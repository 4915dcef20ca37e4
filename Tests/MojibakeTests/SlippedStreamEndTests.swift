import Testing

/// The last character of a slipped GBK line, whose second byte the decoder could not
/// read and wrote as "?": guessed from its first byte and the line as repaired.
@Suite("mojibake: the end of a slipped line")
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
}
