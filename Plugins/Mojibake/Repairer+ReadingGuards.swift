import FixTextCore

/// What the readings that look like others need, of a line before they are weighed on it
/// and of a repair before it is kept: Latin-1 letter soup can be Cyrillic, Greek or Hebrew
/// in their Windows code pages as well as GBK or Big5, and most of these readings turn
/// some clean text into something else (a capital Cyrillic word, a Romanian capital before
/// a space, a German word's umlaut).
extension Repairer {
    /// Whether the characters of `text` beyond ASCII are one Latin-1 letter repeated,
    /// four times at least ("öööö", "ÀÀÀÀ"): emphasis or a test string, whatever a
    /// double-byte encoding makes of it (鲻鲻, 응응). Double-byte text whose bytes are all
    /// the same letter is a rare character doubled; one such character alone is no rarer
    /// than others (좋 is C1 C1, "ÁÁ"), and spans with anything else in them are weighed
    /// as ever. (Symbols are not letters: "¡¡¡¡" is GBK's 　　, the indent of a Chinese
    /// paragraph.)
    static func isOneLetterRepeated(_ text: ArraySlice<UInt32>) -> Bool {
        var letter: UInt32?, count = 0
        for scalar in text where scalar >= 0x80 {
            guard (0xC0...0xFF).contains(scalar), scalar != 0xD7, scalar != 0xF7, letter == nil || letter == scalar else { return false }
            letter = scalar
            count += 1
        }
        return count >= 4
    }

    /// Whether the characters of `range` beyond ASCII are what text in windows-1251
    /// (Cyrillic), windows-1253 (Greek) or windows-1255 (Hebrew) read as windows-1252 is
    /// made of: their letters are À–þ (Привет is Ïðèâåò), and Ё ё № are ¨ ¸ ¹ (punctuation
    /// the code pages share, « » “ ” – —, may stand between); two at least, and none beside
    /// an ASCII letter, since no word mixes two alphabets (but for "\n" before one).
    /// UTF-8 read as windows-1252 has its symbols (â€œ for “, which read so is вЂњ), GBK
    /// its A1–BF (¶À²½ for 独步), and Western text its accented letters inside words
    /// (está, überall).
    static func isAlphabetSoup(_ range: Range<Int>, in scalars: [UInt32]) -> Bool {
        // (Any letter but the soup's own beside it: an ASCII one, or one of another
        // alphabet, as Γ before Çö, a console's — read as code page 437.)
        let isOtherLetter = { (k: Int) in
            guard k >= 0, k < scalars.count, !(k > 0 && scalars[k - 1] == 0x5C) else { return false }
            let scalar = scalars[k]
            if (0x41...0x5A).contains(scalar & ~0x20) { return true }
            guard scalar > 0xFF, let character = Unicode.Scalar(scalar) else { return false }
            return character.properties.isAlphabetic
        }
        var letters = 0
        for k in range where scalars[k] >= 0x80 {
            switch scalars[k] {
            case 0xC0...0xFF, 0xA8, 0xB8, 0xB9:
                if isOtherLetter(k - 1) || isOtherLetter(k + 1) { return false }
                letters += 1
            case 0xAB, 0xBB, 0xA0, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2026:
                continue
            default:
                return false
            }
        }
        return letters >= 2
    }

    /// Whether each word of `text` has its capitals as text writes them: all, none, or the
    /// first alone. ДЧиИДДо (Shift-JIS read as code page 850, and that read back as
    /// Cyrillic) has them anywhere; the Latin-1 soup any text in another alphabet makes
    /// keeps its case, which is that alphabet's (Ïðèâåò, Привет).
    static func hasNaturalCase(_ text: [UInt32]) -> Bool {
        var length = 0, capitals = 0, firstIsCapital = false
        func isNatural() -> Bool { capitals == 0 || capitals == length || (capitals == 1 && firstIsCapital) }
        for scalar in text {
            guard let character = Unicode.Scalar(scalar), character.properties.isAlphabetic else {
                if !isNatural() { return false }
                length = 0
                capitals = 0
                continue
            }
            let isCapital = character.properties.isUppercase
            if length == 0 { firstIsCapital = isCapital }
            if isCapital { capitals += 1 }
            length += 1
        }
        return isNatural()
    }

