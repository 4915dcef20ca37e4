/// "ï»¿", the UTF-8 byte order mark (EF BB BF) read as windows-1252 or Latin-1.
///
/// Windows programs start UTF-8 files with it; a file read with the wrong encoding shows
/// it at the start of the text, and files joined or pasted together show it mid-line
/// ("ï»¿<?xml", "abcï»¿def"). Clean text never has these three characters in a row.
/// They become U+FEFF again, which the `normalize` transform removes. The text beside
/// them is repaired as if they were not there: on its own it may be clean, or garbled by
/// another misreading than the mark was.
extension Repairer {
    func repairs(of scalars: [UInt32]) -> [Repair] {
        guard let mark = Self.byteOrderMarkRead(in: scalars[...]) else { return repairsBetweenMarks(of: scalars) }
        var repairs = repairsBetweenMarks(of: Array(scalars[..<mark]))
        repairs.append(Repair(
            range: mark..<(mark + 3), replacement: [0xFEFF],
            chain: [Misreading(actual: "utf-8", readAs: "windows-1252")], confidence: 0.99
        ))
        let rest = mark + 3
        guard rest < scalars.count else { return repairs }
        for var repair in self.repairs(of: Array(scalars[rest...])) {
            repair.range = (repair.range.lowerBound + rest)..<(repair.range.upperBound + rest)
            repairs.append(repair)
        }
        return repairs
    }

    /// Where "ï»¿" first stands in `scalars`.
    static func byteOrderMarkRead(in scalars: ArraySlice<UInt32>) -> Int? {
        var from = scalars.startIndex
        while let i = scalars[from...].firstIndex(of: 0xEF) {
            if i + 2 < scalars.endIndex, scalars[i + 1] == 0xBB, scalars[i + 2] == 0xBF { return i }
            from = i + 1
        }
        return nil
    }
}
