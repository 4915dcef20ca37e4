import FixTextCore

extension WholeLineUndo {
    /// Of the characters an unread last byte can make (or its last two, when a strict
    /// decoder could not read the middle one either, as Python's gbk never reads 80), the
    /// one bracket that closes around a number with its partner: 〔2017〕, （2015）,
    /// 【2016】, the way Chinese writes case and document numbers. Read as GBK, each
    /// bracket loses its last byte to the digit after it, and the model alone cannot tell
    /// （ from ， there, nor 〕 from 】.
    ///
    /// An opening bracket fits when digits follow and then its partner, or a character cut
    /// short the same way that can be its partner, and none of its kind is open already
    /// (（编号：2017）); a closing one when the decided text ends in its partner and digits.
    /// Only a single fitting candidate is taken: with both ends cut short, 〔〕 and 【】
    /// (or （） and ［］) fit alike, and the data do not tell them apart reliably.
    /// - Parameters:
    ///   - sequence: the character's bytes as read, the unread ones among them.
    ///   - middleUnread: whether the byte before the last was unread too.
    ///   - candidates: the last bytes the decoder could not read there (bit n for 80 + n).
    ///   - decided: the line's characters before this one, as repaired so far.
    static func pairedBracket(
        in sequence: SIMD4<UInt8>, middleUnread: Bool, candidates: UInt64, at q: Int, length: Int,
        in buffer: UnsafeBufferPointer<UInt8>, readAs: LegacyCodec, decided: ArraySlice<UInt32>
    ) -> (scalar: UInt32, middle: UInt8, last: UInt8)? {
        // Every bracket is three bytes, E3 80 xx or EF BC/BD xx.
        guard length == 3, sequence[0] == 0xE3 || sequence[0] == 0xEF else { return nil }
        // (A function that captures no variable: one that did was checked for exclusive
        // access at run time, at every unread byte.)
        func candidate(_ scalar: UInt32) -> (scalar: UInt32, middle: UInt8, last: UInt8)? {
            let middle = UInt8(0x80 | (scalar >> 6) & 0x3F), last = UInt8(0x80 | scalar & 0x3F)
            guard UInt8(0xE0 | scalar >> 12) == sequence[0], candidates & (1 << UInt64(last - 0x80)) != 0 else { return nil }
            if middleUnread {
                guard readAs.strictlyUnread(before: last) & (1 << UInt64(middle - 0x80)) != 0 else { return nil }
            } else {
                guard middle == sequence[1] else { return nil }
            }
            return (scalar, middle, last)
        }
        var fitting: (scalar: UInt32, middle: UInt8, last: UInt8)?
        for (open, close) in Brackets.pairs {
            if let opening = candidate(open), Self.numberThenClosing(close, from: q + length, in: buffer), !Self.isOpen(open, close, in: decided) {
                guard fitting == nil else { return nil }
                fitting = opening
            }
            if let closing = candidate(close), Self.openingThenNumber(open, ending: decided) {
                guard fitting == nil else { return nil }
                fitting = closing
            }
        }
        return fitting
    }

    /// Whether ASCII digits start at `start`, and `close` follows them, whole or cut short
    /// (its first two bytes and a "?").
    private static func numberThenClosing(_ close: UInt32, from start: Int, in buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        var p = start
        while p < buffer.count, (0x30...0x39).contains(buffer[p]) { p += 1 }
        guard p > start, p + 2 < buffer.count else { return false }
        let first = UInt8(0xE0 | close >> 12), second = UInt8(0x80 | (close >> 6) & 0x3F)
        return buffer[p] == first && buffer[p + 1] == second && (buffer[p + 2] == UInt8(0x80 | close & 0x3F) || buffer[p + 2] == question)
    }

    /// Whether `scalar` closes a bracket or quote that nothing in `decided` opened, and
    /// the character before the number it may follow was not lost (which may have been
    /// its partner: 〔 of 〔2017〕 is cut short by the digit too).
    static func closesNothing(_ scalar: UInt32, after decided: ArraySlice<UInt32>) -> Bool {
        // (Every closing bracket and quote is beyond 2000.)
        guard scalar >= 0x2000, let pair = closingPairs.first(where: { $0.close == scalar }) else { return false }
        return !isOpen(pair.open, pair.close, in: decided) && characterBeforeNumber(ending: decided) != 0xFFFD
    }

    /// Whether `open` stands in `text` with no `close` after it (nor, when
    /// `unlessLostAfter`, a lost character, which may have been its partner).
    static func isOpen(_ open: UInt32, _ close: UInt32, in text: ArraySlice<UInt32>, unlessLostAfter: Bool = false) -> Bool {
        guard let opening = text.lastIndex(of: open) else { return false }
        return !text[opening...].contains(close) && !(unlessLostAfter && text[opening...].contains(0xFFFD))
    }

    /// Whether `decided` ends in `open` and ASCII digits.
    private static func openingThenNumber(_ open: UInt32, ending decided: ArraySlice<UInt32>) -> Bool {
        characterBeforeNumber(ending: decided) == open
    }

    /// The character before the ASCII digits `decided` ends in; nil if it ends in none, or
    /// they are all there is.
    private static func characterBeforeNumber(ending decided: ArraySlice<UInt32>) -> UInt32? {
        var k = decided.endIndex
        while k > decided.startIndex, (0x30...0x39).contains(decided[k - 1]) { k -= 1 }
        return k < decided.endIndex && k > decided.startIndex ? decided[k - 1] : nil
    }
}
