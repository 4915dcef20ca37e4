import Foundation
import FixTextICU
@testable import FixTextMojibake
import FixTextTestSupport
import Testing

/// `text` with `span` written in one encoding and read as another, as Windows decoders
/// read it (user-defined areas become private use).
private func garbling(_ span: String, in text: String, written: String, read: String) throws -> String {
    let bytes = try #require(Array(span.utf8).withUnsafeBufferPointer { try EncodingConverter(name: written).encode(utf8: $0) })
    let garbled = String(decoding: try EncodingConverter(name: read).decode(bytes).utf8, as: UTF8.self)
    return text.replacingOccurrences(of: span, with: garbled)
}

/// Expects `clean`, with `span` written in one encoding and read as the other, to come back.
private func expectSwapRepaired(_ clean: String, garbling span: String, written: String, read: String) throws {
    let garbled = try garbling(span, in: clean, written: written, read: read)
    try #require(garbled != clean)
    #expect(try repaired(garbled + "\n").0 == clean + "\n", "\(garbled)")
}

@Suite("mojibake: Big5 and GBK read as each other")
struct ChineseSwapTests {
    static let gbk = "windows-936-2000", big5 = "windows-950-2000"

    // Sentences of our own, not from the corpora the language model was built from.
    @Test("a garbled span inside clean Chinese comes back, ends included", arguments: [
        ("我们下个月去三亚度假，顺便看望老朋友。", "三亚度假", gbk, big5),
        ("我们下个月去三亚度假，顺便看望老朋友。", "三亚", gbk, big5),
        ("这家小店的招牌菜是红烧排骨，味道很好。", "红烧排骨", gbk, big5),
        ("请在下周一之前提交申请材料。", "提交申请", gbk, big5),
        // GBK's 、 read as Big5 is the small form ﹜.
        ("我们买了苹果、香蕉和葡萄。", "果、香", gbk, big5),
        ("会议地点、时间另行通知", "点、时", gbk, big5),
        ("他們下個月去台北旅遊，順便看望老朋友。", "台北旅遊", big5, gbk),
        ("他們下個月去台北旅遊，順便看望老朋友。", "旅遊", big5, gbk),
        ("這家小店的招牌菜是紅燒排骨，味道很好。", "紅燒排骨", big5, gbk),
        // Stretches with one rare character: the probe sends the line to the repairer.
        ("这次比赛的标准比去年更严格。", "标准", gbk, big5),
        ("他写的游戏攻略很受欢迎，下载量很大。", "攻略", gbk, big5),
        ("他们公司的产品质量很好。", "质量", gbk, big5),
        ("本案經審理後作出行政裁定。", "行政", big5, gbk),
        ("請於下週一前提交補償申請。", "補償", big5, gbk),
        // A whole line with one rare character (埜), which then must save much.
        ("会员登录", "会员登录", gbk, big5),
    ])
    func spans(text: String, span: String, written: String, read: String) throws {
        let garbled = try garbling(span, in: text, written: written, read: read)
        try #require(garbled != text)
        let (output, result) = try repaired(garbled + "\n")
        #expect(output == text + "\n", "\(garbled)")
        #expect(result.changes.allSatisfy { $0.reason.contains("(read as)") })
    }

    @Test("rare characters that swap into common ones but make no words stay", arguments: [
        "看老版济公吃肉吃到咂咂嘴，真想不到",
        "他在信里写道：「煢煢孑立，形影相弔。」",
        "龘靐齉齾爩鱻麤龗灪龖厵",
        // 纔 swapped is 優, which makes a word with 質 (質優) but not with 是.
        "她的氣質纔是最動人的地方，剛纔大家都看到了。",
    ])
    func rareButClean(text: String) throws {
        let (output, result) = try repaired(text + "\n")
        #expect(output == text + "\n")
        #expect(result.changes.isEmpty)
    }

