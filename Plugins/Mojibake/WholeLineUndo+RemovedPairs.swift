import FixTextCore

/// How the characters are guessed around a pair that windows-936 read as private use (its
/// user-defined rows) and that a text cleaner then took out, with a byte of each character
/// on either side of it, or two of one (see ``WholeLineUndo``'s gaps).
///
/// UTF-8 reaches those rows in two ways: a character's last byte (AA–AF) and the next
/// one's lead (E0–EF for CJK), as in 个窗 and 目录; or a character's last two bytes
/// (A1–A7 then 80–A0, or AA–AF then A1–BF), as in 览 (E8 A7 88).
extension WholeLineUndo {
    /// The character one byte of which was in a pair that windows-936 read as private use
    /// and that was then taken out: `known` are its other bytes, the missing one first
    /// (`missingFirst`, the pair's second byte, a lead) or last (the pair's first byte: of
    /// the user-defined rows, AA–AF are the ones whose pairs end in a lead). Taken when it
    /// is far likelier than every other between its neighbours; nil otherwise.
    static func removedPairGuess(known: [UInt8], missingFirst: Bool, after previous: UInt32?, before following: UInt32?, model: LanguageModel) -> (scalar: UInt32, loss: Loss)? {
        let length = known.count + 1
        guard length >= 2, length <= 4 else { return nil }
        let choices: ClosedRange<UInt8> = missingFirst ? (length == 2 ? 0xC2...0xDF : length == 3 ? 0xE0...0xEF : 0xF0...0xF4) : 0xAA...0xAF
        var sequence = missingFirst ? [0] + known : known + [0]
        let at = missingFirst ? 0 : known.count
        guard let best = clearlyLikeliestChinese(filling: choices, after: previous, before: following, model: model, { byte in
            sequence[at] = byte
            return Self.scalar(of: sequence)
        })
        else { return nil }
        sequence[at] = best.byte
        return (best.scalar, .removedPairGuess(sequence: UpToFourBytes(sequence), at: at, guess: best.scalar))
    }


    /// The characters on either side of a removed pair, guessed together: `head` the first
    /// bytes of the one before (its last byte, AA–AF, was the pair's first), `tail` the last
    /// bytes of the one after (its lead was the pair's second). Each guessed alone lacks
    /// the other for a neighbour, and between a known character and a lost one, few stand
    /// out (个 and 窗 of 一个窗格 did not; together they are far the likeliest). Taken when
    /// the pair is far likelier than every other between `previous` and `following`.
    static func removedPairGuesses(
        head: [UInt8], tail: [UInt8], after previous: UInt32?, before following: UInt32?, model: LanguageModel
    ) -> (first: (scalar: UInt32, loss: Loss), second: (scalar: UInt32, loss: Loss))? {
        guard let (first, second) = pairGuesses(
            head: head, tail: tail, lastBytes: 0xAA...0xAF, fits: { _, _ in true }, cost: model.chineseCost, after: previous, before: following, model: model
        )
        else { return nil }
        return (
            (first.scalar, .removedPairGuess(sequence: UpToFourBytes(head + [first.byte]), at: head.count, guess: first.scalar)),
            (second.scalar, .removedPairGuess(sequence: UpToFourBytes([second.byte] + tail), at: 0, guess: second.scalar))
        )
    }

    /// The characters on either side of a "?" (or "・") that a Shift-JIS or Big5 decoder
    /// wrote for a lead byte and the byte after it, which made no pair: `head` the first
    /// bytes of the one before (its last byte was that lead), `tail` the last bytes of the
    /// one after (its lead was the byte after). Guessed together, as for a removed pair,
    /// among the bytes that `readAs` reads as a lead, and no pair with the next; as
    /// Japanese where the line so far has kana (`inJapanese`).
    static func unreadPairGuesses(
        head: [UInt8], tail: [UInt8], after previous: UInt32?, before following: UInt32?, inJapanese: Bool, readAs: LegacyCodec, model: LanguageModel
    ) -> (first: (scalar: UInt32, loss: Loss), second: (scalar: UInt32, loss: Loss))? {
        let fits = { (x: UInt8, y: UInt8) in !readAs.readsAlone(x) && readAs.character(lead: x, trail: y) == 0 }
        // Text read as Big5 is Chinese, and so is text read as Shift-JIS until kana show it
        // is Japanese (処理を中断: 理を, not 理炒).
        let cost = inJapanese && !readAs.isChinese ? model.cheapestCost : model.chineseCost
        guard let (first, second) = pairGuesses(
            head: head, tail: tail, lastBytes: 0x80...0xBF, fits: fits, cost: cost, after: previous, before: following, model: model
        )
        else { return nil }
        return (
            (first.scalar, .unreadPairGuess(sequence: UpToFourBytes(head + [first.byte]), at: head.count, guess: first.scalar)),
            (second.scalar, .unreadPairGuess(sequence: UpToFourBytes([second.byte] + tail), at: 0, guess: second.scalar))
        )
    }

