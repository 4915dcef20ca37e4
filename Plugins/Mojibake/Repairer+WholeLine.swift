import FixTextCore

/// The fast path for the commonest shape of mojibake in a crawl: a line garbled whole,
/// because the page it came from was decoded with the wrong encoding.
///
/// One misreading is undone over the whole line at once and the result weighed once,
/// instead of stretch by stretch with trimmed alternatives, each weighed in its context.
/// Only a line that fits the shape exactly is taken here: every character has bytes in the
/// encoding it was read as, those bytes decode from the first to the last (but for the
/// characters a "?" stood for), and the result has no shape of mojibake left. Anything
/// else (clean text beside the mojibake, a byte that does not decode, a result that still
/// looks wrong) goes to the span-by-span search.
extension Repairer {
    /// The repairs of a line garbled whole by one misreading (or by the same misreading
    /// two to six times over), or nil when the line is not garbled so.
    /// `favourite` gives ``clearFavourite(among:for:)`` of rival readings of the line;
    /// `turkishSoup` and `latin9Soup`, whether it has a letter of windows-1254 or of
    /// ISO-8859-15 in Latin-1 soup (``isTurkishLetterInSoup(_:in:)``,
    /// ``isLatin9LetterInSoup(_:in:)``). `onlySwaps`: Big5 and GBK read as each other
    /// alone are weighed.
    func wholeLineRepairs(of scalars: [UInt32], turkishSoup: Bool, latin9Soup: Bool, onlySwaps: Bool = false, favourite: ([Int]) -> Int?) -> [Repair]? {
        var found = onlySwaps ? nil : firstUTF8Undo(of: scalars[...])
        // GBK read as Latin-9, before windows-1252's reading, which its own letters would
        // fit too (see isLatin9LetterInSoup).
        if found == nil, latin9Soup, let latin9 = latin9Index, let actual = recipes[latin9].actual,
           let undone = WholeLineUndo(legacy: actual, readAs: recipes[latin9].readAs, scalars[...]), Self.isMostlyHan(undone.replacement)
        {
            found = (recipes[latin9], undone)
        }
        if found == nil, !onlySwaps {
            if let favourite = favourite(legacyIndices), let actual = recipes[favourite].actual,
               let undone = WholeLineUndo(legacy: actual, readAs: recipes[favourite].readAs, scalars[...])
            {
                found = (recipes[favourite], undone)
            }
        }
        if found == nil, !onlySwaps {
            // GBK read as another single-byte encoding (windows-1250, code page 437): the
            // first reading that decodes, and from code page 437 only Chinese that makes
            // words (see ``isChineseWithWords(_:)``).
            // Turkish Windows' readings only for a line that has its letters in the soup
            // (elsewhere they are windows-1252's, which the favourite above weighed), and of
            // GBK's and EUC-KR's the one clearly cheaper, as for windows-1252.
            let turkishFavourite = turkishSoup ? favourite(turkishIndices) : nil
            for (index, recipe) in recipes.enumerated() where !recipe.actualIsUTF8 && !recipe.isDoubleByteReadAsWindows1252 && !recipe.readAs.isMultiByte && index != latin9Index {
                if recipe.readsAsTurkish, !turkishSoup || turkishFavourite.map({ $0 != index }) ?? false { continue }
                if let actual = recipe.actual, let undone = WholeLineUndo(legacy: actual, readAs: recipe.readAs, scalars[...]),
                   !recipe.readsAsBoxDrawing || isOwnLanguage(undone.replacement, of: recipe, letterSoup: Self.mixesBoxDrawingAndLetters(scalars[...]))
                {
                    found = (recipe, undone)
                    break
                }
            }
        }
        // A swap the line shows one sign of must save as much as one in a span must.
        var swapWithOneSign = false
        if found == nil, let (recipe, undone, signs) = chineseSwapUndo(of: scalars) {
            found = (recipe, undone)
            swapWithOneSign = signs < Self.suspiciousInChineseSwap
        }
        // (A reading as code page 437 has shown its words above.)
        guard let (recipe, first) = found, recipe.actualIsUTF8 || recipe.isChineseSwap || !Self.isOneLetterRepeated(scalars[...]),
              !recipe.isAlphabetReadAsLatin || Self.isAlphabetSoup(0..<scalars.count, in: scalars) && Self.hasNaturalCase(first.replacement),
              recipe.isChineseSwap || recipe.readsAsBoxDrawing || first.isEnoughEvidence(against: scalars[...], actualIsUTF8: recipe.actualIsUTF8)
        else {
            return nil
        }
        // Text garbled two to six times over is undone again while what comes out still
        // has characters that misreadings make and reads back as UTF-8 throughout; the
        // layer that reads best wins.
        var levels = [(undone: first, chain: [recipe.misreading.told(for: scalars[...])])]
        while recipe.actualIsUTF8, levels.count < Self.maximumLayers, let last = levels.last, last.undone.isLossless,
              last.undone.replacement.contains(where: suspicion.isStronglySuspicious),
              let (inner, undone) = firstUTF8Undo(of: last.undone.replacement[...]), undone.isLossless || undone.onlyRestoredDroppedBytes
        {
            levels.append((undone, last.chain + [inner.misreading.told(for: last.undone.replacement[...])]))
        }
        // ASCII that a UTF-8 line runs through is the same after as before: the margin
        // grows with what the repair changes.
        let replaced = recipe.actualIsUTF8 ? scalars.reduce(0) { $0 + ($1 >= 0x80 ? 1 : 0) } : scalars.count
        var best: (level: Int, confidence: Double, saving: Int)?
        var originalCost: Int?  // the same for every layer
        for (k, level) in levels.enumerated() where level.undone.hasNoMixUpShape(evidence: evidence) {
            originalCost = originalCost ?? evidence.cost(scalars[...])
            // With nothing lost, the shape check has found the candidate plausible and
            // without penalty; the judge need not look again.
            let nothingLost = level.undone.lostMarks.isEmpty
            guard let verdict = evidence.judge(
                original: scalars[...], candidate: level.undone.replacement[...], replaced: replaced,
                lostMarks: level.undone.lostMarks, originalCost: originalCost,
                contextChecked: nothingLost, candidatePenalty: nothingLost ? 0 : nil
            ), verdict.saving > best?.saving ?? .min else { continue }
            best = (k, verdict.confidence, verdict.saving)
        }
        guard let best, !swapWithOneSign || best.saving >= Self.savingOnOneSign else { return nil }
        let undone = levels[best.level].undone
        // A layered repair is one change.
        guard best.level == 0 else {
            return [Repair(
                range: 0..<scalars.count, replacement: undone.replacement, chain: levels[best.level].chain,
                confidence: best.confidence, lost: undone.stretches.flatMap(\.losses), saving: best.saving
            )]
        }
        var repairs: [Repair] = []
        var lineStart = 0, replacementStart = 0
        // Each character a "?" stood for ends a repair of its own, which reports the loss.
        for stretch in undone.stretches {
            let range = lineStart..<stretch.lineEnd
            // A line undone in one stretch (most are) takes the replacement as it is, uncopied.
            let replacement = replacementStart == 0 && stretch.replacementEnd == undone.replacement.count
                ? undone.replacement : Array(undone.replacement[replacementStart..<stretch.replacementEnd])
            let repair = Repair(
                range: range, replacement: replacement,
                chain: [recipe.misreading.told(for: scalars[range])], confidence: best.confidence,
                lost: stretch.losses, saving: best.saving
            )
            // A repair is cut at the ASCII it keeps, and reports its losses on its last
            // piece; bytes guessed inside it are reported with the whole of it.
            let guessesInside = stretch.losses.dropLast().contains { if case .unreadBytes = $0 { true } else { false } }
            repairs.append(adopting: guessesInside ? [repair] : pieces(of: repair, in: scalars, readAs: recipe.readAs, actual: recipe.actual))
            lineStart = stretch.lineEnd
            replacementStart = stretch.replacementEnd
        }
        return repairs
    }

