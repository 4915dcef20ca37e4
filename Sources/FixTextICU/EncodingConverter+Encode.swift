internal import CFixTextICU

extension EncodingConverter {
    /// Encodes UTF-8 text, appending the legacy bytes to `output`, only if every
    /// character has a round-trip mapping in this encoding: the question mojibake repair
    /// asks of each candidate ("could this text have been GBK?").
    ///
    /// - Returns: false, with `output` unchanged, if `utf8` is ill-formed or holds a
    ///   character the encoding cannot represent.
    public func encode(utf8: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) -> Bool {
        guard !utf8.isEmpty else { return true }
        // UTF-16 never needs more units than UTF-8 has bytes. Short text (the usual case)
        // goes through the decoding pivot, which is idle between calls.
        let units: UnsafeMutablePointer<UInt16>
        if utf8.count <= Self.pivotCapacity {
            units = pivot
        } else {
            encodePivot.reserve(utf8.count)
            units = encodePivot.base
        }
        guard let length = Self.strictUTF16(from: utf8, into: units) else { return false }
        let originalCount = output.count
        let stopped = fromUnicode(units, count: length, into: &output, substitute: 0) {
            _, _ in
            false
        }
        if stopped != nil {
            output.removeSubrange(originalCount...)
            return false
        }
        return true
    }

    /// The legacy bytes of UTF-8 text, or nil if it is ill-formed or has a character the
    /// encoding cannot represent. See ``encode(utf8:into:)``.
    public func encode(utf8: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var output: [UInt8] = []
        output.reserveCapacity(utf8.count)
        return encode(utf8: utf8, into: &output) ? output : nil
    }

