import Foundation
import FixTextCore
import FixTextICU
@testable import FixTextMojibake
import FixTextTestSupport
import Testing

/// Lines garbled whole, which the repairer undoes in one piece, and the U+FFFD that strict
/// GBK decoders write for bytes they cannot read alone.
@Suite("mojibake: whole lines")
struct WholeLineTests {
    @Test("a line read by a strict GBK decoder comes back; each byte it wrote as U+FFFD is a reported guess")
    func strictGBK() throws {
        // "原告范家红不服被告天津市" as Python's gbk codec reads it: 家 and 被 each have a byte
        // (AE, AB) that leads an unassigned pair with the byte after it.
        let (text, result) = try repaired("鍘熷憡鑼冨\u{FFFD}剁孩涓嶆湇琚\u{FFFD}鍛婂ぉ娲ュ競\n")
        #expect(text == "原告范家红不服被告天津市\n")
        let lost = try #require(result.changes.first?.lost)
        #expect(lost.contains("byte(s) AE of E5 AE B6") && lost.contains("which make 家, the likeliest"))
        #expect(lost.contains("byte(s) AB of E8 A2 AB") && lost.contains("which make 被, the likeliest"))
    }

    @Test("GBK read as Latin-1 with a rare character whose second byte is ASCII (玥 is AB 68, «h) comes back whole; Western text stays")
    func gbkExtensionPairReadAsLatin1() throws {
        // 被告的诉讼代理人曹玥、陈晓齐，第三人的诉讼代理人孙广来到庭参加诉讼。 read as Latin-1.
        let garbled = "\u{B1}\u{BB}\u{B8}æ\u{B5}ÄËßËÏ\u{B4}úÀíÈË\u{B2}Ü\u{AB}h\u{A1}\u{A2}\u{B3}ÂÏþÆë\u{A3}\u{AC}\u{B5}ÚÈýÈË\u{B5}ÄËßËÏ\u{B4}úÀíÈËËï\u{B9}ãÀ\u{B4}\u{B5}\u{BD}Í\u{A5}\u{B2}Î\u{BC}ÓËßËÏ\u{A1}\u{A3}\n"
        let (text, result) = try repaired(garbled)
        #expect(text == "被告的诉讼代理人曹玥、陈晓齐，第三人的诉讼代理人孙广来到庭参加诉讼。\n")
        #expect(Set(result.changes.map(\.confidence)).count == 1, "one repair of the whole line, cut at its ASCII")
        // Accented letters before ASCII letters are pairs with an ASCII byte too, and more
        // of them than pairs above ASCII.
        for western in ["Le café était très bon à Montréal, déjà vu.\n", "Über die Brücke ging ich schön langsam, ça va.\n"] {
            #expect(try repaired(western).0 == western)
        }
    }

    @Test("a line read as GBK that ends inside a character (cut off, or its last pair taken out as private use): guessed when clear, else lost, and said so")
    func endsInsideCharacter() throws {
        // 发送成功: 功 is E5 8A 9F, and the line ends after E5 8A (鍔).
        let (sent, sentResult) = try repaired("鍙戦€佹垚鍔\n")
        #expect(sent == "发送成功\n")
        #expect(sentResult.changes.first?.lost?.contains("the line ends inside a character") == true)
        // 系统错误: 误 is E8 AF AF, and AF AF (a user-defined pair) is gone; 误 is not clearly
        // likelier than 觉 or 落 after 错, so it is lost.
        let (system, systemResult) = try repaired("绯荤粺閿欒\n")
        #expect(system == "系统错\u{FFFD}\n")
        #expect(systemResult.changes.first?.lost?.contains("lost its last 2 byte(s)") == true)
        // A Latin reading ends in a letter of its own.
        #expect(try repaired("IRMÃ\n").0 == "IRMÃ\n")
        // A line cut off anywhere ended no sentence: 日本語の cut after the first byte of の
        // is no 日本語。.
        #expect(try repaired("譌･譛ｬ隱槭\n").0 == "日本語\u{FFFD}\n")
    }

