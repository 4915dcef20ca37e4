internal import CFixTextICU

/// Converts between UTF-8 and one legacy encoding (GBK, Big5, windows-1252, ...) through
/// ICU, because broken Chinese web text is mostly text that went through the wrong one
/// of these conversions, and repairing it means replaying them exactly.
///
/// It is built to be called millions of times on short spans: the UTF-16 pivot and the
/// output staging buffers belong to the converter and are reused, so a call allocates
/// only when `output` has to grow. It owns mutable ICU state: use one per thread.
///
/// Decoding streams: a sequence split across two ``decode(_:flush:into:onInvalid:)``
/// calls is held by ICU until the rest arrives, and offsets of invalid bytes count from
/// when the converter was created or reset. Encoding is one-shot per call.
public final class EncodingConverter {
    /// ICU's canonical name of the encoding (e.g. `windows-936-2000` for `gbk`).
    public let name: String
    /// What ``decode(_:flush:into:onInvalid:)`` writes for undecodable bytes.
    // Read on every call: unchecked, as a runtime exclusivity check costs a tenth of a
    // short decode, and the converter is confined to one thread anyway.
    @exclusivity(unchecked) public var invalidPolicy: DecodeInvalidPolicy

    let handle: OpaquePointer
    /// Bytes consumed by decoding since creation or reset.
    private var decodedByteCount = 0
    // Fixed buffers are plain pointers: a class's `var` costs an exclusivity check on
    // every access, which shows on short spans.
    /// UTF-16 between ICU's toUnicode and UTF-8, for decoding.
    let pivot: UnsafeMutablePointer<UInt16>
    /// Bytes staged before being appended to the caller's array (3 per pivot unit).
    let staging: UnsafeMutablePointer<UInt8>
    /// UTF-16 of the text being encoded; grows to the largest input.
    var encodePivot = ScratchBuffer<UInt16>(capacity: EncodingConverter.pivotCapacity)
    /// For encoding with reports: the UTF-8 offset of each pivot unit (grown on first use).
    var pivotOffsets = ScratchBuffer<Int32>(capacity: 1)
    /// For encoding with reports: reads UTF-8 with per-unit offsets.
    var utf8Reader: OpaquePointer?

    static let pivotCapacity = 2048
    static let stagingCapacity = 3 * pivotCapacity

    /// Opens the converter for an ICU converter name or alias (`gbk`, `windows-1252`,
    /// `big5`, `shift_jis`, `utf-8`, ...).
    public init(
        name requestedName: String, invalidPolicy: DecodeInvalidPolicy = .replacementCharacter
    ) throws(ICUError) {
        var status: Int32 = 0
        let operation = "ucnv_open(\"\(requestedName)\")"
        guard let handle = cfixtext_ucnv_open(requestedName, &status) else {
            throw ICUError(
                code: ICUError.failed(status) ? status : CFIXTEXT_U_ILLEGAL_ARGUMENT_ERROR,
                operation: operation)
        }
        cfixtext_ucnv_setStopCallbacks(handle, &status)
        let canonical = cfixtext_ucnv_getName(handle, &status)
        guard !ICUError.failed(status), let canonical else {
            cfixtext_ucnv_close(handle)
            throw ICUError(code: status, operation: operation)
        }
        self.handle = handle
        self.name = String(cString: canonical)
        self.invalidPolicy = invalidPolicy
        pivot = .allocate(capacity: Self.pivotCapacity)
        staging = .allocate(capacity: Self.stagingCapacity)
    }

    deinit {
        pivot.deallocate()
        staging.deallocate()
        cfixtext_ucnv_close(handle)
        if let utf8Reader { cfixtext_ucnv_close(utf8Reader) }
    }

    // MARK: - Names

    /// ICU's canonical name for an encoding name or alias, or nil if ICU has no such
    /// converter.
    public static func canonicalName(for name: String) -> String? {
        var status: Int32 = 0
        guard let canonical = cfixtext_ucnv_getAlias(name, 0, &status),
            !ICUError.failed(status)
        else { return nil }
        return String(cString: canonical)
    }

    /// The canonical names of all converters ICU has.
    public static var availableNames: [String] {
        (0..<cfixtext_ucnv_countAvailable()).compactMap { index in
            cfixtext_ucnv_getAvailableName(index).map { String(cString: $0) }
        }
    }

