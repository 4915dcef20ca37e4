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

    @Test("whitespace anywhere, in or between groups of four symbols, is skipped: every split of the 256 byte values comes back")
    func whitespaceAnywhere() {
        let encoded = Array(
            "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+P0BBQkNERUZHSElKS0xNTk9QUVJTVFVWV1hZWltcXV5fYGFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6e3x9fn+AgYKDhIWGh4iJiouMjY6PkJGSk5SVlpeYmZqbnJ2en6ChoqOkpaanqKmqq6ytrq+wsbKztLW2t7i5uru8vb6/wMHCw8TFxsfIycrLzM3Oz9DR0tPU1dbX2Nna29zd3t/g4eLj5OXm5+jp6uvs7e7v8PHy8/T19vf4+fr7/P3+/w==")
        // Lines of every length from 1 to 13, so that the breaks fall at each place in a group.
        for width in 1...13 {
            var text = ""
            for (k, symbol) in encoded.enumerated() {
                text.append(symbol)
                if (k + 1) % width == 0 { text += k % 2 == 0 ? "\n" : " \t" }
            }
            #expect(Base64.decode(text) == Array(0...255), "lines of \(width)")
        }
    }

    @Test("what is not base64 is nil", arguments: ["Zm9v!", "Zg==Zg==", "Zg===", "Z", "Zm9vY", "é"])
    func invalid(text: String) {
        #expect(Base64.decode(text) == nil)
    }
}
