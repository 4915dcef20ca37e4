import FixTextCore
import FixTextICU

/// A rule pack: a named transform made of rules in the boilerplate rule file format,
/// version 2 (see PLUGINS.md):
///
///     fixtext-boilerplate-rules 2
///     pack     name      my-site
///     pack     summary   Cleans pages of example.com
///     replace  literal   旧站名 => 新站名
///     replace  regex     ^\s+ =>
///     map      phrase    臺灣 => 台湾
///     map      chars     臺灣 => 台湾
///     drop     prefix    广告：
///     drop     regex     ^\d+$
///     tail     prefix    相关阅读
public struct RulePack: Sendable {
    public static let header = "fixtext-boilerplate-rules"
    public static let version = 2

    public enum LineMatch: String, Sendable, CaseIterable { case line, prefix, suffix, contains, regex }

    /// A rule that rewrites text within a line, in file order.
    public enum Replacement: Sendable {
        case literal([UInt8], [UInt8], origin: String)
        case regex(pattern: String, replacement: String, origin: String)
    }

    /// A rule that matches a whole line.
    public struct LineRule: Sendable {
        public var match: LineMatch
        public var text: String
        public var origin: String
    }

    public var name = ""
    public var summary = ""
    public var source: String
    public var replacements: [Replacement] = []
    /// One table of phrases, applied in a single pass, longest match first.
    public var mapping: [[UInt8]: [UInt8]] = [:]
    public var drops: [LineRule] = []
    public var tails: [LineRule] = []

    /// Whether `bytes` start like a rule file (after blank and comment lines).
    public static func looksLikePack(_ bytes: [UInt8]) -> Bool {
        RuleFileLine.lines(of: String(decoding: bytes.prefix(4096), as: UTF8.self)).first?.isHeader(header) ?? false
    }

    public init(parsing text: String, source: String) throws(PluginError) {
        self.source = source
        var sawHeader = false
        var number = 0
        func fail(_ message: String) -> PluginError { PluginError(source, "line \(number): \(message)") }
        for ruleLine in RuleFileLine.lines(of: text) {
            number = ruleLine.number
            let trimmed = ruleLine.text, fields = ruleLine.fields
            if !sawHeader {
                guard let version = ruleLine.headerVersion(Self.header) else {
                    throw fail("a rule pack starts with '\(Self.header) \(Self.version)'")
                }
                guard version == Self.version else {
                    throw fail(version < Self.version
                        ? "rule format version \(version) has no pack rules; a pack needs version \(Self.version) (version 1 files are for boilerplate(rules=FILE))"
                        : "rule format version \(version) is not supported; this fixtext reads version \(Self.version)")
                }
                sawHeader = true
                continue
            }
            guard fields.count == 3 else { throw fail("expected KIND MATCH TEXT, found '\(trimmed)'") }
            let kind = String(fields[0]), match = String(fields[1])
            // Rule text is the rest of the line after the spaces that align it; unlike
            // boilerplate rules, spaces inside and at the end count, and '#' is text (a pack's
            // text is often punctuation).
            let ruleText = String(fields[2].drop { $0 == " " || $0 == "\t" })
            let origin = "\(source) line \(number)"
            switch kind {
            case "pack":
                switch match {
                case "name":
                    guard TransformRegistry.isValidName(ruleText) else {
                        throw fail("'\(ruleText)' is not a transform name: use lowercase letters, digits and hyphens, starting with a letter")
                    }
                    name = ruleText
                case "summary": summary = ruleText
                default: throw fail("unknown pack setting '\(match)' (settings: name, summary)")
                }
            case "replace":
                let (from, to) = try Self.arrow(ruleText, fail)
                switch match {
                case "literal": replacements.append(.literal(Array(from.utf8), Array(to.utf8), origin: origin))
                case "regex":
                    do {
                        _ = try RegularExpression(from, replacement: to)
                    } catch {
                        throw fail("bad regular expression '\(from)': \(error)")
                    }
                    replacements.append(.regex(pattern: from, replacement: to, origin: origin))
                default: throw fail("'replace' takes literal or regex, not '\(match)'")
                }
            case "map":
                let (from, to) = try Self.arrow(ruleText, fail)
                switch match {
                case "phrase":
                    mapping[Array(from.utf8)] = Array(to.utf8)
                case "chars":
                    guard from.count == to.count else {
                        throw fail("'map chars' pairs characters: '\(from)' has \(from.count), '\(to)' has \(to.count)")
                    }
                    for (a, b) in zip(from, to) { mapping[Array(String(a).utf8)] = Array(String(b).utf8) }
                default: throw fail("'map' takes phrase or chars, not '\(match)'")
                }
            case "drop", "tail":
                guard let lineMatch = LineMatch(rawValue: match) else {
                    throw fail("'\(kind)' takes \(LineMatch.allCases.map(\.rawValue).joined(separator: ", ")), not '\(match)'")
                }
                if lineMatch == .regex {
                    do {
                        _ = try RegularExpression(ruleText, replacement: "")
                    } catch {
                        throw fail("bad regular expression '\(ruleText)': \(error)")
                    }
                }
                let rule = LineRule(match: lineMatch, text: ruleText, origin: origin)
                if kind == "drop" { drops.append(rule) } else { tails.append(rule) }
            default:
                throw fail("unknown rule kind '\(kind)' (a pack takes pack, replace, map, drop, tail; the boilerplate classes belong in boilerplate(rules=FILE))")
            }
        }
        guard sawHeader else { throw PluginError(source, "empty: a rule pack starts with '\(Self.header) \(Self.version)'") }
        guard !name.isEmpty else { throw PluginError(source, "the pack has no name: add 'pack name NAME'") }
    }

