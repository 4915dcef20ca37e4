import FixTextICU
import FixTextTestSupport
import Testing

@Suite struct EncodingConverterEncodeTests {
    private func encode(_ text: String, as name: String) throws -> [UInt8]? {
        let converter = try EncodingConverter(name: name)
        return TestText.utf8(text).withUnsafeBufferPointer { converter.encode(utf8: $0) }
    }

    @Test("the round-trip set is what encodes and decodes back, character by character",
          arguments: ["windows-936-2000", "windows-950-2000", "windows-1252", "ibm-943_P15A-2003"])
    func roundTripSet(name: String) throws {
        let converter = try EncodingConverter(name: name)
        let bits = try converter.roundTripBMP()
        var members = 0
        // Every 7th character of the BMP outside the surrogates: encode, decode, compare.
        for scalar in stride(from: UInt32(0x20), to: 0x10000, by: 7) where !(0xD800...0xDFFF).contains(scalar) {
            let inSet = bits[Int(scalar >> 6)] & (1 << UInt64(scalar & 63)) != 0
            let utf8 = Array(String(Unicode.Scalar(scalar)!).utf8)
            let encoded = utf8.withUnsafeBufferPointer { converter.encode(utf8: $0) }
            let roundTrips = encoded.map { converter.decode($0).utf8 == utf8 } ?? false
            if inSet {
                members += 1
                #expect(roundTrips, "U+\(String(scalar, radix: 16)) is in the set but does not round-trip in \(name)")
            }
        }
        #expect(members > (name == "windows-1252" ? 20 : 1000))
        #expect(bits[0x4E2D >> 6] & (1 << UInt64(0x4E2D & 63)) != 0 || name == "windows-1252") // 中
    }

    @Test func big5RoundTrip() throws {
        let bytes = try #require(try encode("繁體中文", as: "big5"))
        #expect(bytes == [0xC1, 0x63, 0xC5, 0xE9, 0xA4, 0xA4, 0xA4, 0xE5])
        let converter = try EncodingConverter(name: "big5")
        #expect(TestText.string(converter.decode(bytes).utf8) == "繁體中文")

        let traditional = try #require(try encode(TestText.traditional, as: "big5"))
        #expect(TestText.string(converter.decode(traditional).utf8) == TestText.traditional)
    }

    @Test func shiftJISRoundTrip() throws {
        let bytes = try #require(try encode("日本語", as: "shift_jis"))
        #expect(bytes == [0x93, 0xFA, 0x96, 0x7B, 0x8C, 0xEA])
        let converter = try EncodingConverter(name: "shift_jis")
        #expect(TestText.string(converter.decode(bytes).utf8) == "日本語")
    }

    @Test func eucKRAndWindows1250() throws {
        #expect(try encode("한국어", as: "euc-kr") == [0xC7, 0xD1, 0xB1, 0xB9, 0xBE, 0xEE])
        #expect(try encode("Łódź", as: "windows-1250") == [0xA3, 0xF3, 0x64, 0x9F])
    }

    @Test func strictEncodeRefusesWhatTheCharsetLacks() throws {
        #expect(try encode("中文", as: "gbk") == [0xD6, 0xD0, 0xCE, 0xC4])
        #expect(try encode("中文😀", as: "gbk") == nil)
        #expect(try encode("中文", as: "iso-8859-1") == nil)
        // GB18030 covers all of Unicode.
        let gb18030 = try #require(try encode("中文😀", as: "gb18030"))
        #expect(gb18030.count == 8)
    }

    @Test func strictEncodeRefusesIllFormedUTF8AndLeavesOutputAlone() throws {
        let converter = try EncodingConverter(name: "gbk")
        var output: [UInt8] = [1, 2]
        let illFormed: [UInt8] = [0xE4, 0xB8, 0x41]
        #expect(!illFormed.withUnsafeBufferPointer { converter.encode(utf8: $0, into: &output) })
        let unencodable = TestText.utf8("中😀")
        #expect(!unencodable.withUnsafeBufferPointer { converter.encode(utf8: $0, into: &output) })
        #expect(output == [1, 2])
        let fine = TestText.utf8("中")
        #expect(fine.withUnsafeBufferPointer { converter.encode(utf8: $0, into: &output) })
        #expect(output == [1, 2, 0xD6, 0xD0])
    }

    @Test(arguments: [
        [0xC0, 0x80], [0xE0, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xF0, 0x8F, 0xBF, 0xBF],
        [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0x80], [0xE4, 0xB8], [0xFF],
    ] as [[UInt8]])
    func strictEncodeRejectsEachKindOfIllFormedUTF8(bytes: [UInt8]) throws {
        let utf8 = try EncodingConverter(name: "utf-8")
        #expect((bytes + [0x41]).withUnsafeBufferPointer { utf8.encode(utf8: $0) } == nil)
    }

