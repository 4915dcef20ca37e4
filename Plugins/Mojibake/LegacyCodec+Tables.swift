import FixTextCore
import FixTextICU

/// How a codec's tables are built, each run, for every codec a run uses: some 20,000
/// characters for a double-byte encoding, so the loops read and write through pointers.
extension LegacyCodec {
    /// The ICU converter a codec of `name` reads with.
    static func converterName(_ name: String) -> String {
        name == sloppyWindows1252 ? "windows-1252" : name
    }

    /// Encodings of one byte per character: their tables come from decoding the 256
    /// bytes, which is far quicker than encoding the whole BMP.
    static let singleByte: Set<String> = [
        "windows-1250", "windows-1251", "windows-1252", "windows-1253", "windows-1254", "windows-1255", "windows-1257", "iso-8859-1", "iso-8859-2", "iso-8859-15",
        "macintosh", "ibm-437", "ibm-850", "ibm-866",
    ]

    /// `encodable` and `startsWithUTF8LeadBits`, from the table, whose characters are
    /// among `scalars` (looked up there rather than by scanning all 65,536 entries).
    static func bitmaps(of table: [UInt32], at scalars: [UInt32]) -> (encodable: [UInt64], startsWithUTF8Lead: [UInt64]) {
        var encodable = [UInt64](repeating: 0, count: 0x10000 / 64)
        var startsWithUTF8Lead = encodable
        table.withUnsafeBufferPointer { table in
            encodable.withUnsafeMutableBufferPointer { encodable in
                startsWithUTF8Lead.withUnsafeMutableBufferPointer { startsWithUTF8Lead in
                    for scalar in scalars {
                        let packed = table[Int(scalar)]
                        guard packed != 0 else { continue }
                        let bit: UInt64 = 1 &<< UInt64(scalar & 63)
                        encodable[Int(scalar &>> 6)] |= bit
                        let first = (packed &>> (8 &* ((packed &>> 24) &- 1))) & 0xFF
                        if first >= 0xC2 && first <= 0xF4 { startsWithUTF8Lead[Int(scalar &>> 6)] |= bit }
                    }
                }
            }
        }
        return (encodable, startsWithUTF8Lead)
    }

    /// The BMP characters in `roundTrip` (ICU's round-trip set) but controls, surrogates
    /// and DEL, and their UTF-8, each followed by "\n": what a multi-byte encoding's table
    /// is built from. No multibyte sequence of these encodings contains 0x0A, so ICU's
    /// output splits cleanly per character.
    static func roundTripText(_ roundTrip: [UInt64]) -> (scalars: [UInt32], utf8: [UInt8]) {
        let scalars = [UInt32](unsafeUninitializedCapacity: 0x10000) { buffer, found in
            found = 0
            for word in roundTrip.indices where roundTrip[word] != 0 {
                var bits = roundTrip[word]
                while bits != 0 {
                    let scalar = UInt32(truncatingIfNeeded: word &<< 6 | bits.trailingZeroBitCount)
                    bits &= bits &- 1
                    if scalar >= 0x20 && scalar != 0x7F && !(0xD800...0xDFFF).contains(scalar) {
                        buffer[found] = scalar
                        found &+= 1
                    }
                }
            }
        }
        let utf8 = [UInt8](unsafeUninitializedCapacity: scalars.count * 4) { buffer, written in
            var q = 0
            for scalar in scalars {
                q += UTF8Scalars.write(scalar, into: buffer, at: q)
                buffer[q] = 0x0A
                q += 1
            }
            written = q
        }
        return (scalars, utf8)
    }

    /// Adds to `doubleByte` the pairs the decoder reads as a character that encodes to
    /// other bytes, and returns them by character (the first pair of each).
    ///
    /// Microsoft's Shift-JIS has some characters twice: ≒, ≡, ∫, ∵ and others in NEC's
    /// row 13 (87 90–87 9C) as well as in JIS's row 2 (81 BE–81 E7), and the IBM extension
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
}
