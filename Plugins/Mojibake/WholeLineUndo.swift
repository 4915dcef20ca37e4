import FixTextCore

/// One misreading undone over a whole line: its characters encoded back to the bytes they
/// were read from, and those bytes decoded as what they really were.
struct WholeLineUndo {
    var replacement: [UInt32] = []
    /// Where each repair of the line ends: after each "?" that stood for the rest of a
    /// character, and at the end of the line; with what was lost or guessed in it.
    var stretches: [(lineEnd: Int, replacementEnd: Int, losses: [Loss])] = []
    /// The U+FFFD in `replacement` that mark lost characters, by offset.
    var lostMarks: [Int] = []

    /// UTF-8 read as `readAs`: nil unless every character has bytes there and they are
    /// UTF-8 throughout, but for a character cut short before a "?" (or a U+FFFD), which
    /// a Windows decoder wrote for its last bytes.
    init?(utf8ReadAs readAs: LegacyCodec, _ line: ArraySlice<UInt32>, model: LanguageModel) {
        // Most readings tried fail at the first character beyond ASCII: it has no bytes
        // there, or they do not start a UTF-8 sequence. That is checked before anything is
        // allocated (unless a "?" or U+FFFD before it may have stood for a lead byte).
        if let first = line.firstIndex(where: { $0 >= 0x80 || $0 == 0x3F }), line[first] != 0x3F, line[first] != 0xFFFD {
            let packed = readAs.packedBytes(line[first])
            guard packed != 0, (0xC2...0xF4).contains(packed >> (8 * ((packed >> 24) - 1)) & 0xFF) else { return nil }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(line.count * 2)
        // `starts[k]` is where character k of the line starts in `bytes`.
        var starts: [Int] = []
        starts.reserveCapacity(line.count + 1)
        var multiByte = false
        // Continuation bytes the UTF-8 so far still needs; -1 after a "?", which may have
        // stood for one of them or for the rest of a character. Most lines that are no
        // such misreading break the rules within a few characters, and are let go there.
        var pending = 0
        // Where a pair windows-936 read as private use was removed afterwards, as text
        // cleaners do: the characters that pair was part of break off there (see
        // ``gapsAllowed(in:readAs:)``). The characters of the line at whose start one was.
        var gaps: [Int] = []
        let maximumGaps = Self.gapsAllowed(in: line, readAs: readAs)
        for scalar in line {
            starts.append(bytes.count)
            let pendingBefore = pending
            // The character's bytes, packed as the codec keeps them (length << 24 | bytes).
            let packed: UInt32
            if scalar < 0x80 || scalar == 0xFFFD {
                // U+FFFD is only ever a "?" for lost bytes here, and stands as one.
                packed = 1 << 24 | (scalar < 0x80 ? scalar : UInt32(WholeLineUndo.question))
            } else {
                packed = readAs.packedBytes(scalar)
                guard packed != 0 else { return nil }
                multiByte = true
            }
            var shift = 8 * (packed >> 24)
            var broken = false
            while shift > 0 {
                shift -= 8
                let byte = UInt8(truncatingIfNeeded: packed >> shift)
                bytes.append(byte)
                if !broken, !Self.accept(byte, pending: &pending) { broken = true }
            }
            if broken {
                // A gap before this character: what came before it was cut short, and
                // continuation bytes at its start belong to a character whose lead is gone.
                guard gaps.count < maximumGaps, pendingBefore >= 0 else { return nil }
                gaps.append(starts.count - 1)
                pending = 0
                var stray = true
                for byte in bytes[starts[starts.count - 1]...] {
                    if stray && byte & 0xC0 == 0x80 { continue }
                    stray = false
                    guard Self.accept(byte, pending: &pending) else { return nil }
                }
            }
        }
        guard multiByte else { return nil }
        starts.append(bytes.count)
        replacement.reserveCapacity(line.count)
        let base = line.startIndex
        var k = 0  // the character of the line at or before byte q
        var q = 0
        var losses: [Loss] = []
        var lostThrough = -1  // where the last character cut short ended
        var nextGap = 0  // the next of `gaps`
        // The bytes a gap took from the character before it: a removed pair of two bytes
        // took the rest from the character after it.
        var cutBeforeGap = 0
        // The last character an unread byte left lost: with the character after it known,
        // it is weighed again between both neighbours (two unread characters side by side
        // each lack the other).
        var lostUnread: (index: Int, loss: Int, q: Int, k: Int, needed: Int)?
        let decodedAll: Bool = bytes.withUnsafeBufferPointer { buffer in
            func retryLost(before next: UInt32) {
                defer { lostUnread = nil }
                guard let lost = lostUnread, lost.index == replacement.count - 1, lost.loss == losses.count - 1, next != 0xFFFD,
                      let (scalar, loss) = Self.withUnreadByte(
                          at: lost.q, character: lost.k, lost.needed, in: buffer, starts: starts, line: line,
                          after: lost.index > 0 ? replacement[lost.index - 1] : nil, before: next, readAs: readAs, model: model
                      ),
                      scalar != 0xFFFD
                else { return }
                replacement[lost.index] = scalar
                losses[lost.loss] = loss
                lostMarks.removeAll { $0 == lost.index }
            }
            while q < buffer.count {
                while starts[k + 1] <= q { k += 1 }
                // No character reads across a gap. (One that a "?" or an unread byte took
                // in with it is behind.)
                while nextGap < gaps.count, starts[gaps[nextGap]] < q { nextGap += 1 }
                let gapAt = nextGap < gaps.count ? starts[gaps[nextGap]] : buffer.count
                if q == gapAt {
                    nextGap += 1
                    var end = q
                    while end < buffer.count, end - q < 3, buffer[end] & 0xC0 == 0x80 { end += 1 }
                    if end > q {
                        // Its lead was the second byte of the removed pair.
                        let nextGapAt = nextGap < gaps.count ? starts[gaps[nextGap]] : buffer.count
                        let following = end < nextGapAt ? UTF8Scalars.decode(at: end, in: buffer, limit: nextGapAt)?.scalar : nil
                        let guess = cutBeforeGap == 1
                            ? Self.removedPairGuess(known: Array(buffer[q..<end]), missingFirst: true, after: replacement.last, before: following, model: model)
                            : nil
                        if guess == nil { lostMarks.append(replacement.count) }
                        replacement.append(guess?.scalar ?? 0xFFFD)
                        losses.append(guess?.loss ?? .headlessCharacter(known: Array(buffer[q..<end])))
                        q = end
                    }
                    cutBeforeGap = 0
                    continue
                }
                let byte = buffer[q]
                if byte < 0x80 {
                    if byte == WholeLineUndo.question, readAs.isMultiByte, starts[k] == q,
                       let (scalar, loss, length) = Self.withUnreadLead(at: q, character: k, in: buffer, starts: starts, line: line, readAs: readAs, model: model)
                    {
                        if scalar == 0xFFFD { lostMarks.append(replacement.count) }
                        replacement.append(scalar)
                        losses.append(loss)
                        q += length
                        continue
                    }
                    if starts[k] == q, line[base + k] == 0xFFFD {
                        // A U+FFFD right after a character cut short is another of its bytes
                        // that a strict decoder could not read; any other is no text of this
                        // misreading.
                        guard q == lostThrough else { return false }
                        q += 1
                        lostThrough = q
                        continue
                    }
                    replacement.append(UInt32(byte))
                    q += 1
                    continue
                }
                if let (scalar, length) = UTF8Scalars.decode(at: q, in: buffer, limit: gapAt) {
                    retryLost(before: scalar)
                    replacement.append(scalar)
                    q += length
                    continue
                }
                let needed = UTF8Boundaries.sequenceLength(lead: byte)
                guard needed > 1 else { return false }
                if gapAt < buffer.count, q + needed > gapAt {
                    // The first bytes of a character, then the gap: its last byte was the
                    // first of the removed pair.
                    let known = Array(buffer[q..<gapAt])
                    cutBeforeGap = needed - known.count
                    let guess = cutBeforeGap == 1
                        ? Self.removedPairGuess(known: known, missingFirst: false, after: replacement.last, before: nil, model: model)
                        : nil
                    if guess == nil { lostMarks.append(replacement.count) }
                    replacement.append(guess?.scalar ?? 0xFFFD)
                    losses.append(guess?.loss ?? .truncatedCharacter(known: known, missing: cutBeforeGap))
                    q = gapAt
                    continue
                }
                if let (scalar, loss) = Self.withUnreadByte(
                    at: q, character: k, needed, in: buffer, starts: starts, line: line, after: replacement.last, readAs: readAs, model: model
                )
                {
                    retryLost(before: scalar)
                    if scalar == 0xFFFD {
                        lostMarks.append(replacement.count)
                        lostUnread = (replacement.count, losses.count, q, k, needed)
                    }
                    replacement.append(scalar)
                    losses.append(loss)
                    q += needed
                    continue
                }
                // The first bytes of a character, then a "?" that stood for the rest.
                var end = q + 1
                while end < buffer.count, end - q < needed, buffer[end] & 0xC0 == 0x80 { end += 1 }
                guard end - q < needed, end < buffer.count, buffer[end] == WholeLineUndo.question else { return false }
                var question = k
                while starts[question] < end { question += 1 }
                guard starts[question] == end else { return false }
                let loss = Loss.truncatedCharacter(known: Array(buffer[q..<end]), missing: needed - (end - q))
                lostMarks.append(replacement.count)
                replacement.append(0xFFFD)
                stretches.append((question + 1, replacement.count, losses + [loss]))
                losses = []
                q = end + 1
                lostThrough = q
            }
            return true
        }
        guard decodedAll else { return nil }
        if stretches.last?.lineEnd != line.count { stretches.append((line.count, replacement.count, losses)) }
    }

    /// The character one byte of which was in a pair that windows-936 read as private use
    /// and that was then taken out: `known` are its other bytes, the missing one first
    /// (`missingFirst`, the pair's second byte, a lead) or last (the pair's first byte: of
    /// the user-defined rows, AA–AF are the ones whose pairs end in a lead). Taken when it
    /// is far likelier than every other between its neighbours; nil otherwise.
    private static func removedPairGuess(known: [UInt8], missingFirst: Bool, after previous: UInt32?, before following: UInt32?, model: LanguageModel) -> (scalar: UInt32, loss: Loss)? {
        let length = known.count + 1
        guard length >= 2, length <= 4 else { return nil }
        let choices: [ClosedRange<UInt8>] = missingFirst
            ? [length == 2 ? 0xC2...0xDF : length == 3 ? 0xE0...0xEF : 0xF0...0xF4]
            : [0xAA...0xAF]
        var likeliest = Likeliest<(byte: UInt8, scalar: UInt32)>()
        var sequence = missingFirst ? [0] + known : known + [0]
        let at = missingFirst ? 0 : known.count
        for range in choices {
            for byte in range {
                sequence[at] = byte
                guard let (scalar, decoded) = sequence.withUnsafeBufferPointer({ UTF8Scalars.decode(at: 0, in: $0, limit: length) }),
                      decoded == length, SpanWindows.isEastAsian(scalar), !(0xE000...0xF8FF).contains(scalar)
                else { continue }
                var cost = min(model.cost(scalar, in: .simplifiedChinese), model.cost(scalar, in: .traditionalChinese))
                if LanguageModel.isHan(scalar) {
                    if let previous, LanguageModel.isHan(previous), model.isKnownChineseBigram(previous, scalar) { cost -= model.bigramBonus }
                    if let following, LanguageModel.isHan(following), model.isKnownChineseBigram(scalar, following) { cost -= model.bigramBonus }
                }
                likeliest.weigh((byte, scalar), cost: cost)
            }
        }
        guard let best = likeliest.clear(by: clearlyLikelier) else { return nil }
        sequence[at] = best.byte
        return (best.scalar, .removedPairGuess(sequence: sequence, at: at, guess: best.scalar))
    }

    /// Takes `byte` into the UTF-8 being checked, with `pending` the continuation bytes
    /// still needed (-1 after a "?"); false if it cannot come here.
    @inline(__always)
    private static func accept(_ byte: UInt8, pending: inout Int) -> Bool {
        if byte == WholeLineUndo.question {
            pending = -1
        } else if byte & 0xC0 == 0x80 {
            guard pending != 0 else { return false }
            if pending > 0 { pending -= 1 }
        } else {
            // ASCII or a lead byte: the character before must be complete.
            let length = UTF8Boundaries.sequenceLength(lead: byte)
            guard pending <= 0, byte < 0x80 || length > 1 else { return false }
            pending = length - 1
        }
        return true
    }

    /// How many gaps a line read as `readAs` may have: places where a pair that windows-936
    /// read as private use (its user-defined rows, which UTF-8 reaches in AA–AF before A1–FE,
    /// as in 第一 and 个窗) was taken out of the text afterwards, as text cleaners take out
    /// private use. Only in text read as windows-936 that has no private use left, and
    /// one for every six characters beyond ASCII (one in four or five): clean text read
    /// back so breaks at nearly every character.
    private static func gapsAllowed(in line: ArraySlice<UInt32>, readAs: LegacyCodec) -> Int {
        guard readAs.name == "windows-936-2000" else { return 0 }
        var beyondASCII = 0
        for scalar in line where scalar >= 0x80 {
            if (0xE000...0xF8FF).contains(scalar) { return 0 }
            beyondASCII += 1
        }
        return beyondASCII < 4 ? 0 : max(1, beyondASCII / 4)
    }

    /// The character whose UTF-8 sequence starts at `q` and has one or two bytes that a
    /// strict decoder wrote as U+FFFD, with how it was found; nil when the sequence has no
    /// such byte in its middle. (Strict windows-1252 decoders do the same for its five
    /// undefined bytes, which need no byte after them to be told apart.)
    ///
    /// Strict GBK decoders (Python's and Java's `gbk`; Windows reads 80 as €) write U+FFFD
    /// for a byte they cannot read alone and go on with the next. Before a byte above ASCII
    /// that is 80, or the lead of a pair they have no character for: GBK's user-defined
    /// rows (which Windows reads as private use) and its few unassigned pairs. UTF-8 has
    /// those bytes inside 一, 。, 家 and many more, so text read so is full of them. Of the
    /// characters they can make, the one far likelier than the others is taken, and
    /// reported as a guess; when none stands out, the character is lost.
    private static func withUnreadByte(
        at q: Int, character: Int, _ needed: Int, in buffer: UnsafeBufferPointer<UInt8>, starts: [Int], line: ArraySlice<UInt32>,
        after decided: UInt32?, before decidedNext: UInt32? = nil, readAs: LegacyCodec, model: LanguageModel
    ) -> (UInt32, Loss)? {
        guard q + needed <= buffer.count else { return nil }
        // The offsets in the sequence of its unread bytes: one or two.
        var first = -1, second = -1
        var k = character  // the character of the line at byte b
        for b in (q + 1)..<(q + needed) where buffer[b] == question {
            while starts[k + 1] <= b { k += 1 }
            guard starts[k] == b, line[line.startIndex + k] == 0xFFFD || (readAs.questionMarkIsOneByte && line[line.startIndex + k] == 0x3F) else { return nil }
            // (A byte before ASCII may also be the lead of a pair that the ASCII cut short;
            // at the end of the line what came after is unknown: either is a character cut
            // short.)
            if readAs.isMultiByte {
                guard b + 1 < buffer.count, buffer[b + 1] >= 0x80 || (buffer[b + 1] == question && b + 1 < q + needed) else { return nil }
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
        let previous = decided.flatMap { $0 == 0xFFFD ? nil : $0 } ?? (q > 0 ? UTF8Scalars.scalar(endingAt: q, in: buffer) : nil)
        let following = decidedNext ?? (q + needed < buffer.count ? UTF8Scalars.scalar(at: q + needed, in: buffer) : nil)
        var likeliest = Likeliest<(sequence: SIMD4<UInt8>, scalar: UInt32)>()
        func weigh(_ x: UInt8, _ y: UInt8) {
            sequence[first] = x
            if second >= 0 { sequence[second] = y }
            guard let (scalar, length) = withUnsafeBytes(of: sequence, { UTF8Scalars.decode(at: 0, in: $0.bindMemory(to: UInt8.self), limit: needed) }),
                  length == needed
            else { return }
            // Text read as GBK or Big5 is Chinese, and weighed as such; otherwise in any
            // language (Shift-JIS and EUC-KR readings are of Japanese and Korean too).
            var cost = readAs.isChinese
                ? min(model.cost(scalar, in: .simplifiedChinese), model.cost(scalar, in: .traditionalChinese))
                : model.cheapestCost(scalar)
            // Known words with its neighbours take off up to twice the bonus; a character
            // that cannot come within the margin of the best so far even so is no rival,
            // and its words need not be looked up.
            if LanguageModel.isHan(scalar), likeliest.best.map({ cost - 2 * model.bigramBonus < $0.cost + clearlyLikelier }) ?? true {
                if let previous, LanguageModel.isHan(previous), model.isKnownChineseBigram(previous, scalar) { cost -= model.bigramBonus }
                if let following, LanguageModel.isHan(following), model.isKnownChineseBigram(scalar, following) { cost -= model.bigramBonus }
            }
            likeliest.weigh((sequence, scalar), cost: cost)
        }
        let lastChoices = readAs.strictlyUnread(before: after)
        if second < 0 {
            Self.forEachByte(in: lastChoices) { weigh($0, 0) }
        } else if second == first + 1 {
            Self.forEachByte(in: lastChoices) { y in Self.forEachByte(in: readAs.strictlyUnread(before: y)) { x in weigh(x, y) } }
        } else {
            Self.forEachByte(in: readAs.strictlyUnread(before: sequence[first + 1])) { x in Self.forEachByte(in: lastChoices) { y in weigh(x, y) } }
        }
        let offsets = second >= 0 ? [first, second] : [first]
        // Outside Chinese the model knows too little of which symbol or letter is likelier
        // (”, ‐ and the joiners all end in one of windows-1252's undefined bytes): there a
        // strict windows-1252 decoder's U+FFFD stays a lost character, as ftfy leaves it.
        // Full-width punctuation right after a Chinese character is Chinese (！ is EF BC 81).
        let chinesePunctuation = { (scalar: UInt32) in
            (0xFF01...0xFF5E).contains(scalar) && previous.map(LanguageModel.isHan) == true
        }
        guard let best = likeliest.clear(by: clearlyLikelier),
              readAs.isMultiByte || LanguageModel.isHan(best.scalar) || chinesePunctuation(best.scalar)
        else {
            sequence[first] = 0
            if second >= 0 { sequence[second] = 0 }
            return (0xFFFD, .unreadBytes(sequence: (0..<needed).map { sequence[$0] }, at: offsets, guess: nil))
        }
        return (best.scalar, .unreadBytes(sequence: (0..<needed).map { best.sequence[$0] }, at: offsets, guess: best.scalar))
    }

    /// The character whose UTF-8 sequence starts at `q` with bytes a double-byte decoder
    /// could not read (each written as U+FFFD, or as "?" by ICU's), followed by the rest
    /// of its bytes, with how it was found and how many bytes it takes; nil when no
    /// continuation bytes follow.
    ///
    /// Such a decoder cannot read a byte that leads no pair with the byte after it, and
    /// goes on with that byte. Shift-JIS has no pair EF BC, and UTF-8 starts "，" and the
    /// other full-width forms with those bytes; Big5 has no pair E4 80. One unread lead
    /// is one of the few that the decoder cannot read before the byte that follows, and
    /// the character the likeliest of them makes is taken when it is far likelier than
    /// the others. When the lead and a byte after it were both unread, the character is
    /// lost.
    private static func withUnreadLead(
        at q: Int, character: Int, in buffer: UnsafeBufferPointer<UInt8>, starts: [Int], line: ArraySlice<UInt32>,
        readAs: LegacyCodec, model: LanguageModel
    ) -> (UInt32, Loss, Int)? {
        // The unread bytes: each a character of the line of its own, "?" or U+FFFD.
        var unread = 0
        var k = character
        while q + unread < buffer.count, buffer[q + unread] == question, unread < 2 {
            while starts[k + 1] <= q + unread { k += 1 }
            guard starts[k] == q + unread, line[line.startIndex + k] == 0xFFFD || line[line.startIndex + k] == 0x3F else { break }
            unread += 1
        }
        var known = 0
        while q + unread + known < buffer.count, buffer[q + unread + known] & 0xC0 == 0x80, unread + known < 4 { known += 1 }
        let length = unread + known
        guard unread >= 1, known >= 1, length >= 2 else { return nil }
        var sequence = SIMD4<UInt8>()
        for i in unread..<length { sequence[i] = buffer[q + i] }
        let offsets = Array(0..<unread)
        guard unread == 1 else {
            return (0xFFFD, .unreadBytes(sequence: (0..<length).map { sequence[$0] }, at: offsets, guess: nil), length)
        }
        let leads: ClosedRange<UInt8> = length == 2 ? 0xC2...0xDF : length == 3 ? 0xE0...0xEF : 0xF0...0xF4
        let previous = q > 0 ? UTF8Scalars.scalar(endingAt: q, in: buffer) : nil
        let following = q + length < buffer.count ? UTF8Scalars.scalar(at: q + length, in: buffer) : nil
        var likeliest = Likeliest<(lead: UInt8, scalar: UInt32)>()
        var mask = readAs.unreadLeads(before: buffer[q + 1])
        while mask != 0 {
            let lead = 0xC0 + UInt8(mask.trailingZeroBitCount)
            mask &= mask &- 1
            guard leads.contains(lead) else { continue }
            sequence[0] = lead
            // Only East Asian text is read as a double-byte encoding; its characters and
            // punctuation are the candidates, weighed in whichever language has them.
            guard let (scalar, decodedLength) = withUnsafeBytes(of: sequence, { UTF8Scalars.decode(at: 0, in: $0.bindMemory(to: UInt8.self), limit: length) }),
                  decodedLength == length, SpanWindows.isEastAsian(scalar), !(0xE000...0xF8FF).contains(scalar)
            else { continue }
            var cost = model.cheapestCost(scalar)
            if LanguageModel.isHan(scalar) {
                if let previous, LanguageModel.isHan(previous), model.isKnownChineseBigram(previous, scalar) { cost -= model.bigramBonus }
                if let following, LanguageModel.isHan(following), model.isKnownChineseBigram(scalar, following) { cost -= model.bigramBonus }
            }
            likeliest.weigh((lead, scalar), cost: cost)
        }
        guard let best = likeliest.clear(by: clearlyLikelier) else {
            sequence[0] = 0
            return (0xFFFD, .unreadBytes(sequence: (0..<length).map { sequence[$0] }, at: offsets, guess: nil), length)
        }
        sequence[0] = best.lead
        return (best.scalar, .unreadBytes(sequence: (0..<length).map { sequence[$0] }, at: offsets, guess: best.scalar), length)
    }

    /// Calls `body` with 80 + n for each bit n set in `mask`.
    @inline(__always)
    private static func forEachByte(in mask: UInt64, _ body: (UInt8) -> Void) {
        var rest = mask
        while rest != 0 {
            body(0x80 + UInt8(rest.trailingZeroBitCount))
            rest &= rest &- 1
        }
    }

    /// How much cheaper (in quarter bits) a guess must be than the next best: eight times
    /// as likely. On Fixtures/mojibake/strict-gbk.jsonl that takes about 850 guesses, of
    /// which 8 are wrong; at four times, 17 of 900.
    static let clearlyLikelier = 12

    /// Double-byte text (GBK, Big5, EUC-KR, Shift-JIS) read as a single-byte encoding:
    /// nil unless every character has its byte there and the bytes decode as `actual`
    /// throughout, and are not UTF-8 (which another misreading explains).
    init?(legacy actual: LegacyCodec, readAs: LegacyCodec, _ line: ArraySlice<UInt32>) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(line.count)
        for scalar in line {
            guard readAs.encode(scalar, into: &bytes) else { return nil }
        }
        // Bytes that are UTF-8 (all of them, or most in long sequences) are likelier UTF-8
        // read as something else: "Ă®nceĹŁ" read back from windows-1250 is UTF-8 for
        // "înceţ", not GBK for "卯nce牛"; the span-by-span search weighs the two.
        guard !RunBytes.isMostlyUTF8(bytes), !Self.isUTF8(bytes) else { return nil }
        replacement.reserveCapacity(line.count)
        var q = 0
        while q < bytes.count {
            guard let (scalar, length) = actual.decode(at: q, in: bytes) else { return nil }
            // A pair ending in an ASCII byte is a rare extension of GBK or EUC-KR, or a
            // letter of the text around: the span-by-span search weighs those.
            if length == 2, bytes[q + 1] < 0x80, actual.hasHighPairs { return nil }
            replacement.append(scalar)
            q += length
        }
        stretches.append((line.count, replacement.count, []))
    }

    static let question = UInt8(ascii: "?")

    /// Whether `bytes` are valid UTF-8 with at least one character beyond ASCII.
    static func isUTF8(_ bytes: [UInt8]) -> Bool {
        bytes.contains { $0 >= 0x80 } && bytes.withUnsafeBufferPointer { UTF8Scalars.scalars(ofValid: $0) } != nil
    }

    /// Whether nothing was lost or guessed.
    var isLossless: Bool { stretches.allSatisfy { $0.losses.isEmpty } }

    /// Whether the change is more than one character, and of the kind the misreading
    /// makes: UTF-8 read as a double-byte encoding gives East Asian characters, and
    /// double-byte text read as windows-1252 Latin letter soup.
    func isEnoughEvidence(against line: ArraySlice<UInt32>, actualIsUTF8: Bool) -> Bool {
        guard replacement.count(where: { $0 >= 0x80 && $0 != 0xFFFD }) >= 2 else { return false }
        if actualIsUTF8 {
            var nonASCII = 0, eastAsian = 0
            for scalar in line where scalar >= 0x80 {
                nonASCII += 1
                if SpanWindows.isEastAsian(scalar) { eastAsian += 1 }
            }
            // A single-byte reading makes no East Asian characters; a double-byte one makes
            // little else.
            return eastAsian == 0 || eastAsian * 2 >= nonASCII
        }
        return line.contains { (0xC0...0x24F).contains($0) && $0 != 0xD7 && $0 != 0xF7 }
    }

    /// Whether the result is free of what mix-ups make (Ã© shapes, C1 controls, private
    /// use, box drawing), but for the marks of lost characters; and has no letter of an
    /// alphabet right beside an East Asian character, which clean text beside the
    /// mojibake would have become (一 read back from GBK as UTF-8 is һ).
    func hasNoMixUpShape(evidence: Evidence) -> Bool {
        guard Evidence.isPlausibleText(replacement[...], allowingReplacementCharacters: !lostMarks.isEmpty) else { return false }
        var previous = Evidence.Script.neutral
        var previousIsHighLetter = false
        for scalar in replacement {
            // Han, most of what comes back, without the script's range tests.
            if scalar >= 0x3400 && scalar < 0xA000 {
                if previousIsHighLetter { return false }
                previous = .eastAsian
                continue
            }
            let script = Evidence.Script(scalar)
            let isHighLetter = script == .alphabetic && scalar >= 0x80
            if (isHighLetter && previous == .eastAsian) || (script == .eastAsian && previousIsHighLetter) { return false }
            previous = script
            previousIsHighLetter = isHighLetter
        }
        let marks = lostMarks.count
        return evidence.penalty(replacement[...]) == marks * Evidence.penalty(for: 0xFFFD)
    }
}
