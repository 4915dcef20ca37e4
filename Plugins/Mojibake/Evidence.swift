/// Weighs how likely a run of characters is to be real text, for choosing between a span
/// as it stands and its re-decoding.
///
/// Two kinds of evidence add up, in quarter bits: how often real text of the best-fitting
/// language uses these characters (the language model), and penalties for characters that
/// encoding mix-ups produce and real text almost never has in that place: C1 controls,
/// private use, replacement characters, Latin-1 letters next to symbols.
struct Evidence {
    let model: LanguageModel

    init(model: LanguageModel = .shared) {
        self.model = model
    }

    /// The cost of `scalars` as text: lower is more likely.
    ///
    /// Text mixes scripts (Chinese with English words, a Korean name in a Latin sentence),
    /// so each run of one script is weighed in its own best language. Switching script
    /// costs a little between words and a lot inside one: "Bj鰎k" and "R카ga" are not
    /// words of any language.
    func cost(_ scalars: ArraySlice<UInt32>) -> Int {
        cost(scalars, penalty: penalty(scalars))
    }

    /// The cost of `scalars`, whose ``penalty(_:)`` is known.
    private func cost(_ scalars: ArraySlice<UInt32>, penalty: Int) -> Int {
        guard !scalars.isEmpty else { return 0 }
        var total = penalty
        var runStart = scalars.startIndex
        var runScript = Script.neutral
        var previous: UInt32 = 0x20
        for index in scalars.indices {
            let scalar = scalars[index]
            let script = Script(scalar)
            if script != .neutral {
                if runScript != .neutral && script != runScript {
                    total += runCost(scalars[runStart..<index])
                    runStart = index
                    total += Script(previous) == .neutral ? Self.switchBetweenWords : Self.switchInsideWord
                }
                runScript = script
            }
            previous = scalar
        }
        return total + runCost(scalars[runStart...])
    }

    private func runCost(_ scalars: ArraySlice<UInt32>) -> Int {
        // Odd spaces are spaces: the model's samples hardly have them, and "\u{A0}ok" is
        // no less likely than " ok". (East Asian text, 3001–DFFF, has none of these.)
        if scalars.contains(where: Self.weighsAsOther) {
            // ...ligatures are their letters: "ﬁ" is as likely as "f"; and emoji are
            // punctuation, which a line of them is not unlikely for.
            var plain = scalars.map { Self.isOddSpace($0) ? 0x20 : Self.isLatinLigature($0) ? 0x66 : Self.weighsAsPunctuation($0) ? 0x21 : $0 }
            // Hangul decomposed into its jamo (as macOS stores file names) is its syllables.
            if plain.contains(where: { (0x1100...0x11FF).contains($0) }) { plain = Self.composingHangul(plain) }
            return plain.withUnsafeBufferPointer { model.bestLanguage(for: $0).cost }
        }
        return scalars.withUnsafeBufferPointer { model.bestLanguage(for: $0).cost }
    }

    /// Whether `scalar` is weighed as another: an odd space, a ligature, or a symbol
    /// weighed as punctuation. (ASCII and East Asian text, most of what is weighed, are
    /// let go first.)
    @inline(__always)
    private static func weighsAsOther(_ scalar: UInt32) -> Bool {
        guard scalar >= 0xA0, scalar < 0x3001 || scalar >= 0xE000 else { return false }
        return isOddSpace(scalar) || isLatinLigature(scalar) || weighsAsPunctuation(scalar) || (0x1100...0x11FF).contains(scalar)
    }

    /// `scalars` with each leading consonant, vowel and optional final consonant of
    /// conjoining Hangul jamo made the syllable they spell (Unicode's arithmetic).
    static func composingHangul(_ scalars: [UInt32]) -> [UInt32] {
        var result: [UInt32] = []
        result.reserveCapacity(scalars.count)
        var i = 0
        while i < scalars.count {
            let lead = scalars[i]
            if (0x1100...0x1112).contains(lead), i + 1 < scalars.count, (0x1161...0x1175).contains(scalars[i + 1]) {
                var syllable = 0xAC00 + ((lead - 0x1100) * 21 + (scalars[i + 1] - 0x1161)) * 28
                i += 2
                if i < scalars.count, (0x11A8...0x11C2).contains(scalars[i]) {
                    syllable += scalars[i] - 0x11A7
                    i += 1
                }
                result.append(syllable)
                continue
            }
            result.append(lead)
            i += 1
        }
        return result
    }