    @Test("a guess in simplified text is a simplified character: 地址, not 地區, where a strict windows-1252 decoder lost 址's 9D")
    func guessInTheLinesScript() throws {
        let (text, result) = try repaired("ä¸‹è½½åœ°å\u{FFFD}€\n")
        #expect(text == "下载地址\n")
        #expect(result.changes.first?.lost?.contains("which make 址") == true)
    }

    @Test("GBK's numbering symbols count as signs: 欢迎 read as GBK (娆㈣繋) has one rare character besides ㈣")
    func numberingSymbols() throws {
        #expect(try repaired("娆㈣繋\n").0 == "欢迎\n")
        // Lists that number with them stay.
        for clean in ["第㈠条 总则\n", "Ⅰ. 概述 Ⅱ. 方法\n", "附件ⅲ：说明\n"] {
            #expect(try repaired(clean).0 == clean)
        }
    }

    @Test("two unread bytes in one character, and 80, which strict decoders never read alone")
    func strictGBKPairsAndEighty() throws {
        // 议 is E8 AE AE: AE leads no pair of strict GBK with AE or with E5.
        #expect(try repaired("澶嶈\u{FFFD}\u{FFFD}鍐冲畾锛屽悜鏈\u{FFFD}闄㈡彁璧\u{FFFD}\n").0.hasPrefix("复议决定，向本院"))
        // 简 is E7 AE 80, and 公 E5 85 AC.
        #expect(try repaired("鏈夐檺鍏\u{FFFD}鍙革紙浠ヤ笅绠\u{FFFD}绉拌寳缁\u{FFFD}\n").0.hasPrefix("有限公司（以下简称茗"))
    }

    @Test("a byte unread before ASCII is guessed from the digits beside it; at the end of the line, the character that makes a word is taken, said so")
    func strictGBKBeforeASCII() throws {
        // 本院于2015年11月13日立案: the last bytes of 于, 年, 月 lead pairs cut by the digits;
        // 案's last byte met the end of the line alone.
        let (text, result) = try repaired("鏈\u{FFFD}闄\u{FFFD}浜\u{FFFD}2015骞\u{FFFD}11鏈\u{FFFD}13鏃ョ珛妗\u{FFFD}\n")
        #expect(text.hasSuffix("院于2015年11月13日立案\n"))
        let lost = result.changes.compactMap(\.lost).joined(separator: "; ")
        for (bytes, character) in [("8E of E4 BA 8E", "于"), ("B4 of E5 B9 B4", "年"), ("88 of E6 9C 88", "月")] {
            #expect(lost.contains("byte(s) \(bytes), which it could not read alone; they are taken to be those, which make \(character)"))
        }
        #expect(lost.contains("lost its last byte to a decoder at the end of the line; it is taken to be") && lost.contains("which makes 案"))
    }

    @Test("a date and a sentence's end read by ICU's windows-936, whose \"?\" (or U+FFFD) stood for a lead the ASCII after it cut short, come back", arguments: [
        "鏈\u{E104}櫌浜?2015骞?11鏈?13鏃ョ珛妗堝彈鐞嗐€?", "鏈\u{E104}櫌浜\u{FFFD}2015骞\u{FFFD}11鏈\u{FFFD}13鏃ョ珛妗堝彈鐞嗐€\u{FFFD}",
    ])
    func windows936DateAndFullStop(_ garbled: String) throws {
        #expect(try repaired(garbled + "\n").0 == "本院于2015年11月13日立案受理。\n")
    }

    @Test("a line's last character whose last two bytes a strict GBK decoder wrote as U+FFFD each: 。 at the end of a sentence")
    func strictGBKLastTwoBytes() throws {
        // 本院于2015年11月13日立案受理。 read by Python's gbk: 。 is E3 80 82, and after 理 the
        // decoder pairs E3 with the byte before, then meets 80 (which it never reads) and
        // 82 with nothing after it.
        let (text, result) = try repaired("鏈\u{FFFD}闄\u{FFFD}浜\u{FFFD}2015骞\u{FFFD}11鏈\u{FFFD}13鏃ョ珛妗堝彈鐞嗐\u{FFFD}\u{FFFD}\n")
        #expect(text == "本院于2015年11月13日立案受理。\n")
        #expect(result.changes.compactMap(\.lost).joined().contains("byte(s) 80 82 of E3 80 82, which it could not read alone; they are taken to be those, which make 。"))
    }

