import FixTextCore

/// The choices a `normalize` step makes, from its chain options.
struct NormalizeOptions: Hashable, Sendable {
    enum Form: String, Hashable, Sendable, CaseIterable {
        case nfc, nfkc, none
    }

    var form: Form = .nfc
    var spaces = true
    var controls = true
    var invisibles = true
    var newlines = true
    var width = false
    var unifyIdeographs = false

    static let specs: [OptionSpec] = [
        OptionSpec("form", .choice(Form.allCases.map(\.rawValue)), default: .string("nfc"),
                   "Unicode normalization form. nfkc folds compatibility characters but keeps CJK punctuation."),
        OptionSpec("ideographs", .choice(["keep", "unify"]), default: .string("keep"),
                   "CJK compatibility ideographs (U+F900–U+FAFF, U+2F800–U+2FA1F): keep them, or unify them as strict NFC/NFKC does."),
        OptionSpec("spaces", .bool, default: .bool(true),
                   "No-break and other odd spaces become plain spaces. The ideographic space U+3000 stays."),
        OptionSpec("controls", .bool, default: .bool(true),
                   "Remove control characters other than tab and newline (C0, DEL, C1)."),
        OptionSpec("invisibles", .bool, default: .bool(true),
                   "Remove byte order marks, and zero-width characters beside Chinese or ASCII text."),
        OptionSpec("newlines", .bool, default: .bool(true), "CRLF and lone CR become LF."),
        OptionSpec("width", .bool, default: .bool(false),
                   "Full-width ASCII letters and digits become half-width; full-width punctuation stays."),
    ]

    init() {}

    init(_ options: TransformOptions) {
        form = options.string("form").flatMap(Form.init(rawValue:)) ?? .nfc
        spaces = options.bool("spaces")
        controls = options.bool("controls")
        invisibles = options.bool("invisibles")
        newlines = options.bool("newlines")
        width = options.bool("width")
        unifyIdeographs = options.string("ideographs") == "unify"
    }
}
