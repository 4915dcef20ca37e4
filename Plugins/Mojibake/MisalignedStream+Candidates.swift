import FixTextCore

/// The re-decodings of a window of a slipped GBK run, one byte later: what
/// ``MisalignedStream`` weighs, with the character a "?" cut short at the run's end guessed.
extension MisalignedStream {
    /// The re-decodings of `window` one byte later, with each way of reading its ASCII
    /// punctuation (as itself, or as the full-width form it may have been folded from).
    func candidates(_ window: Range<Int>, in scalars: [UInt32]) -> [Repair] {
        // A "?" that ends the run stands for its last pair, which the decoder could not
        // read: that character lost its second byte.
        let endsInQuestion = window.count > 1 && scalars[window.upperBound - 1] == Self.question
        let chars = Array(scalars[window.lowerBound..<(window.upperBound - (endsInQuestion ? 1 : 0))])
        let foldable = chars.indices.filter { (0x21...0x7E).contains(chars[$0]) && !Self.isLetterOrDigit(chars[$0]) }
        guard foldable.count <= 3 else { return [] }
        // One chain for every candidate (each would otherwise be an array of its own), and
        // what follows the run, the same for every mask.
        let chain = [Misreading(actual: "windows-936-2000", readAs: "windows-936-2000")]
        let next = window.upperBound < scalars.count ? scalars[window.upperBound] : nil
        let brackets = Brackets(before: scalars[..<window.lowerBound], after: scalars[window.upperBound...])
        // Whether the line's brackets have a say in a guess at the run's end, found once;
        // where they do, the window's guesses are remembered here (its readings end alike).
        let bracketsHaveNone = endsInQuestion && brackets.hasNone
        var guesses: [EndGuessKey: UInt32?] = [:]
        var result: [Repair] = []
        for mask in 0..<(1 << foldable.count) {
            var bytes: [UInt8] = []
            // At most two bytes a character: one allocation, not one for each doubling.
            bytes.reserveCapacity(2 * chars.count)
            for (k, scalar) in chars.enumerated() {
                if let f = foldable.firstIndex(of: k), mask & (1 << f) != 0 {
                    guard codec.encode(scalar - 0x21 + 0xFF01, into: &bytes) else { return [] }
                } else {
                    guard codec.encode(scalar, into: &bytes) else { return [] }
                }
            }
            guard bytes.count >= 3, bytes[0] >= 0x40 else { continue }
            guard let (rest, lost) = decoded(bytes[1...], endsInQuestion: endsInQuestion, before: next, brackets: brackets, haveNone: bracketsHaveNone, guesses: &guesses) else { continue }
            if window.lowerBound > 0, scalars[window.lowerBound - 1] == Self.question, likeliestWithTrail[Int(bytes[0])] != 0 {
                // The "?" was the broken pair; the character it started is guessed.
                let guess = likeliestWithTrail[Int(bytes[0])]
                result.append(Repair(
                    range: (window.lowerBound - 1)..<window.upperBound, replacement: [guess] + rest,
                    chain: chain, confidence: 0,
                    lost: [.guessedStart(trail: bytes[0], guess: guess)] + lost
                ))
            }
            // The byte left over is half of a character whose other half was lost, or was
            // itself an extra byte. Where the characters on either side of it make a word,
            // nothing was lost there, and the byte is left out; elsewhere U+FFFD marks the
            // place (see ``withOrphanResolved(_:in:claimed:)``).
            if window.lowerBound > 0, let first = rest.first, evidence.model.makesWord(scalars[window.lowerBound - 1], first) {
                result.append(Repair(
                    range: window, replacement: rest, chain: chain, confidence: 0,
                    lost: [.extraByte(bytes[0])] + lost
                ))
            }
            result.append(Repair(
                range: window, replacement: [0xFFFD] + rest, chain: chain, confidence: 0,
                lost: [.orphanByte(bytes[0])] + lost
            ))
            // A byte gained between the two bytes of the first character: that character
            // comes back whole once the second byte is left out. After Chinese, only a
            // reading without ASCII: this second way of reading each run doubles the
            // chances of a lucky re-decoding of rare characters, which mostly pairs a
            // byte with a letter (關於訥河裏6號 read as 關於院友Y6號).
            if bytes[0] >= 0x81, bytes.count >= 4,
               let (whole, wholeLost) = decoded(([bytes[0]] + bytes[2...])[...], endsInQuestion: endsInQuestion, before: next, brackets: brackets, haveNone: bracketsHaveNone, guesses: &guesses),
               window.lowerBound == 0 || !LanguageModel.isHan(scalars[window.lowerBound - 1]) || !whole.contains(where: { $0 < 0x80 })
            {
                result.append(Repair(
                    range: window, replacement: whole, chain: chain, confidence: 0,
                    lost: [.gainedInside(byte: bytes[1], character: whole.first ?? 0xFFFD)] + wholeLost
                ))
            }
        }
        return result
    }

