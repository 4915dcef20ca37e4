import FixTextIO
import FixTextTestSupport
import FixTextWARC
import Testing

@Suite("WARC reader and writer")
struct WARCReaderTests {
    static func record(_ id: Int, _ text: String, type: String = "conversion") -> WARCRecord {
        WARCRecord(fields: [
            .init("WARC-Type", type),
            .init("WARC-Target-URI", "http://example.cn/\(id)"),
            .init("WARC-Date", "2024-05-0\(id % 9 + 1)T00:00:00Z"),
            .init("WARC-Record-ID", "<urn:uuid:00000000-0000-0000-0000-00000000000\(id)>"),
            .init("Content-Type", "text/plain"),
        ], block: Array(text.utf8))
    }

    static let records = [record(1, "第一頁\n內容"), record(2, ""), record(3, "WARC/1.0 in the text\nthird\r\n\r\n")]

    struct Read {
        var records: [WARCRecord] = []
        var notes: [[String]] = []
        var problems: [String] = []
    }

    static func read(_ bytes: [UInt8], chunking: ChunkedRun.Chunking = .whole) throws -> Read {
        let reader = WARCReader()
        var result = Read()
        let emit: (WARCReader.Event) -> Void = { event in
            switch event {
            case .record(let record, let notes):
                result.records.append(record)
                result.notes.append(notes)
            case .problem(_, let message): result.problems.append(message)
            }
        }
        try bytes.withUnsafeBufferPointer { all in
            try chunking.forEachChunk(of: all) { try reader.feed($0, emit) }
        }
        try reader.finish(emit)
        return result
    }

    static func serialized(_ records: [WARCRecord]) -> [UInt8] {
        records.flatMap { WARCWriter.serialize($0) }
    }

    @Test("written records read back the same, whole, a byte at a time and in random pieces", arguments: [
        ChunkedRun.Chunking.whole, .byteAtATime, .random(seed: 1, maxChunk: 40),
    ])
    func roundTrip(chunking: ChunkedRun.Chunking) throws {
        let read = try Self.read(Self.serialized(Self.records), chunking: chunking)
        #expect(read.problems.isEmpty)
        #expect(read.records.map(\.block) == Self.records.map(\.block))
        #expect(read.records.map { $0["WARC-Target-URI"] } == Self.records.map { $0["WARC-Target-URI"] })
        #expect(read.notes.allSatisfy { $0.isEmpty })
        #expect(read.records[0]["content-length"] == String("第一頁\n內容".utf8.count))
        #expect(read.records[0]["WARC-Block-Digest"] == Base32.warcDigest(Array("第一頁\n內容".utf8)))
    }

    @Test("gzip: one member per record, and the members read back as one stream")
    func gzipMembers() throws {
        let writer = try WARCWriter(gzip: true)
        var out: [UInt8] = []
        var memberStarts: [Int] = []
        for record in Self.records {
            memberStarts.append(out.count)
            try writer.append(record, to: &out)
        }
        // Each member decompresses alone to exactly its record.
        for (k, start) in memberStarts.enumerated() {
            let end = k + 1 < memberStarts.count ? memberStarts[k + 1] : out.count
            let decompressor = try GzipDecompressor()
            var plain: [UInt8] = []
            try Array(out[start..<end]).withUnsafeBufferPointer { try decompressor.decompress($0, into: &plain) }
            #expect(decompressor.membersRead == 1)
            #expect(plain == WARCWriter.serialize(Self.records[k]))
        }
    }

    @Test("bare LF line endings are read")
    func bareLF() throws {
        let text = "WARC/1.0\nWARC-Type: conversion\nWARC-Target-URI: http://a.cn/\nContent-Length: 5\n\nhello\n\nWARC/1.0\nWARC-Type: conversion\nContent-Length: 2\n\nok\n\n"
        let read = try Self.read(Array(text.utf8), chunking: .byteAtATime)
        #expect(read.problems.isEmpty)
        #expect(read.records.map { String(decoding: $0.block, as: UTF8.self) } == ["hello", "ok"])
        #expect(read.records[0]["WARC-Target-URI"] == "http://a.cn/")
    }

    @Test("a wrong Content-Length, short or long, is not believed: the block runs to the next record", arguments: [3, 9, 40])
    func wrongLength(declared: Int) throws {
        var bytes = Self.serialized(Self.records)
        let wrong = Array("Content-Length: \(declared)\r\n".utf8)
        let right = Array("Content-Length: \("第一頁\n內容".utf8.count)\r\n".utf8)
        let at = bytes.firstRange(of: right)!
        bytes.replaceSubrange(at, with: wrong)
        let read = try Self.read(bytes, chunking: .random(seed: 3, maxChunk: 17))
        #expect(read.problems.isEmpty)
        #expect(read.records.map(\.block) == Self.records.map(\.block))
        #expect(read.notes[0].first?.contains("Content-Length \(declared) was wrong") == true)
    }

    @Test("garbage between records is skipped and reported; the records around it are read")
    func garbage() throws {
        var bytes = WARCWriter.serialize(Self.records[0])
        bytes += Array("this is not a record\nnor this\n".utf8)
        bytes += WARCWriter.serialize(Self.records[2])
        let read = try Self.read(bytes, chunking: .byteAtATime)
        #expect(read.records.map(\.block) == [Self.records[0].block, Self.records[2].block])
        #expect(read.problems.count == 1)
        #expect(read.problems.first?.contains("not a WARC record") == true)
    }

