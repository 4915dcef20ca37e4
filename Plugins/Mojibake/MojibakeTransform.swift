import FixTextCore

/// The `mojibake` transform over one stream; see ``MojibakePlugin`` for what it does.
struct MojibakeTransform: Transform {
    /// Lines longer than this are repaired in pieces (a piece may cut a garbled span).
    static let maximumLine = 1 << 20

    let removeLossyMarks: Bool
    let suspicion: SuspicionTable
    /// Made at the first suspicious line: clean text never pays for the encoding tables.
    private var repairer: Repairer?

    var context: TransformContext { .line(maxBytes: Self.maximumLine) }

    init(removeLossyMarks: Bool) throws {
        self.removeLossyMarks = removeLossyMarks
        suspicion = .shared
    }

    mutating func process(_ input: TransformInput, into output: inout TransformOutput) throws -> Int {
        let bytes = input.bytes
        var start = 0
        // Clean text is skipped a chunk at a time; only the lines around a suspicious
        // place are decoded and looked at.
        while start < bytes.count {
            guard let found = suspicion.firstSuspicious(in: UnsafeBufferPointer(rebasing: bytes[start...])) else {
                output.passThrough(start..<bytes.count, of: input)
                break
            }
            let place = start + found
            var lineStart = place
            while lineStart > start, bytes[lineStart - 1] != UInt8(ascii: "\n") { lineStart -= 1 }
            var lineEnd = place
            while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            output.passThrough(start..<lineStart, of: input)
            if repairer == nil { repairer = try Repairer() }
            repair(UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd]), at: lineStart, input, &output)
            if lineEnd < bytes.count { output.passThrough(lineEnd..<(lineEnd + 1), of: input) }
            start = lineEnd + 1
        }
        return bytes.count
    }

    /// Writes `line` (at `start` in the input) with its repairs, reporting each.
    private func repair(_ line: UnsafeBufferPointer<UInt8>, at start: Int, _ input: TransformInput, _ output: inout TransformOutput) {
        let decoded = DecodedLine(line)
        var edits: [(range: Range<Int>, replacement: [UInt32], reason: String, confidence: Double?, lost: String?)] = []
        let repairs = repairer!.repairs(of: decoded.scalars)
        for repair in repairs {
            edits.append((repair.range, repair.replacement, "mojibake: \(repair.chainDescription)", repair.confidence, repair.lost))
        }
        // Lossy marks outside the repaired spans.
        var repaired = [Bool](repeating: false, count: decoded.count)
        for repair in repairs { for i in repair.range { repaired[i] = true } }
        for mark in LossyMarks.find(in: decoded.scalars) where !mark.range.contains(where: { repaired[$0] }) {
            let byteRange = decoded.byteRange(mark.range)
            output.report(.warning, at: (start + byteRange.lowerBound)..<(start + byteRange.upperBound), of: input, "lost text: \(mark.description)")
            if removeLossyMarks {
                edits.append((mark.range, [], "lossy mark removed: \(mark.description)", nil, mark.description))
            }
        }
        edits.sort { $0.range.lowerBound < $1.range.lowerBound }
        var copied = 0
        for edit in edits {
            let byteRange = decoded.byteRange(edit.range)
            // Repairs never overlap; should two ever, the first wins and the text stays whole.
            guard byteRange.lowerBound >= copied else { continue }
            output.passThrough((start + copied)..<(start + byteRange.lowerBound), of: input)
            output.replace(
                (start + byteRange.lowerBound)..<(start + byteRange.upperBound), of: input,
                with: UTF8Scalars.encode(edit.replacement),
                reason: edit.reason, confidence: edit.confidence, lost: edit.lost
            )
            copied = byteRange.upperBound
        }
        output.passThrough((start + copied)..<(start + line.count), of: input)
    }
}
