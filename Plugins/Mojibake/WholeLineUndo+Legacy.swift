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
        while q < bytes.count {
            guard let (scalar, length) = actual.decode(at: q, in: bytes) else { return nil }
            // A pair ending in an ASCII byte is a rare extension of GBK or EUC-KR, or a
            // letter of the text around: the span-by-span search weighs those.
            if length == 2, bytes[q + 1] < 0x80, actual.hasHighPairs { return nil }
            replacement.append(scalar)
            q += length
        }
        stretches.append((line.count, replacement.count, []))
    }
}
