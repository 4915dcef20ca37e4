/// The full-width brackets of a line around a place: which of them a bracket written
/// there would pair with, an opening one with a closing one later that nothing opened, a
/// closing one with an opening one before that nothing closed.
struct Brackets {
    let before: ArraySlice<UInt32>
    let after: ArraySlice<UInt32>

    /// Whether neither side has a full-width bracket: then a closing one written here is
    /// unpaired and none is partnered, wherever the place is. (Asked only where a "?" cut
    /// a character short, so not found for every place made.)
    var hasNone: Bool {
        !before.contains(where: Self.isBracket) && !after.contains(where: Self.isBracket)
    }

    /// Opening and closing forms: （）《》「」『』【】〔〕〈〉［］｛｝.
    static let pairs: [(open: UInt32, close: UInt32)] = [
        (0xFF08, 0xFF09), (0x300A, 0x300B), (0x300C, 0x300D), (0x300E, 0x300F), (0x3010, 0x3011),
        (0x3014, 0x3015), (0x3008, 0x3009), (0xFF3B, 0xFF3D), (0xFF5B, 0xFF5D),
    ]

    /// A closing bracket with nothing open before it: no bracket of text.
    func isUnpairedClosing(_ scalar: UInt32) -> Bool {
        guard Self.isBracket(scalar), let pair = Self.pairs.first(where: { $0.close == scalar }) else { return false }
        guard let opening = before.lastIndex(of: pair.open) else { return true }
        return before[opening...].contains(pair.close)
    }

    private static func isBracket(_ scalar: UInt32) -> Bool {
        (0x3008...0x3015).contains(scalar) || (0xFF08...0xFF5D).contains(scalar)
    }

    func isPartnered(_ scalar: UInt32) -> Bool {
        guard Self.isBracket(scalar) else { return false }
        for (open, close) in Self.pairs {
            if scalar == open, let closing = after.firstIndex(of: close) {
                return !after[..<closing].contains(open)
            }
            if scalar == close, let opening = before.lastIndex(of: open) {
                return !before[opening...].contains(close)
            }
        }
        return false
    }
}
