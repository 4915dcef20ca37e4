/// A streaming text repair over UTF-8 bytes.
///
/// The engine feeds a transform its input in chunks, framed as its ``context`` asks, and
/// collects what it writes to a ``TransformOutput``. Like a swift-nio decoder, a transform
/// may leave a tail of its input unconsumed, when it cannot yet decide what those bytes
/// become (a CR that may start a CRLF, half of a UTF-8 sequence); the engine offers that tail
/// again, followed by the next chunk.
///
/// The contract:
/// - The output must not depend on how the input was chunked.
/// - Bytes that are not valid UTF-8 pass through unchanged.
/// - Every change is reported through ``TransformOutput/replace(_:of:with:reason:confidence:lost:)``
///   (or the other reporting calls), so `fixtext explain` can say what changed and why.
public protocol Transform {
    /// How much input the transform needs to see at once; the engine bounds memory by it.
    var context: TransformContext { get }

    /// Processes `input`, writing to `output`, and returns how many leading bytes of
    /// `input.bytes` it consumed.
    ///
    /// For a ``TransformContext/window(maxHeldBytes:)`` transform, the bytes not consumed
    /// are offered again with the next chunk; there may be at most `maxHeldBytes` of them,
    /// and none when `input.isEnd` is true. Line and document transforms must consume all
    /// of their input.
    mutating func process(_ input: TransformInput, into output: inout TransformOutput) throws -> Int
}

/// How a transform wants its input framed.
public enum TransformContext: Sendable, Hashable {
    /// Any chunk of the stream. The transform may hold back up to `maxHeldBytes` bytes.
    case window(maxHeldBytes: Int)
    /// Whole lines, each ending in "\n" except perhaps the last line of the input.
    /// A line longer than `maxBytes` arrives in pieces, with ``TransformInput/isPiece`` set.
    case line(maxBytes: Int)
    /// The whole document (the input, or one record in bulk mode). A document longer than
    /// `maxBytes` arrives in pieces, cut at line ends where possible.
    case document(maxBytes: Int)
}

/// A chunk of a transform's input, valid only during the call that receives it.
public struct TransformInput {
    /// The bytes offered now.
    public let bytes: UnsafeBufferPointer<UInt8>
    /// The offset of `bytes[0]` in the stream this transform sees.
    public let offset: Int
    /// No input follows this chunk.
    public let isEnd: Bool
    /// The framing cut a line or document that was longer than the context allows; more of
    /// it follows (or preceded).
    public let isPiece: Bool

    public init(bytes: UnsafeBufferPointer<UInt8>, offset: Int, isEnd: Bool, isPiece: Bool = false) {
        self.bytes = bytes
        self.offset = offset
        self.isEnd = isEnd
        self.isPiece = isPiece
    }

    public var count: Int { bytes.count }
}
