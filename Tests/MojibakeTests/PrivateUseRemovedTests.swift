import FixTextICU
@testable import FixTextMojibake
import Testing

/// UTF-8 read as windows-936 whose private use (GBK's user-defined rows) was taken out
/// afterwards, as text cleaners and search indexes do: each pair taken out took a byte of
/// each character on either side of it, or the last two bytes of one.
@Suite("mojibake: private use taken out")
struct PrivateUseRemovedTests {
    /// `original`'s UTF-8 read as windows-936, with the private use that made taken out.
    static func readWithPrivateUseRemoved(_ original: String) throws -> String {
        let read = String(decoding: try EncodingConverter(name: "windows-936-2000").decode(Array(original.utf8)).utf8, as: UTF8.self)
        return String(String.UnicodeScalarView(read.unicodeScalars.filter { !(0xE000...0xF8FF).contains($0.value) }))
    }

    @Test("the characters on either side of a pair taken out are guessed together: alone, each lacks the other for a neighbour")
    func bothSidesTogether() throws {
        // 个都 is E4 B8 AA E9 83 BD, read as 涓 (E4 B8), the private use of AA E9, and 兘
        // (83 BD). Guessed one at a time, 个 had no neighbour after it, and 都 (after a
        // U+FFFD) was lost.
        let original = "李连杰曾经搭档过的女演员多好看，随便拿出来一个都长得超美！"
        let garbled = try Self.readWithPrivateUseRemoved(original)
        #expect(garbled.contains("竴涓兘闀"))
        let (text, result) = try repaired(garbled + "\n")
        #expect(text == original + "\n")
        let lost = try #require(result.changes.first?.lost)
        #expect(lost.contains("byte AA of E4 B8 AA was in a pair read as private use and taken out of the text; it is taken to be that, which makes 个"))
        #expect(lost.contains("byte E9 of E9 83 BD was in a pair read as private use and taken out of the text; it is taken to be that, which makes 都"))
    }

    @Test("a character whose last two bytes were the pair taken out is guessed between its neighbours when one stands far out")
    func lastTwoBytes() throws {
        // 飞 is E9 A3 9E, and A3 9E is a user-defined pair; so is AC AC of 第 (E7 AC AC).
        for (original, guessed) in [("五个黄飞鸿，释小龙可爱，成龙不像，他无法超越", "飞"), ("拍吻戏有口臭的女明星，第一位众人皆知，最后一位没想到", "第"), ("浏览记录", "览")] {
            let garbled = try Self.readWithPrivateUseRemoved(original)
            let (text, result) = try repaired(garbled + "\n")
            #expect(text == original + "\n")
            #expect(result.changes.first?.lost?.contains("were a pair read as private use and taken out of the text; they are taken to be those, which make \(guessed), clearly the likeliest") == true)
        }
        // Where none stands out, the character is lost and said so: 学 (E5 AD A6) of a name,
        // between 张 and 友.
        let original = "张学友巡演抓逃犯46名：大陆技术强，我这个白痴无法想像"
        let (text, result) = try repaired(try Self.readWithPrivateUseRemoved(original) + "\n")
        #expect(text == String(original.map { $0 == "学" ? "\u{FFFD}" : $0 }) + "\n")
        #expect(result.changes.first?.lost?.hasPrefix("a character starting with bytes E5 lost its last 2 byte(s);") == true)
    }

    @Test("Fixtures/mojibake/private-use-removed.jsonl: the character error rate falls from over 1.2 to under 0.05")
    func fixture() throws {
        try MojibakeSuiteTests.expectFixture("private-use-removed", before: 1.2, after: 0.05, exact: 22)
    }
}
