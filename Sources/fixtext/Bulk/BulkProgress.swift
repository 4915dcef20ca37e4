import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Counts shared by the workers, and the progress line on standard error when it is a
/// terminal: files, records/s, MB/s (of input read, decompressed) and the ETA (by the
/// compressed size of the inputs left).
final class BulkProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var records = 0
    private var bytes = 0
    private var filesDone = 0
    private var inputBytesDone = 0
    private let files: Int
    private let totalInputBytes: Int
    private let start = Date()
    private var timer: DispatchSourceTimer?
    let enabled: Bool

    init(files: Int, totalInputBytes: Int, enabled: Bool) {
        self.files = files
        self.totalInputBytes = totalInputBytes
        self.enabled = enabled
        guard enabled else { return }
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue.global())
        timer.schedule(deadline: .now() + 1, repeating: 1)
        timer.setEventHandler { [weak self] in self?.draw(final: false) }
        timer.resume()
        self.timer = timer
    }

    func add(records count: Int) {
        lock.lock()
        records += count
        lock.unlock()
    }

    func add(bytes count: Int) {
        lock.lock()
        bytes += count
        lock.unlock()
    }

    func fileDone(inputBytes: Int) {
        lock.lock()
        filesDone += 1
        inputBytesDone += inputBytes
        lock.unlock()
    }

    func finish() {
        timer?.cancel()
        if enabled { draw(final: true) }
    }

    private func draw(final: Bool) {
        lock.lock()
        let (records, bytes, filesDone, done) = (self.records, self.bytes, self.filesDone, self.inputBytesDone)
        lock.unlock()
        let seconds = max(0.001, Date().timeIntervalSince(start))
        var line = "\r\u{1B}[K" + "fixtext bulk: \(filesDone)/\(files) files, \(records) records, "
        line += "\(Int(Double(records) / seconds)) records/s, " + String(format: "%.1f MB/s", Double(bytes) / seconds / 1e6)
        if !final && done > 0 && totalInputBytes > done {
            let eta = Int(seconds * Double(totalInputBytes - done) / Double(done))
            line += ", ETA \(eta / 60)m\(eta % 60)s"
        }
        if final { line += " in " + String(format: "%.1fs", seconds) + "\n" }
        let bytesOut = Array(line.utf8)
        bytesOut.withUnsafeBytes { _ = Glibc.write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }
}
