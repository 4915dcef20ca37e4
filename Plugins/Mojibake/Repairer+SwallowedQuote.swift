import FixTextCore

extension Repairer {
    /// `repairs` with each closing double quote put back that a decoder's "?" took.
    ///
    /// Windows-936 as .NET and Java read it writes one "?" for a lead byte and the byte
    /// after it when the two make no pair, so an ASCII byte after a character cut short
    /// goes too; so does Windows' Shift-JIS, with "・" (see ``middleDotsAsUnread(_:)``). In source code that byte is most often the quote that closes a string:
    /// `"发送失败");` read so is `"鍙戦€佸け璐?);` (javac's "unclosed string literal"). It is
    /// put back only where the line says so: the repaired stretch ends in that "?", a
    /// string is open before it (an odd number of `"`), and no `"` follows it.
    static func closingSwallowedQuotes(_ repairs: [Repair], in scalars: [UInt32]) -> [Repair] {
        guard repairs.contains(where: { $0.range.upperBound < scalars.count && isUnreadMark(scalars[$0.range.upperBound - 1]) }),
              scalars.contains(quote)
        else { return repairs }
        return repairs.map { repair in
            let end = repair.range.upperBound
            guard end < scalars.count, scalars[end] < 0x80, scalars[end] != quote, repair.chain.count == 1, repair.chain[0].actualIsUTF8,
                  scalars[end - 1] == question && repair.chain[0].readAs == "windows-936-2000"
                  || scalars[end - 1] == middleDot && repair.chain[0].readAs == LegacyCodec.shiftJIS,
                  let last = repair.replacement.last, last != question, last != middleDot, last >= 0x3000 || last == 0xFFFD,
                  scalars[..<repair.range.lowerBound].count(where: { $0 == quote }) % 2 == 1,
                  !scalars[end...].contains(quote)
            else { return repair }
            var closed = repair
            closed.replacement.append(quote)
            closed.lost.append(.swallowedQuote)
            return closed
        }
    }

    private static let question = UInt32(UInt8(ascii: "?")), quote = UInt32(UInt8(ascii: "\""))

    private static func isUnreadMark(_ scalar: UInt32) -> Bool { scalar == question || scalar == middleDot }
}
