#if canImport(Glibc)
import Glibc
#endif

/// Reads a gzip file through the system's gzip, for test data only (the product uses the
/// zlib shim).
enum Gunzip {
    static func text(ofFile path: String) throws -> String {
        guard let pipe = popen("gzip -dc '\(path)'", "r") else { return "" }
        defer { pclose(pipe) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = fread(&buffer, 1, buffer.count, pipe)
            if n <= 0 { break }
            bytes.append(contentsOf: buffer[..<n])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
