import FixTextCore

/// The kinds of real text the mojibake repairer weighs a candidate against. Chinese is
/// split by script because Big5↔GBK mix-ups turn one into plausible-looking other;
/// Latin-script languages share one model because cp1252 mojibake is told apart from
/// all of them by the same Latin-1 letter soup. The other alphabets are one model per
/// script: Cyrillic (Russian, Ukrainian, Bulgarian, Serbian, Macedonian), Greek, Hebrew,
/// Arabic script (Arabic, Persian, Urdu), the Indic scripts (Devanagari, Bengali, Tamil)
/// and Thai.
enum TextLanguage: Int, CaseIterable, Sendable {
    case simplifiedChinese, traditionalChinese, japanese, korean, latin
    case cyrillic, greek, hebrew, arabic, indic, thai
}

/// Character statistics of real text, to tell a re-decoded span that reads as a language
/// from mojibake, which is made of rare Han characters, bopomofo, PUA, box drawing and
/// Latin-1 symbols.
///
/// Built by `Tools/mojibake-model/build_model.py` (sources and licences in
/// `LanguageModelData.swift`). The data is decoded once into flat tables: a cost is one
/// array read, and no query allocates.
///
/// A class: the model is handed to every span search and whole-line undo, and a copy of
/// a struct would retain and release each of its five tables.
final class LanguageModel: Sendable {
    /// The model built into the module, decoded at first use.
    static let shared: LanguageModel = {
        do {
            return try LanguageModel(encoded: LanguageModelData.base64)
        } catch {
            preconditionFailure("LanguageModelData.swift is corrupt: \(error)")
        }
    }()

    /// The cost of a character never seen in a language's samples whose class real text
    /// of that language does not use either (PUA in Chinese, Han in Latin text): 40 bits.
    /// Every cost is at most this.
    static let unseenCost = 160

    /// Quarter bits subtracted for each adjacent pair of Han characters that is a known
    /// Chinese bigram: a pair seen often together is likelier than its two unigrams say.
    let bigramBonus: Int

    /// `cost(scalar, language)` for BMP scalars at `scalar << 4 | language.rawValue`: the
    /// costs of one scalar in all languages share 16 bytes, which `bestLanguage` reads at
    /// once (lanes past the last language hold ``unseenCost``).
    private let costs: [UInt8]
    /// The cheapest of each BMP scalar's costs: ``cheapestCost(_:)`` is asked for every
    /// character of a line under each reading it is weighed in.
    private let cheapestCosts: [UInt8]
    /// Per language: the cost of a Han character of extensions B–G (U+20000–U+3134F)
    /// and of an emoji or pictograph (U+1F000–U+1FAFF); other astral scalars are unseen.
    private let astralHanCosts: [UInt8]
    private let emojiCosts: [UInt8]
    /// The same per lane, and ``unseenCost`` in every lane, for `bestLanguage`.
    private let astralHanLanes: Lanes
    private let emojiLanes: Lanes
    private static let unseenLanes = Lanes(repeating: UInt16(unseenCost))
    /// Bit `scalar - 0x4E00` is set for common Han characters.
    private let commonHan: [UInt8]
    private let bloom: [UInt8]
    /// Number of 512-bit blocks of the Bloom filter, less one (a power of two).
    private let bloomBlockMask: Int
    private let bloomHashes: Int

    static let commonHanRange: Range<UInt32> = 0x4E00..<0xA000
    static let formatVersion: UInt8 = 2
    /// Bytes per BMP scalar in `costs`: one per language, padded to a power of two.
    static let stride = 16
    typealias Lanes = SIMD16<UInt16>

    /// Cost of seeing `scalar` in real text of `language`: −log2 P(char) in quarter bits,
    /// smoothed by a prior per character class (so a rare but real character costs far
    /// less than a script the language never uses) and capped at ``unseenCost``.
    @inline(__always)
    func cost(_ scalar: UInt32, in language: TextLanguage) -> Int {
        if scalar < 0x10000 {
            return Int(costs[Int(scalar) &<< 4 | language.rawValue])
        }
        return astralCost(scalar, language.rawValue)
    }

    private func astralCost(_ scalar: UInt32, _ language: Int) -> Int {
        switch scalar {
        case 0x20000...0x3134F: Int(astralHanCosts[language])
        case 0x1F000...0x1FAFF: Int(emojiCosts[language])
        default: Self.unseenCost
        }
    }

    /// The cost of `scalar` in whichever Chinese finds it likelier: how a character
    /// guessed in text that was read as GBK or Big5 is weighed.
    @inline(__always)
    func chineseCost(_ scalar: UInt32) -> Int {
        min(cost(scalar, in: .simplifiedChinese), cost(scalar, in: .traditionalChinese))
    }

