internal import CFixTextICU

/// Unicode normalization (NFC, NFKC, ...) over ICU's shared normalizers, for comparing
/// and cleaning text that arrives in arbitrary, often mixed, normal forms.
///
/// It works on UTF-16 buffers, as ICU does, so hot loops can reuse their buffers; the
/// UTF-8 entry point is a convenience. ICU's normalizer instances are process-wide
/// immutable singletons: the value is cheap to copy and safe to share between threads.
public struct UnicodeNormalizer: @unchecked Sendable {
    /// The normalization form; `nfkcCasefold` is NFKC with case folding and removal of
    /// default-ignorable characters (ICU's `nfkc_cf`), for matching rather than display.
    public enum Form: Sendable, Hashable, CaseIterable {
        case nfc, nfd, nfkc, nfkd, nfkcCasefold
    }

    /// Whether text is in the form: `.maybe` means it depends on the neighbours.
    public enum QuickCheckResult: Sendable, Hashable {
        case yes, no, maybe
    }

    public let form: Form
    private let handle: OpaquePointer

    public init(_ form: Form) throws(ICUError) {
        var status: Int32 = 0
        let handle: OpaquePointer?
        let operation: String
        switch form {
        case .nfc:
            handle = cfixtext_unorm2_getNFCInstance(&status)
            operation = "unorm2_getNFCInstance"
        case .nfd:
            handle = cfixtext_unorm2_getNFDInstance(&status)
            operation = "unorm2_getNFDInstance"
        case .nfkc:
            handle = cfixtext_unorm2_getNFKCInstance(&status)
            operation = "unorm2_getNFKCInstance"
        case .nfkd:
            handle = cfixtext_unorm2_getNFKDInstance(&status)
            operation = "unorm2_getNFKDInstance"
        case .nfkcCasefold:
            handle = cfixtext_unorm2_getNFKCCasefoldInstance(&status)
            operation = "unorm2_getNFKCCasefoldInstance"
        }
        guard let handle, !ICUError.failed(status) else {
            throw ICUError(code: status, operation: operation)
        }
        self.form = form
        self.handle = handle
    }

    // MARK: - Single code points

    /// The quick check of one code point on its own. Values that are not Unicode scalar
    /// values (above U+10FFFF) are reported as `.yes`: normalization leaves them alone.
    public func quickCheck(_ scalar: UInt32) -> QuickCheckResult {
        var units: (UInt16, UInt16) = (0, 0)
        let count: Int32
        switch scalar {
        case 0..<0x1_0000:
            units.0 = UInt16(truncatingIfNeeded: scalar)
            count = 1
        case 0x1_0000...0x10_FFFF:
            units.0 = UInt16(truncatingIfNeeded: 0xD7C0 + (scalar >> 10))
            units.1 = UInt16(truncatingIfNeeded: 0xDC00 | (scalar & 0x3FF))
            count = 2
        default:
            return .yes
        }
        return withUnsafePointer(to: &units) { pair in
            pair.withMemoryRebound(to: UInt16.self, capacity: 2) { quickCheck($0, count) }
        }
    }

    /// The canonical combining class (0 for starters), as in UnicodeData.txt.
    public func combiningClass(_ scalar: UInt32) -> UInt8 {
        cfixtext_unorm2_getCombiningClass(handle, Int32(bitPattern: scalar))
    }

    /// Whether text can be cut before this code point without changing how either side
    /// normalizes.
    public func hasBoundaryBefore(_ scalar: UInt32) -> Bool {
        cfixtext_unorm2_hasBoundaryBefore(handle, Int32(bitPattern: scalar))
    }

    /// Whether text can be cut after this code point without changing how either side
    /// normalizes.
    public func hasBoundaryAfter(_ scalar: UInt32) -> Bool {
        cfixtext_unorm2_hasBoundaryAfter(handle, Int32(bitPattern: scalar))
    }

    /// Whether the code point is unaffected by normalization whatever surrounds it.
    public func isInert(_ scalar: UInt32) -> Bool {
        cfixtext_unorm2_isInert(handle, Int32(bitPattern: scalar))
    }

    // MARK: - UTF-16 text

    /// The quick check of a whole UTF-16 text.
    public func quickCheck(_ utf16: UnsafeBufferPointer<UInt16>) -> QuickCheckResult {
        guard let base = utf16.baseAddress, !utf16.isEmpty else { return .yes }
        return quickCheck(base, icuLength(utf16.count))
    }