    @Test("a record cut off by the end of the file is reported, not returned")
    func truncated() throws {
        var bytes = Self.serialized(Array(Self.records[0...1]))
        let last = WARCWriter.serialize(Self.record(9, String(repeating: "長文本", count: 100)))
        bytes += last[..<(last.count - 200)]
        let read = try Self.read(bytes, chunking: .random(seed: 5, maxChunk: 64))
        #expect(read.records.count == 2)
        #expect(read.problems.count == 1)
        #expect(read.problems.first?.contains("runs past the end of the input") == true)
        // A header cut off is reported too.
        let cut = try Self.read(Self.serialized([Self.records[0]]) + Array("WARC/1.0\r\nWARC-Type: conv".utf8))
        #expect(cut.records.count == 1)
        #expect(cut.problems.first?.contains("header cut off") == true)
    }

    @Test("a record without Content-Length runs to the next record, with a note")
    func noLength() throws {
        let text = "WARC/1.0\r\nWARC-Type: conversion\r\n\r\nno length here\r\n\r\nWARC/1.0\r\nWARC-Type: conversion\r\nContent-Length: 2\r\n\r\nok\r\n\r\n"
        let read = try Self.read(Array(text.utf8))
        #expect(read.records.map { String(decoding: $0.block, as: UTF8.self) } == ["no length here", "ok"])
        #expect(read.notes[0].contains { $0.contains("no usable Content-Length") })
    }

    @Test("a discontinuity (damaged compressed data skipped) drops the record cut off by it, with a report")
    func discontinuity() throws {
        let reader = WARCReader()
        var blocks: [[UInt8]] = []
        var problems: [String] = []
        let emit: (WARCReader.Event) -> Void = {
            if case .record(let r, _) = $0 { blocks.append(r.block) }
            if case .problem(_, let m) = $0 { problems.append(m) }
        }
        let first = WARCWriter.serialize(Self.records[0])
        let cut = WARCWriter.serialize(Self.record(8, String(repeating: "長", count: 50)))
        let next = WARCWriter.serialize(Self.records[2])
        try (first + cut[..<60]).withUnsafeBufferPointer { try reader.feed($0, emit) }
        try reader.discontinuity(emit)
        try next.withUnsafeBufferPointer { try reader.feed($0, emit) }
        try reader.finish(emit)
        #expect(blocks == [Self.records[0].block, Self.records[2].block])
        #expect(problems == ["record cut off by damaged compressed data; skipped"])
    }

    @Test("a record over the size limit is skipped and reported, and reading goes on")
    func oversized() throws {
        let big = Self.record(4, String(repeating: "x", count: 5000))
        let bytes = Self.serialized([Self.records[0], big, Self.records[2]])
        let reader = WARCReader(maxRecordBytes: 1000)
        var blocks: [[UInt8]] = []
        var problems: [String] = []
        let emit: (WARCReader.Event) -> Void = {
            if case .record(let r, _) = $0 { blocks.append(r.block) }
            if case .problem(_, let m) = $0 { problems.append(m) }
        }
        try bytes.withUnsafeBufferPointer { all in
            var i = 0
            while i < all.count {
                let end = min(all.count, i + 100)
                try reader.feed(UnsafeBufferPointer(rebasing: all[i..<end]), emit)
                i = end
            }
        }
        try reader.finish(emit)
        #expect(blocks == [Self.records[0].block, Self.records[2].block])
        #expect(problems.count == 1 && problems[0].contains("longer than the limit"))
    }
}

@Suite("JSONL text field")
struct JSONLFieldTests {
    static func locate(_ line: String, _ field: String = "text") throws -> (range: Range<Int>, value: [UInt8])? {
        try Array(line.utf8).withUnsafeBufferPointer { try JSONLField.locate(field, in: $0) }
    }

    @Test("finds the top-level field past nested values and escapes, and decodes it")
    func finds() throws {
        let line = #"{"meta": {"text": "inner", "a": [1, "x\"}"]}, "n": -1.5e3, "ok": true, "text": "第一\n\"引號\" \u00e9\ud83d\ude00\\", "z": null}"#
        let found = try #require(try Self.locate(line))
        #expect(String(decoding: found.value, as: UTF8.self) == "第一\n\"引號\" é😀\\")
        let bytes = Array(line.utf8)
        #expect(bytes[found.range.lowerBound] == UInt8(ascii: "\"") && bytes[found.range.upperBound - 1] == UInt8(ascii: "\""))
        #expect(String(decoding: bytes[found.range.upperBound...], as: UTF8.self) == #", "z": null}"#)
    }

    @Test("encoding the decoded value gives a literal that decodes back to it")
    func encodes() throws {
        let value = Array("a\"b\\c\nd\te\u{1}中".utf8)
        var literal: [UInt8] = []
        value.withUnsafeBufferPointer { JSONLField.encodeString($0, into: &literal) }
        #expect(String(decoding: literal, as: UTF8.self) == #""a\"b\\c\nd\te\u0001中""#)
        let line = "{\"text\":" + String(decoding: literal, as: UTF8.self) + "}"
        #expect(try Self.locate(line)?.value == value)
    }

    @Test("no field, not an object, not a string, broken")
    func failures() throws {
        #expect(try Self.locate(#"{"title": "x"}"#) == nil)
        #expect(try Self.locate("{}") == nil)
        #expect(throws: JSONLField.Failure.notAnObject) { try Self.locate("[1]") }
        #expect(throws: JSONLField.Failure.notAString) { try Self.locate(#"{"text": 3}"#) }
        #expect(throws: (any Error).self) { try Self.locate(#"{"text": "unterminated}"#) }
    }
}
