import FixTextCore

/// How the characters a decoder left lost are guessed: from the bytes of them that are
/// left and their neighbours, taken only when far likelier than every other they could be.
extension WholeLineUndo {
    /// Of the characters `decode` makes with each of `bytes` (nil: none), the East Asian
    /// one clearly likeliest between `previous` and `following`, weighed as Chinese, and
    /// the byte that makes it.
    static func clearlyLikeliestChinese(
        filling bytes: some Sequence<UInt8>, after previous: UInt32?, before following: UInt32?, model: LanguageModel,
        _ decode: (UInt8) -> UInt32?
    ) -> (byte: UInt8, scalar: UInt32)? {
        var likeliest = Likeliest<(byte: UInt8, scalar: UInt32)>()
        for byte in bytes {
            guard let scalar = decode(byte), SpanWindows.isEastAsianCharacter(scalar) else { continue }
            likeliest.weigh((byte, scalar), cost: model.lessWordBonuses(model.chineseCost(scalar), for: scalar, after: previous, before: following).cost)
        }
        return likeliest.clear(by: clearlyLikelier)
    }

    /// The character whose UTF-8 sequence starts at `q` and has one or two bytes that a
    /// decoder could not read, with how it was found; nil when the sequence has no such
    /// byte after its lead. (Strict windows-1252 decoders do the same for its five
    /// undefined bytes, which need no byte after them to be told apart.)
    ///
    /// Strict GBK decoders (Python's and Java's `gbk`; Windows reads 80 as €) write U+FFFD
    /// for a byte they cannot read alone and go on with the next. Before a byte above ASCII
    /// that is 80, or the lead of a pair they have no character for: GBK's user-defined
    /// rows (which Windows reads as private use) and its few unassigned pairs. UTF-8 has
    /// those bytes inside 一, 。, 家 and many more, so text read so is full of them. Before
    /// ASCII below 40 (digits, punctuation, a space), which ends no pair, every lead is
    /// unread, and every decoder but ICU's Shift-JIS and Big5 (whose "?" takes that ASCII
    /// too) writes one "?" or U+FFFD for it and keeps the ASCII: 于2015 read as GBK is
    /// 浜?2015. Of the characters the unread bytes can make, the one far likelier than the
    /// others between its neighbours (with what digits and punctuation beside it say, see
    /// ``NeighbourBonuses``) is taken, and reported as a guess; so is an opening bracket
    /// that closes around a number (see ``pairedBracket(in:middleUnread:candidates:at:length:in:readAs:decided:)``).
    /// When none stands out, the character is lost.
    static func withUnreadByte(
        at q: Int, character: Int, _ needed: Int, in buffer: UnsafeBufferPointer<UInt8>, starts: [Int], line: ArraySlice<UInt32>,
        before decidedNext: UInt32? = nil, decided: ArraySlice<UInt32>, script: TextLanguage?, readAs: LegacyCodec, model: LanguageModel,
        guesses: GuessCache
    ) -> (UInt32, Loss)? {
        guard q + needed <= buffer.count else { return nil }
        // The offsets in the sequence of its unread bytes: one or two.
        var first = -1, second = -1
        var k = character  // the character of the line at byte b
        for b in (q + 1)..<(q + needed) where buffer[b] == question {
            while starts[k + 1] <= b { k += 1 }
            // The last byte of the character, a lead that the ASCII after it (digits,
            // punctuation, a space: no second byte of any pair) left alone. ICU's "?" in
            // Shift-JIS and Big5 swallowed that ASCII too, so it is not guessed; a U+FFFD
            // (strict decoders keep the ASCII) is.
            let mark = line[line.startIndex + k]
            let cutShortByASCII = readAs.isMultiByte && (mark == 0xFFFD || readAs.questionMark != .leadAndNextByte)
                && b == q + needed - 1 && b + 1 < buffer.count && buffer[b + 1] < 0x40 && buffer[b + 1] != question
            guard starts[k] == b, mark == 0xFFFD || mark == 0x3F && (readAs.questionMark == .oneByte || cutShortByASCII) else { return nil }
            // (At the end of the line what came after is unknown: that is a character cut
            // short, see ``withLostLastByte(known:missing:after:readAs:model:unseen:guesses:)``.)
            if readAs.isMultiByte {
                guard b + 1 < buffer.count, buffer[b + 1] >= 0x80 || (buffer[b + 1] == question && b + 1 < q + needed) || cutShortByASCII
                else { return nil }
            }
            if first < 0 { first = b - q } else if second < 0 { second = b - q } else { return nil }
        }
        guard first >= 0 else { return nil }
        var sequence = SIMD4<UInt8>()
        for i in 0..<needed { sequence[i] = buffer[q + i] }
        let last = second >= 0 ? second : first
        let after: UInt8? = q + last + 1 < buffer.count && buffer[q + last + 1] != question ? buffer[q + last + 1] : nil
        // The character before, as already decided (a guess, too): the bytes before may
        // hold an unread byte of their own.
        let previous = decided.last.flatMap { $0 == 0xFFFD ? nil : $0 } ?? (q > 0 ? UTF8Scalars.scalar(endingAt: q, in: buffer) : nil)
        let following = decidedNext ?? (q + needed < buffer.count ? UTF8Scalars.scalar(at: q + needed, in: buffer) : nil)
        // The candidates differ only in the low six bits of the unread bytes (continuation
        // bytes, 80–BF): each is the character the bytes that were read make with those
        // bits clear, plus its own bits; whether it is a character at all (no overlong
        // form, no surrogate) hangs on its value alone. The read bytes after the lead must
        // be continuation bytes.
        var template = UInt32(sequence[0]) & (needed == 2 ? 0x1F : needed == 3 ? 0x0F : 0x07)
        var readBytesFit = true
        for i in 1..<needed {
            let byte = i == first || i == second ? 0x80 : sequence[i]
            if byte & 0xC0 != 0x80 { readBytesFit = false }
            template = template << 6 | UInt32(byte & 0x3F)
        }
        let lastChoices = readAs.strictlyUnread(before: after)
        let offsets = UpToFourBytes(SIMD4(UInt8(first), UInt8(truncatingIfNeeded: second), 0, 0), count: second >= 0 ? 2 : 1)
        // A bracket the line pairs is taken before anything the model prefers.
        let middleUnread = second == needed - 1 && first == needed - 2
        if readBytesFit, second < 0 && first == needed - 1 || middleUnread,
           let bracket = pairedBracket(
               in: sequence, middleUnread: middleUnread, candidates: lastChoices, at: q, length: needed, in: buffer, readAs: readAs, decided: decided
           )
        {
            sequence[needed - 2] = bracket.middle
            sequence[needed - 1] = bracket.last
            return (bracket.scalar, .unreadBytes(sequence: UpToFourBytes(sequence, count: needed), at: offsets, guess: bracket.scalar))
        }
        // When the bytes that were read do not fit, no candidate is a character.
        var verdict: GuessCache.Verdict = nil
        if readBytesFit {
            let firstBefore = second >= 0 && second != first + 1 ? sequence[first + 1] : 0
            let key = GuessCache.Key.unreadBytes(
                template: template, needed: needed, first: first, second: second, after: after, firstBefore: firstBefore,
                script: script, previous: previous, following: following, readAs: readAs
            )
            verdict = guesses.verdict(for: key) {
                weighUnreadBytes(
                    template: template, needed: needed, first: first, second: second, lastChoices: lastChoices, firstBefore: firstBefore,
                    script: script, previous: previous, following: following, readAs: readAs, model: model
                )
            }
        }
        // Outside Chinese the model knows too little of which symbol or letter is likelier
        // (”, ‐ and the joiners all end in one of windows-1252's undefined bytes): there a
        // strict windows-1252 decoder's U+FFFD stays a lost character, as ftfy leaves it.
        // Full-width punctuation right after a Chinese character is Chinese (！ is EF BC 81).
        let chinesePunctuation = { (scalar: UInt32) in
            (0xFF01...0xFF5E).contains(scalar) && previous.map(LanguageModel.isHan) == true
        }
        // A closing bracket or quote that nothing opened is no guess (〕 after a digit is
        // cheap, and 1、2 is not 1〕2), unless the character before the number it follows
        // was lost and may have been its partner (〔2017〕 with 〔 cut short too).
        guard let best = verdict,
              readAs.isMultiByte || LanguageModel.isHan(best.scalar) || chinesePunctuation(best.scalar),
              !Self.closesNothing(best.scalar, after: decided)
        else {
            sequence[first] = 0
            if second >= 0 { sequence[second] = 0 }
            return (0xFFFD, .unreadBytes(sequence: UpToFourBytes(sequence, count: needed), at: offsets, guess: nil))
        }
        sequence[first] = best.x
        if second >= 0 { sequence[second] = best.y }
        return (best.scalar, .unreadBytes(sequence: UpToFourBytes(sequence, count: needed), at: offsets, guess: best.scalar))
    }

