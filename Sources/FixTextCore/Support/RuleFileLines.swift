/// One meaningful line of a file in fixtext's rule format: the boilerplate rule files and
/// the rule packs plugins load. Such a file starts with a header line `NAME VERSION` and
/// goes on with `KIND MATCH TEXT` lines; blank lines and lines starting with `#` are
/// skipped, and lines may end in CRLF.
public struct RuleFileLine {
    /// The line's number in the file, from 1, for error messages.
    public let number: Int
    /// The line without its leading blanks and line ending.
    public let text: Substring
    /// The text split at blanks into at most three fields: kind, match, and the rest.
    public let fields: [Substring]

    /// Where the bytes of a rule file first fail to be UTF-8, told for an error message:
    /// "bytes that are not UTF-8 at byte offset 41 (E9)", and on which line; nil when the
    /// file is UTF-8 throughout.
    public static func firstNotUTF8(in bytes: [UInt8]) -> (line: Int, message: String)? {
        var firstInvalid: (offset: Int, bytes: [UInt8])?
        var validator = UTF8Validator()
        bytes.withUnsafeBufferPointer { buffer in
            validator.validate(buffer, isEnd: true) { offset, invalid in
                if firstInvalid == nil { firstInvalid = (offset, invalid) }
            }
        }
        guard let (offset, invalid) = firstInvalid else { return nil }
        let line = bytes[..<offset].reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
        return (line, "bytes that are not UTF-8 at byte offset \(offset) (\(Hex.bytes(invalid.prefix(8))))")
    }

    /// The meaningful lines of `text`, in order.
    public static func lines(of text: String) -> [RuleFileLine] {
        var result: [RuleFileLine] = []
        var number = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            var line = Substring(rawLine)
            if line.hasSuffix("\r") { line = line.dropLast() }
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let fields = trimmed.split(maxSplits: 2, whereSeparator: { $0 == " " || $0 == "\t" })
            result.append(RuleFileLine(number: number, text: trimmed, fields: fields))
        }
        return result
    }

    /// Whether this is a header line of the format named `header`, whatever its version.
    public func isHeader(_ header: String) -> Bool {
        fields.first == Substring(header)
    }

    /// The version of a header line `header VERSION`, or nil when it has none.
    public func headerVersion(_ header: String) -> Int? {
        guard isHeader(header), fields.count == 2 else { return nil }
        return Int(fields[1])
    }
}
