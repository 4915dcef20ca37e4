import FixTextCore
import FixTextICU

/// Which characters make a line worth a closer look: what mix-ups of encodings produce.
///
/// Clean Chinese is made of common Han characters, CJK punctuation and ASCII; a line of
/// only those is passed through after one table lookup per character. Anything else that
/// mojibake is made of (Latin-1 letters, symbols of windows-1252, rare Han characters, box
/// drawing, private use, half-width katakana, Hangul) sends the line to the repairer, which
/// then needs evidence before it changes anything.
final class SuspicionTable: Sendable {
    /// One bit per BMP code point.
    private let bits: [UInt64]
    /// Rare Han characters: suspicious only two at a time, since clean text has a rare
    /// character now and then (names), and mojibake makes several in a row.
    private let weakBits: [UInt64]
    /// One ``Scan`` class per BMP character, for ``firstSuspicious(in:)``.
    private let scan: [UInt8]
    private let model: LanguageModel

    static let shared = SuspicionTable(model: .shared)

    init(model: LanguageModel) {
        var bits = [UInt64](repeating: 0, count: 0x10000 / 64)
        func mark(_ range: ClosedRange<UInt32>) {
            for scalar in range { bits[Int(scalar >> 6)] |= 1 << UInt64(scalar & 63) }
        }
        mark(0x80...0x9F)           // C1 controls: windows-1252 bytes read as Latin-1
        mark(0xC0...0x2FF)          // Latin-1 letters, Latin Extended, spacing modifiers: ä¸­, Ã©, ˆ
        for scalar: UInt32 in [0x2020, 0x2021, 0x2022, 0x2030, 0x2039, 0x203A, 0x201A, 0x201E, 0x20AC, 0x2122] {
            mark(scalar...scalar)   // † ‡ • ‰ ‹ › ‚ „ € ™: windows-1252's symbols
        }
        mark(0x402...0x403)         // Ђ Ѓ: continuation bytes 80, 81 read as windows-1251: СЂ, п¬Ѓ
        mark(0x453...0x453)         // ѓ: 83 read as windows-1251
        for scalar: UInt32 in [0x221A, 0x2248, 0x2206, 0x25CA, 0x2044, 0xFB01, 0xFB02] {
            mark(scalar...scalar)   // √ ≈ ∆ ◊ ⁄ ﬁ ﬂ: MacRoman's readings of UTF-8 lead bytes
        }
        mark(0x2460...0x24FF)       // circled and parenthesised digits: ⑹
        mark(0x2500...0x257F)       // box drawing
        mark(0x3100...0x312F)       // bopomofo: ㄦ
        mark(0xAC00...0xD7A3)       // Hangul: UTF-8 read as EUC-KR
        mark(0xE000...0xF8FF)       // private use: user-defined areas of GBK and Big5
        mark(0xFF61...0xFF9F)       // half-width katakana: UTF-8 read as Shift-JIS
        mark(0xFFFD...0xFFFD)
        mark(0xF900...0xFAFF)
        mark(LossyMarks.kun...LossyMarks.kun)  // 锟, which nothing but 锟斤拷 has
        var weakBits = [UInt64](repeating: 0, count: 0x10000 / 64)
        // Latin-1 symbols (° ± · × and the like) are at home in Chinese text (25°C, 李·王),
        // and part of mojibake too (GBK read as Latin-1): suspicious two at a time.
        for scalar in UInt32(0xA0)...0xBF { weakBits[Int(scalar >> 6)] |= 1 << UInt64(scalar & 63) }
        for scalar: UInt32 in [0xD7, 0xF7] { weakBits[Int(scalar >> 6)] |= 1 << UInt64(scalar & 63) }
        // Vertical and small forms of punctuation (︽ ﹜): Big5 has them among its symbols, so
        // GBK's punctuation read as Big5 (and the reverse) makes them; horizontal text hardly
        // uses them.
        for scalar in UInt32(0xFE30)...0xFE6F { weakBits[Int(scalar >> 6)] |= 1 << UInt64(scalar & 63) }
        // GBK's numbering symbols in row A2 (㈠–㈩, Ⅰ–Ⅻ, ⅰ–ⅹ), which a UTF-8 continuation byte
        // A2 makes with the byte after it (欢迎 read as GBK is 娆㈣繋); lists use them now and then.
        for range: ClosedRange<UInt32> in [0x3220...0x3229, 0x2160...0x216B, 0x2170...0x2179] {
            for scalar in range { weakBits[Int(scalar >> 6)] |= 1 << UInt64(scalar & 63) }
        }
        // The rarer Cyrillic letters of windows-1251's 80–BF (Serbian, Macedonian,
        // Ukrainian ones), which UTF-8 continuation bytes read as windows-1251 make, and
        // В Г, which the lead bytes C2 C3 make ("mГ©dicament").
        for scalar: UInt32 in [0x412, 0x413, 0x409, 0x40A, 0x40C, 0x40B, 0x40F, 0x452, 0x459, 0x45A, 0x45C, 0x45B, 0x45F, 0x40E, 0x45E, 0x408, 0x490, 0x491, 0x405, 0x455, 0x407, 0x457, 0x458] {
            weakBits[Int(scalar >> 6)] |= 1 << UInt64(scalar & 63)
        }
        // The first two bytes of a UTF-8 Chinese character (E4–E9, then 80–A0) read as GBK
        // make a character of the extension rows, which clean text hardly uses: one of
        // them is enough. Those 198 pairs are decoded here rather than the whole GBK table
        // built, which would cost every run a few milliseconds before its first line.
        var extensionRows = Set<UInt32>()
        if let gbk = try? EncodingConverter(name: "windows-936-2000") {
            for lead in UInt8(0xE4)...0xE9 {
                for trail in UInt8(0x80)...0xA0 {
                    let decoded = gbk.decode([lead, trail])
                    guard decoded.invalid.isEmpty,
                          let scalars = decoded.utf8.withUnsafeBufferPointer({ UTF8Scalars.scalars(ofValid: $0) }),
                          scalars.count == 1
                    else { continue }
                    extensionRows.insert(scalars[0])
                }
            }
        }
        // Rare Han are suspicious two at a time; those of the extension rows alone. (The
        // 198 are looked up after, not in a set for each of the 27,000 Han.)
        for scalar in UInt32(0x3400)...0x9FFF where !model.isCommonHan(scalar) {
            weakBits[Int(scalar >> 6)] |= 1 << UInt64(scalar & 63)
        }
        for scalar in extensionRows where (0x3400...0x9FFF).contains(scalar) && !model.isCommonHan(scalar) {
            mark(scalar...scalar)
            weakBits[Int(scalar >> 6)] &= ~(1 << UInt64(scalar & 63))
        }
        // 锘: EF BB, the byte order mark's start, read as GBK. 鈥: E2 80, how general
        // punctuation's UTF-8 starts (“ ” ‘ ’ — …), read so. ￠: A1 E9, a character's last
        // byte A1 and the next one's lead E9, read so (满面 is 婊￠潰).
        for scalar: UInt32 in [0x9518, 0x9225, 0xFFE0] {
            mark(scalar...scalar)
            weakBits[Int(scalar >> 6)] &= ~(1 << UInt64(scalar & 63))
        }
        self.bits = bits
        self.weakBits = weakBits
        scan = Self.scanTable(bits: bits, weakBits: weakBits)
        self.model = model
    }