    /// The candidates for the unread bytes weighed (see ``UnreadByteChoices``): the
    /// character clearly likeliest between its neighbours, and the bytes that make it;
    /// nil when none is.
    private static func weighUnreadBytes(
        template: UInt32, needed: Int, first: Int, second: Int, lastChoices: UInt64, firstBefore: UInt8,
        script: TextLanguage?, previous: UInt32?, following: UInt32?, readAs: LegacyCodec, model: LanguageModel
    ) -> GuessCache.Verdict {
        let firstShift = UInt32(6 * (needed - 1 - first)), secondShift = UInt32(second >= 0 ? 6 * (needed - 1 - second) : 0)
        let neighbours = NeighbourBonuses.shared
        let placeBonus = neighbours.bound(after: previous, before: following)
        let maximumBonus = 2 * model.bigramBonus + placeBonus
        var likeliest = Likeliest<(x: UInt8, y: UInt8, scalar: UInt32)>()
        var choices = UnreadByteChoices(
            readAs: readAs, lastChoices: lastChoices, second: second >= 0, adjacent: second == first + 1, firstBefore: firstBefore
        )
        while let (x, y) = choices.next() {
            var scalar = template | UInt32(x & 0x3F) << firstShift
            if second >= 0 { scalar |= UInt32(y & 0x3F) << secondShift }
            switch needed {
            case 3: guard scalar >= 0x800, !(0xD800...0xDFFF).contains(scalar) else { continue }
            case 4: guard (0x10000...0x10FFFF).contains(scalar) else { continue }
            default: break
            }
            // Text read as GBK or Big5 is Chinese, and weighed as such; otherwise in any
            // language (Shift-JIS and EUC-KR readings are of Japanese and Korean too).
            var cost = Self.guessCost(scalar, in: script, model: model) { readAs.isChinese ? model.chineseCost($0) : model.cheapestCost($0) }
            // Known words with its neighbours take off up to twice the bonus, and digits or
            // punctuation beside it theirs; a character that cannot come within the margin
            // of the best so far even so is no rival, and its words need not be looked up.
            if likeliest.best.map({ cost - maximumBonus < $0.cost + clearlyLikelier }) ?? true {
                cost = model.lessWordBonuses(cost, for: scalar, after: previous, before: following).cost
                if placeBonus > 0 { cost -= neighbours.bonus(for: scalar, after: previous, before: following) }
            }
            likeliest.weigh((x, y, scalar), cost: cost)
        }
        return likeliest.clear(by: clearlyLikelier)
    }

