/// JSON as some projects write it, with a comma before a closing bracket (OpenCC's
/// testcases.json), made strict for `JSONSerialization`.
public enum LenientJSON {
    public static func removingTrailingCommas(_ bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var inString = false, escaped = false
        var pendingComma: Int? = nil
        for byte in bytes {
            if inString {
                result.append(byte)
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: ","):
                pendingComma = result.count
                result.append(byte)
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                if let comma = pendingComma { result.remove(at: comma) }
                pendingComma = nil
                result.append(byte)
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"):
                result.append(byte)
            default:
                pendingComma = nil
                if byte == UInt8(ascii: "\"") { inString = true }
                result.append(byte)
            }
        }
        return result
    }
}