    /// The BMP characters this encoding maps both ways, one bit per code point
    /// (`bits[c >> 6] & (1 << (c & 63))`): ICU's round-trip set, so that tables of the
    /// encoding are built from what it has, not by trying all 65,536.
    public func roundTripBMP() throws(ICUError) -> [UInt64] {
        var bits = [UInt64](repeating: 0, count: 0x10000 / 64)
        var status: Int32 = 0
        bits.withUnsafeMutableBufferPointer { cfixtext_ucnv_getRoundTripBMP(handle, $0.baseAddress, &status) }
        if ICUError.failed(status) { throw ICUError(code: status, operation: "ucnv_getUnicodeSet(\(name))") }
        return bits
    }

    /// Forgets partial sequences in both directions and restarts offsets at zero.
    public func reset() {
        cfixtext_ucnv_resetToUnicode(handle)
        cfixtext_ucnv_resetFromUnicode(handle)
        decodedByteCount = 0
    }

    // MARK: - Decoding

    /// Decodes legacy-encoded bytes and appends them to `output` as UTF-8.
    ///
    /// - Parameters:
    ///   - flush: whether this is the end of the input. When false, an incomplete
    ///     sequence at the end is kept for the next call; when true it is invalid.
    ///   - onInvalid: called for each undecodable sequence, in order, after `output`
    ///     holds everything before it (and before the ``invalidPolicy`` replacement).
    /// - Throws: with ``DecodeInvalidPolicy/stop``, at the first invalid sequence (see
    ///   there); otherwise only if ICU itself fails.
    public func decode(
        _ input: UnsafeBufferPointer<UInt8>, flush: Bool, into output: inout [UInt8],
        onInvalid: (InvalidBytes) -> Void
    ) throws(ICUError) {
        if input.isEmpty && !flush { return }
        // ICU wants a non-null pointer even for no input.
        var source: UnsafePointer<UInt8>? = input.baseAddress ?? UnsafePointer(staging)
        let sourceLimit = source! + input.count
        let pivotLimit = pivot + Self.pivotCapacity
        // Counted locally and stored on the way out: each access to a class's `var`
        // costs a runtime exclusivity check.
        var consumed = decodedByteCount
        var carried = 0
        while true {
            var target: UnsafeMutablePointer<UInt16>? = pivot + carried
            let sourceStart = source!
            var status: Int32 = 0
            cfixtext_ucnv_toUnicode(
                handle, &target, pivotLimit, &source, sourceLimit, nil, flush, &status)
            consumed += sourceStart.distance(to: source!)
            let produced = pivot.distance(to: target!)
            if status == CFIXTEXT_U_BUFFER_OVERFLOW_ERROR {
                carried = appendPivot(produced, holdingTrailingLead: true, to: &output)
                continue
            }
            carried = appendPivot(produced, holdingTrailingLead: false, to: &output)
            if !ICUError.failed(status) {
                decodedByteCount = consumed
                return
            }
            guard ICUError.isConversionError(status) else {
                decodedByteCount = consumed
                throw ICUError(code: status, operation: "ucnv_toUnicode(\(name))")
            }
            let invalid = currentInvalidBytes(consumed: consumed)
            switch invalidPolicy {
            case .replacementCharacter:
                onInvalid(invalid)
                output.append(contentsOf: [0xEF, 0xBF, 0xBD])
            case .substitute(let value):
                onInvalid(invalid)
                if value < 0x80 {
                    output.append(value)
                } else {
                    output.append(contentsOf: [0xC0 | (value >> 6), 0x80 | (value & 0x3F)])
                }
            case .stop:
                onInvalid(invalid)
                reset()
                throw ICUError(
                    code: status, operation: "ucnv_toUnicode(\(name))",
                    byteOffset: invalid.offset)
            }
        }
    }

    /// Decodes `bytes` as a whole, from a reset state, and resets again afterwards.
    ///
    /// With ``DecodeInvalidPolicy/stop`` the result is the text before the first invalid
    /// sequence, and `invalid` holds that one sequence.
    public func decode(_ bytes: some Collection<UInt8>) -> (utf8: [UInt8], invalid: [InvalidBytes]) {
        reset()
        defer { reset() }
        var utf8: [UInt8] = []
        utf8.reserveCapacity(bytes.count + bytes.count / 2)
        var invalid: [InvalidBytes] = []
        let failure =
            bytes.withContiguousStorageIfAvailable {
                decodeWhole($0, into: &utf8, invalid: &invalid)
            } ?? Array(bytes).withUnsafeBufferPointer {
                decodeWhole($0, into: &utf8, invalid: &invalid)
            }
        if let failure, !failure.isConversionError {
            // Converting in memory can only fail if ICU runs out of it.
            preconditionFailure("\(failure)")
        }
        return (utf8, invalid)
    }

