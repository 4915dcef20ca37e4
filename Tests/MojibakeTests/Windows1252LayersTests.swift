import FixTextTestSupport
import Testing

/// UTF-8 read as windows-1252 again and again, and with the bytes windows-1252 lacks dropped.
@Suite("mojibake: windows-1252 layers and dropped bytes")
struct Windows1252LayersTests {
    @Test("UTF-8 read as windows-1252 five times over comes back (a source comment)")
    func fiveLayers() throws {
        let garbled = "    // Base ~1600ms at Normal; clamp between 600ÃƒÆ’Ã†â€™Ãƒâ€šÃ‚Â¢ÃƒÆ’Ã‚Â¢ÃƒÂ¢Ã¢â€šÂ¬Ã…Â¡Ãƒâ€šÃ‚Â¬ÃƒÆ’Ã‚Â¢ÃƒÂ¢Ã¢â‚¬Å¡Ã‚Â¬Ãƒâ€¦Ã¢â‚¬Å“2400ms\n"
        let (text, result) = try repaired(garbled)
        #expect(text == "    // Base ~1600ms at Normal; clamp between 600–2400ms\n")
        #expect(result.changes.first?.reason.components(separatedBy: "windows-1252 (read as)").count == 6)
    }

    @Test("bytes windows-1252 has no character for, dropped after it read UTF-8, are put back, said so", arguments: [
        // 不 is E4 B8 8D: browsers show 8D as a control character, which was then dropped.
        ("Error: æ–‡ä»¶ä¸å­˜åœ¨\n", "Error: 文件不存在\n"),
        // あ is E3 81 82, and が E3 81 8C.
        ("ã‚ã‚ŠãŒã¨ã†\n", "ありがとう\n"),
        // 反 is E5 8F 8D: two of its bytes were dropped.
        ("æˆ‘åå¯¹\n", "我反对\n"),
        // 保持 (E4 BF 9D, E6 8C 81), both last bytes dropped, at the line's start.
        ("ä¿æŒç°¡å–®\n", "保持簡單\n"),
        // Garbled twice (from a bug report): the first reading kept 9D and 81 as C1
        // controls, whose UTF-8 (C2 9D, C2 81) the second reading left as "Â" alone.
        ("### 2. KISSÃ¯Â¼Ë†Ã¤Â¿ÂÃ¦Å’ÂÃ§Â°Â¡Ã¥â€“Â®Ã¯Â¼â€°\n", "### 2. KISS（保持簡單）\n"),
    ])
    func droppedControls(_ garbled: String, _ expected: String) throws {
        let (text, result) = try repaired(garbled)
        #expect(text == expected)
        #expect(result.changes.contains { $0.lost?.contains("were put back") == true })
    }

    @Test("a Latin letter of clean text beside such mojibake is no character cut short", arguments: [
        ("café ä¸­æ–‡\n", "café 中文\n"), ("ä¸­æ–‡ é à\n", "中文 é à\n"), ("ä¸­æ–‡ ë\n", "中文 ë\n"),
        ("è ä¸­æ–‡\n", "è 中文\n"),
    ])
    func lettersBesideDroppedControls(_ garbled: String, _ expected: String) throws {
        let (text, result) = try repaired(garbled)
        #expect(text == expected)
        #expect(!result.changes.contains { $0.lost?.contains("were put back") == true })
    }
}
