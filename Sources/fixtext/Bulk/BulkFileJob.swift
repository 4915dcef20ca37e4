import Dispatch
import FixTextCore
import FixTextIO
import FixTextWARC

#if canImport(Glibc)
import Glibc
#endif

/// Settings shared by every input of a bulk run.
struct BulkSettings: Sendable {
    var chain: Chain
    var workers: Int
    var keepEmpty: Bool
    var textField: String
    var maxRecordBytes: Int
    var gzipLevel: Int
    var urlField = "url"
    var repeated: RepeatedLines?
    /// Called, on the reading thread and in input order, with the problems of each batch
    /// as it is written; the stats then keep only the first ``BulkStats/problemsKept``.
    /// For standard input, where a run has no end to wait for.
    var onProblems: (@Sendable ([String]) -> Void)?
}

/// Cleans one input into its output: read records (WARC) or lines (JSONL) in order, clean
/// groups of them on `workers` threads, write them in order. A WARC record is a group of
/// its own and, gzipped, its own member; JSONL lines go in groups of a fixed size, one
/// gzip member each. Groups do not depend on the number of workers, so the output is the
/// same bytes whatever --jobs is.
final class BulkFileJob {
    let input: BulkInput
    let settings: BulkSettings
    let progress: BulkProgress
    var stats = BulkStats()
    private let output: FileOutput
    var gzip = false
    private var pending: [Group] = []
    private var pendingBytes = 0
    private var workers: [Worker] = []

    static let linesPerGroup = 256
    static let batchBytes = 32 << 20

    enum Group {
        case records([WARCRecord])
        /// Lines of JSONL, the first of them the line numbered `first` (from 1). A line
        /// longer than the limit is `nil`: it is skipped, and reported in its place, so that
        /// problems come in input order.
        case lines(first: Int, [[UInt8]?])
    }

    /// One thread's tools.
    final class Worker {
        let cleaner: RecordCleaner
        let compressor: GzipCompressor?
        let writer: WARCWriter

        init(_ settings: BulkSettings, gzip: Bool) throws {
            cleaner = RecordCleaner(chain: settings.chain, keepEmpty: settings.keepEmpty, repeated: settings.repeated)
            compressor = gzip ? try GzipCompressor(level: settings.gzipLevel) : nil
            writer = try WARCWriter(gzip: gzip, level: settings.gzipLevel)
        }
    }

    init(_ input: BulkInput, settings: BulkSettings, progress: BulkProgress) throws {
        self.input = input
        self.settings = settings
        self.progress = progress
        if input.isStandardStream {
            output = FileOutput()
            return
        }
        try BulkInputs.makeFolders(for: input.outputPath)
        BulkInputs.removeStaleTemporaries(of: input.outputPath)
        BulkInputs.removeStaleTemporaries(of: BulkStats.sidecarPath(for: input.outputPath))
        output = try FileOutput(path: input.outputPath)
    }

    /// Cleans the input and renames the output into place; returns what was done.
    func run() throws -> BulkStats {
        defer { inFlight?.done.wait() }
        gzip = !input.isStandardStream && Self.startsWithGzipMagic(input.path)
        workers = try (0..<max(1, settings.workers)).map { _ in try Worker(settings, gzip: gzip) }
        stats.bytesIn = input.size
        switch input.format {
        case .warc: try runWARC()
        case .jsonl: try runJSONL()
        case .text: try runText()
        }
        if input.isStandardStream {
            try output.commit()
            return stats
        }
        // The counts go beside the output, and before it: an output that exists always has
        // them, for the report of a rerun that skips it.
        let sidecar = try FileOutput(path: BulkStats.sidecarPath(for: input.outputPath))
        var kept = stats
        kept.chain = settings.chain.canonicalSpec
        try Array(kept.json(indent: "").utf8).withUnsafeBufferPointer { try sidecar.write($0) }
        try sidecar.commit()
        try output.commit()
        return stats
    }

    // MARK: - Formats

    private func runWARC() throws {
        try write(warcinfo())
        let reader = WARCReader(maxRecordBytes: settings.maxRecordBytes)
        let emit: (WARCReader.Event) throws -> Void = { [self] event in
            switch event {
            case .record(let record, let notes):
                if !notes.isEmpty { stats.recordsReadLeniently += 1 }
                pendingBytes += record.block.count
                pending.append(.records([record]))
                if pendingBytes > Self.batchBytes || pending.count >= 64 * workers.count { try flush() }
            case .problem(let offset, let message):
                stats.recordsIn += 1
                stats.recordsFailed += 1
                stats.problem("byte \(offset): \(message)")
            }
        }
        try readDecompressed(onGap: { try reader.discontinuity(emit) }) { chunk in try reader.feed(chunk, emit) }
        try reader.finish(emit)
        try flush(final: true)
    }

