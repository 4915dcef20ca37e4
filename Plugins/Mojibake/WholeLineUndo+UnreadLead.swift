import FixTextCore

extension WholeLineUndo {
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
    /// the others. So is a character whose lead and last byte were unread, with the byte
    /// between them read. When the lead and the byte after it were both unread, the
    /// character is lost.
    static func withUnreadLead(
        at q: Int, character: Int, in buffer: UnsafeBufferPointer<UInt8>, starts: [Int], line: ArraySlice<UInt32>,
        asks: @autoclosure () -> Bool, readAs: LegacyCodec, model: LanguageModel
    ) -> (UInt32, Loss, Int)? {
        // The unread bytes: each a character of the line of its own, "?" or U+FFFD.
        func mark(at: Int) -> UInt32? {
            guard at < buffer.count, buffer[at] == question else { return nil }
            var k = character
            while starts[k + 1] <= at { k += 1 }
            return starts[k] == at ? line[line.startIndex + k] : nil
        }
        func isUnreadMark(_ at: Int) -> Bool { mark(at: at) == 0xFFFD || mark(at: at) == 0x3F }
        var unread = 0
        while unread < 2, isUnreadMark(q + unread) { unread += 1 }
        var known = 0
        while q + unread + known < buffer.count, buffer[q + unread + known] & 0xC0 == 0x80, unread + known < 4 { known += 1 }
        if readAs.questionMark == .leadAndNextByte, mark(at: q) == 0x3F {
            if unread == 1, known >= 1, known <= 2 {
                return withUnreadLeadAndNext(known: Array(buffer[(q + 1)..<(q + 1 + known)]), at: q, in: buffer, readAs: readAs, model: model)
            }
            if unread == 2, known == 0, mark(at: q + 1) == 0x3F {
                return withWholeCharacterUnread(at: q, in: buffer, asks: asks(), readAs: readAs)
            }
        }
        // A lead and a last byte both unread, with the middle byte between: "！" at a
        // line's end read as Shift-JIS is U+FFFD, ｼ, U+FFFD (EF and 81 lead no pair there).
        // Only U+FFFD is one byte for sure: ICU's "?" may stand for a pair.
        let lastUnread = unread == 1 && known == 1 && mark(at: q) == 0xFFFD && mark(at: q + 2) == 0xFFFD
        let length = unread + known + (lastUnread ? 1 : 0)
        guard unread >= 1, known >= 1, length >= 2 else { return nil }
        var sequence = SIMD4<UInt8>()
        for i in unread..<(unread + known) { sequence[i] = buffer[q + i] }
        // The unread bytes are the first (one or two), and the last when `lastUnread`.
        var unreadOffsets = SIMD4<UInt8>(0, 1, 0, 0)
        if lastUnread { unreadOffsets[unread] = UInt8(length - 1) }
        let offsets = UpToFourBytes(unreadOffsets, count: unread + (lastUnread ? 1 : 0))
        func lost() -> (UInt32, Loss, Int) {
            var shown = sequence
            for offset in offsets { shown[Int(offset)] = 0 }
            return (0xFFFD, .unreadBytes(sequence: UpToFourBytes(shown, count: length), at: offsets, guess: nil), length)
        }
        guard unread == 1 else { return lost() }
        let leads: ClosedRange<UInt8> = length == 2 ? 0xC2...0xDF : length == 3 ? 0xE0...0xEF : 0xF0...0xF4
        let previous = q > 0 ? UTF8Scalars.scalar(endingAt: q, in: buffer) : nil
        let following = q + length < buffer.count ? UTF8Scalars.scalar(at: q + length, in: buffer) : nil
        // Hangul, which the leads EA–ED make with most bytes after them, is a candidate
        // only after Hangul (or at the line's start): after 身, 밼 is no rival to ！.
        let afterHangul = previous.map(Self.isHangul) ?? true
        let inChinese = previous.map(LanguageModel.isHan) == true
        let atLineEnd = lastUnread && q + length == buffer.count
        let lasts = lastUnread ? readAs.strictlyUnread(before: q + length < buffer.count ? buffer[q + length] : nil) : 1
        var likeliest = Likeliest<(lead: UInt8, last: UInt8, scalar: UInt32)>()
        var mask = readAs.unreadLeads(before: buffer[q + 1])
        while mask != 0 {
            let lead = 0xC0 + UInt8(mask.trailingZeroBitCount)
            mask &= mask &- 1
            guard leads.contains(lead) else { continue }
            sequence[0] = lead
            var lastMask = lasts
            while lastMask != 0 {
                let last = 0x80 + UInt8(lastMask.trailingZeroBitCount)
                lastMask &= lastMask &- 1
                if lastUnread { sequence[length - 1] = last }
                // Only East Asian text is read as a double-byte encoding; its characters
                // and punctuation are the candidates, weighed in whichever language has them.
                guard let scalar = Self.scalar(of: sequence, length: length), SpanWindows.isEastAsianCharacter(scalar), !lastUnread || scalar != 0xFF1F || lasts & 0b10 == 0,
                      !atLineEnd || !Self.continuesSentence(scalar), afterHangul || !Self.isHangul(scalar)
                else { continue }
                let cost = model.lessWordBonuses(model.cheapestCost(scalar), for: scalar, after: previous, before: following).cost
                likeliest.weigh((lead, last, scalar), cost: cost)
            }
        }
        // A line's last character is weighed as ``withLostLastByte(known:missing:after:readAs:model:unseen:guesses:)``
        // weighs it: 。！？… after a Chinese character need only be twice as likely.
        guard let best = likeliest.clear(by: atLineEnd ? lastByteLikelier : clearlyLikelier),
              !atLineEnd || inChinese && Self.endsSentence(best.scalar) || likeliest.clear(by: clearlyLikelier) != nil
        else { return lost() }
        sequence[0] = best.lead
        var scalar = best.scalar
        if lastUnread {
            sequence[length - 1] = best.last
            // ！ and ？ differ in the last byte: the sentence decides between them.
            if Self.endsSentence(scalar), case let other = exclamationOrQuestion(scalar, asks: asks()),
               other != scalar, lasts & (1 << UInt64(other & 0x3F)) != 0
            {
                scalar = other
                sequence[length - 1] = UInt8(0x80 | (other & 0x3F))
            }
        }
        return (scalar, .unreadBytes(sequence: UpToFourBytes(sequence, count: length), at: offsets, guess: scalar), length)
    }
}
