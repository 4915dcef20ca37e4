/// Which misreadings a line is worth weighing with: the repairer stops as soon as the
/// repairs found account for everything suspicious, and tries a reading that stands out
/// at a glance before its rivals.
extension Repairer {
    /// Of double-byte encodings read as windows-1252, the one whose straight decoding of
    /// the line's bytes costs a quarter less than every other's; nil when none stands out.
    func clearFavourite(among indices: [Int], for scalars: [UInt32]) -> Int? {
        guard indices.count > 1, let readAs = indices.first.map({ recipes[$0].readAs }) else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalars.count)
        // (ASCII is kept: in GBK's extension, Big5 and Shift-JIS it is the second byte of
        // some pairs, and taken out it would put every pair after it out of step.)
        var high = 0
        for scalar in scalars where readAs.encode(scalar, into: &bytes) && scalar >= 0x80 {
            high += 1
        }
        guard high >= 4 else { return nil }
        var costs: [(index: Int, cost: Int)] = []
        for index in indices {
            guard let actual = recipes[index].actual else { return nil }
            costs.append((index, bytes.withUnsafeBufferPointer { actual.cheapestCost(of: $0, in: evidence.model) }))
        }
        costs.sort { $0.cost < $1.cost }
        // A quarter cheaper than the runner-up: Big5 read from GBK's bytes (or the other
        // way) is Chinese too, but rarer characters.
        return costs[0].cost * 5 <= costs[1].cost * 4 ? costs[0].index : nil
    }

    /// Whether every suspicious character of `scalars` is inside one of `repairs`, which
    /// do not overlap.
    func accountsForEverySuspiciousCharacter(_ repairs: [Repair], in scalars: [UInt32]) -> Bool {
        var covered = [Bool](repeating: false, count: scalars.count)
        for repair in repairs {
            for i in repair.range {
                if covered[i] { return false }
                covered[i] = true
            }
        }
        // Hangul and kana are what UTF-8 read as EUC-KR or Shift-JIS makes, and also what
        // Korean and Japanese are written in: where the repairs gave that script, the line
        // is in it, and the rest of its Hangul or kana is text; so are its Han characters
        // that are rare only in Chinese (Japanese 図, 様, 気).
        let repairedScripts = Set(repairs.flatMap(\.replacement).lazy.map(ScriptClass.init).filter { $0 == .hangul || $0 == .kana })
        return !scalars.indices.contains { i in
            let scalar = scalars[i]
            guard !covered[i] else { return false }
            if Self.isTurkishLetterInSoup(i, in: scalars) || Self.isPunctuationReadAsDOS(i, in: scalars) { return true }
            guard suspicion.isSuspicious(scalar), !repairedScripts.contains(ScriptClass(scalar)) else { return false }
            return repairedScripts.isEmpty || suspicion.isStronglySuspicious(scalar) || !LanguageModel.isHan(scalar)
        }
    }

    /// Whether the character at `i` is Γ before what code page 437 shows for 80–8F (Ç ü é
    /// â …): E2 80 and the byte after it, the UTF-8 of general punctuation read as 437, as
    /// Windows consoles show it (’ is ΓÇÖ, “ ΓÇ£, the narrow no-break space in macOS's
    /// screenshot names ΓÇ»). Only that reading accounts for it; windows-1252's makes ǣ of
    /// the Ç£ after it.
    static func isPunctuationReadAsDOS(_ i: Int, in scalars: [UInt32]) -> Bool {
        guard scalars[i] == 0x393, i + 1 < scalars.count, let dos = try? LegacyCodec.named("ibm-437"),
              let byte = dos.singleByteCode(scalars[i + 1])
        else { return false }
        return (0x80...0x8F).contains(byte)
    }

    /// Whether the character at `i` is one of the six letters windows-1254 (Turkish Windows)
    /// has where windows-1252 has Ð Ý Þ ð ý þ, beside a Latin-1 character beyond ASCII: in
    /// GBK read so (¶Ô²»Æğ for 对不起) a reading as windows-1252 repairs around it, and
    /// only the Turkish reading accounts for it.
    static func isTurkishLetterInSoup(_ i: Int, in scalars: [UInt32]) -> Bool {
        isTurkishLetter(scalars[i]) && isBesideSoup(i, in: scalars)
    }

    /// Ğ ğ İ ı Ş ş: what windows-1254 has where windows-1252 has Ð ð Ý ý Þ þ.
    static func isTurkishLetter(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x11E, 0x11F, 0x130, 0x131, 0x15E, 0x15F: true
        default: false
        }
    }

    /// Whether a character beyond ASCII of Latin-1 (A1–FF) stands right before or after `i`.
    static func isBesideSoup(_ i: Int, in scalars: [UInt32]) -> Bool {
        let isSoup = { (k: Int) in k >= 0 && k < scalars.count && (0xA1...0xFF).contains(scalars[k]) }
        return isSoup(i - 1) || isSoup(i + 1)
    }

    /// How many characters that look wrong a run needs before Big5 read as GBK (or the
    /// reverse) is sought in it by windows (``SpanWindows``), unless it has private use,
    /// which alone is enough. One is enough for the labelling of ``ChineseSwapSegments``,
    /// whose stretches must make words, and for a whole line; both then need the saving
    /// of ``savingOnOneSign``.
    static let suspiciousInChineseSwap = 2

    /// What a swap must save, in quarter bits, where it is the only sign of one in its run:
    /// twice what a swap of two characters needs at the least (0062腹︽政 for 0062號行政
    /// saves 185, 纔好 read as 優疑 in clean text 47).
    static let savingOnOneSign = 80

    /// The signs in `run` that Chinese was read as the other Chinese encoding: 2
    /// (``suspiciousInChineseSwap``) for private use or a small ゃ, ゅ, ょ out of place, or for two characters that look
    /// wrong within ``closeTogether`` characters of each other (the distance the line's
    /// triage uses, see ``SuspicionTable/firstSuspicious(in:probe:)``, which also lets two
    /// rare ones that make a word go; here they count); 1 for one such character, or
    /// several far apart; 0 for none.
    func chineseSwapSigns(_ run: ArraySlice<UInt32>) -> Int {
        var last = Int.min / 2
        for index in run.indices where run[index] >= 0x80 {
            let scalar = run[index]
            if (0xE000...0xF8FF).contains(scalar) { return Self.suspiciousInChineseSwap }
            // So is a small ゃ, ゅ or ょ that no kana of the i row comes before, which
            // Japanese never writes (中文 in Big5 read as GBK is いゅ).
            if SuspicionTable.isKanaOutOfPlace(scalar, after: index > run.startIndex ? run[index - 1] : 0) {
                return Self.suspiciousInChineseSwap
            }
            if suspicion.isSuspicious(scalar) || isSwappedBetweenDigits(index, in: run) {
                if index - last <= Self.closeTogether { return Self.suspiciousInChineseSwap }
                last = index
            }
        }
        return last >= 0 ? 1 : 0
    }

    /// Whether the character at `index` stands between two digits, where the place favours
    /// what it reads as in the other Chinese encoding and not itself: 2018爛11 (爛 is GBK's
    /// 年 read as Big5), which no other sign shows, 爛 being a common character of
    /// traditional text.
    private func isSwappedBetweenDigits(_ index: Int, in run: ArraySlice<UInt32>) -> Bool {
        let (before, after) = ChineseSwapProbe.neighbours(of: index, in: run)
        // (Digits first: the codecs are looked up only for a character between two.)
        guard ChineseSwapProbe.isDigit(before), ChineseSwapProbe.isDigit(after),
              let gbk = try? LegacyCodec.named("windows-936-2000"), let big5 = try? LegacyCodec.named("windows-950-2000")
        else { return false }
        return [gbk.swapped(run[index], into: big5), big5.swapped(run[index], into: gbk)].contains { other in
            other.map { ChineseSwapProbe.placeFavours($0, at: index, in: run, digitsOnBothSides: true) } ?? false
        }
    }

    /// Whether `candidate` swaps one character between two digits for one the place favours
    /// (2018爛11 → 2018年11): the language model, which weighs characters alone, sees little
    /// saving there, and the digits are the evidence.
    func isFavouredBetweenDigits(_ candidate: Repair, in scalars: [UInt32]) -> Bool {
        guard candidate.range.count == 1, candidate.replacement.count == 1 else { return false }
        return ChineseSwapProbe.placeFavours(candidate.replacement[0], at: candidate.range.lowerBound, in: scalars[...], digitsOnBothSides: true)
    }

    /// The swap of one character between two digits that the place favours, when the
    /// evidence, which weighs characters without the digits, finds too little saving in it
    /// (爛 costs 25 more than 年 in simplified text; the place gives 年 ``ChineseSwapProbe/placeBonus`` at least).
    func favouredBetweenDigits(_ group: [Repair], in scalars: [UInt32], _ recipe: Recipe) -> [Repair]? {
        guard var candidate = group.first(where: { isFavouredBetweenDigits($0, in: scalars) }) else { return nil }
        candidate.chain = [recipe.misreading]
        candidate.confidence = 0.75
        candidate.saving = ChineseSwapProbe.placeBonus
        return [candidate]
    }

    /// How far apart, in characters, two that look wrong count as close together.
    static let closeTogether = 3

    /// Whether `candidate`, a swap of Big5 and GBK, gives one character that does not
    /// make a word on both sides, and shows no private use to prove the mix-up (see
    /// ``ChineseSwapSegments/makesWords(_:replacing:in:model:)``).
    static func isLoneSwapWithoutWords(_ candidate: Repair, in scalars: [UInt32], _ model: LanguageModel) -> Bool {
        candidate.replacement.count == 1 && !scalars[candidate.range].contains(where: { (0xE000...0xF8FF).contains($0) })
            && !ChineseSwapSegments.makesWords(candidate.replacement[...], replacing: candidate.range, in: scalars, model: model)
    }
}
