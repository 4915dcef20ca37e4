import FixTextCore
import FixTextICU

/// The tables a codec builds once from ICU, besides the main one.
extension LegacyCodec {
    /// Adds to `doubleByte` the pairs the decoder reads as a character that encodes to
    /// other bytes, and returns them by character (the first pair of each).
    ///
    /// Microsoft's Shift-JIS has some characters twice: ≒, ≡, ∫, ∵ and others in NEC's
    /// row 13 (87 90–87 9C) as well as in JIS's row 2 (81 E0...), and the IBM extension
    /// kanji in NEC's selection (ED 40–EE FC) as well as in IBM's (FA 40–FC 4B). Decoders
    /// read both; encoders write the second. UTF-8 read as Shift-JIS meets 87 and ED
    /// often, so its ≡ was often 87 90.
    static func addOneWayPairs(to doubleByte: inout [UInt32], singleByte: [UInt32], converter: EncodingConverter) -> [UInt32: UInt32] {
        var pairs: [UInt8] = []
        var codes: [Int] = []
        for lead in 0x81...0xFE where singleByte[lead] == .max {
            for trail in 0x40...0xFE where trail != 0x7F && doubleByte[lead << 8 | trail] == 0 {
                pairs += [UInt8(lead), UInt8(trail), 0x0A]
                codes.append(lead << 8 | trail)
            }
        }
        // Each pair is followed by "\n", which no pair of these encodings contains: the
        // output is one line per pair, unless ICU took a "\n" into a sequence it could not
        // read, and then nothing is added.
        let pieces = converter.decode(pairs).utf8.split(separator: 0x0A, omittingEmptySubsequences: false)
        guard pieces.count == codes.count + 1 else { return [:] }
        var oneWay: [UInt32: UInt32] = [:]
        for (index, piece) in pieces.dropLast().enumerated() {
            guard let scalars = Array(piece).withUnsafeBufferPointer({ UTF8Scalars.scalars(ofValid: $0) }), scalars.count == 1,
                  scalars[0] >= 0x80, scalars[0] != 0xFFFD, scalars[0] < 0x10000
            else { continue }
            doubleByte[codes[index]] = scalars[0]
            if oneWay[scalars[0]] == nil { oneWay[scalars[0]] = 2 << 24 | UInt32(codes[index]) }
        }
        return oneWay
    }

    /// `encodable` and `startsWithUTF8LeadBits`, from the table.
    static func bitmaps(of table: [UInt32]) -> (encodable: [UInt64], startsWithUTF8Lead: [UInt64]) {
        var encodable = [UInt64](repeating: 0, count: 0x10000 / 64)
        var startsWithUTF8Lead = encodable
        for (scalar, packed) in table.enumerated() where packed != 0 {
            let bit: UInt64 = 1 << UInt64(scalar & 63)
            encodable[scalar >> 6] |= bit
            let length = packed >> 24
            if (0xC2...0xF4).contains((packed >> (8 * (length - 1))) & 0xFF) { startsWithUTF8Lead[scalar >> 6] |= bit }
        }
        return (encodable, startsWithUTF8Lead)
    }
}
