import Testing

/// Japanese in Shift-JIS read as GBK, as Chinese Windows shows it (file names in archives,
/// game text): its kana are Shift-JIS's 82 9F–83 96, which GBK reads as rare characters of
/// its extension rows (偙傫偵偪偼 for こんにちは).
@Suite("mojibake: Japanese read as GBK")
struct JapaneseReadAsGBKTests {
    @Test("whole lines come back")
    func wholeLines() throws {
        let (text, result) = try repaired("搶嫗偺揤婥偼柧擔傕惏傟傞偱偟傚偆\n偙偺僼傽僀儖傪奐偔偙偲偑偱偒傑偣傫\n僎乕儉偺僙乕僽僨乕僞偑尒偮偐傝傑偣傫\n")
        #expect(text == "東京の天気は明日も晴れるでしょう\nこのファイルを開くことができません\nゲームのセーブデータが見つかりません\n")
        #expect(result.changes.count == 3)
        #expect(result.changes.allSatisfy { $0.reason.contains("windows-31j (Shift-JIS) → windows-936 (read as)") })
    }

    @Test("a stretch among ASCII comes back, and one after Chinese, which Shift-JIS reads out of step until the kana")
    func stretch() throws {
        let (text, _) = try repaired("save/偙偺僼傽僀儖.dat\n")
        #expect(text == "save/このファイル.dat\n")
        let (afterChinese, _) = try repaired("文件名：偙偺僼傽僀儖.txt\n")
        #expect(afterChinese == "文件名：このファイル.txt\n")
    }

    @Test("traditional Chinese, whose common characters GBK has in the same rows (們 is 82 C7), stays; so does clean text with rare ones")
    func chineseStays() throws {
        let clean = "我們的個人價值觀，優先儲備，倫理側面\n云南傣族的傣文和偃师的俚语\n"
        let (kept, result) = try repaired(clean)
        #expect(kept == clean && result.changes.isEmpty)
    }
}
