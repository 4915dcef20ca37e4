import FixTextCore
import FixTextIO
import Foundation
import Testing

/// Files read through the moving memory map give what `read` gives, chunk for chunk.
@Suite struct FileInputTests {
    static let page = Int(sysconf(Int32(_SC_PAGESIZE)))
    /// Small windows, so that a test file spans several; each holds four chunks.
    static let window = 16 * page
    static let chunk = 4 * page
    static let mapAll = FileInput.Mapping(minimumFileSize: 0, windowSize: window)

    /// Everything `input` hands out, and the size of each chunk.
    static func readAll(_ input: FileInput) throws -> (bytes: [UInt8], chunks: [Int]) {
        var bytes: [UInt8] = []
        var chunks: [Int] = []
        while try input.read({ chunk in
            bytes.append(contentsOf: chunk)
            chunks.append(chunk.count)
        }) {}
        return (bytes, chunks)
    }

    static func temporaryFile(_ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fixtext-input-\(UUID().uuidString)").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test(arguments: [
        0, 1, chunk - 1, chunk, window - 1, window, window + 1, 3 * window, 3 * window + 2 * chunk + 7,
    ])
    func mappedReadsWhatReadReads(size: Int) throws {
        let text = GzipSample.text(megabytes: 1)
        let bytes = Array(text.prefix(size))
        #expect(bytes.count == size)
        let path = try Self.temporaryFile(bytes)
        defer { unlink(path) }
        let mapped = try FileInput(path: path, chunkSize: Self.chunk, mapping: Self.mapAll)
        #expect(mapped.isMapped)
        let viaMap = try Self.readAll(mapped)
        let viaRead = try Self.readAll(FileInput(path: path, chunkSize: Self.chunk, mapping: .never))
        #expect(viaMap.bytes == bytes)
        #expect(viaRead.bytes == bytes)
        // The same chunks: the window is a whole number of chunks, so the chain sees the
        // cuts it would see with `read`.
        #expect(viaMap.chunks == viaRead.chunks)
    }

    @Test func smallFilesAndStandardInputAreRead() throws {
        let path = try Self.temporaryFile(Array("小文件\n".utf8))
        defer { unlink(path) }
        #expect(try !FileInput(path: path).isMapped)
        #expect(try FileInput(path: path, mapping: Self.mapAll).isMapped)
        #expect(try !FileInput(path: "-", mapping: Self.mapAll).isMapped)
    }

    /// A character cut by a window boundary (and so by a chunk boundary) reaches the chain
    /// whole: nothing is reported invalid, and the text comes out as it went in.
    @Test(arguments: [1, 2])
    func characterCutByAWindowBoundary(bytesBefore: Int) throws {
        // "中" is three bytes; `bytesBefore` of them end the first window.
        let bytes = [UInt8](repeating: UInt8(ascii: "a"), count: Self.window - bytesBefore)
            + Array(repeating: Array("中".utf8), count: Self.window / 2).joined()
        #expect(Array(bytes[(Self.window - bytesBefore)..<(Self.window - bytesBefore + 3)]) == Array("中".utf8))
        let path = try Self.temporaryFile(bytes)
        defer { unlink(path) }
        let input = try FileInput(path: path, chunkSize: Self.chunk, mapping: Self.mapAll)
        let diagnostics = DiagnosticCollector()
        let runner = ChainRunner([], diagnostics: diagnostics)
        var output: [UInt8] = []
        let sink: (UnsafeBufferPointer<UInt8>) -> Void = { output.append(contentsOf: $0) }
        while try input.read({ chunk in try runner.write(chunk, to: sink) }) {}
        try runner.finish(to: sink)
        #expect(output == bytes)
        #expect(diagnostics.warningCount == 0)
    }

    @Test func bytesAppendedWhileReadingAreRead() throws {
        let bytes = Array(GzipSample.text(megabytes: 1).prefix(2 * Self.window + 5))
        let path = try Self.temporaryFile(bytes)
        defer { unlink(path) }
        let input = try FileInput(path: path, chunkSize: Self.chunk, mapping: Self.mapAll)
        var read: [UInt8] = []
        #expect(try input.read { read.append(contentsOf: $0) })
        let appended = Array("追加的内容\n".utf8)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(appended))
        try handle.close()
        read += try Self.readAll(input).bytes
        #expect(read == bytes + appended)
    }

    /// When the chain fails on a chunk whose pages are gone (a write from the mapping fails
    /// with EFAULT, not SIGBUS), the error names the cause: the file shrank.
    @Test func anErrorAfterTheFileShrankSaysSo() throws {
        let bytes = Array(GzipSample.text(megabytes: 1).prefix(3 * Self.window))
        let path = try Self.temporaryFile(bytes)
        defer { unlink(path) }
        let input = try FileInput(path: path, chunkSize: Self.chunk, mapping: Self.mapAll)
        #expect(try input.read { _ in })
        #expect(truncate(path, off_t(Self.chunk)) == 0)
        struct Failed: Error {}
        // The chunk is not touched: touching it would raise SIGBUS.
        #expect {
            _ = try input.read { _ in throw Failed() }
        } throws: { error in
            (error as? IOError)?.description == "cannot read '\(path)': the file shrank while it was being read"
        }
    }
}
