/// The stretches of a run of Chinese that read better in the other Chinese encoding:
/// Big5 read as GBK, or GBK read as Big5, inside otherwise clean text.
///
/// Both encodings are double-byte, so each misread character stands for exactly one
/// character of the other encoding, and a garbled stretch sits on the character
/// boundaries of the text around it. Which characters are garbled is a labelling of the
/// run: each character is read either as it stands or swapped into the other encoding.
/// The cheapest labelling under the language model (character costs, known bigrams
/// across neighbours, the penalties for what mix-ups make), where every switch between
/// the two readings costs ``switchCost``, is found by dynamic programming over the run
/// (Viterbi, two states). Its swapped stretches are the candidates; ``Evidence`` still
/// judges each one, in context, before anything changes.
///
/// Unlike seeding windows at the characters that look wrong, this finds where a stretch
/// really ends: garbled characters that happen to look fine ("僅假" in "三亚度假") are
/// taken in when the swapped reading joins its neighbours, and clean ones are left.
struct ChineseSwapSegments {
    let scalars: [UInt32]
    let run: Range<Int>
    let readAs: LegacyCodec
    let actual: LegacyCodec
    let model: LanguageModel
    /// The Chinese the line is written in (see ``lineLanguage(of:model:)``), found once a line.
    let language: TextLanguage
    /// Buffers reused from one run to the next.
    let scratch: SpanScratch

    /// What one switch between reading a character as it stands and swapping it costs,
    /// in quarter bits: a stretch pays it twice, so it must save more than that.
    static let switchCost = 36
    /// Characters each side by which the alternatives of a stretch may differ from it.
    static let widening = 1

    func groups() -> [[Repair]] {
        let count = run.count
        guard count > 0 else { return [] }
        let bonus = model.bigramBonus
        let unreachable = Int.max / 4
        // Taken from the scratch for the call and given back at its end (see SpanScratch).
        var swapped = SpanScratch.take(&scratch.swapped), from = SpanScratch.take(&scratch.from)
        var isSwapped = SpanScratch.take(&scratch.isSwapped)
        defer { scratch.swapped = swapped; scratch.from = from; scratch.isSwapped = isSwapped }
        // For each position, the swapped character (0 when there is none) and which state
        // each state's best path came from (bit 0: state 0's predecessor, bit 1: state 1's).
        swapped.removeAll(keepingCapacity: true)
        swapped.append(contentsOf: repeatElement(0, count: count))
        from.removeAll(keepingCapacity: true)
        from.append(contentsOf: repeatElement(0, count: count))
        let swappedLanguage: TextLanguage = actual.name == "windows-936-2000" ? .simplifiedChinese : actual.name == "windows-950-2000" ? .traditionalChinese : language
        var best = (as: 0, swapped: Self.switchCost)
        var previous = (as: UInt32(0x20), swapped: UInt32(0x20))
        for k in 0..<count {
            let original = scalars[run.lowerBound + k]
            let other = readAs.swapped(original, into: actual) ?? 0
            swapped[k] = other
            var emitAs = emission(original, language)
            // (The swapped text is weighed in its own encoding's script: GBK's simplified
            // characters are no less likely in a line that quotes traditional text beside
            // them, //腎翹傖髡 //登錄成功 being //登录成功 read as Big5.)
            var emitSwapped = other == 0 ? unreachable : emission(other, swappedLanguage)
            // Beside a digit, the place speaks too: 2018爛11 is 2018年11.
            let (before, after) = ChineseSwapProbe.neighbours(of: run.lowerBound + k, in: scalars[...])
            if other != 0, ChineseSwapProbe.isDigit(before) || ChineseSwapProbe.isDigit(after) {
                emitAs -= NeighbourBonuses.shared.bonus(for: original, after: before, before: after)
                emitSwapped -= NeighbourBonuses.shared.bonus(for: other, after: before, before: after)
            }
            func link(_ previousCharacter: UInt32, _ character: UInt32) -> Int {
                model.makesWord(previousCharacter, character) ? bonus : 0
            }
            // State 0: the character as it stands.
            let stay = best.as - link(previous.as, original)
            let back = best.swapped + Self.switchCost - link(previous.swapped, original)
            // State 1: the character swapped.
            let enter = best.as + Self.switchCost - link(previous.as, other)
            let keep = best.swapped - link(previous.swapped, other)
            var step: UInt8 = 0
            let nextAs = stay <= back ? stay : back
            if back < stay { step |= 1 }
            let nextSwapped = keep <= enter ? keep : enter
            if enter < keep { step |= 2 }
            from[k] = step
            best = (
                as: min(unreachable, nextAs + emitAs),
                swapped: other == 0 ? unreachable : min(unreachable, nextSwapped + emitSwapped)
            )
            previous = (original, other == 0 ? 0x20 : other)
        }
        // Walk back: which positions the cheapest labelling swaps.
        isSwapped.removeAll(keepingCapacity: true)
        isSwapped.append(contentsOf: repeatElement(false, count: count))
        var state = best.swapped + Self.switchCost < best.as ? 1 : 0
        for k in stride(from: count - 1, through: 0, by: -1) {
            isSwapped[k] = state == 1
            let step = from[k]
            if state == 0 { state = step & 1 != 0 ? 1 : 0 } else { state = step & 2 != 0 ? 0 : 1 }
        }
        var result: [[Repair]] = []
        var k = 0
        while k < count {
            guard isSwapped[k] else {
                k += 1
                continue
            }
            var end = k
            while end < count, isSwapped[end] { end += 1 }
            // Characters the same either way (ASCII) at the ends are not part of it.
            var lower = k, upper = end
            while lower < upper, swapped[lower] == scalars[run.lowerBound + lower] { lower += 1 }
            while upper > lower, swapped[upper - 1] == scalars[run.lowerBound + upper - 1] { upper -= 1 }
            if lower < upper {
                let group = alternatives(around: lower..<upper, swapped: swapped)
                if !group.isEmpty { result.append(group) }
            }
            k = end
        }
        return result
    }

