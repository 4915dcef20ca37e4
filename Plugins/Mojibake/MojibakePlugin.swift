import FixTextCore

/// `mojibake`: repairs text that was decoded with the wrong encoding, Chinese first.
///
/// It finds spans that a mix-up of encodings produced and decodes them again the right
/// way, inside otherwise clean lines as well as whole lines:
/// - UTF-8 read as GBK/GB18030/windows-936 (鐢ㄦ埛 → 用户), also with the private use
///   windows-936 made of GBK's user-defined rows taken out since (as text cleaners and
///   search indexes do), or by a strict decoder that ignored what it could not read
///   (Python's `gbk`, `gb18030` or `shift_jis` with errors="ignore", as crawlers decode pages: the bytes
///   it dropped put back where one character is clearly the likeliest), as Big5, as Shift-JIS (Microsoft's cp932 too, with its private use
///   for A0 and FD–FF and its characters that have two pairs, and Windows' "・" for bytes it
///   cannot read: 荳ｭ譁ｭ縺励∪縺励◆縲・ → 中断しました。) and as EUC-KR; in source code, a
///   closing quote that a decoder's "?" took with the last byte is put back where the line
///   leaves a string open (`"鍙戦€佸け璐?);` → `"发送失败");`);
/// - UTF-8 read as windows-1252 or Latin-1 (ä¸­æ–‡ → 中文, cafÃ© → café), also when that
///   happened up to six times over, and as windows-1250/1251/1254, ISO-8859-2, MacRoman,
///   CP437 (whole lines of Chinese too, such as a zip archive's file names:
///   Σ╕¡µûç → 中文, and Korean ones in jamo, as macOS stores them) or CP866, Russian DOS
///   (╨Ю╤И╨╕╨▒╨║╨░ → Ошибка); CESU-8; C1 control characters that were windows-1252 punctuation; a 0xA0
///   byte that became a space or vanished ("Ã la" → "à la", "à¸ " → ภ); a byte windows-1252
///   could not read, shown as U+FFFD, which costs only its own character ("Ñ�" → "�");
///   windows-1252's bytes 81, 8D, 8F, 90, 9D, which browsers show as control characters
///   and cleaners then drop, put back inside East Asian text (æ–‡ä»¶ä¸å­˜åœ¨ → 文件不存在,
///   不 being E4 B8 8D), said so; the byte order mark read as windows-1252 ("ï»¿"), or
///   as GBK at a line's start ("锘縣ello", "锘�<?xml"), which becomes U+FEFF again;
/// - Cyrillic, Greek and Hebrew in their Windows code pages read as windows-1252, where
///   every letter of a word is Latin-1 soup (Ïðèâåò → Привет, ùìåí → שלום), and the
///   one-letter words between them (ÿ → я);
/// - GBK, Big5, EUC-KR and Shift-JIS read as windows-1252 or Latin-1 (Shift-JIS's
///   punctuation whose lead 81 windows-1252 dropped put back: ‚Ì‚©H → のか？), GBK as
///   windows-1250 (ÖÐÎÄ → 中文), as ISO-8859-15 where one of its eight letters stands in
///   the soup (ÎÄŒþÃû → 文件名), GBK and EUC-KR as Turkish Windows' windows-1254 where its
///   letters stand in the soup (¶Ô²»Æğ → 对不起) or, in lines of its own such as a zip
///   archive's file names, GBK as code page 437 (╓╨╬─.txt → 中文.txt), and as code pages
///   437 and 866 wherever their box drawing stands beside their letters (╨┬╜¿╬─╝■╝╨ →
///   新建文件夹, ╬─╝■╔и╡е → 文件扫单), and as 850; Shift-JIS as 437 and 850 and EUC-KR as
///   437 where their letters show it (ÉVé╡éóâtâHâïâ_ → 新しいフォルダ);
/// - Japanese in Shift-JIS read as GBK (偙傫偵偪偼 → こんにちは), as Chinese Windows
///   shows archive file names and game text;
/// - Big5 read as GBK and GBK read as Big5, where several characters look wrong, one
///   rare character reads back as a common one that makes a word (梓袧 → 标准), or a small
///   ゃ, ゅ, ょ stands where Japanese has none (いゅ代刚 → 中文測試); also
///   whole lines a strict decoder (Python's) read, out of step after each U+FFFD it wrote
///   for a lead it could not read;
/// - a GBK stream that lost or gained a byte, read one byte out of step until an ASCII
///   byte put the decoder back in step (電費?!笔⑹郎鐓^ → 電費。”盛世社區);
/// - GBK, Big5 or EUC-KR read as windows-1252 and then put through ftfy, which read some of its
///   characters as UTF-8 again (ϵͳÕÒ²»µ½ → 系统找不到), as crawls cleaned with ftfy
///   hold it; ftfy's straight quotes, ligatures, narrowed full-width letters and
///   reordered combining marks are undone with it.
///
/// It decides from evidence: character statistics of real Chinese, Japanese, Korean,
/// Latin-script, Cyrillic, Greek, Hebrew, Arabic, Indic and Thai text, with a few
/// characters of context, and the characters mix-ups produce (rare Han characters, private
/// use, Latin-1 letter soup, box drawing, half-width katakana). A span is changed only
/// when its re-decoding is far more likely to be real text; a miss costs less than a
/// damaged clean line. A repair that gives a single character must also fit where it
/// stands (its script is that of its neighbours, or it is Latin or a symbol after a
/// common misreading), since two innocent symbols often decode to one odd character by
/// chance: "4288×…" stays, and is not a Hebrew point. Lines made of common characters
/// pass through at once.
///
/// Some text is lost for good: 锟斤拷 (U+FFFD read as GBK, also with what stood between
/// them: 锟侥革拷), 嚙踝蕭 and 占쏙옙 (the same
/// bytes read as Big5 and as Korean), 閿熸枻鎷 (锟斤拷 read as GBK once more), 烫烫烫 and 屯屯屯 (uninitialised memory read as GBK), and runs of U+FFFD are
/// reported (exit status 3) and kept, or removed with `lossy=remove`. A character whose
/// bytes a repair finds gone (a "?" or U+FFFD a decoder wrote for them, a byte a slipped
/// stream dropped) is written as U+FFFD and said so; where a slip starts a line or
/// follows full-width punctuation, nothing tells a byte it dropped from one it gained,
/// and the byte left over is left out (or guessed, as below), said so too. Only where the bytes that are left
/// narrow it down to one character far likelier than the others between its neighbours
/// is that character written instead, and the explanation calls it a guess: a byte a
/// strict decoder could not read alone (Python's `gbk` writes U+FFFD for the AE inside
/// 家), a UTF-8 lead a Shift-JIS or Big5 decoder could not read, the last byte of a
/// character that the ASCII after it cut short (于2015年11月 read as GBK is 浜?2015骞?11鏈?)
/// or that a decoder met alone at the line's end ("鍙戦€佹垚鍔?" is 发送成功), weighed with
/// what digits, punctuation, brackets and the line's end say of their neighbours, and the
/// character a slipped GBK run cut in half at either end.
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
                // Each line is repaired on its own (`MojibakeTransform.process` looks no
                // further than the line's "\n"); the transform keeps only the repairer's
                // tables and scratch space from one line to the next.
                linesAreIndependent: { _ in true },
                make: { options in try MojibakeTransform(removeLossyMarks: options.string("lossy") == "remove") }
            ),
        ]
    }
}