    /// The two characters, `head` then a byte of `lastBytes`, and a lead then `tail`, whose
    /// two missing bytes `fits` allows, far likelier together (each at `cost`, less its
    /// bonuses) than every other two between `previous` and `following`; with their bytes.
    private static func pairGuesses(
        head: [UInt8], tail: [UInt8], lastBytes: ClosedRange<UInt8>, fits: (UInt8, UInt8) -> Bool, cost: (UInt32) -> Int,
        after previous: UInt32?, before following: UInt32?, model: LanguageModel
    ) -> (first: (byte: UInt8, scalar: UInt32), second: (byte: UInt8, scalar: UInt32))? {
        guard (1...3).contains(head.count), (1...3).contains(tail.count) else { return nil }
        let leads: ClosedRange<UInt8> = tail.count == 1 ? 0xC2...0xDF : tail.count == 2 ? 0xE0...0xEF : 0xF0...0xF4
        // The characters each side can be, with their own costs and bonuses with the known
        // neighbour.
        var firsts: [(byte: UInt8, scalar: UInt32, cost: Int)] = []
        var sequence = head + [0]
        for byte in lastBytes {
            sequence[head.count] = byte
            guard let scalar = scalar(of: sequence), SpanWindows.isEastAsianCharacter(scalar) else { continue }
            firsts.append((byte, scalar, model.lessWordBonuses(cost(scalar), for: scalar, after: previous, before: nil).cost))
        }
        var seconds: [(byte: UInt8, scalar: UInt32, cost: Int)] = []
        sequence = [0] + tail
        for byte in leads {
            sequence[0] = byte
            guard let scalar = scalar(of: sequence), SpanWindows.isEastAsianCharacter(scalar) else { continue }
            seconds.append((byte, scalar, model.lessWordBonuses(cost(scalar), for: scalar, after: nil, before: following).cost))
        }
        var likeliest = Likeliest<(first: Int, second: Int)>()
        for (i, first) in firsts.enumerated() {
            for (j, second) in seconds.enumerated() where fits(first.byte, second.byte) {
                let together = LanguageModel.isHan(first.scalar) && LanguageModel.isHan(second.scalar)
                    ? PairBonuses.shared.graded(first.scalar, second.scalar, model: model) : 0
                likeliest.weigh((i, j), cost: first.cost + second.cost - together)
            }
        }
        guard let (i, j) = likeliest.clear(by: clearlyLikelier) else { return nil }
        return ((firsts[i].byte, firsts[i].scalar), (seconds[j].byte, seconds[j].scalar))
    }

    /// The character whose last two bytes were the removed pair: `head` its first bytes
    /// (a lead, or a lead and one byte more), between `previous` and `following`. Taken
    /// when far likelier than every other the pairs of those rows can make
    /// (``insideGuessMargin``).
    static func removedPairInsideGuess(head: [UInt8], after previous: UInt32?, before following: UInt32?, model: LanguageModel) -> (scalar: UInt32, loss: Loss)? {
        guard (1...2).contains(head.count) else { return nil }
        var likeliest = Likeliest<(scalar: UInt32, x: UInt8, y: UInt8)>()
        var sequence = head + [0, 0]
        let at = head.count
        for (firsts, seconds): (ClosedRange<UInt8>, ClosedRange<UInt8>) in [(0xA1...0xA7, 0x80...0xA0), (0xAA...0xAF, 0xA1...0xBF)] {
            for x in firsts {
                for y in seconds {
                    sequence[at] = x
                    sequence[at + 1] = y
                    guard let scalar = scalar(of: sequence), SpanWindows.isEastAsianCharacter(scalar) else { continue }
                    likeliest.weigh((scalar, x, y), cost: model.lessWordBonuses(model.chineseCost(scalar), for: scalar, after: previous, before: following).cost)
                }
            }
        }
        guard let best = likeliest.clear(by: insideGuessMargin) else { return nil }
        return (best.scalar, .removedPairInside(sequence: UpToFourBytes(head + [best.x, best.y]), guess: best.scalar))
    }

    /// How much cheaper (in quarter bits) a character whose last two bytes were removed
    /// must be than the next best: 64 times as likely, not ``clearlyLikelier``'s 8, since
    /// some 400 pairs can stand for those two bytes, against 6 for one. On 1,119 corpus
    /// lines read as windows-936 with their private use taken out, 8 times guessed 2,296
    /// characters with 134 wrong; 64 times, some 1,850 with 4 wrong.
    static let insideGuessMargin = 24
}