    private func runJSONL() throws {
        var carry: [UInt8] = []
        var group: [[UInt8]?] = []
        /// The lines in `group` that are not skipped: a group holds `linesPerGroup` of them.
        var groupLines = 0
        var groupFirst = 1
        var skipping = false
        var lineNumber = 0
        func take(_ line: [UInt8]) throws {
            lineNumber += 1
            if group.isEmpty { groupFirst = lineNumber }
            pendingBytes += line.count
            group.append(line)
            groupLines += 1
            if groupLines == Self.linesPerGroup {
                pending.append(.lines(first: groupFirst, group))
                group = []
                groupLines = 0
                if pendingBytes > Self.batchBytes || pending.count >= 8 * workers.count { try flush() }
            }
        }
        try readDecompressed { chunk in
            var start = 0
            for i in 0..<chunk.count where chunk[i] == 10 {
                if skipping {
                    skipping = false
                } else if carry.isEmpty {
                    try take(Array(chunk[start..<i]))
                } else {
                    carry += chunk[start..<i]
                    try take(carry)
                    carry = []
                }
                start = i + 1
            }
            if !skipping { carry += chunk[start...] }
            if carry.count > settings.maxRecordBytes {
                // Reported when its group is written, after the problems of the lines before.
                lineNumber += 1
                if group.isEmpty { groupFirst = lineNumber }
                group.append(nil)
                carry = []
                skipping = true
            }
        }
        if !carry.isEmpty && !skipping { try take(carry) }
        if !group.isEmpty { pending.append(.lines(first: groupFirst, group)) }
        try flush(final: true)
    }

    private func runText() throws {
        let worker = workers[0]
        let diagnostics = DiagnosticCollector(keepLimit: 0)
        let runner = ChainRunner(try settings.chain.makeTransforms(), recordChanges: true, diagnostics: diagnostics)
        var out: [UInt8] = []
        let sink: (UnsafeBufferPointer<UInt8>) throws -> Void = { [self] bytes in
            stats.textBytesOut += bytes.count
            if let compressor = worker.compressor { try compressor.compress(bytes, into: &out) } else { out.append(contentsOf: bytes) }
            if out.count > 1 << 18 { try write(out); out.removeAll(keepingCapacity: true) }
        }
        try readDecompressed { chunk in
            stats.textBytesIn += chunk.count
            try runner.write(chunk, to: sink)
        }
        try runner.finish(to: sink)
        if let compressor = worker.compressor { try compressor.finishMember(into: &out) }
        try write(out)
        stats.recordsIn += 1
        stats.recordsOut += 1
        stats.chainWarnings += diagnostics.warningCount
        let changes = runner.changes
        if !changes.isEmpty { stats.recordsChanged += 1 }
        stats.count(changes)
        progress.add(records: 1)
    }

    // MARK: - Parallel groups

    /// A batch being cleaned on the workers while the next one is read.
    private var inFlight: (count: Int, results: Results<GroupResult>, done: DispatchGroup)?

    /// Waits for the batch on the workers and writes its results in order.
    private func drain() throws {
        guard let (count, results, done) = inFlight else { return }
        inFlight = nil
        done.wait()
        var records = 0
        for index in 0..<count {
            let result = try results.get(index)
            if let onProblems = settings.onProblems, !result.stats.problems.isEmpty { onProblems(result.stats.problems) }
            stats.add(result.stats)
            records += result.stats.recordsIn
            try write(result.bytes)
        }
        // A stream's reader gets each batch as soon as it is done.
        if input.isStandardStream { try output.flush() }
        progress.add(records: records)
    }