    @Test("the same date read by Python's shift_jis, which keeps the digit after a lead it could not pair and writes U+FFFD for the lead")
    func strictShiftJISDate() throws {
        #expect(try repaired("譛ｬ髯｢莠\u{FFFD}2015蟷ｴ11譛\u{FFFD}13譌･遶区｡亥女逅\u{FFFD}縲\u{FFFD}\n").0 == "本院于2015年11月13日立案受理。\n")
    }

    @Test("an opening bracket before a number, whose last byte the digit cut short, is the one its partner after the number closes", arguments: [
        // 原告不服（2015）津0101行初123号行政判决 read by ICU's windows-936, with "?" and
        // with U+FFFD, and by Python's gbk: （ is EF BC 88, and 88 leads no pair with "2".
        "鍘熷憡涓嶆湇锛?2015锛夋触0101琛屽垵123鍙疯\u{E511}鏀垮垽鍐?",
        "鍘熷憡涓嶆湇锛\u{FFFD}2015锛夋触0101琛屽垵123鍙疯\u{E511}鏀垮垽鍐\u{FFFD}",
        "鍘熷憡涓嶆湇锛\u{FFFD}2015锛夋触0101琛屽垵123鍙疯\u{FFFD}屾斂鍒ゅ喅",
    ])
    func bracketAroundNumber(_ garbled: String) throws {
        let (text, result) = try repaired(garbled + "\n")
        #expect(text.hasPrefix("原告不服（2015）津0101行初123号行政"))
        #expect(result.changes.compactMap(\.lost).joined().contains("which make （"))
    }

    @Test("an opening bracket whose last two bytes a strict decoder could not read (80, then the lead the digit cut short) is guessed as well")
    func bracketWithTwoUnreadBytes() throws {
        // 申请强制执行津西政房补字〔2016〕第90号 read by Python's gbk: 〔 is E3 80 94, and
        // after 字 the decoder pairs E3 with the byte before, then meets 80 and 94.
        let (text, result) = try repaired("鐢宠\u{FFFD}峰己鍒舵墽琛屾触瑗挎斂鎴胯ˉ瀛椼\u{FFFD}\u{FFFD}2016銆曠\u{FFFD}\u{FFFD}90鍙\u{FFFD}\n")
        #expect(text == "申请强制执行津西政房补字〔2016〕第90号\n")
        #expect(result.changes.compactMap(\.lost).joined().contains("byte(s) 80 94 of E3 80 94, which it could not read alone; they are taken to be those, which make 〔"))
    }

    @Test("a closing bracket after a number is the partner of the one open before it; one that nothing opened is no guess", arguments: [
        // 案号为（2015）123号, 原告于第1、2年支付 and 根据2016】12号文件, read by Python's gbk.
        ("妗堝彿涓猴紙2015锛\u{FFFD}123鍙\u{FFFD}", "案号为（2015）123号"),
        ("鍘熷憡浜庣\u{FFFD}\u{FFFD}1銆\u{FFFD}2骞存敮浠\u{FFFD}", "原告于第1\u{FFFD}2年支付"),
        ("鏍规嵁2016銆\u{FFFD}12鍙锋枃浠\u{FFFD}", "根据2016\u{FFFD}12号文件"),
    ])
    func closingBracketAfterNumber(_ garbled: String, _ expected: String) throws {
        #expect(try repaired(garbled + "\n").0 == expected + "\n")
    }

    @Test("a clause's start after full-width punctuation speaks for the character there: ，于2016年")
    func afterPunctuation() throws {
        // 被告，于2016年起诉 read by Python's gbk: 于's last byte leads no pair with "2", and
        // after a comma 于 is far likelier than 了, 人 or 二.
        let (text, result) = try repaired("琚\u{FFFD}鍛婏紝浜\u{FFFD}2016骞磋捣璇\u{FFFD}\n")
        #expect(text.hasPrefix("被告，于2016年起"))
        #expect(result.changes.compactMap(\.lost).joined().contains("which make 于"))
    }

