@testable import FixTextMojibake
import Testing

/// GBK and EUC-KR read by Turkish Windows, whose windows-1254 is windows-1252 but for
/// Ğ İ Ş ğ ı ş where that has Ð Ý Þ ð ý þ: a forum's Perl sources and a C++ comment in
/// public repositories hold such strings.
@Suite("mojibake: GBK and EUC-KR read as windows-1254")
struct TurkishWindowsTests {
    @Test("a Turkish letter in the soup is GBK's byte too: the line comes back whole", arguments: [
        ("$disable_pm_mess = \"¶Ô²»Æğ£¬ÎÒÏÖÔÚºÜÃ¦£¬ÇëÄúÉÔºóÔÙÁªÏµÎÒ¡£\";", "$disable_pm_mess = \"对不起，我现在很忙，请您稍后再联系我。\";"),
        ("&error(\"ä¯ÀÀÏûÏ¢&Ã»ÓĞ´ËÏûÏ¢£¡»ò´ËÏûÏ¢ÒÑ±»É¾³ı£¡&msg\");", "&error(\"浏览消息&没有此消息！或此消息已被删除！&msg\");"),
        // EUC-KR read so, from a C++ comment in another repository: of GBK's reading and
        // EUC-KR's, the one clearly cheaper (Korean read as GBK is 茄臂捞搁).
        ("// ÇÑ±ÛÀÌ¸é 2¹ÙÀÌÆ®¸¦ ÀĞÀ½", "// 한글이면 2바이트를 읽음"),
    ])
    func gbkReadAsTurkish(_ garbled: String, _ expected: String) throws {
        let (text, result) = try repaired(garbled + "\n")
        #expect(text == expected + "\n")
        #expect(result.changes.allSatisfy { $0.reason.contains("windows-1254") })
    }

    @Test("Turkish text stays, capitals and all (ÇÖĞÜR is a word, not GBK)")
    func turkishStays() throws {
        let clean = "Türkçe öğrenmek çok güzel, ağaç ışık şöyle\nİstanbul’da ÇAĞDAŞ sanat ve Gümüşhane\n"
            + "ÖĞRENCİ İŞÇİ ŞİŞLİ DÜĞÜN ÇİĞDEM GÖĞÜS ÜÇÜNCÜ ÖZGÜRLÜĞÜ\nTÜRKİYE CUMHURİYETİ, İÇİŞLERİ BAKANLIĞI, ÇÖĞÜR\n"
        let (kept, result) = try repaired(clean)
        #expect(kept == clean && result.changes.isEmpty)
    }

    /// From bug reports: emoji whose UTF-8 lead F0 Turkish Windows reads as ğ.
    @Test("UTF-8 read by Turkish Windows comes back, one emoji alone too", arguments: [
        ("- ğŸ˜ƒ U+1F603 (U+D83D U+DE03)", "- 😃 U+1F603 (U+D83D U+DE03)"), ("Input: `ğŸ˜Š `", "Input: `😊 `"),
        ("  'tr': 'VERDICT baÃ…Å¸latÃ„Â±lÃ„Â±yor...',", "  'tr': 'VERDICT başlatılıyor...',"),
    ])
    func utf8ReadAsTurkish(garbled: String, original: String) throws {
        #expect(try repaired(garbled + "\n").0 == original + "\n")
    }
}
