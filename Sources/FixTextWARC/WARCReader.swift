#if canImport(Glibc)
import Glibc
#endif

/// Reads WARC records from (decompressed) bytes fed in pieces of any size, in memory
/// bounded by the largest record it accepts.
///
/// Lenient, as real crawl files are messy:
/// - header lines may end in LF alone, and records may be followed by any mix of CR and LF;
/// - a Content-Length that does not land on the end of the record (the next `WARC/` line,
///   or the end of the file) is not believed: the block runs to the next record instead,
///   and the record comes with a note;
/// - a record without a usable Content-Length is taken the same way;
/// - bytes that do not start a record (no `WARC/` version line) are skipped up to the next
///   line that does, and reported;
/// - a record cut off by the end of the file (Content-Length past the end, a header never
///   finished) is reported and not returned: its end is lost, and a record that claims to
///   be whole but is not would be worse;
/// - a record longer than `maxRecordBytes` is reported and skipped.
public final class WARCReader {
    public enum Event {
        /// A record; `notes` says what was lenient about it (wrong Content-Length…).
        case record(WARCRecord, notes: [String])
        /// Bytes that are not a usable record, skipped; `offset` is in the decompressed stream.
        case problem(offset: Int, message: String)
    }

    public let maxRecordBytes: Int
    public let maxHeaderBytes = 1 << 20
    private var buffer: [UInt8] = []
    private var start = 0
    /// The stream offset of `buffer[0]`.
    private var base = 0
    /// Bytes still to discard from an oversized record.
    private var skipRemaining = 0

    public init(maxRecordBytes: Int = 256 << 20) {
        self.maxRecordBytes = maxRecordBytes
    }

    /// Feeds the next piece of input; complete records and problems go to `emit`.
    public func feed(_ chunk: UnsafeBufferPointer<UInt8>, _ emit: (Event) throws -> Void) throws {
        var chunk = chunk
        if skipRemaining > 0 {
            let n = min(skipRemaining, chunk.count)
            skipRemaining -= n
            base += n
            chunk = UnsafeBufferPointer(rebasing: chunk[n...])
            if chunk.isEmpty { return }
        }
        buffer.append(contentsOf: chunk)
        try parse(isEnd: false, emit)
        compact()
    }

    /// Says that bytes are missing before the next piece (damaged compressed data was
    /// skipped): the record being read is cut off, and is reported and dropped.
    public func discontinuity(_ emit: (Event) throws -> Void) throws {
        skipRemaining = 0
        if start < buffer.count && buffer[start...].contains(where: { !isNewline($0) }) {
            try emit(.problem(offset: base + start, message: "record cut off by damaged compressed data; skipped"))
        }
        base += buffer.count
        buffer = []
        start = 0
    }

    /// Ends the input: whatever is left is a last record, or reported.
    public func finish(_ emit: (Event) throws -> Void) throws {
        try parse(isEnd: true, emit)
        buffer = []
        start = 0
    }

    private func compact() {
        guard start > 0, start >= (1 << 16) || start * 2 >= buffer.count else { return }
        buffer.removeSubrange(0..<start)
        base += start
        start = 0
    }

    private func hasMagic(at i: Int) -> Bool {
        buffer.withUnsafeBufferPointer { Self.hasMagic($0, at: i) }
    }

    /// Whether "WARC/" starts at `i`.
    private static func hasMagic(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        guard bytes.count - i >= 5 else { return false }
        return bytes[i] == 0x57 && bytes[i + 1] == 0x41 && bytes[i + 2] == 0x52 && bytes[i + 3] == 0x43 && bytes[i + 4] == 0x2F
    }

    private func isNewline(_ byte: UInt8) -> Bool { byte == 10 || byte == 13 }

    private func parse(isEnd: Bool, _ emit: (Event) throws -> Void) throws {
        while true {
            while start < buffer.count && isNewline(buffer[start]) { start += 1 }
            if start == buffer.count { return }
            if buffer.count - start < 5 && !isEnd { return }
            guard hasMagic(at: start) else {
                if let next = nextRecordStart(after: start) {
                    try emit(.problem(offset: base + start, message: "\(next - start) bytes that are not a WARC record skipped"))
                    start = next
                    continue
                }
                if isEnd {
                    try emit(.problem(offset: base + start, message: "\(buffer.count - start) bytes at the end that are not a WARC record skipped"))
                    start = buffer.count
                } else if buffer.count - start > maxHeaderBytes {
                    let keep = 8
                    try emit(.problem(offset: base + start, message: "\(buffer.count - start - keep) bytes that are not a WARC record skipped"))
                    start = buffer.count - keep
                }
                return
            }
            guard let (headerEnd, blockStart) = findHeaderEnd(from: start) else {
                if isEnd {
                    try emit(.problem(offset: base + start, message: "record header cut off by the end of the input; skipped"))
                    start = buffer.count
                } else if buffer.count - start > maxHeaderBytes {
                    try emit(.problem(offset: base + start, message: "record header longer than \(maxHeaderBytes) bytes; skipped"))
                    start = nextRecordStart(after: start) ?? buffer.count
                    continue
                }
                return
            }
            var (version, fields, notes) = parseHeader(start..<headerEnd)
            let declared = fields.first { $0.name.lowercased() == "content-length" }.flatMap { Int($0.value) }
            if declared == nil { notes.append("no usable Content-Length; the block runs to the next record") }
            if let declared, declared > maxRecordBytes {
                try emit(.problem(offset: base + start, message: "record of \(declared) bytes is longer than the limit of \(maxRecordBytes); skipped"))
                let end = blockStart + declared
                if end <= buffer.count {
                    start = end
                    continue
                }
                skipRemaining = end - buffer.count
                start = buffer.count
                return
            }
            var blockEnd: Int?
            if let declared {
                switch boundaryCheck(at: blockStart + declared, isEnd: isEnd) {
                case .ok: blockEnd = blockStart + declared
                case .needMore: return
                case .bad: break
                }
            }
            var next = blockEnd ?? 0
            if blockEnd == nil {
                if let found = nextRecordStart(after: blockStart - 1) {
                    next = found
                    blockEnd = trimTrailingNewlines(blockStart, found)
                } else if isEnd {
                    if let declared, blockStart + declared > buffer.count {
                        try emit(.problem(offset: base + start, message: "Content-Length \(declared) runs past the end of the input (\(buffer.count - blockStart) bytes there): record cut off; skipped"))
                        start = buffer.count
                        return
                    }
                    next = buffer.count
                    blockEnd = trimTrailingNewlines(blockStart, buffer.count)
                } else {
                    if buffer.count - blockStart > maxRecordBytes {
                        try emit(.problem(offset: base + start, message: "record longer than the limit of \(maxRecordBytes) bytes; skipped"))
                        start = buffer.count
                    }
                    return
                }
                if let declared { notes.append("Content-Length \(declared) was wrong: the block has \(blockEnd! - blockStart) bytes") }
            }
            let record = WARCRecord(version: version, fields: fields, block: Array(buffer[blockStart..<blockEnd!]), offset: base + start)
            start = next
            try emit(.record(record, notes: notes))
        }
    }

