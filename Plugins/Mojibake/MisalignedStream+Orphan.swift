import FixTextCore

/// What becomes of the byte a slip leaves over at the start of a shifted run: half of a
/// character whose other half is lost, or a byte the stream gained. Each way of resolving
/// it refines a repair already taken with U+FFFD there, and says what it did.
extension MisalignedStream {
    /// The character a slip cut in half, from the byte of it that is left (`orphan`),
    /// between `previous` and `next`: the likeliest of the characters that start or end with
    /// that byte, when it is clearly likelier than every other (as ``WholeLineUndo`` guesses
    /// bytes a strict decoder did not read) and makes a known word with both neighbours.
    /// Nil otherwise: the character is then lost. (Between two Chinese characters, taking
    /// a guess that makes one word made about half the guesses on the suite's slipped
    /// lines wrong.)
    ///
    /// Where no Chinese character comes before (a line's start, punctuation, ASCII), only
    /// one word can be made: the guess must make it with the next character and be four
    /// times as likely as any other (``guessAfterNoWord``).
    func clearGuess(orphan: UInt8, after previous: UInt32?, before next: UInt32?, in language: TextLanguage) -> (scalar: UInt32, orphanIsLead: Bool)? {
        let afterWord = previous.map(LanguageModel.isHan) ?? false
        var likeliest = Likeliest<(scalar: UInt32, orphanIsLead: Bool, words: Int)>()
        for (scalars, orphanIsLead) in [(charactersWithLead[Int(orphan)], true), (charactersWithTrail[Int(orphan)], false)] {
            for scalar in scalars {
                let (cost, words) = PairBonuses.shared.lessBonuses(evidence.model.cost(scalar, in: language), for: scalar, after: previous, before: next, model: evidence.model)
                likeliest.weigh((scalar, orphanIsLead, words), cost: cost)
            }
        }
        guard let best = likeliest.clear(by: afterWord ? WholeLineUndo.clearlyLikelier : Self.guessAfterNoWord),
              best.words == (afterWord ? 2 : 1)
        else { return nil }
        return (best.scalar, best.orphanIsLead)
    }

    /// Whether `orphan` is half of no character the text around it is written with: a byte
    /// 81–A0 before a run of GB2312's characters alone, whose bytes are all A1–FE, in a
    /// `line` (as repaired) of simplified Chinese. Such a byte was gained, not left of a
    /// lost character, and is left out (traditional text has GBK's other characters, whose
    /// bytes may be 81–A0).
    func isStray(_ orphan: UInt8, before rest: ArraySlice<UInt32>, in line: [UInt32]) -> Bool {
        guard (0x81...0xA0).contains(orphan), rest.count >= 2,
              evidence.model.likelierChineseScript(line.lazy.filter { $0 >= 0x80 }) == .simplifiedChinese
        else { return false }
        return rest.allSatisfy { $0 < 0x80 || codec.packedBytes($0) >> 24 == 2 && codec.packedBytes($0) >> 8 & 0xFF >= 0xA1 }
    }

    /// How much cheaper (in quarter bits) the character guessed for an orphan after no
    /// Chinese character must be than every other: four times as likely. On the suite's
    /// slipped lines that makes 15 right guesses and 7 wrong ones, 3 of them a character
    /// where the stream had gained a byte (eight times as likely: 8 right, 4 wrong).
    static let guessAfterNoWord = 8

    /// `repair` with its orphan byte resolved where that can be done: rejoined with a byte
    /// of a neighbour when the stream gained a byte inside one; as the character it was
    /// half of, where one is clearly the likeliest between its neighbours; or left out at
    /// a line's start or after full-width punctuation, where no guess is clear. Only a
    /// repair already taken with U+FFFD there is refined so: a guess, or a character
    /// fewer, makes any re-decoding read better, so none of them may decide whether there
    /// was a slip at all.
    ///
    /// At a line's start, or after full-width punctuation, the byte is as often one the
    /// stream gained as the end of a character it lost (at line starts on the suite's
    /// slipped lines, 20 against 37): a U+FFFD there would claim a loss no likelier than
    /// none. So the byte is left out, and `explain` says that a character may have been
    /// lost with it.
    func withOrphanResolved(_ repair: Repair, in scalars: [UInt32], claimed: [Bool]) -> Repair {
        guard case .orphanByte(let orphan) = repair.lost.first, repair.replacement.first == 0xFFFD else { return repair }
        let previous = repair.range.lowerBound > 0 ? scalars[repair.range.lowerBound - 1] : nil
        let afterWord = previous.map(LanguageModel.isHan) ?? false
        let rest = repair.replacement.dropFirst()
        let language = language(of: Array(rest))
        if afterWord, let previous,
           let joined = withGainedByteBefore(repair, orphan: orphan, in: scalars, claimed: claimed, language: language)
               ?? withGainedByteAfter(repair, orphan: orphan, after: previous, language: language)
        {
            return joined
        }
        // After ASCII the decoder was in step up to the run, so the byte is half of a lost
        // character (the seed page's "變?yōu)椤吧" lost 為 for good); at a line's start or
        // after full-width punctuation nothing tells.
        let undecided = previous.map { !LanguageModel.isHan($0) && $0 >= 0x80 } ?? true
        var refined = repair
        if isStray(orphan, before: rest, in: Array(scalars[..<repair.range.lowerBound]) + rest + scalars[repair.range.upperBound...]) {
            refined.replacement.removeFirst()
            refined.lost[0] = .strayByte(orphan)
        } else if undecided, let bracket = openingBracket(withByte: orphan, before: rest + scalars[repair.range.upperBound...]) {
            refined.replacement[0] = bracket
            refined.lost[0] = .guessedBracket(byte: orphan, guess: bracket)
        } else if let guess = clearGuess(orphan: orphan, after: previous, before: rest.first, in: language) {
            refined.replacement[0] = guess.scalar
            refined.lost[0] = afterWord
                ? .guessedHalf(byte: orphan, isLead: guess.orphanIsLead, guess: guess.scalar)
                : .guessedHalfAfterNoWord(byte: orphan, isLead: guess.orphanIsLead, guess: guess.scalar)
        } else if undecided {
            refined.replacement.removeFirst()
            refined.lost[0] = .leadingByte(orphan)
        }
        return refined
    }

