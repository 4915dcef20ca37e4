import FixTextCore
import FixTextICU
import FixTextMojibake
import FixTextNormalize
import FixTextTestSupport
import Testing

func mojibake(_ options: String = "") throws -> () throws -> [NamedTransform] {
    try TestData.chain(options.isEmpty ? "mojibake" : "mojibake(\(options))", plugins: [MojibakePlugin.self, NormalizePlugin.self])
}

func repaired(_ text: String, _ options: String = "") throws -> (String, ChunkedRun.Result) {
    let result = try ChunkedRun.expectChunkIndependent(mojibake(options), on: text, randomRuns: 2)
    return (String(decoding: result.output, as: UTF8.self), result)
}

@Suite("mojibake")
struct MojibakeTransformTests {
    @Test("the seed page: both misaligned spans are repaired, and nothing else changes")
    func seedPage() throws {
        let page = try TestData.fixtureBytes("content-farm-page.txt")
        let result = try ChunkedRun.expectChunkIndependent(mojibake(), on: page, randomRuns: 2)
        let text = String(decoding: result.output, as: UTF8.self)
        #expect(text.contains("電費。”盛世社區(qū)網格員"))
        #expect(text.contains("“社區(qū)主動"))
        #expect(result.changes.count == 2)
        #expect(result.changes.allSatisfy { $0.reason.contains("read one byte out of step") && $0.lost != nil })
        // Everything outside the two spans is byte-identical.
        var rebuilt = page
        for change in result.changes.reversed() {
            rebuilt.replaceSubrange(change.range, with: change.replacement)
        }
        #expect(rebuilt == result.output)
    }

    @Test(
        "whole lines and spans garbled by each kind of misreading come back",
        arguments: [
            ("鐢ㄦ埛鐧诲綍鎴愬姛", "用户登录成功"),
            ("新用户鐧诲綍鎴愬姛了", "新用户登录成功了"),
            ("ä¸­æ–‡æµ‹è¯•", "中文测试"),
            ("Ã¤Â¸Â­Ã¦â€“â€¡Ã¦Âµâ€¹Ã¨Â¯â€¢", "中文测试"),
            ("Le cafÃ© est fermÃ©.", "Le café est fermé."),
            ("ÖÐÎÄ²âÊÔ", "中文测试"),
            ("测试ÖÐÎÄ完成", "测试中文完成"),
        ]
    )
    func repairs(garbled: String, original: String) throws {
        let (text, result) = try repaired(garbled)
        #expect(text == original)
        #expect(!result.changes.isEmpty)
        #expect(result.changes.allSatisfy { $0.reason.hasPrefix("mojibake: ") && $0.confidence != nil })
    }

    @Test("explanations name the chain of encodings undone")
    func chains() throws {
        let (_, single) = try repaired("鐢ㄦ埛鐧诲綍鎴愬姛")
        #expect(single.changes.first?.reason == "mojibake: utf-8 → windows-936 (read as) → utf-8")
        let (_, double) = try repaired("Ã¤Â¸Â­Ã¦â€“â€¡Ã¦Âµâ€¹Ã¨Â¯â€¢")
        #expect(double.changes.first?.reason == "mojibake: utf-8 → windows-1252 (read as) → utf-8 → windows-1252 (read as) → utf-8")
        let (_, legacy) = try repaired("ÖÐÎÄ²âÊÔ")
        #expect(legacy.changes.first?.reason == "mojibake: windows-936 → windows-1252 (read as) → utf-8")
    }

    @Test("a character whose last byte a Windows decoder turned into ? at the end of a line is marked lost when no character with its first bytes clearly makes a word")
    func lostTail() throws {
        // 密码框 is 9 bytes of UTF-8; read as GBK its last byte had no partner. Of the
        // characters E6 A1 and one byte more make, none clearly makes a word after 码.
        let (text, result) = try repaired("瀵嗙爜妗?")
        #expect(text == "密码\u{FFFD}")
        #expect(result.changes.first?.lost?.contains("lost its last") == true)
        // 用户名 alike: 名 (E5 90 8D) makes the word 户名, and is taken.
        #expect(try repaired("鐢ㄦ埛鍚?").0 == "用户名")
    }