    @Test("the characters most common beside digits have bonuses there, and nothing else does")
    func neighbourBonuses() {
        let bonuses = NeighbourBonuses.shared
        for character in ["年", "月", "日"] {
            #expect(bonuses.bonus(for: character.unicodeScalars.first!.value, after: 0x35, before: nil) > 0, "\(character) after a digit")
        }
        #expect(bonuses.bonus(for: 0x4E8E, after: nil, before: 0x32) > 0, "于 before a digit")
        #expect(bonuses.bonus(for: 0x3002, after: nil, before: nil, endsLine: true) > 0, "。 at a line's end")
        // No place, no bonus; nor for a character never counted there.
        #expect(bonuses.bonus(for: 0x5E74, after: 0x41, before: nil) == 0)
        #expect(bonuses.bonus(for: 0x9F98, after: 0x35, before: 0x35, endsLine: true) == 0)
    }

    @Test("a character beside a digit is guessed only when far likelier than the rest there: 万 and 个 both follow numbers, so 28万 keeps its loss")
    func digitsAloneDecideLittle() throws {
        // 她们送28万 read as windows-936: 送 before "2" and 万 at the end of the line lost
        // their last bytes.
        let (text, result) = try repaired("2017骞?3鏈?1鏃ワ紝鑰佹瘯钀介瓌鏃跺ス浠\u{E104}€?28涓?\n")
        #expect(text == "2017年3月1日，老毕落魄时她们\u{FFFD}28\u{FFFD}\n")
        #expect(result.changes.contains { $0.lost?.contains("lost its last 1 byte(s)") == true })
    }

    @Test("a line read by a strict Shift-JIS decoder: the UTF-8 lead it could not read is guessed among the few it cannot read there")
    func strictShiftJISLead() throws {
        // 用户登录成功，欢迎回来 as Python's cp932 reads it: it has no pair 88 90 (inside 成)
        // nor EF BC (the start of "，"), and writes U+FFFD for 88 and EF, going on with 90
        // and BC (ｼ).
        let (text, result) = try repaired("逕ｨ謌ｷ逋ｻ蠖墓\u{FFFD}仙粥\u{FFFD}ｼ梧ｬ｢霑主屓譚･\n")
        #expect(text == "用户登录成功，欢迎回来\n")
        let lost = try #require(result.changes.first?.lost)
        #expect(lost.contains("byte(s) 88 of E6 88 90") && lost.contains("which make 成, the likeliest"))
        #expect(lost.contains("byte(s) EF of EF BC 8C") && lost.contains("which make ，, the likeliest"))
    }

    @Test("Microsoft's Shift-JIS reads A0 and FD–FF alone, as private use; text read so comes back")
    func windowsShiftJISSingleBytes() throws {
        // 张雨绮评价男人 as Python's cp932 reads it: 张 is E5 BC A0, and A0 became U+F8F0;
        // 评's last byte, 84, leads no pair with E4 and was written as U+FFFD.
        let (text, result) = try repaired("蠑\u{F8F0}髮ｨ扈ｮ隸\u{FFFD}莉ｷ逕ｷ莠ｺ\n")
        #expect(text == "张雨绮评价男人\n")
        #expect(result.changes.first?.reason.contains("Shift-JIS") == true)
    }

    @Test("a character Microsoft's Shift-JIS has twice is undone to the pair that continues the UTF-8")
    func shiftJISOneWayPair() throws {
        // 潘金莲依旧很美 as Python's cp932 reads it: 金 is E9 87 91, and 87 91 is NEC's ≡,
        // which encodes to JIS's 81 DF; 美's last byte, 8E, met the end of the line alone.
        let (text, _) = try repaired("貎倬≡闔ｲ萓晄立蠕育ｾ\u{FFFD}\n")
        #expect(text.hasPrefix("潘金莲依旧很"))
    }

