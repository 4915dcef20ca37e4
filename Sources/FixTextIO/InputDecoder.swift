import FixTextCore
import FixTextICU

/// Turns the raw bytes of an input into the UTF-8 stream a chain runs over: gzip input
/// (recognized by its magic bytes, whatever the file is called) is decompressed, and input
/// in a legacy encoding (`--from gbk`) is decoded with ICU.
///
/// Bytes the encoding cannot decode become U+FFFD and are reported with their offset in
/// the (decompressed) input; with `strict`, the first one is an error instead.
public final class InputDecoder {
    public let input: FileInput
    private let converter: EncodingConverter?
    private let encodingName: String?
    private let strict: Bool
    private var decompressor: GzipDecompressor?
    private var sniffed = false
    private var pending: [UInt8] = []
    private var decompressed: [UInt8] = []
    private var decoded: [UInt8] = []

    /// - Parameters:
    ///   - encoding: the input's encoding, any name ICU knows; nil for UTF-8.
    ///   - strict: the first undecodable sequence is an error, not a reported U+FFFD.
    public init(_ input: FileInput, encoding: String?, strict: Bool) throws {
        self.input = input
        self.strict = strict
        if let encoding, !Self.isUTF8(encoding) {
            converter = try EncodingConverter(name: encoding)
            encodingName = encoding
        } else {
            converter = nil
            encodingName = nil
        }
    }

    static func isUTF8(_ name: String) -> Bool {
        ["utf-8", "utf8"].contains(name.lowercased())
    }

    /// Checks an encoding name, with a suggestion when ICU does not know it.
    public static func validateEncoding(_ name: String) throws(UsageError) {
        guard !isUTF8(name), EncodingConverter.canonicalName(for: name) == nil else { return }
        var message = "unknown encoding '\(name)'"
        if let suggestion = EditDistance.nearest(to: name.lowercased(), among: commonEncodings) {
            message += "; did you mean '\(suggestion)'?"
        }
        throw UsageError(message)
    }

    /// Names suggested for typos; ICU accepts many more.
    static let commonEncodings = [
        "gbk", "gb18030", "gb2312", "windows-936", "big5", "big5-hkscs", "windows-950", "shift_jis",
        "euc-jp", "euc-kr", "windows-949", "iso-8859-1", "windows-1252", "windows-1250", "utf-16", "utf-16le",
        "utf-16be", "utf-8",
    ]

    /// Reads the whole input, handing each decoded chunk to `body`; `onUndecodable` hears of
    /// each sequence the encoding could not decode.
    public func forEachChunk(
        onUndecodable: (Int, [UInt8]) -> Void = { _, _ in },
        _ body: (UnsafeBufferPointer<UInt8>) throws -> Void
    ) throws {
        while try input.read({ chunk in try accept(chunk, isEnd: false, onUndecodable, body) }) {}
        try accept(UnsafeBufferPointer(start: nil, count: 0), isEnd: true, onUndecodable, body)
    }

    private func accept(
        _ chunk: UnsafeBufferPointer<UInt8>, isEnd: Bool,
        _ onUndecodable: (Int, [UInt8]) -> Void,
        _ body: (UnsafeBufferPointer<UInt8>) throws -> Void
    ) throws {
        if !sniffed, pending.isEmpty, chunk.count >= 2 {
            // The usual first chunk: looked at where it is, not copied.
            sniffed = true
            if GzipDecompressor.startsWithMagic(chunk) { decompressor = try GzipDecompressor() }
        }
        if !sniffed {
            // Wait for two bytes to look for the gzip magic (a pipe may deliver one).
            pending.append(contentsOf: chunk)
            guard pending.count >= 2 || isEnd else { return }
            sniffed = true
            if GzipDecompressor.startsWithMagic(pending) {
                decompressor = try GzipDecompressor()
            }
            let first = pending
            pending = []
            try first.withUnsafeBufferPointer { try accept($0, isEnd: isEnd, onUndecodable, body) }
            return
        }
        if let decompressor {
            decompressed.removeAll(keepingCapacity: true)
            try decompressor.decompress(chunk, into: &decompressed)
            if isEnd { try decompressor.finish() }
            try decompressed.withUnsafeBufferPointer { try decode($0, isEnd: isEnd, onUndecodable, body) }
        } else {
            try decode(chunk, isEnd: isEnd, onUndecodable, body)
        }
    }

    private func decode(
        _ chunk: UnsafeBufferPointer<UInt8>, isEnd: Bool,
        _ onUndecodable: (Int, [UInt8]) -> Void,
        _ body: (UnsafeBufferPointer<UInt8>) throws -> Void
    ) throws {
        guard let converter, let encodingName else {
            if !chunk.isEmpty { try body(chunk) }
            return
        }
        decoded.removeAll(keepingCapacity: true)
        var firstInvalid: InvalidBytes?
        try converter.decode(chunk, flush: isEnd, into: &decoded) { invalid in
            if firstInvalid == nil { firstInvalid = invalid }
            if !strict { onUndecodable(invalid.offset, invalid.bytes) }
        }
        if strict, let firstInvalid {
            throw UndecodableInputError(path: input.displayName, encoding: encodingName, offset: firstInvalid.offset, bytes: firstInvalid.bytes)
        }
        if !decoded.isEmpty { try decoded.withUnsafeBufferPointer(body) }
    }
}
