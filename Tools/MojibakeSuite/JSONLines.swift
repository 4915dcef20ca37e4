import FixTextCore
import Foundation

/// One test case of `cases.jsonl`. Fields are written in this order, which is the order
/// a reader of the file wants to see them in (JSONEncoder cannot keep an order).
struct MojibakeCase {
    enum Scope: String { case line, span }

    var id = ""
    var kind: String
    var scope: Scope
    /// The clean line: what a perfect repair gives back.
    var original: String
    var garbled: String
    /// Whether every character of `original` can be computed from `garbled`.
    var recoverable: Bool
    /// For unrecoverable cases: which characters are gone, and why.
    var lost: String?
    /// For unrecoverable cases where it is well defined: `original` with each character
    /// that cannot be known replaced by U+FFFD, the most any repair can give back.
    var best: String?
    /// How the case was made, for a reader debugging a failure (converter names).
    var how: String

    var json: String {
        var fields: [(String, String)] = [
            ("id", quoted(id)), ("kind", quoted(kind)), ("scope", quoted(scope.rawValue)),
            ("original", quoted(original)), ("garbled", quoted(garbled)),
            ("recoverable", recoverable ? "true" : "false"),
        ]
        if let lost { fields.append(("lost", quoted(lost))) }
        if let best { fields.append(("best", quoted(best))) }
        fields.append(("how", quoted(how)))
        return "{" + fields.map { "\(quoted($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
    }
}

func quoted(_ text: String) -> String { JSONText.quoted(text) }

/// Writes lines atomically-enough for a generator: the whole file at once.
func writeLines(_ lines: [String], to path: String) throws {
    let text = lines.map { $0 + "\n" }.joined()
    try text.write(toFile: path, atomically: true, encoding: .utf8)
}