    private func quickCheck(_ units: UnsafePointer<UInt16>, _ count: Int32) -> QuickCheckResult {
        var status: Int32 = 0
        let result = cfixtext_unorm2_quickCheck(handle, units, count, &status)
        // Only misuse (bad arguments) can fail here; answer conservatively.
        if ICUError.failed(status) { return .maybe }
        switch result {
        case CFIXTEXT_UNORM_YES: return .yes
        case CFIXTEXT_UNORM_NO: return .no
        default: return .maybe
        }
    }

    /// The length of the longest prefix that is certainly in this form and ends at a
    /// normalization boundary: the rest can be normalized on its own and appended.
    public func spanQuickCheckYes(_ utf16: UnsafeBufferPointer<UInt16>) -> Int {
        guard let base = utf16.baseAddress, !utf16.isEmpty else { return 0 }
        var status: Int32 = 0
        let span = cfixtext_unorm2_spanQuickCheckYes(handle, base, icuLength(utf16.count), &status)
        return ICUError.failed(status) ? 0 : Int(span)
    }

    /// Appends the normalized form of `utf16` to `output`.
    ///
    /// Text that is already normalized (the common case) is copied without calling the
    /// normalizer; otherwise only the part after the longest normalized prefix is.
    public func normalize(
        utf16: UnsafeBufferPointer<UInt16>, into output: inout [UInt16]
    ) throws(ICUError) {
        guard let base = utf16.baseAddress, !utf16.isEmpty else { return }
        let span = spanQuickCheckYes(utf16)
        output.append(contentsOf: UnsafeBufferPointer(rebasing: utf16[..<span]))
        if span == utf16.count { return }

        let rest = base + span
        let restCount = icuLength(utf16.count - span)
        var capacity = Int(restCount) + Int(restCount) / 2 + 16
        while true {
            var status: Int32 = 0
            var needed = 0
            output.appendUninitialized(capacity) { dest in
                needed = Int(
                    cfixtext_unorm2_normalize(
                        handle, rest, restCount, dest, icuLength(capacity), &status))
                return ICUError.failed(status) ? 0 : needed
            }
            if status == CFIXTEXT_U_BUFFER_OVERFLOW_ERROR {
                capacity = needed
                continue
            }
            if ICUError.failed(status) {
                throw ICUError(code: status, operation: "unorm2_normalize")
            }
            return
        }
    }

    // MARK: - UTF-8 convenience

    /// The normalized form of UTF-8 text, as UTF-8. Ill-formed sequences come out as
    /// U+FFFD. Allocates; loops over many texts should use the UTF-16 entry point.
    public func normalize(utf8: UnsafeBufferPointer<UInt8>) throws(ICUError) -> [UInt8] {
        guard let source = utf8.baseAddress, !utf8.isEmpty else { return [] }
        var substitutions: Int32 = 0
        var status: Int32 = 0
        // UTF-8 never takes fewer code units than UTF-16.
        let utf16 = [UInt16](unsafeUninitializedCapacity: utf8.count) { buffer, count in
            var length: Int32 = 0
            cfixtext_u_strFromUTF8WithSub(
                buffer.baseAddress, icuLength(buffer.count), &length, source,
                icuLength(utf8.count), 0xFFFD, &substitutions, &status)
            count = ICUError.failed(status) ? 0 : Int(length)
        }
        if ICUError.failed(status) {
            throw ICUError(code: status, operation: "u_strFromUTF8WithSub")
        }
        let normalizedAlready = utf16.withUnsafeBufferPointer {
            spanQuickCheckYes($0) == $0.count
        }
        if substitutions == 0 && normalizedAlready { return Array(utf8) }

        var normalized: [UInt16] = []
        normalized.reserveCapacity(utf16.count + 16)
        try utf16.withUnsafeBufferPointer { (buffer) throws(ICUError) in
            try normalize(utf16: buffer, into: &normalized)
        }
        return try Self.utf8(normalized)
    }

    private static func utf8(_ utf16: [UInt16]) throws(ICUError) -> [UInt8] {
        var status: Int32 = 0
        let result = utf16.withUnsafeBufferPointer { source in
            // Each UTF-16 unit takes at most 3 bytes (a surrogate pair: 4 for 2 units).
            [UInt8](unsafeUninitializedCapacity: source.count * 3) { buffer, count in
                var length: Int32 = 0
                cfixtext_u_strToUTF8WithSub(
                    buffer.baseAddress, icuLength(buffer.count), &length, source.baseAddress,
                    icuLength(source.count), 0xFFFD, nil, &status)
                count = ICUError.failed(status) ? 0 : Int(length)
            }
        }
        if ICUError.failed(status) {
            throw ICUError(code: status, operation: "u_strToUTF8WithSub")
        }
        return result
    }
}