    @Test("...and taken to be the one that does, said so; the same when the decoder wrote U+FFFD, as browsers and Python do", arguments: [
        ("鍙戦€佹垚鍔?", "发送成功"),
        ("浣犲ソ锛屼笘鐣\u{FFFD}", "你好，世界"),
        ("閫氱煡锛氭槑澶╀笂鍗堝紑浼\u{FFFD}", "通知：明天上午开会"),
    ])
    func lostTailReplacementCharacter(garbled: String, repaired expected: String) throws {
        let (text, result) = try repaired(garbled)
        #expect(text == expected)
        #expect(result.changes.last?.lost?.contains("lost its last byte to a decoder at the end of the line; it is taken to be") == true)
    }

    @Test("a short line is enough when kana follow a rare Han character (浣犲ソ is 你好)")
    func shortLineWithKana() throws {
        #expect(try repaired("浣犲ソ\n").0 == "你好\n")
        // Japanese with a rare kanji before kana stays as it is.
        #expect(try repaired("鰻ソースの作り方\n").0 == "鰻ソースの作り方\n")
    }

    @Test("a slipped GBK run ending in \"?\" ends in the likeliest character with its surviving first byte, said so")
    func guessedEnd() throws {
        // 大衣哥终于换车了，看到他换得车后，网友：高看你了 with a byte inserted at the start:
        // its last character lost its second byte to the "?".
        let (text, result) = try repaired("磽笠赂缰沼诨怀盗耍\u{E0DA}吹剿\u{E368}坏贸岛螅\u{E0E8}\u{E266}眩焊呖茨懔?\n")
        #expect(text == "大衣哥终于换车了，看到他换得车后，网友：高看你了\n")
        #expect(result.changes.last?.lost?.contains("taken to be 了, the likeliest between its neighbours") == true)
    }

    @Test("the byte before a slip at the start of a line is guessed only with a clear word after it, else left out, and the doubt said; a line ends in ！, not ，")
    func orphanAtLineStart() throws {
        // 成龙范冰冰关系有多好？看这些亲密动作就知道了！ that lost the second byte of 成. With
        // no character before it, the byte left could as well be one the stream gained.
        let (text, result) = try repaired("沉\u{E306}侗\u{E2A2}\u{E2AA}叵涤卸嗪茫靠凑庑┣酌芏\u{E20C}骶椭\u{E014}懒耍?\n")
        // The last pair's second byte became the "?"; of the characters with its first byte,
        // ， is the likeliest elsewhere, but no line ends in it.
        #expect(text == "成龙范冰冰关系有多好？看这些亲密动作就知道了！\n")
        #expect(result.changes.first?.lost?.contains("byte B3 is the first byte of a character whose other byte was lost, or a byte the stream gained; it is taken to be 成") == true)
        // 因為窮買假鑽戒結婚... that lost the first byte of 因: the character with its second
        // byte (D2) that makes a word with 為 is far the likeliest there, and taken.
        let (sure, sureResult) = try repaired("覟楦F買假鑽戒結婚，娶大6歲二婚女星，如今憑借《如懿傳》翻紅\n")
        #expect(sure == "因為窮買假鑽戒結婚，娶大6歲二婚女星，如今憑借《如懿傳》翻紅\n")
        #expect(sureResult.changes.first?.lost?.contains("it is taken to be 因") == true)
        // 最令粉絲討厭的4大網紅... that lost the first byte of 最 (D7 EE): no character with
        // its second byte is clearly likeliest before 令, so the byte is left out.
        let (unsure, unsureResult) = try repaired("盍罘劢z討厭的4大網紅：莉哥貓妹妹上榜，第一火的莫名其妙！\n")
        #expect(unsure == "令粉絲討厭的4大網紅：莉哥貓妹妹上榜，第一火的莫名其妙！\n")
        #expect(unsureResult.changes.first?.lost?.contains("was left out: a byte the stream gained, or the end of a character whose start is lost") == true)
        #expect(result.changes.first?.lost?.contains("taken to be ！") == true)
    }