    /// Emoji, arrows, math, technical symbols, box drawing, shapes, dingbats: what the
    /// language samples hardly have, yet face-and-symbol text is made of (┒(⌣˛⌣)┎).
    /// Their penalties, where mix-ups make them, still count.
    private static func weighsAsPunctuation(_ scalar: UInt32) -> Bool {
        (0x1F000...0x1FAFF).contains(scalar) || ((0x2190...0x2BFF).contains(scalar) && !macRomanLeads.contains(scalar))
    }

    /// √ ≈ ∆ ◊: MacRoman's readings of UTF-8 lead bytes, which keep their cost ("wei√ü").
    private static let macRomanLeads: Set<UInt32> = [0x221A, 0x2248, 0x2206, 0x25CA]

    private static func isLatinLigature(_ scalar: UInt32) -> Bool {
        (0xFB00...0xFB06).contains(scalar)
    }

    private static func isOddSpace(_ scalar: UInt32) -> Bool {
        scalar == 0xA0 || (0x2000...0x200A).contains(scalar) || scalar == 0x202F || scalar == 0x205F || scalar == 0x3000
    }

    static let switchBetweenWords = 8
    static let switchInsideWord = 48

    /// The scripts that runs are cut by; digits, punctuation and symbols go with any.
    enum Script: Equatable {
        case alphabetic, eastAsian, neutral

        @inline(__always)
        init(_ scalar: UInt32) {
            // Han and ASCII, most of what is weighed, before the range tests.
            if scalar >= 0x3400 && scalar < 0xA000 {
                self = .eastAsian
                return
            }
            if scalar < 0x80 {
                self = (0x41...0x5A).contains(scalar) || (0x61...0x7A).contains(scalar) ? .alphabetic : .neutral
                return
            }
            switch scalar {
            case 0x41...0x5A, 0x61...0x7A, 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x24F, 0x370...0x52F, 0x5D0...0x6FF, 0x900...0xDFF, 0xE00...0xE7F:
                self = .alphabetic
            case 0x1100...0x11FF, 0x2E80...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF, 0xFF66...0xFFDC, 0x20000...0x3FFFF:
                self = .eastAsian
            default:
                self = .neutral
            }
        }
    }

