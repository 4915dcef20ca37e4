/// A rare character alone that is part of UTF-8 read as GBK, in a stretch whose other
/// characters read as common ones: 行了 read so is 琛屼簡, whose 琛 and 簡 are common
/// enough (a name, traditional Chinese), and 屼 alone is rare.
extension ChineseSwapProbe {
    /// Whether the GBK bytes of `scalar` and its neighbours hold the UTF-8 of a Han
    /// character, across `scalar`'s bytes, that is commoner than it by ``commoner``: then
    /// the line is looked at closely (and the repairer still judges it as any line).
    func readsBetterAsUTF8(_ scalar: UInt32, after previous: UInt32, before next: UInt32) -> Bool {
        guard let gbk = codecs?.gbk else { return false }
        var bytes = SIMD8<UInt8>()
        var count = 0
        // A character's GBK bytes, where it has one (ASCII) or two; a neighbour without is
        // left out, and nothing is read across it.
        func append(_ character: UInt32) -> Bool {
            let packed = gbk.packedBytes(character)
            guard character != 0, packed >> 24 == 2 || (packed >> 24 == 1 && character < 0x80) else { return false }
            if packed >> 24 == 2 {
                bytes[count] = UInt8(truncatingIfNeeded: packed >> 8)
                count += 1
            }
            bytes[count] = UInt8(truncatingIfNeeded: packed)
            count += 1
            return true
        }
        _ = append(previous)
        let start = count
        guard append(scalar) else { return false }
        _ = append(next)
        // A sequence of three bytes that takes in at least one of `scalar`'s two.
        for p in max(0, start - 2)...(start + 1) where p + 3 <= count {
            guard (0xE4...0xE9).contains(bytes[p]), bytes[p + 1] & 0xC0 == 0x80, bytes[p + 2] & 0xC0 == 0x80 else { continue }
            // (E4–E9 and two continuation bytes are always a character, U+4000–U+9FFF.)
            let decoded = UInt32(bytes[p] & 0x0F) << 12 | UInt32(bytes[p + 1] & 0x3F) << 6 | UInt32(bytes[p + 2] & 0x3F)
            if LanguageModel.isHan(decoded), model.chineseCost(decoded) + Self.commoner < model.chineseCost(scalar) { return true }
        }
        return false
    }
}
