import FixTextCore

/// How much likelier two Han characters stand together than apart, for the pairs the data
/// has seen often: log2(P(ab) / (P(a) P(b))) in quarter bits, built by
/// `Tools/mojibake-model/build_pair_bonuses.py` (see `PairBonusData.swift`).
///
/// A guess of a character whose bytes are lost weighs each candidate by its own cost less
/// these bonuses with its neighbours (``LanguageModel/lessWordBonuses(_:for:after:before:)``).
/// The language model's one bonus for every known pair let the commoner of two candidates
/// win whenever both make a known pair: 直是 over 直视, 变了 over 变脸. On the suite's new
/// slipped lines a "?" cut short, graded bonuses make more right guesses and fewer wrong
/// ones (see the README).
struct PairBonuses: Sendable {
    static let shared: PairBonuses = {
        do {
            return try PairBonuses(encoded: PairBonusData.base64)
        } catch {
            preconditionFailure("PairBonusData.swift is corrupt: \(error)")
        }
    }()

    /// The pairs by their first character: those of `first` are `seconds[starts[first]..<starts[first + 1]]`,
    /// in order, with their bonuses at the same places. The data lists the pairs in that
    /// order, so it is read into place in one pass (a hash table of 77,000 keys took as
    /// long to build as the rest of the start-up, and 2 MB).
    private let starts: [UInt32]
    private let seconds: [UInt16]
    private let bonuses: [UInt8]
    /// The largest bonus of any pair.
    let largestBonus: Int

    struct FormatError: Error {}

    init(encoded: String) throws {
        guard let bytes = Base64.decode(encoded) else { throw FormatError() }
        let (keys, bonuses) = try Self.pairs(decoding: bytes)
        guard keys.count == PairBonusData.pairs else { throw FormatError() }
        // Every first character up to a pair's starts where that pair is.
        var starts = [UInt32](repeating: 0, count: 0x10001)
        var first = 0
        for (index, key) in keys.enumerated() {
            while first < Int(key >> 16) {
                first += 1
                starts[first] = UInt32(index)
            }
        }
        while first < 0x10000 {
            first += 1
            starts[first] = UInt32(keys.count)
        }
        self.starts = starts
        // (Through pointers: written element by element, the arrays were checked for
        // uniqueness at each of 155,000 writes, as long as the rest of this.)
        var asFirst = [UInt8](repeating: 0, count: 0x10000), asSecond = asFirst
        asFirst.withUnsafeMutableBufferPointer { asFirst in
            asSecond.withUnsafeMutableBufferPointer { asSecond in
                for (key, bonus) in zip(keys, bonuses) {
                    asFirst[Int(key >> 16)] = max(asFirst[Int(key >> 16)], bonus)
                    asSecond[Int(key & 0xFFFF)] = max(asSecond[Int(key & 0xFFFF)], bonus)
                }
            }
        }
        seconds = keys.map { UInt16(truncatingIfNeeded: $0) }
        self.bonuses = bonuses
        largestBonus = Int(bonuses.max() ?? 0)
        largestAsFirst = asFirst
        largestAsSecond = asSecond
    }

    /// The keys (first << 16 | second) and bonuses of the data, in order: LEB128 deltas of
    /// the keys, each followed by its bonus byte.
    private static func pairs(decoding bytes: [UInt8]) throws -> (keys: [UInt32], bonuses: [UInt8]) {
        var keys: [UInt32] = [], bonuses: [UInt8] = []
        keys.reserveCapacity(PairBonusData.pairs)
        bonuses.reserveCapacity(PairBonusData.pairs)
        var key: UInt64 = 0, i = 0
        while i < bytes.count {
            var delta: UInt64 = 0, shift: UInt64 = 0
            while true {
                guard i < bytes.count, shift < 35 else { throw FormatError() }
                let byte = bytes[i]
                i += 1
                delta |= UInt64(byte & 0x7F) << shift
                shift += 7
                if byte & 0x80 == 0 { break }
            }
            // (Deltas are positive: the keys are distinct, and in order.)
            guard i < bytes.count, delta > 0 || keys.isEmpty else { throw FormatError() }
            key += delta
            guard key < 1 << 32 else { throw FormatError() }
            keys.append(UInt32(key))
            bonuses.append(bytes[i])
            i += 1
        }
        return (keys, bonuses)
    }

    /// For each character, the largest bonus of any pair it starts, and of any it ends.
    private let largestAsFirst: [UInt8], largestAsSecond: [UInt8]

    /// The most ``lessBonuses(_:for:after:before:model:)`` can take off the cost of
    /// `scalar` with a character before it (`after`) and one after it (`before`): a bound
    /// that lets a guess pass over candidates too costly to win, unweighed.
    @inline(__always)
    func mostBonus(for scalar: UInt32, after: Bool, before: Bool, model: LanguageModel) -> Int {
        guard scalar < 0x10000 else { return 0 }
        let known = model.bigramBonus / 2
        return (after ? max(Int(largestAsSecond[Int(scalar)]), known) : 0) + (before ? max(Int(largestAsFirst[Int(scalar)]), known) : 0)
    }

    /// The bonus of `first` then `second`; 0 for a pair the data has not seen often.
    @inline(__always)
    func bonus(_ first: UInt32, _ second: UInt32) -> Int {
        guard first < 0x10000, second < 0x10000 else { return 0 }
        return starts.withUnsafeBufferPointer { starts in
            var base = Int(starts[Int(first)])
            var length = Int(starts[Int(first) + 1]) - base
            guard length > 0 else { return 0 }
            let target = UInt16(second)
            return seconds.withUnsafeBufferPointer { seconds in
                // (Without branches on the comparisons, which a search among a common
                // character's hundreds of pairs mispredicts.)
                while length > 1 {
                    let half = length >> 1
                    base = seconds[base + half - 1] < target ? base + half : base
                    length -= half
                }
                return seconds[base] == target ? Int(bonuses[base]) : 0
            }
        }
    }

    /// The bonus of `first` then `second`: the data's where it has the pair, else half the
    /// language model's bonus for a known bigram (its pairs come from general text too:
    /// 想你; half, since the data, had it seen the pair often, would have graded it), else
    /// none. (Half is the balance the suites show: slipped lines 0.0246, against 0.0256
    /// with the whole bonus and 0.0244 with none; lines Python's gbk read 0.013, against
    /// 0.016 and 0.014; and with none, 想你 in 我真的很想你 is no longer guessed.)
    @inline(__always)
    func graded(_ first: UInt32, _ second: UInt32, model: LanguageModel) -> Int {
        let bonus = self.bonus(first, second)
        return bonus > 0 ? bonus : model.makesWord(first, second) ? model.bigramBonus / 2 : 0
    }

    /// `cost`, the cost of `scalar`, less its bonus with each neighbour (``graded(_:_:model:)``),
    /// and how many of those pairs make a word: the data's, or the language model's known
    /// bigrams.
    @inline(__always)
    func lessBonuses(_ cost: Int, for scalar: UInt32, after previous: UInt32?, before next: UInt32?, model: LanguageModel) -> (cost: Int, words: Int) {
        var cost = cost, words = 0
        if let previous {
            let bonus = graded(previous, scalar, model: model)
            if bonus > 0 {
                cost -= bonus
                words += 1
            }
        }
        if let next {
            let bonus = graded(scalar, next, model: model)
            if bonus > 0 {
                cost -= bonus
                words += 1
            }
        }
        return (cost, words)
    }
}