    @Test("the byte before a slip at the start of a line is the opening bracket with it whose partner closes later, said so")
    func bracketAtLineStart() throws {
        // 《如懿传》卫嬿婉以为选对了侍女... that lost the first byte of 《 (A1 B6).
        let (text, result) = try repaired("度畿泊\u{E05E}肺缷魍褚晕\u{E030}《粤耸膛\u{E17A}\u{E0E1}涫邓\u{E43A}〉氖钦ǖ?\n")
        #expect(text.hasPrefix("《如懿传》卫嬿婉以为选对了侍女"))
        #expect(result.changes.first?.lost?.contains("it is taken to be 《, the one opening bracket with that byte") == true)
    }

    @Test("a character a slip cut in half between two words is the one clearly likeliest with its other byte, said so")
    func guessedHalf() throws {
        // ...靜海區人民法院（2017）... that lost the second byte of 人: 區人 and 人民 are words.
        let (text, result) = try repaired("不服天津市靜海區嗣穹ㄔ海?2017）津0118行初8號行政裁定，向本院提起上訴。\n")
        #expect(text.hasPrefix("不服天津市靜海區人民法院（2017）"))
        #expect(result.changes.first?.lost?.contains("taken to be 人, clearly the likeliest between its neighbours") == true)
        // The "?" cut the pair A3 A8: of the characters starting with A3, ， is the commonest,
        // but the ） later in the line pairs with （.
        #expect(result.changes.first?.lost?.contains("taken to be （") == true)
    }

    @Test("a byte gained inside the first character of a line is left out, said so")
    func extraSecondByte() throws {
        // 即使被质疑... with D6 inserted after the first byte of 即.
        let (text, result) = try repaired("贾词贡恢室桑\u{E0ED}裁挥心敲炊嗟氖奔洹吧舜罕\u{E1FC}铩保\u{E0F1}还芤惶趼纷叩降?\n")
        #expect(text.hasPrefix("即使被质疑，也没有那么多的时间“伤春悲秋”，只管一条路走到"))
        #expect(result.changes.first?.lost?.contains("byte D6 was taken for a byte gained inside 即 and left out") == true)
    }

    @Test("a byte a slipped stream gained is left out where the characters around it make a word, said so")
    func extraByte() throws {
        // 離婚了更應該要掙錢！ with B9 inserted after 離: 離 and 婚 make a word, so nothing was lost.
        let (text, result) = try repaired("離够榱烁鼞\u{E033}撘獟赍X！張雨綺離婚後火速加盟新綜藝節目\n")
        #expect(text == "離婚了更應該要掙錢！張雨綺離婚後火速加盟新綜藝節目\n")
        #expect(result.changes.first?.lost?.contains("byte B9 was taken for an extra byte and left out") == true)
    }

    @Test("a byte gained inside the character before a slipped run is left out where that character, whole again, makes a word")
    func gainedInsideCharacterBefore() throws {
        // 王宝强到底拥有多少身份... with C8 inserted between the bytes of 宝 (B1 A6): read as
        // 比 (B1 C8), and the run after it one byte out of step.
        let (text, result) = try repaired("王比η康降子涤卸嗌偕矸菽训浪\u{E383}皇歉鲅菰甭鹫嫦嗳媚阋庀氩坏?\n")
        // (The "?" at the end cut 到 short, which is left marked lost: 得, with the same first
        // byte, makes a pair with 不 that the data weighs higher, 16 against 13.)
        #expect(text.hasPrefix("王宝强到底拥有多少身份难道他只是个演员吗真相让你意想不"))
        #expect(result.changes.first?.lost?.contains("byte C8 was taken for a byte gained inside 宝 and left out") == true)
    }

