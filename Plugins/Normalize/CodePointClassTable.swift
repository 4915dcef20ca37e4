import FixTextICU
import FixTextCore

/// What `normalize` does with one code point, under one set of options.
enum CodePointClass: UInt8 {
    /// Passes through, and normalization never looks across it.
    case plain
    /// May change under normalization, or combine with its neighbours: the segment around
    /// it goes through ICU.
    case normalizationCandidate
    /// An odd space: becomes U+0020.
    case oddSpace
    /// A control character: removed.
    case control
    /// U+FEFF: removed.
    case byteOrderMark
    /// A zero-width space or joiner: removed beside Chinese or ASCII text.
    case zeroWidth
    /// A full-width ASCII letter or digit: becomes half-width.
    case fullWidthAlphanumeric
    /// CR: starts a line ending.
    case carriageReturn

    /// Whether normalization segments break before this code point.
    var isBoundary: Bool { self != .normalizationCandidate }
}

/// The class of every BMP code point under one set of options, computed once with ICU and
/// shared by every `normalize` made with those options; supplementary code points are
/// classified on demand.
final class CodePointClassTable: Sendable {
    /// 65536 classes, one byte each.
    private let bmp: [UInt8]
    /// For each 64-code-point block of U+0800–U+FFFF (the three-byte UTF-8 sequences, keyed
    /// by the low four bits of the lead byte and the low six of the second), whether all
    /// of it is plain: the fast path for Chinese text.
    let plainThreeByteBlocks: [Bool]
    let options: NormalizeOptions
    let normalizer: UnicodeNormalizer?

    private static let cache = SharedCache<NormalizeOptions, CodePointClassTable>()

    /// The table for `options`, built on first use.
    static func shared(for options: NormalizeOptions) throws -> CodePointClassTable {
        try cache.value(for: options) { try CodePointClassTable(options) }
    }

    private init(_ options: NormalizeOptions) throws {
        self.options = options
        switch options.form {
        case .nfc: normalizer = try UnicodeNormalizer(.nfc)
        case .nfkc: normalizer = try UnicodeNormalizer(.nfkc)
        case .none: normalizer = nil
        }
        var bmp = [UInt8](repeating: 0, count: 0x10000)
        for scalar in 0..<UInt32(0x10000) {
            bmp[Int(scalar)] = Self.classify(scalar, options, normalizer).rawValue
        }
        var blocks = [Bool](repeating: false, count: 1024)
        for key in 0..<1024 {
            let first = key << 6
            // Keys below U+0800 are overlong encodings, and U+D800–U+DFFF are surrogates:
            // neither is valid UTF-8, so neither is fast-pathed.
            guard first >= 0x800, !(0xD800..<0xE000).contains(first) else { continue }
            blocks[key] = bmp[first..<(first + 64)].allSatisfy { $0 == CodePointClass.plain.rawValue }
        }
        self.bmp = bmp
        plainThreeByteBlocks = blocks
    }

    @inline(__always)
    func classify(_ scalar: UInt32) -> CodePointClass {
        if scalar < 0x10000 { return CodePointClass(rawValue: bmp[Int(scalar)]).unsafelyUnwrapped }
        return Self.classify(scalar, options, normalizer)
    }

    private static func classify(_ scalar: UInt32, _ options: NormalizeOptions, _ normalizer: UnicodeNormalizer?) -> CodePointClass {
        switch scalar {
        case 0x0D:
            return options.newlines ? .carriageReturn : .plain
        case 0x09, 0x0A:
            return .plain
        case 0x00..<0x20, 0x7F, 0x80..<0xA0:
            if options.controls { return .control }
        case 0xFEFF:
            if options.invisibles { return .byteOrderMark }
        case 0x200B, 0x200C, 0x200D, 0x2060:
            return options.invisibles ? .zeroWidth : .plain
        case 0xA0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F:
            if options.spaces { return .oddSpace }
        case 0xFF10...0xFF19, 0xFF21...0xFF3A, 0xFF41...0xFF5A:
            if options.width { return .fullWidthAlphanumeric }
        default:
            break
        }
        guard let normalizer, !isProtectedPunctuation(scalar) else { return .plain }
        if !options.unifyIdeographs && isCompatibilityIdeograph(scalar) { return .plain }
        if normalizer.quickCheck(scalar) == .yes && normalizer.combiningClass(scalar) == 0 {
            return .plain
        }
        return .normalizationCandidate
    }

    /// Characters that NFC replaces with a unified ideograph of another glyph: 凉 (U+F979)
    /// becomes 凉 (U+51C9). Text that has them chose them, or its input method did.
    static func isCompatibilityIdeograph(_ scalar: UInt32) -> Bool {
        (0xF900...0xFAFF).contains(scalar) || (0x2F800...0x2FA1F).contains(scalar)
    }

    /// CJK punctuation and spacing that NFKC would fold to ASCII, and Chinese text needs.
    static func isProtectedPunctuation(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x2026, 0x2025, // … ‥
             0x3000...0x303F, // ideographic space, 、。〈〉《》「」『』【】〔〕〖〗〜
             0xFE10...0xFE1F, 0xFE30...0xFE6F, // vertical, CJK compatibility and small forms
             0xFF01...0xFF0F, 0xFF1A...0xFF20, 0xFF3B...0xFF40, 0xFF5B...0xFF65: // ！＂＃…，．／：；＜＝＞？＠［＼］＾＿｀｛｜｝～｟｠｡｢｣､･
            true
        default:
            false
        }
    }
}
