internal import CFixTextICU

extension EncodingConverter {
    /// Encodes UTF-8 text, appending the legacy bytes to `output`, only if every
    /// character has a round-trip mapping in this encoding: the question mojibake repair
    /// asks of each candidate ("could this text have been GBK?").
    ///
    /// - Returns: false, with `output` unchanged, if `utf8` is ill-formed or holds a
    ///   character the encoding cannot represent.
    public func encode(utf8: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) -> Bool {
        guard let source = utf8.baseAddress, !utf8.isEmpty else { return true }
        pivot.reserve(utf8.count)
        var length: Int32 = 0
        var status: Int32 = 0
        cfixtext_u_strFromUTF8WithSub(
            pivot.base, icuLength(pivot.capacity), &length, source, icuLength(utf8.count), -1,
            nil, &status)
        if ICUError.failed(status) { return false }
        let originalCount = output.count
        let stopped = fromUnicode(units: Int(length), into: &output, substitute: 0) { _, _ in
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
        let units = try readUTF8WithOffsets(utf8)
        let offsets = pivotOffsets.base
        let failure = fromUnicode(units: units, into: &output, substitute: substitute) {
            unitIndex, scalar in
            onUnencodable(UnencodableCharacter(offset: Int(offsets[unitIndex]), scalar: scalar))
            return true
        }
        if let failure { throw ICUError(code: failure, operation: "ucnv_fromUnicode(\(name))") }
    }

    /// Runs ICU's fromUnicode over the first `units` of the pivot, flushing, from a reset
    /// state. At each unencodable character, `onStop` gets its pivot index and scalar and
    /// says whether to go on (writing `substitute` for it). Returns nil when done, or the
    /// status it stopped with.
    private func fromUnicode(
        units: Int, into output: inout [UInt8], substitute: UInt8,
        onStop: (_ unitIndex: Int, _ scalar: Unicode.Scalar) -> Bool
    ) -> Int32? {
        defer { cfixtext_ucnv_resetFromUnicode(handle) }
        cfixtext_ucnv_resetFromUnicode(handle)
        var source: UnsafePointer<UInt16>? = UnsafePointer(pivot.base)
        let sourceLimit = source! + units
        while true {
            var target: UnsafeMutablePointer<UInt8>? = staging.base
            var status: Int32 = 0
            cfixtext_ucnv_fromUnicode(
                handle, &target, staging.limit, &source, sourceLimit, nil, true, &status)
            let produced = staging.base.distance(to: target!)
            output.append(contentsOf: UnsafeBufferPointer(start: staging.base, count: produced))
            if status == CFIXTEXT_U_BUFFER_OVERFLOW_ERROR { continue }
            if !ICUError.failed(status) { return nil }
            guard ICUError.isConversionError(status) else { return status }

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
            let unitIndex = max(0, pivot.base.distance(to: UnsafeMutablePointer(mutating: source!)) - invalidCount)
            guard onStop(unitIndex, scalar) else { return status }
            output.append(substitute)
        }
    }

    /// Reads UTF-8 into the pivot with the UTF-8 offset of every unit in `pivotOffsets`,
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
        pivot.reserve(utf8.count)
        pivotOffsets.reserve(pivot.capacity)
        var source: UnsafePointer<UInt8>? = utf8.baseAddress
        var target: UnsafeMutablePointer<UInt16>? = pivot.base
        cfixtext_ucnv_resetToUnicode(utf8Reader)
        cfixtext_ucnv_toUnicode(
            utf8Reader, &target, pivot.limit, &source, utf8.baseAddress! + utf8.count,
            pivotOffsets.base, true, &status)
        if ICUError.failed(status) {
            cfixtext_ucnv_resetToUnicode(utf8Reader)
            throw ICUError(code: status, operation: "ucnv_toUnicode(UTF-8)")
        }
        return pivot.base.distance(to: target!)
    }
}
