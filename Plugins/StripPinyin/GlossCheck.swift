import FixTextICU

/// Decides whether a gloss is pinyin, and whether it is a reading of its character: from
/// the Unihan table, and for a character the table lacks, from ICU's Han-Latin
/// transliteration (one reading), opened the first time it is needed.
final class GlossCheck {
    let readings = PinyinReadings.shared
    private var hanLatin: Transliterator?
    private var hanLatinFailed = false

    /// What a gloss after a Han character is.
    struct Verdict {
        /// Its syllable's index in the table.
        var syllable: UInt16
        /// It is a reading of the character.
        var matches: Bool
    }

    /// Nil when the gloss is not a pinyin syllable. A toneless gloss of one letter (a, e, o)
    /// is taken for pinyin only when it is a reading of its character: "(a)" is more often
    /// a list label than the gloss of 啊.
    func check(_ gloss: Gloss, after scalar: UInt32) -> Verdict? {
        guard let syllable = readings.syllable(letters: gloss.letters) else { return nil }
        let matches = readings.reads(scalar, as: syllable, tone: gloss.tone) ?? icuReads(scalar, gloss)
        if gloss.tone == 0 && gloss.letterCount == 1 && !matches { return nil }
        return Verdict(syllable: syllable, matches: matches)
    }

    private func icuReads(_ scalar: UInt32, _ gloss: Gloss) -> Bool {
        guard !hanLatinFailed, let character = Unicode.Scalar(scalar) else { return false }
        if hanLatin == nil {
            hanLatin = try? Transliterator(id: "Han-Latin")
            hanLatinFailed = hanLatin == nil
        }
        guard let hanLatin else { return false }
        var latin = Array("(\(hanLatin.transliterate(String(character))))".utf8)
        return latin.withUnsafeMutableBufferPointer { buffer in
            guard case .gloss(let reading) = Gloss.scan(UnsafeBufferPointer(buffer), at: 0, isEnd: true),
                  reading.end == buffer.count, reading.letters == gloss.letters else { return false }
            return gloss.tone == 0 || gloss.tone == 5 || reading.tone == gloss.tone
        }
    }
}