    /// Extra cost for what mix-ups produce.
    func penalty(_ scalars: ArraySlice<UInt32>) -> Int {
        var total = 0
        var previous: UInt32 = 0x20
        for (k, scalar) in zip(scalars.indices, scalars) {
            // Chinese, Japanese and Korean characters (most of what is weighed) have no
            // penalty and make none of the shapes below.
            if scalar >= 0x3400 && scalar < 0xE000 {
                previous = scalar
                continue
            }
            // Printable ASCII but "?", and Latin-1's symbols and letters (a page read as
            // Latin-1 is made of them), have no penalty of their own, and only two shapes
            // to look for.
            if scalar >= 0xA0 && scalar <= 0xFF || scalar >= 0x20 && scalar < 0x7F && scalar != 0x3F {
                if (0xC0...0xDF).contains(previous) && (0xA0...0xBF).contains(scalar) { total += 24 }
                if scalar >= 0xA0, Self.isDOSLetter(scalar), Self.isBoxDrawing(previous) { total += 24 }
                if (0x61...0x7A).contains(previous) && (0xC0...0xDE).contains(scalar) && scalar != 0xD7 { total += 16 }
                previous = scalar
                continue
            }
            // Latin letters beyond Latin-1, Greek, Cyrillic, punctuation and windows-1252's
            // symbols (UTF-8 read as windows-1252 is made of them) have no penalty of their
            // own either; after a lead of UTF-8 a windows-1252 symbol makes one shape.
            if scalar >= 0x100 && scalar < 0x2460 {
                if previous == 0xC2 || previous == 0xC3 || (0xE0...0xF4).contains(previous), Self.isWindows1252Continuation(scalar) {
                    total += 24
                }
                // A letter of a DOS code page right after box drawing (or box drawing right
                // after one, below) is GBK read so (文件 is ╬─╝■ in 437, 扫单 ╔и╡е in 866);
                // line art leaves a space or a border between. (In this order, of the
                // letters beyond Latin-1 only Cyrillic counts so far: Greek and 437's signs
                // after box drawing too would move the confidence of repairs, 46 of the
                // test lines', and want measuring first.)
                if (0x400...0x4FF).contains(scalar), Self.isBoxDrawing(previous) { total += 24 }
                previous = scalar
                continue
            }
            total += Self.penalty(for: scalar)
            if Self.isBoxDrawing(scalar), Self.isDOSLetter(previous) { total += 24 }
            // A "?" right after a Chinese character, not ending a sentence, is where a
            // decoder gave up on bytes.
            if scalar == 0x3F, (0x3000...0x9FFF).contains(previous), k + 1 < scalars.endIndex, scalars[k + 1] > 0x20 {
                total += 40
            }
            // A Latin-1 capital letter right before a symbol or another Latin-1 letter is the
            // shape of UTF-8 read as windows-1252: Ã©, Ã¤, â€œ.
            if (0xC0...0xDF).contains(previous) && (0x80...0xBF).contains(scalar) { total += 24 }
            // Â and Ã, the commonest such leads, before a symbol windows-1252 shows for 80–9F
            // too: "Ã—" is ×, and no text writes Ã before a dash.
            else if (previous == 0xC2 || previous == 0xC3) && Self.isWindows1252Continuation(scalar) { total += 24 }
            // ...and so is a lead of a longer sequence before one of windows-1252's
            // symbols for the continuation bytes 80–9F: â€, â”, ï¿.
            else if (0xE0...0xF4).contains(previous) && Self.isWindows1252Continuation(scalar) { total += 24 }
            // A Latin-1 capital right after a small letter, inside a word ("voilÃ",
            // "TroisiÃ"), is UTF-8 read as windows-1252 that lost its second byte.
            if (0x61...0x7A).contains(previous) && (0xC0...0xDE).contains(scalar) && scalar != 0xD7 { total += 16 }
            previous = scalar
        }
        return total
    }

