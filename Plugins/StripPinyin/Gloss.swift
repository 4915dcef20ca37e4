/// A parenthesised pinyin gloss, read from UTF-8 bytes without Strings: `(qū)`, `(qu1)`,
/// `(qu)`, `（lǜ）`, `(lv4)`.
struct Gloss: Equatable {
    /// Where it ends: one past the closing parenthesis.
    var end: Int
    /// The syllable's letters, a–z with "v" for ü, packed as ``PinyinReadings/key(_:)``
    /// packs them, and how many there are.
    var letters: UInt64
    var letterCount: Int
    /// 1–4, 5 for a neutral tone written as a number, 0 when no tone is written.
    var tone: UInt8

    /// The longest gloss looked at, parentheses included: a full-width pair (3 bytes each)
    /// around six letters, one of them with a two-byte tone mark, or a tone number.
    static let maximumLength = 3 + 8 + 3

    enum Scan: Equatable {
        /// Not a single pinyin syllable in parentheses.
        case none
        /// The input ends before it can tell.
        case needMore
        case gloss(Gloss)
    }

    /// Reads the gloss that opens at `start`, an ASCII or full-width opening parenthesis.
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, isEnd: Bool) -> Scan {
        let count = bytes.count
        var i = start
        if bytes[i] == UInt8(ascii: "(") {
            i += 1
        } else {
            guard i + 2 < count else { return isEnd ? .none : .needMore }
            guard bytes[i] == 0xEF, bytes[i + 1] == 0xBC, bytes[i + 2] == 0x88 else { return .none }
            i += 3
        }
        var letters: UInt64 = 0, letterCount = 0
        var markedTone: UInt8 = 0, numberTone: UInt8 = 0
        while true {
            guard i < count else { return isEnd ? .none : .needMore }
            guard i - start < maximumLength else { return .none }
            let byte = bytes[i]
            if numberTone != 0 {
                // Only the closing parenthesis may follow a tone number.
                guard let end = closing(bytes, at: i, isEnd: isEnd) else { return .none }
                if end < 0 { return .needMore }
                return finish(end: end, letters, letterCount, tone: numberTone)
            }
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"):
                letters = letters << 5 | UInt64(byte - UInt8(ascii: "a") + 1)
                letterCount += 1
                i += 1
            case UInt8(ascii: "1")...UInt8(ascii: "5"):
                guard letterCount > 0, markedTone == 0 else { return .none }
                numberTone = byte - UInt8(ascii: "0")
                i += 1
            case 0xC3, 0xC4, 0xC5, 0xC7:
                guard i + 1 < count else { return isEnd ? .none : .needMore }
                let scalar = UInt16(byte & 0x1F) << 6 | UInt16(bytes[i + 1] & 0x3F)
                guard bytes[i + 1] & 0xC0 == 0x80, let (letter, tone) = markedVowel(scalar) else { return .none }
                if tone != 0 {
                    guard markedTone == 0 else { return .none }
                    markedTone = tone
                }
                letters = letters << 5 | UInt64(letter - UInt8(ascii: "a") + 1)
                letterCount += 1
                i += 2
            default:
                guard let end = closing(bytes, at: i, isEnd: isEnd) else { return .none }
                if end < 0 { return .needMore }
                return finish(end: end, letters, letterCount, tone: markedTone)
            }
            guard letterCount <= 6 else { return .none }
        }
    }

    private static func finish(end: Int, _ letters: UInt64, _ letterCount: Int, tone: UInt8) -> Scan {
        letterCount == 0 ? .none : .gloss(Gloss(end: end, letters: letters, letterCount: letterCount, tone: tone))
    }

    /// Where a closing parenthesis at `i` ends; -1 when the input ends inside one, nil
    /// when there is none.
    private static func closing(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int, isEnd: Bool) -> Int? {
        if bytes[i] == UInt8(ascii: ")") { return i + 1 }
        guard bytes[i] == 0xEF else { return nil }
        guard i + 2 < bytes.count else { return isEnd ? nil : -1 }
        return bytes[i + 1] == 0xBC && bytes[i + 2] == 0x89 ? i + 3 : nil
    }

    /// The letter and tone of a vowel with a tone mark, or ü (letter "v", tone 0); also
    /// ń ň ǹ, the syllabic n of 嗯.
    static func markedVowel(_ scalar: UInt16) -> (letter: UInt8, tone: UInt8)? {
        switch scalar {
        case 0x101: (UInt8(ascii: "a"), 1)
        case 0xE1: (UInt8(ascii: "a"), 2)
        case 0x1CE: (UInt8(ascii: "a"), 3)
        case 0xE0: (UInt8(ascii: "a"), 4)
        case 0x113: (UInt8(ascii: "e"), 1)
        case 0xE9: (UInt8(ascii: "e"), 2)
        case 0x11B: (UInt8(ascii: "e"), 3)
        case 0xE8: (UInt8(ascii: "e"), 4)
        case 0x12B: (UInt8(ascii: "i"), 1)
        case 0xED: (UInt8(ascii: "i"), 2)
        case 0x1D0: (UInt8(ascii: "i"), 3)
        case 0xEC: (UInt8(ascii: "i"), 4)
        case 0x14D: (UInt8(ascii: "o"), 1)
        case 0xF3: (UInt8(ascii: "o"), 2)
        case 0x1D2: (UInt8(ascii: "o"), 3)
        case 0xF2: (UInt8(ascii: "o"), 4)
        case 0x16B: (UInt8(ascii: "u"), 1)
        case 0xFA: (UInt8(ascii: "u"), 2)
        case 0x1D4: (UInt8(ascii: "u"), 3)
        case 0xF9: (UInt8(ascii: "u"), 4)
        case 0x1D6: (UInt8(ascii: "v"), 1)
        case 0x1D8: (UInt8(ascii: "v"), 2)
        case 0x1DA: (UInt8(ascii: "v"), 3)
        case 0x1DC: (UInt8(ascii: "v"), 4)
        case 0xFC: (UInt8(ascii: "v"), 0)
        case 0x144: (UInt8(ascii: "n"), 2)
        case 0x148: (UInt8(ascii: "n"), 3)
        case 0x1F9: (UInt8(ascii: "n"), 4)
        default: nil
        }
    }

    /// Han characters: the unified ideographs of the BMP and of the supplementary planes,
    /// the compatibility ideographs, and 〇.
    static func isHan(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x3007, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x323AF: true
        default: false
        }
    }
}
