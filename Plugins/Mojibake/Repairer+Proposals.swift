import FixTextCore

/// How a line's proposals are gathered and chosen among: the lossy marks no reading
/// repairs, the C1 controls of windows-1252 read as Latin-1, and the choice of proposals
/// that do not overlap.
extension Repairer {
    /// Where the lossy marks of `scalars` stand (锟斤拷, U+FFFD: see LossyMarks), and how
    /// many characters they cover; found once for the line, by the test for a line of lossy
    /// marks only, the test for a line mostly lost and the slipped-stream search, whose
    /// runs pass through none. (Nil where the line has none, most lines: then nothing is
    /// allocated.)
    /// (`marks` are the line's, where the caller has found them.)
    static func lostText(in scalars: [UInt32], marks: [LossyMarks.Mark]? = nil) -> (claimed: [Bool]?, count: Int) {
        guard marks != nil || LossyMarks.mayHaveMarks(scalars) else { return (nil, 0) }
        let marks = marks ?? LossyMarks.find(in: scalars)
        guard !marks.isEmpty else { return (nil, 0) }
        var claimed = [Bool](repeating: false, count: scalars.count), count = 0
        for mark in marks {
            for k in mark.range { claimed[k] = true }
            count += mark.range.count
        }
        return (claimed, count)
    }

    /// Whether `codec` gives every character of `scalars` beyond ASCII the bytes `other`
    /// gives it. (The codecs are fetched once by the caller: each fetch counts a reference.)
    static func sameBytes(_ scalars: [UInt32], _ codec: LegacyCodec, as other: LegacyCodec) -> Bool {
        scalars.allSatisfy { $0 < 0x80 || codec.sameBytes($0, as: other) }
    }

    /// Proposals that do not overlap, those that save the most first, in line order.
    static func choose(from proposals: [Repair], count: Int) -> [Repair] {
        var claimed = [Bool](repeating: false, count: count)
        var chosen: [Repair] = []
        for repair in proposals.sorted(by: { $0.saving > $1.saving }) where !repair.range.contains(where: { claimed[$0] }) {
            for i in repair.range { claimed[i] = true }
            chosen.append(repair)
        }
        return chosen.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// C1 control characters where windows-1252 has a character: text in windows-1252
    /// read as Latin-1 ("\u{84}Handwerk\u{93}" for „Handwerk“). Real text has no C1
    /// controls, so each is evidence enough; a repair of a longer span that covers it
    /// saves more and wins.
    func controlCharacterRepairs(of scalars: [UInt32]) -> [Repair] {
        guard scalars.contains(where: { (0x80...0x9F).contains($0) }) else { return [] }
        let cp1252 = windows1252.value
        let misreading = Misreading(actual: "windows-1252", readAs: "iso-8859-1")
        return scalars.indices.compactMap { i in
            guard (0x80...0x9F).contains(scalars[i]), let (scalar, _) = cp1252.decode(at: 0, in: [UInt8(scalars[i])]),
                  !(0x80...0x9F).contains(scalar)
            else { return nil }
            // Beside East Asian characters it is a byte of double-byte mojibake (Big5 and
            // Shift-JIS decoders read 80 as U+0080), not a windows-1252 symbol.
            if (i > 0 && SpanWindows.isEastAsian(scalars[i - 1])) || (i + 1 < scalars.count && SpanWindows.isEastAsian(scalars[i + 1])) {
                return nil
            }
            // A small saving: any repair of a longer span that covers it wins.
            return Repair(range: i..<(i + 1), replacement: [scalar], chain: [misreading], confidence: 0.9, saving: 1)
        }
    }
}
