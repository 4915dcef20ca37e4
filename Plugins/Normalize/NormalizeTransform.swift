import FixTextCore
import FixTextICU

/// The `normalize` transform over one stream; see ``NormalizePlugin`` for what it does.
struct NormalizeTransform: Transform {
    /// The longest run of characters that combine with each other that is normalized as one
    /// segment; longer runs (only seen in deliberately garbled text) are cut here.
    static let maximumSegment = 4096

    let table: CodePointClassTable
    /// The scalar just before the input still to come, for the zero-width rule; nil at the
    /// start of the stream or after bytes that are not UTF-8.
    private var scalarBefore: UInt32?
    private var scratch: [UInt8] = []

    var context: TransformContext { .window(maxHeldBytes: Self.maximumSegment + 8) }

    init(_ options: NormalizeOptions) throws {
        table = try CodePointClassTable.shared(for: options)
    }

    mutating func process(_ input: TransformInput, into output: inout TransformOutput) throws -> Int {
        let bytes = input.bytes
        let end = input.isEnd ? bytes.count : holdPoint(bytes)
        var pass = Pass(bytes: bytes, end: end, table: table)
        let consumed = try pass.run(input, &output, scalarBefore: scalarBefore)
        if consumed > 0 { scalarBefore = UTF8Scalars.scalar(endingAt: consumed, in: bytes) }
        return consumed
    }

    /// Where to stop when more input will follow: before the last character that starts a
    /// normalization segment, so that what comes next can still combine with it, look at
    /// it, or complete it.
    private func holdPoint(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var point = bytes.count - UTF8Boundaries.incompleteSuffixLength(bytes)
        while point > 0 {
            let start = UTF8Scalars.start(ofScalarEndingAt: point, in: bytes)
            point = start
            guard let scalar = UTF8Scalars.scalar(at: start, in: bytes) else { break }
            if table.classify(scalar).isBoundary { break }
            if bytes.count - point > Self.maximumSegment { break }
        }
        return point
    }
}

/// One call's walk over the input: copies clean runs, and replaces what must change.
private struct Pass {
    let bytes: UnsafeBufferPointer<UInt8>
    /// Bytes from here on are only looked at, not processed.
    let end: Int
    let table: CodePointClassTable
    /// The first byte not yet written to the output.
    var copied = 0

    init(bytes: UnsafeBufferPointer<UInt8>, end: Int, table: CodePointClassTable) {
        self.bytes = bytes
        self.end = end
        self.table = table
    }

    /// Returns how far it got: `end`, or one byte past it when a CRLF straddles it.
    mutating func run(_ input: TransformInput, _ output: inout TransformOutput, scalarBefore: UInt32?) throws -> Int {
        let p = bytes.baseAddress
        let blocks = table.plainThreeByteBlocks
        var i = 0
        while i < end {
            // The fast path: printable ASCII, and three-byte characters from blocks where
            // nothing changes (all of CJK).
            let lead = p.unsafelyUnwrapped[i]
            if lead >= 0x20 && lead < 0x7F || lead == 0x0A || lead == 0x09 {
                i &+= 1
                continue
            }
            if lead & 0xF0 == 0xE0 && i &+ 2 < end {
                let second = p.unsafelyUnwrapped[i &+ 1], third = p.unsafelyUnwrapped[i &+ 2]
                if second & 0xC0 == 0x80 && third & 0xC0 == 0x80
                    && blocks[Int(lead & 0x0F) << 6 | Int(second & 0x3F)]
                {
                    i &+= 3
                    continue
                }
            }
            i = try slowPath(at: i, input, &output, scalarBefore: scalarBefore)
        }
        let consumed = max(i, end)
        flush(upTo: consumed, input, &output)
        return consumed
    }

    private mutating func flush(upTo index: Int, _ input: TransformInput, _ output: inout TransformOutput) {
        if index > copied {
            output.passThrough(copied..<index, of: input)
        }
        copied = max(copied, index)
    }

    private mutating func replace(
        _ range: Range<Int>, with replacement: some Collection<UInt8>,
        _ input: TransformInput, _ output: inout TransformOutput, _ reason: @autoclosure () -> String
    ) {
        flush(upTo: range.lowerBound, input, &output)
        output.replace(range, of: input, with: replacement, reason: reason())
        copied = range.upperBound
    }

