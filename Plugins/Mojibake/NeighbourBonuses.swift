import FixTextCore

/// What a character's neighbours other than Han characters say of it, for guessing a
/// character a decoder left unread.
///
/// A decoder meets the last byte of a character alone where an ASCII byte follows it, or
/// the end of the line: 于2015年11月 read as GBK is 浜?2015骞?11鏈?. The language model's
/// Han bigrams say nothing there, but the neighbours do: after a digit come 年, 月, 日;
/// before one 于, 第, （; after a comma 于, 本, 被; at a line's end 。. A character's cost in such a place (counted
/// by `Tools/mojibake-model/build_neighbour_bonuses.py`, see `NeighbourBonusData.swift`)
/// that is below its cost in the language model gives it the difference as a bonus there.
struct NeighbourBonuses: Sendable {
    static let shared = NeighbourBonuses(model: .shared)

    private let afterDigit: BonusTable
    private let beforeDigit: BonusTable
    private let afterPunctuation: BonusTable
    private let atLineEnd: BonusTable
    /// At a line's end after two Han characters the data knows lines to end after (如下),
    /// the bonus of each punctuation seen there (：), by `lineEndKey`; what ends a line
    /// after those two is told by them, not by ``atLineEnd`` (headlines end in ！, and
    /// 裁定如下： is no 如下！). The pairs of characters, by `contextKey`.
    private let atLineEndAfter: BonusTable
    /// 1 for each pair of characters `atLineEndAfter` has.
    private let lineEndContexts: BonusTable
    /// The largest bonus of any one place.
    let largestBonus: Int

    init(model: LanguageModel) {
        afterDigit = BonusTable(Self.bonuses(NeighbourBonusData.afterDigit, model: model))
        beforeDigit = BonusTable(Self.bonuses(NeighbourBonusData.beforeDigit, model: model))
        afterPunctuation = BonusTable(Self.bonuses(NeighbourBonusData.afterPunctuation, model: model))
        atLineEnd = BonusTable(Self.bonuses(NeighbourBonusData.atLineEnd, model: model))
        var afterTwo: [UInt64: Int] = [:], contexts: [UInt64: Int] = [:]
        for (characters, cost) in Self.entries(NeighbourBonusData.atLineEndAfter) {
            precondition(characters.count == 3, "NeighbourBonusData.swift: atLineEndAfter needs two characters and one more")
            contexts[Self.contextKey(characters[0], characters[1])] = 1
            let bonus = model.chineseCost(characters[2]) - cost
            if bonus > 0 { afterTwo[Self.lineEndKey(characters[0], characters[1], characters[2])] = bonus }
        }
        atLineEndAfter = BonusTable(afterTwo)
        lineEndContexts = BonusTable(contexts)
        largestBonus = [
            afterDigit.largestBonus, beforeDigit.largestBonus, afterPunctuation.largestBonus, atLineEnd.largestBonus,
            atLineEndAfter.largestBonus,
        ].max() ?? 0
    }

    private static func contextKey(_ first: UInt32, _ second: UInt32) -> UInt64 {
        UInt64(first) << 21 | UInt64(second)
    }

    private static func lineEndKey(_ first: UInt32, _ second: UInt32, _ last: UInt32) -> UInt64 {
        contextKey(first, second) << 21 | UInt64(last)
    }

    /// Whether a digit on either side of `scalar` gives it a bonus (年, 月, 比): such a
    /// character between digits is at home there.
    func isFavouredBetweenDigits(_ scalar: UInt32) -> Bool {
        afterDigit[scalar] > 0 || beforeDigit[scalar] > 0
    }

    /// Whether the data tells what ends a line after `first` and `second` (see
    /// `atLineEndAfter`).
    func knowsLineEnds(after first: UInt32?, _ second: UInt32?) -> Bool {
        guard let first, let second else { return false }
        return lineEndContexts[Self.contextKey(first, second)] != 0
    }


