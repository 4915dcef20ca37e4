import Foundation
import FixTextIO

/// Chinese text of the size crawl records reach, varied enough not to compress to
/// nothing.
enum GzipSample {
    static let paragraph = """
        网页文本在传输和存储过程中常常被错误地解码，例如把UTF-8字节当作GBK读取，\
        就会出现“鐢ㄦ埛”这样的乱码。修复工具需要识别这些模式，并尽可能恢复原文。\
        繁體中文網頁則常見大五碼與UTF-8混用的問題。
        """

    /// About `megabytes` MB of UTF-8.
    static func text(megabytes: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(megabytes << 20 + 4096)
        var index = 0
        while bytes.count < megabytes << 20 {
            bytes.append(contentsOf: "第\(index)段：\(paragraph)\n".utf8)
            index += 1
        }
        return bytes
    }

    static func gzip(_ members: [[UInt8]], level: Int = 6) throws -> [UInt8] {
        let compressor = try GzipCompressor(level: level)
        var output: [UInt8] = []
        for member in members {
            try member.withUnsafeBufferPointer { try compressor.compress($0, into: &output) }
            try compressor.finishMember(into: &output)
        }
        return output
    }

    static func gunzip(_ data: [UInt8]) throws -> [UInt8] {
        let decompressor = try GzipDecompressor()
        var output: [UInt8] = []
        try data.withUnsafeBufferPointer { try decompressor.decompress($0, into: &output) }
        try decompressor.finish()
        return output
    }

    /// Runs the gzip command-line tool on `input` with `arguments`, returning its stdout.
    static func runGzipTool(_ arguments: [String], input: [UInt8]) throws -> [UInt8] {
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("fixtext-gzip-\(UUID().uuidString)")
        try Data(input).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: gzipTool)
        process.arguments = arguments + [file.path]
        let stdout = Pipe()
        process.standardOutput = stdout
        try process.run()
        let data = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CocoaError(.fileReadCorruptFile)
        }
        return [UInt8](data)
    }

    static let gzipTool = "/usr/bin/gzip"
    static var hasGzipTool: Bool { FileManager.default.isExecutableFile(atPath: gzipTool) }
}