    /// Big5 read whole as GBK, or GBK as Big5: of the two readings undone, the one that
    /// gives likelier text; nil for none. A strict decoder (Python's) wrote U+FFFD for each
    /// lead it could not read and went on out of step; a decoder that reads every pair
    /// (ICU's, Windows') left the line in step, and it is encoded back and decoded as the
    /// other. Both are Chinese: a reading of the latter mostly of anything but Han
    /// characters is none (屯屯屯, uninitialised memory read as GBK, is べべべ read back as
    /// Big5, and kana cost little as Japanese); and it is tried only on a line with a sign
    /// of a swap (``chineseSwapSigns(_:)``), which it returns: with one only, the caller
    /// asks the saving a span would need (頗埜腎翹, 会员登录 read as Big5, has one rare
    /// character).
    private func chineseSwapUndo(of scalars: [UInt32]) -> (Recipe, WholeLineUndo, signs: Int)? {
        let strict = scalars.contains(0xFFFD)
        let signs = strict ? Self.suspiciousInChineseSwap : chineseSwapSigns(scalars[...])
        guard signs > 0 else { return nil }
        let undone = recipes.filter(\.isChineseSwap).compactMap { recipe -> (recipe: Recipe, undone: WholeLineUndo, cost: Int)? in
            guard let actual = recipe.actual else { return nil }
            let undo = strict
                ? WholeLineUndo(strictlyRead: scalars[...], as: recipe.readAs, actually: actual, model: evidence.model)
                : WholeLineUndo(legacy: actual, readAs: recipe.readAs, scalars[...]).flatMap { Self.isMostlyHan($0.replacement) ? $0 : nil }
            return undo.map { (recipe, $0, evidence.cost($0.replacement[...])) }
        }
        return undone.min { $0.cost < $1.cost }.map { ($0.recipe, $0.undone, signs) }
    }