    /// Quotes and the full-width brackets (see ``Brackets/pairs``), opening and closing.
    static let closingPairs: [(open: UInt32, close: UInt32)] = [(0x201C, 0x201D), (0x2018, 0x2019)] + Brackets.pairs

    /// Hangul syllables and jamo.
    static func isHangul(_ scalar: UInt32) -> Bool {
        (0xAC00...0xD7A3).contains(scalar) || (0x1100...0x11FF).contains(scalar) || (0x3130...0x318F).contains(scalar)
    }

    /// How much cheaper (in quarter bits) the character guessed for a last byte lost at
    /// the end of a line must be than the next best: twice as likely. Two of its three
    /// bytes are known and it must make a word with the character before, which leaves
    /// few candidates: on the suite that makes 28 right guesses and 3 wrong ones (eight
    /// times as likely: 8 right, none wrong; four times: 12 right, 2 wrong).
    static let lastByteLikelier = 4

    /// The character the first `length` bytes of `sequence` are in UTF-8, all of them;
    /// nil if they are no character, or a shorter one.
    @inline(__always)
    static func scalar(of sequence: SIMD4<UInt8>, length: Int) -> UInt32? {
        withUnsafeBytes(of: sequence) { bytes in
            guard let (scalar, decoded) = UTF8Scalars.decode(at: 0, in: bytes.bindMemory(to: UInt8.self), limit: length), decoded == length else { return nil }
            return scalar
        }
    }

    /// The character `sequence` is in UTF-8, all of it; nil otherwise.
    static func scalar(of sequence: [UInt8]) -> UInt32? {
        sequence.withUnsafeBufferPointer { bytes in
            guard let (scalar, decoded) = UTF8Scalars.decode(at: 0, in: bytes, limit: bytes.count), decoded == bytes.count else { return nil }
            return scalar
        }
    }

    /// How much cheaper (in quarter bits) a guess must be than the next best: eight times
    /// as likely. On Fixtures/mojibake/strict-gbk.jsonl that takes 891 guesses, of which
    /// 9 are wrong (when it was measured against four times as likely, with the neighbours
    /// read from the bytes alone: 850 guesses and 8 wrong, against 900 and 17).
    static let clearlyLikelier = 12
}
