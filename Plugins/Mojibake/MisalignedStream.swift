import FixTextCore
/// Repairs a double-byte stream that lost or gained a byte: every pair after the slip was
/// decoded shifted by one byte, which makes a run of unrelated characters (鐓, ⑹, 椤),
/// until an ASCII byte put the decoder back in step.
///
/// The garbled run is encoded back to GBK and decoded again one byte later. The byte left
/// over at the start belonged to a character that is lost. When a "?" stands just before
/// the run, the decoder wrote it for the pair the slip broke; the character that pair
/// started is then taken to be the likeliest one with the byte that follows, and said so.
/// Full-width punctuation folded to ASCII on the way (！ to !) is tried in its GBK form.
struct MisalignedStream {
    let codec: LegacyCodec
    let evidence: Evidence
    let suspicion: SuspicionTable
    /// For each trail byte, the likeliest GBK character ending with it.
    let likeliestWithTrail: [UInt32]
    /// For each lead byte, the Chinese characters and punctuation GBK starts with it.
    let charactersWithLead: [[UInt32]]
    /// For each trail byte, the Chinese characters and punctuation GBK ends with it.
    let charactersWithTrail: [[UInt32]]
    /// Where candidates are put together with their context to be weighed.
    private let scratch = ScalarScratch()

    static let question = UInt32(UInt8(ascii: "?"))

    init(evidence: Evidence, suspicion: SuspicionTable) throws {
        codec = try LegacyCodec.named("windows-936-2000")
        self.evidence = evidence
        self.suspicion = suspicion
        likeliestWithTrail = try Self.likeliestByTrail.get()
        (charactersWithLead, charactersWithTrail) = try Self.byLeadAndTrail.get()
    }

    private static func isChineseText(_ scalar: UInt32) -> Bool {
        (0x4E00...0x9FFF).contains(scalar) || (0x3000...0x303F).contains(scalar) || (0xFF01...0xFF5E).contains(scalar)
    }

    /// Built once: the Chinese characters and punctuation of each GBK lead byte, and of
    /// each trail byte.
    private static let byLeadAndTrail = Result<(lead: [[UInt32]], trail: [[UInt32]]), any Error> {
        let codec = try LegacyCodec.named("windows-936-2000")
        var withLead = [[UInt32]](repeating: [], count: 256)
        var withTrail = [[UInt32]](repeating: [], count: 256)
        codec.forEachDoubleByte { scalar, lead, trail in
            guard isChineseText(scalar) else { return }
            withLead[Int(lead)].append(scalar)
            withTrail[Int(trail)].append(scalar)
        }
        return (withLead, withTrail)
    }

    /// The character a slip cut in half, from the byte of it that is left (`orphan`),
    /// between `previous` and `next`: the likeliest of the characters that start or end with
    /// that byte, when it is clearly likelier than every other (as ``WholeLineUndo`` guesses
    /// bytes a strict decoder did not read) and makes a known word with both neighbours.
    /// Nil otherwise: the character is then lost. With one word, about half the guesses on
    /// the suite's slipped lines were wrong, most of them at the start of a line, where
    /// the byte is as often one the stream gained.
    ///
    /// Where no Chinese character comes before (a line's start, punctuation), the orphan
    /// is as often a byte the stream gained as half of a lost character, and only one word
    /// can be made: the guess must make it and be four times as likely as any other
    /// (``guessAfterNoWord``).
    private func clearGuess(orphan: UInt8, after previous: UInt32?, before next: UInt32?, in language: TextLanguage) -> (scalar: UInt32, orphanIsLead: Bool)? {
        let afterWord = previous.map(LanguageModel.isHan) ?? false
        var likeliest = Likeliest<(scalar: UInt32, orphanIsLead: Bool, words: Int)>()
        for (scalars, orphanIsLead) in [(charactersWithLead[Int(orphan)], true), (charactersWithTrail[Int(orphan)], false)] {
            for scalar in scalars {
                let (cost, words) = evidence.model.lessWordBonuses(evidence.model.cost(scalar, in: language), for: scalar, after: previous, before: next)
                likeliest.weigh((scalar, orphanIsLead, words), cost: cost)
            }
        }
        guard let best = likeliest.clear(by: afterWord ? WholeLineUndo.clearlyLikelier : Self.guessAfterNoWord),
              best.words == (afterWord ? 2 : 1)
        else { return nil }
        return (best.scalar, best.orphanIsLead)
    }

