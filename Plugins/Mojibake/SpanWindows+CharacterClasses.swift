/// The classes of characters the span search weighs a stretch's letters and neighbours by.
extension SpanWindows {
    static func isUppercase(_ scalar: UInt32) -> Bool {
        Unicode.Scalar(scalar)?.properties.isUppercase ?? false
    }

    static func isASCIILetter(_ scalar: UInt32) -> Bool {
        (0x41...0x5A).contains(scalar) || (0x61...0x7A).contains(scalar)
    }

    static func isLowercaseLatin(_ scalar: UInt32) -> Bool {
        ScriptClass(scalar) == .latin && (Unicode.Scalar(scalar)?.properties.isLowercase ?? false)
    }

    /// Punctuation, symbols, arrows, math, dingbats, CJK and full-width punctuation, emoji:
    /// at home anywhere.
    static func isSymbol(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x2000...0x2BFF, 0x3000...0x303F, 0xFF01...0xFF0F, 0xFF1A...0xFF20, 0x1F000...0x1FAFF: true
        default: false
        }
    }

    /// East Asian and not private use: what East Asian text is written with.
    static func isEastAsianCharacter(_ scalar: UInt32) -> Bool {
        isEastAsian(scalar) && !(0xE000...0xF8FF).contains(scalar)
    }

    /// Enclosed numbers, box drawing, CJK, Hangul, private use, compatibility and
    /// half- and full-width forms: what double-byte decoders make.
    static func isEastAsian(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x2460...0x24FF, 0x2500...0x257F, 0x3000...0x9FFF, 0xAC00...0xD7AF, 0xE000...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFFEF:
            true
        default:
            false
        }
    }

    /// Whether East Asian text stands right before or after `stretch`, a space apart at most.
    func isBesideEastAsian(_ stretch: ArraySlice<UInt32>) -> Bool {
        var before = stretch.startIndex - 1
        if before >= 0, scalars[before] == 0x20 { before -= 1 }
        var after = stretch.endIndex
        if after < scalars.count, scalars[after] == 0x20 { after += 1 }
        return before >= 0 && Self.isEastAsianCharacter(scalars[before]) || after < scalars.count && Self.isEastAsianCharacter(scalars[after])
    }

    /// Whether Latin-1 symbols between two Han characters read back as full-width
    /// punctuation only: GBK's commonest characters read as Latin-1 (，is £¬, 。 ¡£, ：
    /// £º), which no clean text has between two Chinese characters.
    func isPunctuationBetweenHan(original: ArraySlice<UInt32>, replacement: [UInt32]) -> Bool {
        guard !replacement.isEmpty, Repairer.isSymbolsBetweenHan(original.indices, in: scalars) else { return false }
        return replacement.allSatisfy { (0x3001...0x3011).contains($0) || (0xFF01...0xFF1F).contains($0) || (0x2018...0x201D).contains($0) }
    }
}
