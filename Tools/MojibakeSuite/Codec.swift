import FixTextICU

/// One character's worth of a decoded byte stream: which bytes made it, and whether the
/// decoder had to write `?` because those bytes meant nothing in its encoding.
struct DecodedUnit {
    var text: String
    var bytes: Range<Int>
    var substituted: Bool
}

/// A legacy encoding as the software that made real mojibake used it: encoding is
/// strict (a clean line the encoding cannot hold is skipped, not mangled), decoding is
/// Windows-style (`MultiByteToWideChar` without `MB_ERR_INVALID_CHARS`): bytes that mean
/// nothing become `?`, and a lead byte takes a following byte in its trail range even
/// when it is ASCII, which is how a half character swallows the `"` or `<` after it.
/// ICU's converters already consume a lead with a valid trail byte as one sequence, so
/// `.substitute(0x3F)` reproduces this.
final class Codec {
    /// The name the suite uses for it in `how` notes (ICU's canonical name).
    let name: String
    private let windows: EncodingConverter
    /// Stops at the first invalid sequence: used to find character boundaries.
    private let probe: EncodingConverter

    init(_ requested: String) throws(ICUError) {
        windows = try EncodingConverter(name: requested, invalidPolicy: .substitute(0x3F))
        probe = try EncodingConverter(name: requested, invalidPolicy: .stop)
        name = windows.name
    }

    /// The bytes of `text`, or nil if the encoding cannot represent all of it.
    func encode(_ text: String) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        return utf8.withUnsafeBufferPointer { windows.encode(utf8: $0) }
    }

    /// The bytes of each scalar of `text` in turn (these encodings are stateless), or
    /// nil if one has none: the map from a clean character to the bytes it became.
    func encodeScalars(_ text: String) -> [[UInt8]]? {
        var result: [[UInt8]] = []
        for scalar in text.unicodeScalars {
            guard let bytes = encode(String(scalar)) else { return nil }
            result.append(bytes)
        }
        return result
    }

    /// Windows-style decoding, and how many sequences became `?`.
    func decode(_ bytes: [UInt8]) -> (text: String, substitutions: Int) {
        let (utf8, invalid) = windows.decode(bytes)
        return (String(decoding: utf8, as: UTF8.self), invalid.count)
    }

    /// Strict decoding: nil unless every byte decodes.
    func decodeStrict(_ bytes: [UInt8]) -> String? {
        let (utf8, invalid) = probe.decode(bytes)
        return invalid.isEmpty ? String(decoding: utf8, as: UTF8.self) : nil
    }

    /// ``decode(_:)`` cut into units with the bytes each came from, which is what lets
    /// the generator say exactly which clean characters a `?` destroyed. Nil if this
    /// unit-by-unit reading disagrees with ICU reading the whole stream (it never has;
    /// the check keeps the `lost` notes honest if an ICU update changes a converter).
    func units(_ bytes: [UInt8]) -> [DecodedUnit]? {
        var units: [DecodedUnit] = []
        var index = 0
        next: while index < bytes.count {
            let longest = min(4, bytes.count - index)  // GB18030 has 4-byte sequences
            for length in 1...longest {
                let range = index..<(index + length)
                if let text = decodeStrict(Array(bytes[range])), text.unicodeScalars.count == 1 {
                    units.append(DecodedUnit(text: text, bytes: range, substituted: false))
                    index += length
                    continue next
                }
            }
            // ICU reports the sequence it gives up on: a lead byte alone when the next
            // byte cannot be its trail, or the whole pair when the pair is unassigned.
            let (_, invalid) = probe.decode(bytes[index..<(index + longest)])
            let length = max(1, min(longest, invalid.first.map { $0.offset + $0.bytes.count } ?? 1))
            units.append(
                DecodedUnit(text: "?", bytes: index..<(index + length), substituted: true))
            index += length
        }
        return units.map(\.text).joined() == decode(bytes).text ? units : nil
    }
}

/// Converters are opened once and shared by every kind.
struct Codecs {
    let utf8, gbk, gb18030, big5, shiftJIS, eucKR, latin1, cp1252, cp1250: Codec

    init() throws(ICUError) {
        utf8 = try Codec("UTF-8")
        // Explicit ICU table names: `windows-936` and `windows-950` are also aliases of
        // IBM tables with different mappings, and the Windows ones are what made the
        // mojibake on the web.
        gbk = try Codec("windows-936-2000")
        gb18030 = try Codec("gb18030")
        big5 = try Codec("windows-950-2000")
        shiftJIS = try Codec("ibm-943_P15A-2003")  // windows-31j, Windows' Shift_JIS
        eucKR = try Codec("windows-949-2000")  // EUC-KR plus Windows' extensions
        latin1 = try Codec("ISO-8859-1")
        // ICU maps windows-1252's and -1250's undefined bytes to U+0081… as browsers do.
        cp1252 = try Codec("windows-1252")
        cp1250 = try Codec("windows-1250")
    }
}
