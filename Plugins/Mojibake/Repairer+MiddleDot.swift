import FixTextCore

extension Repairer {
    /// `scalars` with each "・" that follows a character beyond ASCII made a "?", when
    /// there is one; nil otherwise.
    ///
    /// Windows' and .NET's Shift-JIS decoders (code page 932) write "・" (U+30FB), not "?",
    /// for a lead byte and the byte after it that make no pair, as ICU's writes "?": UTF-8
    /// read so is full of them (中断しました。" is 荳ｭ譁ｭ縺励∪縺励◆縲・, 。 cut after E3 80
    /// and its 82 gone with the quote). Read as its own bytes, 81 45, the dot makes a
    /// continuation byte and an "E" (、E). A "・" of Japanese text stands between words,
    /// which this misreading would not give back anyway.
    static func middleDotsAsUnread(_ scalars: [UInt32]) -> [UInt32]? {
        guard let first = scalars.indices.first(where: { $0 > 0 && scalars[$0] == middleDot && scalars[$0 - 1] >= 0x80 }) else { return nil }
        var marked = scalars
        for k in first..<scalars.count where scalars[k] == middleDot && scalars[k - 1] >= 0x80 {
            marked[k] = UInt32(UInt8(ascii: "?"))
        }
        return marked
    }

    static let middleDot: UInt32 = 0x30FB
}