    /// What `scalars` cost as simplified and as traditional Chinese.
    func chineseScriptCosts(_ scalars: some Sequence<UInt32>) -> (simplified: Int, traditional: Int) {
        var costs = (simplified: 0, traditional: 0)
        for scalar in scalars {
            costs.simplified += cost(scalar, in: .simplifiedChinese)
            costs.traditional += cost(scalar, in: .traditionalChinese)
        }
        return costs
    }

    /// Which Chinese `scalars` read as more likely: traditional only where it costs less.
    func likelierChineseScript(_ scalars: some Sequence<UInt32>) -> TextLanguage {
        let costs = chineseScriptCosts(scalars)
        return costs.traditional < costs.simplified ? .traditionalChinese : .simplifiedChinese
    }

    /// The cost of `scalar` in the language that finds it likeliest.
    @inline(__always)
    func cheapestCost(_ scalar: UInt32) -> Int {
        guard scalar < 0x10000 else { return Int(astralLanes(scalar).min()) }
        return Int(cheapestCosts[Int(scalar)])
    }

    /// True for the most frequent Han characters of simplified and of traditional Chinese
    /// (about 5,400 in all): a line made only of these, ASCII and common punctuation needs
    /// no repair, which is the transform's fast path.
    @inline(__always)
    func isCommonHan(_ scalar: UInt32) -> Bool {
        guard Self.commonHanRange.contains(scalar) else { return false }
        let index = Int(scalar &- Self.commonHanRange.lowerBound)
        return commonHan[index &>> 3] & (1 &<< UInt8(index & 7)) != 0
    }

    /// `cost`, the cost of `scalar`, less a bonus for each Chinese neighbour it makes a
    /// pair with, and how many those are: how a character guessed for lost bytes is weighed
    /// between its neighbours. The bonus is graded by how much likelier the pair is than
    /// its characters apart (``PairBonuses``); a known bigram the data does not grade
    /// takes half of ``bigramBonus``.
    @inline(__always)
    func lessWordBonuses(_ cost: Int, for scalar: UInt32, after previous: UInt32?, before next: UInt32?) -> (cost: Int, words: Int) {
        guard Self.isHan(scalar) else { return (cost, 0) }
        return PairBonuses.shared.lessBonuses(cost, for: scalar, after: previous, before: next, model: self)
    }

    /// Whether `a` then `b` are two Han characters that make a known word
    /// (``isKnownChineseBigram(_:_:)``).
    @inline(__always)
    func makesWord(_ a: UInt32, _ b: UInt32) -> Bool {
        Self.isHan(a) && Self.isHan(b) && isKnownChineseBigram(a, b)
    }

    /// Whether (a, b) is among the most frequent Han bigrams of simplified or traditional
    /// Chinese. A blocked Bloom filter (all of a pair's bits in one 64-byte cache line, so
    /// one memory access): about 0.1% of other pairs answer true as well.
    @inline(__always)
    func isKnownChineseBigram(_ a: UInt32, _ b: UInt32) -> Bool {
        var z = (UInt64(a) &<< 21 | UInt64(b)) &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z &>> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z &>> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z &>> 31
        let block = Int(truncatingIfNeeded: z &>> 32) & bloomBlockMask
        let h1 = Int(truncatingIfNeeded: z & 0xFFFF)
        let h2 = Int(truncatingIfNeeded: (z &>> 16) & 0xFFFF) | 1
        // The test stops at the first clear bit: most pairs weighed are unknown (every pair
        // of a garbled line), and with under a third of the filter's bits set, two in three
        // of those stop at the first. All the bits are in the one cache line read first.
        return bloom.withUnsafeBufferPointer { bits in
            let line = block &<< 6
            var i = 0
            while i < bloomHashes {
                let bit = (h1 &+ i &* h2) & 511
                guard bits[line | bit &>> 3] &>> UInt8(bit & 7) & 1 != 0 else { return false }
                i &+= 1
            }
            return true
        }
    }

