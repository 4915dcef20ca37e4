import FixTextIO
import FixTextWARC

/// Reading the inputs: gzip with recovery from damage, and the documents of an input for
/// counting repeated lines.
extension BulkFileJob {
    /// Calls `body` with (host, text) of each document of `input`, for counting repeated
    /// lines: WARC text records (decoded from their charset) and JSONL text fields. Text
    /// files and unreadable records are not counted.
    static func forEachDocument(_ input: BulkInput, settings: BulkSettings, cleaner: RecordCleaner, _ body: (String, UnsafeBufferPointer<UInt8>) -> Void) throws {
        let decoder = try InputDecoder(try FileInput(path: input.path), encoding: nil, strict: false)
        switch input.format {
        case .text:
            return
        case .warc:
            let reader = WARCReader(maxRecordBytes: settings.maxRecordBytes)
            func emit(_ event: WARCReader.Event) {
                guard case .record(let record, _) = event, let text = cleaner.text(of: record) else { return }
                let host = RepeatedLines.host(of: record["WARC-Target-URI"])
                text.withUnsafeBufferPointer { body(host, $0) }
            }
            do {
                try decoder.forEachChunk { chunk in try reader.feed(chunk, emit) }
            } catch is CompressionError {}
            try reader.finish(emit)
        case .jsonl:
            var carry: [UInt8] = []
            func line(_ line: [UInt8]) {
                guard let found = try? line.withUnsafeBufferPointer({ try JSONLField.locate(settings.textField, in: $0) }) else { return }
                let host = RepeatedLines.host(of: RecordCleaner.stringField(settings.urlField, in: line))
                found.value.withUnsafeBufferPointer { body(host, $0) }
            }
            do {
                try decoder.forEachChunk { chunk in
                    var start = 0
                    for i in 0..<chunk.count where chunk[i] == 10 {
                        carry += chunk[start..<i]
                        if carry.count <= settings.maxRecordBytes { line(carry) }
                        carry.removeAll(keepingCapacity: true)
                        start = i + 1
                    }
                    carry += chunk[start...]
                }
            } catch is CompressionError {}
            if !carry.isEmpty && carry.count <= settings.maxRecordBytes { line(carry) }
        }
    }

    /// Reads the input, decompressed. Damaged gzip data is reported and skipped up to the
    /// next gzip member (a WARC.gz has one per record), where reading resumes after
    /// `onGap`; a file cut off inside a member is reported.
    func readDecompressed(onGap: () throws -> Void = {}, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        let file = try FileInput(path: input.path)
        guard gzip else {
            func pass(_ chunk: UnsafeBufferPointer<UInt8>) throws {
                if input.isStandardStream { stats.bytesIn += chunk.count }
                progress.add(bytes: chunk.count)
                try body(chunk)
            }
            // Standard input is looked at for the gzip magic, as InputDecoder does: a pipe
            // may deliver a single byte first, so the first bytes are held back until
            // there are two.
            var sniffing = input.isStandardStream
            var head: [UInt8] = []
            while try file.read({ chunk in
                guard sniffing else { return try pass(chunk) }
                head += chunk
                guard head.count >= 2 else { return }
                sniffing = false
                if GzipDecompressor.startsWithMagic(head) {
                    throw IOErrorMessage("standard input is gzip data; --stdin-format reads it uncompressed (pipe it through 'gzip -dc')")
                }
                try head.withUnsafeBufferPointer(pass)
            }) {}
            if !head.isEmpty && sniffing { try head.withUnsafeBufferPointer(pass) }
            return
        }
        var decompressor = try GzipDecompressor()
        var out: [UInt8] = []
        var fileOffset = 0
        /// Where the current decompressor started, in the file.
        var decompressorStart = 0
        /// Where the damaged member began, in the file.
        var damageStart = 0
        var resyncing = false
        var carry: [UInt8] = []
        while try file.read({ chunk in
            let data = carry + Array(chunk)
            let dataOffset = fileOffset - carry.count
            carry = []
            fileOffset += chunk.count
            var at = 0
            while at < data.count {
                if resyncing {
                    guard let found = Self.findMemberHeader(data, from: at) else {
                        // Keep the last bytes: a header may straddle two reads.
                        carry = Array(data[max(at, data.count - 2)...])
                        return
                    }
                    stats.problem("gzip: skipped \(dataOffset + found - damageStart) damaged bytes; reading resumes at the gzip member at byte \(dataOffset + found)")
                    resyncing = false
                    decompressor = try GzipDecompressor()
                    decompressorStart = dataOffset + found
                    at = found
                    try onGap()
                }
                out.removeAll(keepingCapacity: true)
                do {
                    try data[at...].withUnsafeBufferPointer { try decompressor.decompress($0, into: &out) }
                    at = data.count
                } catch let error as CompressionError {
                    // The next member may begin anywhere after the damaged one's start
                    // (zlib may have read into it): look from there, as far back as the
                    // bytes at hand go.
                    damageStart = decompressorStart + decompressor.memberStart
                    stats.problem("gzip: \(error) in the member at byte \(damageStart)")
                    resyncing = true
                    at = min(data.count, max(at, damageStart + 1 - dataOffset))
                }
                if !out.isEmpty {
                    progress.add(bytes: out.count)
                    try out.withUnsafeBufferPointer(body)
                }
            }
        }) {}
        if !resyncing {
            do {
                try decompressor.finish()
            } catch {
                stats.problem("gzip: \(error); the end of the file is lost")
            }
        }
    }

    /// The next gzip member header (1F 8B 08) at or after `from`.
    static func findMemberHeader(_ data: [UInt8], from: Int) -> Int? {
        var i = from
        while i + 2 < data.count {
            if data[i] == 0x1F && data[i + 1] == 0x8B && data[i + 2] == 0x08 { return i }
            i += 1
        }
        return nil
    }
}
