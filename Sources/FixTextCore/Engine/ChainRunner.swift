#if canImport(Glibc)
import Glibc
#endif

/// Runs a chain of transforms over one stream, chunk by chunk, in bounded memory.
///
/// Each stage keeps only what its ``TransformContext`` allows: a window transform the tail
/// it held back, a line transform the current line, a document transform the document up
/// to its cap. Anything longer is handed over in pieces and reported, never dropped.
///
/// The runner also checks that its input is UTF-8; bytes that are not pass through every
/// stage untouched and are reported as diagnostics from "input".
public final class ChainRunner {
    private var stages: [Stage]
    private var validator = UTF8Validator()
    public let diagnostics: DiagnosticCollector
    private let recordsChanges: Bool
    private let onStageDiagnostic: ((Int, Diagnostic) -> Void)?
    private var finished = false

    /// The stage index ``init(_:recordChanges:diagnostics:onStageDiagnostic:)`` gives the
    /// runner's own diagnostics: invalid UTF-8 in its input, at offsets in that input.
    public static let inputStage = -1

    /// - Parameters:
    ///   - transforms: the chain, made fresh for this stream.
    ///   - recordChanges: collect every change for ``changes``; off, reporting costs nothing.
    ///   - diagnostics: where problems go.
    ///   - onStageDiagnostic: also hears of each diagnostic, with the index of the stage in
    ///     whose input stream its offsets are (``inputStage`` for the runner's own). A
    ///     runner over one block of a longer stream needs it: each stage's offsets start at
    ///     0 in the block, and the caller shifts them by what that stage saw of the blocks
    ///     before (``stageInputCounts``), which differs from stage to stage once one of
    ///     them changes the length of the text.
    public init(
        _ transforms: [NamedTransform], recordChanges: Bool = false, diagnostics: DiagnosticCollector = DiagnosticCollector(),
        onStageDiagnostic: ((Int, Diagnostic) -> Void)? = nil
    ) {
        self.diagnostics = diagnostics
        self.recordsChanges = recordChanges
        self.onStageDiagnostic = onStageDiagnostic
        stages = transforms.enumerated().map { index, named in
            // With a listener, each stage reports through a collector of its own that
            // knows the stage; otherwise all share one and nothing is added per diagnostic.
            let collector = onStageDiagnostic.map { listener in
                DiagnosticCollector(keepLimit: 0) { diagnostic in
                    diagnostics.add(diagnostic)
                    listener(index, diagnostic)
                }
            } ?? diagnostics
            return Stage(
                transform: named.transform,
                context: named.transform.context,
                output: TransformOutput(
                    transformName: named.name,
                    changeLog: recordChanges ? ChangeLog() : nil,
                    diagnostics: collector
                )
            )
        }
    }

    /// How many bytes of input the runner was fed.
    public private(set) var inputCount = 0

    /// How many bytes each stage has taken in so far: after ``finish(to:)``, the length of
    /// the stream each stage saw (the first stage's is ``inputCount``).
    public var stageInputCounts: [Int] { stages.map(\.offset) }

    /// Feeds the next chunk of input; output that is ready goes to `sink`.
    public func write(_ chunk: UnsafeBufferPointer<UInt8>, to sink: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        precondition(!finished, "write after finish")
        inputCount += chunk.count
        validator.validate(chunk, isEnd: false, report: reportInvalid)
        try push(chunk, into: 0, isEnd: false, sink: sink)
    }

    /// Ends the input: every stage flushes what it held.
    public func finish(to sink: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        precondition(!finished, "finish twice")
        finished = true
        validator.validate(UnsafeBufferPointer(start: nil, count: 0), isEnd: true, report: reportInvalid)
        try push(UnsafeBufferPointer(start: nil, count: 0), into: 0, isEnd: true, sink: sink)
    }

    /// Runs the whole of `input` and returns the output: for tests and small texts.
    public func run(_ input: some Collection<UInt8>) throws -> [UInt8] {
        var output: [UInt8] = []
        let append: (UnsafeBufferPointer<UInt8>) -> Void = { output.append(contentsOf: $0) }
        try Array(input).withUnsafeBufferPointer { try write($0, to: append) }
        try finish(to: append)
        return output
    }

    /// Every change made, in the order of the original input, with ranges mapped back to
    /// offsets in the input the runner was fed. Empty unless changes were recorded.
    public var changes: [Change] {
        guard recordsChanges else { return [] }
        let logs = stages.map { $0.output.changes }
        return OffsetMapping.changesInInputCoordinates(logs)
    }

    private func reportInvalid(at offset: Int, bytes: [UInt8]) {
        let hex = Hex.bytes(bytes)
        let diagnostic = Diagnostic(
            severity: .warning,
            source: "input",
            range: offset..<(offset + bytes.count),
            message: "invalid UTF-8 (\(hex)) passed through unchanged"
        )
        diagnostics.add(diagnostic)
        onStageDiagnostic?(Self.inputStage, diagnostic)
    }