    @Test("a slip is found from the letter its last pair swallowed; letters of clean text stay letters")
    func swallowedLetter() throws {
        // 多少錢 with 83 inserted after 多: 錢 is E5 58, so the shifted run ends in "X".
        let (text, result) = try repaired("範冰冰被馮小剛問一年存多兩馘X,回答既機智,又不失幽默!\n")
        #expect(text == "範冰冰被馮小剛問一年存多少錢,回答既機智,又不失幽默!\n")
        #expect(result.changes.first?.lost?.contains("byte 83 was taken for an extra byte and left out") == true)
        // Clean headlines, simplified and traditional, whose letters re-decode to characters.
        for clean in ["胡歌佔C位，看站位就知道\n", "陳數半身裙白T恤現身北京機場\n", "汪小菲逼大S喫飯，大S2字回應\n", "陈意涵对镜头比V卖萌超可爱\n"] {
            #expect(try repaired(clean).0 == clean)
        }
    }

    @Test("a space after UTF-8 read as Shift-JIS is a space, not a lost 0xA0 (that only single-byte readings make)")
    func noLostNoBreakSpaceInDoubleByte() throws {
        // 日本語 whose last byte was dropped, then " です": 隱 stays, and no 誠 appears.
        #expect(try repaired("譌･譛ｬ隱 です\n").0 == "日本隱 です\n")
    }

    @Test("layers whose inner reading made private use (windows-936's user-defined pairs) come back")
    func layeredThroughPrivateUse() throws {
        // 中文 read as windows-936 is 涓枃, with U+E15F for the pair AD E6.
        let text = "中文测试成功"
        var garbled = Array(text.utf8)
        for encoding in ["windows-936-2000", "windows-1252"] {
            garbled = try EncodingConverter(name: encoding).decode(garbled).utf8
        }
        let input = String(decoding: garbled, as: UTF8.self)
        try #require(input.unicodeScalars.count > text.unicodeScalars.count)
        let (output, result) = try repaired(input + "\n")
        #expect(output == text + "\n")
        #expect(result.changes.first?.reason == "mojibake: utf-8 → windows-936 (read as) → utf-8 → windows-1252 (read as) → utf-8")
    }

    @Test("lossy marks are reported and kept, or removed on request")
    func lossyMarks() throws {
        // Then 锟斤拷锟斤拷 read as GBK once more, and the same bytes read as Big5 (嚙踝蕭) and as
        // Korean (占쏙옙); 麻辣烫, 三里屯, 蕭敬騰 and 占领 are words.
        let input = "前文锟斤拷锟斤拷后文，烫烫烫烫，\u{FFFD}\u{FFFD}结束，閿熸枻鎷烽敓鏂ゆ嫹。麻辣烫在三里屯，前文嚙踝蕭嚙踝蕭後文，蕭敬騰 占쏙옙 占领"
        let (kept, keptResult) = try repaired(input)
        #expect(kept == input)
        #expect(keptResult.diagnostics.filter { $0.message.hasPrefix("lost text") }.count == 6)
        let (removed, removedResult) = try repaired(input, "lossy=remove")
        #expect(removed == "前文后文，，结束，。麻辣烫在三里屯，前文後文，蕭敬騰  占领")
        #expect(removedResult.changes.count == 6)
    }

    @Test("U+FFFD read as GBK with what stood between them is one mark (锟侥革拷 is U+FFFD, ĸ, U+FFFD); the sword 锟铻 is a word")
    func lossyMarkWithCharacterBetween() throws {
        // From a bug report: a GBK file whose Chinese "would turn into 锟侥革拷锟斤拷锟斤拷".
        let input = "变成锟侥革拷锟斤拷锟斤拷，好，锟铻剑"
        let (kept, keptResult) = try repaired(input)
        #expect(kept == input)
        #expect(keptResult.diagnostics.filter { $0.message.hasPrefix("lost text") }.count == 1)
        #expect(try repaired(input, "lossy=remove").0 == "变成，好，锟铻剑")
    }