    @Test func strictEncodeAcceptsExactlyWellFormedUTF8() throws {
        // Through the UTF-8 converter, well-formed input comes back unchanged.
        let utf8 = try EncodingConverter(name: "utf-8")
        var generator = SplitMix64(seed: 11)
        let pieces: [[UInt8]] = [
            [0x41], [0xC3, 0xA9], [0xE4, 0xB8, 0xAD], [0xF0, 0x9F, 0x98, 0x80], [0xEF, 0xBF, 0xBF],
            [0xF4, 0x8F, 0xBF, 0xBF], [0xED, 0x9F, 0xBF], [0xEE, 0x80, 0x80], [0xE0, 0xA0, 0x80],
            [0x80], [0xC1], [0xED, 0xA0], [0xF4, 0x90], [0xBF], [0xE4],
        ]
        var accepted = 0
        for _ in 0..<3000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(generator.next() % 6) {
                bytes += pieces[Int(generator.next() % UInt64(pieces.count))]
            }
            let encoded = bytes.withUnsafeBufferPointer { utf8.encode(utf8: $0) }
            if String(validating: bytes, as: UTF8.self) != nil {
                #expect(encoded == bytes)
                accepted += 1
            } else {
                #expect(encoded == nil, "accepted ill-formed \(bytes)")
            }
        }
        #expect(accepted > 300)  // both outcomes were exercised
    }

    @Test func strictEncodeOfLongText() throws {
        // Longer than the 2048-unit pivot: goes through the growable buffer.
        let text = String(repeating: TestText.simplified, count: 40)
        let gbk = try EncodingConverter(name: "gbk")
        let bytes = try #require(TestText.utf8(text).withUnsafeBufferPointer { gbk.encode(utf8: $0) })
        #expect(TestText.string(gbk.decode(bytes).utf8) == text)
    }

    @Test func substitutingEncodeReportsUTF8Offsets() throws {
        let converter = try EncodingConverter(name: "gbk")
        var output: [UInt8] = []
        var unencodable: [UnencodableCharacter] = []
        let text = TestText.utf8("a😀b中\u{0E01}")  // U+0E01 THAI CHARACTER KO KAI
        try text.withUnsafeBufferPointer {
            try converter.encode(utf8: $0, into: &output) { unencodable.append($0) }
        }
        #expect(output == [0x61, 0x3F, 0x62, 0xD6, 0xD0, 0x3F])
        #expect(unencodable == [
            UnencodableCharacter(offset: 1, scalar: "😀"),
            UnencodableCharacter(offset: 9, scalar: "\u{0E01}"),
        ])
    }

    @Test func substitutingEncodeReadsIllFormedUTF8AsReplacementCharacter() throws {
        let latin1 = try EncodingConverter(name: "iso-8859-1")
        var output: [UInt8] = []
        var unencodable: [UnencodableCharacter] = []
        let bytes: [UInt8] = [0x41, 0xFF, 0xC3, 0xA9]  // A, junk, é
        try bytes.withUnsafeBufferPointer {
            try latin1.encode(utf8: $0, into: &output, substitute: 0x2A) { unencodable.append($0) }
        }
        #expect(output == [0x41, 0x2A, 0xE9])
        #expect(unencodable == [UnencodableCharacter(offset: 1, scalar: "\u{FFFD}")])
    }

    @Test func encodeThenDecodeUndoesMojibake() throws {
        // The repair the converter exists for: "鐢ㄦ埛" is UTF-8 read as GBK.
        let gbk = try #require(try encode("鐢ㄦ埛", as: "gbk"))
        #expect(TestText.string(gbk) == "用户")
    }

    @Test func namesAndAliases() throws {
        let converter = try EncodingConverter(name: "GBK")
        #expect(EncodingConverter.canonicalName(for: "gbk") == converter.name)
        #expect(EncodingConverter.canonicalName(for: "cp1252")
            == EncodingConverter.canonicalName(for: "windows-1252"))
        #expect(EncodingConverter.canonicalName(for: "utf8") == "UTF-8")
        #expect(EncodingConverter.canonicalName(for: "no-such-charset") == nil)
        let names = EncodingConverter.availableNames
        #expect(names.contains("UTF-8"))
        #expect(names.contains("gb18030"))
        #expect(names.contains(converter.name))
    }

    @Test func unknownNameThrows() {
        let error = #expect(throws: ICUError.self) { try EncodingConverter(name: "foo") }
        #expect(error?.description == "ucnv_open(\"foo\"): U_FILE_ACCESS_ERROR")
        #expect(error?.isConversionError == false)
    }

    @Test func encodingDoesNotDisturbAStreamingDecode() throws {
        let converter = try EncodingConverter(name: "gbk")
        var output: [UInt8] = []
        try [0xD6 as UInt8].withUnsafeBufferPointer {
            try converter.decode($0, flush: false, into: &output) { _ in }
        }
        let text = TestText.utf8("文")
        #expect(text.withUnsafeBufferPointer { converter.encode(utf8: $0) } == [0xCE, 0xC4])
        try [0xD0 as UInt8].withUnsafeBufferPointer {
            try converter.decode($0, flush: true, into: &output) { _ in }
        }
        #expect(TestText.string(output) == "中")
    }
}