    private enum Boundary { case ok, needMore, bad }

    /// Whether a record may end at `end`: up to four CR/LF, then the end or `WARC/`.
    private func boundaryCheck(at end: Int, isEnd: Bool) -> Boundary {
        if end > buffer.count { return isEnd ? .bad : .needMore }
        var i = end
        var n = 0
        while i < buffer.count && n < 4 && isNewline(buffer[i]) {
            i += 1
            n += 1
        }
        if i == buffer.count { return isEnd ? .ok : .needMore }
        if buffer.count - i < 5 { return isEnd ? .bad : .needMore }
        if hasMagic(at: i) { return .ok }
        // Exactly the CRLF CRLF that ends a record, then something else: the length is
        // right, and what follows is damage of its own (reported when it is read).
        if n == 4 && buffer[end] == 13 && buffer[end + 1] == 10 && buffer[end + 2] == 13 && buffer[end + 3] == 10 { return .ok }
        return .bad
    }

    private func trimTrailingNewlines(_ from: Int, _ to: Int) -> Int {
        var end = to
        var n = 0
        while end > from && n < 4 && isNewline(buffer[end - 1]) {
            end -= 1
            n += 1
        }
        return end
    }

    /// The start of the next line after `after` that begins a record, preceded by a blank
    /// line (or at least a line end).
    private func nextRecordStart(after: Int) -> Int? {
        var i = max(after, start)
        let count = buffer.count
        return buffer.withUnsafeBufferPointer { bytes -> Int? in
            while i < count {
                guard let found = memchr(bytes.baseAddress! + i, 10, count - i) else { return nil }
                let lf = bytes.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
                let candidate = lf + 1
                if count - candidate < 5 { return nil }
                if Self.hasMagic(bytes, at: candidate) { return candidate }
                i = candidate
            }
            return nil
        }
    }

    /// The end of the header (the blank line) and the start of the block.
    private func findHeaderEnd(from: Int) -> (Int, Int)? {
        let count = buffer.count
        return buffer.withUnsafeBufferPointer { bytes -> (Int, Int)? in
            var i = from
            while i < count {
                guard let found = memchr(bytes.baseAddress! + i, 10, count - i) else { return nil }
                let lf = bytes.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if lf + 1 < count && bytes[lf + 1] == 10 { return (lf + 1, lf + 2) }
                if lf + 2 < count && bytes[lf + 1] == 13 && bytes[lf + 2] == 10 { return (lf + 1, lf + 3) }
                if lf + 2 >= count { return nil }
                i = lf + 1
            }
            return nil
        }
    }

    private func parseHeader(_ range: Range<Int>) -> (String, [WARCRecord.Field], [String]) {
        var lines: [String] = []
        var lineStart = range.lowerBound
        for i in range where buffer[i] == 10 {
            var end = i
            if end > lineStart && buffer[end - 1] == 13 { end -= 1 }
            lines.append(String(decoding: buffer[lineStart..<end], as: UTF8.self))
            lineStart = i + 1
        }
        if lineStart < range.upperBound {
            lines.append(String(decoding: buffer[lineStart..<range.upperBound], as: UTF8.self))
        }
        let version = lines.first.map { $0.trimmingSpaces } ?? "WARC/1.0"
        var fields: [WARCRecord.Field] = []
        var notes: [String] = []
        for line in lines.dropFirst() where !line.isEmpty {
            if line.first == " " || line.first == "\t", !fields.isEmpty {
                fields[fields.count - 1].value += " " + line.trimmingSpaces
            } else if let colon = line.firstIndex(of: ":") {
                fields.append(WARCRecord.Field(String(line[..<colon]).trimmingSpaces, String(line[line.index(after: colon)...]).trimmingSpaces))
            } else {
                notes.append("header line without a colon ignored: \(line.prefix(80))")
            }
        }
        return (version, fields, notes)
    }
}

extension String {
    var trimmingSpaces: String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
