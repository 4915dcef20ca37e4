import FixTextCore

/// How `explain` prints changes and problems.
enum ChangeFormatter {
    /// `3:15  normalize  "\u{A0}" → " "  U+00A0 NO-BREAK SPACE → space`
    static func human(_ change: Change, place: (line: Int, column: Int), file: String?) -> String {
        var text = file.map { "\($0):" } ?? ""
        text += "\(place.line):\(place.column)  \(change.transform)  \(quoted(change.original)) → \(quoted(change.replacement))  \(change.reason)"
        if let confidence = change.confidence {
            text += "  (confidence \(Int((confidence * 100).rounded()))%)"
        }
        if let lost = change.lost { text += "  lost: \(lost)" }
        return text
    }

    static func json(_ change: Change, place: (line: Int, column: Int), file: String) -> String {
        var fields: [(String, String)] = [
            ("kind", jsonString("change")),
            ("file", jsonString(file)),
            ("transform", jsonString(change.transform)),
            ("start", String(change.range.lowerBound)),
            ("end", String(change.range.upperBound)),
            ("line", String(place.line)),
            ("column", String(place.column)),
            ("original", jsonString(change.original)),
            ("replacement", jsonString(change.replacement)),
            ("reason", jsonString(change.reason)),
        ]
        if String(validating: change.original, as: UTF8.self) == nil {
            fields.append(("original_hex", jsonString(Hex.bytes(change.original))))
        }
        if let confidence = change.confidence { fields.append(("confidence", String(confidence))) }
        if let lost = change.lost { fields.append(("lost", jsonString(lost))) }
        return object(fields)
    }

    static func json(_ problem: Diagnostic, place: (line: Int, column: Int), file: String) -> String {
        object([
            ("kind", jsonString("problem")),
            ("file", jsonString(file)),
            ("severity", jsonString(problem.severity.rawValue)),
            ("source", jsonString(problem.source)),
            ("start", String(problem.range.lowerBound)),
            ("end", String(problem.range.upperBound)),
            ("line", String(place.line)),
            ("column", String(place.column)),
            ("message", jsonString(problem.message)),
        ])
    }

    private static func object(_ fields: [(String, String)]) -> String {
        "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
    }

    /// Text in double quotes, with invisible and control characters escaped so a reader
    /// sees what changed; bytes that are not UTF-8 appear as \xNN.
    static func quoted(_ bytes: [UInt8]) -> String {
        var text = "\""
        var i = 0
        while i < bytes.count {
            let length = UTF8Boundaries.sequenceLength(lead: bytes[i])
            let end = min(bytes.count, i + length)
            if let decoded = String(validating: bytes[i..<end], as: UTF8.self), let scalar = decoded.unicodeScalars.first {
                text += escapedForDisplay(scalar)
                i = end
            } else {
                text += "\\x" + Hex.bytes([bytes[i]])
                i += 1
            }
        }
        return text + "\""
    }

    private static func escapedForDisplay(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\"": return "\\\""
        case "\\": return "\\\\"
        case "\n": return "\\n"
        case "\r": return "\\r"
        case "\t": return "\\t"
        default:
            let category = scalar.properties.generalCategory
            let invisible: Bool
            switch category {
            case .control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator, .nonspacingMark, .enclosingMark, .unassigned, .privateUse:
                invisible = scalar != " "
            default:
                invisible = false
            }
            guard invisible else { return String(scalar) }
            var hex = String(scalar.value, radix: 16, uppercase: true)
            while hex.count < 4 { hex = "0" + hex }
            return "\\u{\(hex)}"
        }
    }

    /// A JSON string literal.
    static func jsonString(_ bytes: [UInt8]) -> String {
        jsonString(String(decoding: bytes, as: UTF8.self))
    }

    static func jsonString(_ text: String) -> String {
        JSONText.quoted(text)
    }
}
