import FixTextCore

/// How the last character of a line is guessed when the decoder met its last bytes with
/// nothing after them to pair with.
extension WholeLineUndo {
    /// The character whose last byte a decoder met at the end of a line, alone, and wrote
    /// as "?" or U+FFFD (发送成功 read as GBK ends 鍔?): of the characters `known` and one
    /// byte more make (two, `missing`, when a strict decoder also wrote U+FFFD for the byte
    /// before, as Python's gbk does for 80 in 。, E3 80 82), the one clearly likeliest
    /// after `previous`, when it is a Chinese
    /// character that makes a known word with it, or punctuation that ends a sentence.
    /// The byte was one the decoder cannot read alone (windows-936 reads 80 as €).
    /// Between ！ and ？, what the sentence asks decides (see ``exclamationOrQuestion(_:asks:)``).
    /// Candidates are weighed as Chinese, Shift-JIS's too: the guess needs a Chinese word
    /// or a sentence's end after a Han character, so it is for Chinese read as Shift-JIS,
    /// and Japanese lines keep their mark.
    /// A closing quote or bracket whose opening one stands unmatched in the line (with no
    /// character lost after it) is taken before anything the model prefers: "“Hello" and
    /// E2 80 with its last byte lost is “Hello”.
    ///
    /// With `unseen`, no decoder met the missing bytes (the line ends inside the character,
    /// with no mark): any continuation bytes may have been they.
    static func withLostLastByte(
        known: [UInt8], missing: Int = 1, after line: [UInt32], readAs: LegacyCodec, model: LanguageModel, unseen: Bool = false,
        guesses: GuessCache
    ) -> (UInt32, Loss)? {
        let previous = line.last
        guard readAs.isChinese || readAs.isShiftJIS, known.count + missing <= 4, missing == 1 || missing == 2 else { return nil }
        var sequence = SIMD4<UInt8>()
        for (i, byte) in known.enumerated() { sequence[i] = byte }
        // Whether `known` and the missing bytes make a character does not hang on which
        // continuation bytes they are (every bound of UTF-8, overlong forms and surrogates
        // included, falls on a multiple of 64): the candidates are one character with 80
        // for each missing byte, plus their low bits.
        for i in 0..<missing { sequence[known.count + i] = 0x80 }
        guard let template = Self.scalar(of: sequence, length: known.count + missing) else { return nil }
        let choices = LostLastBytes(template: template, missing: missing, unseen: unseen, readAs: readAs)
        func guessed(_ candidate: (x: UInt8, y: UInt8, scalar: UInt32)) -> (UInt32, Loss) {
            if unseen { return (candidate.scalar, .cutAtLineEnd(known: UpToFourBytes(known), missing: missing, guess: candidate.scalar)) }
            guard missing == 2 else { return (candidate.scalar, .lastByteGuessed(known: UpToFourBytes(known), byte: candidate.y, guess: candidate.scalar)) }
            return (candidate.scalar, .unreadBytes(
                sequence: UpToFourBytes(known + [candidate.x, candidate.y]), at: UpToFourBytes([UInt8(known.count), UInt8(known.count + 1)]),
                guess: candidate.scalar
            ))
        }
        // (Not in a line cut off anywhere: “ open and E2 80 left is ” as likely as ….)
        for (open, close) in Self.closingPairs where !unseen {
            // (Unless a character after it was lost, which may have been its partner.)
            if let candidate = choices.candidate(close), Self.isOpen(open, close, in: line[...], unlessLostAfter: true) {
                return guessed(candidate)
            }
        }
        let script = Self.chineseScript(of: line[...], model: model)
        // The character before `previous`, when the data tells what ends a line after the two.
        let beforePrevious = line.count >= 2 && NeighbourBonuses.shared.knowsLineEnds(after: line[line.count - 2], previous)
            ? line[line.count - 2] : nil
        let key = GuessCache.Key.lostLastBytes(
            template: template, known: known.count, missing: missing, unseen: unseen, script: script, previous: previous,
            beforePrevious: beforePrevious, readAs: readAs
        )
        guard let best = guesses.verdict(for: key, weigh: {
            choices.weigh(script: script, previous: previous, beforePrevious: beforePrevious, model: model)
        }) else { return nil }
        let scalar = best.scalar == 0xFF01 || best.scalar == 0xFF1F ? exclamationOrQuestion(best.scalar, asks: asksQuestion(line)) : best.scalar
        let y = scalar == best.scalar ? best.y : UInt8(0x80 | (scalar & 0x3F))
        guard scalar == best.scalar || !readAs.readsAlone(y) else { return guessed(best) }
        return guessed((best.x, y, scalar))
    }
}

/// What the missing last bytes of a line's last character may have been: continuation
/// bytes the decoder cannot read alone (windows-936 reads 80 as €), and before such a byte
/// one it cannot read before that one (a strict decoder's 80); any, when no decoder met
/// them (`unseen`).
private struct LostLastBytes {
    /// The character with the missing bits clear.
    let template: UInt32
    let missing: Int
    let unseen: Bool
    let readAs: LegacyCodec