    /// How much cheaper (in quarter bits) the character guessed for an orphan after no
    /// Chinese character must be than every other: four times as likely. On the suite's
    /// slipped lines that makes 15 right guesses and 7 wrong ones, 3 of them a character
    /// where the stream had gained a byte (eight times as likely: 8 right, 4 wrong).
    static let guessAfterNoWord = 8

    /// The character starting with `lead` between `previous` and `next` (nil at the end of
    /// the line) that is clearly likelier than every other: the language model's cost, less
    /// a bigram bonus for each neighbour it makes a known pair with. At the end of a line,
    /// punctuation that does not end a sentence is no candidate.
    ///
    /// A bracket whose partner stands unmatched in the rest of the line (（ before "2015）")
    /// counts as making two words: a pairing tells more than a neighbour. On the suite's
    /// slipped lines, four "(?2015）" come back as （ instead of ，.
    private func likeliest(lead: UInt8, after previous: UInt32?, before next: UInt32?, in language: TextLanguage, line: Brackets) -> UInt32? {
        var likeliest = Likeliest<(scalar: UInt32, words: Int)>()
        for scalar in charactersWithLead[Int(lead)] {
            if next == nil, Self.continuesSentence(scalar) { continue }
            if line.isUnpairedClosing(scalar) { continue }
            var (cost, words) = evidence.model.lessWordBonuses(evidence.model.cost(scalar, in: language), for: scalar, after: previous, before: next)
            if line.isPartnered(scalar) {
                cost -= 2 * evidence.model.bigramBonus
                words += 1
            }
            likeliest.weigh((scalar, words), cost: cost)
        }
        // A Chinese character must make a word with a neighbour; punctuation has none.
        guard let best = likeliest.clear(by: Self.likelier), best.words > 0 || !LanguageModel.isHan(best.scalar) else { return nil }
        return best.scalar
    }

    /// How much cheaper (in quarter bits) the character a "?" cut short must be than the
    /// next best: twice as likely. Its first byte and its neighbours are known, which
    /// leaves few candidates. On the suite's slipped lines, this margin makes 25 right
    /// guesses and 7 wrong ones that eight times as likely would leave as U+FFFD.
    static let likelier = 4