    @Test("a rare character alone sends its line to the repairer only when it swaps into a word")
    func probe() throws {
        let probe = ChineseSwapProbe()
        func firstSuspicious(_ text: String, probe: ChineseSwapProbe?) -> Int? {
            Array(text.utf8).withUnsafeBufferPointer { SuspicionTable.shared.firstSuspicious(in: $0, probe: probe) }
        }
        // 梓袧 is 标准 read as Big5: 袧 is rare, 梓 is not.
        let garbled = "这次比赛的梓袧比去年更严格。"
        #expect(firstSuspicious(garbled, probe: nil) == nil)
        #expect(firstSuspicious(garbled, probe: probe) == Array("这次比赛的梓".utf8).count)
        #expect(probe.lastFinding == .swap)
        // What the probe found is the last scan's: a line with a sign of its own finds none
        // of the probe's; 屼 alone in 琛屼簡 (行了 read as GBK) is UTF-8 read so.
        #expect(firstSuspicious("中文鐢ㄦ埛", probe: probe) != nil)
        #expect(probe.lastFinding == nil)
        #expect(firstSuspicious("依法进琛屼簡审理", probe: probe) != nil)
        #expect(probe.lastFinding == .utf8ReadAsGBK)
        // A rare character of a name swaps into no word.
        #expect(firstSuspicious("他的名字叫李淼，是一名教师。", probe: probe) == nil)
        // 堎 between numbers is 月 (3月12日) read as Big5; the place says so, and nothing
        // else does.
        #expect(probe.readsBetterSwapped(0x580E, after: 0x33, before: 0x31))
        #expect(!probe.readsBetterSwapped(0x580E, after: 0x61, before: 0x62))
        // Clean text it sends on is judged there, and stays (see rareButClean).
        #expect(firstSuspicious("她的氣質纔是最動人的地方，剛纔大家都看到了。", probe: probe) != nil)
    }

    /// Clean traditional headlines went to the repairer for two-syllable words of characters
    /// seldom seen apart, too rare for the language model's bigrams (璀璨, 漣漪, 齷齪, 靦腆),
    /// and made half the time spent on a corpus of them.
    @Test("two rare characters side by side that are a word of the pair bonuses' data are no sign; two that are none are", arguments: [
        ("首飾還璀璨奪目", true), ("心中起漣漪", true), ("這麼齷齪", true), ("有點靦腆", true), ("瘦袧梓嶙", false),
    ])
    func rarePairsThatAreWords(text: String, isWord: Bool) throws {
        let found = Array(text.utf8).withUnsafeBufferPointer { SuspicionTable.shared.firstSuspicious(in: $0) }
        #expect((found == nil) == isWord, "\(text)")
    }

    @Test("Shift-JIS kana read as Latin-1 inside Japanese text come back", arguments: [
        ("領収書が必要な方はお申し出ください。", "し出"),
        ("新しいバージョンが公開されました。", "しいバージョ"),
        ("この道をまっすぐ行くと郵便局があります。", "すぐ行"),
    ])
    func shiftJISSpans(text: String, span: String) throws {
        let garbled = try garbling(span, in: text, written: "ibm-943_P15A-2003", read: "iso-8859-1")
        try #require(garbled != text)
        #expect(try repaired(garbled + "\n").0 == text + "\n", "\(garbled)")
    }

    @Test("accented Latin text whose UTF-8 was read as GBK, Big5, EUC-KR or Shift-JIS comes back", arguments: [
        "windows-936-2000", "gb18030", "windows-950-2000", "windows-949-2000", "ibm-943_P15A-2003",
    ])
    func latinReadAsDoubleByte(encoding: String) throws {
        for text in ["Café résumé naïve", "Ich möchte über die Brücke gehen", "São Paulo é uma cidade"] {
            let garbled = String(decoding: try EncodingConverter(name: encoding).decode(Array(text.utf8)).utf8, as: UTF8.self)
            try #require(garbled != text)
            #expect(try repaired(garbled + "\n").0 == text + "\n", "\(encoding): \(garbled)")
        }
        // Latin letters around Han characters in clean Chinese stay.
        for clean in ["A股B股都涨了", "B站UP主说X光片没问题"] {
            #expect(try repaired(clean + "\n").0 == clean + "\n")
        }
    }

    @Test("GBK's full-width punctuation read as Big5 is bopomofo (，：（） are ㄛㄩㄗㄘ): alone in simplified Chinese it comes back; bopomofo of Taiwanese writing (the line's script decides), and a run of it in simplified text, stay")
    func punctuationReadAsBopomofo() throws {
        for (clean, span) in [("名模娇妻竟这么美，13岁女儿身材让人服气", "，"), ("网友：太真实了", "："), ("说明（见附件）如下", "（")] {
            let garbled = try garbling(span, in: clean, written: Self.gbk, read: Self.big5)
            try #require(garbled != clean && garbled.unicodeScalars.contains { (0x3105...0x312F).contains($0.value) })
            #expect(try repaired(garbled + "\n").0 == clean + "\n", "\(garbled)")
        }
        for clean in ["我覺得好ㄛ，明天見", "拼音字母ㄅㄆㄇㄈ的学习方法"] {
            #expect(try repaired(clean + "\n").0 == clean + "\n")
        }
    }

