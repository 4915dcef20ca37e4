import FixTextCore
/// Finds the repairs of one suspicious line: for each misreading, the spans whose
/// re-decoding the evidence prefers, undone again while that helps (layered mojibake).
struct Repairer {
    let evidence: Evidence
    let suspicion: SuspicionTable
    let recipes: [Recipe]
    /// The search for misaligned GBK streams, whose tables (GBK's, and the likeliest
    /// character of each byte) are built at the first line that needs it: text garbled as
    /// UTF-8 read as windows-1252, the commonest mojibake, never does.
    let misaligned: BuiltOnFirstUse<MisalignedStream>
    /// windows-1252 itself, for its C1 controls read as Latin-1 (``controlCharacterRepairs(of:)``):
    /// built at the first line that has one.
    let windows1252: BuiltOnFirstUse<LegacyCodec>
    /// GBK or Big5 read as windows-1252, then partly read as UTF-8 again by ftfy.
    let ftfyRereading: FtfyRereading
    /// Where candidates are put together with their context to be weighed.
    let scratch = ScalarScratch()
    /// Buffers the span search and the whole-line undo reuse from one run to the next.
    let spanScratch = SpanScratch()
    /// Where UTF-8 read as windows-936 and as GB18030 are among the recipes.
    private let utf8ReadAsGBK: Int?, utf8ReadAsGB18030: Int?
    /// Where double-byte text read as windows-1252 is among the recipes (found once, not
    /// filtered out of them again for every line).
    let legacyIndices: [Int]
    /// Where GBK and EUC-KR read as windows-1254 are among the recipes.
    let turkishIndices: [Int]
    /// Where GBK read as ISO-8859-15 is among the recipes.
    let latin9Index: Int?
    /// How many misreadings of the same span are undone at most: text garbled again each
    /// time it was saved, as source files and database fields are (a comment's – after five
    /// readings as windows-1252 is 44 characters, from a public repository). Layers are
    /// sought only while what comes out still looks wrong, so the limit costs clean text
    /// nothing.
    static let maximumLayers = 6
    /// Characters on each side of a span that are weighed with it.
    static let context = 4

    init(evidence: Evidence = Evidence(), suspicion: SuspicionTable = .shared) throws {
        self.evidence = evidence
        self.suspicion = suspicion
        let buffers = spanScratch
        misaligned = try BuiltOnFirstUse("the misaligned-stream search", needing: "windows-936-2000") {
            try MisalignedStream(evidence: evidence, suspicion: suspicion, scratch: buffers)
        }
        windows1252 = try BuiltOnFirstUse.codec("windows-1252")
        ftfyRereading = try FtfyRereading(evidence: evidence)
        var codecs: [String: BuiltOnFirstUse<LegacyCodec>] = [:]
        func codec(_ name: String) throws -> BuiltOnFirstUse<LegacyCodec> {
            if let known = codecs[name] { return known }
            let codec = try BuiltOnFirstUse.codec(name)
            codecs[name] = codec
            return codec
        }
        recipes = try (Misreading.utf8Misreadings + Misreading.legacyMisreadings + Misreading.chineseSwaps + Misreading.foreignReadAsGBK).map { misreading in
            Recipe(
                misreading: misreading,
                readAs: try codec(misreading.readAs),
                actual: misreading.actualIsUTF8 ? nil : try codec(misreading.actual)
            )
        }
        utf8ReadAsGBK = recipes.firstIndex { $0.actualIsUTF8 && $0.misreading.readAs == "windows-936-2000" }
        utf8ReadAsGB18030 = recipes.firstIndex { $0.actualIsUTF8 && $0.misreading.readAs == "gb18030" }
        legacyIndices = recipes.enumerated().filter { $0.element.isDoubleByteReadAsWindows1252 }.map(\.offset)
        turkishIndices = recipes.enumerated().filter { $0.element.readsAsTurkish }.map(\.offset)
        latin9Index = recipes.firstIndex { !$0.actualIsUTF8 && $0.misreading.readAs == "iso-8859-15" }
    }