    /// Whether `scalar` is what mix-ups produce: strongly (a Latin-1 letter, private use)
    /// or weakly (a rare Han character).
    @inline(__always)
    func isSuspicious(_ scalar: UInt32) -> Bool {
        scalar < 0x10000 && (bits[Int(scalar >> 6)] | weakBits[Int(scalar >> 6)]) & (1 << UInt64(scalar & 63)) != 0
    }

    /// Whether `scalar` alone is a sign of a mix-up: a Latin-1 letter, private use, box
    /// drawing (not a rare Han character, which clean text has now and then).
    @inline(__always)
    func isStronglySuspicious(_ scalar: UInt32) -> Bool {
        scalar < 0x10000 && bits[Int(scalar >> 6)] & (1 << UInt64(scalar & 63)) != 0
    }

    /// Where in `bytes` the first suspicious place is: a strongly suspicious character, the
    /// second of two rare Han characters close together in one line, kana right after a
    /// rare Han character, a "?" right after a Chinese character, or a rare Han character
    /// alone that `probe` finds reads better as the other Chinese encoding; nil if none.
    /// Bytes that are not UTF-8 are left alone: the engine reports them, and nothing here
    /// could repair them.
    func firstSuspicious(in bytes: UnsafeBufferPointer<UInt8>, probe: ChineseSwapProbe? = nil) -> Int? {
        probe?.forgetFinding()
        guard let p = bytes.baseAddress else { return nil }
        let n = bytes.count
        return scan.withUnsafeBufferPointer { table -> Int? in
            var i = 0
            // Characters are counted to find two rare ones close together.
            var characters = 0
            var lastWeak = Int.min / 2
            var lastWeakIsHan = false
            var lastWeakScalar: UInt32 = 0
            // The last rare character or kana.
            var lastOdd = Int.min / 2
            // Where the line's rare Han characters alone are, for `probe` at its end: a line
            // with a stronger sign is sent on for that, and never pays for the probe.
            var alone: [Int] = []
            while i < n {
                characters &+= 1
                let lead = p[i]
                let scalar: UInt32
                if lead < 0x80 {
                    if lead == 0x0A {
                        lastWeak = Int.min / 2
                        lastOdd = Int.min / 2
                        if !alone.isEmpty {
                            if let probe, let found = Self.firstSwapped(at: alone, in: p, count: n, probe: probe) { return found }
                            alone.removeAll(keepingCapacity: true)
                        }
                    } else if lead == 0x3F, Self.followsChinese(p, i) {
                        // A "?" right after a Chinese character: a decoder met a broken pair.
                        return i
                    } else if lead &- 0x40 < 0x3F, characters &- lastOdd <= 4, Self.followsChinese(p, i),
                              !Self.isLetterOrDigit(i &+ 1 < n ? p[i &+ 1] : 0x20)
                    {
                        // A lone ASCII letter or symbol after a Chinese character, shortly after
                        // a rare one or kana, may be the second byte of a GBK pair (錢 is E5 58,
                        // "X"), where a slipped stream got back in step: 兩馘X for 少錢. (Clean
                        // text's letters, as in 站C位, are mostly far from rare characters.)
                        return i
                    }
                    i &+= 1
                    continue
                } else if lead & 0xF0 == 0xE0, i &+ 2 < n {
                    scalar = UInt32(lead & 0x0F) << 12 | UInt32(p[i &+ 1] & 0x3F) << 6 | UInt32(p[i &+ 2] & 0x3F)
                } else if lead & 0xE0 == 0xC0, i &+ 1 < n {
                    scalar = UInt32(lead & 0x1F) << 6 | UInt32(p[i &+ 1] & 0x3F)
                } else {
                    i &+= lead >= 0xF0 ? 4 : 1
                    continue
                }
                let kind = table[Int(scalar)]
                if _fastPath(kind == Scan.clean) {
                    // A Han character inside a Latin word ("Caf茅", "m枚chte") is an accented
                    // letter's UTF-8 read as GBK or Big5.
                    if lead >= 0xE0, i > 0, p[i &- 1] < 0x80, i &+ 3 < n, scalar >= 0x3400 {
                        if Self.isLetter(p[i &- 1]), Self.isLetter(p[i &+ 3]) { return i }
                        // A character between two digits that the place does not favour
                        // (2018爛11, where 年 stands in GBK): asked of the probe as a rare one
                        // alone is. (年, 月 and 比 are let go with a table read.)
                        if probe != nil, Self.isDigit(p[i &- 1]), Self.isDigit(p[i &+ 3]), alone.count < Self.probedAlone,
                           !NeighbourBonuses.shared.isFavouredBetweenDigits(scalar)
                        {
                            alone.append(i)
                        }
                    }
                    i &+= lead >= 0xE0 ? 3 : 2
                    continue
                }
                switch kind {
                case Scan.strong:
                    return i
                case Scan.kana:
                    // Kana right after a rare Han character: the GBK rows of kana are what
                    // UTF-8's second and third bytes make (浣犲ソ is 你好).
                    if lastWeakIsHan, characters &- lastWeak <= 2 { return i }
                    // A small ゃ, ゅ or ょ after anything but a kana of the i row, which
                    // Japanese never writes. (The character before is read only for those.)
                    if Self.isSmallYaYuYo(scalar), Self.isKanaOutOfPlace(scalar, after: Self.scalar(before: i, in: p)) { return i }
                    lastOdd = characters
                case Scan.stray:
                    // A Greek, Cyrillic or accented Latin letter or a mathematical symbol
                    // glued to a Chinese character: GBK's rows of them are what a slipped
                    // pair makes of a trail byte and a lead (扮演дl is 扮演誰).
                    if Self.followsChinese(p, i) { return i }
                case Scan.lossy:
                    // 拷, 烫 and 屯 are words of their own (麻辣烫, 三里屯); only a run of them
                    // (锟斤拷, 烫烫烫) is a lossy mark.
                    if i &+ 5 < n, Self.isLossyRun(p, i &+ 3) { return i }
                default:
                    if characters &- lastWeak <= 3, !isWord(lastWeakScalar, scalar, adjacent: characters &- lastWeak == 1) { return i }
                    if probe != nil, scalar >= 0x3400, lead >= 0xE0, alone.count < Self.probedAlone { alone.append(i) }
                    lastWeak = characters
                    lastOdd = characters
                    lastWeakScalar = scalar
                    lastWeakIsHan = scalar >= 0x3400
                }
                i &+= lead >= 0xE0 ? 3 : 2
            }
            guard let probe, !alone.isEmpty else { return nil }
            return Self.firstSwapped(at: alone, in: p, count: n, probe: probe)
        }
    }