    /// Handles the character at `i` and returns where the next one starts.
    private mutating func slowPath(at i: Int, _ input: TransformInput, _ output: inout TransformOutput, scalarBefore: UInt32?) throws -> Int {
        guard let (scalar, length) = UTF8Scalars.decode(at: i, in: bytes, limit: bytes.count) else {
            return i + 1 // not UTF-8: passes through
        }
        let next = i + length
        switch table.classify(scalar) {
        case .plain:
            return next
        case .carriageReturn:
            if next < bytes.count && bytes[next] == UInt8(ascii: "\n") {
                replace(i..<(next + 1), with: [UInt8(ascii: "\n")], input, &output, "CRLF line ending → LF")
                return next + 1
            }
            replace(i..<next, with: [UInt8(ascii: "\n")], input, &output, "CR line ending → LF")
        case .control:
            replace(i..<next, with: EmptyCollection(), input, &output, "control character \(UTF8Scalars.name(scalar)) removed")
        case .byteOrderMark:
            replace(i..<next, with: EmptyCollection(), input, &output,
                    input.offset + i == 0 ? "byte order mark removed" : "zero-width no-break space U+FEFF removed")
        case .oddSpace:
            replace(i..<next, with: [UInt8(ascii: " ")], input, &output, "\(UTF8Scalars.name(scalar)) → space")
        case .fullWidthAlphanumeric:
            let ascii = UInt8(scalar - 0xFF00 + 0x20)
            replace(i..<next, with: [ascii], input, &output, "full-width \(UTF8Scalars.name(scalar)) → '\(Character(Unicode.Scalar(ascii)))'")
        case .zeroWidth:
            let before = i > 0 ? UTF8Scalars.scalar(endingAt: i, in: bytes) : scalarBefore
            let after = next < bytes.count ? UTF8Scalars.decode(at: next, in: bytes, limit: bytes.count)?.scalar : nil
            if Self.isChineseOrASCIIContext(before) || Self.isChineseOrASCIIContext(after) {
                replace(i..<next, with: EmptyCollection(), input, &output, "\(UTF8Scalars.name(scalar)) removed beside Chinese or ASCII text")
            }
        case .normalizationCandidate:
            return try normalizeSegment(around: i, input, &output)
        }
        return next
    }

    /// Zero-width characters are garbage next to Han, kana, Hangul, CJK punctuation and
    /// ASCII (and at the edges of the text); elsewhere (emoji sequences, Indic and Arabic
    /// scripts) they carry meaning.
    static func isChineseOrASCIIContext(_ scalar: UInt32?) -> Bool {
        guard let scalar else { return true }
        switch scalar {
        case 0..<0x80, 0x2E80...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF, 0xFF00...0xFFEF, 0x20000...0x3FFFF:
            return true
        default:
            return false
        }
    }

    /// Normalizes the segment around the candidate at `i`: from the last boundary before
    /// it to the next boundary after it.
    private mutating func normalizeSegment(around i: Int, _ input: TransformInput, _ output: inout TransformOutput) throws -> Int {
        var start = i
        while start > copied {
            let previous = UTF8Scalars.start(ofScalarEndingAt: start, in: bytes)
            guard let scalar = UTF8Scalars.scalar(at: previous, in: bytes) else { break }
            start = previous
            if table.classify(scalar).isBoundary || i - start > NormalizeTransform.maximumSegment { break }
        }
        var stop = i
        while stop < end {
            guard let (scalar, length) = UTF8Scalars.decode(at: stop, in: bytes, limit: bytes.count) else { break }
            if stop > i && table.classify(scalar).isBoundary { break }
            stop += length
            if stop - start > NormalizeTransform.maximumSegment { break }
        }
        guard let normalizer = table.normalizer else { return stop }
        let segment = UnsafeBufferPointer(rebasing: bytes[start..<stop])
        let normalized = try normalizer.normalize(utf8: segment)
        if !normalized.elementsEqual(segment) {
            let form = table.options.form.rawValue.uppercased()
            replace(start..<stop, with: normalized, input, &output, "Unicode \(form) normalization")
        }
        return stop
    }
}
