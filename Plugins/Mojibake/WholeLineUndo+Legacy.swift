import FixTextCore

/// Double-byte text read as a single-byte encoding, undone over a whole line.
extension WholeLineUndo {
    /// Double-byte text (GBK, Big5, EUC-KR, Shift-JIS) read as a single-byte encoding:
    /// nil unless every character has its byte there and the bytes decode as `actual`
    /// throughout, and are not UTF-8 (which another misreading explains).
    init?(legacy actual: LegacyCodec, readAs: LegacyCodec, _ line: ArraySlice<UInt32>) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(line.count)
        for scalar in line {
            guard readAs.encode(scalar, into: &bytes) else { return nil }
        }
        // Bytes that are UTF-8 (all of them, or most in long sequences) are likelier UTF-8
        // read as something else: "Ă®nceĹŁ" read back from windows-1250 is UTF-8 for
        // "înceţ", not GBK for "卯nce牛"; the span-by-span search weighs the two.
        guard !RunBytes.isMostlyUTF8(bytes), !Self.isUTF8(bytes) else { return nil }
        replacement.reserveCapacity(line.count)
        var q = 0
        var highPairs = 0, asciiTrailPairs = 0
        while q < bytes.count {
            guard let (scalar, length) = actual.decode(at: q, in: bytes) else { return nil }
            if length == 2 && actual.hasHighPairs {
                if bytes[q + 1] >= 0x80 {
                    highPairs += 1
                } else {
                    // A pair ending in an ASCII byte is a Han character of GBK's or EUC-KR's
                    // extension (玥 in a name, «h read as Latin-1), or a letter of Western
                    // text after an accented one (éd). Only a few, among pairs above ASCII.
                    guard LanguageModel.isHan(scalar) else { return nil }
                    asciiTrailPairs += 1
                }
            }
            replacement.append(scalar)
            q += length
        }
        guard asciiTrailPairs * Self.highPairsPerASCIITrail <= highPairs else { return nil }
        stretches.append((line.count, replacement.count, []))
    }

    /// How many pairs above ASCII a line read back as GBK or EUC-KR must have for each pair
    /// that ends in an ASCII byte. Else the span-by-span search weighs those.
    static let highPairsPerASCIITrail = 16
}