    @Test("a line whose first character Microsoft's Shift-JIS read from its other pair (ED xx for an IBM kanji) is tried whole")
    func shiftJISOtherPairFirst() throws {
        // 한국어 텍스트를 읽습니다 as Python's cp932 reads it: 한 is ED 95 9C, and ED 95 is
        // U+FA11, which encodes to FA B1.
        let garbled = "\u{FA11}懋\u{FF75}\u{FF6D}\u{FFFD}牟 奛作侃孖\u{FF78}\u{FFFD}\u{FF65}\u{FF7C} \u{FFFD}攷\u{FFFD}慣\u{FFFD}笈\u{FFFD}共\n"
        #expect(try repaired(garbled).0.hasPrefix("한국어 텍스트를"))
    }

    @Test("a line's last character whose lead and last byte a strict decoder could not read: ！ after Chinese is twice as likely as the rest")
    func strictShiftJISLeadAndLastByte() throws {
        // 姚明不好意思让一让！ as Python's shift_jis reads it: it ends U+FFFD, ｼ, U+FFFD, for
        // EF (no pair EF BC), BC and 81 (a lead with nothing after it).
        let garbled = "蟋壽\u{FFFD}惹ｸ榊･ｽ諢乗\u{FFFD}晁ｮｩ荳\u{FFFD}隶ｩ\u{FFFD}ｼ\u{FFFD}\n"
        let (text, result) = try repaired(garbled)
        #expect(text == "姚明不好意思让一让！\n")
        let lost = result.changes.compactMap(\.lost).joined(separator: "; ")
        #expect(lost.contains("byte(s) EF 81 of EF BC 81") && lost.contains("which make ！"))
    }

    @Test("a lost last byte of a closing quote or bracket whose opening one is unmatched is that closing one", arguments: [
        // “Hello” as Python's gbk reads it: ” is E2 80 9D, and 9D met the end alone.
        ("鈥淗ello鈥\u{FFFD}\n", "“Hello”\n"),
        // ...and as Windows' reads it, with "?".
        ("鈥淗ello鈥?\n", "“Hello”\n"),
        // 测试已经完成” as Python's gbk reads it: nothing open, so no closing quote is guessed.
        ("娴嬭瘯宸茬粡瀹屾垚鈥\u{FFFD}\n", "测试已经完成\u{FFFD}\n"),
    ])
    func closingQuote(_ garbled: String, _ expected: String) throws {
        #expect(try repaired(garbled).0 == expected)
    }

    @Test("！ or ？ for a lost last byte: the sentence's question words decide", arguments: [
        // Python's gbk: ？ is EF BC 9F, and 9F met the end of the line alone.
        ("璋佹浘璁╀綘璁板繂娣卞埢锛\u{FFFD}\n", "谁曾让你记忆深刻？\n"),
        ("缃戝弸锛氳儐澶\u{FFFD}鑲ヤ簡锛\u{FFFD}\n", "网友：胆\u{FFFD}肥了！\n"),
    ])
    func questionOrExclamation(_ garbled: String, _ expected: String) throws {
        #expect(try repaired(garbled).0 == expected)
    }

    @Test("ICU's Shift-JIS \"?\" for a pair took the start of the next character too: the two characters across it are guessed together, else lost, and the line comes back")
    func shiftJISQuestionMarkForAPair() throws {
        // Fixtures/mojibake/cases.jsonl, utf8-as-shift_jis-031: "baby拉黄晓明做公益忽视接盘侠让爱传递"
        // as ICU's Shift-JIS reads it, with "?" for each pair it has no character for.
        let garbled = "baby\u{8AE1}\u{86FE}\u{FF7B}?\u{5274}\u{8B4F}\u{4E3B}\u{2605}\u{8708}\u{FF6C}\u{9036}\u{96C1}\u{FF7F}\u{FF7D}"
            + "\u{9697}?\u{78C1}\u{9036}\u{5005}\u{FF7E}?\u{96B6}\u{FF69}\u{8FB7}\u{FF71}\u{83A8}?\u{9A3E}?\n"
        let (text, result) = try repaired(garbled)
        // 黄晓 is E9 BB 84 E6 99 93: the "?" stood for 84 E6, which make no pair. Guessed
        // one at a time, each lacked the other for a neighbour, and both were lost.
        #expect(text == "baby拉黄晓明做公益忽视接盘\u{FFFD}让爱\u{FFFD}\u{FFFD}\n")
        let lost = result.changes.compactMap(\.lost).joined(separator: "; ")
        #expect(lost.contains("byte 84 of E9 BB 84 went into the mark a decoder wrote for it and the byte beside it"))
        #expect(lost.contains("byte E6 of E6 99 93 went into the mark") && lost.contains("which makes 晓"))
    }

