internal import CFixTextICU

/// An ICU call that failed, kept apart from fixtext's own error types so that the ICU
/// wrappers can be used (and tested) without the rest of fixtext.
///
/// The description names the call and ICU's symbolic error, e.g.
/// `ucnv_open("foo"): U_FILE_ACCESS_ERROR`, which is what one searches ICU's
/// documentation for.
public struct ICUError: Error, CustomStringConvertible, Sendable, Hashable {
    /// ICU's `UErrorCode` value (positive: failure).
    public var code: Int32
    /// The ICU call that failed, with the arguments that identify it.
    public var operation: String
    /// For a conversion that stopped at invalid input: where, in bytes since the
    /// converter was created or reset.
    public var byteOffset: Int?

    public init(code: Int32, operation: String, byteOffset: Int? = nil) {
        self.code = code
        self.operation = operation
        self.byteOffset = byteOffset
    }

    /// ICU's name for ``code``, e.g. `U_ILLEGAL_CHAR_FOUND`.
    public var name: String { String(cString: cfixtext_u_errorName(code)) }

    public var description: String {
        guard let byteOffset else { return "\(operation): \(name)" }
        return "\(operation): \(name) at byte \(byteOffset)"
    }

    /// Whether the code says the input held bytes or characters the converter could not
    /// map (as opposed to a misuse of ICU or a resource failure).
    public var isConversionError: Bool { Self.isConversionError(code) }

    static func isConversionError(_ code: Int32) -> Bool {
        switch code {
        case CFIXTEXT_U_INVALID_CHAR_FOUND, CFIXTEXT_U_TRUNCATED_CHAR_FOUND,
            CFIXTEXT_U_ILLEGAL_CHAR_FOUND, CFIXTEXT_U_ILLEGAL_ESCAPE_SEQUENCE,
            CFIXTEXT_U_UNSUPPORTED_ESCAPE_SEQUENCE:
            return true
        default:
            return false
        }
    }

    /// ICU's convention: a status above zero is a failure; below zero is a warning.
    @inline(__always)
    static func failed(_ status: Int32) -> Bool { status > CFIXTEXT_U_ZERO_ERROR }
}
