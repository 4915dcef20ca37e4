import FixTextCore

/// The span search: where in a line one misreading garbled text, run by run, window by
/// window, each weighed in its context.
extension Repairer {
    /// Whether the run at `range` is Latin-1 symbols alone, between two Han characters:
    /// what GBK's full-width punctuation read as Latin-1 makes (，is £¬), weighed though
    /// its bytes lead no character the recipes seek (see ``SpanWindows/isPunctuationBetweenHan(original:replacement:)``).
    static func isSymbolsBetweenHan(_ range: Range<Int>, in scalars: [UInt32]) -> Bool {
        range.lowerBound > 0 && range.upperBound < scalars.count && LanguageModel.isHan(scalars[range.lowerBound - 1])
            && LanguageModel.isHan(scalars[range.upperBound]) && scalars[range].allSatisfy { (0xA1...0xBF).contains($0) }
    }

    /// The spans of `scalars` that `recipe`'s misreading garbled, judged by the evidence.
    func spans(in scalars: [UInt32], claimed: [Bool], _ recipe: Recipe, depth: Int) -> [Repair] {
        if recipe.writesMiddleDotForUnread, let marked = Self.middleDotsAsUnread(scalars) {
            return spans(in: marked, claimed: claimed, recipe, depth: depth)
        }
        var result: [Repair] = []
        var i = 0, searched = 0
        let n = scalars.count
        let readAs = recipe.readAs, actual = recipe.actual
        // (Read once, not for every run: each read of a recipe's codec counts a reference.)
        let isChineseSwap = recipe.isChineseSwap
        let searchesNearSuspicious = !isChineseSwap && readAs.isMultiByte
        let mayHaveDroppedControls = actual == nil && readAs.name == LegacyCodec.sloppyWindows1252
        let readsCyrillic = actual == nil && readAs.name == "windows-1251"
        // A run of characters the read-as encoding has bytes for, around non-ASCII ones.
        let breaksAtNoBreakSpace = recipe.breaksAtNoBreakSpace
        // U+FFFD in UTF-8 read as a single-byte encoding may stand for one of its bytes.
        let takesReplacementCharacters = actual == nil && !readAs.isMultiByte
        let belongs = { (k: Int) in
            !claimed[k] && !(breaksAtNoBreakSpace && scalars[k] == 0xA0)
                && (readAs.canEncode(scalars[k]) || (takesReplacementCharacters && scalars[k] == 0xFFFD))
        }
        // The script of the line, for the labelling of Big5/GBK swaps: found at the first
        // run that needs it.
        var swapLanguage: TextLanguage?
        while i < n {
            guard !claimed[i], scalars[i] >= 0x80, readAs.canEncode(scalars[i]) else {
                i += 1
                continue
            }
            guard belongs(i) else {
                i += 1
                continue
            }
            var start = i
            while start > searched, belongs(start - 1) { start -= 1 }
            var end = i
            while end < n, belongs(end) { end += 1 }
            // (Big5 read as GBK is sought by its own signs, see chineseSwapSigns; the runs of
            // a single-byte reading are Latin text, whose stretches prove themselves together:
            // "LiĂ¨ge … l'HĂ´pital".)
            if searchesNearSuspicious {
                guard let first = (start..<end).first(where: { suspicion.isSuspicious(scalars[$0]) }) else {
                    i = end
                    searched = end
                    continue
                }
                var last = first, k = first + 1
                while k < end, k - last <= 2 * Self.searchReach + 1 {
                    if suspicion.isSuspicious(scalars[k]) { last = k }
                    k += 1
                }
                start = max(start, first - Self.searchReach)
                end = min(end, last + 1 + Self.searchReach)
            }
            searched = end
            // Undoing a misreading of UTF-8 needs a UTF-8 lead byte among the run's bytes;
            // undoing a misreading of a double-byte encoding, a byte that leads one of its characters. Most runs
            // have neither for most recipes, and are passed over at once.
            let swapSigns = isChineseSwap ? chineseSwapSigns(scalars[start..<end]) : 0
            // (Japanese read as GBK has Shift-JIS's kana, 82 9F–83 96, as GBK characters
            // with those first bytes: 偙傫偵偪偼.)
            let applies = isChineseSwap
                ? swapSigns > 0
                : recipe.isForeignReadAsGBK ? Self.hasKanaReadAsGBK(scalars[start..<end], readAs)
                : scalars[start..<end].contains { scalar in
                    actual == nil ? readAs.startsWithUTF8Lead(scalar) : readAs.startsWithDoubleByteLead(scalar)
                } || actual != nil && !readAs.isMultiByte && (WholeLineUndo.hasSymbolRun(scalars[start..<end]) || Self.isSymbolsBetweenHan(start..<end, in: scalars))
                // (Code page 866 reads every byte above 80 as a letter or box drawing.)
                || actual != nil && recipe.readsAsBoxDrawing && scalars[start..<end].contains { (readAs.singleByteCode($0) ?? 0) >= 0x81 }
            guard applies else {
                i = end
                continue
            }
            if isChineseSwap, let actual {
                if swapLanguage == nil { swapLanguage = ChineseSwapSegments.lineLanguage(of: scalars, model: evidence.model) }
                let segments = ChineseSwapSegments(
                    scalars: scalars, run: start..<end, readAs: readAs, actual: actual, model: evidence.model,
                    language: swapLanguage!, scratch: spanScratch
                )
                // The stretch around kana out of place is taken whole where the evidence takes
                // it; the rest of the run is labelled as ever (いゅ(羉砰) is 中文(繁體)).
                var stretchTaken: Range<Int>?
                if swapSigns >= Self.suspiciousInChineseSwap,
                   let stretch = swapStretchAroundKana(in: start..<end, of: scalars, readAs: readAs, actual: actual, recipe),
                   let taken = best(of: [stretch], in: scalars, recipe, depth: depth)
                {
                    result.append(adopting: taken)
                    stretchTaken = stretch.range
                }
                for group in segments.groups() where !group.contains(where: { stretchTaken?.overlaps($0.range) ?? false }) {
                    guard let best = best(of: group, in: scalars, recipe, depth: depth) ?? favouredBetweenDigits(group, in: scalars, recipe),
                          swapSigns >= Self.suspiciousInChineseSwap
                          || best.allSatisfy({ $0.saving >= Self.savingOnOneSign || isFavouredBetweenDigits($0, in: scalars) })
                    else { continue }
                    result.append(adopting: best)
                }
                guard swapSigns >= Self.suspiciousInChineseSwap else {
                    i = end
                    continue
                }
            }
            var run = RunBytes(scalars[start..<end], offset: start, codec: readAs, reusing: spanScratch)
            // Bytes that are mostly well-formed UTF-8 are UTF-8 read as something else: a
            // double-byte encoding would have made them by chance only in short stretches.
            if actual != nil, !readAs.isMultiByte, run.isMostlyUTF8 {
                run.recycle(into: spanScratch)
                i = end
                continue
            }
            // (The run is moved, not copied, into the windows, whose copy alone holds its
            // buffers when they are given back.)
            var windows = SpanWindows(
                run: consume run, scalars: scalars, actual: actual,
                trustsSingleCharacters: recipe.trustsSingleCharacters,
                mayHaveDroppedControls: mayHaveDroppedControls,
                evidence: evidence, suspicion: suspicion, scratch: spanScratch
            )
            var groups = windows.groups()
            if isChineseSwap {
                // A window of one character is no more evidence here than in the labelling.
                groups = groups.map { $0.filter { !Self.isLoneSwapWithoutWords($0, in: scalars, evidence.model) } }
            }
            // Given back before the groups are weighed: weighing may search spans again
            // (layered mojibake), and can use them then.
            windows.run.recycle(into: spanScratch)
            for group in groups {
                guard var best = best(of: group, in: scalars, recipe, depth: depth) else { continue }
                if recipe.isForeignReadAsGBK { best = best.filter(Self.isKanaText) }
                if actual != nil, !readAs.isMultiByte { best = best.filter { !Self.isOneLetterRepeated(scalars[$0.range]) } }
                if recipe.isAlphabetReadAsLatin { best = best.filter { Self.isAlphabetSoup($0.range, in: scalars) && Self.hasNaturalCase($0.replacement) } }
                if readsCyrillic { best = best.filter { !Self.isInsideCapitalCyrillicWord($0.range, in: scalars) } }
                // (What follows the Γ of a console's punctuation read as code page 437 is the
                // rest of its bytes, not windows-1252's: Ç£ of ΓÇ£ is no ǣ.)
                if mayHaveDroppedControls {
                    best = best.filter { !($0.range.lowerBound > 0 && Self.isPunctuationReadAsDOS($0.range.lowerBound - 1, in: scalars)) }
                }
                result.append(adopting: best)
            }
            i = end
        }
        if recipe.isAlphabetReadAsLatin, !result.isEmpty, let actual {
            result += lettersAlone(in: scalars, around: result, readAs: readAs, actual: actual, recipe)
        }
        // A letter and the space after it taken for one character whose last byte was A0
        // (a no-break space made a plain one) is evidence only of windows-1252's reading,
        // whose Ã and Â are no letters of text before a space; other readings' are (В and
        // Ă: "ПЕРЕГОВОРОВ САНКЦИИ", "CULTURALĂ VERSIUNEA"), and such a repair stands only
        // beside another of the same reading in the line ("rГ©gion … Г l’ouest").
        if actual == nil, !mayHaveDroppedControls, result.contains(where: { Self.isSpaceTakenForNoBreakSpace($0, in: scalars) }),
           !result.contains(where: { !Self.isSpaceTakenForNoBreakSpace($0, in: scalars) })
        {
            return []
        }
        return result
    }
}
