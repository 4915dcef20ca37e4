import CFixTextMapping
import FixTextCore

#if canImport(Glibc)
import Glibc
#endif

/// Reads a file, or standard input, a chunk at a time.
///
/// A regular file of at least ``Mapping/minimumFileSize`` is read through a memory map that
/// moves along the file a window at a time, and the chunks are slices of it: the chain
/// reads the page cache itself instead of a copy the kernel made first. Only one window
/// is mapped at a time, so memory stays bounded however large the file. Standard input,
/// other files and small files are read with `read` into a buffer that is reused.
///
/// A mapped file that shrinks while it is read does not end early as it would with `read`
/// (at a short count): touching its lost pages raises SIGBUS. The process then ends with
/// "cannot read '<file>': the file shrank while it was being read" and the I/O failure
/// status (see `CFixTextMapping`), never with output that silently lacks the end. Bytes
/// appended while the file is read are read too, with `read`, after the mapped part.
public final class FileInput {
    /// When and how regular files are mapped.
    public struct Mapping: Sendable {
        /// Smaller files are read with `read`: the copy a map saves is a small part of what
        /// they cost (the start-up dwarfs it), and `fixtext bulk` may read many of them at
        /// once, each map a few more system calls.
        public var minimumFileSize: Int
        /// The bytes mapped at a time; a multiple of the page size. Larger windows mean
        /// fewer calls to map and unmap, smaller ones less address space.
        public var windowSize: Int

        public init(minimumFileSize: Int, windowSize: Int) {
            self.minimumFileSize = minimumFileSize
            self.windowSize = windowSize
        }

        public static let standard = Mapping(minimumFileSize: 1 << 20, windowSize: 1 << 24)
        /// Every file is read with `read`.
        public static let never = Mapping(minimumFileSize: .max, windowSize: 1 << 24)
    }

    /// The path as the user gave it; "-" is standard input.
    public let path: String
    private let fd: Int32
    private let ownsDescriptor: Bool
    private let chunkSize: Int
    /// Page-aligned: the kernel copies into an aligned buffer several times faster than
    /// into one at malloc's 16-byte alignment (measured: 100 MB read in 15 ms against 60 ms,
    /// on AMD EPYC, where `rep movsb` is slow when source and destination are misaligned).
    /// Allocated when first needed: a mapped file needs it only if it grows.
    private var buffer: UnsafeMutablePointer<UInt8>?
    private var mapped: MappedReader?

    /// Opens `path`, or standard input for "-".
    public init(path: String, chunkSize: Int = 1 << 18, mapping: Mapping = .standard) throws(IOError) {
        self.path = path
        self.chunkSize = chunkSize
        if path == "-" {
            fd = STDIN_FILENO
            ownsDescriptor = false
            return
        }
        let opened = open(path, O_RDONLY | O_CLOEXEC)
        guard opened >= 0 else { throw IOError("open", path, errno: errno) }
        var info = stat()
        if fstat(opened, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
            close(opened)
            throw IOError("read", path, reason: "it is a directory")
        }
        fd = opened
        ownsDescriptor = true
        if info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) >= mapping.minimumFileSize {
            mapped = MappedReader(fd: fd, size: Int(info.st_size), windowSize: mapping.windowSize, displayName: path)
        }
    }

    deinit {
        mapped = nil
        if ownsDescriptor { close(fd) }
        buffer?.deallocate()
    }

    fileprivate static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// The name to show in messages.
    public var displayName: String { path == "-" ? "<stdin>" : path }

    /// Whether the file is being read through a memory map (the part of it that was there
    /// when it was opened).
    public var isMapped: Bool { mapped != nil }

    /// Reads the next chunk and hands it to `body`; returns false at the end of the file.
    /// The chunk is valid only during the call.
    public func read(_ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Bool {
        if let mapped {
            if try mapped.read(chunkSize, body) { return true }
            // Bytes appended since the file was opened, or the rest of a file that could
            // not be mapped, are read like a pipe's.
            self.mapped = nil
            guard lseek(fd, off_t(mapped.position), SEEK_SET) >= 0 else { throw IOError("read", displayName, errno: errno) }
        }
        let buffer = self.buffer ?? Self.allocateBuffer(chunkSize)
        self.buffer = buffer
        while true {
            let n = Glibc.read(fd, buffer, chunkSize)
            if n < 0 {
                if errno == EINTR { continue }
                throw IOError("read", displayName, errno: errno)
            }
            if n == 0 { return false }
            try body(UnsafeBufferPointer(start: buffer, count: n))
            return true
        }
    }

    private static func allocateBuffer(_ capacity: Int) -> UnsafeMutablePointer<UInt8> {
        UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: pageSize)
            .bindMemory(to: UInt8.self, capacity: capacity)
    }
}