    /// `bytes` decoded back in step, or nil if they are not GBK throughout. With a "?" after
    /// the run, its last byte began the pair the decoder could not read; that character
    /// is the one clearly likeliest with that byte between what precedes it and `next`
    /// (what follows the "?"), or lost. At a line's end, a closing quote or bracket left
    /// open in the line as repaired comes first, and ！ or ？ is the one the sentence's
    /// words ask for, as in a line read whole (on 1,248 new slipped cases of the suite's
    /// kind, 392 → 412 exact lines; on its own 124, two ！ become ？: 46 → 44).
    /// What a guess at a run's end depends on, besides the line's brackets.
    private struct EndGuessKey: Hashable {
        let lead: UInt8
        let language: TextLanguage
        let previous: UInt32?
    }

    private func decoded(
        _ bytes: ArraySlice<UInt8>, endsInQuestion: Bool, before next: UInt32?, brackets: Brackets, haveNone: Bool,
        guesses: inout [EndGuessKey: UInt32?]
    ) -> ([UInt32], [Loss])? {
        guard endsInQuestion else { return codec.decodeStrictly(bytes).map { ($0, []) } }
        guard bytes.count >= 2, var rest = codec.decodeStrictly(bytes.dropLast()), let lead = bytes.last else { return nil }
        // At a line's end, a closing quote or bracket with this first byte whose partner
        // stands open in the line as repaired is the character (as WholeLineUndo takes it).
        // (The line is put together only when needed: most leads start no such mark.)
        if next == nil, !closingPairsByLead[Int(lead)].isEmpty {
            let line = Array(brackets.before) + rest
            for (open, close) in closingPairsByLead[Int(lead)] {
                guard WholeLineUndo.isOpen(open, close, in: line[...], unlessLostAfter: true) else { continue }
                rest.append(close)
                return (rest, [.guessedEnd(lead: lead, guess: close)])
            }
        }
        let language = language(of: rest)
        let guessed = { self.likeliest(lead: lead, after: rest.last, before: next, in: language, line: brackets) }
        // Each start of a run weighed decodes its end the same way, and lines repeat it:
        // the guess is remembered where brackets have no say.
        let guess: UInt32?
        if haveNone {
            guess = spanScratch.guesses.verdict(for: .slippedEnd(lead: lead, language: language, previous: rest.last, next: next, codec: codec)) {
                guessed().map { (x: 0, y: 0, scalar: $0) }
            }?.scalar
        } else {
            let key = EndGuessKey(lead: lead, language: language, previous: rest.last)
            if let known = guesses[key] {
                guess = known
            } else {
                guess = guessed()
                guesses[key] = guess
            }
        }
        if var guess {
            // ！ and ？ share their first byte; at a line's end, the sentence's words tell
            // which it was (see WholeLineUndo.exclamationOrQuestion).
            if next == nil, guess == 0xFF01 || guess == 0xFF1F {
                guess = WholeLineUndo.exclamationOrQuestion(guess, asks: WholeLineUndo.asksQuestion(brackets.before, then: rest[...]))
            }
            rest.append(guess)
            return (rest, [.guessedEnd(lead: lead, guess: guess)])
        }
        rest.append(0xFFFD)
        return (rest, [])
    }
}
