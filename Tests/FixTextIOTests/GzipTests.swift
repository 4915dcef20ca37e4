import FixTextCore
import FixTextIO
import FixTextTestSupport
import Testing

@Suite struct GzipTests {
    static let text = GzipSample.text(megabytes: 3)

    @Test func roundTripOfMegabytesOfChineseText() throws {
        let compressed = try GzipSample.gzip([Self.text])
        #expect(compressed.count < Self.text.count / 4)
        #expect(compressed.prefix(3) == [0x1F, 0x8B, 0x08])
        #expect(try GzipSample.gunzip(compressed) == Self.text)
    }

    @Test(arguments: [0, 1, 9])
    func everyLevelRoundTrips(level: Int) throws {
        let sample = Array(Self.text.prefix(200_000))
        #expect(try GzipSample.gunzip(GzipSample.gzip([sample], level: level)) == sample)
    }

    @Test func compressingInPiecesEqualsCompressingAtOnce() throws {
        let compressor = try GzipCompressor()
        var output: [UInt8] = []
        var generator = SplitMix64(seed: 3)
        try Self.text.withUnsafeBufferPointer { all in
            var position = 0
            while position < all.count {
                let size = min(Int(generator.next() % 100_000), all.count - position)
                let chunk = UnsafeBufferPointer(rebasing: all[position..<position + size])
                try compressor.compress(chunk, into: &output)
                position += size
            }
        }
        try compressor.finishMember(into: &output)
        #expect(output == (try GzipSample.gzip([Self.text])))
    }

    @Test func decompressingOneByteAtATime() throws {
        let compressed = try GzipSample.gzip([Self.text])
        let decompressor = try GzipDecompressor()
        var output: [UInt8] = []
        try compressed.withUnsafeBufferPointer { all in
            for index in all.indices {
                try decompressor.decompress(
                    UnsafeBufferPointer(rebasing: all[index..<index + 1]), into: &output)
            }
        }
        try decompressor.finish()
        #expect(output == Self.text)
        #expect(decompressor.membersRead == 1)
    }

    @Test(arguments: [1 as UInt64, 2, 3])
    func decompressingInRandomChunks(seed: UInt64) throws {
        // Two members, so that chunks also straddle the boundary between them.
        let members = [Array(Self.text.prefix(1_000_000)), Array(Self.text.suffix(500_000))]
        let compressed = try GzipSample.gzip(members)
        let decompressor = try GzipDecompressor()
        var output: [UInt8] = []
        var generator = SplitMix64(seed: seed)
        try compressed.withUnsafeBufferPointer { all in
            var position = 0
            while position < all.count {
                let size = min(Int(generator.next() % 5000), all.count - position)
                try decompressor.decompress(
                    UnsafeBufferPointer(rebasing: all[position..<position + size]), into: &output)
                position += size
            }
        }
        try decompressor.finish()
        #expect(output == members[0] + members[1])
        #expect(decompressor.membersRead == 2)
    }

    @Test func membersAreIndependentlyDecompressible() throws {
        let records = ["第一条记录：用户数据", "第二条记录：乱码修复", "", "第四条：繁體中文"]
            .map { Array($0.utf8) }
        let compressor = try GzipCompressor()
        var whole: [UInt8] = []
        var memberRanges: [Range<Int>] = []
        for record in records {
            let start = whole.count
            try record.withUnsafeBufferPointer { try compressor.compress($0, into: &whole) }
            try compressor.finishMember(into: &whole)
            memberRanges.append(start..<whole.count)
        }
        for (record, range) in zip(records, memberRanges) {
            #expect(try GzipSample.gunzip(Array(whole[range])) == record)
        }
        #expect(try GzipSample.gunzip(whole) == records.flatMap { $0 })
    }

    @Test(.enabled(if: GzipSample.hasGzipTool))
    func gzipToolReadsOurMembersAndWeReadItsOutput() throws {
        let members = [Array(Self.text.prefix(300_000)), Array("尾部记录\n".utf8)]
        let ours = try GzipSample.gzip(members)
        #expect(try GzipSample.runGzipTool(["-dc"], input: ours) == members[0] + members[1])

        let theirs = try GzipSample.runGzipTool(["-c"], input: members[0])
        #expect(try GzipSample.gunzip(theirs + theirs) == members[0] + members[0])
    }

    @Test func truncatedInputIsReportedAtFinish() throws {
        let compressed = try GzipSample.gzip([Array(Self.text.prefix(100_000))])
        // Inside the header, inside the deflate data, inside the 8-byte trailer.
        for cut in [5, compressed.count / 2, compressed.count - 3] {
            let decompressor = try GzipDecompressor()
            var output: [UInt8] = []
            try Array(compressed.prefix(cut)).withUnsafeBufferPointer {
                try decompressor.decompress($0, into: &output)
            }
            #expect(throws: CompressionError.truncated) { try decompressor.finish() }
        }
        // A complete member followed by part of another is truncated too.
        let two = compressed + compressed.prefix(20)
        let decompressor = try GzipDecompressor()
        var output: [UInt8] = []
        try two.withUnsafeBufferPointer { try decompressor.decompress($0, into: &output) }
        #expect(output == Array(Self.text.prefix(100_000)))
        #expect(throws: CompressionError.truncated) { try decompressor.finish() }
    }

    @Test func garbageIsCorrupt() throws {
        let notGzip = Array("这不是gzip数据，只是普通文本。".utf8)
        let error = #expect(throws: CompressionError.self) { try GzipSample.gunzip(notGzip) }
        guard case .corrupt(let detail) = error else {
            Issue.record("expected .corrupt, got \(String(describing: error))")
            return
        }
        #expect(detail.contains("incorrect header check"))
        #expect(error?.exitStatus == .ioFailure)
        #expect(error?.description.hasPrefix("corrupt gzip data: ") == true)
    }

    @Test func damagedDataIsCorrupt() throws {
        var compressed = try GzipSample.gzip([Array(Self.text.prefix(50_000))])
        compressed[compressed.count - 6] ^= 0xFF  // a byte of the CRC-32 in the trailer
        let error = #expect(throws: CompressionError.self) { try GzipSample.gunzip(compressed) }
        #expect(error?.description.contains("incorrect data check") == true)

        // Garbage after a complete member is not silently ignored.
        let trailing = try GzipSample.gzip([Array("中文".utf8)]) + [0x41, 0x42]
        #expect(throws: CompressionError.self) { try GzipSample.gunzip(trailing) }
    }

    @Test func emptyInputIsNoMembers() throws {
        #expect(try GzipSample.gunzip([]).isEmpty)
        // An empty member is valid gzip too.
        let emptyMember = try GzipSample.gzip([[]])
        #expect(emptyMember.count == 20)
        #expect(try GzipSample.gunzip(emptyMember).isEmpty)
    }

    @Test func invalidLevelIsRejected() {
        #expect(throws: CompressionError.self) { try GzipCompressor(level: 12) }
        #expect(throws: CompressionError.self) { try GzipCompressor(level: -1) }
    }
}
