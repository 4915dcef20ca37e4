@testable import FixTextMojibake
import Testing

/// Lines of source code garbled as UTF-8 read as windows-936, as public repositories and
/// bug reports hold them: strings in code, whose quotes and commas the repair must keep
/// straight, and whose changes `explain` must pair with what they replace.
@Suite("mojibake: lines of source code")
struct SourceCodeLinesTests {
    @Test("a closing quote the decoder's \"?\" took is put back where the line leaves a string open, and said so; where its quotes are even, the byte the \"?\" took is not known, and nothing is put back", arguments: [
        // 败 is E8 B4 A5: A5 and the quote after it made no pair, and went into one "?".
        ("message.error(res.msg || \"鍙戦€佸け璐?);", "message.error(res.msg || \"发送失败\");", true),
        ("log.error(\"娑堟伅鍙戦€佸け璐?, e);", "log.error(\"消息发送失败\", e);", true),
        // A space went with the "?" here; the string's quotes are both there.
        ("LogError?.Invoke($\"USB-B/MBD 鍛戒护鍙戦€佸け璐?({command}): {ex.Message}\");", "LogError?.Invoke($\"USB-B/MBD 命令发送失败({command}): {ex.Message}\");", false),
        // A decoder that wrote "?" for A5 alone kept the quote.
        ("'鍙戦€佸け璐?','鐢ㄦ埛ID'", "'发送失败','用户ID'", false),
    ])
    func swallowedQuote(_ garbled: String, _ expected: String, _ putBack: Bool) throws {
        let (text, result) = try repaired(garbled + "\n")
        #expect(text == expected + "\n")
        #expect(result.changes.contains { $0.lost?.contains("the \" that closes the string the line leaves open, put back") == true } == putBack)
    }

    @Test("a repair whose bytes were lost inside is not cut at its ASCII: each change pairs text with its own repair")
    func piecesAfterLostBytes() throws {
        // 览 (E8 A7 88) lost A7 88, a pair read as private use and taken out (and guessed
        // back): after it, the two sides' bytes no longer meet at the ASCII, and cut there
        // the first change showed "娴忚璁板綍'," → "浏览记录".
        let (text, result) = try repaired("  '娴忚璁板綍','鍙戦€佸け璐?','鐢ㄦ埛ID'\n")
        #expect(text == "  '浏览记录','发送失败','用户ID'\n")
        try #require(result.changes.count == 1)
        #expect(String(decoding: result.changes[0].original, as: UTF8.self) == "娴忚璁板綍','鍙戦€佸け璐?','鐢ㄦ埛")
        #expect(String(decoding: result.changes[0].replacement, as: UTF8.self) == "浏览记录','发送失败','用户")
    }

    @Test("a \"?\" the decoder wrote, left as it was, is no change to report")
    func noEmptyChanges() throws {
        // The end of a court ruling read as windows-936: the "?" after 夈 stands for the
        // rest of 。 (E3 80 82), lost; the last is a "?" the decoder wrote, which stays.
        let (_, result) = try repaired("鍚戞湰闄㈡彁璧蜂笂璇夈??\n")
        #expect(!result.changes.isEmpty)
        #expect(result.changes.allSatisfy { $0.original != $0.replacement })
    }
}
