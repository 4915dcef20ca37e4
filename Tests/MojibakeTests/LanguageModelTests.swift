@testable import FixTextMojibake
import FixTextICU
import FixTextTestSupport
import Testing

/// Clean Chinese lines: a spread-out sample of the shared corpora when they are beside the
/// checkout (they are also the model's training text), else the Chinese lines of the
/// repository's fixture (held out from training) so the tests still run.
private let cleanChinese: [String] = {
    var lines: [String] = []
    for (name, take) in [("zh-headlines.txt.gz", 1500), ("zh-legal.txt.gz", 500)] {
        guard let all = TestData.sharedCorpusLines(name) else { continue }
        let step = max(1, all.count / take)
        lines += stride(from: 0, to: all.count, by: step).prefix(take).map { all[$0] }
    }
    return lines.isEmpty ? heldOutChinese : lines
}()

/// Chinese sentences written for these tests, not taken from any training text.
private let heldOutChinese = [
    "新华社北京5月6日电 国务院总理主持召开国务院常务会议，部署推动高质量发展。",
    "用户可以在设置页面修改自己的密码和头像。",
    "今天下午三点，我们在公司楼下的咖啡馆见面吧。",
    "这款手机的电池续航时间比上一代提高了百分之二十。",
    "学校图书馆周末开放时间调整为上午九点到下午五点。",
    "他在微博上发布了一段视频，很快就获得了上万次转发。",
    "请将附件中的合同签字后扫描发回，谢谢！",
    "中国队在昨晚的比赛中以三比一战胜对手，晋级决赛。",
]

private func scalars(_ text: String) -> [UInt32] { text.unicodeScalars.map(\.value) }

private func best(_ text: String) -> (language: TextLanguage, cost: Int) {
    scalars(text).withUnsafeBufferPointer { LanguageModel.shared.bestLanguage(for: $0) }
}

/// `text` encoded as `written` and decoded as `read`: how mojibake is made. Nil when the
/// text has a character `written` cannot encode.
private func garble(_ text: String, written: String, read: String) throws -> String? {
    var bytes = Array(text.utf8)
    if written != "utf-8" {
        let converter = try EncodingConverter(name: written)
        guard let encoded = bytes.withUnsafeBufferPointer({ converter.encode(utf8: $0) }) else { return nil }
        bytes = encoded
    }
    return String(decoding: try EncodingConverter(name: read).decode(bytes).utf8, as: UTF8.self)
}

/// How clean lines and their garbled versions score, in bits per character.
private struct Separation: CustomStringConvertible {
    var lines = 0, cleanWins = 0
    var cleanBits = 0.0, garbledBits = 0.0, cleanChars = 0, garbledChars = 0

    mutating func add(clean: String, garbled: String) {
        let (c, g) = (best(clean).cost, best(garbled).cost)
        lines += 1
        if c < g { cleanWins += 1 }
        cleanBits += Double(c) / 4
        garbledBits += Double(g) / 4
        cleanChars += clean.unicodeScalars.count
        garbledChars += garbled.unicodeScalars.count
    }

    var winRate: Double { Double(cleanWins) / Double(max(lines, 1)) }
    var cleanPerChar: Double { cleanBits / Double(max(cleanChars, 1)) }
    var garbledPerChar: Double { garbledBits / Double(max(garbledChars, 1)) }
    var description: String {
        "\(lines) lines: clean better in \(winRate), bits/char clean \(cleanPerChar) vs garbled \(garbledPerChar)"
    }
}

@Suite("language model")
struct LanguageModelTests {
    @Test("the built-in model decodes, and its header matches the code")
    func decodes() throws {
        // Speed is for the release benchmark (fixtext-benchmark), not for a unit test.
        let model = try LanguageModel(encoded: LanguageModelData.base64)
        #expect(model.bigramBonus > 0)
        #expect(model.cost(0x7684, in: .simplifiedChinese) == LanguageModel.shared.cost(0x7684, in: .simplifiedChinese))
    }

    @Test("damaged data is rejected, not half-read")
    func rejectsDamage() {
        let good = LanguageModelData.base64
        #expect(throws: LanguageModelFormatError.self) { try LanguageModel(encoded: String(good.dropLast(40))) }
        #expect(throws: LanguageModelFormatError.self) { try LanguageModel(encoded: "QUJD" + good) }
        #expect(throws: LanguageModelFormatError.self) { try LanguageModel(encoded: good + "QUJD") }
        #expect(throws: LanguageModelFormatError.self) { try LanguageModel(encoded: "!" + good) }
    }

