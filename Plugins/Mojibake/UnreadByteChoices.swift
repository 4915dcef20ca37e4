/// The bytes that one unread byte of a UTF-8 sequence, or two, may have been, pair by
/// pair (x for the first unread byte, y for the second, 0 when there is none), for
/// ``WholeLineUndo/withUnreadByte(at:character:_:in:starts:line:before:decided:script:readAs:model:guesses:)``.
///
/// Each unread byte is one the decoder could not read before the byte after it: the
/// last one's choices hang on the byte after the sequence; when the first is right
/// before the second, its choices hang on which the second was.
///
/// (An iterator, so that the candidates are weighed in one loop: a function called for
/// each from nested loops either captured the weighing's state, which is then checked
/// for exclusive access at run time, or was inlined three times over.)
struct UnreadByteChoices {
    private let readAs: LegacyCodec
    private enum Shape { case one, adjacent, apart }
    private let shape: Shape
    /// The choices of the byte chosen in the outer loop, still to take.
    private var outer: UInt64
    /// The choices of the inner loop's byte for the outer byte taken, still to take.
    private var inner: UInt64 = 0
    private var outerByte: UInt8 = 0
    private let lastChoices: UInt64

    /// - Parameters:
    ///   - lastChoices: what the last unread byte may have been (from the byte after it).
    ///   - firstBefore: the read byte right after the first unread one, when the two are
    ///     apart (a read byte between them).
    init(readAs: LegacyCodec, lastChoices: UInt64, second: Bool, adjacent: Bool, firstBefore: UInt8) {
        self.readAs = readAs
        self.lastChoices = lastChoices
        if !second {
            shape = .one
            outer = lastChoices
        } else if adjacent {
            shape = .adjacent
            outer = lastChoices
        } else {
            shape = .apart
            outer = readAs.strictlyUnread(before: firstBefore)
        }
    }

    @inline(__always)
    mutating func next() -> (x: UInt8, y: UInt8)? {
        switch shape {
        case .one:
            guard let x = Self.take(&outer) else { return nil }
            return (x, 0)
        case .adjacent:
            while inner == 0 {
                guard let y = Self.take(&outer) else { return nil }
                outerByte = y
                inner = readAs.strictlyUnread(before: y)
            }
            return (Self.take(&inner)!, outerByte)
        case .apart:
            while inner == 0 {
                guard let x = Self.take(&outer) else { return nil }
                outerByte = x
                inner = lastChoices
            }
            return (outerByte, Self.take(&inner)!)
        }
    }

    /// 80 + n for the lowest bit n set in `mask`, which it clears; nil when none is set.
    @inline(__always)
    private static func take(_ mask: inout UInt64) -> UInt8? {
        guard mask != 0 else { return nil }
        let byte = 0x80 + UInt8(truncatingIfNeeded: mask.trailingZeroBitCount)
        mask &= mask &- 1
        return byte
    }
}