    // MARK: - Stages

    private final class Stage {
        var transform: any Transform
        let context: TransformContext
        var output: TransformOutput
        /// Input received but not yet consumed.
        var carry: [UInt8] = []
        /// The stream offset of `carry[0]`.
        var offset = 0
        /// The output buffer not in use, swapped in after each call to avoid allocation.
        var spare: [UInt8] = []
        /// The current line or document has already been reported as cut into pieces.
        var reportedPieces = false

        init(transform: any Transform, context: TransformContext, output: TransformOutput) {
            self.transform = transform
            self.context = context
            self.output = output
        }
    }

    private func push(_ chunk: UnsafeBufferPointer<UInt8>, into index: Int, isEnd: Bool, sink: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        guard index < stages.count else {
            if !chunk.isEmpty { try sink(chunk) }
            return
        }
        switch stages[index].context {
        case .window(let maxHeld):
            try pushWindow(chunk, into: index, isEnd: isEnd, maxHeld: maxHeld, sink: sink)
        case .line(let maxBytes):
            try pushFramed(chunk, into: index, isEnd: isEnd, maxBytes: maxBytes, unit: "line", sink: sink) { bytes in
                Self.lastNewline(in: bytes).map { $0 + 1 }
            }
        case .document(let maxBytes):
            try pushFramed(chunk, into: index, isEnd: isEnd, maxBytes: maxBytes, unit: "document", sink: sink) { _ in nil }
        }
    }

    private func pushWindow(_ chunk: UnsafeBufferPointer<UInt8>, into index: Int, isEnd: Bool, maxHeld: Int, sink: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        if stages[index].carry.isEmpty {
            let consumed = try call(index, chunk, isEnd: isEnd, isPiece: false, sink: sink)
            stages[index].carry.append(contentsOf: chunk[consumed...])
        } else {
            var carry = take(&stages[index].carry)
            carry.append(contentsOf: chunk)
            let consumed = try carry.withUnsafeBufferPointer { try call(index, $0, isEnd: isEnd, isPiece: false, sink: sink) }
            carry.removeFirst(consumed)
            stages[index].carry = carry
        }
        let held = stages[index].carry.count
        if held > maxHeld || (isEnd && held > 0) {
            throw EngineError.heldTooMuch(transform: stages[index].output.transformName, held: held, allowed: isEnd ? 0 : maxHeld)
        }
    }