    /// Whether `scalar` is a small ゃ, ゅ or ょ (or their katakana) that `previous` may not
    /// come before in Japanese (see ``isIRowKana(_:)``): Big5's commonest characters
    /// (A4 40–FE) are GBK's hiragana, so 中文 read as GBK is いゅ.
    @inline(__always)
    static func isKanaOutOfPlace(_ scalar: UInt32, after previous: UInt32) -> Bool {
        isSmallYaYuYo(scalar) && !isIRowKana(previous)
    }

    /// ゃ, ゅ, ょ and their katakana.
    @inline(__always)
    static func isSmallYaYuYo(_ scalar: UInt32) -> Bool {
        scalar == 0x3083 || scalar == 0x3085 || scalar == 0x3087 || scalar == 0x30E3 || scalar == 0x30E5 || scalar == 0x30E7
    }

    /// The kana a small ゃ, ゅ or ょ may follow: き, し, ち, に, ひ, み, り and their voiced
    /// forms, in hiragana and katakana; and in katakana the loanwords' テ, デ, フ, ヴ
    /// (デュエット, フュージョン, ヴュー).
    static func isIRowKana(_ scalar: UInt32) -> Bool {
        switch scalar >= 0x30A0 ? scalar - 0x60 : scalar {
        case 0x304D, 0x304E, 0x3057, 0x3058, 0x3061, 0x3062, 0x306B, 0x3072, 0x3073, 0x3074, 0x307F, 0x308A: return true
        default: return scalar == 0x30C6 || scalar == 0x30C7 || scalar == 0x30D5 || scalar == 0x30F4
        }
    }

