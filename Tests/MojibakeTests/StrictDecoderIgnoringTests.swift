import FixTextTestSupport
import Testing

/// UTF-8 read by Python's `gbk`, `gb18030` or `shift_jis` with errors="ignore", as crawlers
/// decode pages: what the decoder could not read (GBK's 80 and leads of its user-defined
/// rows, a last byte before ASCII) is gone without a mark. The lines here are that
/// decoder's output.
@Suite("mojibake: UTF-8 read by a strict decoder that ignored what it could not read")
struct StrictDecoderIgnoringTests {
    @Test("the bytes dropped are put back where one character is clearly the likeliest", arguments: [
        // gbk: “ lost its 80 (E2 9C for E2 80 9C), 个 its last byte before "3"'s neighbour.
        ("浠栧光滆佸笀鈥濅竴瑙侀挓鎯咃紝濠氬悗鐢熶簡3涓瀛╁瓙", "他对“老师”一见钟情，婚后生了3个孩子"),
        ("缃戝弸鍦ㄥ晢鍦哄伓閬囬檲璞锛屼笣姣娌℃湁鏋跺瓙锛岃繕鐢ㄦ櫘閫氳瘽鍚戝ぇ瀹堕棶濂", "网友在商场偶遇陈豪，丝毫没有架子，还用普通话向大家问好"),
        ("銆婂績鍔ㄧ殑淇″彿銆嬪叏鍛樺埌榻愶紝浠栫殑鍥炲綊璁╄妭鐩鍙樷滃弸璋婄殑淇″彿鈥濓紵", "《心动的信号》全员到齐，他的回归让节目变“友谊的信号”？"),
        // gb18030 reads GBK's user-defined rows (as private use, as windows-936 does): only
        // 80s and last bytes go.
        ("寮犳澃鍥炴肩矇涓濓紝婢勬竻鑷\u{E044}繁鍙椾激鐪熺浉锛岀湡鐨勬槸闇告皵鎶ゅ\u{E787}鍟婏紒", "张杰回怼粉丝，澄清自己受伤真相，真的是霸气护妻啊！"),
        ("寮犳煆鑺濇浘缁欎粬3涓\u{E045}湀鏈缇庣殑鏃跺厜锛岃阿闇嗛攱鍦ㄨ矾涓婂氨瀹夋帓浜嗗\u{E7F7}绀硷紒", "张柏芝曾给他3个月最美的时光，谢霆锋在路上就安排了婚礼！"),
        // shift_jis: 80 and A0, which start nothing, and leads before ASCII go.
        ("髯域亞髴門書蠕ｮ蜊壽恚蜿句怦謖謗ｧ荳主清遘豕｢譛蛾柄霎ｾ7蟷ｴ蝨ｰ荳区ュ", "陈昱霖发微博朋友圈指控与吴秀波有长达7年地下情"),
    ])
    func restored(garbled: String, original: String) throws {
        let (text, result) = try repaired(garbled + "\n")
        #expect(text == original + "\n")
        #expect(!result.changes.isEmpty && result.changes.allSatisfy { $0.reason.contains("windows-936") || $0.reason.contains("windows-31j") })
    }

    @Test("a character of which a lead is left with two bytes gone is lost, and said so, not guessed")
    func twoBytesGone() throws {
        // 字符 ends E7 AC A6: 符's AC A6 are a user-defined pair, which the decoder dropped
        // a byte at a time; E7 alone could be thousands of characters (的 among them).
        let (text, result) = try repaired("鏂囦欢鍚嶄笉鑳藉寘鍚浠ヤ笅瀛楃\n")
        #expect(text == "文件名不能包含以下字\u{FFFD}\n")
        #expect(result.changes.contains { $0.lost?.contains("E7") == true })
    }

    /// The first line above with a "?" in it, as Windows' decoder writes for what it cannot read.
    @Test("a line with the marks of a decoder that replaces what it cannot read is not read so", arguments: [
        "浠栧光滆佸笀鈥濅竴瑙侀挓鎯咃紝濠氬悗鐢熶簡3涓瀛╁瓙?",
    ])
    func marksOfAnotherDecoder(line: String) throws {
        let (_, result) = try repaired(line + "\n")
        #expect(!result.changes.contains { $0.lost?.contains("ignored what it could not read") == true })
    }
}