    @Test("UTF-8 in other alphabets read as windows-1252 or windows-1251 comes back", arguments: [
        ("РґРѕСЂРѕРіРµ", "дороге"), ("Î•Î»Î»Î·Î½Î¹ÎºÎ¬", "Ελληνικά"), ("×¢×‘×¨×™×ª", "עברית"),
        ("Ø±Ø³Ø§Ù„Ø©", "رسالة"), ("à¸\u{A0}à¸²à¸©à¸²à¹„à¸—à¸¢", "ภาษาไทย"),
    ])
    func otherAlphabets(broken: String, fixed: String) throws {
        #expect(try repaired(broken + "\n").0 == fixed + "\n")
        // Clean text of those alphabets stays as it is.
        #expect(try repaired(fixed + " Ђорђе\n").0 == fixed + " Ђорђе\n")
    }

    @Test("the UTF-8 byte order mark read as windows-1252 (or as GBK at a line's start) is U+FEFF again, and the text beside it is repaired on its own", arguments: [
        ("ï»¿Hello world\n", "\u{FEFF}Hello world\n"),
        ("ï»¿ä½ å¥½ï¼Œä¸–ç•Œ\n", "\u{FEFF}你好，世界\n"),
        ("config.xmlï»¿<?xml version=\"1.0\"?>\n", "config.xml\u{FEFF}<?xml version=\"1.0\"?>\n"),
        ("naïve » ¿qué? ï » ¿\n", "naïve » ¿qué? ï » ¿\n"),
        // Read as GBK at a line's start: BF alone before "<", or paired with a letter.
        ("锘\u{FFFD}<?xml version=\"1.0\"?>\n", "\u{FEFF}<?xml version=\"1.0\"?>\n"),
        ("锘縣ello world\n", "\u{FEFF}hello world\n"),
        ("锘铻剑出鞘\n", "锘铻剑出鞘\n"),
    ])
    func byteOrderMark(_ garbled: String, _ expected: String) throws {
        let (text, result) = try repaired(garbled)
        #expect(text == expected)
        #expect(result.changes.allSatisfy { $0.reason.contains("utf-8 → windows-1252 (read as) → utf-8") || $0.reason.contains("utf-8 → windows-936 (read as) → utf-8") })
        // The mark and the text after it are repaired apart.
        if garbled.contains("ä½") { #expect(result.changes.count >= 2) }
    }

    @Test("a 0xA0 byte that became a space, or vanished, is taken back", arguments: [
        // à is C3 A0: its second byte read as a no-break space, then made a plain one.
        ("Il est allÃ© Ã  la plage", "Il est allé à la plage"),
        // ...or dropped, leaving the space after à.
        ("Il est allÃ© Ã la plage", "Il est allé à la plage"),
        // àquele is one word: the space is the lost byte.
        ("semelhante Ã quele caso", "semelhante àquele caso"),
        // ภ is E0 B8 A0.
        ("à¸ à¸²à¸©à¸²", "ภาษา"),
        // At a line's end, trimmed as white space (ftfy issues 217 and 159): 素, 传 and 고 end in A0.
        ("Python åˆ é™¤åˆ—è¡¨ä¸­çš„å…ƒç´", "Python 删除列表中的元素"), ("Puppeteer å¤„ç†æ–‡ä»¶ä¸Šä¼", "Puppeteer 处理文件上传"), ("ì¤€ë‹¤ê³", "준다고"),
        // Before a space, in a line read whole, the space is the byte (你 is E4 BD A0), not a space after 位 (E4 BD 8D).
        ("ä»…ä¾›ä½ ä½¿ç”¨", "仅供你使用"),
    ])
    func lostNoBreakSpace(broken: String, fixed: String) throws {
        #expect(try repaired(broken + "\n").0 == fixed + "\n")
    }

    @Test("a C1 control is windows-1252's symbol in Latin text, but not beside East Asian characters")
    func controlCharacter() throws {
        // 0x80 read as Latin-1, in a price.
        #expect(try repaired("it costs \u{80}5\n").0 == "it costs €5\n")
        // UTF-8 read as Big5 (18歲韓星金賽綸與媽媽同框，網友不淡定了): ICU's Big5 reads the byte
        // 80 as U+0080. It is part of the mojibake, and no € was ever there.
        let big5 = "18甇脤???鞈賜飧?直慦賢?獢?蝬脣?銝楚摰?嚗\u{80}???脰???\n"
        #expect(!(try repaired(big5).0.contains("€")))
    }

    @Test("a byte a decoder could not read costs only its own character", arguments: [
        // с is D1 81, and windows-1252 has no character for 81: the decoder wrote U+FFFD.
        ("Ð¡Ð¿Ð°Ñ\u{FFFD}Ð¸Ð±Ð¾", "Спа\u{FFFD}ибо"),
        // U+FFFD itself, read as windows-1252, is the mark of a loss and stays one.
        ("the form says ï¿½ here", "the form says \u{FFFD} here"),
    ])
    func undecodableByte(broken: String, fixed: String) throws {
        #expect(try repaired(broken + "\n").0 == fixed + "\n")
    }

    @Test("a European word with accents beside Chinese is no double-byte text read as windows-1252", arguments: [
        "酩悦香槟Moët，今年很好", "雪铁龙Citroën，新车", "作曲家Dvořák，作品", "甜点crème brûlée，很好吃",
        "斯柯达Škoda汽车", "单位Ångström，很小",
    ])
    func accentedWordsBesideChinese(_ line: String) throws {
        #expect(try repaired(line + "\n").0 == line + "\n")
    }

    @Test("...while GBK read as windows-1252 right after an English word is repaired")
    func mojibakeAfterEnglishWord() throws {
        #expect(try repaired("iPhoneÊÖ»ú\n").0 == "iPhone手机\n")
    }

    @Test("clean lines of many kinds pass through unchanged")
    func cleanFixture() throws {
        let text = try TestData.fixtureBytes("clean-multilingual.txt")
        let result = try ChunkedRun.expectChunkIndependent(mojibake(), on: text, randomRuns: 1)
        #expect(result.changes.isEmpty, "\(result.changes.map { "\($0.reason): \(String(decoding: $0.original, as: UTF8.self))" })")
    }
}

@Suite("mojibake on long lines")
struct MojibakeLongLineTests {
    @Test("a garbled span inside a very long line is repaired; the rest of the line is untouched")
    func longLine() throws {
        let clean = String(repeating: "法院依法组成合议庭进行了审理，本案现已审理终结。", count: 400)
        let input = clean + "鐢ㄦ埛鐧诲綍鎴愬姛" + clean + "\n"
        let result = try ChunkedRun.expectChunkIndependent(mojibake(), on: input, randomRuns: 2)
        #expect(String(decoding: result.output, as: UTF8.self) == clean + "用户登录成功" + clean + "\n")
        #expect(result.changes.count == 1)
    }