    /// Writes the batch before, then starts cleaning the pending groups on the workers;
    /// `final` waits for them too. Reading the next batch overlaps with the cleaning.
    private func flush(final: Bool = false) throws {
        try drain()
        let groups = pending
        pending = []
        pendingBytes = 0
        if !groups.isEmpty {
            let results = Results<GroupResult>(count: groups.count)
            let workers = self.workers
            let field = settings.textField
            let urlField = settings.urlField
            let maxRecordBytes = settings.maxRecordBytes
            let keepAllProblems = settings.onProblems != nil
            let run = UncheckedSendable { (w: Int) in
                var index = w
                while index < groups.count {
                    results.set(index, Self.process(groups[index], worker: workers[w], textField: field, urlField: urlField, maxRecordBytes: maxRecordBytes, keepAllProblems: keepAllProblems))
                    index += workers.count
                }
            }
            let done = DispatchGroup()
            for w in workers.indices {
                DispatchQueue.global().async(group: done) { run.value(w) }
            }
            inFlight = (groups.count, results, done)
        }
        if final { try drain() }
    }

    private struct GroupResult {
        var bytes: [UInt8] = []
        var stats = BulkStats()
    }

    private static func process(_ group: Group, worker: Worker, textField: String, urlField: String, maxRecordBytes: Int, keepAllProblems: Bool) -> Result<GroupResult, any Error> {
        Result {
            var result = GroupResult()
            result.stats.keepsAllProblems = keepAllProblems
            switch group {
            case .records(let records):
                for record in records {
                    result.stats.recordsIn += 1
                    if case .write(let cleaned) = try worker.cleaner.process(record, stats: &result.stats) {
                        result.stats.recordsOut += 1
                        try worker.writer.append(cleaned, to: &result.bytes)
                    }
                }
            case .lines(let first, let lines):
                var plain: [UInt8] = []
                for (offset, line) in lines.enumerated() {
                    result.stats.recordsIn += 1
                    guard let line else {
                        result.stats.recordsFailed += 1
                        result.stats.problem("line \(first + offset): longer than the limit of \(maxRecordBytes) bytes; skipped")
                        continue
                    }
                    if let cleaned = try worker.cleaner.processLine(line, number: first + offset, field: textField, urlField: urlField, stats: &result.stats) {
                        result.stats.recordsOut += 1
                        plain += cleaned
                        plain.append(10)
                    }
                }
                if let compressor = worker.compressor {
                    try plain.withUnsafeBufferPointer { try compressor.compress($0, into: &result.bytes) }
                    try compressor.finishMember(into: &result.bytes)
                } else {
                    result.bytes = plain
                }
            }
            return result
        }
    }

    // MARK: - Output

    private func write(_ bytes: [UInt8]) throws {
        stats.bytesOut += bytes.count
        try bytes.withUnsafeBufferPointer { try output.write($0) }
    }

    /// A fresh warcinfo record that names fixtext, its version and the chain. Its date is
    /// the input's modification time and its ID comes from the input's name and the chain,
    /// so that a rerun writes the same bytes.
    private func warcinfo() throws -> [UInt8] {
        var info = stat()
        stat(input.path, &info)
        let date = Self.isoDate(info.st_mtim.tv_sec)
        let name = BulkInputs.basename(input.outputPath)
        let chain = settings.chain.canonicalSpec
        let block = "software: fixtext/\(FixTextVersion.current)\r\nfixtext-chain: \(chain)\r\nfixtext-source: \(BulkInputs.basename(input.path))\r\nformat: WARC File Format 1.0\r\n"
        let record = WARCRecord(fields: [
            .init("WARC-Type", "warcinfo"),
            .init("WARC-Date", date),
            .init("WARC-Filename", name),
            .init("WARC-Record-ID", RecordID.derived(from: "warcinfo\n\(name)\n\(chain)\n\(FixTextVersion.current)\n\(date)")),
            .init("Content-Type", "application/warc-fields"),
        ], block: Array(block.utf8))
        var bytes: [UInt8] = []
        try workers[0].writer.append(record, to: &bytes)
        return bytes
    }

    static func isoDate(_ seconds: Int) -> String {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }

    static func startsWithGzipMagic(_ path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var magic: [UInt8] = [0, 0]
        let n = magic.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, 2) }
        return n == 2 && GzipDecompressor.startsWithMagic(magic)
    }
}

/// Results filled in by worker threads, each index by one thread only.
final class Results<T>: @unchecked Sendable {
    private let values: UnsafeMutablePointer<Result<T, any Error>?>
    private let count: Int
    init(count: Int) {
        self.count = count
        values = .allocate(capacity: count)
        values.initialize(repeating: nil, count: count)
    }
    deinit {
        values.deinitialize(count: count)
        values.deallocate()
    }
    func set(_ index: Int, _ value: Result<T, any Error>) { values[index] = value }
    func get(_ index: Int) throws -> T { try values[index]!.get() }
}

struct UncheckedSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
