/// Finds one string field of a JSON object on one line, and writes a replacement, so that
/// everything else on the line stays byte for byte as it was (key order, number
/// formatting, escapes of other fields). Only the top level of the object is searched.
public enum JSONLField {
    public enum Failure: Error, Equatable {
        case notAnObject
        case malformed(at: Int)
        case notAString
    }

    /// The byte range of the field's string literal (quotes included) and its decoded
    /// UTF-8 value; nil when the object has no such field.
    public static func locate(_ name: String, in line: UnsafeBufferPointer<UInt8>) throws(Failure) -> (range: Range<Int>, value: [UInt8])? {
        let key = Array(name.utf8)
        var i = skipSpace(line, 0)
        guard i < line.count, line[i] == UInt8(ascii: "{") else { throw .notAnObject }
        i = skipSpace(line, i + 1)
        if i < line.count, line[i] == UInt8(ascii: "}") { return nil }
        while true {
            guard i < line.count, line[i] == UInt8(ascii: "\"") else { throw .malformed(at: i) }
            let keyStart = i
            i = try skipString(line, i)
            let isKey = (try? decodeString(line, keyStart..<i)) == key
            i = skipSpace(line, i)
            guard i < line.count, line[i] == UInt8(ascii: ":") else { throw .malformed(at: i) }
            i = skipSpace(line, i + 1)
            let valueStart = i
            i = try skipValue(line, i)
            if isKey {
                guard line[valueStart] == UInt8(ascii: "\"") else { throw .notAString }
                return (valueStart..<i, try decodeString(line, valueStart..<i))
            }
            i = skipSpace(line, i)
            guard i < line.count else { throw .malformed(at: i) }
            if line[i] == UInt8(ascii: "}") { return nil }
            guard line[i] == UInt8(ascii: ",") else { throw .malformed(at: i) }
            i = skipSpace(line, i + 1)
        }
    }

    /// A JSON string literal of UTF-8 `bytes`: quotes, backslashes and control characters
    /// escaped, everything else as it is.
    public static func encodeString(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        out.append(UInt8(ascii: "\""))
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\""): out += [92, 34]
            case 92: out += [92, 92]
            case 10: out += [92, UInt8(ascii: "n")]
            case 13: out += [92, UInt8(ascii: "r")]
            case 9: out += [92, UInt8(ascii: "t")]
            case 0..<0x20: out += [92, UInt8(ascii: "u"), 48, 48, hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func skipSpace(_ s: UnsafeBufferPointer<UInt8>, _ from: Int) -> Int {
        var i = from
        while i < s.count, s[i] == 32 || s[i] == 9 || s[i] == 10 || s[i] == 13 { i += 1 }
        return i
    }

    /// From an opening quote to just past the closing one.
    private static func skipString(_ s: UnsafeBufferPointer<UInt8>, _ from: Int) throws(Failure) -> Int {
        var i = from + 1
        while i < s.count {
            switch s[i] {
            case 92: i += 2
            case 34: return i + 1
            default: i += 1
            }
        }
        throw .malformed(at: from)
    }

    private static func skipValue(_ s: UnsafeBufferPointer<UInt8>, _ from: Int) throws(Failure) -> Int {
        guard from < s.count else { throw .malformed(at: from) }
        if s[from] == 34 { return try skipString(s, from) }
        if s[from] == UInt8(ascii: "{") || s[from] == UInt8(ascii: "[") {
            var depth = 0
            var i = from
            while i < s.count {
                switch s[i] {
                case 34: i = try skipString(s, i); continue
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return i + 1 }
                default: break
                }
                i += 1
            }
            throw .malformed(at: from)
        }
        // A number, true, false or null: up to the next delimiter.
        var i = from
        while i < s.count, s[i] != UInt8(ascii: ","), s[i] != UInt8(ascii: "}"), s[i] != UInt8(ascii: "]"), s[i] > 32 { i += 1 }
        if i == from { throw .malformed(at: from) }
        return i
    }

    /// The UTF-8 value of the string literal at `range` (quotes included).
    static func decodeString(_ s: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) throws(Failure) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        var i = range.lowerBound + 1
        let end = range.upperBound - 1
        while i < end {
            let byte = s[i]
            guard byte == 92 else {
                out.append(byte)
                i += 1
                continue
            }
            guard i + 1 < end else { throw .malformed(at: i) }
            let escape = s[i + 1]
            i += 2
            switch escape {
            case UInt8(ascii: "n"): out.append(10)
            case UInt8(ascii: "r"): out.append(13)
            case UInt8(ascii: "t"): out.append(9)
            case UInt8(ascii: "b"): out.append(8)
            case UInt8(ascii: "f"): out.append(12)
            case UInt8(ascii: "u"):
                guard var scalar = hex4(s, i, end) else { throw .malformed(at: i) }
                i += 4
                if (0xD800..<0xDC00).contains(scalar), i + 6 <= end, s[i] == 92, s[i + 1] == UInt8(ascii: "u"),
                   let low = hex4(s, i + 2, end), (0xDC00..<0xE000).contains(low)
                {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                }
                appendUTF8(Unicode.Scalar(scalar) ?? "\u{FFFD}", to: &out)
            default: out.append(escape)  // " \ / and anything else, leniently
            }
        }
        return out
    }

    private static func hex4(_ s: UnsafeBufferPointer<UInt8>, _ at: Int, _ end: Int) -> UInt32? {
        guard at + 4 <= end else { return nil }
        var value: UInt32 = 0
        for k in 0..<4 {
            let c = s[at + k]
            let digit: UInt32
            switch c {
            case 48...57: digit = UInt32(c - 48)
            case 65...70: digit = UInt32(c - 55)
            case 97...102: digit = UInt32(c - 87)
            default: return nil
            }
            value = value << 4 | digit
        }
        return value
    }

    private static func appendUTF8(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
        out.append(contentsOf: UTF8.encode(scalar)!)
    }
}
