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
        // Only the last piece carries what was lost at the end of the span.
        guard !result.isEmpty else { return [repair] }
        result[result.count - 1].lost = repair.lost
        return result
    }
}
