import FixTextCore

/// Whether a rare Han character alone in a line is a character of the other Chinese
/// encoding: Big5 read as GBK, or GBK read as Big5, in a stretch whose other characters
/// happen to read as common ones.
///
/// Clean text has a rare character now and then (a name, a word of its own), so one
/// alone does not send a line to the repairer (see ``SuspicionTable/firstSuspicious(in:probe:)``).
/// But a short stretch of one encoding read as the other often has just one: 《房屋徵收補償》
/// with 收補 swapped reads 徵Μ干, and 0062號行政 reads 0062腹︽政. The probe asks the
/// question the repairer would, cheaply and for that character only: read back through
/// either swap, is it a commoner character that makes a known word with a neighbour (as
/// that neighbour stands, or swapped too), or a character that follows or precedes a
/// number (年, 月, 号) or a comma? Only then is the line looked at closely; the repairer still
/// judges it as it judges every line.
final class ChineseSwapProbe {
    let model: LanguageModel
    private let neighbours: NeighbourBonuses
    /// Built at the first rare character alone: text without one never pays for them.
    lazy var codecs: (gbk: LegacyCodec, big5: LegacyCodec)? = {
        guard let gbk = try? LegacyCodec.named("windows-936-2000"), let big5 = try? LegacyCodec.named("windows-950-2000") else {
            return nil
        }
        return (gbk, big5)
    }()

    /// How much commoner, in quarter bits, the swapped character must be.
    static let commoner = 8
    /// The bonus a place must give the swapped character and not the character as it
    /// stands (年 after a digit has about 60; see ``NeighbourBonuses``).
    static let placeBonus = 24

    init(model: LanguageModel = .shared, neighbours: NeighbourBonuses = .shared) {
        self.model = model
        self.neighbours = neighbours
    }

    /// What the probe finds a rare character alone to be.
    enum Finding {
        /// A character of the other Chinese encoding (``readsBetterSwapped(_:after:before:)``).
        case swap
        /// Part of UTF-8 read as GBK (``readsBetterAsUTF8(_:after:before:)``).
        case utf8ReadAsGBK
    }

    /// What the probe found in the scan that asked it last (``SuspicionTable/firstSuspicious(in:probe:)``);
    /// nil when that scan found another sign, or none. A line sent on for a swap alone is
    /// weighed for the swaps alone.
    private(set) var lastFinding: Finding?

    /// Called as a scan begins.
    func forgetFinding() {
        lastFinding = nil
    }

    /// Whether `scalar`, between `previous` and `next` (0 at the line's ends), reads
    /// better as the other Chinese encoding, either way round, or as UTF-8 read as GBK.
    func readsBetter(_ scalar: UInt32, after previous: UInt32, before next: UInt32) -> Bool {
        let finding: Finding? = readsBetterSwapped(scalar, after: previous, before: next) ? .swap
            : readsBetterAsUTF8(scalar, after: previous, before: next) ? .utf8ReadAsGBK : nil
        if let finding { lastFinding = finding }
        return finding != nil
    }

    /// Whether `scalar`, between `previous` and `next` (0 at the line's ends), reads
    /// better as the other Chinese encoding, either way round.
    func readsBetterSwapped(_ scalar: UInt32, after previous: UInt32, before next: UInt32) -> Bool {
        guard let (gbk, big5) = codecs else { return false }
        return readsBetter(scalar, after: previous, before: next, readAs: gbk, actual: big5)
            || readsBetter(scalar, after: previous, before: next, readAs: big5, actual: gbk)
    }

    private func readsBetter(_ scalar: UInt32, after previous: UInt32, before next: UInt32, readAs: LegacyCodec, actual: LegacyCodec) -> Bool {
        guard let other = readAs.swapped(scalar, into: actual), LanguageModel.isHan(other),
              model.chineseCost(other) + Self.commoner < model.chineseCost(scalar)
        else { return false }
        if model.makesWord(previous, other) || model.makesWord(other, next) { return true }
        if let swapped = readAs.swapped(previous, into: actual), model.makesWord(swapped, other) { return true }
        if let swapped = readAs.swapped(next, into: actual), model.makesWord(other, swapped) { return true }
        return Self.placeFavours(other, over: scalar, after: previous == 0 ? nil : previous, before: next == 0 ? nil : next, neighbours)
    }

    /// Whether the place between `previous` and `next` favours `other` (a bonus of at
    /// least ``placeBonus``, see ``NeighbourBonuses``) and not `scalar`: 年 between two
    /// numbers, where 爛 stands.
    static func placeFavours(_ other: UInt32, over scalar: UInt32, after previous: UInt32?, before next: UInt32?, _ neighbours: NeighbourBonuses = .shared) -> Bool {
        neighbours.bonus(for: other, after: previous, before: next) >= placeBonus
            && neighbours.bonus(for: scalar, after: previous, before: next) < placeBonus
    }

    /// Whether the place of the character at `index` of `scalars` favours `other` over it
    /// (see ``placeFavours(_:over:after:before:_:)``), where a digit stands beside it (on
    /// both sides when `digitsOnBothSides`): a place elsewhere is no evidence of a swap.
    static func placeFavours(_ other: UInt32, at index: Int, in scalars: ArraySlice<UInt32>, digitsOnBothSides: Bool) -> Bool {
        let (before, after) = neighbours(of: index, in: scalars)
        guard digitsOnBothSides ? isDigit(before) && isDigit(after) : isDigit(before) || isDigit(after) else { return false }
        return placeFavours(other, over: scalars[index], after: before, before: after)
    }

    /// The characters on either side of `index` of `scalars`, nil past either end.
    @inline(__always)
    static func neighbours(of index: Int, in scalars: ArraySlice<UInt32>) -> (before: UInt32?, after: UInt32?) {
        (index > scalars.startIndex ? scalars[index - 1] : nil, index + 1 < scalars.endIndex ? scalars[index + 1] : nil)
    }

    /// Whether `scalar` is an ASCII digit.
    @inline(__always)
    static func isDigit(_ scalar: UInt32?) -> Bool {
        scalar.map { (0x30...0x39).contains($0) } ?? false
    }
}