    /// `scalar`'s missing bytes, when it is one of the candidates.
    func candidate(_ scalar: UInt32) -> (x: UInt8, y: UInt8, scalar: UInt32)? {
        let free: UInt32 = missing == 1 ? 0x3F : 0xFFF
        guard scalar & ~free == template else { return nil }
        let y = 0x80 | UInt8(truncatingIfNeeded: scalar & 0x3F)
        guard unseen || !readAs.strictlyReadsAlone(y) else { return nil }
        guard missing == 2 else { return (0, y, scalar) }
        let x = 0x80 | UInt8(truncatingIfNeeded: scalar >> 6 & 0x3F)
        guard unseen || readAs.strictlyUnread(before: y) & 1 << UInt64(x - 0x80) != 0, !(0xD800...0xDFFF).contains(scalar) else { return nil }
        return (x, y, scalar)
    }

    /// The candidates weighed after `previous` at the end of a line: the one clearly
    /// likeliest, when it makes a word with `previous`, ends a sentence after a Han
    /// character, or is in a place real text often has it; nil otherwise.
    func weigh(script: TextLanguage?, previous: UInt32?, beforePrevious: UInt32?, model: LanguageModel) -> GuessCache.Verdict {
        let neighbours = NeighbourBonuses.shared
        let maximumBonus = model.bigramBonus + neighbours.bound(after: previous, before: nil, endsLine: true)
        var likeliest = Likeliest<(candidate: (x: UInt8, y: UInt8, scalar: UInt32), words: Int, hasPlaceBonus: Bool)>()
        for y in UInt8(0x80)...0xBF where unseen || !readAs.strictlyReadsAlone(y) {
            var xs: UInt64 = missing == 1 ? 1 : unseen ? .max : readAs.strictlyUnread(before: y)
            while xs != 0 {
                let x: UInt8 = missing == 1 ? 0 : 0x80 + UInt8(truncatingIfNeeded: xs.trailingZeroBitCount)
                xs &= xs &- 1
                let scalar = template | UInt32(x & 0x3F) << 6 | UInt32(y & 0x3F)
                // (The second byte decides surrogates: ED A0–BF.)
                guard missing == 1 || !(0xD800...0xDFFF).contains(scalar) else { continue }
                // ？ is weighed as ！, its rival only in what the sentence asks (see below).
                // Punctuation inside a sentence ends no line, but where lines are seen to
                // end in it after the same two characters (如下：).
                guard !WholeLineUndo.continuesSentence(scalar) || neighbours.endsLines(with: scalar, after: beforePrevious, previous),
                      scalar != 0xFF1F || readAs.readsAlone(0x81)
                else { continue }
                var cost = WholeLineUndo.guessCost(scalar, in: script, model: model, fallback: model.chineseCost)
                var words = 0, hasPlaceBonus = false
                // A character that cannot come within the margin of the best so far even with a
                // word and the bonus of the line's end is no rival, and its word need not be
                // looked up (one line in a page of such text ends so, and this ran for each).
                // (Pruned by the widest margin a guess here may need, so that the runner-up's
                // cost is true wherever it decides.)
                if likeliest.best.map({ cost - maximumBonus < $0.cost + WholeLineUndo.clearlyLikelier }) ?? true {
                    (cost, words) = model.lessWordBonuses(cost, for: scalar, after: previous, before: nil)
                    let bonus = neighbours.bonus(for: scalar, after: previous, before: nil, endsLine: true, beforePrevious: beforePrevious)
                    cost -= bonus
                    hasPlaceBonus = bonus > 0
                }
                likeliest.weigh(((x, y, scalar), words, hasPlaceBonus), cost: cost)
            }
        }
        // The guess needs a word with the character before, or to end a sentence after a
        // Han character; or else a place that real text often has it in (after a digit,
        // at a line's end), and then the margin of a guess inside a line.
        // A closing quote or bracket with none open is no guess (an open one was taken above).
        // Two missing bytes make up to 64 times as many candidates: the guess needs the
        // margin of one inside a line.
        // A line cut off anywhere (`unseen`) did not end a sentence there: only a word
        // with the character before speaks for a guess.
        guard let best = likeliest.clear(by: missing == 1 ? WholeLineUndo.lastByteLikelier : WholeLineUndo.clearlyLikelier),
              best.words > 0 || !unseen && WholeLineUndo.endsSentence(best.candidate.scalar) && previous.map(LanguageModel.isHan) == true
                || !unseen && best.hasPlaceBonus && likeliest.clear(by: WholeLineUndo.clearlyLikelier) != nil,
              !WholeLineUndo.closingPairs.contains(where: { $0.close == best.candidate.scalar })
        else { return nil }
        return best.candidate
    }
}
