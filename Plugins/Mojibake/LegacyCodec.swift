import FixTextCore
import FixTextICU

/// One legacy encoding, as the repairer uses it: a table of the bytes each BMP character
/// encodes to, built once with ICU, and decoding through ICU.
///
/// Repairs ask "which bytes would this text have been?" for every character of a suspicious
/// span, many times over; a table answers that without a call into ICU per character.
final class LegacyCodec: Sendable {
    /// The ICU converter name.
    let name: String
    /// Whether some characters take more than one byte.
    let isMultiByte: Bool
    /// GBK, GB18030 or Big5: text read as one of them was most likely Chinese.
    let isChinese: Bool
    /// Whether its strict decoder, ignoring what it cannot read, keeps enough of UTF-8 (GBK, Shift-JIS).
    let dropsUnreadBytesWhenIgnoring: Bool
    /// What a "?" that ICU's converter writes for bytes it cannot read stands for.
    let questionMark: QuestionMark

    /// windows-936, which reads GBK's user-defined rows as private use, which text cleaners
    /// later remove (see ``WholeLineUndo``).
    let readsUserDefinedAsPrivateUse: Bool
    /// Shift-JIS: its second bytes include 0xA0 and bytes below 0xA1, unlike the others'.
    let isShiftJIS: Bool
    /// GBK and EUC-KR: nearly all real text is in GB2312 and KS X 1001, whose characters
    /// are two bytes above ASCII, so a pair ending in an ASCII byte is suspect.
    let hasHighPairs: Bool
    /// For each BMP scalar, its bytes packed as `length << 24 | bytes` (first byte highest),
    /// or 0 when the encoding has no bytes for it.
    private let table: [UInt32]
    /// A bit per BMP scalar: whether `table` has bytes for it, and whether those bytes start
    /// with a UTF-8 lead. A line is scanned once per misreading, twenty times; these 8 KB
    /// bitmaps stay in cache where the 256 KB table would not.
    private let encodable: [UInt64], startsWithUTF8LeadBits: [UInt64]
    /// The character of each two-byte code (`lead << 8 | trail`), or 0; empty for a
    /// single-byte encoding, which has no pairs (256 KB of zeros per codec otherwise).
    private let doubleByte: [UInt32]
    /// The character of each single byte, or `UInt32.max` when the byte alone is none.
    private let singleByte: [UInt32]
    /// Indexed by the byte that follows: the bytes 80–BF (bit n for 80 + n) that a strict
    /// decoder cannot read there and writes as U+FFFD. For a double-byte encoding, those
    /// that lead no pair with the byte after (a strict decoder has neither Windows' private
    /// use for the user-defined rows nor € for 80); for a single-byte one, those it has no
    /// character for (windows-1252's 81, 8D, 8F, 90, 9D), whatever follows.
    private let strictlyUnreadBefore: [UInt64]
    /// Indexed by the byte that follows: the UTF-8 leads C0–FF (bit n for C0 + n) that a
    /// double-byte decoder cannot read there: they lead no pair with that byte and are no
    /// character alone (Shift-JIS has no pair EF BC, the start of "，" in UTF-8). Empty
    /// for a single-byte encoding.
    private let unreadLeadsBefore: [UInt64]
    /// Characters the decoder also reads from a pair other than their own, with that pair
    /// packed as in `table` (see ``addOneWayPairs(to:singleByte:converter:)``).
    private let oneWayPairs: [UInt32: UInt32]
    /// A bit per BMP scalar: whether `oneWayPairs` has it (looked up for every character
    /// of a line, where hashing each cost more than the rest of the work on it).
    private let hasOneWayPairBits: [UInt64]
    /// The bytes only Windows reads alone (see `strictlyReadsAlone(_:)`).
    private let readAloneByWindowsOnly: Set<UInt8>

    private static let cache = SharedCache<String, LegacyCodec>()

    /// Windows-1252 as browsers decode it, which is also what Latin-1 decoders made: the
    /// five bytes windows-1252 leaves undefined read as C1 controls, and encoding takes
    /// either reading of 0x80–0x9F back to its byte (€ and U+0080 both become 0x80). One
    /// misreading of this covers text read as windows-1252 and text read as Latin-1, which
    /// are the same for every other byte; ftfy calls it "sloppy-windows-1252".
    static let sloppyWindows1252 = "sloppy-windows-1252"
    /// ICU's Shift-JIS as Windows decodes it.
    static let shiftJIS = "ibm-943_P15A-2003"

