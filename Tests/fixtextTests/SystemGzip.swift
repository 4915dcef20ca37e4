import Foundation

/// The system's gzip, not the product's zlib shim: an outside check of what fixtext wrote.
enum SystemGzip {
    /// The bytes of `path`, decompressed (`gzip -dcf`: a file that is not gzip comes back as it is).
    static func decompress(_ path: String) throws -> [UInt8] {
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = ["-dcf", path]
        let pipe = Pipe()
        gzip.standardOutput = pipe
        try gzip.run()
        let bytes = Array(pipe.fileHandleForReading.readDataToEndOfFile())
        gzip.waitUntilExit()
        return bytes
    }
}
