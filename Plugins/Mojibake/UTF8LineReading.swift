import FixTextCore

/// A line's bytes, once encoded back from the misreading, read as UTF-8: what
/// ``WholeLineUndo/init(utf8ReadAs:_:model:scratch:)`` makes of them, character by
/// character, with every "?", unread byte, gap and cut-off end that the decoder left.
///
/// Its state is a struct's, changed by mutating methods: kept in local variables that
/// nested functions captured, every access to it was checked at run time for
/// exclusivity, which cost a tenth of reading a line garbled whole.
struct UTF8LineReading {
    let line: ArraySlice<UInt32>
    /// `starts[k]` is where character k of the line starts in the bytes; then their end.
    let starts: [Int]
    /// The characters of the line at whose start a pair read as private use was removed
    /// (see ``WholeLineUndo``).
    let gaps: [Int]
    /// Whether characters were cut short where bytes were dropped: windows-1252's undefined
    /// ones after the misreading, or what a strict decoder ignoring errors could not read.
    private let restoresDroppedControls: Bool, restoresDroppedUnread: Bool
    let readAs: LegacyCodec
    let model: LanguageModel
    let guesses: GuessCache

    /// What ``read(_:)`` made of the line (see ``WholeLineUndo``).
    private(set) var replacement: [UInt32] = []
    private(set) var stretches: [(lineEnd: Int, replacementEnd: Int, losses: [Loss])] = []
    private(set) var lostMarks: [Int] = []
    /// What was lost or guessed since the last stretch ended.
    private var losses: [Loss] = []

    private var q = 0
    /// The character of the line at or before byte `q`.
    private var k = 0
    /// Where the last character cut short ended.
    private var lostThrough = -1
    /// Whether the "?" that ended it may have taken the start of the next character
    /// with it (see ``LegacyCodec/QuestionMark/leadAndNextByte``).
    private var lostThroughPair = false
    /// The next of `gaps`.
    private var nextGap = 0
    /// The bytes a gap took from the character before it: a removed pair of two bytes
    /// took the rest from the character after it.
    private var cutBeforeGap = 0
    /// The character after the gap, when it was guessed with the one before it.
    private var guessedAfterGap: (scalar: UInt32, loss: Loss)?
    /// The character after a "?" that took its lead, when it was guessed with the one
    /// before it.
    private var guessedAfterUnread: (scalar: UInt32, loss: Loss)?
    /// The last character an unread byte left lost: with the character after it known,
    /// it is weighed again between both neighbours (two unread characters side by side
    /// each lack the other).
    private var lostUnread: (index: Int, loss: Int, q: Int, k: Int, needed: Int)?
    /// The script of the text decided so far, for the guesses (see
    /// ``WholeLineUndo/chineseScript(of:model:)``): once known, found again only as the
    /// text grows by ``WholeLineUndo/scriptContext`` / 2 characters, not at every guess.
    private var script: TextLanguage?
    private var scriptFoundAt = Int.min / 2

    init(line: ArraySlice<UInt32>, starts: [Int], gaps: [Int], cutByDroppedBytes: Int, readAs: LegacyCodec, model: LanguageModel, guesses: GuessCache) {
        self.line = line
        self.starts = starts
        self.gaps = gaps
        restoresDroppedControls = cutByDroppedBytes > 0 && !readAs.dropsUnreadBytesWhenIgnoring
        restoresDroppedUnread = cutByDroppedBytes > 0 && readAs.dropsUnreadBytesWhenIgnoring
        self.readAs = readAs
        self.model = model
        self.guesses = guesses
        replacement.reserveCapacity(line.count)
    }

    /// A character that was guessed, or lost (U+FFFD), and what was lost of it.
    private mutating func emit(_ scalar: UInt32, _ loss: Loss) {
        if scalar == 0xFFFD { lostMarks.append(replacement.count) }
        replacement.append(scalar)
        losses.append(loss)
    }

    private mutating func lineScript() -> TextLanguage? {
        let grown = replacement.count - scriptFoundAt
        if grown >= WholeLineUndo.scriptContext / 2 || script == nil && grown > 0 {
            script = WholeLineUndo.chineseScript(of: replacement[...], model: model)
            scriptFoundAt = replacement.count
        }
        return script
    }

    /// (Called for every character: it returns at once when nothing waits.)
    @inline(__always)
    private mutating func retryLost(before next: UInt32, in buffer: UnsafeBufferPointer<UInt8>) {
        guard lostUnread != nil else { return }
        retryLostCharacter(before: next, in: buffer)
    }