    /// The codec for `name`, built on first use and shared.
    static func named(_ name: String) throws -> LegacyCodec {
        try cache.value(for: name) { try LegacyCodec(name: name) }
    }

    private init(name: String) throws {
        self.name = name
        isShiftJIS = name == Self.shiftJIS
        hasHighPairs = name == "windows-936-2000" || name == "windows-949-2000"
        isChinese = name == "windows-936-2000" || name == "gb18030" || name == "windows-950-2000"
        dropsUnreadBytesWhenIgnoring = name == "windows-936-2000" || name == Self.shiftJIS
        questionMark = QuestionMark(encoding: name)
        readsUserDefinedAsPrivateUse = name == "windows-936-2000"
        let sloppy = name == Self.sloppyWindows1252
        let converter = try EncodingConverter(name: Self.converterName(name))
        if sloppy || Self.singleByte.contains(name) {
            var table = [UInt32](repeating: 0, count: 0x10000)
            var singleByte = [UInt32](repeating: .max, count: 0x100)
            for byte in 0..<256 {
                let decoded = converter.decode([UInt8(byte)])
                guard decoded.invalid.isEmpty,
                      let scalars = decoded.utf8.withUnsafeBufferPointer({ UTF8Scalars.scalars(ofValid: $0) }),
                      scalars.count == 1, scalars[0] < 0x10000, scalars[0] != 0xFFFD || byte == 0xFF
                else { continue }
                if byte < 0x20 && ![0x09, 0x0A, 0x0D].contains(byte) { continue }
                singleByte[byte] = scalars[0]
                if table[Int(scalars[0])] == 0 { table[Int(scalars[0])] = 1 << 24 | UInt32(byte) }
            }
            // A byte the code page has no character for: ICU reads it as a C1 control, as
            // browsers do; strict decoders (Python's) write U+FFFD.
            var undefined: UInt64 = 0
            for byte in 0x80...0xBF where singleByte[byte] == .max || (0x80...0x9F).contains(singleByte[byte]) {
                undefined |= 1 << UInt64(byte - 0x80)
            }
            if sloppy {
                for byte in 0x80...0x9F {
                    table[byte] = 1 << 24 | UInt32(byte)
                    if singleByte[byte] == .max { singleByte[byte] = UInt32(byte) }
                }
            }
            // Windows' code page 437 (and Python's cp437, which follows it) reads E6 as µ,
            // the micro sign, where ICU's ibm-437 reads μ, the Greek letter: text read by
            // either is undone (E6 leads UTF-8's U+6000–U+6FFF, 文 among them).
            let readByWindowsAlso: [(byte: UInt32, scalar: UInt32)] = name == "ibm-437" ? [(0xE6, 0xB5)] : []
            for (byte, scalar) in readByWindowsAlso where table[Int(scalar)] == 0 { table[Int(scalar)] = 1 << 24 | byte }
            self.table = table
            isMultiByte = false
            (encodable, startsWithUTF8LeadBits) = Self.bitmaps(
                of: table, at: singleByte.filter { $0 < 0x10000 } + Array(0x80...0x9F) + readByWindowsAlso.map(\.scalar)
            )
            self.doubleByte = []
            self.singleByte = singleByte
            strictlyUnreadBefore = [UInt64](repeating: undefined, count: 256)
            unreadLeadsBefore = [UInt64](repeating: 0, count: 256)
            oneWayPairs = [:]
            hasOneWayPairBits = []
            readAloneByWindowsOnly = []
            return
        }
        // Every character ICU maps both ways (its round-trip set, so no character the
        // encoding lacks stops the converter), encoded in one call.
        let (scalars, utf8) = Self.roundTripText(try converter.roundTripBMP())
        var encoded: [UInt8] = []
        encoded.reserveCapacity(utf8.count)
        // Should ICU fail to encode a member of its own set after all, the slower way that
        // names each failure is taken, and its "?" is not taken for the character's bytes.
        var unencodable = Set<Int>()
        try utf8.withUnsafeBufferPointer { all throws(ICUError) in
            guard !converter.encode(utf8: all, into: &encoded) else { return }
            try converter.encode(utf8: all, into: &encoded) { unencodable.insert($0.offset) }
        }
        var table = [UInt32](repeating: 0, count: 0x10000)
        // Some 20,000 characters per encoding, each run: the loop reads and writes through
        // pointers. ICU's output has each character's bytes, then "\n".
        table.withUnsafeMutableBufferPointer { table in
            encoded.withUnsafeBufferPointer { encoded in
                var start = 0, utf8Start = 0
                for scalar in scalars {
                    var end = start
                    while end < encoded.count && encoded[end] != 0x0A { end &+= 1 }
                    guard end < encoded.count else { break }
                    let length = end &- start
                    if (1...3).contains(length), unencodable.isEmpty || !unencodable.contains(utf8Start) {
                        var packed = UInt32(truncatingIfNeeded: length) &<< 24
                        for q in start..<end { packed |= UInt32(encoded[q]) &<< (8 &* UInt32(truncatingIfNeeded: end &- 1 &- q)) }
                        table[Int(scalar)] = packed
                    }
                    start = end &+ 1
                    utf8Start &+= (scalar < 0x80 ? 1 : scalar < 0x800 ? 2 : 3) &+ 1
                }
            }
        }
        for byte in UInt32(0x09)...0x0D { table[Int(byte)] = 1 << 24 | byte }
        table[0x7F] = 1 << 24 | 0x7F
        // Where ICU reads the byte 80 as nothing (its Shift-JIS), Microsoft's and Python's
        // decoders read it as U+0080, as ICU's Big5 does: that is what text read so has.
        if table[0x80] == 0 && !converter.decode([0x80]).invalid.isEmpty { table[0x80] = 1 << 24 | 0x80 }
        // Microsoft's Shift-JIS (code page 932, and Python's cp932, which follows it) reads
        // the bytes that have no character in ICU's, A0 and FD–FF, as private use U+F8F0–
        // U+F8F3; strict decoders write U+FFFD for them.
        let readByWindowsOnly: [(byte: UInt32, scalar: Int)] = isShiftJIS
            ? [(0xA0, 0xF8F0), (0xFD, 0xF8F1), (0xFE, 0xF8F2), (0xFF, 0xF8F3)] : []
        for (byte, scalar) in readByWindowsOnly where table[scalar] == 0 { table[scalar] = 1 << 24 | byte }
        readAloneByWindowsOnly = Set(readByWindowsOnly.map { UInt8($0.byte) })
        var doubleByte = [UInt32](repeating: 0, count: 0x10000)
        var singleByte = [UInt32](repeating: .max, count: 0x100)
        table.withUnsafeBufferPointer { table in
            doubleByte.withUnsafeMutableBufferPointer { doubleByte in
                singleByte.withUnsafeMutableBufferPointer { singleByte in
                    for scalar in table.indices {
                        let packed = table[scalar]
                        switch packed >> 24 {
                        case 1: singleByte[Int(packed & 0xFF)] = UInt32(truncatingIfNeeded: scalar)
                        case 2: doubleByte[Int(packed & 0xFFFF)] = UInt32(truncatingIfNeeded: scalar)
                        default: break
                        }
                    }
                }
            }
        }
        // What strict decoders cannot read is what ICU's table has no pair for: Python's
        // `shift_jis` has no NEC row 13, and writes U+FFFD for 87 90.
        let roundTripPairs = doubleByte
        var oneWay: [UInt32: UInt32] = [:]
        if isShiftJIS {
            oneWay = Self.addOneWayPairs(to: &doubleByte, singleByte: singleByte, converter: converter)
        }
        oneWayPairs = oneWay
        var oneWayBits = [UInt64](repeating: 0, count: oneWay.isEmpty ? 0 : 0x10000 / 64)
        for scalar in oneWay.keys where scalar < 0x10000 { oneWayBits[Int(scalar >> 6)] |= 1 << UInt64(scalar & 63) }
        hasOneWayPairBits = oneWayBits
        self.table = table
        isMultiByte = table[0x4E2D] >> 24 >= 2
        var (encodable, startsWithUTF8Lead) = Self.bitmaps(
            of: table, at: scalars + [0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x7F, 0x80] + readByWindowsOnly.map { UInt32($0.scalar) }
        )
        // A character read from its other pair (ED xx for one of IBM's kanji) may start
        // UTF-8 there.
        for (scalar, packed) in oneWay where (0xC2...0xF4).contains((packed >> 8) & 0xFF) {
            startsWithUTF8Lead[Int(scalar >> 6)] |= 1 << UInt64(scalar & 63)
        }
        (self.encodable, startsWithUTF8LeadBits) = (encodable, startsWithUTF8Lead)
        self.doubleByte = doubleByte
        self.singleByte = singleByte
        // For each byte after, the leads 80–FF that a strict decoder cannot read before it:
        // those with no pair with it in ICU's round-trip table (or a pair read as private
        // use), unless they are a character of their own (Shift-JIS's half-width katakana),
        // which is read whatever follows; the bytes only Windows reads alone are not. 80
        // never is. Some 32,000 pairs each run, looked up through pointers.
        var strictlyUnread = [UInt64](repeating: 1, count: 256)
        var unreadLeads = [UInt64](repeating: 0, count: 256)
        roundTripPairs.withUnsafeBufferPointer { doubleByte in
            strictlyUnread.withUnsafeMutableBufferPointer { strictlyUnread in
                unreadLeads.withUnsafeMutableBufferPointer { unreadLeads in
                    for lead in 0x81...0xFF where singleByte[lead] == .max || readByWindowsOnly.contains(where: { $0.byte == lead }) {
                        for trail in 0..<256 {
                            let scalar = doubleByte[lead &<< 8 | trail]
                            guard scalar == 0 || (0xE000...0xF8FF).contains(scalar) else { continue }
                            if lead < 0xC0 {
                                strictlyUnread[trail] |= 1 &<< UInt64(lead &- 0x80)
                            } else {
                                unreadLeads[trail] |= 1 &<< UInt64(lead &- 0xC0)
                            }
                        }
                    }
                }
            }
        }
        strictlyUnreadBefore = strictlyUnread
        unreadLeadsBefore = unreadLeads
    }

