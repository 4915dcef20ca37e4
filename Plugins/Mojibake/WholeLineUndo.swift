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
    /// - Parameter scratch: where the line's bytes are put together (and given back).
    init?(utf8ReadAs readAs: LegacyCodec, _ line: ArraySlice<UInt32>, model: LanguageModel, scratch: SpanScratch) {
        // Most readings tried fail at the first character beyond ASCII: it has no bytes
        // there, or they do not start a UTF-8 sequence. That is checked before anything is
        // allocated (unless a "?" or U+FFFD before it may have stood for a lead byte).
        if let first = line.firstIndex(where: { $0 >= 0x80 || $0 == 0x3F }), line[first] != 0x3F, line[first] != 0xFFFD {
            let startsUTF8 = { (packed: UInt32) in packed != 0 && (0xC2...0xF4).contains(packed >> (8 * ((packed >> 24) - 1)) & 0xFF) }
            guard startsUTF8(readAs.packedBytes(line[first])) || readAs.hasOneWayPairs && startsUTF8(readAs.otherPackedBytes(line[first]))
            else { return nil }
        }
        var bytes = SpanScratch.take(&scratch.lineBytes)
        bytes.removeAll(keepingCapacity: true)
        bytes.reserveCapacity(line.count * 2)
        // `starts[k]` is where character k of the line starts in `bytes`.
        var starts = SpanScratch.take(&scratch.lineStarts)
        starts.removeAll(keepingCapacity: true)
        starts.reserveCapacity(line.count + 1)
        defer {
            scratch.lineBytes = bytes
            scratch.lineStarts = starts
        }
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
        // Characters cut short where windows-1252's undefined bytes were dropped after the
        // misreading (see ``SpanWindows/restoringDroppedControls(at:in:model:)``).
        var cutByDroppedControls = 0
        let mayHaveDroppedControls = readAs.name == LegacyCodec.sloppyWindows1252
        for scalar in line {
            starts.append(bytes.count)
            let pendingBefore = pending
            // The character's bytes, packed as the codec keeps them (length << 24 | bytes).
            var packed: UInt32
            if scalar < 0x80 || scalar == 0xFFFD {
                // U+FFFD is only ever a "?" for lost bytes here, and stands as one.
                packed = 1 << 24 | (scalar < 0x80 ? scalar : UInt32(WholeLineUndo.question))
            } else {
                packed = readAs.packedBytes(scalar)
                guard packed != 0 else { return nil }
                multiByte = true
                // A character the decoder reads from two pairs was read from the one that
                // continues the UTF-8.
                if readAs.hasOneWayPairs, !Self.continues(packed, pending: pending) {
                    let other = readAs.otherPackedBytes(scalar)
                    if other != 0 && Self.continues(other, pending: pending) { packed = other }
                }
            }
            var shift = 8 * (packed >> 24)
            var broken = false
            while shift > 0 {
                shift -= 8
                let byte = UInt8(truncatingIfNeeded: packed >> shift)
                bytes.append(byte)
                if !broken, !Self.accept(byte, pending: &pending) { broken = true }
            }
            if broken, mayHaveDroppedControls, pendingBefore > 0, bytes[starts[starts.count - 1]] & 0xC0 != 0x80 {
                // The character before lacks bytes, and this one starts whole.
                cutByDroppedControls += 1
                pending = 0
                for byte in bytes[starts[starts.count - 1]...] {
                    guard Self.accept(byte, pending: &pending) else { return nil }
                }
                continue
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
        // Whether the "?" that ended it may have taken the start of the next character
        // with it (see ``LegacyCodec/QuestionMark/leadAndNextByte``).
        var lostThroughPair = false
        var nextGap = 0  // the next of `gaps`
        // The bytes a gap took from the character before it: a removed pair of two bytes
        // took the rest from the character after it.
        var cutBeforeGap = 0
        // The last character an unread byte left lost: with the character after it known,
        // it is weighed again between both neighbours (two unread characters side by side
        // each lack the other).
        var lostUnread: (index: Int, loss: Int, q: Int, k: Int, needed: Int)?
        let decodedAll: Bool = bytes.withUnsafeBufferPointer { buffer in
            // A character that was guessed, or lost (U+FFFD), and what was lost of it.
            func emit(_ scalar: UInt32, _ loss: Loss) {
                if scalar == 0xFFFD { lostMarks.append(replacement.count) }
                replacement.append(scalar)
                losses.append(loss)
            }
            // The script of the text decided so far, for the guesses (see
            // ``chineseScript(of:model:)``): once known, found again only as the text grows
            // by ``scriptContext`` / 2 characters, not at every guess.
            var script: TextLanguage?, scriptFoundAt = Int.min / 2
            func lineScript() -> TextLanguage? {
                let grown = replacement.count - scriptFoundAt
                if grown >= Self.scriptContext / 2 || script == nil && grown > 0 {
                    script = Self.chineseScript(of: replacement[...], model: model)
                    scriptFoundAt = replacement.count
                }
                return script
            }
            // (Called for every character: it returns at once when nothing waits.)
            @inline(__always) func retryLost(before next: UInt32) {
                guard lostUnread != nil else { return }
                retryLostCharacter(before: next)
            }
            func retryLostCharacter(before next: UInt32) {
                defer { lostUnread = nil }
                guard let lost = lostUnread, lost.index == replacement.count - 1, lost.loss == losses.count - 1, next != 0xFFFD,
                      let (scalar, loss) = Self.withUnreadByte(
                          at: lost.q, character: lost.k, lost.needed, in: buffer, starts: starts, line: line,
                          before: next, decided: replacement[..<lost.index], script: lineScript(),
                          readAs: readAs, model: model
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
                        emit(guess?.scalar ?? 0xFFFD, guess?.loss ?? .headlessCharacter(known: UpToFourBytes(buffer[q..<end])))
                        q = end
                    }
                    cutBeforeGap = 0
                    continue
                }
                let byte = buffer[q]
                if byte < 0x80 {
                    if byte == WholeLineUndo.question, readAs.isMultiByte, starts[k] == q,
                       let (scalar, loss, length) = Self.withUnreadLead(
                           at: q, character: k, in: buffer, starts: starts, line: line, asks: Self.asksQuestion(replacement), readAs: readAs, model: model
                       )
                    {
                        emit(scalar, loss)
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
                        lostThroughPair = false
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
                if q == lostThrough, lostThroughPair, byte & 0xC0 == 0x80 {
                    // The rest of a character whose lead that "?" took: lost.
                    var end = q
                    while end < buffer.count, end - q < 2, buffer[end] & 0xC0 == 0x80 { end += 1 }
                    emit(0xFFFD, .startTakenByQuestionMark(known: UpToFourBytes(buffer[q..<end])))
                    q = end
                    continue
                }
                if cutByDroppedControls > 0,
                   let (scalar, present) = SpanWindows.restoringDroppedControls(at: q, in: buffer, after: replacement.last, model: model),
                   replacement.last.map(SpanWindows.isEastAsian) == true
                    || (q + present < buffer.count ? UTF8Scalars.scalar(at: q + present, in: buffer) : nil).map(SpanWindows.isEastAsian) == true
                {
                    emit(scalar, .restoredBytes(count: 3 - present))
                    q += present
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
                    emit(guess?.scalar ?? 0xFFFD, guess?.loss ?? .truncatedCharacter(known: UpToFourBytes(known), missing: cutBeforeGap))
                    q = gapAt
                    continue
                }
                if let (scalar, loss) = Self.withUnreadByte(
                    at: q, character: k, needed, in: buffer, starts: starts, line: line, decided: replacement[...],
                    script: lineScript(), readAs: readAs, model: model
                )
                {
                    retryLost(before: scalar)
                    if scalar == 0xFFFD { lostUnread = (replacement.count, losses.count, q, k, needed) }
                    emit(scalar, loss)
                    q += needed
                    continue
                }
                // The first bytes of a character, then a "?" that stood for the rest.
                var end = q + 1
                while end < buffer.count, end - q < needed, buffer[end] & 0xC0 == 0x80 { end += 1 }
                if end == buffer.count, end - q < needed, readAs.isMultiByte {
                    // The line ends inside the character, with no mark: it was cut off there
                    // (a field too short for it), or its last bytes were in a pair read as
                    // private use and taken out since. A double-byte reading of UTF-8 leaves
                    // no character so by chance. Guessed as a "?" at the line's end is, from
                    // every continuation byte (no decoder met them); else lost.
                    let known = Array(buffer[q..<end])
                    let missing = needed - known.count
                    if let (guess, loss) = Self.withLostLastByte(known: known, missing: missing, after: replacement, readAs: readAs, model: model, unseen: true) {
                        retryLost(before: guess)
                        replacement.append(guess)
                        stretches.append((line.count, replacement.count, losses + [loss]))
                    } else {
                        lostMarks.append(replacement.count)
                        replacement.append(0xFFFD)
                        stretches.append((line.count, replacement.count, losses + [.truncatedCharacter(known: UpToFourBytes(known), missing: missing)]))
                    }
                    losses = []
                    q = end
                    continue
                }
                guard end - q < needed, end < buffer.count, buffer[end] == WholeLineUndo.question else { return false }
                var markIndex = k  // the character of the line that is the "?"
                while starts[markIndex] < end { markIndex += 1 }
                guard starts[markIndex] == end else { return false }
                let known = Array(buffer[q..<end])
                // At the end of the line the "?" stands for one byte, which the decoder met
                // with nothing after it to pair with; a strict decoder's two U+FFFD there, for
                // two bytes.
                let missing = needed - known.count
                let marks = missing == 2 && end + 2 == buffer.count && line[base + markIndex] == 0xFFFD
                    && markIndex + 1 < line.count && line[base + markIndex + 1] == 0xFFFD ? 2 : 1
                if end + marks == buffer.count, missing == marks,
                   let (guess, loss) = Self.withLostLastByte(known: known, missing: missing, after: replacement, readAs: readAs, model: model)
                {
                    retryLost(before: guess)
                    replacement.append(guess)
                    stretches.append((markIndex + marks, replacement.count, losses + [loss]))
                    losses = []
                    q = end + marks
                    continue
                } else {
                    lostMarks.append(replacement.count)
                    replacement.append(0xFFFD)
                    stretches.append((markIndex + 1, replacement.count, losses + [.truncatedCharacter(known: UpToFourBytes(known), missing: needed - known.count)]))
                }
                losses = []
                q = end + 1
                lostThrough = q
                lostThroughPair = line[base + markIndex] == 0x3F && readAs.questionMark == .leadAndNextByte
            }
            return true
        }
        guard decodedAll else { return nil }
        if stretches.last?.lineEnd != line.count { stretches.append((line.count, replacement.count, losses)) }
    }

    /// Whether the bytes `packed` (as the codec keeps them) can come next in UTF-8 that
    /// still needs `pending` continuation bytes.
    private static func continues(_ packed: UInt32, pending: Int) -> Bool {
        var pending = pending
        var shift = 8 * (packed >> 24)
        while shift > 0 {
            shift -= 8
            guard accept(UInt8(truncatingIfNeeded: packed >> shift), pending: &pending) else { return false }
        }
        return true
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
    /// one for every four characters beyond ASCII (at least four): clean text read back
    /// so breaks at nearly every character.
    private static func gapsAllowed(in line: ArraySlice<UInt32>, readAs: LegacyCodec) -> Int {
        guard readAs.readsUserDefinedAsPrivateUse else { return 0 }
        var beyondASCII = 0
        for scalar in line where scalar >= 0x80 {
            if (0xE000...0xF8FF).contains(scalar) { return 0 }
            beyondASCII += 1
        }
        return beyondASCII < 4 ? 0 : max(1, beyondASCII / 4)
    }

    static let question = UInt8(ascii: "?")

    /// Whether `bytes` are valid UTF-8 with at least one character beyond ASCII.
    static func isUTF8(_ bytes: [UInt8]) -> Bool {
        bytes.contains { $0 >= 0x80 } && bytes.withUnsafeBufferPointer { UTF8Scalars.scalars(ofValid: $0) } != nil
    }
}
