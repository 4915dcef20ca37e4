/// Where UTF-8 sequences start and end, for cutting and holding back chunks.
public enum UTF8Boundaries {
    /// The length of the sequence a lead byte starts (1 for ASCII and for bytes that
    /// cannot start a sequence, which pass through alone).
    @inlinable
    public static func sequenceLength(lead: UInt8) -> Int {
        switch lead {
        case 0xC2...0xDF: 2
        case 0xE0...0xEF: 3
        case 0xF0...0xF4: 4
        default: 1
        }
    }

    /// How many bytes at the end of `bytes` are the start of a sequence that is not yet
    /// complete, and could still be completed by bytes that follow (0 to 3).
    @inlinable
    public static func incompleteSuffixLength(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let n = bytes.count
        var back = 1
        while back <= min(3, n) {
            let byte = bytes[n - back]
            if byte & 0xC0 != 0x80 {
                let needed = sequenceLength(lead: byte)
                return needed > back && isPlausiblePrefix(bytes, start: n - back) ? back : 0
            }
            back += 1
        }
        return 0
    }

    /// Whether the bytes from `start` to the end are a valid beginning of a sequence.
    @usableFromInline
    static func isPlausiblePrefix(_ bytes: UnsafeBufferPointer<UInt8>, start: Int) -> Bool {
        let lead = bytes[start]
        guard start + 1 < bytes.count else { return true }
        let second = bytes[start + 1]
        switch lead {
        case 0xE0: return second >= 0xA0 && second <= 0xBF
        case 0xED: return second >= 0x80 && second <= 0x9F
        case 0xF0: return second >= 0x90 && second <= 0xBF
        case 0xF4: return second >= 0x80 && second <= 0x8F
        default: return second & 0xC0 == 0x80
        }
    }

    /// The largest index `<= limit` that does not fall inside a UTF-8 sequence.
    public static func boundary(atOrBefore limit: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard limit < bytes.count else { return bytes.count }
        var index = limit
        while index > 0, limit - index < 3, bytes[index] & 0xC0 == 0x80 { index -= 1 }
        // Not a sequence after all (stray continuation bytes): cut where asked.
        return bytes[index] & 0xC0 == 0x80 ? limit : index
    }
}
