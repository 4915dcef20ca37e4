import FixTextTestSupport
import Testing

/// GBK read as windows-1252 or Latin-1 where every character has a lead B0–BF, which
/// those encodings read as symbols, not letters.
@Suite("mojibake: GBK read as Latin-1 symbols")
struct LatinSymbolsTests {
    @Test("a run of different Latin-1 symbols that GBK made comes back", arguments: [
        ("Photoshop CS6 ºº»¯²¹¶¡", "Photoshop CS6 汉化补丁"),
        ("¿Í»§¶Ë", "客户端"),
    ])
    func symbolRuns(garbled: String, original: String) throws {
        let (text, result) = try repaired(garbled + "\n")
        #expect(text == original + "\n")
        #expect(result.changes.allSatisfy { $0.reason.contains("windows-936") })
    }

    /// Lines of the suite (seed 2) that stayed garbled: GBK's commonest characters and
    /// punctuation, leads A1–BF, read as Latin-1 symbols inside clean Chinese.
    @Test("inside a line, four Latin-1 symbols in a row that GBK made come back; and full-width punctuation read so between two Han characters", arguments: [
        ("她曾捧红自己老¹«£¬却“赶走”赵本山", "她曾捧红自己老公，却“赶走”赵本山"),
        ("铁娘子张雨绮再现虎事，被曝家暴老公£¬²¢且还提刀砍他", "铁娘子张雨绮再现虎事，被曝家暴老公，并且还提刀砍他"),
        ("张翰带妈妈逛商³¡±»偶遇,大男人穿渔网袜", "张翰带妈妈逛商场被偶遇,大男人穿渔网袜"),
        ("他说£¬我们走吧", "他说，我们走吧"), ("今天天气很好¡£明天见", "今天天气很好。明天见"),
    ])
    func symbolsInsideALine(garbled: String, original: String) throws {
        #expect(try repaired(garbled + "\n").0 == original + "\n")
    }

    @Test("Latin-1 symbols of Chinese text stay: a middle dot between names, a price, degrees", arguments: [
        "李·王", "售价£25起", "温度25°C±3", "约½小时",
    ])
    func symbolsOfChineseText(_ line: String) throws {
        #expect(try repaired(line + "\n").0 == line + "\n")
    }

    @Test("× read as windows-1252 between single digits comes back; an accented capital before a dash stays", arguments: [
        ("5 Ã— 3", "5 × 3"), ("CAFÉ—the best", "CAFÉ—the best"), ("SÃO PAULO—BRAZIL", "SÃO PAULO—BRAZIL"),
    ])
    func timesSign(garbled: String, original: String) throws {
        #expect(try repaired(garbled + "\n").0 == original + "\n")
    }

    /// From a question about a CSV file: the clean Ø and a space had become ؠ (D8 A0, the
    /// space taken for a no-break space's A0) beside the real mojibake of Ø.
    @Test("a letter beside its space is no Arabic letter glued to the next word; the line's mojibake still comes back")
    func letterBeforeSpace() throws {
        #expect(try repaired("the Ø symbol got replaced with Ã˜6 mm.\n").0 == "the Ø symbol got replaced with Ø6 mm.\n")
    }

    /// German read as MacRoman: ö and ß are √∂ and √ü there.
    @Test("a letter a rarer misreading gives inside a word comes back: after a small letter, or between a letter and a small one", arguments: [
        ("K√∂nig", "König"), ("wei√ü", "weiß"), ("= √π", "= √π"), ("HÅØYA", "HÅØYA"),
    ])
    func letterInsideWord(garbled: String, original: String) throws {
        #expect(try repaired(garbled + "\n").0 == original + "\n")
    }

    @Test("symbols of Western text stay: one at a time, or one repeated", arguments: [
        "温度 25°C ±3", "»»»» next", "§§§§ Section", "¿¿¿¿qué????", "x² y³ z¹ ¼", "½¼¾² fractions", "·····",
    ])
    func westernSymbols(_ line: String) throws {
        #expect(try repaired(line + "\n").0 == line + "\n")
    }

    /// From a bug report: "öööö is displayed as Ã¶Ã¶Ã¶" became "鲻鲻 is displayed as ööö".
    @Test("one Latin-1 letter repeated is emphasis or a test string, not a double-byte character doubled; one such character in a word still comes back", arguments: [
        ("öööö is displayed as Ã¶Ã¶Ã¶", "öööö is displayed as ööö"), ("AAAA ÖÖÖÖ", "AAAA ÖÖÖÖ"), ("ÀÀÀÀ", "ÀÀÀÀ"), ("ëëëë", "ëëëë"),
        ("오늘은 날씨가 정말 ÁÁ네요.", "오늘은 날씨가 정말 좋네요."),
    ])
    func oneLetterRepeated(garbled: String, original: String) throws {
        #expect(try repaired(garbled + "\n").0 == original + "\n")
    }

    /// From public source files shown as ISO-8859-15.
    @Test("GBK read as Latin-9 comes back where one of its eight letters stands in the soup (ÎÄŒþÃû is 文件名); Czech, French and Croatian with those letters stay", arguments: [
        ("//ÎÄŒþÃû: client/app_stress_client.c", "//文件名: client/app_stress_client.c"),
        ("//È»ºóËüµ÷ÓÃstcp_client_init()³õÊŒ»¯STCP¿Í»§¶Ë.", "//然后它调用stcp_client_init()初始化STCP客户端."),
        ("zde byť jednodušší generace poznat možno", "zde byť jednodušší generace poznat možno"),
        ("Œuvre complète — Šibenik, Žiča, 5 € ¼ ½", "Œuvre complète — Šibenik, Žiča, 5 € ¼ ½"),
    ])
    func latin9(garbled: String, original: String) throws {
        #expect(try repaired(garbled + "\n").0 == original + "\n")
    }
}