    /// FROM => TO; TO may be empty.
    private static func arrow(_ text: String, _ fail: (String) -> PluginError) throws(PluginError) -> (String, String) {
        guard let range = text.firstRange(of: " =>") else { throw fail("expected 'FROM => TO', found '\(text)'") }
        let from = String(text[..<range.lowerBound])
        var to = text[range.upperBound...]
        if to.first == " " { to = to.dropFirst() }
        guard !from.isEmpty else { throw fail("nothing to replace before '=>'") }
        return (from, String(to))
    }

    public static func load(path: String) throws(PluginError) -> RulePack {
        let bytes: [UInt8]
        do {
            bytes = try FileContents.read(path, limit: 16 << 20)
        } catch {
            throw PluginError(path, "cannot be read: \(error)")
        }
        return try RulePack(bytes: bytes, source: path)
    }

    /// Parses a rule pack read already; `source` names it in errors.
    public init(bytes: [UInt8], source: String) throws(PluginError) {
        if let notUTF8 = RuleFileLine.firstNotUTF8(in: bytes) {
            throw PluginError(source, "line \(notUTF8.line): \(notUTF8.message): a rule pack must be UTF-8")
        }
        let text = String(decoding: bytes, as: UTF8.self)
        try self.init(parsing: text, source: source)
    }

    public var descriptor: TransformDescriptor {
        let pack = self
        var documentation = "A rule pack: \(replacements.count) replacements, \(mapping.count) mappings, \(drops.count) line drops, \(tails.count) tail markers."
        documentation += "\nRegular expressions give up on a line after their time limit (the line is left as it is, with a warning)."
        return TransformDescriptor(
            name: name, summary: summary.isEmpty ? "rule pack" : summary, documentation: documentation,
            options: [], origin: .plugin(path: source),
            // Maps, replacements and drops see one line without its ending, and a dropped
            // line goes whole; a tail marker removes every line after it, which is state
            // carried across lines.
            linesAreIndependent: { _ in pack.tails.isEmpty },
            make: { _ in try RulePackTransform(pack) }
        )
    }
}