    @Test("costs are bounded and follow frequency")
    func costShape() {
        let model = LanguageModel.shared
        for language in TextLanguage.allCases {
            for scalar: UInt32 in [0, 0x41, 0x4E00, 0xE000, 0xFFFD, 0x1F600, 0x20000, 0x10FFFF] {
                let cost = model.cost(scalar, in: language)
                #expect((1...LanguageModel.unseenCost).contains(cost))
            }
        }
        let zh = TextLanguage.simplifiedChinese
        #expect(model.cost(0x7684, in: zh) < 24)  // 的: about 5 bits
        #expect(model.cost(0x7684, in: zh) < model.cost(0x9422, in: zh))  // 的 vs 鐢
        #expect(model.cost(0xE000, in: zh) == LanguageModel.unseenCost)  // PUA
        #expect(model.cost(0x3126, in: zh) > 100)  // ㄦ: bopomofo, 25+ bits
        #expect(model.cost(0x2479, in: zh) > 100)  // ⑹
        #expect(model.cost(0x41, in: zh) < 60)  // ASCII is cheap-ish in CJK text
        #expect(model.cost(0x65, in: .latin) < 20)  // e: about 3.5 bits
        #expect(model.cost(0xC3, in: .latin) > 60)  // Ã
        #expect(model.cost(0x3042, in: .japanese) < 40)  // あ
        #expect(model.cost(0xAC00, in: .korean) < 50)  // 가
    }

    @Test("common Han and known bigrams")
    func commonHanAndBigrams() {
        let model = LanguageModel.shared
        let v = { (c: Character) in c.unicodeScalars.first!.value }
        // Results are bound first so that a failure prints them, not the whole model.
        let notCommon = "的是在了人中国用户发展這們說個會".filter { !model.isCommonHan(v($0)) }
        #expect(notCommon.isEmpty)
        let common = "鐢ㄦ埛鍙戝睍枃A，⑹".filter { model.isCommonHan(v($0)) }
        #expect(common.isEmpty)
        let unknown = ["中国", "發展", "用户", "用戶", "的人"].filter {
            !model.isKnownChineseBigram(v($0.first!), v($0.last!))
        }
        #expect(unknown.isEmpty)
        let mojibakePair = model.isKnownChineseBigram(v("鐢"), v("ㄦ"))
        #expect(!mojibakePair)
        // False positives: pairs of mojibake characters that real text does not have.
        let odd = Array("鐢ㄦ埛涓枃鍙戝睍閿欒鏂囦欢绋嬪簭鎴愬姛").map(v)
        var hits = 0, pairs = 0
        for a in odd { for b in odd where a != b { pairs += 1; if model.isKnownChineseBigram(a, b) { hits += 1 } } }
        #expect(hits * 50 <= pairs, "\(hits) of \(pairs) odd pairs known")
        // Random pairs of Han characters are almost never real bigrams: nearly every hit
        // is a false positive of the filter, designed at about 0.1%.
        var random = SplitMix64(seed: 42)
        var randomHits = 0
        let trials = 100_000
        for _ in 0..<trials {
            let a = 0x4E00 + UInt32(random.next() % 0x5200), b = 0x4E00 + UInt32(random.next() % 0x5200)
            if model.isKnownChineseBigram(a, b) { randomHits += 1 }
        }
        print("language model: \(randomHits) of \(trials) random Han pairs known")
        #expect(randomHits * 200 <= trials)
    }

    @Test("clean Chinese scores far better than its mojibake", arguments: [
        ("utf-8", "windows-936"), ("utf-8", "windows-1252"), ("gbk", "ISO-8859-1"), ("gbk", "big5"),
    ])
    func separatesMojibake(written: String, read: String) throws {
        var separation = Separation()
        for line in cleanChinese {
            guard let garbled = try garble(line, written: written, read: read), garbled != line else { continue }
            separation.add(clean: line, garbled: garbled)
        }
        print("language model, \(written) read as \(read): \(separation)")
        #expect(separation.lines >= min(cleanChinese.count / 2, 100))
        #expect(separation.winRate >= 0.99, "\(separation)")
        #expect(separation.cleanPerChar * 1.8 < separation.garbledPerChar, "\(separation)")
    }

    @Test("held-out Chinese sentences score as Chinese and beat their mojibake")
    func heldOut() throws {
        for line in heldOutChinese {
            #expect(best(line).language == .simplifiedChinese, "\(line)")
            for (written, read) in [("utf-8", "windows-936"), ("utf-8", "windows-1252"), ("gbk", "ISO-8859-1")] {
                let garbled = try #require(try garble(line, written: written, read: read))
                #expect(best(line).cost * 2 < best(garbled).cost, "\(line) vs \(garbled)")
            }
        }
    }

