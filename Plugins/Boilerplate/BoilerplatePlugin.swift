import FixTextCore

/// `boilerplate`: removes page furniture from a crawled text page and keeps every line of
/// the article.
///
/// It reads the whole document (the input, or one record in bulk mode) and removes:
/// - SEO spam lines: keywords of porn, gambling, pharmacy and download spam joined by
///   _ | , or spaces, keyword-stuffed titles of short items above the article, and the
///   browser's title bar (标题_频道_网站) when the headline follows it;
/// - navigation: breadcrumbs (当前位置：首页 > 要闻), menu lines and runs of short menu
///   lines, 上一篇/下一篇;
/// - metadata: date lines with 来源/作者/编辑/点击, 责任编辑：, 发布时间：, and dates with
///   little else above the article;
/// - image notes: (资料图片仅供参考), (图片来源网络，侵删), 图片来源：…;
/// - farm prefixes before headlines (世界关注:, 天天通讯！, 速讯：): the prefix goes, the
///   headline stays;
/// - the tail block: after a marker (关键词, 相关阅读, 猜你喜欢, 免责声明, 版权所有, 分享到,
///   扫一扫, …) or a site's own statement (本站…不得转载) near the end of the page, below
///   the article, when every line after it looks like furniture (short lines such as lists
///   of other headlines, statements, dates), the rest of the page. When something after the
///   marker reads like article prose, only a short marker line goes.
///
/// The article is sacred: a line is removed only by a rule or a class that furniture has
/// and prose has not (a sentence is never metadata, navigation or a keyword run), and when
/// in doubt it stays. Photo captions with a credit (……通讯员供图, 记者 张三 摄) are kept by
/// default (`captions=keep`): a caption is written by the article's authors and says what
/// the photo showed, and removing it is a choice about the corpus, not furniture;
/// `captions=remove` drops them. Lines with bytes that are not UTF-8 are never removed.
///
/// Rules match simplified and traditional characters, full-width and half-width
/// punctuation, with or without spaces, and text that still carries pinyin glosses
/// (區(qū)): lines and rules are compared as keys folded to simplified characters. The
/// built-in rules are text in the rule file format (`Plugins/Boilerplate/RULES.md`):
///
///     fixtext-boilerplate-rules 1
///     # CLASS          MATCH   TEXT
///     nav              prefix  当前位置
///     seo-word         word    无码
///     tail             prefix  相关阅读
///     keep             prefix  关键词提取
///
/// Classes: seo-word, nav, nav-word, meta, meta-word, image, credit, headline-prefix, tail,
/// statement-word, statement, keep; matches: line, prefix, suffix, contains, word. `rules=FILE` adds
/// the rules of FILE to the built-in ones; an error names the file and line.
///
/// A page longer than `max-bytes` (4 MiB by default) is passed through unchanged, with a
/// note, rather than held in memory without limit. `fixtext explain -c boilerplate` names,
/// for each removed line, the class or rule (with its file and line) that removed it.
///
/// Examples:
///   fixtext -c mojibake,boilerplate page.txt
///   fixtext -c 'boilerplate(captions=remove)' page.txt
///   fixtext -c 'boilerplate(rules=site.rules)' page.txt
///   fixtext explain -c boilerplate page.txt
public enum BoilerplatePlugin: TransformPlugin {
    static let optionSpecs: [OptionSpec] = [
        OptionSpec("captions", .choice(["keep", "remove"]), default: .string("keep"),
                   "Photo captions with a credit (……通讯员供图, 记者 张三 摄): keep them, or remove them."),
        OptionSpec("rules", .path, default: .string(""),
                   "A rule file whose rules are added to the built-in ones."),
        OptionSpec("max-bytes", .integer(4096...(1 << 30)), default: .integer(4 << 20),
                   "Pages longer than this pass through unchanged, with a note."),
    ]

    public static var transforms: [TransformDescriptor] {
        [
            TransformDescriptor(
                name: "boilerplate",
                summary: "removes page furniture (SEO spam, navigation, metadata, image notes, tail blocks); keeps the article",
                options: optionSpecs,
                origin: .builtin(module: "FixTextBoilerplate"),
                // Not independent: it reads the whole page (lines repeated across it, the
                // tail block after a marker, the headline's place).
                linesAreIndependent: { _ in false },
                make: { options in try makeTransform(options) }
            ),
        ]
    }

    /// The index of the built-in rules with those of a rule file, by the file's path.
    private static let indexes = SharedCache<String, RuleIndex>()

    static func makeTransform(_ options: TransformOptions) throws -> BoilerplateTransform {
        // The built-in rules are indexed once per process, and so is a rule file, keyed by
        // its path (`fixtext bulk` makes a transform per record): a change to the file is
        // seen by the next run.
        var index = try BuiltinRules.index.get()
        if let path = options.string("rules"), !path.isEmpty {
            index = try indexes.value(for: path) { try buildIndex(rulesAt: path) }
        }
        return BoilerplateTransform(
            index: index,
            removeCaptions: options.string("captions") == "remove",
            maxBytes: options.integer("max-bytes") ?? 4 << 20
        )
    }

    /// The built-in rules and those of the rule file at `path`, indexed.
    private static func buildIndex(rulesAt path: String) throws -> RuleIndex {
        var rules = try BuiltinRules.parsed.get()
        rules.append(try loadRules(path: path))
        guard rules.rules.count <= LineHits.maximumRules else {
            throw RuleFileError(source: path, line: nil, message: "too many rules: at most \(LineHits.maximumRules) in all")
        }
        return RuleIndex(rules)
    }

    /// Reads a version 1 rule file in the rule file format. The file is UTF-8: bytes that
    /// are not are an error naming the line and byte offset, as for rule packs, rather
    /// than rules that silently match nothing.
    static func loadRules(path: String) throws -> RuleSet {
        let bytes: [UInt8]
        do {
            bytes = try FileContents.read(path, limit: 16 << 20)
        } catch {
            throw RuleFileError(source: path, line: nil, message: "cannot read: \(error)")
        }
        return try RuleSet(parsing: bytes, source: path, fold: HanFold.shared)
    }
}

enum BuiltinRules {
    /// The built-in rules, parsed once.
    static let parsed: Result<RuleSet, RuleFileError> = Result { () throws(RuleFileError) -> RuleSet in
        try RuleSet(parsing: text, source: "built-in rules", fold: HanFold.shared)
    }

    /// The built-in rules, indexed once.
    static let index: Result<RuleIndex, RuleFileError> = parsed.map { RuleIndex($0) }
}
