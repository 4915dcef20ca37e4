/// Decoding and encoding single scalars of UTF-8 bytes that may not be valid: what
/// transforms that look at characters, not bytes, share.
public enum UTF8Scalars {
    /// The scalar at `i` and its length, or nil if the bytes there are not valid UTF-8
    /// within `limit`.
    /// (Inlined: the repairs call it once per candidate character, thousands of times a
    /// line, where the call cost as much as the decoding.)
    @inlinable @inline(__always)
    public static func decode(at i: Int, in bytes: UnsafeBufferPointer<UInt8>, limit: Int) -> (scalar: UInt32, length: Int)? {
        let b0 = bytes[i]
        if b0 < 0x80 { return (UInt32(b0), 1) }
        switch b0 {
        case 0xC2...0xDF:
            guard i + 1 < limit, bytes[i + 1] & 0xC0 == 0x80 else { return nil }
            return (UInt32(b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F), 2)
        case 0xE0...0xEF:
            guard i + 2 < limit else { return nil }
            let b1 = bytes[i + 1], b2 = bytes[i + 2]
            guard b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80 else { return nil }
            let scalar = UInt32(b0 & 0x0F) << 12 | UInt32(b1 & 0x3F) << 6 | UInt32(b2 & 0x3F)
            guard scalar >= 0x800, !(0xD800...0xDFFF).contains(scalar) else { return nil }
            return (scalar, 3)
        case 0xF0...0xF4:
            guard i + 3 < limit else { return nil }
            let b1 = bytes[i + 1], b2 = bytes[i + 2], b3 = bytes[i + 3]
            guard b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80, b3 & 0xC0 == 0x80 else { return nil }
            let scalar = UInt32(b0 & 0x07) << 18 | UInt32(b1 & 0x3F) << 12 | UInt32(b2 & 0x3F) << 6 | UInt32(b3 & 0x3F)
            guard scalar >= 0x10000, scalar <= 0x10FFFF else { return nil }
            return (scalar, 4)
        default:
            return nil
        }
    }

    /// The scalar that starts at `i`, if the bytes there are valid.
    @inlinable
    public static func scalar(at i: Int, in bytes: UnsafeBufferPointer<UInt8>) -> UInt32? {
        decode(at: i, in: bytes, limit: bytes.count)?.scalar
    }

    /// Where the character that ends just before `end` starts: up to three continuation
    /// bytes back, or one byte back when they are not part of a valid sequence.
    public static func start(ofScalarEndingAt end: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var start = end - 1
        while start > 0, end - start < 4, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        if let (_, length) = decode(at: start, in: bytes, limit: end), start + length == end { return start }
        return end - 1
    }

    /// The valid scalar that ends just before `end`, or nil.
    public static func scalar(endingAt end: Int, in bytes: UnsafeBufferPointer<UInt8>) -> UInt32? {
        guard end > 0 else { return nil }
        let start = start(ofScalarEndingAt: end, in: bytes)
        guard let (scalar, length) = decode(at: start, in: bytes, limit: end), start + length == end else { return nil }
        return scalar
    }

    /// "U+00A0 NO-BREAK SPACE", for explanations.
    public static func name(_ scalar: UInt32) -> String {
        var hex = String(scalar, radix: 16, uppercase: true)
        while hex.count < 4 { hex = "0" + hex }
        guard let unicode = Unicode.Scalar(scalar), let name = unicode.properties.name ?? unicode.properties.nameAlias else {
            return "U+" + hex
        }
        return "U+\(hex) \(name)"
    }

    /// Appends the UTF-8 bytes of `scalar`.
    @inlinable
    public static func append(_ scalar: UInt32, to bytes: inout [UInt8]) {
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

    /// How many UTF-8 bytes `scalar` takes.
    @inlinable
    public static func length(of scalar: UInt32) -> Int {
        switch scalar {
        case 0..<0x80: 1
        case 0x80..<0x800: 2
        case 0x800..<0x10000: 3
        default: 4
        }
    }

    /// The UTF-8 bytes of `scalars`, which must all be Unicode scalar values.
    ///
    /// Written through a pointer into room for four bytes each (a repaired page is
    /// encoded character by character, and an append checked capacity and uniqueness for
    /// every byte).
    @inlinable
    public static func encode(_ scalars: some Collection<UInt32>) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: scalars.count * 4) { buffer, count in
            var q = 0
            for scalar in scalars { q &+= write(scalar, into: buffer, at: q) }
            count = q
        }
    }

    /// Writes the UTF-8 bytes of `scalar`, a Unicode scalar value, at `q` in `buffer`,
    /// which has room for them, and returns how many they are: for loops that encode
    /// many characters into room made once.
    @inlinable @inline(__always)
    public static func write(_ scalar: UInt32, into buffer: UnsafeMutableBufferPointer<UInt8>, at q: Int) -> Int {
        switch scalar {
        case 0..<0x80:
            buffer[q] = UInt8(truncatingIfNeeded: scalar)
            return 1
        case 0x80..<0x800:
            buffer[q] = 0xC0 | UInt8(truncatingIfNeeded: scalar >> 6)
            buffer[q &+ 1] = 0x80 | UInt8(truncatingIfNeeded: scalar & 0x3F)
            return 2
        case 0x800..<0x10000:
            buffer[q] = 0xE0 | UInt8(truncatingIfNeeded: scalar >> 12)
            buffer[q &+ 1] = 0x80 | UInt8(truncatingIfNeeded: (scalar >> 6) & 0x3F)
            buffer[q &+ 2] = 0x80 | UInt8(truncatingIfNeeded: scalar & 0x3F)
            return 3
        default:
            buffer[q] = 0xF0 | UInt8(truncatingIfNeeded: scalar >> 18)
            buffer[q &+ 1] = 0x80 | UInt8(truncatingIfNeeded: (scalar >> 12) & 0x3F)
            buffer[q &+ 2] = 0x80 | UInt8(truncatingIfNeeded: (scalar >> 6) & 0x3F)
            buffer[q &+ 3] = 0x80 | UInt8(truncatingIfNeeded: scalar & 0x3F)
            return 4
        }
    }

    /// The scalars of `bytes`, which must be valid UTF-8 as a whole; nil otherwise.
    public static func scalars(ofValid bytes: UnsafeBufferPointer<UInt8>) -> [UInt32]? {
        var result: [UInt32] = []
        var i = 0
        while i < bytes.count {
            guard let (scalar, length) = decode(at: i, in: bytes, limit: bytes.count) else { return nil }
            result.append(scalar)
            i += length
        }
        return result
    }
}
