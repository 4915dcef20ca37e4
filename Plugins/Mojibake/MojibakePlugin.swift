import FixTextCore

/// `mojibake`: repairs text that was decoded with the wrong encoding, Chinese first.
///
/// It finds spans that a mix-up of encodings produced and decodes them again the right
/// way, inside otherwise clean lines as well as whole lines:
/// - UTF-8 read as GBK/GB18030/windows-936 (鐢ㄦ埛 → 用户), as Big5, as Shift-JIS and as
///   EUC-KR;
/// - UTF-8 read as windows-1252 or Latin-1 (ä¸­æ–‡ → 中文, cafÃ© → café), also when that
///   happened two or three times over;
/// - GBK, Big5, EUC-KR and Shift-JIS read as windows-1252, Latin-1 or windows-1250
///   (ÖÐÎÄ → 中文).
///
/// It decides from evidence: character statistics of real Chinese, Japanese, Korean and
/// Latin-script text, and the characters mix-ups produce (rare Han characters, private
/// use, Latin-1 letter soup, box drawing, half-width katakana). A span is changed only
/// when its re-decoding is far more likely to be real text; a miss costs less than a
/// damaged clean line. Lines made of common characters pass through at once.
///
/// Some text is lost for good: 锟斤拷 (U+FFFD read as GBK), 烫烫烫 and 屯屯屯 (uninitialised
/// memory read as GBK), runs of U+FFFD, and a "?" a Windows decoder wrote for the last
/// bytes of a character. These are reported (exit status 3) and kept, or removed with
/// `lossy=remove`; nothing is ever invented in their place.
///
/// `fixtext explain -c mojibake` shows, for each repair, the span, the chain of encodings
/// undone (`utf-8 → windows-936 (read as) → utf-8`), a confidence, and what was lost.
///
/// Examples:
///   fixtext -c mojibake page.txt
///   fixtext -c 'mojibake(lossy=remove)' page.txt
///   fixtext explain -c mojibake page.txt
public enum MojibakePlugin: TransformPlugin {
    public static var transforms: [TransformDescriptor] {
        [
            TransformDescriptor(
                name: "mojibake",
                summary: "Repair text decoded with the wrong encoding: UTF-8 read as GBK, Big5 or windows-1252, GBK read as Latin-1, and more",
                options: [
                    OptionSpec("lossy", .choice(["keep", "remove"]), default: .string("keep"),
                               "What to do with marks of lost text (锟斤拷, 烫烫烫, U+FFFD runs): keep them, or remove them. Both report them."),
                ],
                origin: .builtin(module: "FixTextMojibake"),
                make: { options in try MojibakeTransform(removeLossyMarks: options.string("lossy") == "remove") }
            ),
        ]
    }
}