    /// The cheapest language for a run of scalars and its total cost: the sum of the
    /// scalars' costs, less ``bigramBonus`` per known Chinese bigram for the two Chinese
    /// languages. Ties go to the earlier language in ``TextLanguage``'s order.
    func bestLanguage(for scalars: UnsafeBufferPointer<UInt32>) -> (language: TextLanguage, cost: Int) {
        // Lanes add up in 16 bits (half the width of 32, twice the lanes per instruction),
        // flushed often enough that they cannot overflow.
        let flushEvery = Int(UInt16.max) / Self.unseenCost
        var totals = SIMD16<Int>()
        var lanes = Lanes()
        var pending = 0
        var knownBigrams = 0
        var previousIsHan = false
        var previous: UInt32 = 0
        costs.withUnsafeBytes { table in
            for scalar in scalars {
                if scalar < 0x10000 {
                    let bytes = table.loadUnaligned(fromByteOffset: Int(scalar) &<< 4, as: SIMD16<UInt8>.self)
                    lanes &+= Lanes(truncatingIfNeeded: bytes)
                } else {
                    lanes &+= astralLanes(scalar)
                }
                pending &+= 1
                if pending == flushEvery {
                    totals &+= SIMD16<Int>(truncatingIfNeeded: lanes)
                    lanes = Lanes()
                    pending = 0
                }
                let isHan = Self.isHan(scalar)
                if isHan && previousIsHan && isKnownChineseBigram(previous, scalar) {
                    knownBigrams &+= 1
                }
                previousIsHan = isHan
                previous = scalar
            }
        }
        totals &+= SIMD16<Int>(truncatingIfNeeded: lanes)
        totals[TextLanguage.simplifiedChinese.rawValue] &-= knownBigrams &* bigramBonus
        totals[TextLanguage.traditionalChinese.rawValue] &-= knownBigrams &* bigramBonus
        var best = (language: TextLanguage.simplifiedChinese, cost: totals[0])
        for language in TextLanguage.allCases.dropFirst() where totals[language.rawValue] < best.cost {
            best = (language, totals[language.rawValue])
        }
        return best
    }

    private func astralLanes(_ scalar: UInt32) -> Lanes {
        switch scalar {
        case 0x20000...0x3134F: astralHanLanes
        case 0x1F000...0x1FAFF: emojiLanes
        default: Self.unseenLanes
        }
    }

    /// CJK unified ideographs, extension A and compatibility ideographs: the characters
    /// the bigram filter was built from.
    @inline(__always)
    static func isHan(_ scalar: UInt32) -> Bool {
        (0x4E00...0x9FFF).contains(scalar) || (0x3400...0x4DBF).contains(scalar)
            || (0xF900...0xFAFF).contains(scalar)
    }

    /// Decodes the base64 model written by build_model.py. Layout: "FTLM", version,
    /// language count, unseen cost, bigram bonus, log2 of the Bloom bits, Bloom hash
    /// count; per language the astral Han and emoji costs; the common-Han bitset; per
    /// language a little-endian UInt32 length and the run-length-encoded 65,536 BMP
    /// costs; the Bloom filter's bits.
    init(encoded: String) throws(LanguageModelFormatError) {
        guard let bytes = Base64.decode(encoded) else { throw LanguageModelFormatError(description: "bad base64") }
        var reader = ByteReader(bytes: bytes)
        let languages = TextLanguage.allCases.count
        precondition(languages <= Self.stride)
        guard try reader.take(4) == Array("FTLM".utf8),
            try reader.byte() == Self.formatVersion,
            try reader.byte() == UInt8(languages),
            try reader.byte() == UInt8(Self.unseenCost)
        else { throw LanguageModelFormatError(description: "bad header") }
        bigramBonus = Int(try reader.byte())
        let bloomLog2Bits = Int(try reader.byte())
        bloomHashes = Int(try reader.byte())
        guard (9...32).contains(bloomLog2Bits), bloomHashes > 0 else {
            throw LanguageModelFormatError(description: "bad Bloom filter parameters")
        }
        var astralHan: [UInt8] = [], emoji: [UInt8] = []
        for _ in 0..<languages {
            astralHan.append(try reader.byte())
            emoji.append(try reader.byte())
        }
        astralHanCosts = astralHan
        emojiCosts = emoji
        var hanLanes = Self.unseenLanes, emojiLanes = Self.unseenLanes
        for language in 0..<languages {
            hanLanes[language] = UInt16(astralHan[language])
            emojiLanes[language] = UInt16(emoji[language])
        }
        astralHanLanes = hanLanes
        self.emojiLanes = emojiLanes
        commonHan = try reader.take(Self.commonHanRange.count / 8)
        var table = [UInt8](repeating: UInt8(Self.unseenCost), count: 0x10000 * Self.stride)
        for language in 0..<languages {
            let length = Int(try reader.uint32())
            var runs = ByteReader(bytes: try reader.take(length))
            try runs.expandRuns(into: &table, lane: language, maximum: UInt8(Self.unseenCost))
        }
        guard astralHan.allSatisfy({ $0 <= UInt8(Self.unseenCost) }),
            emoji.allSatisfy({ $0 <= UInt8(Self.unseenCost) })
        else { throw LanguageModelFormatError(description: "cost above unseenCost") }
        costs = table
        cheapestCosts = table.withUnsafeBytes { table in
            [UInt8](unsafeUninitializedCapacity: 0x10000) { cheapest, count in
                for scalar in 0..<0x10000 {
                    cheapest[scalar] = table.loadUnaligned(fromByteOffset: scalar &<< 4, as: SIMD16<UInt8>.self).min()
                }
                count = 0x10000
            }
        }
        bloomBlockMask = (1 << (bloomLog2Bits - 9)) - 1
        bloom = try reader.take(1 << (bloomLog2Bits - 3))
        guard reader.isAtEnd else { throw LanguageModelFormatError(description: "trailing bytes") }
    }
}