    @Test("a line garbled whole, far longer than the stretch looked at at once, comes back whole: it is cut between ASCII characters")
    func longLineGarbledWhole() throws {
        // Read as windows-936 with nothing lost (each run of Chinese characters has an even
        // count, so the ASCII falls between pairs), and without a space to cut at: a cut at
        // a character of the garbled text splits a character of the original UTF-8.
        let clean = String(repeating: "本院依法组成合议庭进行了审理2015现已审理终结ok", count: 150) + "\n"
        let garbled = String(decoding: try EncodingConverter(name: "windows-936-2000").decode(Array(clean.utf8)).utf8, as: UTF8.self)
        // (Pieces are about 2 KB.)
        try #require(!garbled.contains("\u{FFFD}") && garbled.utf8.count > 8_000)
        let result = try ChunkedRun.expectChunkIndependent(mojibake(), on: garbled, randomRuns: 2)
        #expect(String(decoding: result.output, as: UTF8.self) == clean)
    }
}

@Suite("mojibake on random damage")
struct MojibakeFuzzTests {
    static let pieces = [
        "中文", "鐢ㄦ埛", "ä¸­", "Ã©", "ÖÐÎÄ", "?", "??", "锟斤拷", "烫烫烫", "\u{FFFD}", "😀", "\u{81}", "\u{9D}",
        "í\u{A0}½í¸\u{8D}", "椤吧鐓^", "⑹", "ｶﾀ", "한국", "a", "1", " ", "\u{A0}", "，", "。", "\n", "ÃƒÂ¥", "â€", "Ø±",
        "Î•", "Р", "\u{E794}", "€", "A股", "銆", "浜", "骞", "С", "ï¿½", "鍘熷憡",
        // windows-936 readings with their private use removed, and strict decoders' U+FFFD
        "绗竴涓獥", "鏍肩殑", "鍏，锋", "ä¸\u{FFFD}", "鍙傛暟閿欒\u{FFFD}", "逕ｨ謌ｷ\u{FFFD}仙",
    ]

