import FixTextICU
import Testing

/// UTF-8 `text` read as windows-936, as a Windows decoder would.
private func readAsGBK(_ text: String) throws -> String {
    String(decoding: try EncodingConverter(name: "windows-936-2000").decode(Array(text.utf8)).utf8, as: UTF8.self)
}

@Suite("mojibake: where in a line stretches are sought, and which readings")
struct SpanSearchTests {
    @Test("a garbled stretch that starts with characters that look like clean text is repaired whole")
    func commonLookingStart() throws {
        // 尼奥尼来中国 read as GBK starts with five common characters (灏煎ゥ灏兼) before
        // the first that looks wrong.
        let garbled = try readAsGBK("尼奥尼来中国")
        let (text, result) = try repaired("世界电影大师安东\(garbled)拍纪录片,32年后在中国首映\n")
        #expect(text == "世界电影大师安东尼奥尼来中国拍纪录片,32年后在中国首映\n")
        #expect(result.changes.count == 1)
    }

    @Test("two garbled stretches far apart in one line of Chinese both come back, and the clean text between stays")
    func stretchesFarApart() throws {
        let between = "了，法院依法组成合议庭进行了审理，本案现已审理终结，"
        let line = "新用户\(try readAsGBK("登录成功"))\(between)\(try readAsGBK("公司名称"))\n"
        let (text, result) = try repaired(line)
        #expect(text == "新用户登录成功\(between)公司名称\n")
        #expect(result.changes.count == 2)
    }

    /// Lines of the suite (seed 2) that never reached the repairer: a garbled stretch of
    /// characters that look common but for one rare one alone, or but for 鈥 and ￠, the
    /// commonest marks of UTF-8 read as GBK.
    @Test("UTF-8 read as GBK inside a line with one rare character alone, or with 鈥 or ￠, comes back", arguments: [
        ("原告崔林远诉被告，本院受理后依法组成合议庭，依法进琛屼簡审理", "原告崔林远诉被告，本院受理后依法组成合议庭，依法进行了审理"),
        ("阚清子现身，踩一双鈥滄按银鞋”秀美腿！网友：分手后状态好了", "阚清子现身，踩一双“水银鞋”秀美腿！网友：分手后状态好了"),
        ("吴昕提起3年前泪流婊￠潰，连何炅也替她不值，网友：忘了他吧！", "吴昕提起3年前泪流满面，连何炅也替她不值，网友：忘了他吧！"),
    ])
    func utf8ReadAsGBKWithFewSigns(garbled: String, original: String) throws {
        #expect(try repaired(garbled + "\n").0 == original + "\n")
    }

    /// Lines of the suite (seed 2): one character's UTF-8 read as Shift-JIS, where the
    /// last byte is half-width katakana.
    @Test("one character read as Shift-JIS inside Chinese comes back where half-width katakana stand in it; Japanese that writes them stays", arguments: [
        ("原告于2018蟷ｴ12月12日提出", "原告于2018年12月12日提出"), ("他还恨了赵本螻ｱ20年", "他还恨了赵本山20年"),
        ("東京ｽｶｲﾂﾘｰに行った", "東京ｽｶｲﾂﾘｰに行った"), ("ｶﾀｶﾅのﾃｽﾄ", "ｶﾀｶﾅのﾃｽﾄ"),
    ])
    func oneCharacterReadAsShiftJIS(garbled: String, original: String) throws {
        #expect(try repaired(garbled + "\n").0 == original + "\n")
    }

    @Test("a rare character alone in clean text stays, where it is read as UTF-8 by chance or not", arguments: [
        "他的名字叫李淼，是一名教师。", "依法进行了审理", "她的氣質纔是最動人的地方，剛纔大家都看到了。", "价格￠5",
    ])
    func rareAloneStays(_ line: String) throws {
        #expect(try repaired(line + "\n").0 == line + "\n")
    }

    /// The rarer readings are weighed one by one, and the first to account for the line
    /// ends the search only when what it gives is of the line's script: read back as the
    /// UTF-8 of windows-1250, 1253 or 1255, GBK's stretches are Cyrillic, Greek or Hebrew.
    @Test("the search for rarer readings goes on past one that accounts for a stretch with letters of another script", arguments: [
        ("四位演过“妲己”的女演员，图3嫁给军人，最后Ň»Î»居然了无音讯", "四位演过“妲己”的女演员，图3嫁给军人，最后一位居然了无音讯"),
        ("唐嫣罗晋首次回应帤駁真相！爱情路上多磕绊，网友：天眷有情人", "唐嫣罗晋首次回应未婚真相！爱情路上多磕绊，网友：天眷有情人"),
        ("杨幂时装周，被双手蚰蛂祥放网友：高情商", "杨幂时装周，被双手抓住不放网友：高情商"),
    ])
    func rarerReadingsInLineScript(garbled: String, original: String) throws {
        #expect(try repaired(garbled + "\n").0 == original + "\n")
    }

    @Test("a slipped line's repair stops the search for rarer readings only when it gives nothing that looks wrong")
    func slipRepairStopsSearch() throws {
        // 女演員 read as Big5, each character's last byte lost: the slip's search reads 垎
        // from the bytes before the "?"; the other readings keep 女.
        let (text, _) = try repaired("金庸劇中最美的五位憟單??∴?李若彤上榜，最後一個恐怕不會再有\n")
        #expect(text.hasPrefix("金庸劇中最美的五位女"))
        #expect(!text.contains("垎"))
        // A line that slipped whole comes back from the slip's search alone.
        let (fixed, result) = try repaired("啞短炜佑チ浴匪车履棠躺矸荽蠼颐?\n")
        #expect(fixed.hasPrefix("《天坑鹰猎》顺德奶奶身份大揭"))
        #expect(result.changes.count == 1 && result.changes.allSatisfy { $0.reason.contains("read one byte out of step") })
    }

    @Test("a line whose only sign is 锟斤拷 is left as it is and the loss reported; with a \"?\" after a Chinese character too, its slip is still repaired")
    func lossyMarksAlone() throws {
        let line = "霍建华假戏真做对女演员下狠手，事后毫锟斤拷歉锟解，网友人设崩塌\n"
        let (text, result) = try repaired(line)
        #expect(text == line && result.changes.isEmpty)
        #expect(result.diagnostics.contains { $0.message.hasPrefix("lost text: 锟斤拷") })
        let slipped = "锟斤拷本院依法组成合议庭对本案进行了审查，现已审查沃战帷?\n"
        let (fixed, _) = try repaired(slipped)
        #expect(fixed == "锟斤拷本院依法组成合议庭对本案进行了审查，现已审查终结。\n")
    }
}