/// A one-line summary: the tables are too big to print (a failed test expectation
/// would otherwise dump all of them).
extension LanguageModel: CustomStringConvertible, CustomDebugStringConvertible {
    var description: String {
        "LanguageModel(\(costs.count / Self.stride) scalars, \(bloom.count * 8) Bloom bits, bigram bonus \(bigramBonus))"
    }
    var debugDescription: String { description }
}

// MARK: - Decoding

/// Why the built-in model could not be decoded (only a damaged generated file does this).
struct LanguageModelFormatError: Error, CustomStringConvertible {
    var description: String
}

/// Reads the model's bytes front to back, throwing on truncation.
private struct ByteReader {
    let bytes: [UInt8]
    var offset = 0

    var isAtEnd: Bool { offset == bytes.count }

    mutating func byte() throws(LanguageModelFormatError) -> UInt8 {
        guard offset < bytes.count else { throw LanguageModelFormatError(description: "truncated") }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func take(_ count: Int) throws(LanguageModelFormatError) -> [UInt8] {
        guard count >= 0, bytes.count - offset >= count else {
            throw LanguageModelFormatError(description: "truncated")
        }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    mutating func uint32() throws(LanguageModelFormatError) -> UInt32 {
        try take(4).reversed().reduce(0) { $0 << 8 | UInt32($1) }
    }

    mutating func varint() throws(LanguageModelFormatError) -> Int {
        var value = 0, shift = 0
        while true {
            let next = try byte()
            value |= Int(next & 0x7F) << shift
            if next < 0x80 { return value }
            shift += 7
            guard shift < 35 else { throw LanguageModelFormatError(description: "bad varint") }
        }
    }

    /// Runs: a varint h, then h>>1 copies of one byte if h is odd, else h>>1 literal bytes.
    /// They must fill exactly the 65,536 BMP costs of one language and use up the reader;
    /// the cost of scalar s goes to `table[s << 4 | lane]`; no cost may exceed `maximum`.
    mutating func expandRuns(into table: inout [UInt8], lane: Int, maximum: UInt8) throws(LanguageModelFormatError) {
        precondition(table.count == 0x10000 * LanguageModel.stride && (0..<LanguageModel.stride).contains(lane))
        // 65,536 costs per language, every run: written through a pointer, within the
        // table because no run goes past 0x10000 (checked before it is written).
        try table.withUnsafeMutableBufferPointer { table throws(LanguageModelFormatError) in
            try expandRuns(into: table, lane: lane, maximum: maximum)
        }
    }

    private mutating func expandRuns(into table: UnsafeMutableBufferPointer<UInt8>, lane: Int, maximum: UInt8) throws(LanguageModelFormatError) {
        var scalar = 0
        while !isAtEnd {
            let header = try varint()
            let length = header >> 1
            guard length <= 0x10000 - scalar else {
                throw LanguageModelFormatError(description: "run past the table")
            }
            if header & 1 == 1 {
                let value = try byte()
                guard value <= maximum else { throw LanguageModelFormatError(description: "cost above unseenCost") }
                for s in scalar..<scalar + length { table[s &<< 4 | lane] = value }
            } else {
                guard length <= bytes.count - offset else {
                    throw LanguageModelFormatError(description: "truncated")
                }
                try bytes.withUnsafeBufferPointer { bytes throws(LanguageModelFormatError) in
                    for i in 0..<length {
                        let value = bytes[offset + i]
                        guard value <= maximum else { throw LanguageModelFormatError(description: "cost above unseenCost") }
                        table[(scalar + i) &<< 4 | lane] = value
                    }
                }
                offset += length
            }
            scalar += length
        }
        guard scalar == 0x10000 else { throw LanguageModelFormatError(description: "short table") }
    }
}