    /// Whether `text` is Chinese that makes words: a known bigram for every two of its Han
    /// characters (rounded down), and at least one. Code page 437 reads GBK's lead bytes as box drawing,
    /// which is also what line art is made of ("──" read back as GBK is 哪), so its repairs
    /// must make words (中文, 新建文件夹).
    /// (`oneWordEnough` where the line shows the misreading on its own: box drawing beside
    /// Cyrillic letters, code page 866's reading of GBK, is no line art.)
    func isChineseWithWords(_ text: [UInt32], oneWordEnough: Bool = false) -> Bool {
        var han = 0, words = 0
        var previous: UInt32 = 0x20
        for scalar in text {
            if LanguageModel.isHan(scalar) {
                han += 1
                if evidence.model.makesWord(previous, scalar) { words += 1 }
            }
            previous = scalar
        }
        return words > 0 && (oneWordEnough || words * 2 + 1 >= han)
    }

    /// Whether `text`, read back from a DOS code page's box drawing, is what its encoding
    /// writes: Chinese that makes words (see ``isChineseWithWords(_:oneWordEnough:)``; one
    /// word is enough where `letterSoup`, box drawing beside the code page's letters, shows
    /// the mix-up), Japanese with two kana at least, Korean in Hangul; the last two only
    /// from such soup, since line art alone reads as them too (── is 캄 in EUC-KR).
    func isOwnLanguage(_ text: [UInt32], of recipe: Recipe, letterSoup: Bool) -> Bool {
        switch recipe.misreading.actual {
        case LegacyCodec.shiftJIS:
            return letterSoup && text.count { (0x3041...0x30FF).contains($0) } >= 2
        case "windows-949-2000":
            return letterSoup && Self.isMostly(text, atLeast: 2, threeInFour: { (0xAC00...0xD7A3).contains($0) })
        default:
            return isChineseWithWords(text, oneWordEnough: letterSoup)
        }
    }

