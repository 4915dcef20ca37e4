internal import CFixTextICU

/// An ICU regular expression with a bound on the work one match may take, so a pattern
/// that backtracks exponentially (`(a+)+$`) gives up instead of hanging the run.
///
/// Not thread-safe: make one per thread or per run.
public final class RegularExpression {
    private let handle: OpaquePointer
    private let replacement: [UInt16]

    /// ICU's default work bound for one match, in its units of match steps (each on the order
    /// of a millisecond).
    public static let defaultTimeLimit: Int32 = 100

    public struct PatternError: Error, CustomStringConvertible, Sendable {
        /// Where in the pattern, in UTF-16 units, when ICU says.
        public var offset: Int
        public var name: String
        public var description: String { "\(name) at character \(offset + 1) of the pattern" }
    }

    /// The match took more than its time limit; the text is unchanged.
    public struct TimeoutError: Error, Sendable {}

    public init(_ pattern: String, replacement: String, timeLimit: Int32 = defaultTimeLimit) throws(PatternError) {
        let units = Array(pattern.utf16)
        var status: Int32 = 0
        var offset: Int32 = 0
        let opened = units.withUnsafeBufferPointer { cfixtext_uregex_open($0.baseAddress, Int32($0.count), 0, &offset, &status) }
        guard status <= 0, let opened else {
            if let opened { cfixtext_uregex_close(opened) }
            throw PatternError(offset: max(0, Int(offset)), name: String(cString: cfixtext_u_errorName(status)))
        }
        cfixtext_uregex_setTimeLimit(opened, timeLimit, &status)
        handle = opened
        self.replacement = Array(replacement.utf16)
    }

    deinit { cfixtext_uregex_close(handle) }

    /// `text` with every match replaced (`$1` in the replacement is the first group), or
    /// nil when nothing matched.
    public func replaceAll(in text: String) throws(TimeoutError) -> String? {
        let units = Array(text.utf16)
        var capacity = units.count + 16
        while true {
            var status: Int32 = 0
            var output = [UInt16](repeating: 0, count: capacity)
            let length = units.withUnsafeBufferPointer { source in
                cfixtext_uregex_setText(handle, source.baseAddress, Int32(source.count), &status)
                return replacement.withUnsafeBufferPointer { replacement in
                    output.withUnsafeMutableBufferPointer { dest in
                        cfixtext_uregex_replaceAll(handle, replacement.baseAddress, Int32(replacement.count), dest.baseAddress, Int32(dest.count), &status)
                    }
                }
            }
            if status == CFIXTEXT_U_REGEX_TIME_OUT { throw TimeoutError() }
            if status == CFIXTEXT_U_BUFFER_OVERFLOW_ERROR {
                capacity = Int(length) + 1
                continue
            }
            let result = output[..<min(Int(length), output.count)]
            if result.elementsEqual(units) { return nil }
            return String(decoding: result, as: UTF16.self)
        }
    }
}
