import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Counts shared by the workers, and the progress line on standard error when it is a
/// terminal: files, records/s, MB/s (of input read, decompressed) and the ETA (by the
/// compressed size of the inputs left).
final class BulkProgress: @unchecked Sendable {
    private struct Counts {
        var records = 0
        var bytes = 0
        var filesDone = 0
        var inputBytesDone = 0
    }
    private let counts = Mutex(Counts())
    private let files: Int
    private let totalInputBytes: Int
    private let start = ContinuousClock.now
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
        counts.withLock { $0.records += count }
    }

    func add(bytes count: Int) {
        counts.withLock { $0.bytes += count }
    }

    func fileDone(inputBytes: Int) {
        counts.withLock {
            $0.filesDone += 1
            $0.inputBytesDone += inputBytes
        }
    }

    func finish() {
        timer?.cancel()
        if enabled { draw(final: true) }
    }

    private func draw(final: Bool) {
        let counts = counts.withLock { $0 }
        let (records, bytes, filesDone, done) = (counts.records, counts.bytes, counts.filesDone, counts.inputBytesDone)
        let elapsed = (ContinuousClock.now - start).components
        let seconds = max(0.001, Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18)
        var line = "\r\u{1B}[K" + "fixtext bulk: \(filesDone)/\(files) files, \(records) records, "
        line += "\(Int(Double(records) / seconds)) records/s, " + Self.oneDecimal(Double(bytes) / seconds / 1e6) + " MB/s"
        if !final && done > 0 && totalInputBytes > done {
            let eta = Int(seconds * Double(totalInputBytes - done) / Double(done))
            line += ", ETA \(eta / 60)m\(eta % 60)s"
        }
        if final { line += " in " + Self.oneDecimal(seconds) + "s\n" }
        let bytesOut = Array(line.utf8)
        bytesOut.withUnsafeBytes { _ = Glibc.write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }

    /// A number of at least 0 with one decimal, rounded: 12.345 → "12.3".
    static func oneDecimal(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}