    /// Whether at least three in four characters of `text` beyond ASCII are of a kind
    /// (`threeInFour`), `atLeast` of them.
    private static func isMostly(_ text: [UInt32], atLeast minimum: Int, threeInFour isOfKind: (UInt32) -> Bool) -> Bool {
        var beyondASCII = 0, ofKind = 0
        for scalar in text where scalar >= 0x80 {
            beyondASCII += 1
            if isOfKind(scalar) { ofKind += 1 }
        }
        return ofKind >= minimum && ofKind * 4 >= beyondASCII * 3
    }

    /// Hangul, as syllables or as the jamo they decompose into; four characters at least.
    private static func isMostlyHangul(_ text: [UInt32]) -> Bool {
        isMostly(text, atLeast: 4, threeInFour: WholeLineUndo.isHangul)
    }

    private static func isMostlyCyrillic(_ text: [UInt32]) -> Bool {
        isMostly(text, atLeast: 2) { (0x400...0x4FF).contains($0) }
    }

    /// Whether at least half the characters of `text` beyond ASCII are Han characters.
    private static func isMostlyHan(_ text: [UInt32]) -> Bool {
        var beyondASCII = 0, han = 0
        for scalar in text where scalar >= 0x80 {
            beyondASCII += 1
            if LanguageModel.isHan(scalar) { han += 1 }
        }
        return han * 2 >= beyondASCII
    }

    /// The first misreading of UTF-8, in the order of ``Misreading/utf8Misreadings``, that
    /// `line` reads back from throughout. Only the common ones are tried: as windows-1252,
    /// windows-1251 or a double-byte encoding, and as code page 437 when what comes back is
    /// Chinese that makes words. The rarer single-byte ones turn line art and leetspeak
    /// into letters now and then ("├┤a┼┐a" is "ôaſa" in code page 437), which the
    /// span-by-span search weighs letter by letter.
    private func firstUTF8Undo(of line: ArraySlice<UInt32>) -> (Recipe, WholeLineUndo)? {
        for recipe in recipes where recipe.actualIsUTF8 && (recipe.trustsSingleCharacters || recipe.readAs.isMultiByte || recipe.readsAsBoxDrawing) {
            // (The line is copied only when it has a dot: most have none, and every line
            // that reaches here is tried as Shift-JIS read by Windows.)
            let marked = recipe.writesMiddleDotForUnread && line.contains(Self.middleDot) ? Self.middleDotsAsUnread(Array(line)).map { $0[...] } : nil
            guard var undone = WholeLineUndo(utf8ReadAs: recipe.readAs, marked ?? line, model: evidence.model, scratch: spanScratch) else { continue }
            // Bytes that read as pairs taken out as private use may be bytes a strict
            // decoder dropped instead (a lead of GBK's user-defined rows, which Python's
            // `gbk` cannot read): the reading of the two that gives likelier text.
            if !undone.isLossless, WholeLineUndo.mayHaveDroppedUnread(marked ?? line, readAs: recipe.readAs),
               let dropped = WholeLineUndo(utf8ReadAs: recipe.readAs, marked ?? line, model: evidence.model, scratch: spanScratch, droppedUnread: true),
               evidence.cost(dropped.replacement[...]) < evidence.cost(undone.replacement[...])
            {
                undone = dropped
            }
            // From code page 437 (a zip archive's UTF-8 file names, Σ╕¡µûç for 中文, read as
            // its default), only Chinese that makes words.
            // From code page 866, Russian DOS's, Cyrillic too: consoles of Russian Windows
            // show UTF-8 so (Ошибка is ╨Ю╤И╨╕╨▒╨║╨░).
            // From 437 also Korean decomposed into jamo, as macOS stores file names (새로운 is
            // ßäëßàóßäàßà⌐ in a zip archive's listing).
            if recipe.readsAsBoxDrawing, !isChineseWithWords(undone.replacement),
               recipe.readAs.name != "ibm-866" || !Self.isMostlyCyrillic(undone.replacement),
               recipe.readAs.name != "ibm-437" || !Self.isMostlyHangul(undone.replacement)
            {
                continue
            }
            return (recipe, undone)
        }
        return nil
    }
}
