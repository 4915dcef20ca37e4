import FixTextCore
import Testing

@Suite("Base64")
struct Base64Tests {
    @Test("decodes RFC 4648's examples, with whitespace between symbols skipped")
    func examples() {
        let examples: [(String, String)] = [
            ("", ""), ("Zg==", "f"), ("Zm8=", "fo"), ("Zm9v", "foo"), ("Zm9vYg==", "foob"), ("Zm9vYmE=", "fooba"), ("Zm9vYmFy", "foobar"),
            ("Zm9v\nYmFy\n", "foobar"), (" Zm9v\r\n\tYmE= ", "fooba"),
        ]
        for (encoded, decoded) in examples {
            #expect(Base64.decode(encoded) == Array(decoded.utf8), "\(encoded)")
        }
    }

    @Test("every byte value comes back")
    func allBytes() {
        // The 256 byte values, in base64 (Python: base64.b64encode(bytes(range(256)))).
        let encoded =
            "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+P0BBQkNERUZHSElKS0xNTk9QUVJTVFVWV1hZWltcXV5fYGFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6e3x9fn+AgYKDhIWGh4iJiouMjY6PkJGSk5SVlpeYmZqbnJ2en6ChoqOkpaanqKmqq6ytrq+wsbKztLW2t7i5uru8vb6/wMHCw8TFxsfIycrLzM3Oz9DR0tPU1dbX2Nna29zd3t/g4eLj5OXm5+jp6uvs7e7v8PHy8/T19vf4+fr7/P3+/w=="
        #expect(Base64.decode(encoded) == Array(0...255))
    }

    @Test("what is not base64 is nil", arguments: ["Zm9v!", "Zg==Zg==", "Zg===", "Z", "Zm9vY", "é"])
    func invalid(text: String) {
        #expect(Base64.decode(text) == nil)
    }
}
