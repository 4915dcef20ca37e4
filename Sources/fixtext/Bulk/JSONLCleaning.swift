import FixTextWARC

/// JSONL: each line is one record, an object whose text field (`--text-field`) is
/// cleaned; the rest of the line stays byte for byte. A line without the field, or an
/// empty line, is written unchanged. A line that is not a JSON object, or whose field is
/// not a string, is written unchanged and reported.
extension RecordCleaner {
    /// The line to write, or nil to drop it; `number` (from 1) names it in problems.
    func processLine(_ line: [UInt8], number: Int, field: String, urlField: String, stats: inout BulkStats) throws -> [UInt8]? {
        if Self.isBlank(line) {
            stats.recordsNotText += 1
            return line
        }
        let found: (range: Range<Int>, value: [UInt8])?
        do {
            found = try line.withUnsafeBufferPointer { try JSONLField.locate(field, in: $0) }
        } catch let error as JSONLField.Failure {
            stats.recordsPassedThrough += 1
            let what = switch error {
            case .notAnObject: "not a JSON object"
            case .notAString: "field '\(field)' is not a string"
            case .malformed(let at): "malformed JSON at byte \(at)"
            }
            stats.problem("line \(number), starting \(Self.preview(line)): \(what); written unchanged")
            return line
        }
        guard let found else {
            stats.recordsNotText += 1
            return line
        }
        // The host is only needed to look up repeated lines.
        let host = repeated == nil ? "" : RepeatedLines.host(of: Self.stringField(urlField, in: line))
        let outcome = try found.value.withUnsafeBufferPointer { try clean($0, host: host, stats: &stats) }
        switch outcome {
        case .refused(let reason):
            stats.recordsPassedThrough += 1
            stats.problem("line \(number), starting \(Self.preview(line)): \(reason); written unchanged")
            return line
        case .emptied:
            stats.recordsDropped += 1
            return nil
        case .cleaned(let cleaned, let changed):
            guard changed else { return line }
            stats.recordsChanged += 1
            var out = Array(line[..<found.range.lowerBound])
            cleaned.withUnsafeBufferPointer { JSONLField.encodeString($0, into: &out) }
            out += line[found.range.upperBound...]
            return out
        }
    }

    /// A string field of a JSON line, for the URL whose host groups documents.
    static func stringField(_ name: String, in line: [UInt8]) -> String? {
        guard let found = try? line.withUnsafeBufferPointer({ try JSONLField.locate(name, in: $0) }) else { return nil }
        return String(decoding: found.value, as: UTF8.self)
    }

    static func preview(_ line: [UInt8]) -> String {
        "'" + String(decoding: line.prefix(40), as: UTF8.self).replacingNewlines + "'"
    }
}

extension String {
    var replacingNewlines: String { String(map { $0.isNewline ? " " : $0 }) }
}
