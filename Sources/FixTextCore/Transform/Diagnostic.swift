/// A problem found in the input: invalid bytes, lost text, a line too long to hold.
///
/// A diagnostic does not stop the run; the CLI prints it and exits with status 3.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Comparable {
        /// Worth knowing; the output is still what the user asked for.
        case note
        /// Something in the input could not be handled as asked; the output says how.
        case warning

        public static func < (a: Self, b: Self) -> Bool { a == .note && b == .warning }
    }

    public var severity: Severity
    /// Who found it: a transform's name, or "input".
    public var source: String
    /// Where, as byte offsets in the stream the source saw.
    public var range: Range<Int>
    public var message: String

    public init(severity: Severity, source: String, range: Range<Int>, message: String) {
        self.severity = severity
        self.source = source
        self.range = range
        self.message = message
    }

    public var description: String {
        "\(severity.rawValue): \(source): at byte \(range.lowerBound): \(message)"
    }
}

/// Gathers diagnostics with bounded memory: every one is counted and handed to the
/// listener, and only the first ``keepLimit`` are kept.
public final class DiagnosticCollector {
    public let keepLimit: Int
    public private(set) var kept: [Diagnostic] = []
    public private(set) var count = 0
    public private(set) var warningCount = 0
    /// Called with each diagnostic as it is found.
    public var listener: ((Diagnostic) -> Void)?

    public init(keepLimit: Int = 1000, listener: ((Diagnostic) -> Void)? = nil) {
        self.keepLimit = keepLimit
        self.listener = listener
    }

    public func add(_ diagnostic: Diagnostic) {
        count += 1
        if diagnostic.severity == .warning { warningCount += 1 }
        if kept.count < keepLimit { kept.append(diagnostic) }
        listener?(diagnostic)
    }
}
