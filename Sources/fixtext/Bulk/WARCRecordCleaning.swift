import FoundationEssentials
import FixTextCore
import FixTextWARC

/// What happens to each WARC record:
/// - `conversion` records (WET), and `resource` records with a text/plain Content-Type:
///   the block is the text;
/// - `response` records whose HTTP payload is text/plain (not compressed, not chunked):
///   the payload is the text, and the HTTP header stays, with its Content-Length updated;
/// - every other record (warcinfo, request, metadata, HTML responses…) is written as it
///   was.
/// A text in a declared charset other than UTF-8 (HTTP Content-Type, or the record's own)
/// is decoded with ICU and the charset parameter becomes utf-8. A text that looks binary,
/// or that is not UTF-8 and declares no charset, is written unchanged and reported.
///
/// A record whose block changed is a new record, and gets a new WARC-Record-ID: a UUID
/// made from the old ID and the new block's digest (the same on every run, so a rerun
/// gives the same bytes), with the old ID kept in WARC-Fixtext-Original-Record-ID. A
/// record that did not change keeps its ID. Content-Length and WARC-Block-Digest are
/// always recomputed; WARC-Payload-Digest is recomputed when present.
extension RecordCleaner {
    enum RecordOutcome {
        case write(WARCRecord)
        case dropped
    }

    /// Where a record's text is, if it has one: after `headerEnd` bytes of HTTP header,
    /// in `charset` when one is declared.
    static func textPlace(of record: WARCRecord) -> (headerEnd: Int, charset: String?)? {
        let contentType = (record["Content-Type"] ?? "").lowercased()
        switch record.type {
        case "conversion":
            return (0, charset(in: contentType))
        case "resource" where contentType.hasPrefix("text/plain") || contentType.isEmpty:
            return (0, charset(in: contentType))
        case "response" where contentType.hasPrefix("application/http"):
            guard let http = HTTPHeader(record.block), http.isPlainText else { return nil }
            return (http.end, http.charset)
        default:
            return nil
        }
    }

    /// The record's text as UTF-8, for counting repeated lines; nil when it has none or
    /// it cannot be decoded.
    func text(of record: WARCRecord) -> [UInt8]? {
        guard let (headerEnd, charset) = Self.textPlace(of: record) else { return nil }
        let text = Array(record.block[headerEnd...])
        guard let charset, !Self.isUTF8(charset) else { return text }
        return decode(text, charset: charset)?.utf8
    }

    static func isUTF8(_ charset: String) -> Bool { ["utf-8", "utf8", "us-ascii", "ascii"].contains(charset) }

    func process(_ record: WARCRecord, stats: inout BulkStats) throws -> RecordOutcome {
        var record = record
        let where_ = "record at byte \(record.offset) (\(record["WARC-Target-URI"] ?? "no URI"))"
        guard let (headerEnd, charset) = Self.textPlace(of: record) else {
            stats.recordsNotText += 1
            return .write(record)
        }
        var text = Array(record.block[headerEnd...])
        var decoded = false
        if let charset, !Self.isUTF8(charset) {
            guard let (utf8, invalid) = decode(text, charset: charset) else {
                stats.recordsPassedThrough += 1
                stats.problem("\(where_): unknown charset '\(charset)'; written unchanged")
                return .write(record)
            }
            if invalid > 0 {
                stats.problem("\(where_): \(invalid) sequences not valid \(charset) became U+FFFD")
            }
            text = utf8
            decoded = true
            stats.recordsDecoded += 1
        }
        // The host is only needed to look up repeated lines.
        let host = repeated == nil ? "" : RepeatedLines.host(of: record["WARC-Target-URI"])
        let outcome = try text.withUnsafeBufferPointer { try clean($0, host: host, stats: &stats) }
        switch outcome {
        case .refused(let reason):
            stats.recordsPassedThrough += 1
            stats.problem("\(where_): \(reason); written unchanged")
            return .write(record)
        case .emptied:
            stats.recordsDropped += 1
            return .dropped
        case .cleaned(let cleaned, let changed):
            guard changed || decoded else { return .write(record) }
            stats.recordsChanged += 1
            var block: [UInt8]
            if headerEnd > 0 {
                block = HTTPHeader.rewritten(Array(record.block[..<headerEnd]), payloadLength: cleaned.count, utf8: decoded)
            } else {
                block = []
                if decoded, let value = record["Content-Type"] { record.set("Content-Type", Self.settingUTF8(value)) }
            }
            block += cleaned
            if record["WARC-Payload-Digest"] != nil {
                record.set("WARC-Payload-Digest", Base32.warcDigest(cleaned))
            }
            record.block = block
            if let old = record["WARC-Record-ID"] {
                if record["WARC-Fixtext-Original-Record-ID"] == nil {
                    record.fields.append(.init("WARC-Fixtext-Original-Record-ID", old))
                }
                record.set("WARC-Record-ID", RecordID.derived(from: old + "\n" + Base32.warcDigest(block)))
            }
            return .write(record)
        }
    }