    @Test("traditional text scores as traditional and beats Big5 read as GBK")
    func traditional() throws {
        let toTraditional = try Transliterator(id: "Hans-Hant")
        var separation = Separation()
        var asTraditional = 0
        let sample = cleanChinese.prefix(600)
        for line in sample {
            let hant = toTraditional.transliterate(line)
            if best(hant).language == .traditionalChinese || hant == line { asTraditional += 1 }
            guard let garbled = try garble(hant, written: "big5", read: "windows-936") else { continue }
            separation.add(clean: hant, garbled: garbled)
        }
        print("language model, traditional as Big5 read as GBK: \(separation)")
        #expect(asTraditional * 100 >= sample.count * 95, "\(asTraditional) of \(sample.count)")
        #expect(separation.winRate >= 0.99, "\(separation)")
        #expect(best("繁體中文的測試句子，這是臺灣的用語。").language == .traditionalChinese)
        #expect(best("这是简体中文的测试句子。").language == .simplifiedChinese)
    }

    @Test("each language's sample sentences get their own language", arguments: [
        ("日本語のテキストを正しく表示します。", TextLanguage.japanese),
        ("今日はとても良い天気ですね。東京へ行きましょう。", .japanese),
        ("한국어 텍스트를 올바르게 표시합니다.", .korean),
        ("대한민국의 수도는 서울입니다. 훈민정음.", .korean),
        ("The quick brown fox jumps over the lazy dog.", .latin),
        ("Où est la bibliothèque ? Ça va très bien, merci.", .latin),
        ("Größere Übermaße können nicht geprüft werden.", .latin),
        ("Tiếng Việt: Nguyễn Thị Minh Khai, đường phố Hà Nội.", .latin),
        ("Dvořák, São Paulo, Łódź, İstanbul'da güzel bir gün.", .latin),
        ("学而时习之，不亦说乎？", .simplifiedChinese),
        ("Москва — столица России, в ней живёт много людей.", .cyrillic),
        ("Добрий день! Як справи у Києві?", .cyrillic),
        ("Београд је главни град Србије.", .cyrillic),
        ("Η Αθήνα είναι η πρωτεύουσα της Ελλάδας.", .greek),
        ("עברית היא שפה שמית, והיא השפה הרשמית של ישראל.", .hebrew),
        ("اللغة العربية هي لغة رسمية في كثير من الدول.", .arabic),
        ("زبان فارسی در ایران، افغانستان و تاجیکستان صحبت می‌شود.", .arabic),
        ("हिन्दी भारत की एक प्रमुख भाषा है।", .indic),
        ("தமிழ் ஒரு பழமையான மொழி ஆகும்.", .indic),
        ("বাংলা ভাষা বাংলাদেশের রাষ্ট্রভাষা।", .indic),
        ("ภาษาไทยเป็นภาษาราชการของประเทศไทย", .thai),
    ])
    func ownLanguage(text: String, language: TextLanguage) {
        #expect(best(text).language == language)
    }

    @Test("short mojibake loses to its repair")
    func shortSpans() {
        let pairs = [("鐢ㄦ埛", "用户"), ("ä¸­æ–‡", "中文"), ("ÖÐÎÄ", "中文"),
                     ("æ—¥æœ¬èªž", "日本語"), ("í•œêµ­ì–´", "한국어"), ("cafÃ©", "café")]
        for (broken, fixed) in pairs {
            #expect(best(fixed).cost < best(broken).cost, "\(fixed) vs \(broken)")
        }
    }

    @Test("mojibake of other alphabets costs far more than the clean text", arguments: [
        ("РґРѕСЂРѕРіРµ", "дороге"), ("Î•Î»Î»Î·Î½Î¹ÎºÎ¬", "Ελληνικά"), ("×¢×‘×¨×™×ª", "עברית"),
        ("Ø±Ø³Ø§Ù„Ø©", "رسالة"), ("à¤¹à¤¿à¤¨à¥\u{FFFD}à¤¦à¥€", "हिन्दी"),
        ("à¸ à¸²à¸©à¸²à¹„à¸—à¸¢", "ภาษาไทย"),
    ])
    func alphabetMojibake(broken: String, fixed: String) throws {
        #expect(best(fixed).cost * 3 < best(broken).cost, "\(fixed) vs \(broken)")
        // The same holds for whole sentences, garbled the usual ways.
        let sentence = "\(fixed) \(fixed), \(fixed)."
        for read in ["windows-1252", "windows-1251", "iso-8859-1"] {
            let garbled = try #require(try garble(sentence, written: "utf-8", read: read))
            #expect(best(sentence).cost * 3 < best(garbled).cost, "\(sentence) vs \(garbled)")
        }
    }
}