    /// How many rare characters alone a line has probed at most.
    static let probedAlone = 4

    /// The first of the rare characters at `places` (three bytes each) that `probe` finds
    /// reads better as the other Chinese encoding, or as UTF-8 read as GBK.
    private static func firstSwapped(at places: [Int], in p: UnsafePointer<UInt8>, count n: Int, probe: ChineseSwapProbe) -> Int? {
        places.first { i in
            let scalar = UInt32(p[i] & 0x0F) << 12 | UInt32(p[i &+ 1] & 0x3F) << 6 | UInt32(p[i &+ 2] & 0x3F)
            return probe.readsBetter(scalar, after: Self.scalar(before: i, in: p), before: Self.scalar(at: i &+ 3, in: p, count: n))
        }
    }

    /// Whether two rare Han characters side by side are a word of Chinese: a known bigram
    /// (蜥蜴, 囹圄), a pair of the pair bonuses' words (璀璨, 漣漪, 靦腆: two-syllable words
    /// of characters seldom seen apart, too rare for the bigrams) or a doubled character
    /// (嘤嘤, 涔涔), which mix-ups hardly make.
    @inline(__always)
    private func isWord(_ a: UInt32, _ b: UInt32, adjacent: Bool) -> Bool {
        adjacent && a >= 0x3400 && b >= 0x3400 && (a == b || model.isKnownChineseBigram(a, b) || PairBonuses.shared.bonus(a, b) > 0)
    }

