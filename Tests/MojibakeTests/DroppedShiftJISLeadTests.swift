import Testing

/// Shift-JIS punctuation (81 and an ASCII byte) read as windows-1252, which has no
/// character for 81: the lead was dropped and the trail stands as ASCII. Lines from source
/// files and a PHP language file whose Japanese comments were read so.
@Suite("mojibake: Shift-JIS punctuation whose lead windows-1252 dropped")
struct DroppedShiftJISLeadTests {
    @Test("the trail after Japanese that such a stretch gave is its punctuation again, and said so", arguments: [
        ("//\tWindow•Â‚¶‚æ‚¤‚Æ‚µ‚Ä‚ñ‚Ì‚©H", "//\tWindow閉じようとしてんのか？"),
        ("// --- ƒRƒ“ƒ\\[ƒ‹—p", "// --- コンソール用"),
        ("‚±‚ÌƒƒbƒZ[ƒW‚Í’·‰ß‚¬‚Ü‚·i@compte@", "このャbセージは長過ぎます（@compte@"),
        ("‚É‚µ‚Ä‰º‚³‚¢B', # MODIF", "にして下さい。', # MODIF"),
    ])
    func restored(garbled: String, original: String) throws {
        let (text, result) = try repaired(garbled + "\n")
        #expect(text == original + "\n")
        #expect(result.changes.contains { $0.lost?.contains("byte 81, the lead of Shift-JIS's") == true })
    }

    /// "@" is the trail of many kanji (機 is 8B 40), and no punctuation that is told.
    @Test("a letter that goes on into a word stays; so does \"@\"", arguments: [
        ("// ‚±‚êAscsicmd", "// これAscsicmd"), ("‚Ì‚©Help", "のかHelp"), ("‚±‚Ì@", "この@"),
    ])
    func stays(garbled: String, expected: String) throws {
        #expect(try repaired(garbled + "\n").0 == expected + "\n")
    }
}