    /// The character at `q` of `bytes` and its length, or nil when the bytes there are no
    /// character: the same answers as ICU's decoder, from the tables.
    @inline(__always)
    func decode(at q: Int, in bytes: [UInt8]) -> (UInt32, Int)? {
        bytes.withUnsafeBufferPointer { decode(at: q, in: $0) }
    }

    @inline(__always)
    func decode(at q: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (UInt32, Int)? {
        let lead = bytes[q]
        if lead < 0x80 { return (UInt32(lead), 1) }
        if q + 1 < bytes.count, !doubleByte.isEmpty {
            let scalar = doubleByte[Int(lead) << 8 | Int(bytes[q + 1])]
            if scalar != 0 { return (scalar, 2) }
        }
        let single = singleByte[Int(lead)]
        return single == .max ? nil : (single, 1)
    }

    /// The character of the pair `lead`, `trail`, or 0 when they make none (a table read,
    /// for callers that weigh pairs one at a time).
    @inline(__always)
    func character(lead: UInt8, trail: UInt8) -> UInt32 {
        doubleByte.isEmpty ? 0 : doubleByte[Int(lead) << 8 | Int(trail)]
    }

    /// The character of `byte` alone, or nil.
    @inline(__always)
    func character(alone byte: UInt8) -> UInt32? {
        let single = singleByte[Int(byte)]
        return single == .max ? nil : single
    }

    /// The bytes 80–BF (bit n for 80 + n) that a strict decoder writes as U+FFFD before
    /// `next` (nil: not known, when a double-byte decoder may have read any of them so).
    @inline(__always)
    func strictlyUnread(before next: UInt8?) -> UInt64 {
        guard let next else { return isMultiByte ? ~0 : strictlyUnreadBefore[0] }
        return strictlyUnreadBefore[Int(next)]
    }

    /// Whether `byte` alone is a character here (as ICU reads it: windows-936's 80 is €).
    @inline(__always)
    func readsAlone(_ byte: UInt8) -> Bool {
        singleByte[Int(byte)] != .max
    }

    /// Whether a strict decoder too reads `byte` alone: not the bytes only Microsoft's
    /// Shift-JIS reads so (A0 and FD–FF), for which Python's `shift_jis` writes U+FFFD.
    func strictlyReadsAlone(_ byte: UInt8) -> Bool {
        readsAlone(byte) && !readAloneByWindowsOnly.contains(byte)
    }

    /// The UTF-8 leads C0–FF (bit n for C0 + n) that a double-byte decoder cannot read
    /// before `next`, and writes as U+FFFD (strict decoders) or "?" (ICU's, with a "?"
    /// for what it cannot read).
    @inline(__always)
    func unreadLeads(before next: UInt8) -> UInt64 {
        unreadLeadsBefore[Int(next)]
    }

    /// The bytes of `scalar` packed as `length << 24 | bytes` (first byte highest), or 0
    /// when the encoding has none.
    @inline(__always)
    func packedBytes(_ scalar: UInt32) -> UInt32 {
        scalar < 0x10000 ? table[Int(scalar)] : 0
    }

    /// Whether the decoder reads `scalar` from a pair other than its own too.
    @inline(__always)
    func hasOtherPair(_ scalar: UInt32) -> Bool {
        !hasOneWayPairBits.isEmpty && scalar < 0x10000 && hasOneWayPairBits[Int(scalar >> 6)] & (1 << UInt64(scalar & 63)) != 0
    }

    /// The other pair the decoder reads as `scalar`, packed as by ``packedBytes(_:)``, or 0.
    func otherPackedBytes(_ scalar: UInt32) -> UInt32 {
        oneWayPairs[scalar] ?? 0
    }

    /// Appends the bytes of `scalar`; false if the encoding has none.
    @inline(__always)
    func encode(_ scalar: UInt32, into bytes: inout [UInt8]) -> Bool {
        guard scalar < 0x10000 else { return false }
        let packed = table[Int(scalar)]
        guard packed != 0 else { return false }
        let length = Int(packed >> 24)
        for k in stride(from: length - 1, through: 0, by: -1) {
            bytes.append(UInt8(truncatingIfNeeded: packed >> (8 * UInt32(k))))
        }
        return true
    }

    /// The character that `scalar`'s two bytes in this encoding are in `other`; nil
    /// when it has no two bytes here or they are no character there. ASCII is itself.
    @inline(__always)
    func swapped(_ scalar: UInt32, into other: LegacyCodec) -> UInt32? {
        if scalar < 0x80 { return scalar }
        guard scalar < 0x10000 else { return nil }
        let packed = table[Int(scalar)]
        guard packed >> 24 == 2, !other.doubleByte.isEmpty else { return nil }
        let character = other.doubleByte[Int(packed & 0xFFFF)]
        return character == 0 ? nil : character
    }

    /// Whether a strict decoder (Python's, Java's) reads `lead` and `trail` as one
    /// character: a pair the encoding has, and not one of its user-defined pairs, which
    /// only Windows reads (as private use).
    func strictlyReadsPair(_ lead: UInt8, _ trail: UInt8) -> Bool {
        guard !doubleByte.isEmpty else { return false }  // a single-byte encoding
        let scalar = doubleByte[Int(lead) << 8 | Int(trail)]
        return scalar != 0 && !(0xE000...0xF8FF).contains(scalar)
    }

    /// Whether `scalar` has bytes here, and the same bytes in `other`.
    @inline(__always)
    func sameBytes(_ scalar: UInt32, as other: LegacyCodec) -> Bool {
        scalar < 0x10000 && table[Int(scalar)] != 0 && table[Int(scalar)] == other.table[Int(scalar)]
    }

    /// How many bytes `scalar` encodes to (1 for characters without bytes, which never
    /// reach a repair).
    func byteCount(_ scalar: UInt32) -> Int {
        guard scalar < 0x10000 else { return 1 }
        return max(1, Int(table[Int(scalar)] >> 24))
    }

    /// Calls `body` with every BMP character that has two bytes, and those bytes.
    func forEachDoubleByte(_ body: (UInt32, UInt8, UInt8) -> Void) {
        for (scalar, packed) in table.enumerated() where packed >> 24 == 2 {
            body(UInt32(scalar), UInt8(truncatingIfNeeded: packed >> 8), UInt8(truncatingIfNeeded: packed))
        }
    }

    /// Whether the first byte of `scalar` in this encoding could start a multi-byte UTF-8
    /// sequence (C2–F4).
    @inline(__always)
    func startsWithUTF8Lead(_ scalar: UInt32) -> Bool {
        scalar < 0x10000 && startsWithUTF8LeadBits[Int(scalar >> 6)] & (1 << UInt64(scalar & 63)) != 0
    }

    /// Whether `scalar` is one byte here that looks like the start of a character of a
    /// double-byte encoding read as this one: a Latin letter (ÖÐÎÄ), or a byte of
    /// 0x81–0x9F, which reads as a C1 control or one of windows-1252's symbols and leads
    /// the kana of Shift-JIS ("\u{82}µ" is し).
    @inline(__always)
    func startsWithDoubleByteLead(_ scalar: UInt32) -> Bool {
        if (0xC0...0x24F).contains(scalar) { return true }
        guard scalar < 0x10000 else { return false }
        let packed = table[Int(scalar)]
        return packed >> 24 == 1 && (0x81...0x9F).contains(packed & 0xFF)
    }

    @inline(__always)
    func canEncode(_ scalar: UInt32) -> Bool {
        scalar < 0x10000 && encodable[Int(scalar >> 6)] & (1 << UInt64(scalar & 63)) != 0
    }
}
