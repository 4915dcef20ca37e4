import FixTextCore

/// `s2t`, `t2s` and the other OpenCC conversions: traditional ↔ simplified Chinese, and
/// the Taiwan, Hong Kong and Japanese standards, with OpenCC's phrase-level accuracy.
///
/// One transform per OpenCC config, under its name:
///   s2t  t2s      simplified ↔ traditional (OpenCC standard)
///   s2tw tw2s     simplified ↔ Taiwan standard
///   s2twp tw2sp   the same with Taiwan phrases (软件 ↔ 軟體)
///   s2hk hk2s     simplified ↔ Hong Kong standard
///   s2hkp hk2sp   the same with Hong Kong phrases
///   t2tw tw2t     OpenCC standard ↔ Taiwan standard
///   t2hk hk2t     OpenCC standard ↔ Hong Kong standard
///   t2jp jp2t     traditional (kyūjitai) ↔ Japanese shinjitai
///
/// Each reproduces its config in OpenCC 1.4.2 and passes all of OpenCC's own test cases:
/// CJK compatibility ideographs are normalized; the longest phrase from the left wins
/// (头发 → 頭髮 but 发展 → 發展, 干 → 乾/幹/干 by the words around it); the two-stage configs
/// (s2tw, s2twp, s2hk, tw2s, …) first cut the text at the phrases of their segmentation
/// dictionary and convert inside each piece, as OpenCC does. On 20 MB of news and legal
/// text, `s2t(fixes=false)` gives OpenCC's output byte for byte. The dictionaries are
/// OpenCC's (Apache-2.0, see Plugins/ConvertData/NOTICE), compiled into the binary and
/// read only when a conversion first runs. Text without Han characters passes through
/// untouched at memory speed.
///
/// Options:
/// - `user-dictionary=FILE`: your own entries in OpenCC's format, `KEY<TAB>VALUE` a line
///   (more values after spaces are ignored; blank lines and `#` lines are skipped). At a
///   place where one of them is at least as long as OpenCC's longest phrase, it wins and
///   is written as is. A malformed line is an error that names the file and the line.
/// - `fixes=false`: OpenCC's output exactly. By default fixtext corrects a few mistakes of
///   OpenCC's greedy matching and one-to-many characters reported against OpenCC
///   (s2t 被发明 → 被發明, not 被髮明; 学习了如何 → 學習了如何, not 學習瞭如何; s2twp 少数组织
///   → 少數組織, not 少陣列織; t2s 連著 → 连着, not 连著, while 著名 and 显著 keep 著). The
///   list, with where each came from, is in Tools/opencc-data/fixes; the cases, with
///   OpenCC's own output beside ours, in Fixtures/opencc/beyond-opencc.tsv.
/// - `tofu=false`: leave out the dictionaries OpenCC marks may_output_tofu (t2s turns rare
///   traditional characters into simplified forms from CJK extensions that many fonts
///   lack). OpenCC's library and test cases use them, and so does fixtext by default;
///   OpenCC's command line leaves them out unless given --include-tofu-risk-dictionaries.
///
/// `fixtext explain -c s2t` shows each phrase replaced, and whether OpenCC's dictionaries,
/// fixtext's corrections or the user's dictionary decided it.
///
/// Examples:
///   echo 头发的发展 | fixtext -c s2t            頭髮的發展
///   fixtext -c s2twp in.txt                     软件 → 軟體, 鼠标 → 滑鼠
///   fixtext -c 't2s(user-dictionary=my.txt)' in.txt
///   fixtext -c 't2s(fixes=false,tofu=false)' in.txt   exactly as OpenCC's command line
///   fixtext explain -c s2t in.txt
public enum ConvertPlugin: TransformPlugin {
    static let configs: [(name: String, summary: String)] = [
        ("s2t", "simplified → traditional Chinese (OpenCC standard)"),
        ("t2s", "traditional (OpenCC standard) → simplified Chinese"),
        ("s2tw", "simplified → traditional Chinese, Taiwan standard"),
        ("tw2s", "traditional Chinese, Taiwan standard → simplified"),
        ("s2twp", "simplified → traditional Chinese, Taiwan standard and phrases"),
        ("tw2sp", "traditional Chinese, Taiwan standard and phrases → simplified"),
        ("s2hk", "simplified → traditional Chinese, Hong Kong standard"),
        ("hk2s", "traditional Chinese, Hong Kong standard → simplified"),
        ("s2hkp", "simplified → traditional Chinese, Hong Kong standard and phrases"),
        ("hk2sp", "traditional Chinese, Hong Kong standard and phrases → simplified"),
        ("t2tw", "traditional (OpenCC standard) → Taiwan standard"),
        ("tw2t", "Taiwan standard → traditional (OpenCC standard)"),
        ("t2hk", "traditional (OpenCC standard) → Hong Kong standard"),
        ("hk2t", "Hong Kong standard → traditional (OpenCC standard)"),
        ("t2jp", "traditional (kyūjitai) → Japanese shinjitai"),
        ("jp2t", "Japanese shinjitai → traditional (kyūjitai)"),
    ]

    public static var transforms: [TransformDescriptor] {
        configs.map { config in
            TransformDescriptor(
                name: config.name,
                summary: "OpenCC \(config.name): \(config.summary)",
                options: ConversionOptions.specs,
                origin: .builtin(module: "FixTextConvert"),
                // No key of OpenCC's dictionaries, fixtext's corrections or a user
                // dictionary (one entry a line) holds "\n", so no match or segment spans a
                // line end; the converter's only state is scratch space.
                linesAreIndependent: { _ in true },
                make: { options in try ConversionOptions.make(config: config.name, options) }
            )
        }
    }
}
