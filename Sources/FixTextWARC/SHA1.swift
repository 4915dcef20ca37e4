/// SHA-1 (FIPS 180-4), streaming: what WARC-Block-Digest and WARC-Payload-Digest name.
/// Not for security; WARC files use it to detect damage and duplicates.
public struct SHA1 {
    private var h: (UInt32, UInt32, UInt32, UInt32, UInt32) = (0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0)
    private var block = [UInt8](repeating: 0, count: 64)
    private var blockCount = 0
    private var length: UInt64 = 0
    private var w = [UInt32](repeating: 0, count: 80)

    public init() {}

    /// The digest of `bytes`, 20 bytes.
    public static func digest(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var sha = SHA1()
        sha.update(bytes)
        return sha.finish()
    }

    public static func digest(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBufferPointer { digest($0) }
    }

    public mutating func update(_ bytes: UnsafeBufferPointer<UInt8>) {
        length &+= UInt64(bytes.count)
        var i = 0
        if blockCount > 0 {
            while blockCount < 64 && i < bytes.count {
                block[blockCount] = bytes[i]
                blockCount += 1
                i += 1
            }
            if blockCount < 64 { return }
            block.withUnsafeBufferPointer { compress($0.baseAddress!) }
            blockCount = 0
        }
        while bytes.count - i >= 64 {
            compress(bytes.baseAddress! + i)
            i += 64
        }
        while i < bytes.count {
            block[blockCount] = bytes[i]
            blockCount += 1
            i += 1
        }
    }

    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { update($0) }
    }

    /// Pads, and returns the 20-byte digest.
    public mutating func finish() -> [UInt8] {
        let bitLength = length &* 8
        var padding: [UInt8] = [0x80]
        let afterOne = (blockCount + 1) % 64
        padding += [UInt8](repeating: 0, count: afterOne <= 56 ? 56 - afterOne : 120 - afterOne)
        for shift in stride(from: 56, through: 0, by: -8) { padding.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }
        let savedLength = length
        update(padding)
        length = savedLength
        precondition(blockCount == 0)
        var out: [UInt8] = []
        out.reserveCapacity(20)
        for word in [h.0, h.1, h.2, h.3, h.4] {
            out += [UInt8(word >> 24), UInt8(truncatingIfNeeded: word >> 16), UInt8(truncatingIfNeeded: word >> 8), UInt8(truncatingIfNeeded: word)]
        }
        return out
    }

    private mutating func compress(_ p: UnsafePointer<UInt8>) {
        w.withUnsafeMutableBufferPointer { w in
            for t in 0..<16 {
                w[t] = UInt32(p[4 * t]) << 24 | UInt32(p[4 * t + 1]) << 16 | UInt32(p[4 * t + 2]) << 8 | UInt32(p[4 * t + 3])
            }
            for t in 16..<80 {
                let x = w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16]
                w[t] = x << 1 | x >> 31
            }
            var (a, b, c, d, e) = h
            for t in 0..<80 {
                let f: UInt32, k: UInt32
                switch t {
                case 0..<20: f = (b & c) | (~b & d); k = 0x5A82_7999
                case 20..<40: f = b ^ c ^ d; k = 0x6ED9_EBA1
                case 40..<60: f = (b & c) | (b & d) | (c & d); k = 0x8F1B_BCDC
                default: f = b ^ c ^ d; k = 0xCA62_C1D6
                }
                let temp = (a << 5 | a >> 27) &+ f &+ e &+ k &+ w[t]
                e = d
                d = c
                c = b << 30 | b >> 2
                b = a
                a = temp
            }
            h = (h.0 &+ a, h.1 &+ b, h.2 &+ c, h.3 &+ d, h.4 &+ e)
        }
    }
}

/// Base32 (RFC 4648, upper case, with padding), as WARC digests are written.
public enum Base32 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    public static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            let group = Array(bytes[i..<min(i + 5, bytes.count)])
            var value: UInt64 = 0
            for j in 0..<5 { value = value << 8 | UInt64(j < group.count ? group[j] : 0) }
            let characters = [0, 2, 4, 5, 7, 8][group.count]
            for j in 0..<8 {
                out.append(j < characters ? alphabet[Int((value >> UInt64(35 - 5 * j)) & 31)] : UInt8(ascii: "="))
            }
            i += 5
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// "sha1:" and the base32 digest of `bytes`: the WARC-Block-Digest form.
    public static func warcDigest(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        "sha1:" + encode(SHA1.digest(bytes))
    }

    public static func warcDigest(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { warcDigest($0) }
    }
}
