/// A suspicious line as scalars, with the byte offset of each, so repairs found on
/// characters can be written back as byte ranges.
struct DecodedLine {
    /// The scalars; bytes that are not UTF-8 appear as `UInt32.max` and are never repaired.
    var scalars: [UInt32] = []
    /// `offsets[i]` is where scalar `i` starts in the line; `offsets[count]` is its end.
    var offsets: [Int] = []

    static let invalid = UInt32.max

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        scalars.reserveCapacity(bytes.count)
        offsets.reserveCapacity(bytes.count + 1)
        var i = 0
        while i < bytes.count {
            offsets.append(i)
            if let (scalar, length) = UTF8Decoding.decode(at: i, in: bytes) {
                scalars.append(scalar)
                i += length
            } else {
                scalars.append(Self.invalid)
                i += 1
            }
        }
        offsets.append(bytes.count)
    }

    var count: Int { scalars.count }

    func byteRange(_ scalarRange: Range<Int>) -> Range<Int> {
        offsets[scalarRange.lowerBound]..<offsets[scalarRange.upperBound]
    }
}

/// UTF-8 decoding and encoding of single scalars.
enum UTF8Decoding {
    @inline(__always)
    static func decode(at i: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (scalar: UInt32, length: Int)? {
        let n = bytes.count
        let b0 = bytes[i]
        if b0 < 0x80 { return (UInt32(b0), 1) }
        switch b0 {
        case 0xC2...0xDF:
            guard i + 1 < n, bytes[i + 1] & 0xC0 == 0x80 else { return nil }
            return (UInt32(b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F), 2)
        case 0xE0...0xEF:
            guard i + 2 < n, bytes[i + 1] & 0xC0 == 0x80, bytes[i + 2] & 0xC0 == 0x80 else { return nil }
            let scalar = UInt32(b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
            guard scalar >= 0x800, !(0xD800...0xDFFF).contains(scalar) else { return nil }
            return (scalar, 3)
        case 0xF0...0xF4:
            guard i + 3 < n, bytes[i + 1] & 0xC0 == 0x80, bytes[i + 2] & 0xC0 == 0x80, bytes[i + 3] & 0xC0 == 0x80 else { return nil }
            let scalar = UInt32(b0 & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6 | UInt32(bytes[i + 3] & 0x3F)
            guard (0x10000...0x10FFFF).contains(scalar) else { return nil }
            return (scalar, 4)
        default:
            return nil
        }
    }

    static func append(_ scalar: UInt32, to bytes: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            bytes.append(UInt8(scalar))
        case 0x80..<0x800:
            bytes.append(0xC0 | UInt8(scalar >> 6))
            bytes.append(0x80 | UInt8(scalar & 0x3F))
        case 0x800..<0x10000:
            bytes.append(0xE0 | UInt8(scalar >> 12))
            bytes.append(0x80 | UInt8((scalar >> 6) & 0x3F))
            bytes.append(0x80 | UInt8(scalar & 0x3F))
        default:
            bytes.append(0xF0 | UInt8(scalar >> 18))
            bytes.append(0x80 | UInt8((scalar >> 12) & 0x3F))
            bytes.append(0x80 | UInt8((scalar >> 6) & 0x3F))
            bytes.append(0x80 | UInt8(scalar & 0x3F))
        }
    }

    static func length(of scalar: UInt32) -> Int {
        switch scalar {
        case 0..<0x80: 1
        case 0x80..<0x800: 2
        case 0x800..<0x10000: 3
        default: 4
        }
    }

    static func encode(_ scalars: some Sequence<UInt32>) -> [UInt8] {
        var bytes: [UInt8] = []
        for scalar in scalars { append(scalar, to: &bytes) }
        return bytes
    }

    /// Decodes `bytes` that must be valid UTF-8 as a whole; nil otherwise.
    static func scalars(ofValid bytes: UnsafeBufferPointer<UInt8>) -> [UInt32]? {
        var result: [UInt32] = []
        var i = 0
        while i < bytes.count {
            guard let (scalar, length) = decode(at: i, in: bytes) else { return nil }
            result.append(scalar)
            i += length
        }
        return result
    }
}