    @Test("a layer below a repair whose character cut short reaches into the context around does not stop the line")
    func deeperRepairReachingContext() throws {
        // Found by fuzzing: a "?" after 銆 in the context of a deeper layer once ran past
        // the replacement being rebuilt.
        let line = "Р\u{81}?銆С©РÃР。浜©Ä\u{81}\u{FFFD}aÃ。\u{E045}\n"
        let (text, result) = try repaired(line)
        // Nothing in it reads better undone: the line stays, and its U+FFFD is reported.
        #expect(text == line)
        #expect(result.diagnostics.contains { $0.message.hasPrefix("lost text: U+FFFD") })
    }

    @Test("a gap where private use was removed, passed over by a character that took a byte after it, does not stop the line")
    func gapPassedOver() throws {
        // Found by fuzzing: UTF-8 read as windows-936 with its private use removed and a "，"
        // put in; the character before the "，" read on past the gap, and the gap's place
        // was then behind the reader.
        let (text, _) = try repaired("濞变箰鍦堟渶鍏，锋皵璐ㄧ殑濂虫槦锛岄珮鍦嗗渾鏉庤嫢褰や笂姒滐紝鏈辩惓鍚嶄笉铏氫紶\n")
        #expect(text.hasPrefix("娱乐圈最") && text.hasSuffix("朱琳名不虚传\n"))
    }

    @Test("any mix of garbage, clean text and invalid bytes: no failure, and the same result however it is cut", arguments: 0..<24)
    func randomDamage(seed: Int) throws {
        var rng = SplitMix64(seed: UInt64(seed) &+ 100)
        var bytes: [UInt8] = []
        for _ in 0..<(Int(rng.next() % 80) + 1) {
            bytes += Array(Self.pieces[Int(rng.next() % UInt64(Self.pieces.count))].utf8)
        }
        if seed % 3 == 0 {
            for _ in 0..<3 { bytes.insert(UInt8(0x80 + rng.next() % 0x80), at: Int(rng.next() % UInt64(bytes.count + 1))) }
        }
        let result = try ChunkedRun.expectChunkIndependent(mojibake(), on: bytes, randomRuns: 2)
        // Every change replaces exactly the bytes it names.
        var rebuilt = bytes
        for change in result.changes.reversed() {
            #expect(Array(rebuilt[change.range]) == change.original)
            rebuilt.replaceSubrange(change.range, with: change.replacement)
        }
        #expect(rebuilt == result.output)
    }
}
