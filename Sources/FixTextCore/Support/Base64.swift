/// Standard base64 (RFC 4648) that skips whitespace, for tables that generated Swift files
/// carry as wrapped string literals.
public enum Base64 {
    /// The value of each symbol, 0xFF for bytes that are none.
    private static let values: [UInt8] = {
        var values = [UInt8](repeating: 0xFF, count: 256)
        for (index, symbol) in
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated()
        {
            values[Int(symbol)] = UInt8(index)
        }
        return values
    }()

    /// The bytes `text` encodes, or nil if it is not base64.
    public static func decode(_ text: String) -> [UInt8]? {
        var text = text
        // The tables are decoded at start-up, a few hundred kilobytes of them: over the
        // string's contiguous bytes with the symbol table at hand, not a character at a time.
        return text.withUTF8 { decode($0) }
    }

    /// The bytes the base64 in `input` encodes, or nil if it is not base64.
    public static func decode(_ input: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        values.withUnsafeBufferPointer { values -> [UInt8]? in
            var failed = false
            let output = [UInt8](unsafeUninitializedCapacity: input.count / 4 * 3 + 3) { output, count in
                var accumulator: UInt32 = 0
                var bits = 0
                var padding = 0
                var written = 0
                var index = 0
                while index < input.count {
                    let symbol = input[index]
                    index += 1
                    // Four symbols at a time while the groups line up and all four are
                    // symbols (lines of the data are 100 of them, so most are): one table
                    // read each and no branch but that test. Anything else, one at a time.
                    if bits == 0, padding == 0, index + 3 <= input.count, values[Int(symbol)] & 0xC0 == 0 {
                        let b = values[Int(input[index])], c = values[Int(input[index + 1])], d = values[Int(input[index + 2])]
                        if (b | c | d) & 0xC0 == 0 {
                            let group = UInt32(values[Int(symbol)]) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
                            output[written] = UInt8(truncatingIfNeeded: group >> 16)
                            output[written + 1] = UInt8(truncatingIfNeeded: group >> 8)
                            output[written + 2] = UInt8(truncatingIfNeeded: group)
                            written += 3
                            index += 3
                            continue
                        }
                    }
                    let value = values[Int(symbol)]
                    if value == 0xFF {
                        switch symbol {
                        case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"):
                            continue
                        case UInt8(ascii: "="):
                            padding += 1
                            continue
                        default:
                            failed = true
                            count = written
                            return
                        }
                    }
                    guard padding == 0 else {
                        failed = true
                        count = written
                        return
                    }
                    accumulator = accumulator << 6 | UInt32(value)
                    bits += 6
                    if bits >= 8 {
                        bits -= 8
                        output[written] = UInt8(truncatingIfNeeded: accumulator >> UInt32(bits))
                        written += 1
                    }
                }
                if padding > 2 || bits >= 6 { failed = true }
                count = written
            }
            return failed ? nil : output
        }
    }
}