    @Test("Big5 read by a strict GBK decoder, out of step after each U+FFFD, comes back in step; the unread lead is guessed among the few it can be")
    func strictGBKReadingBig5() throws {
        // 小伊伊機場打牌 in Big5 as Python's gbk reads it: A4 70 is in GBK's user-defined
        // rows, so A4 became U+FFFD and 70 ("p") went on alone.
        let (text, result) = try repaired("\u{FFFD}pレレ诀初ゴ礟\n")
        #expect(text == "小伊伊機場打牌\n")
        let lost = try #require(result.changes.first?.lost)
        #expect(lost.contains("byte(s) A4 of A4 70") && lost.contains("which make 小"))
    }

    @Test("GBK read by a strict Big5 decoder: a character the decoder has and ICU's Big5 lacks is lost, the rest comes back")
    func strictBig5ReadingGBK() throws {
        // 从小被弃没有安全感 in GBK as Python's big5 reads it: 弃 (C6 FA) is ETEN's ィ there,
        // which Windows' Big5 reads as private use; 全's C8 leads no Big5 pair.
        let (text, result) = try repaired("植苤掩ィ羶衄假\u{FFFD}姜\u{FFFD}\n")
        #expect(text.hasPrefix("从小被\u{FFFD}没有安全"))
        let lost = result.changes.compactMap(\.lost).joined(separator: "; ")
        #expect(lost.contains("2 of its bytes went into ィ"))
        #expect(lost.contains("byte(s) C8 of C8 AB") && lost.contains("which make 全"))
    }

