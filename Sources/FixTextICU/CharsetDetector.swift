internal import CFixTextICU

/// Guesses the encoding of bytes that arrive without a trustworthy label, the first
/// step in deciding how a page was mangled. ICU's detector is statistical: it needs a
/// few sentences to be reliable, and its answers are ranked guesses, not facts.
///
/// Not shared between threads.
public final class CharsetDetector {
    /// One candidate encoding.
    public struct Match: Sendable, Hashable {
        /// ICU's name for the encoding, e.g. `GB18030`, `Big5`, `UTF-8`.
        public var name: String
        /// An ISO 639 language code if the detector guessed one (`zh`), else empty.
        public var language: String
        /// 0...100; above 50 or so is a plausible answer.
        public var confidence: Int32

        public init(name: String, language: String, confidence: Int32) {
            self.name = name
            self.language = language
            self.confidence = confidence
        }
    }

    private let handle: OpaquePointer

    public init() throws(ICUError) {
        var status: Int32 = 0
        guard let handle = cfixtext_ucsdet_open(&status), !ICUError.failed(status) else {
            throw ICUError(code: status, operation: "ucsdet_open")
        }
        self.handle = handle
    }

    deinit { cfixtext_ucsdet_close(handle) }

    /// Whether to skip `<...>` markup when judging, so HTML tags (ASCII) do not dilute
    /// the evidence. Off by default.
    public var ignoresMarkup = false {
        didSet { cfixtext_ucsdet_enableInputFilter(handle, ignoresMarkup) }
    }

    /// Candidate encodings for `bytes`, best first; empty if ICU has no guess.
    public func detect(_ bytes: some Collection<UInt8>) -> [Match] {
        if let matches = bytes.withContiguousStorageIfAvailable({ detect(buffer: $0) }) {
            return matches
        }
        return Array(bytes).withUnsafeBufferPointer { detect(buffer: $0) }
    }

    private func detect(buffer: UnsafeBufferPointer<UInt8>) -> [Match] {
        guard let base = buffer.baseAddress, !buffer.isEmpty else { return [] }
        var status: Int32 = 0
        // The detector reads the text during detectAll only; it stays alive until then.
        cfixtext_ucsdet_setText(handle, base, icuLength(buffer.count), &status)
        var count: Int32 = 0
        guard !ICUError.failed(status),
            let matches = cfixtext_ucsdet_detectAll(handle, &count, &status),
            !ICUError.failed(status)
        else { return [] }
        return (0..<Int(count)).compactMap { index in
            guard let match = matches[index] else { return nil }
            var status: Int32 = 0
            let name = cfixtext_ucsdet_getName(match, &status)
            let language = cfixtext_ucsdet_getLanguage(match, &status)
            let confidence = cfixtext_ucsdet_getConfidence(match, &status)
            guard !ICUError.failed(status), let name else { return nil }
            return Match(
                name: String(cString: name),
                language: language.map { String(cString: $0) } ?? "",
                confidence: confidence)
        }
    }
}