    /// The stretch and those a character wider or narrower at either end, widest first.
    private func alternatives(around stretch: Range<Int>, swapped: [UInt32]) -> [Repair] {
        var group: [Repair] = []
        // Room for every alternative at once (nearly every stretch has some), instead of
        // growing the array two or three times.
        group.reserveCapacity((2 * Self.widening + 1) * (2 * Self.widening + 1))
        for lowerShift in -Self.widening...Self.widening {
            for upperShift in -Self.widening...Self.widening {
                let lower = stretch.lowerBound + lowerShift, upper = stretch.upperBound + upperShift
                guard lower >= 0, upper <= run.count, lower < upper,
                      swapped[lower..<upper].allSatisfy({ $0 != 0 })
                else { continue }
                // Judged as a slice, copied only when taken: most alternatives are not.
                let replacement = swapped[lower..<upper]
                let original = scalars[(run.lowerBound + lower)..<(run.lowerBound + upper)]
                // (Punctuation read as bopomofo is its own proof, as private use is.)
                let bopomofo = isPunctuationReadAsBopomofo(replacement, original)
                guard replacement.contains(where: LanguageModel.isHan) || bopomofo, !replacement.elementsEqual(original),
                      bopomofo || original.contains(where: { (0xE000...0xF8FF).contains($0) })
                        || Self.makesWords(replacement, replacing: (run.lowerBound + lower)..<(run.lowerBound + upper), in: scalars, model: model),
                      !swapsPairedBracket(replacement, original)
                else { continue }
                group.append(Repair(
                    range: (run.lowerBound + lower)..<(run.lowerBound + upper),
                    replacement: Array(replacement), chain: [], confidence: 0
                ))
            }
        }
        // (Sorted in place: `sorted` is the same sort on a copy.)
        group.sort { $0.range.count > $1.range.count }
        return group
    }

    /// Whether the swap turns a bracket or quote of `original` whose partner stands in the
    /// line into something else: a stretch read wider than its mojibake by the clean 「
    /// beside it (「 swapped is ☆, which weighs as any symbol, lighter than a bracket).
    private func swapsPairedBracket(_ replacement: ArraySlice<UInt32>, _ original: ArraySlice<UInt32>) -> Bool {
        zip(original, replacement).contains { character, swapped in
            guard character != swapped, let pair = WholeLineUndo.closingPairs.first(where: { $0.open == character || $0.close == character }) else {
                return false
            }
            return scalars.contains(character == pair.open ? pair.close : pair.open)
        }
    }

