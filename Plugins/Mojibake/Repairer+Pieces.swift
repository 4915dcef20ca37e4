import FixTextCore

extension Repairer {
    /// A repair cut at the ASCII characters it leaves as they are, so that each change
    /// covers only garbled text: `Ã© and ä¸­` is two repairs, not one.
    ///
    /// Both sides index the same bytes: the garbled characters in the read-as encoding,
    /// the repaired ones in the actual encoding, and an ASCII character is one byte in
    /// both, at the same place.
    func pieces(of repair: Repair, in scalars: [UInt32], readAs: LegacyCodec, actual: LegacyCodec?) -> [Repair] {
        // Without ASCII in it, a repair is one piece.
        guard scalars[repair.range].contains(where: { $0 < 0x80 }) else { return [repair] }
        var result: [Repair] = []
        let original = Array(scalars[repair.range])
        let replacement = repair.replacement
        var i = 0, j = 0, originalByte = 0, replacementByte = 0
        var pieceStart = (i: 0, j: 0)
        // Each piece is made new, not copied from the repair: a copy would retain, and then
        // release, arrays the piece replaces.
        func close() {
            guard i > pieceStart.i || j > pieceStart.j else { return }
            result.append(Repair(
                range: (repair.range.lowerBound + pieceStart.i)..<(repair.range.lowerBound + i),
                replacement: Array(replacement[pieceStart.j..<j]), chain: repair.chain, confidence: repair.confidence,
                saving: repair.saving
            ))
        }
        while i < original.count || j < replacement.count {
            if i < original.count, j < replacement.count, originalByte == replacementByte,
               original[i] < 0x80, replacement[j] == original[i]
            {
                close()
                i += 1
                j += 1
                originalByte += 1
                replacementByte += 1
                pieceStart = (i, j)
            } else if j >= replacement.count || (i < original.count && originalByte <= replacementByte) {
                originalByte += readAs.byteCount(original[i])
                i += 1
            } else {
                replacementByte += actual?.byteCount(replacement[j]) ?? UTF8Scalars.length(of: replacement[j])
                j += 1
            }
        }
        close()
        // Where bytes were lost or gained inside (a pair taken out as private use, a "?"
        // for two bytes), the two sides' offsets no longer meet at the ASCII after it, and
        // pieces cut there would pair text with what it is not: the repair is one piece,
        // less the ASCII it leaves as it was at either end.
        guard originalByte == replacementByte else {
            let trimmed = Self.trimmed(repair, in: scalars)
            return trimmed.range.isEmpty && trimmed.replacement.isEmpty ? [repair] : [trimmed]
        }
        // A piece that changes nothing (a "?" the decoder wrote for a "?") is no change.
        result.removeAll { scalars[$0.range].elementsEqual($0.replacement) }
        guard !result.isEmpty else { return [repair] }
        // Only the last piece carries what was lost at the end of the span.
        result[result.count - 1].lost = repair.lost
        return result
    }

    /// `repair` without the ASCII characters it keeps as they are at its start and end.
    static func trimmed(_ repair: Repair, in scalars: [UInt32]) -> Repair {
        var lower = repair.range.lowerBound, upper = repair.range.upperBound
        var first = 0, last = repair.replacement.count
        while lower < upper, first < last, scalars[lower] < 0x80, scalars[lower] == repair.replacement[first] {
            lower += 1
            first += 1
        }
        while lower < upper, first < last, scalars[upper - 1] < 0x80, scalars[upper - 1] == repair.replacement[last - 1] {
            upper -= 1
            last -= 1
        }
        var trimmed = repair
        trimmed.range = lower..<upper
        trimmed.replacement = Array(repair.replacement[first..<last])
        return trimmed
    }
}
