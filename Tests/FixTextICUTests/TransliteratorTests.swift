import FixTextICU
import Testing

@Suite struct TransliteratorTests {
    @Test func hanToPinyin() throws {
        let hanLatin = try Transliterator(id: "Han-Latin")
        #expect(hanLatin.transliterate("中文") == "zhōng wén")
        #expect(hanLatin.id == "Han-Latin")
    }

    @Test func latinToASCII() throws {
        let ascii = try Transliterator(id: "Latin-ASCII")
        #expect(ascii.transliterate("Ünïcödé “quotes” Łódź") == "Unicode \"quotes\" Lodz")
    }

    @Test func compoundIDAndGrowingOutput() throws {
        let pinyin = try Transliterator(id: "Han-Latin; Latin-ASCII")
        // Each character becomes several letters: more than the first capacity guess.
        let text = String(repeating: "中文", count: 300)
        let expected = Array(repeating: "zhong wen", count: 300).joined(separator: " ")
        #expect(pinyin.transliterate(text) == expected)
    }

    @Test func utf16VariantAppends() throws {
        let hanLatin = try Transliterator(id: "Han-Latin")
        var output = Array("> ".utf16)
        let input = Array("北京".utf16)
        try input.withUnsafeBufferPointer { try hanLatin.transliterate(utf16: $0, into: &output) }
        #expect(String(decoding: output, as: UTF16.self) == "> běi jīng")
    }

    @Test func unknownIDThrows() {
        let error = #expect(throws: ICUError.self) { try Transliterator(id: "Klingon-Latin") }
        #expect(error?.description.hasPrefix("utrans_openU(\"Klingon-Latin\"): U_") == true)
    }
}
