internal import CFixTextICU

/// An ICU transform such as `Han-Latin` or `Latin-ASCII`, for producing search keys,
/// pinyin and ASCII fallbacks of text, which plain normalization cannot do.
///
/// Opening one parses its rules and is slow: create it once and reuse it. It is not
/// shared between threads.
public final class Transliterator {
    /// The ID it was opened with, e.g. `Han-Latin`.
    public let id: String
    private let handle: OpaquePointer

    /// Opens the transform with an ICU transliterator ID or compound ID
    /// (`Han-Latin; Latin-ASCII`), in the forward direction.
    public init(id: String) throws(ICUError) {
        let idUnits = Array(id.utf16)
        var status: Int32 = 0
        let handle = idUnits.withUnsafeBufferPointer {
            cfixtext_utrans_openU($0.baseAddress, icuLength($0.count), &status)
        }
        guard let handle, !ICUError.failed(status) else {
            if let handle { cfixtext_utrans_close(handle) }
            throw ICUError(
                code: ICUError.failed(status) ? status : CFIXTEXT_U_ILLEGAL_ARGUMENT_ERROR,
                operation: "utrans_openU(\"\(id)\")")
        }
        self.id = id
        self.handle = handle
    }

    deinit { cfixtext_utrans_close(handle) }

    /// Appends the transliteration of `utf16` to `output`.
    public func transliterate(
        utf16: UnsafeBufferPointer<UInt16>, into output: inout [UInt16]
    ) throws(ICUError) {
        guard !utf16.isEmpty else { return }
        let start = output.count
        // Script conversions grow text (one Han character gives a whole syllable).
        var capacity = utf16.count * 4 + 16
        while true {
            var status: Int32 = 0
            var needed: Int32 = 0
            output.appendUninitialized(capacity) { text in
                text.initialize(from: utf16.baseAddress!, count: utf16.count)
                var length = icuLength(utf16.count)
                var limit = length
                cfixtext_utrans_transUChars(
                    handle, text, &length, icuLength(capacity), 0, &limit, &status)
                needed = length
                return ICUError.failed(status) ? 0 : Int(length)
            }
            if status == CFIXTEXT_U_BUFFER_OVERFLOW_ERROR, Int(needed) > capacity {
                // ICU may have overwritten the text; start again from the input.
                output.removeSubrange(start...)
                capacity = Int(needed)
                continue
            }
            if ICUError.failed(status) {
                throw ICUError(code: status, operation: "utrans_transUChars(\"\(id)\")")
            }
            return
        }
    }

    /// The transliteration of `text`; `text` itself if ICU fails (it only fails when
    /// out of memory).
    public func transliterate(_ text: String) -> String {
        let units = Array(text.utf16)
        var output: [UInt16] = []
        do {
            try units.withUnsafeBufferPointer { (buffer) throws(ICUError) in
                try transliterate(utf16: buffer, into: &output)
            }
        } catch {
            return text
        }
        return String(decoding: output, as: UTF16.self)
    }
}
