import FixTextICU
import FixTextTestSupport
import Testing

@Suite struct EncodingConverterDecodeTests {
    private func decode(_ bytes: [UInt8], as name: String) throws -> (String, [InvalidBytes]) {
        let converter = try EncodingConverter(name: name)
        let (utf8, invalid) = converter.decode(bytes)
        return (TestText.string(utf8), invalid)
    }

    @Test func utf8ReadAsWindows936GivesClassicMojibake() throws {
        let (text, invalid) = try decode(TestText.utf8("用户"), as: "windows-936")
        #expect(text == "鐢ㄦ埛")
        #expect(invalid.isEmpty)
    }

    @Test(arguments: ["iso-8859-1", "windows-1252"])
    func gbkReadAsLatin(name: String) throws {
        let (text, invalid) = try decode([0xD6, 0xD0, 0xCE, 0xC4], as: name)
        #expect(text == "ÖÐÎÄ")
        #expect(invalid.isEmpty)
    }

    @Test func windows936HasTheEuroSignAt0x80() throws {
        #expect(try decode([0x80], as: "windows-936").0 == "€")
        #expect(try decode([0x80], as: "windows-1252").0 == "€")
        #expect(try decode([0x80], as: "iso-8859-1").0 == "\u{80}")
    }

    @Test func gbkDecodesRealText() throws {
        let gbk = try #require(
            TestText.utf8(TestText.simplified).withUnsafeBufferPointer {
                try EncodingConverter(name: "gbk").encode(utf8: $0)
            })
        #expect(gbk.count < TestText.utf8(TestText.simplified).count)
        let (text, invalid) = try decode(gbk, as: "gbk")
        #expect(text == TestText.simplified)
        #expect(invalid.isEmpty)
    }

    @Test func invalidBytesAreReplacedAndReportedWithOffsets() throws {
        // A, 中 (D6 D0), a lead byte followed by a space, 文, a truncated lead at the end.
        let bytes: [UInt8] = [0x41, 0xD6, 0xD0, 0x81, 0x20, 0xCE, 0xC4, 0x81]
        let (text, invalid) = try decode(bytes, as: "gbk")
        #expect(text == "A中\u{FFFD} 文\u{FFFD}")
        #expect(invalid == [
            InvalidBytes(offset: 3, bytes: [0x81]), InvalidBytes(offset: 7, bytes: [0x81]),
        ])
    }

    @Test func sequenceSplitAcrossCallsIsJoined() throws {
        let converter = try EncodingConverter(name: "gbk")
        var output: [UInt8] = []
        var invalid: [InvalidBytes] = []
        let chunks: [[UInt8]] = [[0x41, 0xD6], [0xD0, 0xCE], [0xC4, 0xFF, 0x81]]
        for (index, chunk) in chunks.enumerated() {
            try chunk.withUnsafeBufferPointer {
                try converter.decode($0, flush: index == chunks.count - 1, into: &output) {
                    invalid.append($0)
                }
            }
        }
        // ICU maps GBK 0xFF to a private-use character; the final 0x81 lacks its trail.
        #expect(TestText.string(output) == "A中文\u{F8F5}\u{FFFD}")
        #expect(invalid == [InvalidBytes(offset: 6, bytes: [0x81])])
    }

    @Test func invalidSequenceSplitAcrossCallsIsReportedWhole() throws {
        let converter = try EncodingConverter(name: "utf-8")
        var output: [UInt8] = []
        var invalid: [InvalidBytes] = []
        // E4 B8 starts 中 (E4 B8 AD) but is followed by "A".
        for (chunk, flush) in [([0x7A, 0xE4, 0xB8] as [UInt8], false), ([0x41], true)] {
            try chunk.withUnsafeBufferPointer {
                try converter.decode($0, flush: flush, into: &output) { invalid.append($0) }
            }
        }
        #expect(TestText.string(output) == "z\u{FFFD}A")
        #expect(invalid == [InvalidBytes(offset: 1, bytes: [0xE4, 0xB8])])
    }

    @Test func bytesReadAgainAfterAnInvalidLeadKeepTheirOffsets() throws {
        // GB18030: 81 30 81 starts a four-byte sequence that the space breaks; ICU
        // rejects only 81 and reads 30 81 again: "0", then 81 + space is invalid too.
        let converter = try EncodingConverter(name: "gb18030")
        var output: [UInt8] = []
        var invalid: [InvalidBytes] = []
        for (chunk, flush) in [([0x41, 0x81, 0x30, 0x81] as [UInt8], false), ([0x20], true)] {
            try chunk.withUnsafeBufferPointer {
                try converter.decode($0, flush: flush, into: &output) { invalid.append($0) }
            }
        }
        #expect(TestText.string(output) == "A\u{FFFD}0\u{FFFD} ")
        #expect(invalid.map(\.offset) == [1, 3])
    }

    @Test func substitutePolicyWritesTheGivenCharacter() throws {
        let converter = try EncodingConverter(name: "gbk", invalidPolicy: .substitute(0x3F))
        let (utf8, invalid) = converter.decode([0x41, 0x81, 0x20, 0xD6, 0xD0] as [UInt8])
        #expect(TestText.string(utf8) == "A? 中")
        #expect(invalid == [InvalidBytes(offset: 1, bytes: [0x81])])

        converter.invalidPolicy = .substitute(0xB7)  // MIDDLE DOT, not ASCII
        #expect(TestText.string(converter.decode([0x81, 0x20] as [UInt8]).utf8) == "· ")
    }

    @Test func stopPolicyThrowsAtTheFirstInvalidSequence() throws {
        let converter = try EncodingConverter(name: "gbk", invalidPolicy: .stop)
        var output: [UInt8] = []
        var invalid: [InvalidBytes] = []
        let first: [UInt8] = [0xD6, 0xD0, 0xCE]
        try first.withUnsafeBufferPointer {
            try converter.decode($0, flush: false, into: &output) { invalid.append($0) }
        }
        let second: [UInt8] = [0xC4, 0x41, 0x81, 0x20, 0x42]
        let error = #expect(throws: ICUError.self) {
            try second.withUnsafeBufferPointer {
                try converter.decode($0, flush: true, into: &output) { invalid.append($0) }
            }
        }
        #expect(error?.byteOffset == 5)
        #expect(error?.isConversionError == true)
        #expect(
            error?.description
                == "ucnv_toUnicode(\(converter.name)): U_ILLEGAL_CHAR_FOUND at byte 5")
        #expect(TestText.string(output) == "中文A")
        #expect(invalid == [InvalidBytes(offset: 5, bytes: [0x81])])

        // After stopping, the converter starts afresh.
        let (utf8, again) = converter.decode([0x81, 0x20] as [UInt8])
        #expect(utf8.isEmpty)
        #expect(again == [InvalidBytes(offset: 0, bytes: [0x81])])
    }

    @Test func longInputWithSupplementaryCharactersDecodesInAnyChunking() throws {
        // "a😀中文" is 5 UTF-16 units: the 2048-unit pivot fills up between a surrogate pair.
        let text = String(repeating: "a😀中文", count: 3000)
        let gb18030 = try EncodingConverter(name: "gb18030")
        let encoded = try #require(
            TestText.utf8(text).withUnsafeBufferPointer { gb18030.encode(utf8: $0) })
        #expect(TestText.string(gb18030.decode(encoded).utf8) == text)

        var generator = SplitMix64(seed: 7)
        var output: [UInt8] = []
        var position = 0
        try encoded.withUnsafeBufferPointer { all in
            while position < all.count {
                let size = min(Int(generator.next() % 700) + 1, all.count - position)
                let chunk = UnsafeBufferPointer(rebasing: all[position..<position + size])
                position += size
                try gb18030.decode(chunk, flush: position == all.count, into: &output) { _ in
                    Issue.record("no invalid bytes expected")
                }
            }
        }
        #expect(output == TestText.utf8(text))
    }

    @Test func emptyInputDecodesToNothing() throws {
        let converter = try EncodingConverter(name: "big5")
        var output: [UInt8] = [0x78]
        try converter.decode(UnsafeBufferPointer(start: nil, count: 0), flush: true, into: &output) {
            _ in Issue.record("nothing to report")
        }
        #expect(output == [0x78])
        #expect(converter.decode([] as [UInt8]).utf8.isEmpty)
    }
}