    @Test("a bracket whose partner stands in the line is not swapped with the stretch beside it (「 read the other way is ☆)")
    func pairedBracketBesideStretch() throws {
        for (clean, span) in [("現場大喊「劉德華」被全程直播", "劉德華"), ("郭晶晶女兒有雙「腰果眼」霍震霆獎勵10億", "霍震霆")] {
            try expectSwapRepaired(clean, garbling: span, written: Self.big5, read: Self.gbk)
        }
    }

    @Test("one character between two digits that the place favours swapped (2018爛11 is 2018年11, 爛 being GBK's 年 read as Big5); characters at home there stay")
    func betweenDigits() throws {
        for clean in ["原告梁凤义于2018年11月19日向本院申请撤回起诉。", "本院在审理原告诉被告天津市和平区房地产管理局一案中，原告于2016年12月29日向本院申请撤回起诉。"] {
            try expectSwapRepaired(clean, garbling: "年", written: Self.gbk, read: Self.big5)
        }
        // Two such characters around a number are one stretch, whose digits are the same
        // either way: 衾2016爛 is 于2016年.
        let (both, _) = try repaired("原告梁淑兰衾2016爛12月29日向本院申请撤回起诉。\n")
        #expect(both == "原告梁淑兰于2016年12月29日向本院申请撤回起诉。\n")
        let kept = "2018年11月19日，比分3比2，第1至3名，5号楼1单元\n"
        let (text, result) = try repaired(kept)
        #expect(text == kept && result.changes.isEmpty)
    }
}

@Suite("mojibake: Big5 read as GBK, by its kana")
struct Big5KanaTests {
    @Test("Big5's commonest characters are GBK's hiragana: a small ゃ, ゅ, ょ out of place shows it (中文測試 is いゅ代刚)")
    func smallKanaOutOfPlace() throws {
        #expect(try repaired("いゅ代刚\n").0 == "中文測試\n")
        #expect(try repaired("這是いゅ代刚的內容\n").0 == "這是中文測試的內容\n")
    }

    @Test("the stretch of Han and kana around such kana is taken whole, in code and quoted in simplified text; punctuation after it is the text's own")
    func wholeStretch() throws {
        // A test in a public repository, and a changelog quoting the preview it fixed: the
        // labelling, weighing each character in the line's script, had kept 代刚.
        #expect(try repaired("//\t\t\tf.writeLine(\"いゅ代刚\");\n").0 == "//\t\t\tf.writeLine(\"中文測試\");\n")
        let quoted = "- [encoding] Big5 文本 → 曾一律识别为 `gb18030`，预览是乱码 `羉砰いゅ代刚…` → 现已正确识别为 big5。\n"
        #expect(try repaired(quoted).0 == quoted.replacingOccurrences(of: "羉砰いゅ代刚", with: "繁體中文測試"))
    }

    /// Comments of a public source file, each with its own traditional gloss.
    @Test("GBK read as Big5 is weighed in GBK's script, where the line also quotes traditional text", arguments: [
        ("//腎翹傖髡隙葩蚚誧陓洘 //登錄成功回復用戶信息", "//登录成功回复用户信息 //登錄成功回復用戶信息"),
        ("//庈部傖蝠暮翹隙葩 //市場成交記錄回復", "//市场成交记录回复 //市場成交記錄回復"),
    ])
    func simplifiedBesideTraditional(garbled: String, original: String) throws {
        #expect(try repaired(garbled + "\n").0 == original + "\n")
    }

    @Test("the rest of the run is still weighed beside the stretch: in a table of code pages, 繁體 after 中文")
    func restOfRunAfterStretch() throws {
        // From a public source file; 羉砰 (繁體 in Big5) had been left as it was once the
        // stretch of いゅ was taken.
        let line = "            {\"いゅ(羉砰)\",950},//Trad. Chs.\n"
        #expect(try repaired(line).0 == "            {\"中文(繁體)\",950},//Trad. Chs.\n")
    }

    @Test("Japanese writes a small ゃ, ゅ, ょ after the i row, and in loanwords after テ, デ, フ, ヴ: such lines stay")
    func japaneseStays() throws {
        let clean = "デュエットで歌いました。フュージョン料理が好きです。\nきゃく しゅ ちょっと りょこう ヴュー インタビュー\n"
            + "ニュース、ミュージック、ヒューマン、リュック、ピュア\nギャラリーでジュースを飲んだ。びょういんへ行く。\n"
        let (kept, result) = try repaired(clean)
        #expect(kept == clean && result.changes.isEmpty)
    }
}