    /// Whether the data has seen lines end in `scalar` right after `first` and `second`
    /// often enough to give it a bonus there (如下：).
    func endsLines(with scalar: UInt32, after first: UInt32?, _ second: UInt32?) -> Bool {
        guard let first, let second else { return false }
        return atLineEndAfter[Self.lineEndKey(first, second, scalar)] != 0
    }

    /// The bonus of `scalar` between `previous` and `next` (nil: not known), at the end of
    /// the line when `endsLine`. `beforePrevious` is the character before `previous`, given
    /// when ``knowsLineEnds(after:_:)`` them.
    @inline(__always)
    func bonus(for scalar: UInt32, after previous: UInt32?, before next: UInt32?, endsLine: Bool = false, beforePrevious: UInt32? = nil) -> Int {
        var total = 0
        if let previous, Self.isDigit(previous) { total += afterDigit[scalar] }
        if let previous, Self.endsClause(previous) { total += afterPunctuation[scalar] }
        if let next, Self.isDigit(next) { total += beforeDigit[scalar] }
        if endsLine {
            if let beforePrevious, let previous {
                total += atLineEndAfter[Self.lineEndKey(beforePrevious, previous, scalar)]
            } else {
                total += atLineEnd[scalar]
            }
        }
        return total
    }

    /// The most `bonus(for:after:before:endsLine:)` can give any character there: 0 when
    /// no neighbour is a place that has bonuses.
    func bound(after previous: UInt32?, before next: UInt32?, endsLine: Bool = false) -> Int {
        var places = 0
        if let previous, Self.isDigit(previous) || Self.endsClause(previous) { places += 1 }
        if let next, Self.isDigit(next) { places += 1 }
        if endsLine { places += 1 }
        return places * largestBonus
    }

    @inline(__always)
    private static func isDigit(_ scalar: UInt32) -> Bool {
        (0x30...0x39).contains(scalar)
    }

    /// ，。、；：！？, after which a clause starts (于, 本院, 被告...); the same as
    /// `CLAUSE_ENDS` in build_neighbour_bonuses.py, which counts the costs after them.
    @inline(__always)
    private static func endsClause(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF01, 0xFF1F: true
        default: false
        }
    }

    /// The bonuses of a place from its costs: "年10 月12", each character, then its cost
    /// there.
    private static func bonuses(_ costs: StaticString, model: LanguageModel) -> [UInt32: Int] {
        var table: [UInt32: Int] = [:]
        for (characters, cost) in entries(costs) {
            precondition(characters.count == 1, "NeighbourBonusData.swift: one character per cost")
            let bonus = model.chineseCost(characters[0]) - cost
            if bonus > 0 { table[characters[0]] = bonus }
        }
        return table
    }

    /// The entries of a table: characters, then a cost in ASCII digits, then a space. (Read
    /// byte by byte: the tables are read at the first guess of every run, and String's
    /// splitting cost ten times as much.)
    private static func entries(_ costs: StaticString) -> [(characters: [UInt32], cost: Int)] {
        var entries: [(characters: [UInt32], cost: Int)] = []
        costs.withUTF8Buffer { bytes in
            var i = 0
            while i < bytes.count {
                var characters: [UInt32] = []
                while i < bytes.count, !(0x30...0x39).contains(bytes[i]) {
                    guard let (character, length) = UTF8Scalars.decode(at: i, in: bytes, limit: bytes.count) else {
                        preconditionFailure("NeighbourBonusData.swift is corrupt at byte \(i)")
                    }
                    characters.append(character)
                    i += length
                }
                var cost = 0
                while i < bytes.count, (0x30...0x39).contains(bytes[i]) {
                    cost = cost * 10 + Int(bytes[i] - 0x30)
                    i += 1
                }
                entries.append((characters, cost))
                while i < bytes.count, bytes[i] == 0x20 { i += 1 }
            }
        }
        return entries
    }
}
