import FixTextICU
import Testing

@Suite struct CharsetDetectorTests {
    private func encoded(_ text: String, as name: String) throws -> [UInt8] {
        let converter = try EncodingConverter(name: name)
        return try #require(TestText.utf8(text).withUnsafeBufferPointer { converter.encode(utf8: $0) })
    }

    @Test func detectsGB18030() throws {
        let matches = try CharsetDetector().detect(try encoded(TestText.simplified, as: "gb18030"))
        let best = try #require(matches.first)
        #expect(best.name == "GB18030")
        #expect(best.language == "zh")
        #expect(best.confidence >= 50)
        #expect(matches.map(\.confidence) == matches.map(\.confidence).sorted(by: >))
    }

    @Test func detectsBig5() throws {
        let best = try #require(
            try CharsetDetector().detect(try encoded(TestText.traditional, as: "big5")).first)
        #expect(best.name == "Big5")
        #expect(best.language == "zh")
    }

    @Test func detectsUTF8() throws {
        let best = try #require(try CharsetDetector().detect(TestText.utf8(TestText.simplified)).first)
        #expect(best.name == "UTF-8")
        #expect(best.confidence > 50)
    }

    @Test func worksOnNonContiguousCollectionsAndEmptyInput() throws {
        let detector = try CharsetDetector()
        detector.ignoresMarkup = true
        let html = "<html><head><title>x</title></head><body>" + TestText.simplified + "</body></html>"
        let bytes = try encoded(html, as: "gb18030")
        #expect(detector.detect(bytes.lazy.map { $0 }).first?.name == "GB18030")
        #expect(detector.detect([UInt8]()).isEmpty)
    }
}
