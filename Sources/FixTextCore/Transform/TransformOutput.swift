/// Where a transform writes its output and reports what it changed.
///
/// Reporting costs nothing unless someone listens: when ``isRecordingChanges`` is false,
/// the `reason` closures are never evaluated and nothing is stored.
public struct TransformOutput {
    /// The bytes written so far in this call (apart from a forwarded prefix of the input;
    /// see ``passThrough(_:of:)``).
    public var bytes: [UInt8] = []
    /// The name under which the running transform was registered.
    public internal(set) var transformName: String
    /// Collects ``Change`` records; nil when nobody asked for them.
    @usableFromInline let changeLog: ChangeLog?
    /// Receives problems the transform finds in its input.
    let diagnostics: DiagnosticCollector
    /// While the output so far is a prefix of the current input, its length: nothing has
    /// been copied, and the engine forwards the input bytes themselves.
    @usableFromInline var forwardedCount = 0
    /// The input of the current call, which `forwardedCount` refers to.
    @usableFromInline var forwardedInput = UnsafeBufferPointer<UInt8>(start: nil, count: 0)

    init(transformName: String, changeLog: ChangeLog?, diagnostics: DiagnosticCollector) {
        self.transformName = transformName
        self.changeLog = changeLog
        self.diagnostics = diagnostics
        bytes.reserveCapacity(1 << 16)
    }

    /// A standalone output, for running a transform outside the engine.
    public init(transformName: String, recordChanges: Bool = false) {
        self.init(
            transformName: transformName,
            changeLog: recordChanges ? ChangeLog() : nil,
            diagnostics: DiagnosticCollector()
        )
    }

    /// Whether changes are being recorded; a transform may skip building costly reports
    /// when this is false.
    @inlinable public var isRecordingChanges: Bool { changeLog != nil }

    /// The changes recorded so far (empty unless recording).
    public var changes: [Change] { changeLog?.changes ?? [] }

    /// The problems reported so far.
    public var reportedDiagnostics: [Diagnostic] { diagnostics.kept }

    /// Writes `range` of the input unchanged. The cheapest way to pass text through: as
    /// long as a call writes only a prefix of its input this way, nothing is copied.
    @inlinable
    public mutating func passThrough(_ range: Range<Int>, of input: TransformInput) {
        guard !range.isEmpty else { return }
        if bytes.isEmpty && range.lowerBound == forwardedCount
            && (forwardedCount == 0 || forwardedInput.baseAddress == input.bytes.baseAddress)
        {
            forwardedInput = input.bytes
            forwardedCount = range.upperBound
            return
        }
        materializeForwarded()
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: input.bytes[range]))
    }

    /// Copies the forwarded prefix into `bytes`, before anything else is written.
    @inlinable
    mutating func materializeForwarded() {
        guard forwardedCount > 0 else { return }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: forwardedInput[..<forwardedCount]))
        forwardedCount = 0
    }

    /// Called by the engine before each call.
    mutating func beginCall() {
        forwardedCount = 0
        forwardedInput = UnsafeBufferPointer(start: nil, count: 0)
    }

    @inlinable
    public mutating func append(_ byte: UInt8) {
        materializeForwarded()
        bytes.append(byte)
    }

    @inlinable
    public mutating func append(_ buffer: UnsafeBufferPointer<UInt8>) {
        materializeForwarded()
        bytes.append(contentsOf: buffer)
    }

    @inlinable
    public mutating func append(_ buffer: Slice<UnsafeBufferPointer<UInt8>>) {
        materializeForwarded()
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer))
    }

    @inlinable
    public mutating func append(contentsOf bytes: some Sequence<UInt8>) {
        materializeForwarded()
        self.bytes.append(contentsOf: bytes)
    }

    /// Writes `replacement` in place of `range` of `input.bytes` and records the change.
    ///
    /// - Parameters:
    ///   - range: indices into `input.bytes` that are replaced.
    ///   - reason: why; evaluated only when changes are recorded.
    ///   - confidence: how sure the transform is, from 0 to 1, when it guesses.
    ///   - lost: what could not be recovered, when the repair is partial.
    @inlinable
    public mutating func replace(
        _ range: Range<Int>,
        of input: TransformInput,
        with replacement: some Collection<UInt8>,
        reason: @autoclosure () -> String,
        confidence: Double? = nil,
        lost: @autoclosure () -> String? = nil
    ) {
        materializeForwarded()
        bytes.append(contentsOf: replacement)
        guard let changeLog else { return }
        changeLog.record(
            Change(
                transform: transformName,
                range: (input.offset + range.lowerBound)..<(input.offset + range.upperBound),
                original: Array(input.bytes[range]),
                replacement: Array(replacement),
                reason: reason(),
                confidence: confidence,
                lost: lost()
            )
        )
    }

    /// Reports a problem found in the input; the text itself is not changed by this call.
    public mutating func report(
        _ severity: Diagnostic.Severity,
        at range: Range<Int>,
        of input: TransformInput,
        _ message: @autoclosure () -> String
    ) {
        diagnostics.add(
            Diagnostic(
                severity: severity,
                source: transformName,
                range: (input.offset + range.lowerBound)..<(input.offset + range.upperBound),
                message: message()
            )
        )
    }
}
