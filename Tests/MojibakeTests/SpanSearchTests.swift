import FixTextICU
import Testing

/// UTF-8 `text` read as windows-936, as a Windows decoder would.
private func readAsGBK(_ text: String) throws -> String {
    String(decoding: try EncodingConverter(name: "windows-936-2000").decode(Array(text.utf8)).utf8, as: UTF8.self)
}

@Suite("mojibake: where in a line stretches are sought")
struct SpanSearchTests {
    @Test("a garbled stretch that starts with characters that look like clean text is repaired whole")
    func commonLookingStart() throws {
        // 尼奥尼来中国 read as GBK starts with five common characters (灏煎ゥ灏兼) before
        // the first that looks wrong.
        let garbled = try readAsGBK("尼奥尼来中国")
        let (text, result) = try repaired("世界电影大师安东\(garbled)拍纪录片,32年后在中国首映\n")
        #expect(text == "世界电影大师安东尼奥尼来中国拍纪录片,32年后在中国首映\n")
        #expect(result.changes.count == 1)
    }

    @Test("two garbled stretches far apart in one line of Chinese both come back, and the clean text between stays")
    func stretchesFarApart() throws {
        let between = "了，法院依法组成合议庭进行了审理，本案现已审理终结，"
        let line = "新用户\(try readAsGBK("登录成功"))\(between)\(try readAsGBK("公司名称"))\n"
        let (text, result) = try repaired(line)
        #expect(text == "新用户登录成功\(between)公司名称\n")
        #expect(result.changes.count == 2)
    }
}
