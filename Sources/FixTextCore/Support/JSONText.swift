/// JSON string literals for the JSON that fixtext writes (explain --json, JSON Lines).
///
/// Non-ASCII text stays readable; C0 and C1 controls, DEL and the line and paragraph
/// separators are escaped, since windows-1252 mojibake is full of U+0080…U+009F and an
/// editor or terminal would otherwise swallow them silently.
public enum JSONText {
    public static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{0}"..."\u{1F}", "\u{7F}"..."\u{9F}", "\u{2028}", "\u{2029}":
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