    private func decodeWhole(
        _ bytes: UnsafeBufferPointer<UInt8>, into utf8: inout [UInt8],
        invalid: inout [InvalidBytes]
    ) -> ICUError? {
        do {
            try decode(bytes, flush: true, into: &utf8) { invalid.append($0) }
            return nil
        } catch {
            return error
        }
    }

    /// Converts `count` pivot units to UTF-8 onto `output`. While the conversion is still
    /// running, a lead surrogate at the end waits (moved to the pivot's start) for its
    /// trail; returns how many units wait.
    private func appendPivot(
        _ count: Int, holdingTrailingLead: Bool, to output: inout [UInt8]
    ) -> Int {
        var convert = count
        if holdingTrailingLead, count > 0, UTF16.isLeadSurrogate(pivot[count - 1]) {
            convert -= 1
        }
        if convert > 0 {
            let length = Self.transcodeToUTF8(pivot, count: convert, into: staging)
            output.append(contentsOf: UnsafeBufferPointer(start: staging, count: length))
        }
        guard convert < count else { return 0 }
        pivot[0] = pivot[convert]
        return 1
    }

    /// Writes `count` UTF-16 units as UTF-8 (at most 3 bytes per unit; an unpaired
    /// surrogate, which ICU's decoders do not produce, becomes U+FFFD); returns the byte
    /// count. Inline Swift: for the short spans this is mostly called on, calling
    /// `u_strToUTF8` costs more than the conversion.
    private static func transcodeToUTF8(
        _ units: UnsafePointer<UInt16>, count: Int, into bytes: UnsafeMutablePointer<UInt8>
    ) -> Int {
        var out = bytes
        var index = 0
        while index < count {
            let unit = UInt32(units[index])
            index += 1
            if unit < 0x80 {
                out[0] = UInt8(truncatingIfNeeded: unit)
                out += 1
            } else if unit < 0x800 {
                out[0] = UInt8(truncatingIfNeeded: 0xC0 | (unit >> 6))
                out[1] = UInt8(truncatingIfNeeded: 0x80 | (unit & 0x3F))
                out += 2
            } else if unit & 0xF800 != 0xD800 {
                out[0] = UInt8(truncatingIfNeeded: 0xE0 | (unit >> 12))
                out[1] = UInt8(truncatingIfNeeded: 0x80 | ((unit >> 6) & 0x3F))
                out[2] = UInt8(truncatingIfNeeded: 0x80 | (unit & 0x3F))
                out += 3
            } else if unit < 0xDC00, index < count, units[index] & 0xFC00 == 0xDC00 {
                let scalar = 0x1_0000 + ((unit - 0xD800) << 10) + (UInt32(units[index]) - 0xDC00)
                index += 1
                out[0] = UInt8(truncatingIfNeeded: 0xF0 | (scalar >> 18))
                out[1] = UInt8(truncatingIfNeeded: 0x80 | ((scalar >> 12) & 0x3F))
                out[2] = UInt8(truncatingIfNeeded: 0x80 | ((scalar >> 6) & 0x3F))
                out[3] = UInt8(truncatingIfNeeded: 0x80 | (scalar & 0x3F))
                out += 4
            } else {
                out[0] = 0xEF
                out[1] = 0xBF
                out[2] = 0xBD
                out += 3
            }
        }
        return bytes.distance(to: out)
    }

    /// The sequence toUnicode just stopped at, `consumed` bytes into the stream.
    private func currentInvalidBytes(consumed: Int) -> InvalidBytes {
        let bytes = [UInt8](unsafeUninitializedCapacity: 32) { buffer, count in
            var status: Int32 = 0
            count = Int(cfixtext_ucnv_getInvalidChars(handle, buffer.baseAddress, 32, &status))
        }
        // Bytes ICU consumed but set aside to read again (after an invalid lead byte)
        // lie after the invalid sequence.
        var status: Int32 = 0
        let pending = Int(max(0, cfixtext_ucnv_toUCountPending(handle, &status)))
        return InvalidBytes(offset: consumed - pending - bytes.count, bytes: bytes)
    }
}
