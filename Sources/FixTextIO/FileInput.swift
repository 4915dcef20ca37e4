#if canImport(Glibc)
import Glibc
#endif

/// Reads a file, or standard input, in chunks into a buffer it reuses.
public final class FileInput {
    /// The path as the user gave it; "-" is standard input.
    public let path: String
    private let fd: Int32
    private let ownsDescriptor: Bool
    private var buffer: [UInt8]

    /// Opens `path`, or standard input for "-".
    public init(path: String, chunkSize: Int = 1 << 18) throws(IOError) {
        self.path = path
        if path == "-" {
            fd = STDIN_FILENO
            ownsDescriptor = false
        } else {
            let opened = open(path, O_RDONLY | O_CLOEXEC)
            guard opened >= 0 else { throw IOError("open", path, errno: errno) }
            var info = stat()
            if fstat(opened, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
                close(opened)
                throw IOError("read", path, reason: "it is a directory")
            }
            fd = opened
            ownsDescriptor = true
        }
        buffer = [UInt8](repeating: 0, count: chunkSize)
    }

    deinit {
        if ownsDescriptor { close(fd) }
    }

    /// The name to show in messages.
    public var displayName: String { path == "-" ? "<stdin>" : path }

    /// Reads the next chunk and hands it to `body`; returns false at the end of the file.
    public func read(_ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Bool {
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw IOError("read", displayName, errno: errno)
            }
            if n == 0 { return false }
            try buffer.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[..<n])) }
            return true
        }
    }
}