    /// Line and document framing: hands over complete units (up to what `cut` finds), and
    /// pieces of a unit that grows past `maxBytes`. Units that lie whole in the chunk are
    /// handed over from it directly; only an unfinished unit is copied, to be completed by
    /// the next chunk.
    private func pushFramed(
        _ chunk: UnsafeBufferPointer<UInt8>, into index: Int, isEnd: Bool, maxBytes: Int, unit: String,
        sink: (UnsafeBufferPointer<UInt8>) throws -> Void,
        cut: (UnsafeBufferPointer<UInt8>) -> Int?
    ) throws {
        var carry = take(&stages[index].carry)
        defer { stages[index].carry = carry }
        if carry.isEmpty {
            if isEnd {
                _ = try call(index, chunk, isEnd: true, isPiece: stages[index].reportedPieces, sink: sink)
            } else {
                let framed = try frame(chunk, into: index, maxBytes: maxBytes, unit: unit, sink: sink, cut: cut)
                carry.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[framed...]))
            }
            return
        }
        if !isEnd, unit == "line", let newline = Self.firstNewline(in: chunk) {
            // The chunk ends the carried line: only that line is copied; the whole lines
            // after it are handed over from the chunk itself.
            carry.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[...newline]))
            let framed = try carry.withUnsafeBufferPointer { all in
                try frame(all, into: index, maxBytes: maxBytes, unit: unit, sink: sink, cut: cut)
            }
            assert(framed == carry.count, "a unit ending in a newline is handed over whole")
            carry.removeAll(keepingCapacity: true)
            let rest = UnsafeBufferPointer(rebasing: chunk[(newline + 1)...])
            let restFramed = try frame(rest, into: index, maxBytes: maxBytes, unit: unit, sink: sink, cut: cut)
            carry.append(contentsOf: UnsafeBufferPointer(rebasing: rest[restFramed...]))
            return
        }
        carry.append(contentsOf: chunk)
        if isEnd {
            let isPiece = stages[index].reportedPieces
            try carry.withUnsafeBufferPointer { _ = try call(index, $0, isEnd: true, isPiece: isPiece, sink: sink) }
            carry.removeAll()
            return
        }
        let framed = try carry.withUnsafeBufferPointer { all in
            try frame(all, into: index, maxBytes: maxBytes, unit: unit, sink: sink, cut: cut)
        }
        carry.removeFirst(framed)
    }

    /// Hands over the whole units at the start of `all`, then pieces of a unit longer than
    /// `maxBytes`; returns how many bytes were handed over.
    private func frame(
        _ all: UnsafeBufferPointer<UInt8>, into index: Int, maxBytes: Int, unit: String,
        sink: (UnsafeBufferPointer<UInt8>) throws -> Void,
        cut: (UnsafeBufferPointer<UInt8>) -> Int?
    ) throws -> Int {
        var start = 0
        // Whole units first.
        if let end = cut(all) {
            let isPiece = stages[index].reportedPieces
            stages[index].reportedPieces = false
            try callConsumingAll(index, UnsafeBufferPointer(rebasing: all[..<end]), isPiece: isPiece, sink: sink)
            start = end
        }
        // Then pieces of a unit too long to hold.
        while all.count - start > maxBytes {
            let rest = UnsafeBufferPointer(rebasing: all[start...])
            var end = unit == "document" ? (Self.lastNewline(in: UnsafeBufferPointer(rebasing: rest[..<maxBytes])).map { $0 + 1 } ?? 0) : 0
            if end == 0 { end = UTF8Boundaries.boundary(atOrBefore: maxBytes, in: rest) }
            if end == 0 { end = maxBytes }
            if !stages[index].reportedPieces {
                stages[index].reportedPieces = true
                // Through the stage's output, whose offsets these are.
                stages[index].output.diagnostics.add(
                    Diagnostic(
                        severity: .note,
                        source: stages[index].output.transformName,
                        range: (stages[index].offset)..<(stages[index].offset + end),
                        message: "\(unit) longer than \(maxBytes) bytes; processed in pieces"
                    )
                )
            }
            try callConsumingAll(index, UnsafeBufferPointer(rebasing: rest[..<end]), isPiece: true, sink: sink)
            start += end
        }
        return start
    }

    private func callConsumingAll(_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>, isPiece: Bool, sink: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        let consumed = try call(index, bytes, isEnd: false, isPiece: isPiece, sink: sink)
        if consumed != bytes.count {
            throw EngineError.didNotConsume(transform: stages[index].output.transformName, consumed: consumed, offered: bytes.count)
        }
    }

    /// Calls the transform of stage `index` and sends what it wrote to the next stage.
    private func call(_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>, isEnd: Bool, isPiece: Bool, sink: (UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Int {
        let stage = stages[index]
        let input = TransformInput(bytes: bytes, offset: stage.offset, isEnd: isEnd, isPiece: isPiece)
        stage.output.beginCall()
        let consumed = try stage.transform.process(input, into: &stage.output)
        guard consumed >= 0 && consumed <= bytes.count else {
            throw EngineError.didNotConsume(transform: stage.output.transformName, consumed: consumed, offered: bytes.count)
        }
        stage.offset += consumed
        let forwarded = stage.output.forwardedCount
        if forwarded > 0 {
            // Nothing was copied: what passed through is the input itself.
            stage.output.beginCall()
            try push(UnsafeBufferPointer(rebasing: bytes[..<forwarded]), into: index + 1, isEnd: isEnd, sink: sink)
            return consumed
        }
        var produced = stage.spare
        swap(&produced, &stage.output.bytes)
        try produced.withUnsafeBufferPointer { try push($0, into: index + 1, isEnd: isEnd, sink: sink) }
        produced.removeAll(keepingCapacity: true)
        stage.spare = produced
        return consumed
    }

    private func take(_ array: inout [UInt8]) -> [UInt8] {
        var taken: [UInt8] = []
        swap(&taken, &array)
        return taken
    }

    private static func firstNewline(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress, !bytes.isEmpty,
              let found = memchr(base, Int32(UInt8(ascii: "\n")), bytes.count)
        else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    private static func lastNewline(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = bytes.count
        while i > 0 {
            i -= 1
            if bytes[i] == UInt8(ascii: "\n") { return i }
        }
        return nil
    }
}

/// A transform that broke the engine's contract. These are bugs in the transform, not
/// problems of the input, and end the run.
public enum EngineError: FixTextError {
    case heldTooMuch(transform: String, held: Int, allowed: Int)
    case didNotConsume(transform: String, consumed: Int, offered: Int)

    public var exitStatus: ExitStatus { .ioFailure }

    public var description: String {
        switch self {
        case .heldTooMuch(let name, let held, let allowed):
            "internal error: transform '\(name)' held back \(held) bytes; it may hold \(allowed)"
        case .didNotConsume(let name, let consumed, let offered):
            "internal error: transform '\(name)' consumed \(consumed) of \(offered) bytes"
        }
    }
}
