import FixTextCore

/// The `mojibake` transform over one stream; see ``MojibakePlugin`` for what it does.
struct MojibakeTransform: Transform {
    /// Lines longer than this are repaired in pieces (a piece may cut a garbled span).
    static let maximumLine = 1 << 20
    /// How far around a suspicious place a long line is looked at, in bytes.
    static let segment = 2048

    let removeLossyMarks: Bool
    let suspicion: SuspicionTable
    /// Made at the first suspicious line: clean text never pays for the encoding tables.
    private var repairer: Repairer?
    /// Asks of a rare character alone whether it is Big5 read as GBK or the reverse.
    private let swapProbe = ChineseSwapProbe()
    /// The suspicious line being repaired, kept from one to the next for its buffers.
    private var decoded = DecodedLine()

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
            guard let found = suspicion.firstSuspicious(in: UnsafeBufferPointer(rebasing: bytes[start...]), probe: swapProbe) else {
                output.passThrough(start..<bytes.count, of: input)
                break
            }
            let place = start + found
            var lineStart = place
            while lineStart > start, bytes[lineStart - 1] != UInt8(ascii: "\n"), place - lineStart < Self.segment {
                lineStart -= 1
            }
            var lineEnd = place
            while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n"), lineEnd - place < Self.segment { lineEnd += 1 }
            // In a very long line only the stretch around the suspicious place is looked at,
            // cut after a space or sentence punctuation or between two ASCII characters (see
            // ``cut(after:in:notBefore:forward:limit:)``), so the work stays in proportion.
            if lineStart > start, bytes[lineStart - 1] != UInt8(ascii: "\n") {
                lineStart = Self.cut(after: lineStart, in: bytes, notBefore: start, forward: true, limit: place)
            }
            let endsLine = lineEnd >= bytes.count || bytes[lineEnd] == UInt8(ascii: "\n")
            if !endsLine {
                lineEnd = Self.cut(after: lineEnd, in: bytes, notBefore: place + 1, forward: false, limit: place + 1)
            }
            output.passThrough(start..<lineStart, of: input)
            if repairer == nil { repairer = try Repairer() }
            repair(UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd]), at: lineStart, input, &output)
            if endsLine {
                if lineEnd < bytes.count { output.passThrough(lineEnd..<(lineEnd + 1), of: input) }
                start = lineEnd + 1
            } else {
                start = lineEnd
            }
        }
        return bytes.count
    }

    /// The nearest place to `index` that follows a space or a sentence punctuation mark,
    /// or lies between two ASCII characters (searching forward to `limit`, or backward
    /// down to `notBefore`), or `index` itself.
    ///
    /// Every decoder reads an ASCII byte as itself. In GBK, Big5 and Shift-JIS an ASCII
    /// byte is a character, or the second byte that ends one; only GB18030's four-byte
    /// form has one inside (its second byte is a digit), and never two in a row. So a cut
    /// between two ASCII bytes splits no character, garbled or not: each piece of a line
    /// garbled whole is still garbled whole, and repaired as such. (Not next to "?", which
    /// may stand for a byte of the character before: it keeps its neighbours.)
    static func cut(after index: Int, in bytes: UnsafeBufferPointer<UInt8>, notBefore floor: Int, forward: Bool, limit: Int) -> Int {
        func isCut(_ k: Int) -> Bool {
            guard k > 0, k <= bytes.count else { return false }
            if bytes[k - 1] == 0x20 { return true }
            if k < bytes.count, bytes[k - 1] < 0x80, bytes[k] < 0x80, bytes[k - 1] != 0x3F, bytes[k] != 0x3F { return true }
            guard k >= 3 else { return false }
            // 。 and the full-width ，！？；
            let a = bytes[k - 3], b = bytes[k - 2], c = bytes[k - 1]
            return (a == 0xE3 && b == 0x80 && c == 0x82) || (a == 0xEF && b == 0xBC && [0x8C, 0x81, 0x9F, 0x9B].contains(c))
        }
        var k = index
        if forward {
            while k < limit { if isCut(k) { return k }; k += 1 }
        } else {
            while k > floor { if isCut(k) { return k }; k -= 1 }
        }
        // No good place: cut at a character boundary.
        var boundary = index
        while boundary > floor, boundary < bytes.count, bytes[boundary] & 0xC0 == 0x80 { boundary -= 1 }
        return boundary
    }

    /// Writes `line` (at `start` in the input) with its repairs, reporting each.
    private mutating func repair(_ line: UnsafeBufferPointer<UInt8>, at start: Int, _ input: TransformInput, _ output: inout TransformOutput) {
        decoded.decode(line)
        // (A repair that changes nothing and reports no loss, such as a "?" the decoder
        // wrote at the end of a stretch read as one, is no change to report.)
        // The line's lossy marks, found once: the repairer claims them, and those outside
        // its repairs are reported here.
        let marks = LossyMarks.mayHaveMarks(decoded.scalars) ? LossyMarks.find(in: decoded.scalars) : []
        // (The scan that found the line says whether the swap probe alone sent it on.)
        let found = repairer!.repairs(of: decoded.scalars, lossyMarks: marks, onlySwapSign: swapProbe.lastFinding == .swap)
        let repairs = Repairer.restoringDroppedShiftJISLeads(Repairer.closingSwallowedQuotes(found, in: decoded.scalars), in: decoded.scalars).filter {
            !$0.lost.isEmpty || !decoded.scalars[$0.range].elementsEqual($0.replacement)
        }
        // What each edit is, by index: its reason and losses are described only when
        // someone records changes (``TransformOutput/replace`` takes them as autoclosures).
        enum Source { case repair(Int), mark(Int) }
        var edits: [(range: Range<Int>, source: Source)] = repairs.indices.map { (repairs[$0].range, .repair($0)) }
        // Lossy marks outside the repaired spans.
        if !marks.isEmpty {
            var repaired = [Bool](repeating: false, count: decoded.count)
            for repair in repairs { for i in repair.range { repaired[i] = true } }
            for (index, mark) in marks.enumerated() where !mark.range.contains(where: { repaired[$0] }) {
                let byteRange = decoded.byteRange(mark.range)
                output.report(.warning, at: (start + byteRange.lowerBound)..<(start + byteRange.upperBound), of: input, "lost text: \(mark.description)")
                if removeLossyMarks { edits.append((mark.range, .mark(index))) }
            }
        }
        edits.sort { $0.range.lowerBound < $1.range.lowerBound }
        var copied = 0
        for edit in edits {
            let byteRange = decoded.byteRange(edit.range)
            // Repairs never overlap; should two ever, the first wins and the text stays whole.
            guard byteRange.lowerBound >= copied else { continue }
            output.passThrough((start + copied)..<(start + byteRange.lowerBound), of: input)
            let range = (start + byteRange.lowerBound)..<(start + byteRange.upperBound)
            switch edit.source {
            case .repair(let index):
                // (Read in place: the reason and losses are autoclosures, and a copy of the
                // repair for them would retain each of its arrays.)
                output.replace(
                    range, of: input, with: UTF8Scalars.encode(repairs[index].replacement),
                    reason: "mojibake: \(repairs[index].chainDescription)", confidence: repairs[index].confidence,
                    lost: Loss.describe(repairs[index].lost)
                )
            case .mark(let index):
                output.replace(
                    range, of: input, with: EmptyCollection<UInt8>(),
                    reason: "lossy mark removed: \(marks[index].description)", confidence: nil, lost: marks[index].description
                )
            }
            copied = byteRange.upperBound
        }
        output.passThrough((start + copied)..<(start + line.count), of: input)
    }
}
