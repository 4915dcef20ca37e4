import Foundation
import FixTextWARC
import Testing

@Suite("SHA-1 and base32")
struct DigestTests {
    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    @Test("FIPS 180 vectors")
    func vectors() {
        #expect(Self.hex(SHA1.digest(Array("".utf8))) == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        #expect(Self.hex(SHA1.digest(Array("abc".utf8))) == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(Self.hex(SHA1.digest(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))) == "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
        #expect(Self.hex(SHA1.digest([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))) == "34aa973cd4c4daa4f61eeb2bdbad27316534016f")
    }

    @Test("fed in pieces of any size, at every length around a block, the digest is the same as sha1sum's")
    func piecesAgreeWithSha1sum() throws {
        var rng = SystemRandomNumberGenerator()
        for length in [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000, 70_000] {
            let data = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let whole = SHA1.digest(data)
            var sha = SHA1()
            var i = 0
            while i < data.count {
                let n = min(data.count - i, Int.random(in: 1...130, using: &rng))
                sha.update(Array(data[i..<(i + n)]))
                i += n
            }
            #expect(sha.finish() == whole, "length \(length)")
            let expected = try Self.sha1sum(data)
            #expect(Self.hex(whole) == expected, "length \(length)")
        }
    }

    @Test("RFC 4648 base32 vectors, and the WARC digest form")
    func base32() {
        let cases = ["": "", "f": "MY======", "fo": "MZXQ====", "foo": "MZXW6===", "foob": "MZXW6YQ=", "fooba": "MZXW6YTB", "foobar": "MZXW6YTBOI======"]
        for (input, expected) in cases {
            #expect(Base32.encode(Array(input.utf8)) == expected)
        }
        // The digest of "abc" as warcio writes it.
        #expect(Base32.warcDigest(Array("abc".utf8)) == "sha1:VGMT4NSHA2AWVOR6EVYXQUGCNSONBWE5")
    }

    static func sha1sum(_ data: [UInt8]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sha1sum"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(data))
        try input.fileHandleForWriting.close()
        let result = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: result, as: UTF8.self).split(separator: " ").first.map(String.init) ?? ""
    }
}