    /// The words of one letter in a line whose other words were Cyrillic, Greek or Hebrew
    /// read as windows-1252 (`repairs`, found by evidence): Russian writes в, и, о, у, я
    /// alone, and read so they are â, è, î, ó, ÿ, which no evidence can weigh on their
    /// own. Each is a repair of one letter that saves little, so that a longer repair of
    /// any other reading over it wins.
    func lettersAlone(in scalars: [UInt32], around repairs: [Repair], readAs: LegacyCodec, actual: LegacyCodec, _ recipe: Recipe) -> [Repair] {
        let isLetter = { (k: Int) in
            k >= 0 && k < scalars.count && ((0x41...0x5A).contains(scalars[k] & ~0x20) || scalars[k] >= 0xC0)
        }
        var covered = [Bool](repeating: false, count: scalars.count)
        for repair in repairs { for k in repair.range { covered[k] = true } }
        // (Alone between spaces, punctuation or the line's ends: "¤ô_" is no word.)
        let isSeparator = { (k: Int) in k < 0 || k >= scalars.count || [0x20, 0x09, 0x22, 0x27, 0x2C, 0x2E, 0x21, 0x3F, 0x3A, 0x3B, 0x28, 0x29].contains(scalars[k]) }
        return scalars.indices.compactMap { k in
            guard (0xC0...0xFF).contains(scalars[k]), !covered[k], !isLetter(k - 1), !isLetter(k + 1), isSeparator(k - 1), isSeparator(k + 1),
                  let byte = readAs.singleByteCode(scalars[k]), let letter = actual.character(alone: byte), letter != scalars[k]
            else { return nil }
            return Repair(range: k..<(k + 1), replacement: [letter], chain: [recipe.misreading], confidence: 0.6, saving: 1)
        }
    }

    /// Whether `repair` is one character made of a letter and the space after it (its
    /// last byte A0, see ``SpanWindows/decodeWithLostNoBreakSpace(at:)``).
    static func isSpaceTakenForNoBreakSpace(_ repair: Repair, in scalars: [UInt32]) -> Bool {
        repair.range.count == 2 && scalars[repair.range.upperBound - 1] == 0x20 && repair.replacement.count == 1
    }

    /// Whether `scalars` has a word of two letters or more all of À–ÿ (or ¨ ¸) that
    /// ``isAlphabetSoup(_:in:)`` takes, as a repair must be; and no sign of a
    /// DOS code page (box drawing, blocks, ⌐), whose soup of Latin letters is some other
    /// mix-up (a zip archive's Korean names read as 437 made Greek of ßäæßà).
    static func hasAlphabetSoupWord(_ scalars: [UInt32]) -> Bool {
        guard !scalars.contains(where: { (0x2300...0x25FF).contains($0) }) else { return false }
        let isSoupLetter = { (scalar: UInt32) in (0xC0...0xFF).contains(scalar) || scalar == 0xA8 || scalar == 0xB8 }
        var start = 0
        while let first = scalars[start...].firstIndex(where: isSoupLetter) {
            let end = scalars[first...].firstIndex { !isSoupLetter($0) } ?? scalars.count
            if end - first >= 2, isAlphabetSoup(first..<end, in: scalars) { return true }
            start = end
        }
        return false
    }

    /// Whether the characters of `range` are capital Cyrillic letters inside a word of
    /// them: UTF-8 read as windows-1251 is Р or С and one of 80–BF, some of which are
    /// capitals of Ukrainian and Belarusian (І, Ї, Є, Ў), so that "РІ" is в read so, and
    /// also the middle of "ТЕРИТОРІЇ". Mojibake would put a small letter there.
    static func isInsideCapitalCyrillicWord(_ range: Range<Int>, in scalars: [UInt32]) -> Bool {
        let isCapital = { (k: Int) in k >= 0 && k < scalars.count && (0x400...0x42F).contains(scalars[k]) }
        // (A space at the end is the A0 such a reading may have taken it for.)
        let letters = scalars[range.lowerBound] != 0x20 && scalars[range.upperBound - 1] == 0x20 ? range.dropLast() : range[...]
        return letters.allSatisfy(isCapital) && (isCapital(letters.startIndex - 1) || isCapital(letters.endIndex))
    }

    /// Whether `text` has both box drawing and the letters of a DOS code page (see
    /// ``Evidence/isDOSLetter(_:)``), which line art does not put beside its borders. GBK
    /// read as one does.
    static func mixesBoxDrawingAndLetters(_ text: ArraySlice<UInt32>) -> Bool {
        text.contains(where: Evidence.isBoxDrawing) && text.contains(where: Evidence.isDOSLetter)
    }

    /// Whether the character at `i` is one of the eight that ISO-8859-15 has where Latin-1
    /// has symbols (€ Š š Ž ž Œ œ Ÿ for A4 A6 A8 B4 B8 BC BD BE), beside a Latin-1 character
    /// beyond ASCII: GBK read as Latin-9 (ÎÄŒþÃû is 文件名).
    static func isLatin9LetterInSoup(_ i: Int, in scalars: [UInt32]) -> Bool {
        switch scalars[i] {
        case 0x20AC, 0x160, 0x161, 0x17D, 0x17E, 0x152, 0x153, 0x178: isBesideSoup(i, in: scalars)
        default: false
        }
    }
}
