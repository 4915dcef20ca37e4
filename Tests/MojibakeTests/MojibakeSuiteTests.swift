import Foundation
import FixTextCore
import FixTextMojibake
import FixTextTestSupport
import Testing

/// The generated suite in Fixtures/mojibake (see its README), run through the transform.
@Suite("mojibake suite", .serialized)
struct MojibakeSuiteTests {
    struct Case {
        var id: String
        var kind: String
        var original: String
        var garbled: String
        var recoverable: Bool
    }

    /// Every `sample`th case: the debug build the tests run in repairs about a hundred
    /// times slower than a release build, and the whole suite is for
    /// Tools/peer-suites/run_mojibake_suite.py.
    static let sample = 3

    static func cases() throws -> [Case] {
        let text = String(decoding: try TestData.fixtureBytes("mojibake/cases.jsonl"), as: UTF8.self)
        let lines = text.split(separator: "\n").enumerated().filter { $0.offset % sample == 0 }.map(\.element)
        return try lines.map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            return Case(
                id: object["id"] as! String, kind: object["kind"] as! String,
                original: object["original"] as! String, garbled: object["garbled"] as! String,
                recoverable: object["recoverable"] as! Bool
            )
        }
    }

    /// A fixture of `{"original", "garbled", ...}` lines (the strict-codec ones), as pairs.
    static func fixturePairs(_ name: String) throws -> [(original: String, garbled: String)] {
        let text = String(decoding: try TestData.fixtureBytes("mojibake/\(name).jsonl"), as: UTF8.self)
        return try text.split(separator: "\n").map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            return (original: object["original"] as! String, garbled: object["garbled"] as! String)
        }
    }

    /// The character error rate (edit distance over the original's length) of the garbled
    /// lines and of their repairs, and how many repairs are exact.
    static func errorRates(_ pairs: [(original: String, garbled: String)]) throws -> (before: Double, after: Double, exact: Int) {
        let outputs = try repair(pairs.map(\.garbled))
        try #require(outputs.count == pairs.count)
        var before = 0, after = 0, length = 0, exact = 0
        for (item, output) in zip(pairs, outputs) {
            before += EditDistance.distance(item.garbled, item.original)
            after += EditDistance.distance(output, item.original)
            length += item.original.unicodeScalars.count
            if output == item.original { exact += 1 }
        }
        return (Double(before) / Double(length), Double(after) / Double(length), exact)
    }

    /// Expects the fixture `name` (150 cases of one reading) to have a character error rate
    /// over `before` as garbled and under `after` as repaired, with at least `exact` lines
    /// repaired exactly where a floor is given.
    static func expectFixture(_ name: String, before: Double, after: Double, exact: Int? = nil) throws {
        let pairs = try fixturePairs(name)
        try #require(pairs.count == 150)
        let rates = try errorRates(pairs)
        #expect(rates.before > before)
        #expect(rates.after < after, "\(name): character error rate \(rates.after)")
        if let exact { #expect(rates.exact >= exact, "\(name): \(rates.exact) of 150 exact") }
    }

    static func repair(_ lines: [String]) throws -> [String] {
        // One line per case: the transform works line by line, so cases stay apart.
        let input = lines.map { $0.replacingOccurrences(of: "\n", with: " ") }.joined(separator: "\n") + "\n"
        let result = try ChunkedRun.run(mojibake(), on: Array(input.utf8), chunking: .random(seed: 5, maxChunk: 9000), recordChanges: false)
        return String(decoding: result.output, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    /// Exact repairs of recoverable cases, per kind, must stay at or above these rates:
    /// the floor under what the repairer reaches, so that a change that loses repairs
    /// fails here. Raise them as the repairer improves.
    static let floors: [String: Double] = [
        "utf8-as-gbk": 0.9, "utf8-as-gb18030": 0.9,
        "utf8-as-latin1": 0.97, "utf8-as-cp1252": 0.97, "utf8-as-cp1252-x2": 0.97, "utf8-as-cp1252-x3": 0.97,
        "gbk-as-latin1": 0.97, "gbk-as-cp1252": 0.97, "gbk-as-cp1250": 0.97,
        "euckr-as-latin1": 0.97, "sjis-as-latin1": 0.97, "big5-as-gbk": 0.93, "gbk-as-big5": 0.96,
    ]

    @Test("recoverable cases are repaired exactly, at least as often as the floors say")
    func recoverableKinds() throws {
        let cases = try Self.cases().filter(\.recoverable)
        let outputs = try Self.repair(cases.map(\.garbled))
        try #require(outputs.count == cases.count)
        var byKind: [String: (exact: Int, total: Int)] = [:]
        for (item, output) in zip(cases, outputs) {
            byKind[item.kind, default: (0, 0)].total += 1
            if output == item.original { byKind[item.kind, default: (0, 0)].exact += 1 }
        }
        for (kind, floor) in Self.floors.sorted(by: { $0.key < $1.key }) {
            guard let counts = byKind[kind] else {
                Issue.record("no recoverable cases of \(kind)")
                continue
            }
            let rate = Double(counts.exact) / Double(counts.total)
            #expect(rate >= floor, "\(kind): \(counts.exact) of \(counts.total) exact")
        }
    }

    @Test("clean lines of every kind pass through unchanged")
    func cleanLines() throws {
        let text = String(decoding: try TestData.fixtureBytes("mojibake/clean.jsonl"), as: UTF8.self)
        let lines = try text.split(separator: "\n").enumerated().filter { $0.offset % Self.sample == 0 }.map { item in
            let object = try JSONSerialization.jsonObject(with: Data(item.element.utf8)) as! [String: Any]
            return (object["text"] as! String).replacingOccurrences(of: "\n", with: " ")
        }
        let outputs = try Self.repair(lines)
        let changed = zip(lines, outputs).filter { $0.0 != $0.1 }
        #expect(changed.isEmpty, "\(changed.prefix(5))")
    }

    @Test("misaligned streams: most of the text comes back, losses marked")
    func misalignedStreams() throws {
        let cases = try Self.cases().filter { $0.kind == "misaligned-gbk" }
        let rates = try Self.errorRates(cases.map { ($0.original, $0.garbled) })
        // The character error rate falls from over half to under 0.065.
        #expect(rates.before > 0.4)
        #expect(rates.after < 0.065, "character error rate \(rates.after)")
    }

    /// Character error rates that UTF-8 read by ICU's double-byte decoders must stay under:
    /// each "?" they wrote lost bytes, so only the rest comes back (the input is at 0.77–0.9;
    /// Big5 and Shift-JIS came down, by the suite runner's measure from 0.36 to 0.27 and
    /// from 0.22 to 0.14, when the characters across their "?" were guessed together).
    static let ceilings: [String: Double] = [
        "utf8-as-gbk": 0.03, "utf8-as-gb18030": 0.05, "utf8-as-big5": 0.33, "utf8-as-shift_jis": 0.16,
    ]

    @Test("UTF-8 read by ICU's double-byte decoders: the character error rate falls from over 0.7 under the ceilings", arguments: ceilings.keys.sorted())
    func lossyDoubleByteReadings(_ kind: String) throws {
        let cases = try Self.cases().filter { $0.kind == kind }
        try #require(cases.count >= 30)
        let rates = try Self.errorRates(cases.map { ($0.original, $0.garbled) })
        #expect(rates.before > 0.7)
        #expect(rates.after < Self.ceilings[kind]!, "character error rate \(rates.after)")
    }

    @Test("lossy cases keep their clean text: nothing outside the marks changes")
    func lossyKinds() throws {
        let cases = try Self.cases().filter { $0.kind.hasPrefix("lossy-") }
        let outputs = try Self.repair(cases.map(\.garbled))
        let unchanged = zip(cases, outputs).filter { $0.0.garbled.replacingOccurrences(of: "\n", with: " ") == $0.1 }.count
        #expect(unchanged == cases.count)
    }
}
