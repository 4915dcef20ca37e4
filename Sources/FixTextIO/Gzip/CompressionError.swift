public import FixTextCore

/// Why a gzip stream could not be read or written, worded for the person whose crawl
/// file is damaged: which part of the input to look at, and whether it is cut short or
/// broken.
public enum CompressionError: FixTextError, Equatable {
    /// The data is not gzip, or is damaged (zlib's explanation and where, in bytes of
    /// compressed input).
    case corrupt(String)
    /// The input ended inside a gzip member: the file was cut short.
    case truncated
    /// zlib itself failed: out of memory, or an invalid setting such as the level.
    case zlibFailure(String)

    public var exitStatus: ExitStatus { .ioFailure }

    public var description: String {
        switch self {
        case .corrupt(let detail): "corrupt gzip data: \(detail)"
        case .truncated: "gzip data ends in the middle of a member (truncated file?)"
        case .zlibFailure(let detail): "zlib failed: \(detail)"
        }
    }
}
