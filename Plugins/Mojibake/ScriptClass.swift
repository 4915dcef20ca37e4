/// The writing system of a character, as far as telling a credible lone repaired
/// character goes.
enum ScriptClass: Equatable {
    case latin, punctuation, cyrillic, greek, chinese, kana, hangul, other

    init(_ scalar: UInt32) {
        switch scalar {
        // Latin ligatures (ﬁ) are Latin; so, for this purpose, are Greek letters, which
        // Latin text uses as symbols (IL2Rγ, 5 μm).
        // ſ (long s) is no letter of today's text, which box drawing read as code page 437
        // makes ("┼┐").
        case 0x17F: self = .other
        case 0x41...0x5A, 0x61...0x7A, 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x24F, 0x1E00...0x1EFF, 0xFB00...0xFB06: self = .latin
        case 0x00...0x40, 0x5B...0x60, 0x7B...0xBF, 0xD7, 0xF7, 0x2000...0x214F: self = .punctuation
        case 0x400...0x52F: self = .cyrillic
        case 0x370...0x3FF: self = .greek
        // CJK punctuation goes with Chinese: （ in "（2018）" is as Chinese as 津.
        case 0x3000...0x303F, 0xFF01...0xFF0F, 0xFF1A...0xFF20, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3134F: self = .chinese
        case 0x3040...0x30FF: self = .kana
        case 0xAC00...0xD7AF, 0x1100...0x11FF: self = .hangul
        default: self = .other
        }
    }
}
