#if canImport(Glibc)
import Glibc
#endif

/// Writes to standard output, or to a file that appears only when it is complete: the
/// bytes go to a temporary file beside it, renamed over the target by ``commit()``. A run
/// that fails leaves the target as it was.
public final class FileOutput {
    public let path: String?
    private let fd: Int32
    private let temporaryPath: String?
    private var buffer: [UInt8] = []
    private let bufferLimit = 1 << 18
    private var committed = false

    /// Standard output.
    public init() {
        path = nil
        fd = STDOUT_FILENO
        temporaryPath = nil
        buffer.reserveCapacity(bufferLimit)
    }

    /// The file at `path`, created or replaced on ``commit()``.
    public init(path: String) throws(IOError) {
        self.path = path
        let temporary = FileOutput.temporaryName(for: path)
        let opened = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard opened >= 0 else { throw IOError("create", path, errno: errno) }
        fd = opened
        temporaryPath = temporary
        buffer.reserveCapacity(bufferLimit)
    }

    deinit {
        if let temporaryPath {
            close(fd)
            if !committed { unlink(temporaryPath) }
        }
    }

    static func temporaryName(for path: String) -> String {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        return folder + temporaryPrefix(forFileNamed: name) + "\(getpid())" + temporarySuffix
    }

    /// A file being written as `name` is `<prefix><pid><suffix>` in the same folder, so
    /// that what a killed process left can be found and removed.
    public static func temporaryPrefix(forFileNamed name: String) -> String { ".\(name).fixtext-" }
    public static let temporarySuffix = ".tmp"

    public var displayName: String { path ?? "<stdout>" }

    /// Device and inode of the target, if it exists as a regular file.
    public static func identity(of path: String) -> (device: UInt64, inode: UInt64)? {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return (UInt64(info.st_dev), UInt64(info.st_ino))
    }

    /// Writes `bytes`: small pieces are gathered in a buffer, and a piece at least
    /// `directLimit` long goes straight to the file (after what the buffer held), without a
    /// copy. The chain hands over its output a chunk at a time, so most bytes go that way.
    public func write(_ bytes: UnsafeBufferPointer<UInt8>) throws(IOError) {
        if bytes.count >= directLimit {
            try flush()
            try writeAll(bytes)
            return
        }
        if buffer.count + bytes.count > bufferLimit { try flush() }
        buffer.append(contentsOf: bytes)
    }

    /// Pieces this long are written without going through the buffer.
    private var directLimit: Int { bufferLimit / 4 }

    public func flush() throws(IOError) {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBufferPointer { (all) throws(IOError) in try writeAll(all) }
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeAll(_ bytes: UnsafeBufferPointer<UInt8>) throws(IOError) {
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw IOError("write", displayName, errno: errno)
            }
            offset += n
        }
    }

    /// Flushes, and for a file, syncs and renames it into place.
    public func commit() throws(IOError) {
        try flush()
        guard let temporaryPath, let path else { return }
        guard fsync(fd) == 0 else { throw IOError("write", path, errno: errno) }
        guard rename(temporaryPath, path) == 0 else { throw IOError("rename to", path, errno: errno) }
        committed = true
    }
}