    /// Whether the three bytes at `i` are 锟, 斤, 拷, 烫 or 屯: the second character of a
    /// lossy mark.
    @inline(__always)
    private static func isLossyRun(_ p: UnsafePointer<UInt8>, _ i: Int) -> Bool {
        let scalar = UInt32(p[i] & 0x0F) << 12 | UInt32(p[i &+ 1] & 0x3F) << 6 | UInt32(p[i &+ 2] & 0x3F)
        return p[i] & 0xF0 == 0xE0 && (scalar == LossyMarks.kun || scalar == LossyMarks.jin || scalar == LossyMarks.kao
            || scalar == LossyMarks.tang || scalar == LossyMarks.tun)
    }

    @inline(__always)
    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) &- 0x61 < 26
    }

    @inline(__always)
    private static func isDigit(_ byte: UInt8) -> Bool {
        byte &- 0x30 < 10
    }

    @inline(__always)
    private static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        isLetter(byte) || byte &- 0x30 < 10
    }

    /// The character that ends just before byte `i`, which starts one; 0 at the start or
    /// after a line break.
    private static func scalar(before i: Int, in p: UnsafePointer<UInt8>) -> UInt32 {
        var start = i
        while start > 0, i &- start < 4 {
            start &-= 1
            if p[start] & 0xC0 != 0x80 { break }
        }
        guard start < i, p[start] != 0x0A else { return 0 }
        return scalar(at: start, in: p, count: i)
    }

    /// The character that starts at byte `i`; 0 past the end, at a line break, or where
    /// the bytes are not one.
    private static func scalar(at i: Int, in p: UnsafePointer<UInt8>, count n: Int) -> UInt32 {
        guard i < n, p[i] != 0x0A else { return 0 }
        return UTF8Scalars.decode(at: i, in: UnsafeBufferPointer(start: p, count: n), limit: n)?.scalar ?? 0
    }

    /// Whether the character before byte `i` is a three-byte one from U+3400 on (Han,
    /// and what follows it in the BMP).
    @inline(__always)
    private static func followsChinese(_ p: UnsafePointer<UInt8>, _ i: Int) -> Bool {
        guard i >= 3 else { return false }
        let lead = p[i &- 3]
        return lead & 0xF0 == 0xE0 && (lead > 0xE3 || (lead == 0xE3 && p[i &- 2] & 0x3F >= 0x10))
    }

    /// What `firstSuspicious` does with each BMP character, one byte each: a table read
    /// per character instead of two bit tests and range checks.
    private enum Scan {
        static let clean: UInt8 = 0, strong: UInt8 = 1, kana: UInt8 = 2, weak: UInt8 = 3, lossy: UInt8 = 4, stray: UInt8 = 5
    }

    /// Letters and symbols GBK has double-byte forms of, which a slipped stream makes next
    /// to Chinese characters: accented Latin, Greek, Cyrillic, mathematical operators.
    static func isStrayLetterOrSymbol(_ scalar: UInt32) -> Bool {
        (0x100...0x24F).contains(scalar) || (0x391...0x451).contains(scalar) || (0x2200...0x22FF).contains(scalar)
    }

    private static func scanTable(bits: [UInt64], weakBits: [UInt64]) -> [UInt8] {
        var table = [UInt8](repeating: Scan.clean, count: 0x10000)
        for scalar in 0..<0x10000 {
            let bit = UInt64(1) << UInt64(scalar & 63)
            if bits[scalar >> 6] & bit != 0 {
                table[scalar] = Scan.strong
            } else if weakBits[scalar >> 6] & bit != 0 {
                table[scalar] = Scan.weak
            } else if (0x3041...0x30FF).contains(scalar) {
                table[scalar] = Scan.kana
            } else if [LossyMarks.kao, LossyMarks.tang, LossyMarks.tun].contains(UInt32(scalar)) {
                table[scalar] = Scan.lossy
            } else if isStrayLetterOrSymbol(UInt32(scalar)) {
                table[scalar] = Scan.stray
            }
        }
        return table
    }
}