    /// Whether `original` is bopomofo that `replacement`, full-width punctuation, became in
    /// a line of simplified Chinese: GBK's ，：（） read as Big5 are ㄛㄩㄗㄘ. Written
    /// Chinese has bopomofo only in Taiwan (注音文, 好ㄉ), in traditional text.
    private func isPunctuationReadAsBopomofo(_ replacement: ArraySlice<UInt32>, _ original: ArraySlice<UInt32>) -> Bool {
        language == .simplifiedChinese && original.allSatisfy { (0x3105...0x312F).contains($0) }
            && replacement.allSatisfy { scalar in
                switch scalar {
                // Full-width punctuation, not letters or digits (ㄅ would be ｔ); CJK marks.
                case 0xFF01...0xFF0F, 0xFF1A...0xFF20, 0xFF3B...0xFF40, 0xFF5B...0xFF5E, 0x3001...0x3011: true
                default: false
                }
            }
    }

    /// Whether `replacement`, put in place of `range` of `scalars`, makes enough words with itself
    /// and its neighbours: a known bigram for every two characters, and for a single
    /// character one on each side, or a place that favours it. Both readings look like Chinese; only a reading that
    /// makes words is taken without private use to show the mix-up ("咂咂嘴" swapped is
    /// "诉诉嘴", common characters but no words). A rare character of clean text often
    /// reads as a common one that makes a word on one side: 纔 in 氣質纔是 is 優 (質優).
    static func makesWords(_ replacement: ArraySlice<UInt32>, replacing range: Range<Int>, in scalars: [UInt32], model: LanguageModel) -> Bool {
        var words = 0
        var previous = range.lowerBound > 0 ? scalars[range.lowerBound - 1] : 0x20
        func pair(with scalar: UInt32) {
            if model.makesWord(previous, scalar) { words += 1 }
            previous = scalar
        }
        for scalar in replacement { pair(with: scalar) }
        // And the last with the line's next character.
        let next: UInt32? = range.upperBound < scalars.count ? scalars[range.upperBound] : nil
        if let next { pair(with: next) }
        guard replacement.count == 1, range.count == 1 else {
            // Digits inside the stretch are the same either way, and a character beside
            // them whose place favours it counts as a word (衾2016爛 is 于2016年).
            for (k, scalar) in zip(range, replacement) where LanguageModel.isHan(scalar) && scalar != scalars[k]
                && ChineseSwapProbe.placeFavours(scalar, at: k, in: scalars[...], digitsOnBothSides: false)
            {
                words += 1
            }
            return words * 2 >= replacement.count { $0 >= 0x80 }
        }
        // A single character between numbers (or after a comma) makes no bigram; the
        // place may speak for it instead: 2018年10 for 2018爛10.
        return words >= 2 || ChineseSwapProbe.placeFavours(
            replacement[replacement.startIndex], over: scalars[range.lowerBound],
            after: range.lowerBound > 0 ? scalars[range.lowerBound - 1] : nil, before: next
        )
    }

    /// The Chinese `scalars`, a line, are written in, as they stand: the clean text around
    /// a garbled stretch says which script the repaired characters should be in. (The
    /// whole line, not the run: a run is cut where a character has no bytes in the
    /// encoding read as, and in simplified text read as Big5 it is often little more than
    /// the garbled stretch, whose characters are traditional ones: 游戏馴謹很受 for
    /// 游戏攻略很受.)
    static func lineLanguage(of scalars: [UInt32], model: LanguageModel) -> TextLanguage {
        model.likelierChineseScript(scalars.lazy.filter { $0 >= 0x80 })
    }

    @inline(__always)
    private func emission(_ scalar: UInt32, _ language: TextLanguage) -> Int {
        model.cost(scalar, in: language) + Evidence.penalty(for: scalar)
    }
}
