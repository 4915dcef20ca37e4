/// Decides whether a gloss is pinyin, and whether it is a reading of its character, from
/// the Unihan table. (ICU's Han-Latin gives one reading of a character, from the same
/// Unihan data; a test checks that every reading it gives is in the table, so it is not
/// asked here.)
struct GlossCheck {
    let readings = PinyinReadings.shared
    /// The last gloss checked and its verdict: converters gloss the same few characters
    /// again and again.
    private var last: (scalar: UInt32, letters: UInt64, tone: UInt8, verdict: Verdict?)?

    /// What a gloss after a Han character is.
    struct Verdict {
        /// Its syllable's index in the table.
        var syllable: UInt16
        /// It is a reading of the character.
        var matches: Bool
    }

    /// Nil when the gloss is not a pinyin syllable. A toneless gloss of one letter (a, e, m,
    /// n, o) is taken for pinyin only when it is a reading of its character: "(a)" is more
    /// often a list label than the gloss of 啊, and "(m)" a unit.
    mutating func check(_ gloss: Gloss, after scalar: UInt32) -> Verdict? {
        if let last, last.scalar == scalar, last.letters == gloss.letters, last.tone == gloss.tone {
            return last.verdict
        }
        let verdict = decide(gloss, after: scalar)
        last = (scalar, gloss.letters, gloss.tone, verdict)
        return verdict
    }

    private func decide(_ gloss: Gloss, after scalar: UInt32) -> Verdict? {
        guard let syllable = readings.syllable(letters: gloss.letters) else { return nil }
        let matches = readings.reads(scalar, as: syllable, tone: gloss.tone) ?? false
        if gloss.tone == 0 && gloss.letterCount == 1 && !matches { return nil }
        return Verdict(syllable: syllable, matches: matches)
    }
}
