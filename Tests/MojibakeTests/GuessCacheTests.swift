import FixTextCore
import Foundation
@testable import FixTextMojibake
import FixTextTestSupport
import Testing

/// The repairer remembers what weighing a lost byte's candidates found (``GuessCache``):
/// a remembered verdict must be the one a fresh weighing gives.
@Suite("mojibake: remembered guesses")
struct GuessCacheTests {
    @Test("lines read by Python's strict codecs, and slipped GBK lines cut short by a \"?\", come back the same from a warm repairer as each from a fresh one", arguments: [
        "strict-gbk", "strict-shift_jis", "misaligned-gbk",
    ])
    func warmEqualsFresh(_ source: String) throws {
        let garbled = try Self.garbledLines(source)
        // The lines twice over, the second time backwards: every case the first pass
        // weighed is met again, after others.
        let warm = try MojibakeSuiteTests.repair(garbled + garbled.reversed())
        try #require(warm.count == 2 * garbled.count)
        for (index, line) in garbled.enumerated() {
            let fresh = try MojibakeSuiteTests.repair([line])
            #expect(warm[index] == fresh.first, "line \(index)")
            #expect(warm[2 * garbled.count - 1 - index] == fresh.first, "line \(index), met again")
        }
        // Guesses were made, so verdicts were remembered and looked up: a character lost
        // to U+FFFD, or cut short by the "?" ending a line, comes back as one.
        #expect(zip(garbled, warm).contains { line, repaired in
            (line.contains("\u{FFFD}") || line.hasSuffix("?")) && !repaired.contains("\u{FFFD}") && !repaired.hasSuffix("?")
        })
    }

    /// The garbled lines of a fixture of Python's strict codecs, or of one kind of the
    /// generated suite.
    static func garbledLines(_ source: String) throws -> [String] {
        if source.hasPrefix("strict-") { return try MojibakeSuiteTests.fixturePairs(source).map(\.garbled) }
        let text = String(decoding: try TestData.fixtureBytes("mojibake/cases.jsonl"), as: UTF8.self)
        let lines = try text.split(separator: "\n").compactMap { line -> String? in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            return object["kind"] as? String == source ? object["garbled"] as? String : nil
        }
        try #require(!lines.isEmpty)
        return lines
    }

    @Test("a verdict is remembered by everything the weighing hangs on: a neighbour, the script or the codec changes the key")
    func keysDiffer() throws {
        let gbk = try LegacyCodec.named("windows-936-2000")
        let big5 = try LegacyCodec.named("windows-950-2000")
        func key(previous: UInt32? = 0x4E2D, script: TextLanguage? = .simplifiedChinese, readAs: LegacyCodec? = nil) -> GuessCache.Key {
            .unreadBytes(
                template: 0x4E00, needed: 3, first: 2, second: -1, after: 0xE4, firstBefore: 0,
                script: script, previous: previous, following: 0x6587, readAs: readAs ?? gbk
            )
        }
        #expect(key() == key())
        #expect(key() != key(previous: 0x6587))
        #expect(key() != key(previous: nil))
        #expect(key() != key(script: .traditionalChinese))
        #expect(key() != key(script: nil))
        #expect(key() != key(readAs: big5))
        let lostLast = GuessCache.Key.lostLastBytes(template: 0x4E00, known: 1, missing: 2, unseen: false, script: nil, previous: 0x4E2D, beforePrevious: nil, readAs: gbk)
        #expect(lostLast != key(script: nil))
        func slipped(lead: UInt8 = 0xD6, language: TextLanguage = .simplifiedChinese, next: UInt32? = 0x6587) -> GuessCache.Key {
            .slippedEnd(lead: lead, language: language, previous: 0x4E2D, next: next, codec: gbk)
        }
        #expect(slipped() == slipped())
        #expect(slipped() != slipped(lead: 0xD7))
        #expect(slipped() != slipped(language: .traditionalChinese))
        #expect(slipped() != slipped(next: nil))
        #expect(slipped() != key() && slipped() != lostLast)
        let cache = GuessCache()
        #expect(cache.verdict(for: key()) == nil)
        var weighed = 0
        let first = cache.verdict(for: key()) { weighed += 1; return (0x80, 0, 0x4E00) }
        let again = cache.verdict(for: key()) { weighed += 1; return nil }
        #expect(weighed == 1)
        #expect(first?.scalar == 0x4E00 && again?.scalar == 0x4E00)
    }
}