    /// The one opening bracket that has `byte` as its first or second byte and whose
    /// closing partner stands unmatched in `text`: the character a slip cut in half at the
    /// start of a line or after punctuation, where nothing else tells ("?粤耸...》" began
    /// with 《, A1 B6). Nil if none or several.
    private func openingBracket(withByte byte: UInt8, before text: ArraySlice<UInt32>) -> UInt32? {
        let brackets = Brackets(before: [], after: text)
        let fitting = Brackets.pairs.map(\.open).filter { open in
            let packed = codec.packedBytes(open)
            return packed >> 24 == 2 && (UInt8(truncatingIfNeeded: packed >> 8) == byte || UInt8(truncatingIfNeeded: packed) == byte)
                && brackets.isPartnered(open)
        }
        return fitting.count == 1 ? fitting[0] : nil
    }

    /// The slip may have happened inside the character before the run: a byte gained
    /// between its two bytes made it a pair of its first byte and the gained one, and left
    /// its second byte as the run's orphan (王比�强: 比 is B1 C8, and C8 came in between the
    /// bytes of 宝, B1 A6). Taken when the character so rejoined makes a known word with a
    /// neighbour, the one before the run makes none, and the rejoined one is far likelier;
    /// nil otherwise. (The other way, the character before losing its second byte and its
    /// first byte pairing with the orphan, has no such test: the character that lost its
    /// byte is unknown.)
    private func withGainedByteBefore(_ repair: Repair, orphan: UInt8, in scalars: [UInt32], claimed: [Bool], language: TextLanguage) -> Repair? {
        let k = repair.range.lowerBound - 1
        let packed = codec.packedBytes(scalars[k])
        guard !claimed[k], packed >> 24 == 2,
              let (joined, length) = codec.decode(at: 0, in: [UInt8(truncatingIfNeeded: packed >> 8), orphan]), length == 2, Self.isChineseText(joined)
        else { return nil }
        let model = evidence.model
        let before: UInt32? = k > 0 ? scalars[k - 1] : nil
        let (standing, standingWords) = model.lessWordBonuses(model.cost(scalars[k], in: language), for: scalars[k], after: before, before: nil)
        let (rejoined, rejoinedWords) = model.lessWordBonuses(model.cost(joined, in: language), for: joined, after: before, before: repair.replacement.dropFirst().first)
        guard rejoinedWords > 0, standingWords == 0, rejoined + Self.rejoinedMargin < standing else { return nil }
        var refined = repair
        refined.range = k..<repair.range.upperBound
        refined.replacement[0] = joined
        refined.lost[0] = .gainedInside(byte: UInt8(truncatingIfNeeded: packed), character: joined)
        return refined
    }

    /// Or inside the run's first character: the byte gained after its first byte made
    /// the orphan of that byte, and a pair of itself and the character's second byte
    /// (表示�嗄疼: 嗄 is E0 C4, and E0 came in between the bytes of 心, D0 C4). Taken on
    /// the same terms as ``withGainedByteBefore(_:orphan:in:claimed:language:)``.
    private func withGainedByteAfter(_ repair: Repair, orphan: UInt8, after previous: UInt32, language: TextLanguage) -> Repair? {
        let rest = repair.replacement.dropFirst()
        guard let first = rest.first else { return nil }
        let packed = codec.packedBytes(first)
        guard packed >> 24 == 2, let (joined, length) = codec.decode(at: 0, in: [orphan, UInt8(truncatingIfNeeded: packed)]), length == 2,
              Self.isChineseText(joined)
        else { return nil }
        let model = evidence.model
        let next = rest.dropFirst().first
        let (standing, standingWords) = model.lessWordBonuses(model.cost(first, in: language), for: first, after: nil, before: next)
        let (rejoined, rejoinedWords) = model.lessWordBonuses(model.cost(joined, in: language), for: joined, after: previous, before: next)
        guard rejoinedWords > 0, standingWords == 0, rejoined + Self.rejoinedMargin < standing else { return nil }
        var refined = repair
        refined.replacement.removeFirst(2)
        refined.replacement.insert(joined, at: 0)
        refined.lost[0] = .gainedInside(byte: UInt8(truncatingIfNeeded: packed >> 8), character: joined)
        return refined
    }

    /// How much cheaper (in quarter bits) a character rejoined across a gained byte must be
    /// than the one it replaces: eight times as likely. On the suite's slipped lines, each
    /// of the five rejoined so is right; the other fifteen characters that could be make
    /// no known word.
    static let rejoinedMargin = 12
}
