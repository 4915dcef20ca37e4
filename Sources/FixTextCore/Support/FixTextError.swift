/// How a fixtext run ends, as the process exit status.
public enum ExitStatus: Int32, Sendable {
    /// Everything went as asked.
    case success = 0
    /// Input or output failed: a file could not be read or written, a stream was corrupt.
    case ioFailure = 1
    /// The command line or a chain was wrong.
    case usage = 2
    /// The run finished, but reported problems in the input (invalid bytes, lost text).
    case finishedWithProblems = 3
}

/// An error fixtext reports to the user. Each domain (chains, registry, engine, I/O) has
/// its own type; each says what went wrong in words, and how the process should exit.
public protocol FixTextError: Error, CustomStringConvertible {
    var exitStatus: ExitStatus { get }
}

/// A command line or setting that cannot work as given.
public struct UsageError: FixTextError {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var exitStatus: ExitStatus { .usage }
    public var description: String { message }
}