    /// The repairs of `scalars`, which hold no byte order mark read as windows-1252 (see
    /// ``repairs(of:)``), not overlapping, in order. Every recipe proposes its repairs;
    /// where proposals overlap, the one that saves the most wins.
    ///
    /// `onlySwapSign`: the line's only sign of a mix-up is a rare Han character alone that
    /// reads better as the other Chinese encoding (``ChineseSwapProbe``), and only Big5 and
    /// GBK read as each other are weighed: no other reading has anything to take there,
    /// and weighing them all made such lines of clean traditional text (纔是, 爲了) half the
    /// time spent on a corpus of it.
    func repairsBetweenMarks(of scalars: [UInt32], lossyMarks: [LossyMarks.Mark]? = nil, onlySwapSign: Bool = false) -> [Repair] {
        // A line whose only signs of a mix-up are lossy marks (锟斤拷, 烫烫烫, U+FFFD: see
        // LossyMarks) has nothing any reading could repair: those marks are text already
        // lost, reported as such. Searched, such a line cost as much as one garbled
        // throughout. (The slipped-stream search has signs of its own: a "?" after a
        // Chinese character, a letter a last pair swallowed.)
        let lost = Self.lostText(in: scalars, marks: lossyMarks)
        if let inMark = lost.claimed, !scalars.indices.contains(where: { i in
            !inMark[i] && (suspicion.isSuspicious(scalars[i]) || misaligned.value.isAnchor(i, in: scalars))
        }) {
            return []
        }
        if onlySwapSign { return swapRepairs(of: scalars) }
        // The reading that stands out among rival readings of the same bytes (double-byte
        // text read as windows-1252: legacyIndices; GBK and EUC-KR read as windows-1254:
        // turkishIndices), asked for by the whole-line undo and again by the span search:
        // found once for each set, which its first index names.
        var favourites: [Int: Int?] = [:]
        // Cyrillic, Greek and Hebrew read as windows-1252 are weighed only on a line with a
        // word of such soup (see isAlphabetSoup): on any other, their repairs would all be
        // turned down.
        let alphabetSoup = Self.hasAlphabetSoupWord(scalars)
        func favourite(among indices: [Int]) -> Int? {
            guard let key = indices.first else { return nil }
            if let known = favourites[key] { return known }
            let found = clearFavourite(among: alphabetSoup ? indices : indices.filter { !recipes[$0].isAlphabetReadAsLatin }, for: scalars)
            favourites[key] = .some(found)
            return found
        }
        // Double-byte text read as windows-1252 that ftfy then partly read as UTF-8 has
        // characters no single codec gives back (ϵͳ): it is undone on its own terms, and
        // competes with every other misreading once all have been weighed (GBK read as
        // windows-1250 has letters windows-1252 lacks too, and its repairs save more).
        // (Not a run with a console's punctuation read as code page 437 in it, ΓÇ£ for “,
        // which only that reading accounts for: read as GBK that ftfy reread, it is 螕牵.)
        let reread = ftfyRereading.isRereadLine(scalars)
            ? ftfyRereading.repairs(of: scalars).filter { !$0.range.contains { Self.isPunctuationReadAsDOS($0, in: scalars) } } : []
        // (Not where a Turkish letter stands in the soup: windows-1254's reading, weighed
        // with the rarer ones, makes of it what ftfy's rereading makes of it as UTF-8.)
        let turkishSoup = scalars.indices.contains { Self.isTurkishLetterInSoup($0, in: scalars) }
        if !reread.isEmpty, accountsForEverySuspiciousCharacter(reread, in: scalars), !turkishSoup { return reread }
        let latin9Soup = scalars.indices.contains { Self.isLatin9LetterInSoup($0, in: scalars) }
        if let whole = wholeLineRepairs(of: scalars, turkishSoup: turkishSoup, latin9Soup: latin9Soup, favourite: favourite) { return whole }
        let none = [Bool](repeating: false, count: scalars.count)
        // Most real mojibake is UTF-8 read as windows-1252 or as windows-936. When one of
        // those accounts for every suspicious character of the line, no other misreading
        // is weighed: the line costs two recipes instead of twenty.
        var proposals: [Repair] = []
        var tried = [Bool](repeating: false, count: recipes.count)
        if !alphabetSoup { for index in legacyIndices where recipes[index].isAlphabetReadAsLatin { tried[index] = true } }
        for index in recipes.indices.prefix(Self.commonRecipes) {
            let found = spans(in: scalars, claimed: none, recipes[index], depth: 1)
            if !found.isEmpty, accountsForEverySuspiciousCharacter(found, in: scalars) {
                return found.sorted { $0.range.lowerBound < $1.range.lowerBound }
            }
            proposals.append(adopting: found)
            tried[index] = true
        }
        // Next, double-byte text read as windows-1252 (ÖÐÎÄ): GBK, Big5, EUC-KR and
        // Shift-JIS readings weighed against each other, and the rest only if they leave
        // something unexplained. A reading clearly likelier than the others at a glance (its
        // characters' costs, decoded straight through) is weighed alone first.
        // (GBK read as Latin-9 first where one of its own letters stands in the soup:
        // windows-1252 has those letters too, for other bytes, and its reading of the line
        // would account for them, wrongly: ÎÄŒþÃû as 文岨名, not 文件名.)
        if latin9Soup, let latin9 = latin9Index {
            // (Chinese comes back, two characters at least: GBK's A8 A8 is è, and Czech's šš.)
            proposals.append(adopting: spans(in: scalars, claimed: none, recipes[latin9], depth: 1).filter { repair in
                repair.replacement.count(where: LanguageModel.isHan) >= 2
            })
            tried[latin9] = true
        }
        if let favourite = favourite(among: legacyIndices) {
            let found = spans(in: scalars, claimed: none, recipes[favourite], depth: 1)
            let alone = Self.choose(from: proposals + found, count: scalars.count)
            if !found.isEmpty, accountsForEverySuspiciousCharacter(alone, in: scalars) { return alone }
            proposals.append(adopting: found)
            tried[favourite] = true
        }
        for index in legacyIndices where !tried[index] {
            proposals.append(adopting: spans(in: scalars, claimed: none, recipes[index], depth: 1))
            tried[index] = true
        }
        let legacy = Self.choose(from: proposals, count: scalars.count)
        if !legacy.isEmpty, accountsForEverySuspiciousCharacter(legacy, in: scalars) { return legacy }
        // A line mostly of 锟斤拷 is text already lost: what stands between its marks is
        // fragments, which no slip or rarer reading gives back, and whose search cost more
        // than the rest of the line's.
        if scalars.contains(LossyMarks.kun), 2 * lost.count >= scalars.count(where: { $0 >= 0x80 }) { return legacy }
        // A GBK stream that slipped a byte, next: where its repairs are long, account for
        // everything suspicious and give nothing that looks wrong themselves, the rarer
        // readings are not weighed. On a slipped line they find nothing, and cost as much
        // again as the slip's search (Big5 read as GBK weighs its every stretch). A short
        // repair competes with Big5 read as GBK: 旅遊 in 去台北旅遊, read as GBK, also
        // re-reads a byte later as 碑裙.
        let slipped = misaligned.value.repairs(of: scalars, claimed: lost.claimed ?? none)
        if !slipped.isEmpty, slipped.allSatisfy({ $0.range.count >= MisalignedStream.longRun && !$0.replacement.contains { $0 != 0xFFFD && suspicion.isSuspicious($0) } }) {
            let chosen = Self.choose(from: proposals + slipped, count: scalars.count)
            if accountsForEverySuspiciousCharacter(chosen, in: scalars) { return chosen }
        }
        for index in recipes.indices where !tried[index] {
            // GB18030 is windows-936 for every character both have: on such a line it
            // would propose what windows-936 already did. (A line of ASCII is let go
            // before the codecs are fetched, which would build GB18030's tables.)
            if index == utf8ReadAsGB18030, let gbk = utf8ReadAsGBK, tried[gbk],
               scalars.allSatisfy({ $0 < 0x80 }) || Self.sameBytes(scalars, recipes[index].readAs, as: recipes[gbk].readAs)
            {
                continue
            }
            // UTF-8 read by Turkish Windows is windows-1252's reading but for six letters:
            // without one of them, the line has been weighed so already.
            if recipes[index].actualIsUTF8, recipes[index].misreading.readAs == "windows-1254",
               !scalars.contains(where: Self.isTurkishLetter)
            {
                continue
            }
            // (GBK read as Latin-9 is weighed above, where it can be.)
            if index == latin9Index { continue }
            // GBK read as a DOS code page (a zip archive's file names) is undone over whole
            // lines above, and inside a line only where its box drawing stands among the
            // code page's letters, which line art never puts together: write("╢╘▓╗╞Ёгм╟ы")
            // is 对不起，请 read as 866, .zip::╨┬╜¿╬─╝■╝╨ a folder's name read as 437.
            // Box drawing alone is likelier line art.
            if recipes[index].readsAsBoxDrawing, !recipes[index].actualIsUTF8 {
                if Self.mixesBoxDrawingAndLetters(scalars[...]) {
                    proposals.append(adopting: spans(in: scalars, claimed: none, recipes[index], depth: 1).filter { repair in
                        Self.mixesBoxDrawingAndLetters(scalars[repair.range])
                            && isOwnLanguage(repair.replacement, of: recipes[index], letterSoup: true)
                    })
                }
                continue
            }
            // GBK read by Turkish Windows only where its letters stand in the soup, and only
            // stretches with a symbol of A1–BF, which Turkish words have none of (ÇÖĞÜR is
            // a word; ¶Ô²»Æğ is 对不起).
            if recipes[index].readsAsTurkish {
                // (GBK's and EUC-KR's readings, the one clearly cheaper alone when one is:
                // Korean read as GBK is common characters too, 茄臂 for 한글.)
                guard turkishSoup, favourite(among: turkishIndices).map({ $0 == index }) ?? true else { continue }
                proposals.append(adopting: spans(in: scalars, claimed: none, recipes[index], depth: 1).filter { repair in
                    scalars[repair.range].contains { (0xA1...0xBF).contains($0) }
                })
                continue
            }
            let found = spans(in: scalars, claimed: none, recipes[index], depth: 1)
            proposals.append(adopting: found)
            // Once what is found accounts for everything suspicious in the line's own script,
            // the readings after it are not weighed.
            if !found.isEmpty {
                let chosen = Self.choose(from: proposals + slipped, count: scalars.count)
                if Self.isInLineScript(chosen, of: scalars), accountsForEverySuspiciousCharacter(chosen, in: scalars) { break }
            }
        }
        proposals.append(adopting: slipped)
        proposals.append(adopting: controlCharacterRepairs(of: scalars))
        let chosen = Self.choose(from: proposals + reread, count: scalars.count)
        // Last, ftfy's rereading into characters windows-1252 has: no sign of its own, and
        // its every run weighed.
        guard reread.isEmpty, !accountsForEverySuspiciousCharacter(chosen, in: scalars), ftfyRereading.mayBeReread(scalars) else { return chosen }
        let late = ftfyRereading.repairs(of: scalars, anyRun: true).filter { repair in
            !Self.isOneLetterRepeated(scalars[repair.range]) && !repair.range.contains { Self.isPunctuationReadAsDOS($0, in: scalars) }
        }
        return late.isEmpty ? chosen : Self.choose(from: proposals + late, count: scalars.count)
    }

