/// Decoding and encoding of UTF-8 for the matcher: no allocation, no `String`.
enum UTF8Scan {
    /// The character at `i` and its length, or length 0 when the bytes at `i` are not a
    /// complete, valid UTF-8 sequence before `n`.
    @inline(__always)
    static func decode(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> (scalar: UInt32, length: Int) {
        let b0 = UInt32(p[i])
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xC2 { return (0, 0) }
        if b0 < 0xE0 {
            guard i &+ 1 < n else { return (0, 0) }
            let b1 = UInt32(p[i &+ 1])
            guard b1 & 0xC0 == 0x80 else { return (0, 0) }
            return ((b0 & 0x1F) << 6 | b1 & 0x3F, 2)
        }
        if b0 < 0xF0 {
            guard i &+ 2 < n else { return (0, 0) }
            let b1 = UInt32(p[i &+ 1]), b2 = UInt32(p[i &+ 2])
            guard b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80 else { return (0, 0) }
            if b0 == 0xE0 && b1 < 0xA0 || b0 == 0xED && b1 >= 0xA0 { return (0, 0) }
            return ((b0 & 0x0F) << 12 | (b1 & 0x3F) << 6 | b2 & 0x3F, 3)
        }
        guard b0 < 0xF5, i &+ 3 < n else { return (0, 0) }
        let b1 = UInt32(p[i &+ 1]), b2 = UInt32(p[i &+ 2]), b3 = UInt32(p[i &+ 3])
        guard b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80, b3 & 0xC0 == 0x80 else { return (0, 0) }
        if b0 == 0xF0 && b1 < 0x90 || b0 == 0xF4 && b1 >= 0x90 { return (0, 0) }
        return ((b0 & 0x07) << 18 | (b1 & 0x3F) << 12 | (b2 & 0x3F) << 6 | b3 & 0x3F, 4)
    }

    /// The first character of valid UTF-8 `bytes`.
    @inline(__always)
    static func first(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return 0 }
        return decode(base, 0, bytes.count).scalar
    }

    /// Appends the characters of valid UTF-8 `bytes` to `scalars`.
    static func appendScalars(of bytes: UnsafeBufferPointer<UInt8>, to scalars: inout [UInt32]) {
        guard let base = bytes.baseAddress else { return }
        var i = 0
        while i < bytes.count {
            let (c, length) = decode(base, i, bytes.count)
            if length == 0 { i += 1; continue }
            scalars.append(c)
            i += length
        }
    }
}