    /// The letters and signs beyond ASCII of the DOS code pages (437, 850, 866) that GBK
    /// read as one of them puts beside its box drawing: Latin-1's letters and ¿ ¡ ² ± ·,
    /// Greek, Cyrillic, and ≡ ∙ ≥ ≤ ≈ √ ∞ ∩ ⌐.
    @inline(__always)
    static func isDOSLetter(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0xA1...0xFF, 0x391...0x3C9, 0x400...0x4FF, 0x2219, 0x221A, 0x221E, 0x2229, 0x2248, 0x2261, 0x2264, 0x2265, 0x2310, 0x207F:
            true
        default:
            false
        }
    }

    /// Box drawing, as the DOS code pages have it.
    @inline(__always)
    static func isBoxDrawing(_ scalar: UInt32) -> Bool {
        (0x2500...0x259F).contains(scalar)
    }

    /// What windows-1252 shows for the bytes 80–9F: € ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ.
    @inline(__always)
    static func isWindows1252Continuation(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x192, 0x152, 0x153, 0x160, 0x161, 0x178, 0x17D, 0x17E, 0x2C6, 0x2DC, 0x2013, 0x2014, 0x2018, 0x2019, 0x201A,
             0x201C, 0x201D, 0x201E, 0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039, 0x203A, 0x20AC, 0x2122:
            true
        default:
            false
        }
    }

    static func penalty(for scalar: UInt32) -> Int {
        switch scalar {
        case 0x80...0x9F: 60 // C1 controls: windows-1252's undefined bytes, or Latin-1
        case 0xE000...0xF8FF: 60 // private use: user-defined areas of GBK and Big5
        case 0xFFFD: 40
        case DecodedLine.invalid: 200
        case 0x2460...0x24FF, 0x2500...0x257F: 16 // circled digits, box drawing
        case 0x3100...0x312F: 16 // bopomofo
        case 0xFF61...0xFF9F: 16 // half-width katakana
        case 0x0000...0x0008, 0x000E...0x001F: 80
        default: 0
        }
    }

    /// Whether `scalars` could be real text at all: no controls, no unassigned or private
    /// use characters, no lone replacement characters.
    /// - Parameter allowingReplacementCharacters: U+FFFD is allowed too (where it marks
    ///   a known loss).
    static func isPlausibleText(_ scalars: ArraySlice<UInt32>, allowingReplacementCharacters: Bool = false) -> Bool {
        // Unassigned code points need no test of their own: the language model has never
        // seen them, and they cost as much as anything can.
        !scalars.contains { scalar in
            switch scalar {
            case 0x00...0x08, 0x0B, 0x0C, 0x0E...0x1F, 0x7F...0x9F, 0xD800...0xDFFF, 0xE000...0xF8FF, 0xFFFE, 0xFFFF, 0x110000...:
                true
            case 0xFFFD:
                !allowingReplacementCharacters
            default:
                false
            }
        }
    }

    /// Whether replacing `original` by `candidate` is clearly better, and how sure that is.
    ///
    /// The candidate must be plausible text, cost less by a margin that grows with the
    /// length of what is replaced, and read like real text on its own (a low cost per
    /// character), so that a lucky re-decoding of clean text is never taken.
    /// - Parameter lostMarks: the offsets in `candidate` of the U+FFFD that mark characters
    ///   the repair knows are lost (their first bytes and a "?" stood there). They are what
    ///   the repair should write, so they are no sign against it and cost nothing.
    /// - Parameter replaced: how many characters of `original` the candidate replaces (the
    ///   rest is context); the margin grows with it. All of `original` when nil.
    /// - Parameter originalCost: `cost(original)`, when the caller weighs several
    ///   candidates against the same original.
    /// - Parameter contextChecked: the caller has checked the replaced part for
    ///   plausibility itself, so the context around it may hold what no writer makes (C1
    ///   controls that another repair will fix) without vetoing this one.
    /// - Parameter candidatePenalty: `penalty(candidate)` (after the marks are dropped),
    ///   when the caller knows it already.
    func judge(original: ArraySlice<UInt32>, candidate: ArraySlice<UInt32>, replaced: Int? = nil, lostMarks: [Int] = [], originalCost: Int? = nil, contextChecked: Bool = false, candidatePenalty: Int? = nil) -> (confidence: Double, saving: Int)? {
        var candidate = candidate
        if !lostMarks.isEmpty {
            // The marks are few and in order: one pass drops them.
            let marks = lostMarks.sorted()
            var next = 0
            var kept: [UInt32] = []
            kept.reserveCapacity(candidate.count)
            for (offset, scalar) in candidate.enumerated() {
                while next < marks.count, marks[next] < offset { next += 1 }
                if next < marks.count, marks[next] == offset, scalar == 0xFFFD { continue }
                kept.append(scalar)
            }
            candidate = kept[...]
        }
        guard !candidate.isEmpty, contextChecked || Self.isPlausibleText(candidate) else { return nil }
        let before = originalCost ?? cost(original)
        let penalty = candidatePenalty ?? penalty(candidate)
        let after = cost(candidate, penalty: penalty)
        let margin = 24 + 4 * (replaced ?? original.count)
        guard after + margin < before else { return nil }
        // How much it reads like a language; the penalties for mix-up shapes (box
        // drawing, say) have had their say in the margin.
        let perCharacter = (after - penalty) / max(1, candidate.count)
        guard perCharacter <= Self.maximumCostPerCharacter else { return nil }
        // Confidence from the ratio of costs: 1 when the candidate is far cheaper.
        let ratio = Double(after) / Double(max(1, before))
        return (max(0.5, min(0.99, 1 - ratio / 2)), before - after)
    }

    /// Real text averages well under this many quarter bits per character in its language.
    static let maximumCostPerCharacter = 56
}