    @Test("U+FFFD among letters or in GBK read as UTF-8 is no Chinese read as Chinese", arguments: [
        // ftfy's in-the-wild-024: UTF-8 read as windows-1250, which may be repaired.
        "Europa, Asia, Ă\u{FFFD}frica, Norte, AmĂ©rica Central",
        // GBK read as UTF-8 by a strict decoder: nothing to repair.
        "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}Ȧ\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}Ǽٳ\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}˲\u{FFFD}䣬\u{FFFD}\u{FFFD}һ\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}Ͳ\u{FFFD}÷\u{FFFD}\u{FFFD}\u{FFFD}",
    ])
    func notStrictSwaps(_ line: String) throws {
        let text = try repaired(line + "\n").0
        #expect(!text.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) && !line.unicodeScalars.contains($0) }, "\(text)")
        let marks = { (text: String) in text.unicodeScalars.count { $0 == "\u{FFFD}" } }
        #expect(marks(text) <= marks(line), "\(text)")
        #expect(!text.unicodeScalars.contains { (0xFF00...0xFFEF).contains($0.value) || (0x2200...0x22FF).contains($0.value) }, "\(text)")
        if line.first == "\u{FFFD}" { #expect(text == line + "\n") }
    }

    @Test("A0, which only Microsoft's Shift-JIS reads alone, is a candidate for the last byte Python's shift_jis lost")
    func strictShiftJISLastByteA0() throws {
        // 我真的很想你 as Python's shift_jis reads it: 你 is E4 BD A0, and A0 met the end alone.
        let (text, result) = try repaired("謌醍悄逧\u{FFFD}蠕域Φ菴\u{FFFD}\n")
        #expect(text == "我真的很想你\n")
        #expect(result.changes.compactMap(\.lost).joined().contains("it is taken to be A0, which makes 你"))
    }

    @Test("Japanese read by a strict Korean decoder: its unread leads come back as kana, weighed as Japanese, or are lost")
    func strictKoreanLead() throws {
        // ソフトウェアの設定を変更しました as Python's cp949 reads it. Only characters of East
        // Asian text are candidates, each in the language that has it.
        let garbled = "\u{FFFD}궫\u{FFFD}깢\u{FFFD}깉\u{FFFD}궑\u{FFFD}궒\u{FFFD}궋\u{FFFD}겗鼇\u{FFFD}若싥굮鸚됪쎍\u{FFFD}걮\u{FFFD}겲\u{FFFD}걮\u{FFFD}걼\n"
        let text = try repaired(garbled).0
        #expect(text.hasPrefix("ソ") && text.hasSuffix("を変更しました\n"))
        #expect(text.unicodeScalars.allSatisfy { $0.value == 0xFFFD || $0.value == 0x0A || (0x3040...0x30FF).contains($0.value) || (0x4E00...0x9FFF).contains($0.value) })
    }

    @Test("a line read as windows-936 whose private use was taken out afterwards: the characters at each gap are guessed where one stands out, or lost")
    func privateUseRemoved() throws {
        // Windows reads the pairs AC E4 (inside 第一), AA E7 (个窗) and AE E5 (目录) as
        // private use; a text cleaner took those out, and with them a byte of each
        // character on either side.
        let original = "获取第一个窗格的工作目录"
        let read = String(decoding: try EncodingConverter(name: "windows-936-2000").decode(Array(original.utf8)).utf8, as: UTF8.self)
        let cleaned = String(String.UnicodeScalarView(read.unicodeScalars.filter { !(0xE000...0xF8FF).contains($0.value) }))
        #expect(cleaned == "鑾峰彇绗竴涓獥鏍肩殑宸ヤ綔鐩綍")
        let (text, result) = try repaired("// " + cleaned + "\n")
        #expect(text == "// 获取第一\u{FFFD}\u{FFFD}格的工作目录\n")
        let lost = try #require(result.changes.first?.lost)
        // 第 (E7 AC AC) and 一 (E4 B8 80) each lost a byte of the pair AC E4; of the
        // characters those bytes could have made, they are far the likeliest.
        #expect(lost.contains("byte AC of E7 AC AC was in a pair read as private use and taken out of the text; it is taken to be that, which makes 第"))
        #expect(lost.contains("byte E4 of E4 B8 80") && lost.contains("which makes 一"))
        // 个 and 窗 (the pair AA E7), and 录 after 目, are not clear enough between their
        // neighbours: lost.
        #expect(lost.contains("a character starting with bytes E4 B8 lost its last 1 byte(s)"))
        #expect(lost.contains("bytes AA 97 end a character whose first bytes are gone"))
        // Where the private use is still there, the line comes back whole.
        #expect(try repaired(read + "\n").0 == original + "\n")
    }

    @Test("Chinese read by a strict windows-1252 decoder: its U+FFFD for 81, 8D, 8F, 90, 9D are guessed among those five")
    func strictWindows1252() throws {
        // 原告天津市茗维金属制品有限公司 as Python's cp1252 codec reads it: 品 is E5 93 81, 限
        // E9 99 90, 司 E5 8F B8.
        let garbled = "\u{E5}\u{17D}\u{178}\u{E5}\u{2018}\u{160}\u{E5}\u{A4}\u{A9}\u{E6}\u{B4}\u{A5}\u{E5}\u{B8}\u{201A}\u{E8}\u{152}\u{2014}"
            + "\u{E7}\u{BB}\u{B4}\u{E9}\u{2021}\u{2018}\u{E5}\u{B1}\u{17E}\u{E5}\u{2C6}\u{B6}\u{E5}\u{201C}\u{FFFD}\u{E6}\u{153}\u{2030}"
            + "\u{E9}\u{2122}\u{FFFD}\u{E5}\u{2026}\u{AC}\u{E5}\u{FFFD}\u{B8}"
        let (text, result) = try repaired(garbled + "\n")
        #expect(text == "原告天津市茗维金属制品有限公司\n")
        #expect(result.changes.first?.lost?.contains("which make 品, the likeliest") == true)
        // Outside Chinese the U+FFFD stays: ” is E2 80 9D, but ‐ (E2 80 90) is as good a guess.
        #expect(try repaired("â€œlossy decodingâ€\u{FFFD}\n").0 == "“lossy decoding\u{FFFD}\n")
        // Full-width punctuation after a Chinese character is Chinese: ！ is EF BC 81.
        // 你好，世界！ as Python's cp1252 reads it.
        let exclaiming = try repaired("ä½\u{A0}å¥½ï¼Œä¸–ç•Œï¼\u{FFFD}\n")
        #expect(exclaiming.0 == "你好，世界！\n")
        #expect(exclaiming.1.changes.first?.lost?.contains("which make ！, the likeliest") == true)
    }

    @Test("characters side by side that each lost a byte to a strict decoder are weighed with each other")
    func adjacentUnreadBytes() throws {
        // As Python's cp1252 reads it: 不 is E4 B8 8D, 经 E7 BB 8F and 意 E6 84 8F, and 8D and
        // 8F are among the five bytes windows-1252 has no character for. 经 is weighed again
        // once 意 is known, and 意 with 经 before it.
        let original = "不经意的一个回答"
        let read = String(decoding: try EncodingConverter(name: "windows-1252").decode(Array(original.utf8)).utf8, as: UTF8.self)
        let strict = String(String.UnicodeScalarView(read.unicodeScalars.map { [0x81, 0x8D, 0x8F, 0x90, 0x9D].contains($0.value) ? "\u{FFFD}" : $0 }))
        #expect(strict.unicodeScalars.count { $0 == "\u{FFFD}" } == 3)
        let (text, result) = try repaired(strict + "\n")
        #expect(text == original + "\n")
        let lost = try #require(result.changes.first?.lost)
        #expect(lost.contains("which make 经, the likeliest") && lost.contains("which make 意, the likeliest"))
    }

    @Test("a line garbled twice over comes back in one repair naming both layers")
    func layeredWholeLine() throws {
        let (text, result) = try repaired("Р\u{A0}С—РЎР‚Р\u{A0}С‘РЎРЏРЎвЂљР\u{A0}Р…Р\u{A0}С•РЎРѓРЎвЂљР\u{A0}С‘. РІСњВ¤\n")
        #expect(text == "приятности. ❤\n")
        #expect(result.changes.count == 1)
        #expect(result.changes.first?.reason.contains("windows-1251 (read as) → utf-8 → windows-1251 (read as)") == true)
    }

    @Test("line art and leetspeak are no whole-line misreading", arguments: [
        "├┤a┼┐a┼┐a┼┐a┼┐a", "░▒▓ ÖÖÖ ▓▒░",
    ])
    func notMisreadings(_ line: String) throws {
        #expect(try repaired(line + "\n").0 == line + "\n")
    }

    @Test("Fixtures/mojibake/strict-CODEC.jsonl, lines read by Python's strict codecs: the character error rate falls from over 1 to under 0.06", arguments: [
        ("gbk", 66), ("shift_jis", 40), ("cp932", 57),
    ])
    func strictFixture(_ codec: String, _ leastExact: Int) throws {
        try MojibakeSuiteTests.expectFixture("strict-\(codec)", before: 1.0, after: 0.06, exact: leastExact)
    }

    @Test("Fixtures/mojibake/dropped-c1.jsonl and strict-gbk-as-big5.jsonl: the character error rate falls under the ceiling", arguments: [
        // Lines read as windows-1252 whose C1 controls were dropped (from over 2).
        ("dropped-c1", 2.0, 0.02),
        // GBK read by Python's strict big5 (from over 0.9).
        ("strict-gbk-as-big5", 0.9, 0.4),
    ])
    func otherReadingsFixture(_ name: String, _ floorBefore: Double, _ ceiling: Double) throws {
        try MojibakeSuiteTests.expectFixture(name, before: floorBefore, after: ceiling)
    }
}