/// The mapped part of a file: a window at a time, handed out in chunks.
private final class MappedReader {
    /// The size of the file when it was opened: what is mapped.
    private let size: Int
    /// The file offset of the next chunk.
    private(set) var position = 0
    private let fd: Int32
    private let windowSize: Int
    private let displayName: String
    /// The current window, and the file offset of its first byte.
    private var window: UnsafeRawBufferPointer?
    private var windowOffset = 0
    /// What the SIGBUS guard knows of the current window; its messages are kept here too.
    private let region: UnsafeMutablePointer<cfixtext_mapped_region>
    private let shrankMessage: UnsafeMutablePointer<CChar>
    private let failedMessage: UnsafeMutablePointer<CChar>

    /// Nil if the guard cannot be installed: without it, a file that shrinks would crash
    /// the process.
    init?(fd: Int32, size: Int, windowSize: Int, displayName: String) {
        precondition(windowSize > 0 && windowSize % FileInput.pageSize == 0, "the window size must be a multiple of the page size")
        guard cfixtext_mapping_install_guard() == 0 else { return nil }
        self.fd = fd
        self.size = size
        self.windowSize = windowSize
        self.displayName = displayName
        shrankMessage = strdup("fixtext: \(Self.shrankError(displayName))\n")!
        failedMessage = strdup("fixtext: \(IOError("read", displayName, reason: "a page of the mapped file could not be read (SIGBUS)"))\n")!
        region = .allocate(capacity: 1)
        region.initialize(to: cfixtext_mapped_region())
        region.pointee.fd = fd
        region.pointee.exit_status = ExitStatus.ioFailure.rawValue
        region.pointee.shrank_message = UnsafePointer(shrankMessage)
        region.pointee.failed_message = UnsafePointer(failedMessage)
    }

    deinit {
        unmap()
        region.deallocate()
        free(shrankMessage)
        free(failedMessage)
    }

    static func shrankError(_ displayName: String) -> IOError {
        IOError("read", displayName, reason: "the file shrank while it was being read")
    }

    /// Hands the next chunk of the mapped part to `body`; false after the last, or when
    /// the next window cannot be mapped (some file systems cannot map, and address space
    /// can run out): the caller reads on from ``position`` with `read`.
    func read(_ chunkSize: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Bool {
        if window == nil || position == windowOffset + window!.count {
            guard position < size, mapWindow(at: position) else {
                unmap()
                return false
            }
        }
        let window = self.window!
        let start = position - windowOffset
        let count = min(chunkSize, window.count - start)
        let chunk = UnsafeBufferPointer(start: window.baseAddress!.assumingMemoryBound(to: UInt8.self) + start, count: count)
        let before = cfixtext_mapping_guard(region)
        defer { cfixtext_mapping_guard(before) }
        do {
            try body(chunk)
        } catch {
            // A write from the mapping fails with EFAULT, not SIGBUS, when the pages are
            // gone: the shrinking is the cause to report, not the bad address.
            if currentSize() < position + count { throw Self.shrankError(displayName) }
            throw error
        }
        position += count
        return true
    }

    private func mapWindow(at offset: Int) -> Bool {
        unmap()
        let length = min(windowSize, size - offset)
        let address = mmap(nil, length, PROT_READ, MAP_SHARED, fd, off_t(offset))
        guard let address, address != MAP_FAILED else { return false }
        // Sequential: the kernel reads ahead further and may drop the pages behind sooner.
        _ = madvise(address, length, MADV_SEQUENTIAL)
        // Huge pages, where transparent huge pages are on `madvise`: a file not yet in the
        // page cache is then read in 2 MiB pieces and mapped with one fault each (100 MB
        // read cold here: 52 page faults instead of 460, and a faster read); pages the
        // cache already holds are mapped as they are.
        _ = madvise(address, length, MADV_HUGEPAGE)
        window = UnsafeRawBufferPointer(start: address, count: length)
        windowOffset = offset
        region.pointee.base = UnsafePointer(address.assumingMemoryBound(to: UInt8.self))
        region.pointee.length = length
        region.pointee.file_offset = Int64(offset)
        return true
    }

    private func unmap() {
        guard let window else { return }
        munmap(UnsafeMutableRawPointer(mutating: window.baseAddress), window.count)
        self.window = nil
    }

    private func currentSize() -> Int {
        var info = stat()
        return fstat(fd, &info) == 0 ? Int(info.st_size) : 0
    }
}