    /// The charset parameter of a Content-Type value, lower-cased.
    static func charset(in contentType: String) -> String? {
        guard let range = contentType.firstRange(of: "charset=") else { return nil }
        let rest = contentType[range.upperBound...]
        let value = rest.prefix { $0 != ";" && $0 != " " }.trimmingCharacters(in: "\"'")
        return value.isEmpty ? nil : value.lowercased()
    }

    static func settingUTF8(_ contentType: String) -> String {
        guard let range = contentType.firstRange(of: /charset=/.ignoresCase()) else { return contentType }
        let end = contentType[range.upperBound...].firstIndex { $0 == ";" || $0 == " " } ?? contentType.endIndex
        var result = contentType
        result.replaceSubrange(range.upperBound..<end, with: "utf-8")
        return result
    }
}

/// The HTTP header at the start of a response record's block.
struct HTTPHeader {
    /// Where the payload starts.
    var end: Int
    var contentType = ""
    var encoded = false

    init?(_ block: [UInt8]) {
        var i = 0
        var lineStart = 0
        var lines: [String] = []
        while i < block.count {
            if block[i] == 10 {
                var lineEnd = i
                if lineEnd > lineStart && block[lineEnd - 1] == 13 { lineEnd -= 1 }
                if lineEnd == lineStart {
                    end = i + 1
                    for line in lines.dropFirst() {
                        guard let colon = line.firstIndex(of: ":") else { continue }
                        let name = line[..<colon].lowercased().trimmingCharacters(in: " \t")
                        let value = line[line.index(after: colon)...].trimmingCharacters(in: " \t").lowercased()
                        if name == "content-type" { contentType = value }
                        if name == "content-encoding" && value != "identity" { encoded = true }
                        if name == "transfer-encoding" && value != "identity" { encoded = true }
                    }
                    guard lines.first?.hasPrefix("HTTP/") == true else { return nil }
                    return
                }
                lines.append(String(decoding: block[lineStart..<lineEnd], as: UTF8.self))
                lineStart = i + 1
            }
            i += 1
            if i > 65536 { return nil }
        }
        return nil
    }

    var isPlainText: Bool { !encoded && contentType.hasPrefix("text/plain") }
    var charset: String? { RecordCleaner.charset(in: contentType) }

    /// The header with Content-Length set to the new payload's length and, after
    /// decoding, the charset set to utf-8. Other lines stay byte for byte.
    static func rewritten(_ header: [UInt8], payloadLength: Int, utf8: Bool) -> [UInt8] {
        var out: [UInt8] = []
        var lineStart = 0
        for i in header.indices where header[i] == 10 {
            let line = header[lineStart...i]
            let text = String(decoding: line, as: UTF8.self)
            let lower = text.lowercased()
            let ending = text.hasSuffix("\r\n") ? "\r\n" : "\n"
            if lower.hasPrefix("content-length:") {
                out += Array("Content-Length: \(payloadLength)\(ending)".utf8)
            } else if utf8 && lower.hasPrefix("content-type:") {
                out += Array(RecordCleaner.settingUTF8(text).utf8)
            } else {
                out += line
            }
            lineStart = i + 1
        }
        out += header[lineStart...]
        return out
    }
}

/// Record IDs fixtext makes: name-based UUIDs (version 5 layout, from SHA-1), the same on
/// every run for the same input.
enum RecordID {
    static func derived(from name: String) -> String {
        var bytes = Array(SHA1.digest(Array(("fixtext:" + name).utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        let parts = [hex.prefix(8), hex.dropFirst(8).prefix(4), hex.dropFirst(12).prefix(4), hex.dropFirst(16).prefix(4), hex.dropFirst(20)]
        return "<urn:uuid:" + parts.joined(separator: "-") + ">"
    }
}