    /// Encodes UTF-8 text, appending the legacy bytes to `output`, writing `substitute`
    /// for each character the encoding cannot represent and reporting it, for writing
    /// text out in a legacy encoding where losing a character must be accounted for.
    ///
    /// Ill-formed UTF-8 is read as U+FFFD first (one per maximal ill-formed subsequence),
    /// which is then encoded if the encoding has it (GB18030 does) or else reported.
    /// - Parameter substitute: a byte of the target encoding; `?` (0x3F) by default.
    public func encode(
        utf8: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], substitute: UInt8 = 0x3F,
        onUnencodable: (UnencodableCharacter) -> Void
    ) throws(ICUError) {
        guard !utf8.isEmpty else { return }
        let count = try readUTF8WithOffsets(utf8)
        let offsets = pivotOffsets.base
        let units = encodePivot.base
        let failure = fromUnicode(units, count: count, into: &output, substitute: substitute) {
            unitIndex, scalar in
            onUnencodable(UnencodableCharacter(offset: Int(offsets[unitIndex]), scalar: scalar))
            return true
        }
        if let failure { throw ICUError(code: failure, operation: "ucnv_fromUnicode(\(name))") }
    }

    /// Converts well-formed UTF-8 to UTF-16 (at most one unit per byte); nil if `utf8`
    /// is ill-formed (overlong forms, surrogates, beyond U+10FFFF, cut sequences).
    /// Inline Swift: for short spans, `u_strFromUTF8` costs more than the conversion.
    static func strictUTF16(
        from utf8: UnsafeBufferPointer<UInt8>, into units: UnsafeMutablePointer<UInt16>
    ) -> Int? {
        let count = utf8.count
        var index = 0
        var out = units
        @inline(__always) func continuation(_ byte: UInt8) -> UInt16? {
            byte & 0xC0 == 0x80 ? UInt16(byte & 0x3F) : nil
        }
        while index < count {
            let lead = utf8[index]
            if lead < 0x80 {
                out[0] = UInt16(lead)
                out += 1
                index += 1
            } else if lead < 0xC2 {
                return nil  // a continuation byte, or an overlong 2-byte form
            } else if lead < 0xE0 {
                guard index + 1 < count, let c1 = continuation(utf8[index + 1]) else { return nil }
                out[0] = UInt16(lead & 0x1F) << 6 | c1
                out += 1
                index += 2
            } else if lead < 0xF0 {
                guard index + 2 < count else { return nil }
                let second = utf8[index + 1]
                // E0 needs A0...BF (no overlongs), ED needs 80...9F (no surrogates).
                let low: UInt8 = lead == 0xE0 ? 0xA0 : 0x80
                let high: UInt8 = lead == 0xED ? 0x9F : 0xBF
                guard second >= low, second <= high,
                    let c2 = continuation(utf8[index + 2])
                else { return nil }
                out[0] = UInt16(lead & 0x0F) << 12 | UInt16(second & 0x3F) << 6 | c2
                out += 1
                index += 3
            } else if lead < 0xF5 {
                guard index + 3 < count else { return nil }
                let second = utf8[index + 1]
                // F0 needs 90...BF (no overlongs), F4 needs 80...8F (up to U+10FFFF).
                let low: UInt8 = lead == 0xF0 ? 0x90 : 0x80
                let high: UInt8 = lead == 0xF4 ? 0x8F : 0xBF
                guard second >= low, second <= high,
                    let c2 = continuation(utf8[index + 2]),
                    let c3 = continuation(utf8[index + 3])
                else { return nil }
                let scalar =
                    UInt32(lead & 0x07) << 18 | UInt32(second & 0x3F) << 12
                    | UInt32(c2) << 6 | UInt32(c3)
                out[0] = UInt16(truncatingIfNeeded: 0xD7C0 + (scalar >> 10))
                out[1] = UInt16(truncatingIfNeeded: 0xDC00 | (scalar & 0x3FF))
                out += 2
                index += 4
            } else {
                return nil
            }
        }
        return units.distance(to: out)
    }

    /// Runs ICU's fromUnicode over `count` UTF-16 `units`, flushing, from a reset
    /// state. At each unencodable character, `onStop` gets its pivot index and scalar and
    /// says whether to go on (writing `substitute` for it). Returns nil when done, or the
    /// status it stopped with.
    private func fromUnicode(
        _ units: UnsafeMutablePointer<UInt16>, count: Int, into output: inout [UInt8],
        substitute: UInt8,
        onStop: (_ unitIndex: Int, _ scalar: Unicode.Scalar) -> Bool
    ) -> Int32? {
        // Every call flushes, which leaves ICU's state reset, unless it stops early.
        var source: UnsafePointer<UInt16>? = UnsafePointer(units)
        let sourceLimit = source! + count
        while true {
            var target: UnsafeMutablePointer<UInt8>? = staging
            var status: Int32 = 0
            cfixtext_ucnv_fromUnicode(
                handle, &target, staging + Self.stagingCapacity, &source, sourceLimit, nil, true, &status)
            let produced = staging.distance(to: target!)
            output.append(contentsOf: UnsafeBufferPointer(start: staging, count: produced))
            if status == CFIXTEXT_U_BUFFER_OVERFLOW_ERROR { continue }
            if !ICUError.failed(status) { return nil }
            guard ICUError.isConversionError(status) else {
                cfixtext_ucnv_resetFromUnicode(handle)
                return status
            }

            var invalid: (UInt16, UInt16) = (0, 0)
            var invalidStatus: Int32 = 0
            let invalidCount = withUnsafeMutablePointer(to: &invalid) { pair in
                pair.withMemoryRebound(to: UInt16.self, capacity: 2) {
                    Int(cfixtext_ucnv_getInvalidUChars(handle, $0, 2, &invalidStatus))
                }
            }
            let scalar: Unicode.Scalar
            if invalidCount == 2, UTF16.isLeadSurrogate(invalid.0), UTF16.isTrailSurrogate(invalid.1) {
                scalar = UTF16.decode(UTF16.EncodedScalar([invalid.0, invalid.1]))
            } else {
                scalar = Unicode.Scalar(invalid.0) ?? "\u{FFFD}"
            }
            let unitIndex = max(0, UnsafePointer(units).distance(to: source!) - invalidCount)
            guard onStop(unitIndex, scalar) else {
                cfixtext_ucnv_resetFromUnicode(handle)
                return status
            }
            output.append(substitute)
        }
    }

    /// Reads UTF-8 into `encodePivot` with the UTF-8 offset of every unit in `pivotOffsets`,
    /// ill-formed sequences becoming U+FFFD. Returns the number of units.
    private func readUTF8WithOffsets(_ utf8: UnsafeBufferPointer<UInt8>) throws(ICUError) -> Int {
        var status: Int32 = 0
        if utf8Reader == nil {
            // Its default callback substitutes U+FFFD for ill-formed input.
            utf8Reader = cfixtext_ucnv_open("UTF-8", &status)
            if ICUError.failed(status) || utf8Reader == nil {
                utf8Reader = nil
                throw ICUError(code: status, operation: "ucnv_open(\"UTF-8\")")
            }
        }
        // UTF-16 never needs more units than UTF-8 has bytes.
        encodePivot.reserve(utf8.count)
        pivotOffsets.reserve(utf8.count)
        let units = encodePivot.base
        var source: UnsafePointer<UInt8>? = utf8.baseAddress
        var target: UnsafeMutablePointer<UInt16>? = units
        cfixtext_ucnv_resetToUnicode(utf8Reader)
        cfixtext_ucnv_toUnicode(
            utf8Reader, &target, units + utf8.count, &source, utf8.baseAddress! + utf8.count,
            pivotOffsets.base, true, &status)
        if ICUError.failed(status) {
            cfixtext_ucnv_resetToUnicode(utf8Reader)
            throw ICUError(code: status, operation: "ucnv_toUnicode(UTF-8)")
        }
        return units.distance(to: target!)
    }
}