    /// ， 、 ； ： and opening brackets and quotes: what no line ends with.
    private static func continuesSentence(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0xFF0C, 0x3001, 0xFF1B, 0xFF1A, 0xFF08, 0xFF3B, 0xFF5B, 0x300A, 0x3008, 0x300C, 0x300E, 0x3010, 0x3014, 0x3016, 0x201C, 0x2018:
            true
        default:
            false
        }
    }

    /// Built once: the likeliest Chinese character for each GBK trail byte.
    private static let likeliestByTrail = Result<[UInt32], any Error> {
        let codec = try LegacyCodec.named("windows-936-2000")
        let model = LanguageModel.shared
        var best = [(scalar: UInt32, cost: Int)](repeating: (0, .max), count: 256)
        codec.forEachDoubleByte { scalar, _, trail in
            guard isChineseText(scalar) else { return }
            let cost = model.cost(scalar, in: .traditionalChinese) + model.cost(scalar, in: .simplifiedChinese)
            if cost < best[Int(trail)].cost { best[Int(trail)] = (scalar, cost) }
        }
        return best.map(\.scalar)
    }

    func repairs(of scalars: [UInt32], claimed: [Bool]) -> [Repair] {
        var claimed = claimed
        var result: [Repair] = []
        var i = 0
        while i < scalars.count {
            guard !claimed[i], isAnchor(i, in: scalars) else {
                i += 1
                continue
            }
            // The core: suspicious characters close together, and before them the
            // characters that make no known pairs (shifted pairs are mostly common
            // characters, but side by side they make no sense).
            var last = i
            var j = i + 1
            while j < scalars.count, j - last <= 3, !claimed[j], codec.canEncode(scalars[j]), scalars[j] != 0x20 {
                if isAnchor(j, in: scalars) { last = j }
                j += 1
            }
            var first = i
            while first > 0, i - first < Self.longestShift, !claimed[first - 1], scalars[first - 1] >= 0x80,
                  codec.canEncode(scalars[first - 1]), !evidence.model.isKnownChineseBigram(scalars[first - 1], scalars[first])
            {
                first -= 1
            }
            if let repair = bestRepair(core: first...last, in: scalars, claimed: claimed) {
                result.append(repair)
                for k in repair.range { claimed[k] = true }
                i = repair.range.upperBound
            } else {
                i = last + 1
            }
        }
        return result
    }

    /// The most characters a shifted run is followed back over.
    static let longestShift = 48

    /// A character that may sit in a shifted run: one mix-ups make, or a "?" right after
    /// a Chinese character, where the decoder met a broken pair.
    private func isAnchor(_ i: Int, in scalars: [UInt32]) -> Bool {
        let scalar = scalars[i]
        if scalar == Self.question {
            // A run of "?" is text a decoder had no characters for at all, not a slip.
            let next = i + 1 < scalars.count ? scalars[i + 1] : 0
            return i > 0 && LanguageModel.isHan(scalars[i - 1]) && next != Self.question
        }
        return isGarbled(scalar) || isBeforeSwallowedByte(i, in: scalars)
    }

    /// A Chinese character before a lone ASCII letter or symbol of 40–7E: the last pair of a
    /// shifted run, whose second byte put the decoder back in step (GBK's characters
    /// beyond GB2312, most traditional ones, have such second bytes: 錢 is E5 58, "X").
    /// The run ends with the letter.
    private func isBeforeSwallowedByte(_ i: Int, in scalars: [UInt32]) -> Bool {
        guard i + 1 < scalars.count, (0x40...0x7E).contains(scalars[i + 1]), LanguageModel.isHan(scalars[i]) else { return false }
        return i + 2 == scalars.count || !Self.isLetterOrDigit(scalars[i + 2])
    }

    /// Whether a re-decoding that takes an ASCII letter or symbol into a pair is credible.
    /// Such pairs are characters beyond GB2312, which simplified text hardly has; in
    /// traditional text they are common ones (錢 is E5 58, "X"). Clean text with a Latin
    /// letter in it re-decodes to rare or traditional ones ("比V卖萌" as 繁萔, "站C位" as
    /// 綜), so the line must read as traditional, the run must hold a character clean text
    /// seldom has, and every Han character the repair gives must be a common one.
    private func isCredibleSwallowing(_ candidate: Repair, in scalars: [UInt32]) -> Bool {
        guard scalars[candidate.range].contains(where: { (0x40...0x7E).contains($0) }) else { return true }
        return candidate.replacement.allSatisfy { !LanguageModel.isHan($0) || evidence.model.isCommonHan($0) }
            && scalars[candidate.range].contains(where: isOdd)
            && language(of: scalars.filter { $0 >= 0x80 }) == .traditionalChinese
    }

    /// A character that clean Chinese text seldom has: a rare Han character, kana, or one
    /// that mix-ups make.
    private func isOdd(_ scalar: UInt32) -> Bool {
        (LanguageModel.isHan(scalar) && !evidence.model.isCommonHan(scalar)) || (0x3040...0x30FF).contains(scalar) || isGarbled(scalar)
    }

    private func isGarbled(_ scalar: UInt32) -> Bool {
        scalar >= 0x2000 && suspicion.isSuspicious(scalar)
    }

    /// The best re-decoding of a window around `core`. The window must end where the
    /// decoder got back in step: at an ASCII character it swallowed as the second byte of
    /// a pair, before an ASCII character, or at the end of the line.
    private func bestRepair(core: ClosedRange<Int>, in scalars: [UInt32], claimed: [Bool]) -> Repair? {
        var resync = core.upperBound + 1
        while resync < scalars.count, scalars[resync] >= 0x80, !claimed[resync], codec.canEncode(scalars[resync]) { resync += 1 }
        var ends = [resync]
        if resync < scalars.count, (0x40...0x7E).contains(scalars[resync]) || scalars[resync] == Self.question {
            ends.append(resync + 1)
        }
        var best: (repair: Repair, saving: Int)?
        // Every candidate of a core is weighed over the same stretch of the line, so that a
        // short repair and a longer one compare fairly.
        let contextStart = max(0, core.lowerBound - 6)
        let contextEnd = min(scalars.count, (ends.last ?? resync) + 1)
        let before = scalars[contextStart..<contextEnd]
        var beforeCost: Int?
        // Where the run may start: around the start of the core, before its first
        // character that mix-ups make, and after a "?" where the decoder met the broken pair.
        var starts = Set(max(0, core.lowerBound - 4)...min(core.upperBound, core.lowerBound + 4))
        if let firstGarbled = core.first(where: { isGarbled(scalars[$0]) }) {
            starts.formUnion(max(0, firstGarbled - 4)...firstGarbled)
        }
        for k in core where scalars[k] == Self.question && k + 1 <= core.upperBound { starts.insert(k + 1) }
        for start in starts.sorted(by: >) {
            guard !claimed[start], codec.canEncode(scalars[start]), scalars[start] != 0x20 else { continue }
            // The first character of a shifted run is a double-byte one (or full-width
            // punctuation folded to ASCII): its first byte is the orphan. An ASCII letter
            // or digit before Chinese is just that.
            guard scalars[start] >= 0x80 || !Self.isLetterOrDigit(scalars[start]) else { continue }
            for end in ends {
                // A slip garbles several characters; two are too few to tell it from two
                // rare characters of clean text, unless the decoder is seen getting back in
                // step after them: an ASCII letter or "?" it swallowed as a second byte, or
                // the "?" at the end of a line that stands for a byte left alone.
                let doubleByte = scalars[start..<end].count { $0 >= 0x80 }
                let resynced = end == resync + 1
                guard doubleByte >= 3 || (doubleByte == 2 && resynced) || (resynced && end == scalars.count && scalars[end - 1] == Self.question)
                else { continue }
                // 锟斤拷 and U+FFFD are text already lost, not a slip.
                guard !scalars[start..<end].contains(where: { $0 == LossyMarks.kun || $0 == LossyMarks.kao || $0 == 0xFFFD }) else { continue }
                // A repair gives two Chinese characters at least, or one and no ASCII where
                // what it replaces has a character clean text seldom has ("蓿哼€" is "：還",
                // "膲海?" is "壓！"); a Chinese character and a symbol are what a re-decoding
                // of two rare characters of clean text makes often enough (羣衆 as 列\).
                for candidate in candidates(start..<end, in: scalars).map({ Self.trimmed($0, in: scalars) })
                    where candidate.replacement.count(where: LanguageModel.isHan) >= 2
                    || (candidate.replacement.contains(where: LanguageModel.isHan) && !candidate.replacement.contains(where: { $0 < 0x80 })
                        && scalars[candidate.range].contains(where: isOdd))
                {
                    guard candidate.range.lowerBound >= contextStart, candidate.range.upperBound <= contextEnd,
                          isCredibleSwallowing(candidate, in: scalars)
                    else { continue }
                    // An ASCII character the decoder swallowed puts it back in step, but one
                    // left alone between Chinese characters (喫瓜羣衆 read as 斯狭t衆) is
                    // likelier to be rare characters of clean text.
                    if let last = candidate.replacement.last, last < 0x80, scalars[candidate.range.upperBound - 1] >= 0x80,
                       candidate.range.upperBound < scalars.count, LanguageModel.isHan(scalars[candidate.range.upperBound])
                    {
                        continue
                    }
                    // Weighed alone first, which is cheap: no cheaper than what it replaces
                    // (lost characters left out), it is not worth weighing in context.
                    guard evidence.cost(candidate.replacement.filter { $0 != 0xFFFD }[...]) < evidence.cost(scalars[candidate.range]) else { continue }
                    let after = scratch.joined(scalars[contextStart..<candidate.range.lowerBound], candidate.replacement[...], scalars[candidate.range.upperBound..<contextEnd])
                    let offset = candidate.range.lowerBound - contextStart
                    let lostMarks = candidate.replacement.indices.filter { candidate.replacement[$0] == 0xFFFD }.map { offset + $0 }
                    if beforeCost == nil { beforeCost = evidence.cost(before) }
                    guard let verdict = evidence.judge(
                        original: before, candidate: after, replaced: candidate.range.count,
                        lostMarks: lostMarks, originalCost: beforeCost
                    ) else { continue }
                    if verdict.saving > (best?.saving ?? .min) {
                        var repair = candidate
                        repair.confidence = verdict.confidence
                        repair.saving = verdict.saving
                        best = (repair, verdict.saving)
                    }
                }
            }
        }
        return best.map { withOrphanResolved($0.repair, in: scalars, claimed: claimed) }
    }

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
    private func withOrphanResolved(_ repair: Repair, in scalars: [UInt32], claimed: [Bool]) -> Repair {
        guard case .orphanByte(let orphan) = repair.lost.first, repair.replacement.first == 0xFFFD else { return repair }
        let previous = repair.range.lowerBound > 0 ? scalars[repair.range.lowerBound - 1] : nil
        // After ASCII, the byte stays lost: there the decoder was in step up to the run
        // (the seed page's "變?yōu)椤吧" lost 為 for good).
        guard let previous, LanguageModel.isHan(previous) || previous < 0x80 else {
            var refined = repair
            if let bracket = openingBracket(withByte: orphan, before: repair.replacement.dropFirst() + scalars[repair.range.upperBound...]) {
                refined.replacement[0] = bracket
                refined.lost[0] = .guessedBracket(byte: orphan, guess: bracket)
            } else if let guess = clearGuess(orphan: orphan, after: previous, before: repair.replacement.dropFirst().first, in: language(of: Array(repair.replacement.dropFirst()))) {
                refined.replacement[0] = guess.scalar
                refined.lost[0] = .guessedHalfAfterNoWord(byte: orphan, isLead: guess.orphanIsLead, guess: guess.scalar)
            } else {
                refined.replacement.removeFirst()
                refined.lost[0] = .leadingByte(orphan)
            }
            return refined
        }
        let rest = repair.replacement.dropFirst()
        let language = language(of: Array(rest))
        if let joined = withGainedByteBefore(repair, orphan: orphan, in: scalars, claimed: claimed, language: language)
            ?? withGainedByteAfter(repair, orphan: orphan, after: previous, language: language)
        {
            return joined
        }
        guard let guess = clearGuess(orphan: orphan, after: previous, before: rest.first, in: language) else { return repair }
        var refined = repair
        refined.replacement[0] = guess.scalar
        refined.lost[0] = .guessedHalf(byte: orphan, isLead: guess.orphanIsLead, guess: guess.scalar)
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

    /// The re-decodings of `window` one byte later, with each way of reading its ASCII
    /// punctuation (as itself, or as the full-width form it may have been folded from).
    private func candidates(_ window: Range<Int>, in scalars: [UInt32]) -> [Repair] {
        // A "?" that ends the run stands for its last pair, which the decoder could not
        // read: that character lost its second byte.
        let endsInQuestion = window.count > 1 && scalars[window.upperBound - 1] == Self.question
        let chars = Array(scalars[window.lowerBound..<(window.upperBound - (endsInQuestion ? 1 : 0))])
        let foldable = chars.indices.filter { (0x21...0x7E).contains(chars[$0]) && !Self.isLetterOrDigit(chars[$0]) }
        guard foldable.count <= 3 else { return [] }
        let misreading = Misreading(actual: "windows-936-2000", readAs: "windows-936-2000")
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
            let next = window.upperBound < scalars.count ? scalars[window.upperBound] : nil
            let brackets = Brackets(before: scalars[..<window.lowerBound], after: scalars[window.upperBound...])
            guard let (rest, lost) = decoded(bytes[1...], endsInQuestion: endsInQuestion, before: next, brackets: brackets) else { continue }
            if window.lowerBound > 0, scalars[window.lowerBound - 1] == Self.question, likeliestWithTrail[Int(bytes[0])] != 0 {
                // The "?" was the broken pair; the character it started is guessed.
                let guess = likeliestWithTrail[Int(bytes[0])]
                result.append(Repair(
                    range: (window.lowerBound - 1)..<window.upperBound, replacement: [guess] + rest,
                    chain: [misreading], confidence: 0,
                    lost: [.guessedStart(trail: bytes[0], guess: guess)] + lost
                ))
            }
            // The byte left over is half of a character whose other half was lost, or was
            // itself an extra byte. Where the characters on either side of it make a word,
            // nothing was lost there, and the byte is left out; elsewhere U+FFFD marks the
            // place (see ``withGuessedHalf(_:in:)``).
            if window.lowerBound > 0, let first = rest.first, LanguageModel.isHan(first),
               LanguageModel.isHan(scalars[window.lowerBound - 1]), evidence.model.isKnownChineseBigram(scalars[window.lowerBound - 1], first)
            {
                result.append(Repair(
                    range: window, replacement: rest, chain: [misreading], confidence: 0,
                    lost: [.extraByte(bytes[0])] + lost
                ))
            }
            result.append(Repair(
                range: window, replacement: [0xFFFD] + rest, chain: [misreading], confidence: 0,
                lost: [.orphanByte(bytes[0])] + lost
            ))
            // A byte gained between the two bytes of the first character: that character
            // comes back whole once the second byte is left out. Only where the run starts
            // the line or follows no Chinese: inside Chinese text, this second way of
            // reading each run doubles the chances of a lucky re-decoding of rare
            // characters (關於訥河裏6號 read as 關於院友Y6號).
            if bytes[0] >= 0x81, bytes.count >= 4, window.lowerBound == 0 || !LanguageModel.isHan(scalars[window.lowerBound - 1]),
               let (whole, wholeLost) = decoded(([bytes[0]] + bytes[2...])[...], endsInQuestion: endsInQuestion, before: next, brackets: brackets)
            {
                result.append(Repair(
                    range: window, replacement: whole, chain: [misreading], confidence: 0,
                    lost: [.extraByte(bytes[1])] + wholeLost
                ))
            }
        }
        return result
    }

    /// `bytes` decoded back in step, or nil if they are not GBK throughout. With a "?" after
    /// the run, its last byte began the pair the decoder could not read; that character
    /// is the one clearly likeliest with that byte between what precedes it and `next`
    /// (what follows the "?"), or lost.
    private func decoded(_ bytes: ArraySlice<UInt8>, endsInQuestion: Bool, before next: UInt32?, brackets: Brackets) -> ([UInt32], [Loss])? {
        guard endsInQuestion else { return codec.decodeStrictly(Array(bytes)).map { ($0, []) } }
        guard bytes.count >= 2, var rest = codec.decodeStrictly(Array(bytes.dropLast())), let lead = bytes.last else { return nil }
        if let guess = likeliest(lead: lead, after: rest.last, before: next, in: language(of: rest), line: brackets) {
            rest.append(guess)
            return (rest, [.guessedEnd(lead: lead, guess: guess)])
        }
        rest.append(0xFFFD)
        return (rest, [])
    }

    /// Which Chinese `scalars` read as more likely.
    private func language(of scalars: [UInt32]) -> TextLanguage {
        let simplified = scalars.reduce(0) { $0 + evidence.model.cost($1, in: .simplifiedChinese) }
        let traditional = scalars.reduce(0) { $0 + evidence.model.cost($1, in: .traditionalChinese) }
        return traditional < simplified ? .traditionalChinese : .simplifiedChinese
    }

    /// The repair without what it leaves as it was at either end: a shift that falls back
    /// in step at once changes only its first characters, and only those are evidence.
    static func trimmed(_ repair: Repair, in scalars: [UInt32]) -> Repair {
        var repair = repair
        while repair.range.count > 1, let last = repair.replacement.last, last == scalars[repair.range.upperBound - 1] {
            repair.replacement.removeLast()
            repair.range = repair.range.lowerBound..<(repair.range.upperBound - 1)
        }
        return repair
    }

    private static func isLetterOrDigit(_ scalar: UInt32) -> Bool {
        (0x30...0x39).contains(scalar) || (0x41...0x5A).contains(scalar) || (0x61...0x7A).contains(scalar)
    }
}
