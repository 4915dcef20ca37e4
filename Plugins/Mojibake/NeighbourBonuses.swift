/// What a character's neighbours other than Han characters say of it, for guessing a
/// character a decoder left unread.
///
/// A decoder meets the last byte of a character alone where an ASCII byte follows it, or
/// the end of the line: 于2015年11月 read as GBK is 浜?2015骞?11鏈?. The language model's
/// Han bigrams say nothing there, but the neighbours do: after a digit come 年, 月, 日;
/// before one 于, 第, （; at a line's end 。. A character's cost in such a place (counted
/// by `Tools/mojibake-model/build_neighbour_bonuses.py`, see `NeighbourBonusData.swift`)
/// that is below its cost in the language model gives it the difference as a bonus there.
struct NeighbourBonuses: Sendable {
    static let shared = NeighbourBonuses(model: .shared)

    private let afterDigit: [UInt32: Int]
    private let beforeDigit: [UInt32: Int]
    private let atLineEnd: [UInt32: Int]
    /// The largest bonus of any one place.
    let maximum: Int

    init(model: LanguageModel) {
        afterDigit = Self.bonuses(NeighbourBonusData.afterDigit, model: model)
        beforeDigit = Self.bonuses(NeighbourBonusData.beforeDigit, model: model)
        atLineEnd = Self.bonuses(NeighbourBonusData.atLineEnd, model: model)
        maximum = (Array(afterDigit.values) + beforeDigit.values + atLineEnd.values).max() ?? 0
    }

    /// The bonus of `scalar` between `previous` and `next` (nil: not known), at the end of
    /// the line when `endsLine`.
    func bonus(for scalar: UInt32, after previous: UInt32?, before next: UInt32?, endsLine: Bool = false) -> Int {
        var total = 0
        if let previous, Self.isDigit(previous) { total += afterDigit[scalar] ?? 0 }
        if let next, Self.isDigit(next) { total += beforeDigit[scalar] ?? 0 }
        if endsLine { total += atLineEnd[scalar] ?? 0 }
        return total
    }

    /// The most `bonus(for:after:before:endsLine:)` can give any character there: 0 when
    /// no neighbour is a place that has bonuses.
    func maximum(after previous: UInt32?, before next: UInt32?, endsLine: Bool = false) -> Int {
        var places = 0
        if let previous, Self.isDigit(previous) { places += 1 }
        if let next, Self.isDigit(next) { places += 1 }
        if endsLine { places += 1 }
        return places * maximum
    }

    private static func isDigit(_ scalar: UInt32) -> Bool {
        (0x30...0x39).contains(scalar)
    }

    /// The bonuses of a place from its costs: "年10 月12", each character, then its cost
    /// there in ASCII digits.
    private static func bonuses(_ costs: String, model: LanguageModel) -> [UInt32: Int] {
        var table: [UInt32: Int] = [:]
        for entry in costs.split(separator: " ") {
            let scalars = entry.unicodeScalars
            guard let character = scalars.first, let cost = Int(String(String.UnicodeScalarView(scalars.dropFirst()))) else {
                preconditionFailure("NeighbourBonusData.swift is corrupt at \"\(entry)\"")
            }
            let bonus = model.chineseCost(character.value) - cost
            if bonus > 0 { table[character.value] = bonus }
        }
        return table
    }
}
