import FixTextTestSupport
import Testing

/// Cyrillic, Greek and Hebrew in their Windows code pages read as windows-1252, and the
/// clean text of those alphabets and of Latin ones that such readings must leave alone.
@Suite("mojibake: Cyrillic, Greek and Hebrew read as windows-1252")
struct AlphabetsReadAsLatinTests {
    /// Lines from public source files and bug reports.
    @Test("each alphabet comes back, words of one letter with it", arguments: [
        ("            Assert.AreEqual(\"Ïðèâåò, Ñàøà\", res);", "            Assert.AreEqual(\"Привет, Саша\", res);"),
        ("        console.log('Ïðèâåò ìèð!!! ÿ beforeSend');", "        console.log('Привет мир!!! я beforeSend');"),
        ("    cout << \"ïðèâåò, ïóòíèê\\nïðèñÿäü ó êîñòðà\";", "    cout << \"привет, путник\\nприсядь у костра\";"),
        ("// Î ñêðèïòå", "// О скрипте"),
        (" (17,'ùìåí òìéëí','çåìåï','çåìåï'),", " (17,'שלום עליכם','חולון','חולון'),"),
    ])
    func alphabets(garbled: String, original: String) throws {
        #expect(try repaired(garbled + "\n").0 == original + "\n")
    }

    @Test("clean text stays: accented letters inside Western words, Latin-1 symbols, capitals of Cyrillic and Romanian words before a space", arguments: [
        "tiene demora y está próximo a resolverse", "Handwerk bringt dich überall hin", "a radius of 10 Å—",
        "НИ ДР ЗНАЛА ПОЛИЦИЮ ПЕРЕГОВОРОВ САНКЦИИ РАЙОН", "ВОЙНА В МИРЕ", "ТЕРИТОРІЇ ТА ЗАХОДІВ",
        "CULTURALĂ VERSIUNEA JURIDICĂ JUNIOR", "DOBRYM OSOBY KOŚCI WSZĘDZIE REPUBLIKI BAĆ WYDAWAĆ", "Ça va? À bientôt, Ève.",
        // Small letters alone are a word's own: ášť is UTF-8's ṻ read as ISO-8859-2.
        "Zvlášť seš rizika narození.",
    ])
    func cleanText(_ line: String) throws {
        #expect(try repaired(line + "\n").0 == line + "\n")
    }

    @Test("a line with signs of a DOS code page (⌐, box drawing) is no other alphabet read as windows-1252")
    func dosSoup() throws {
        // Korean file names decomposed, as macOS stores them, read as code page 437; read as
        // Greek in windows-1253, ßäæßà had been ίδζίΰ.
        let text = try repaired("  | - ßäæßà⌐ßå»ßäâßàÑ\n").0
        #expect(!text.unicodeScalars.contains { (0x370...0x3FF).contains($0.value) })
        // Nor is soup beside a letter of another alphabet: Γ before Çö (a console's — read
        // as code page 437) had made Greek Ηφ of it.
        let console = try repaired("x ΓÇö w\n").0
        #expect(!console.unicodeScalars.contains { (0x388...0x3FF).contains($0.value) })
    }

    @Test("a letter and a space taken for a character whose A0 became a space needs the same reading elsewhere in the line")
    func spaceAsNoBreakSpace() throws {
        // French read as windows-1251 (one of ftfy's cases): Г is à's C3, its A0 a space.
        #expect(try repaired("La rГ©gion de Dnepropetrovsk se trouve Г lвЂ™ouest de lвЂ™Ukraine\n").0
            == "La région de Dnepropetrovsk se trouve à l’ouest de l’Ukraine\n")
    }
}
