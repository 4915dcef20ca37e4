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
    /// The repairer's buffers, whose guesses of characters cut short this shares.
    let spanScratch: SpanScratch
    /// For each first byte, the closing quotes and brackets (with their openings) whose
    /// GBK bytes start with it.
    let closingPairsByLead: [[(open: UInt32, close: UInt32)]]

    static let question = UInt32(UInt8(ascii: "?"))

    init(evidence: Evidence, suspicion: SuspicionTable, scratch: SpanScratch) throws {
        codec = try LegacyCodec.named("windows-936-2000")
        spanScratch = scratch
        var byLead = [[(open: UInt32, close: UInt32)]](repeating: [], count: 256)
        for pair in WholeLineUndo.closingPairs where codec.packedBytes(pair.close) >> 24 == 2 {
            byLead[Int(codec.packedBytes(pair.close) >> 8 & 0xFF)].append(pair)
        }
        closingPairsByLead = byLead
        self.evidence = evidence
        self.suspicion = suspicion
        likeliestWithTrail = try Self.likeliestByTrail.get()
        (charactersWithLead, charactersWithTrail) = try Self.byLeadAndTrail.get()
    }

    static func isChineseText(_ scalar: UInt32) -> Bool {
        (0x4E00...0x9FFF).contains(scalar) || (0x3000...0x303F).contains(scalar) || (0xFF01...0xFF5E).contains(scalar)
    }

    /// Built once: the Chinese characters and punctuation of each GBK lead byte, and of
    /// each trail byte.
    static let byLeadAndTrail = Result<(lead: [[UInt32]], trail: [[UInt32]]), any Error> {
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

    /// The repairs of the slipped runs of `scalars`, none of which passes through a character
    /// `claimed`: the caller claims the lossy marks (``Repairer/lostText(in:)``), text
    /// already lost, which is no slip. (A 锟 alone is a character like any other, which
    /// slipped pairs make: 里哭 read one byte late is 锟蕖.)
    func repairs(of scalars: [UInt32], claimed: [Bool]) -> [Repair] {
        var claimed = claimed
        var result: [Repair] = []
        var i = 0
        while i < scalars.count {
            // (A character GBK has no bytes for, such as the half-width katakana of UTF-8
            // read as Shift-JIS, was never part of a GBK stream: no window through it
            // re-decodes.)
            guard !claimed[i], codec.canEncode(scalars[i]), isAnchor(i, in: scalars) else {
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

    /// How many characters a slipped run's repair replaces for it to be evidence enough on
    /// its own: it then ends the search for other readings (see
    /// ``Repairer/repairsBetweenMarks(of:)``), and may end in an ASCII letter swallowed
    /// before Chinese.
    static let longRun = 6

    /// The most characters a shifted run is followed back over.
    static let longestShift = 48

    /// A character that may sit in a shifted run: one mix-ups make, or a "?" right after
    /// a Chinese character, where the decoder met a broken pair.
    func isAnchor(_ i: Int, in scalars: [UInt32]) -> Bool {
        let scalar = scalars[i]
        if scalar == Self.question {
            // A run of "?" is text a decoder had no characters for at all, not a slip.
            let next = i + 1 < scalars.count ? scalars[i + 1] : 0
            return i > 0 && LanguageModel.isHan(scalars[i - 1]) && next != Self.question
        }
        return isGarbled(scalar) || isBeforeSwallowedByte(i, in: scalars) || isStrayLetterOrSymbol(i, in: scalars)
    }

    /// A Greek, Cyrillic or accented Latin letter, or a mathematical symbol, right after a
    /// Chinese character: GBK has them in rows A1 A6 A7 A8, whose bytes a shifted pair makes
    /// of a trail byte and a lead (说男≌f is 他的小說, 扮演дl is 扮演誰). Clean Chinese text
    /// writes such letters inside words of their own script, seldom glued to a character.
    private func isStrayLetterOrSymbol(_ i: Int, in scalars: [UInt32]) -> Bool {
        let scalar = scalars[i]
        guard i > 0, SuspicionTable.isStrayLetterOrSymbol(scalar) else { return false }
        return LanguageModel.isHan(scalars[i - 1])
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
    /// 綜), so the line as repaired must read as traditional (as garbled, a traditional line
    /// slipped throughout reads as simplified: 场蹲冃斡嫛 is 《變形計》), the run must hold a
    /// character clean text seldom has, and every Han character the repair gives must be a
    /// common one.
    private func isCredibleSwallowing(_ candidate: Repair, in scalars: [UInt32], lineCosts: inout LanguageCosts?) -> Bool {
        guard scalars[candidate.range].contains(where: { (0x40...0x7E).contains($0) }) else { return true }
        guard candidate.replacement.allSatisfy({ !LanguageModel.isHan($0) || evidence.model.isCommonHan($0) }),
              scalars[candidate.range].contains(where: isOdd)
        else { return false }
        // The line as repaired, weighed without putting it together: the line's costs (once
        // for all candidates), less what the candidate replaces, plus what it gives.
        if lineCosts == nil { lineCosts = languageCosts(scalars[...]) }
        let replaced = languageCosts(scalars[candidate.range]), given = languageCosts(candidate.replacement[...])
        let simplified = lineCosts!.simplified - replaced.simplified + given.simplified
        let traditional = lineCosts!.traditional - replaced.traditional + given.traditional
        return traditional < simplified
    }

    typealias LanguageCosts = (simplified: Int, traditional: Int)

    /// What the characters of `scalars` beyond ASCII cost as simplified and as traditional
    /// Chinese.
    private func languageCosts(_ scalars: ArraySlice<UInt32>) -> LanguageCosts {
        evidence.model.chineseScriptCosts(scalars.lazy.filter { $0 >= 0x80 })
    }

    /// A character that clean Chinese text seldom has: a rare Han character, kana, or one
    /// that mix-ups make.
    private func isOdd(_ scalar: UInt32) -> Bool {
        (LanguageModel.isHan(scalar) && !evidence.model.isCommonHan(scalar)) || (0x3040...0x30FF).contains(scalar) || isGarbled(scalar)
            || SuspicionTable.isStrayLetterOrSymbol(scalar)
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
        // What the line costs as simplified and as traditional, for candidates that take a
        // letter into a pair.
        var lineCosts: LanguageCosts?
        // What the last candidate weighed replaces, its cost and its words: the candidates
        // of a window mostly replace the same characters.
        var replacedCost: (range: Range<Int>, cost: Int, words: Int)?
        // Where the run may start: around the start of the core, before its first
        // character that mix-ups make, and after a "?" where the decoder met the broken pair.
        // Each is tried once, the last first. (Gathered in an array and sorted: a set cost
        // more to build and hash than the few places it held.)
        var starts: [Int] = []
        // Room for all at once: nine places around the start, five before the first
        // character mix-ups make, one after each "?".
        starts.reserveCapacity(9 + 5 + core.count)
        starts += max(0, core.lowerBound - 4)...min(core.upperBound, core.lowerBound + 4)
        if let firstGarbled = core.first(where: { isGarbled(scalars[$0]) }) {
            starts += max(0, firstGarbled - 4)...firstGarbled
        }
        for k in core where scalars[k] == Self.question && k + 1 <= core.upperBound { starts.append(k + 1) }
        starts.sort(by: >)
        for (n, start) in starts.enumerated() where n == 0 || starts[n - 1] != start {
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
                // So is one character before a letter or digit the decoder swallowed alone
                // (臄D掉 is 擠掉: 擠 is 94 44, "D"), held to what a swallowed letter must show
                // (see isCredibleSwallowing: traditional text, an odd character, common ones back).
                let swallowedAfterOne = doubleByte == 1 && resynced && Self.isLetterOrDigit(scalars[resync])
                    && !Self.isLetterOrDigit(scalars[resync - 1])
                guard doubleByte >= 3 || (doubleByte == 2 && resynced) || swallowedAfterOne
                    || (resynced && end == scalars.count && scalars[end - 1] == Self.question)
                else { continue }
                // A repair gives two Chinese characters at least, or one and no ASCII where
                // what it replaces has a character clean text seldom has ("蓿哼€" is "：還",
                // "膲海?" is "壓！"); a Chinese character and a symbol are what a re-decoding
                // of two rare characters of clean text makes often enough (羣衆 as 列\).
                for candidate in candidates(start..<end, in: scalars).lazy.map({ Self.trimmed($0, in: scalars) })
                    where candidate.replacement.count(where: LanguageModel.isHan) >= 2
                    || (candidate.replacement.contains(where: LanguageModel.isHan) && !candidate.replacement.contains(where: { $0 < 0x80 })
                        && scalars[candidate.range].contains(where: isOdd))
                {
                    guard candidate.range.lowerBound >= contextStart, candidate.range.upperBound <= contextEnd,
                          isCredibleSwallowing(candidate, in: scalars, lineCosts: &lineCosts)
                    else { continue }
                    // An ASCII character the decoder swallowed puts it back in step, but one
                    // left alone between Chinese characters (喫瓜羣衆 read as 斯狭t衆) is
                    // likelier to be rare characters of clean text; not at the end of a long
                    // run, which is evidence enough ("确定图不是P出来的").
                    if let last = candidate.replacement.last, last < 0x80, scalars[candidate.range.upperBound - 1] >= 0x80,
                       candidate.range.upperBound < scalars.count, LanguageModel.isHan(scalars[candidate.range.upperBound]),
                       candidate.range.count < Self.longRun
                    {
                        continue
                    }
                    // Weighed alone first, which is cheap: no cheaper than what it replaces
                    // (lost characters left out), it is not worth weighing in context.
                    // (Filtered only when there is something to leave out: a filtered copy allocates.)
                    let weighed = candidate.replacement.contains(0xFFFD) ? candidate.replacement.filter { $0 != 0xFFFD }[...] : candidate.replacement[...]
                    if replacedCost?.range != candidate.range {
                        replacedCost = (candidate.range, evidence.cost(scalars[candidate.range]), words(in: scalars[candidate.range]))
                    }
                    guard evidence.cost(weighed) < replacedCost!.cost,
                          replacedCost!.words == 0 || replacedCost!.words <= words(in: candidate.replacement[...])
                    else { continue }
                    let after = scratch.joined(scalars[contextStart..<candidate.range.lowerBound], candidate.replacement[...], scalars[candidate.range.upperBound..<contextEnd])
                    let offset = candidate.range.lowerBound - contextStart
                    var lostMarks: [Int] = []
                    for (k, scalar) in candidate.replacement.enumerated() where scalar == 0xFFFD { lostMarks.append(offset + k) }
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

    /// Which Chinese `scalars` read as more likely.
    func language(of scalars: [UInt32]) -> TextLanguage {
        evidence.model.likelierChineseScript(scalars)
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

    /// How many neighbouring pairs of `text` are known words. A re-decoding that breaks
    /// more of them than it makes is no slip undone: clean text around a "?" (a bug report
    /// quoting 尤里的陰?, 謀 lost) read a byte out of step lost 里的 for 锏年.
    func words(in text: ArraySlice<UInt32>) -> Int {
        zip(text, text.dropFirst()).count { evidence.model.makesWord($0, $1) }
    }

    static func isLetterOrDigit(_ scalar: UInt32) -> Bool {
        (0x30...0x39).contains(scalar) || (0x41...0x5A).contains(scalar) || (0x61...0x7A).contains(scalar)
    }
}