    private mutating func retryLostCharacter(before next: UInt32, in buffer: UnsafeBufferPointer<UInt8>) {
        defer { lostUnread = nil }
        guard let lost = lostUnread, lost.index == replacement.count - 1, lost.loss == losses.count - 1, next != 0xFFFD else { return }
        let script = lineScript()
        guard let (scalar, loss) = WholeLineUndo.withUnreadByte(
                  at: lost.q, character: lost.k, lost.needed, in: buffer, starts: starts, line: line,
                  before: next, decided: replacement[..<lost.index], script: script,
                  readAs: readAs, model: model, guesses: guesses
              ),
              scalar != 0xFFFD
        else { return }
        replacement[lost.index] = scalar
        losses[lost.loss] = loss
        lostMarks.removeAll { $0 == lost.index }
    }

    /// Reads `buffer`, the line's bytes, to the last stretch; false when they are no
    /// UTF-8 this misreading could have left.
    mutating func read(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        let base = line.startIndex
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
                    let guess = cutBeforeGap != 1 ? nil : guessedAfterGap
                        ?? WholeLineUndo.removedPairGuess(known: Array(buffer[q..<end]), missingFirst: true, after: replacement.last, before: following, model: model)
                    emit(guess?.scalar ?? 0xFFFD, guess?.loss ?? .headlessCharacter(known: UpToFourBytes(buffer[q..<end])))
                    q = end
                }
                cutBeforeGap = 0
                guessedAfterGap = nil
                continue
            }
            let byte = buffer[q]
            if byte < 0x80 {
                if byte == WholeLineUndo.question, readAs.isMultiByte, starts[k] == q,
                   let (scalar, loss, length) = WholeLineUndo.withUnreadLead(
                       at: q, character: k, in: buffer, starts: starts, line: line, asks: WholeLineUndo.asksQuestion(replacement),
                       readAs: readAs, model: model
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
                retryLost(before: scalar, in: buffer)
                replacement.append(scalar)
                q += length
                continue
            }
            if q == lostThrough, lostThroughPair, byte & 0xC0 == 0x80 {
                // The rest of a character whose lead that "?" took: lost.
                var end = q
                while end < buffer.count, end - q < 2, buffer[end] & 0xC0 == 0x80 { end += 1 }
                if let guessed = guessedAfterUnread {
                    emit(guessed.scalar, guessed.loss)
                    guessedAfterUnread = nil
                } else {
                    emit(0xFFFD, .startTakenByQuestionMark(known: UpToFourBytes(buffer[q..<end])))
                }
                q = end
                continue
            }
            if restoresDroppedControls, let scalar = SpanWindows.spaceAsNoBreakSpace(at: q, in: buffer) {
                // The space after the character's first bytes was its last, A0.
                retryLost(before: scalar, in: buffer)
                replacement.append(scalar)
                q += 3
                continue
            }
            if restoresDroppedControls,
               let (scalar, present) = SpanWindows.restoringDroppedControls(at: q, in: buffer, after: replacement.last, model: model),
               replacement.last.map(SpanWindows.isEastAsian) == true
                || (q + present < buffer.count ? UTF8Scalars.scalar(at: q + present, in: buffer) : nil).map(SpanWindows.isEastAsian) == true
                // (or the lead of a CJK character cut short too: 保持 with both last bytes dropped)
                || q + present < buffer.count && (0xE3...0xE9).contains(buffer[q + present])
            {
                emit(scalar, .restoredBytes(count: 3 - present))
                q += present
                continue
            }
            if byte == 0xC2, q + 1 < buffer.count ? restoresDroppedControls && buffer[q + 1] >= 0xC2 : readAs.name == LegacyCodec.sloppyWindows1252 {
                // "Â" cut short: C2 of a C1 control whose other byte, one windows-1252 lacks,
                // was dropped. Text has no C1 controls but where it was garbled once
                // before: 保 (E4 BF 9D) read so is ä¿ and U+009D, whose UTF-8 read so again
                // is Ã¤Â¿Â and a byte dropped. The layer below puts that byte back. (At the
                // line's end it may also be C2 A0, a no-break space trimmed.)
                q += 1
                continue
            }
            let needed = UTF8Boundaries.sequenceLength(lead: byte)
            guard needed > 1 else { return false }
            if gapAt < buffer.count, q + needed > gapAt {
                // The first bytes of a character, then the gap: its last byte was the
                // first of the removed pair.
                let known = Array(buffer[q..<gapAt])
                cutBeforeGap = needed - known.count
                // What follows the gap, up to the next: the rest of a character whose lead
                // the pair took, then the character after that.
                let afterGapEnd = nextGap + 1 < gaps.count ? starts[gaps[nextGap + 1]] : buffer.count
                var tailEnd = gapAt
                while tailEnd < afterGapEnd, tailEnd - gapAt < 3, buffer[tailEnd] & 0xC0 == 0x80 { tailEnd += 1 }
                let following = tailEnd < afterGapEnd ? UTF8Scalars.decode(at: tailEnd, in: buffer, limit: afterGapEnd)?.scalar : nil
                var guess: (scalar: UInt32, loss: Loss)?
                if cutBeforeGap == 1, tailEnd > gapAt,
                   let both = WholeLineUndo.removedPairGuesses(head: known, tail: Array(buffer[gapAt..<tailEnd]), after: replacement.last, before: following, model: model)
                {
                    guess = both.first
                    guessedAfterGap = both.second
                } else if cutBeforeGap == 1 {
                    guess = WholeLineUndo.removedPairGuess(known: known, missingFirst: false, after: replacement.last, before: nil, model: model)
                } else if cutBeforeGap == 2, tailEnd == gapAt {
                    guess = WholeLineUndo.removedPairInsideGuess(head: known, after: replacement.last, before: following, model: model)
                }
                emit(guess?.scalar ?? 0xFFFD, guess?.loss ?? .truncatedCharacter(known: UpToFourBytes(known), missing: cutBeforeGap))
                q = gapAt
                continue
            }
            let script = lineScript()
            if let (scalar, loss) = WholeLineUndo.withUnreadByte(
                at: q, character: k, needed, in: buffer, starts: starts, line: line, decided: replacement[...],
                script: script, readAs: readAs, model: model, guesses: guesses
            )
            {
                retryLost(before: scalar, in: buffer)
                if scalar == 0xFFFD { lostUnread = (replacement.count, losses.count, q, k, needed) }
                emit(scalar, loss)
                q += needed
                continue
            }
            if restoresDroppedUnread {
                guard readDroppedByStrictDecoder(needed: needed, in: buffer) else { return false }
                continue
            }
            guard readCutShort(needed: needed, in: buffer) else { return false }
        }
        if stretches.last?.lineEnd != line.count { stretches.append((line.count, replacement.count, losses)) }
        return true
    }

    /// A character at `q` cut short, with no mark, where a strict decoder that ignored
    /// what it could not read dropped bytes of it (see ``Loss/droppedByStrictDecoder(known:guess:)``):
    /// each missing byte is one the decoder cannot read before the byte that followed it
    /// (GBK's 80 anywhere, AA–AF before A1–FE, its user-defined rows; any lead before ASCII),
    /// and the character is the one clearly likelier between its neighbours than every
    /// other those bytes make, or lost. False when what follows is no place such a gap
    /// could end.
    private mutating func readDroppedByStrictDecoder(needed: Int, in buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        var end = q + 1
        while end < buffer.count, end - q < needed, buffer[end] & 0xC0 == 0x80 { end += 1 }
        let missing = needed - (end - q)
        guard needed == 3, missing >= 1, end == buffer.count || buffer[end] < 0x80 || buffer[end] >= 0xC2 else { return false }
        let after: UInt8? = end < buffer.count ? buffer[end] : nil
        let previous = replacement.last ?? 0x20
        let following = end < buffer.count ? UTF8Scalars.decode(at: end, in: buffer, limit: buffer.count)?.scalar ?? 0x20 : 0x20
        var window: [UInt32] = [previous, 0, following]
        var best: (scalar: UInt32, cost: Int)?
        var runnerUp = Int.max
        var candidates = 0
        var sequence = SIMD4<UInt8>()
        sequence[0] = buffer[q]
        // Each way the bytes left and the missing ones can interleave (bit p - 1 set: byte
        // p is missing), each missing one from what the decoder drops before the byte after.
        func fill(_ position: Int, gaps: Int, next k: Int) {
            guard position < needed else {
                guard let scalar = WholeLineUndo.scalar(of: sequence, length: needed),
                      SpanWindows.isEastAsianCharacter(scalar) || (0x2010...0x2027).contains(scalar)
                else { return }
                candidates += 1
                window[1] = scalar
                let cost = window.withUnsafeBufferPointer { model.bestLanguage(for: $0).cost }
                if cost < best?.cost ?? .max {
                    runnerUp = best?.cost ?? .max
                    best = (scalar, cost)
                } else {
                    runnerUp = min(runnerUp, cost)
                }
                return
            }
            if gaps & (1 << (position - 1)) == 0 {
                sequence[position] = buffer[k]
                fill(position + 1, gaps: gaps, next: k + 1)
                return
            }
            // The byte after the missing one: the next left in the sequence, or what
            // follows the character (unknown when that is missing too, or the line ends).
            let laterGap = (position + 1 < needed) && gaps & (1 << position) != 0
            let byteAfter: UInt8? = laterGap ? nil : position + 1 < needed ? buffer[k] : after
            let dropped = readAs.strictlyUnread(before: byteAfter)
            for bit in 0..<64 where dropped & (1 << UInt64(bit)) != 0 {
                sequence[position] = 0x80 + UInt8(bit)
                fill(position + 1, gaps: gaps, next: k)
            }
        }
        for gaps in 1..<(1 << (needed - 1)) where gaps.nonzeroBitCount == missing {
            fill(1, gaps: gaps, next: q + 1)
        }
        // (Two bytes both free, as where a line ends after a lead, make thousands of
        // characters: the commonest of them, 的, would be a guess of nothing.)
        let guess = candidates > Self.mostDroppedCandidates ? nil
            : best.flatMap { best in best.cost + WholeLineUndo.clearlyLikelier <= runnerUp ? best.scalar : nil }
        emit(guess ?? 0xFFFD, .droppedByStrictDecoder(known: UpToFourBytes(buffer[q..<end]), guess: guess))
        q = end
        return true
    }

    /// The most characters a character cut short by a strict decoder may be guessed among:
    /// those one free byte makes (64), with an 80 put back in each place besides.
    static let mostDroppedCandidates = 128

    /// The first bytes of a character at `q`, then a "?" that stood for the rest, or the
    /// line's end; false when neither follows.
    private mutating func readCutShort(needed: Int, in buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        let base = line.startIndex
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
            if let (guess, loss) = WholeLineUndo.withLostLastByte(known: known, missing: missing, after: replacement, readAs: readAs, model: model, unseen: true, guesses: guesses) {
                retryLost(before: guess, in: buffer)
                replacement.append(guess)
                stretches.append((line.count, replacement.count, losses + [loss]))
            } else {
                lostMarks.append(replacement.count)
                replacement.append(0xFFFD)
                stretches.append((line.count, replacement.count, losses + [.truncatedCharacter(known: UpToFourBytes(known), missing: missing)]))
            }
            losses = []
            q = end
            return true
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
           let (guess, loss) = WholeLineUndo.withLostLastByte(known: known, missing: missing, after: replacement, readAs: readAs, model: model, guesses: guesses)
        {
            retryLost(before: guess, in: buffer)
            replacement.append(guess)
            stretches.append((markIndex + marks, replacement.count, losses + [loss]))
            losses = []
            q = end + marks
            return true
        }
        let takesPair = line[base + markIndex] == 0x3F && readAs.questionMark == .leadAndNextByte
        // A "?" for this character's last byte and the next one's lead: the two are
        // guessed together, each the other's neighbour.
        var tailEnd = end + 1
        while takesPair, missing == 1, tailEnd < buffer.count, tailEnd - end - 1 < 2, buffer[tailEnd] & 0xC0 == 0x80 { tailEnd += 1 }
        let following = tailEnd > end + 1 && tailEnd < buffer.count ? UTF8Scalars.scalar(at: tailEnd, in: buffer) : nil
        if tailEnd > end + 1, let both = WholeLineUndo.unreadPairGuesses(
            head: known, tail: Array(buffer[(end + 1)..<tailEnd]), after: replacement.last, before: following,
            inJapanese: !readAs.isChinese && replacement.contains { (0x3040...0x30FF).contains($0) }, readAs: readAs, model: model
        ) {
            replacement.append(both.first.scalar)
            stretches.append((markIndex + 1, replacement.count, losses + [both.first.loss]))
            guessedAfterUnread = both.second
        } else {
            lostMarks.append(replacement.count)
            replacement.append(0xFFFD)
            stretches.append((markIndex + 1, replacement.count, losses + [.truncatedCharacter(known: UpToFourBytes(known), missing: missing)]))
        }
        losses = []
        q = end + 1
        lostThrough = q
        lostThroughPair = takesPair
        return true
    }
}