    /// Big5 and GBK read as each other undone over the whole line, or else stretch by
    /// stretch, as the full search weighs them.
    private func swapRepairs(of scalars: [UInt32]) -> [Repair] {
        if let whole = wholeLineRepairs(of: scalars, turkishSoup: false, latin9Soup: false, onlySwaps: true, favourite: { _ in nil }) { return whole }
        let none = [Bool](repeating: false, count: scalars.count)
        var proposals: [Repair] = []
        for recipe in recipes where recipe.isChineseSwap { proposals.append(adopting: spans(in: scalars, claimed: none, recipe, depth: 1)) }
        return Self.choose(from: proposals, count: scalars.count)
    }

    /// Whether `repairs` give characters of the script of the rest of the line only (or
    /// punctuation): a reading that accounts for a garbled stretch of Chinese with Cyrillic
    /// and Greek (Ň»Î» read back as windows-1250's UTF-8 is һλ, not 一位) has not found it.
    static func isInLineScript(_ repairs: [Repair], of scalars: [UInt32]) -> Bool {
        var repaired = [Bool](repeating: false, count: scalars.count)
        for repair in repairs { for k in repair.range { repaired[k] = true } }
        guard let script = scalars.indices.lazy.filter({ !repaired[$0] && scalars[$0] >= 0x80 }).map({ ScriptClass(scalars[$0]) }).first(where: { $0 != .punctuation })
        else { return false }
        return repairs.allSatisfy { repair in
            repair.replacement.allSatisfy { scalar in
                guard scalar >= 0x80, scalar != 0xFFFD else { return true }
                let kind = ScriptClass(scalar)
                return kind == script || kind == .punctuation
            }
        }
    }

