import FixTextCore

/// `strip-pinyin`: removes the pinyin glosses that content farms put after characters:
/// 社區(qū) → 社區, 激發(fā) → 激發, 創(chuàng)業(yè) → 創業.
///
/// A gloss is a single pinyin syllable in parentheses right after a Han character: with
/// tone marks (qū), a tone number (qu1, lv4) or no tone (qu), in ASCII or full-width
/// parentheses. Parentheses that hold anything else — words, numbers, English, several
/// syllables — are never touched, and neither is a gloss after anything but a Han
/// character.
///
/// By default (`mode=verified`) a gloss goes only when it is a reading of its character:
/// every reading Unihan gives (行 is xíng, xìng, háng, hàng, héng), and those of the
/// character's simplified or traditional forms (發 may be glossed fà, as 发 is). A toneless
/// gloss or one with tone 5 matches any tone. A character Unihan gives no reading for has
/// no gloss removed in this mode.
///
/// The page check (`page-check`, on by default) keeps glosses that a person wrote on
/// purpose, as in a textbook. Glosses are gathered into pages: a gloss less than 32 KiB
/// after the one before belongs to its page. A page loses its glosses only when it looks
/// like a converter's work:
/// - it has at least three glosses,
/// - every one is a reading of its character,
/// - a character is glossed the same way each time (a textbook contrasting 行(xíng) and
///   行(háng) keeps both),
/// - and some character is glossed more than once (converters gloss a list of characters
///   wherever they occur; a textbook glosses a character where it teaches it).
/// Otherwise every gloss of the page stays. A page is held in memory until it is judged,
/// at most 224 KiB of it; a longer run of glosses is judged on its first 224 KiB, and that
/// verdict holds until 32 KiB pass without a gloss. `page-check=false` removes every gloss
/// that is a reading of its character, wherever it is.
///
/// `mode=all` removes every pinyin-looking gloss after a Han character, reading or not, with
/// no page check, for pages where the check is too strict. A toneless single letter — (a),
/// (e), (m), (n), (o) — counts as pinyin only when it is a reading of its character.
///
/// In the default chain it comes after `mojibake` and `normalize`; put it after `mojibake`
/// in yours too: a gloss can sit behind mojibake (鐓^(qū) is 區(qū) garbled), and only a
/// repaired character can be checked. Text without "(" or "（" after a Han
/// character passes through at once and never loads the readings table (Unihan 15.0; see
/// Tools/pinyin-readings). `fixtext explain` reports each gloss removed and the readings
/// that matched.
///
/// Examples:
///   fixtext -c strip-pinyin page.txt                       glosses of converted pages
///   fixtext -c 'strip-pinyin(page-check=false)' page.txt   every gloss that is a reading
///   fixtext -c 'strip-pinyin(mode=all)' page.txt           every pinyin-looking gloss
///   fixtext explain -c mojibake,strip-pinyin page.txt
public enum StripPinyinPlugin: TransformPlugin {
    public static var transforms: [TransformDescriptor] {
        [
            TransformDescriptor(
                name: "strip-pinyin",
                summary: "Removes pinyin glosses after characters, 區(qū) → 區, on pages a converter glossed",
                options: StripPinyinOptions.specs,
                origin: .builtin(module: "FixTextStripPinyin"),
                // The page check judges groups of glosses up to 224 KiB apart, across
                // lines: only without it (mode=all, or page-check=false) is each gloss
                // decided on its own, from the character before it (never a "\n").
                linesAreIndependent: { options in
                    let chosen = StripPinyinOptions(options)
                    return !(chosen.mode == .verified && chosen.pageCheck)
                },
                make: { options in StripPinyinTransform(StripPinyinOptions(options)) }
            ),
        ]
    }
}

/// The choices a `strip-pinyin` step makes, from its chain options.
struct StripPinyinOptions: Hashable, Sendable {
    enum Mode: String, Hashable, Sendable, CaseIterable {
        case verified, all
    }

    var mode: Mode = .verified
    var pageCheck = true

    static let specs: [OptionSpec] = [
        OptionSpec("mode", .choice(Mode.allCases.map(\.rawValue)), default: .string("verified"),
                   "verified: only glosses that are a reading of their character; all: every pinyin-looking gloss after a Han character, with no page check."),
        OptionSpec("page-check", .bool, default: .bool(true),
                   "In verified mode, remove glosses only from pages that look converter-glossed: three or more, all readings, each character glossed alike, some repeated."),
    ]

    init() {}

    init(_ options: TransformOptions) {
        mode = options.string("mode").flatMap(Mode.init(rawValue:)) ?? .verified
        pageCheck = options.bool("page-check")
    }
}
