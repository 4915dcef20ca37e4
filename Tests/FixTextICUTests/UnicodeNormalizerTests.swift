import FixTextICU
import Testing

@Suite struct UnicodeNormalizerTests {
    private func normalize(_ text: String, _ form: UnicodeNormalizer.Form) throws -> String {
        let normalizer = try UnicodeNormalizer(form)
        let bytes = try TestText.utf8(text).withUnsafeBufferPointer {
            try normalizer.normalize(utf8: $0)
        }
        return TestText.string(bytes)
    }

    /// Compares scalars: Swift's `==` on String would hide normalization differences.
    private func scalars(_ text: String) -> [UInt32] { text.unicodeScalars.map(\.value) }

    @Test func composesAndDecomposes() throws {
        #expect(scalars(try normalize("e\u{301}", .nfc)) == [0xE9])
        #expect(scalars(try normalize("\u{E9}", .nfd)) == [0x65, 0x301])
        // The CJK compatibility ideograph U+F900 is a canonical singleton for U+8C48.
        #expect(scalars(try normalize("\u{F900}", .nfc)) == [0x8C48])
    }

    @Test func compatibilityFormsFoldFullWidthText() throws {
        #expect(try normalize("ｆｕｌｌ　ｗｉｄｔｈ，１２３", .nfkc) == "full width,123")
        #expect(try normalize("①", .nfkc) == "1")
        #expect(scalars(try normalize("ﾊﾟ", .nfkd)) == [0x30CF, 0x309A])
        #expect(try normalize("ＡＢＣ Straße", .nfkcCasefold) == "abc strasse")
        // Chinese text is in NFC already, but its full-width comma is not in NFKC.
        #expect(try normalize(TestText.simplified, .nfc) == TestText.simplified)
        let nfkc = try normalize(TestText.simplified, .nfkc)
        #expect(nfkc.contains(",") && !nfkc.contains("，") && nfkc.contains("。"))
    }

    @Test func quickCheckOfSingleCodePoints() throws {
        let nfc = try UnicodeNormalizer(.nfc)
        #expect(nfc.quickCheck(0xE9) == .yes)
        #expect(nfc.quickCheck(0x301) == .maybe)
        #expect(nfc.quickCheck(0x212B) == .no)  // ANGSTROM SIGN
        #expect(nfc.quickCheck(0x2F800) == .no)  // supplementary compatibility ideograph
        #expect(nfc.quickCheck(0x11_0000) == .yes)
        let nfd = try UnicodeNormalizer(.nfd)
        #expect(nfd.quickCheck(0xE9) == .no)
        #expect(nfd.quickCheck(0x4E2D) == .yes)
    }

    @Test func codePointProperties() throws {
        let nfc = try UnicodeNormalizer(.nfc)
        #expect(nfc.combiningClass(0x301) == 230)
        #expect(nfc.combiningClass(0x4E2D) == 0)
        #expect(nfc.hasBoundaryBefore(0x61))
        #expect(!nfc.hasBoundaryBefore(0x301))
        #expect(!nfc.hasBoundaryAfter(0x65))  // e may take an accent
        #expect(nfc.hasBoundaryAfter(0x4E2D))
        #expect(nfc.isInert(0x4E2D))
        #expect(!nfc.isInert(0x65))
    }

    @Test func spanQuickCheckYesStopsBeforeTheFirstUnnormalizedCharacter() throws {
        let nfc = try UnicodeNormalizer(.nfc)
        let units = Array("中文 cafe\u{301}".utf16)
        let span = units.withUnsafeBufferPointer { nfc.spanQuickCheckYes($0) }
        #expect(span == 6)  // before "e", which the accent joins
        let clean = Array(TestText.simplified.utf16)
        #expect(clean.withUnsafeBufferPointer { nfc.spanQuickCheckYes($0) } == clean.count)
        #expect(clean.withUnsafeBufferPointer { nfc.quickCheck($0) } == .yes)
        #expect(units.withUnsafeBufferPointer { nfc.quickCheck($0) } == .maybe)
    }

    @Test func normalizeAppendsAndGrowsItsOutput() throws {
        let nfd = try UnicodeNormalizer(.nfd)
        // 1 000 "é" become 2 000 units: more than the first capacity guess.
        let input = Array(String(repeating: "\u{E9}", count: 1000).utf16)
        var output: [UInt16] = [0x41]
        try input.withUnsafeBufferPointer { try nfd.normalize(utf16: $0, into: &output) }
        #expect(output.count == 2001)
        #expect(output[0] == 0x41)
        #expect(Array(output[1...4]) == [0x65, 0x301, 0x65, 0x301])

        // U+FDFA decomposes to 18 characters.
        var long: [UInt16] = []
        let ligature: [UInt16] = [0xFDFA]
        let nfkd = try UnicodeNormalizer(.nfkd)
        try ligature.withUnsafeBufferPointer { try nfkd.normalize(utf16: $0, into: &long) }
        #expect(long.count == 18)
    }

    @Test func utf8ConvenienceHandlesIllFormedInputAndNormalizedInput() throws {
        let nfc = try UnicodeNormalizer(.nfc)
        let illFormed: [UInt8] = [0x61, 0xFF, 0x65, 0xCC, 0x81]
        let result = try illFormed.withUnsafeBufferPointer { try nfc.normalize(utf8: $0) }
        #expect(result == TestText.utf8("a\u{FFFD}\u{E9}"))
        let clean = TestText.utf8(TestText.traditional)
        #expect(try clean.withUnsafeBufferPointer { try nfc.normalize(utf8: $0) } == clean)
    }
}
