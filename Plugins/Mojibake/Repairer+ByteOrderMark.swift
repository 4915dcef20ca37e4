/// The UTF-8 byte order mark (EF BB BF) read as windows-1252 or Latin-1 ("ï»¿"), or as
/// GBK at a line's start ("锘" and the mark's last byte, BF, with what came after it).
///
/// Windows programs start UTF-8 files with it; a file read with the wrong encoding shows
/// it at the start of the text, and files joined or pasted together show it mid-line
/// ("ï»¿<?xml", "abcï»¿def"). Clean text never has "ï»¿" in a row. Read as GBK, EF BB is
/// 锘 and BF leads a pair with the next byte: an ASCII letter makes a character of it
/// ("锘縣ello" is the mark and "hello"), and "<" none, so a decoder writes U+FFFD or "?"
/// for BF alone ("锘�<?xml"); 锘 is rare enough that only a line's start is taken so. The
/// mark becomes U+FEFF again, which the `normalize` transform removes. The text beside it
/// is repaired as if it were not there: on its own it may be clean, or garbled by another
/// misreading than the mark was.
extension Repairer {
    /// - Parameter lossyMarks: the line's lossy marks, where the caller has found them
    ///   (``LossyMarks/find(in:)``), so that they are not sought again.
    func repairs(of scalars: [UInt32], lossyMarks: [LossyMarks.Mark]? = nil, onlySwapSign: Bool = false) -> [Repair] {
        guard let mark = Self.byteOrderMarkRead(in: scalars[...]) else {
            return repairsBetweenMarks(of: scalars, lossyMarks: lossyMarks, onlySwapSign: onlySwapSign)
        }
        var repairs = repairsBetweenMarks(of: Array(scalars[..<mark.range.lowerBound]))
        repairs.append(Repair(
            range: mark.range, replacement: mark.replacement,
            chain: [Misreading(actual: "utf-8", readAs: mark.readAs)], confidence: 0.99
        ))
        let rest = mark.range.upperBound
        guard rest < scalars.count else { return repairs }
        for var repair in self.repairs(of: Array(scalars[rest...])) {
            repair.range = (repair.range.lowerBound + rest)..<(repair.range.upperBound + rest)
            repairs.append(repair)
        }
        return repairs
    }

    /// The first byte order mark read as text in `scalars`, and what it stands for.
    static func byteOrderMarkRead(in scalars: ArraySlice<UInt32>) -> (range: Range<Int>, replacement: [UInt32], readAs: String)? {
        if scalars.first == 0x9518, scalars.count >= 2, let end = markEndReadAsGBK(scalars[scalars.startIndex + 1]) {
            let next = scalars.startIndex + 2
            switch end {
            case .pairedWith(let letter):
                return (scalars.startIndex..<next, [0xFEFF, letter], "windows-936-2000")
            case .unread where next < scalars.endIndex && scalars[next] == 0x3C:
                return (scalars.startIndex..<next, [0xFEFF], "windows-936-2000")
            case .unread:
                break
            }
        }
        var from = scalars.startIndex
        while let i = scalars[from...].firstIndex(of: 0xEF) {
            if i + 2 < scalars.endIndex, scalars[i + 1] == 0xBB, scalars[i + 2] == 0xBF {
                return (i..<(i + 3), [0xFEFF], "windows-1252")
            }
            from = i + 1
        }
        return nil
    }

    /// What became of the mark's last byte, BF, after 锘.
    private enum MarkEnd {
        /// A decoder wrote U+FFFD or "?" for it.
        case unread
        /// It made a character with this ASCII letter.
        case pairedWith(UInt32)
    }

    /// What the character after 锘 holds of the mark; nil when it is no part of it.
    private static func markEndReadAsGBK(_ scalar: UInt32) -> MarkEnd? {
        if scalar == 0xFFFD || scalar == 0x3F { return .unread }
        guard let gbk = try? LegacyCodec.named("windows-936-2000") else { return nil }
        let packed = gbk.packedBytes(scalar)
        guard packed >> 24 == 2, (packed >> 8) & 0xFF == 0xBF else { return nil }
        let trail = packed & 0xFF
        guard (0x41...0x5A).contains(trail) || (0x61...0x7A).contains(trail) else { return nil }
        return .pairedWith(trail)
    }
}
