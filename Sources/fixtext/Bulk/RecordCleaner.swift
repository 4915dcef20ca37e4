import FixTextCore
import FixTextICU
import FixTextWARC

/// Cleans the text of one record at a time with a fresh chain, so that the document
/// transforms (boilerplate) see each record as one document. One per worker thread.
final class RecordCleaner {
    let chain: Chain
    let keepEmpty: Bool
    let repeated: RepeatedLines?
    private var converters: [String: EncodingConverter] = [:]

    init(chain: Chain, keepEmpty: Bool, repeated: RepeatedLines? = nil) {
        self.chain = chain
        self.keepEmpty = keepEmpty
        self.repeated = repeated
    }

    enum TextOutcome {
        /// The cleaned text (may be the same as the input).
        case cleaned([UInt8], changed: Bool)
        /// The chain left nothing but white space, and empty records are dropped.
        case emptied
        /// Not cleaned, for the reason given; the record is written unchanged.
        case refused(String)
    }

    /// Runs the chain over `text`, a whole document, counting what it did into `stats`.
    func clean(_ text: UnsafeBufferPointer<UInt8>, host: String, stats: inout BulkStats) throws -> TextOutcome {
        if let reason = Self.refusal(text) { return .refused(reason) }
        let diagnostics = DiagnosticCollector(keepLimit: 0)
        let runner = ChainRunner(try chain.makeTransforms(), recordChanges: true, diagnostics: diagnostics)
        var output: [UInt8] = []
        output.reserveCapacity(text.count)
        let sink: (UnsafeBufferPointer<UInt8>) -> Void = { output.append(contentsOf: $0) }
        try runner.write(text, to: sink)
        try runner.finish(to: sink)
        stats.chainWarnings += diagnostics.warningCount
        stats.textBytesIn += text.count
        var repeatedRemoved = 0
        if let repeated {
            (output, repeatedRemoved) = repeated.filter(output, host: host)
            if repeatedRemoved > 0 {
                stats.boilerplateLinesByClass["repeated across documents of the host", default: 0] += repeatedRemoved
                stats.recordsChangedByTransform["remove-repeated-lines", default: 0] += 1
            }
        }
        let changed = repeatedRemoved > 0 || !output.elementsEqual(text)
        if changed {
            stats.count(runner.changes)
            if !keepEmpty && Self.isBlank(output) && !Self.isBlank(text) { return .emptied }
        }
        stats.textBytesOut += output.count
        return .cleaned(output, changed: changed)
    }

    /// Why `text` is not cleaned: it looks binary, or it is not UTF-8.
    static func refusal(_ text: UnsafeBufferPointer<UInt8>) -> String? {
        var controls = 0
        for byte in text where byte < 0x20 && byte != 9 && byte != 10 && byte != 13 && byte != 12 {
            if byte == 0 { return "binary payload (NUL bytes)" }
            controls += 1
        }
        if controls > 8 && controls * 20 > text.count { return "binary payload (\(controls) control bytes)" }
        if let bad = firstInvalidUTF8(text) {
            return "payload is not UTF-8 (byte \(bad)) and declares no charset"
        }
        return nil
    }

    static func firstInvalidUTF8(_ text: UnsafeBufferPointer<UInt8>) -> Int? {
        var validator = UTF8Validator()
        var first: Int?
        validator.validate(text, isEnd: true) { offset, _ in
            if first == nil { first = offset }
        }
        return first
    }

    static func isBlank(_ bytes: some Sequence<UInt8>) -> Bool {
        bytes.allSatisfy { $0 == 32 || $0 == 9 || $0 == 10 || $0 == 13 || $0 == 12 }
    }

    /// Decodes `bytes` from `charset` to UTF-8 with ICU; nil when ICU does not know the
    /// charset, and the count of undecodable sequences (which become U+FFFD).
    func decode(_ bytes: [UInt8], charset: String) -> (utf8: [UInt8], invalid: Int)? {
        let key = charset.lowercased()
        let converter: EncodingConverter
        if let known = converters[key] {
            converter = known
        } else {
            guard let made = try? EncodingConverter(name: charset) else { return nil }
            converters[key] = made
            converter = made
        }
        let (utf8, invalid) = converter.decode(bytes)
        return (utf8, invalid.count)
    }
}
