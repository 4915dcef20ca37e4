import FixTextCore

/// The line classes a rule can name, and what each one does to a page.
enum LineClass: String, CaseIterable, Sendable {
    /// Words of porn, gambling, pharmacy and download spam; lines made of them are SEO spam.
    case seoWord = "seo-word"
    /// Breadcrumbs, previous/next links, menu lines: removed wherever they are short.
    case nav
    /// Menu items (首页, 新闻, 体育); a run of short lines or a line of short items made of
    /// them is a menu.
    case navWord = "nav-word"
    /// Metadata lines (责任编辑：, 发布时间：): removed when short and not a sentence.
    case meta
    /// Words that make a short line with a date a metadata line (来源, 作者, 点击).
    case metaWord = "meta-word"
    /// Notes about images: (资料图片仅供参考), 图片来源：.
    case image
    /// Photo credits that end a caption (通讯员供图, 摄); kept or removed by `captions=`.
    case credit
    /// Prefixes content farms put before headlines (速讯, 世界关注): the prefix goes, the
    /// headline stays.
    case headlinePrefix = "headline-prefix"
    /// Markers after which the rest of the page is furniture (相关阅读, 免责声明).
    case tail
    /// Words of copyright, disclaimer and contact statements: a line in a tail block that
    /// has them is furniture even when it is a long sentence.
    case statementWord = "statement-word"
    /// A site speaking of itself (本站, 本网, 本平台): a line with this and two statement
    /// words is a copyright or disclaimer statement, which starts a tail block like a
    /// marker, near the end, with only furniture after it.
    case statement
    /// Lines that must never be removed, whatever else matches them.
    case keep

    /// The match kinds a rule of this class may use.
    var allowedMatches: [MatchKind] {
        switch self {
        case .seoWord, .navWord, .metaWord, .statementWord: [.word]
        case .headlinePrefix, .tail: [.prefix]
        case .credit: [.suffix, .contains]
        case .nav, .meta, .image, .keep: [.line, .prefix, .suffix, .contains]
        case .statement: [.prefix, .contains]
        }
    }
}

/// How a rule's text is compared with a line's key.
enum MatchKind: String, CaseIterable, Sendable {
    /// The whole line.
    case line
    /// The start of the line.
    case prefix
    /// The end of the line.
    case suffix
    /// Anywhere in the line.
    case contains
    /// Anywhere in the line, counted: a vocabulary word.
    case word
}

/// One rule: a class, a way to match, and the text, folded the way line keys are.
struct Rule: Sendable {
    var lineClass: LineClass
    var match: MatchKind
    /// The text as written in the rule file.
    var text: String
    /// The text as a key: folded to simplified Chinese, half-width, without spaces.
    var key: [UInt32]
    /// Where it came from: "built-in rules line 12", "my.rules line 3".
    var origin: String
}

/// A rule file that cannot be read; the message names the file and line.
struct RuleFileError: FixTextError, Equatable {
    var source: String
    var line: Int?
    var message: String

    var exitStatus: ExitStatus { .usage }

    var description: String {
        if let line { return "\(source) line \(line): \(message)" }
        return "\(source): \(message)"
    }
}

/// Rules, parsed from the rule file format (see ``BoilerplatePlugin`` and
/// `Plugins/Boilerplate/RULES.md`).
struct RuleSet: Sendable {
    static let header = "fixtext-boilerplate-rules"
    static let version = 1

    private(set) var rules: [Rule] = []

    init() {}

    /// Parses the bytes of a rule file, which must be UTF-8; `source` names it in errors
    /// and in explanations.
    init(parsing bytes: [UInt8], source: String, fold: HanFold) throws(RuleFileError) {
        if let notUTF8 = RuleFileLine.firstNotUTF8(in: bytes) {
            throw RuleFileError(source: source, line: notUTF8.line, message: notUTF8.message + ": a rule file is UTF-8")
        }
        try self.init(parsing: String(decoding: bytes, as: UTF8.self), source: source, fold: fold)
    }

    /// Parses rule file text; `source` names it in errors and in explanations.
    init(parsing text: String, source: String, fold: HanFold) throws(RuleFileError) {
        var sawHeader = false
        for ruleLine in RuleFileLine.lines(of: text) {
            let number = ruleLine.number, trimmed = ruleLine.text, fields = ruleLine.fields
            if !sawHeader {
                guard ruleLine.isHeader(Self.header) else {
                    throw RuleFileError(source: source, line: number,
                        message: "a rule file starts with '\(Self.header) \(Self.version)'")
                }
                guard let version = ruleLine.headerVersion(Self.header) else {
                    throw RuleFileError(source: source, line: number,
                        message: "the header needs a version number: '\(Self.header) \(Self.version)'")
                }
                guard version != 2 else {
                    throw RuleFileError(source: source, line: number,
                        message: "a version 2 file is a rule pack, a transform of its own: load it with --plugin (see PLUGINS.md)")
                }
                guard version == Self.version else {
                    throw RuleFileError(source: source, line: number,
                        message: "rule format version \(version) is not supported; this fixtext reads version \(Self.version)")
                }
                sawHeader = true
                continue
            }
            guard fields.count == 3 else {
                throw RuleFileError(source: source, line: number,
                    message: "expected CLASS MATCH TEXT, found '\(trimmed)'")
            }
            guard let lineClass = LineClass(rawValue: String(fields[0])) else {
                let names = LineClass.allCases.map(\.rawValue)
                let hint = EditDistance.nearest(to: String(fields[0]), among: names).map { "; did you mean '\($0)'?" } ?? ""
                throw RuleFileError(source: source, line: number,
                    message: "unknown class '\(fields[0])'\(hint) (classes: \(names.joined(separator: ", ")))")
            }
            guard let match = MatchKind(rawValue: String(fields[1])) else {
                throw RuleFileError(source: source, line: number,
                    message: "unknown match '\(fields[1])' (matches: \(MatchKind.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            guard lineClass.allowedMatches.contains(match) else {
                throw RuleFileError(source: source, line: number,
                    message: "class '\(lineClass.rawValue)' takes \(lineClass.allowedMatches.map(\.rawValue).joined(separator: " or ")), not '\(match.rawValue)'")
            }
            // A comment may follow the text after " #".
            var ruleText = fields[2].drop { $0 == " " || $0 == "\t" }
            if let hash = ruleText.indices.first(where: { i in
                ruleText[i] == "#" && i > ruleText.startIndex
                    && (ruleText[ruleText.index(before: i)] == " " || ruleText[ruleText.index(before: i)] == "\t")
            }) {
                ruleText = ruleText[..<hash]
            }
            while ruleText.last == " " || ruleText.last == "\t" { ruleText.removeLast() }
            let key = fold.key(of: String(ruleText))
            guard !key.isEmpty else {
                throw RuleFileError(source: source, line: number, message: "the rule text is empty once spaces are removed")
            }
            rules.append(Rule(lineClass: lineClass, match: match, text: String(ruleText), key: key,
                              origin: "\(source) line \(number)"))
        }
        guard sawHeader else {
            throw RuleFileError(source: source, line: nil,
                message: "no rules: a rule file starts with '\(Self.header) \(Self.version)'")
        }
    }

    mutating func append(_ other: RuleSet) {
        rules.append(contentsOf: other.rules)
    }
}