    /// Whether `run` has two characters at least whose GBK bytes start with 82 or 83, the
    /// first bytes of Shift-JIS's kana.
    static func hasKanaReadAsGBK(_ run: ArraySlice<UInt32>, _ gbk: LegacyCodec) -> Bool {
        var count = 0
        for scalar in run where scalar >= 0x80 {
            let packed = gbk.packedBytes(scalar)
            if packed >> 24 == 2, (0x82...0x83).contains(packed >> 8 & 0xFF) { count += 1 }
            if count >= 2 { return true }
        }
        return false
    }

    /// Whether a repair of Japanese read as GBK gives what it must: two kana at least.
    /// Chinese residue of other mix-ups re-reads as Shift-JIS into kanji now and then (再度
    /// as 疼度), which is no evidence.
    static func isKanaText(_ repair: Repair) -> Bool {
        repair.replacement.count { (0x3041...0x30FF).contains($0) } >= 2
    }

    /// The misreadings of UTF-8 common enough that a repair of one character is credible.
    static let singleCharacterReadings: Set<String> = [LegacyCodec.sloppyWindows1252, "windows-1251", "windows-1254"]

    /// How many of the first recipes are tried alone first: UTF-8 read as windows-1252
    /// and as windows-936 (see ``Misreading/utf8Misreadings``).
    static let commonRecipes = 2

    /// How far beyond its suspicious characters a run is searched for stretches read as a
    /// double-byte encoding, in characters; suspicious characters with more than twice
    /// this between them are searched apart. Mojibake is mostly made of characters that
    /// look wrong, but not only: 网友爆 read as GBK is 鄂大暑辷, three common characters
    /// before a rare one; 尼奥尼来中国, 灏煎ゥ灏兼潵涓浗, five before the first that looks
    /// wrong. Clean text farther away is not searched at all, which spares a line with a
    /// garbled span most of the windows of the double-byte readings, whose characters
    /// cover all of its Chinese.
    static let searchReach = 6
}
