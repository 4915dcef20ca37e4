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

    private let table: BonusTable
    /// The largest bonus of any pair.
    var largestBonus: Int { table.largestBonus }

    struct FormatError: Error {}

    init(encoded: String) throws {
        guard let bytes = Base64.decode(encoded) else { throw FormatError() }
        var bonuses: [(key: UInt64, bonus: Int)] = []
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
            guard i < bytes.count else { throw FormatError() }
            // (Deltas are positive: the keys are distinct.)
            guard delta > 0 || bonuses.isEmpty else { throw FormatError() }
            key += delta
            bonuses.append((key, Int(bytes[i])))
            i += 1
        }
        guard bonuses.count == PairBonusData.pairs else { throw FormatError() }
        table = BonusTable(entries: bonuses)
        var asFirst = [UInt8](repeating: 0, count: 0x10000), asSecond = asFirst
        for (key, bonus) in bonuses {
            let first = Int(key >> 16), second = Int(key & 0xFFFF)
            asFirst[first] = max(asFirst[first], UInt8(min(bonus, 255)))
            asSecond[second] = max(asSecond[second], UInt8(min(bonus, 255)))
        }
        largestAsFirst = asFirst
        largestAsSecond = asSecond
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
        return table[UInt64(first) << 16 | UInt64(second)]
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
