import FixTextCore

#if canImport(Glibc)
import Glibc
#endif

/// A file that could not be opened, read or written.
public struct IOError: FixTextError {
    public var operation: String
    public var path: String
    public var reason: String

    public init(_ operation: String, _ path: String, reason: String) {
        self.operation = operation
        self.path = path
        self.reason = reason
    }

    /// An error from the C library, described by `errno`.
    public init(_ operation: String, _ path: String, errno code: Int32) {
        self.init(operation, path, reason: String(cString: strerror(code)))
    }

    public var exitStatus: ExitStatus { .ioFailure }

    public var description: String { "cannot \(operation) '\(path)': \(reason)" }
}

/// Bytes that are not valid in the encoding the input was declared to be in, with
/// `--strict`.
public struct UndecodableInputError: FixTextError {
    public var path: String
    public var encoding: String
    public var offset: Int
    public var bytes: [UInt8]

    public var exitStatus: ExitStatus { .ioFailure }

    public var description: String {
        "'\(path)': byte \(offset): \(Hex.bytes(bytes)) is not valid \(encoding)"
    }
}
