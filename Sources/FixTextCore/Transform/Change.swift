/// One change a transform made: what, where, and why.
public struct Change: Sendable, Hashable {
    /// The registered name of the transform that made it.
    public var transform: String
    /// The bytes replaced, as offsets in the stream that transform saw. The engine maps
    /// them back to offsets in the original input when it reports them.
    public var range: Range<Int>
    /// The bytes that were there.
    public var original: [UInt8]
    /// The bytes written instead.
    public var replacement: [UInt8]
    /// Why, in words a user understands: "no-break space → space".
    public var reason: String
    /// How sure the transform was, from 0 to 1, when it had to guess.
    public var confidence: Double?
    /// What could not be recovered, when the repair is partial.
    public var lost: String?

    public init(
        transform: String,
        range: Range<Int>,
        original: [UInt8],
        replacement: [UInt8],
        reason: String,
        confidence: Double? = nil,
        lost: String? = nil
    ) {
        self.transform = transform
        self.range = range
        self.original = original
        self.replacement = replacement
        self.reason = reason
        self.confidence = confidence
        self.lost = lost
    }
}

/// Collects changes while a chain runs with explanations on.
public final class ChangeLog {
    public private(set) var changes: [Change] = []

    public init() {}

    public func record(_ change: Change) {
        changes.append(change)
    }
}
