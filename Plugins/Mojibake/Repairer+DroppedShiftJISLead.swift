/// Shift-JIS punctuation whose lead byte 81 windows-1252's reading dropped.
///
/// Shift-JIS writes Japanese punctuation as 81 and an ASCII byte (、 is 81 41, ？ 81 48,
/// ー 81 5B). windows-1252 has no character for 81: browsers show a control character,
/// which cleaners drop, and the trail is left standing as ASCII between the repaired
/// stretches, 閉じようとしてんのかH for 閉じようとしてんのか？. Only where nothing else
/// could be meant is it put back: right after Japanese that a stretch of Shift-JIS read as
/// windows-1252 gave, and before the line's end, a space, ASCII punctuation or another
/// such stretch (a letter before a word, "Ascsicmd", may be the word's).
extension Repairer {
    static func restoringDroppedShiftJISLeads(_ repairs: [Repair], in scalars: [UInt32]) -> [Repair] {
        guard repairs.contains(where: isShiftJISReadAsWindows1252) else { return repairs }
        let starts = Set(repairs.filter(isShiftJISReadAsWindows1252).map(\.range.lowerBound))
        return repairs.map { repair in
            let end = repair.range.upperBound
            guard isShiftJISReadAsWindows1252(repair), end < scalars.count, let punctuation = punctuationAfterLead81[scalars[end]],
                  let last = repair.replacement.last, isJapanese(last)
            else { return repair }
            let next = end + 1 < scalars.count ? scalars[end + 1] : nil
            guard next.map({ starts.contains(end + 1) || $0 <= 0x20 || isASCIIPunctuation($0) }) ?? true else { return repair }
            var restored = repair
            restored.range = repair.range.lowerBound..<(end + 1)
            restored.replacement.append(punctuation)
            restored.lost.append(.droppedShiftJISLead(trail: UInt8(scalars[end]), guess: punctuation))
            return restored
        }
    }

    /// (The chain names windows-1252 as told: a reading that kept its C1 controls is
    /// Latin-1's, and had kept the 81 too.)
    private static func isShiftJISReadAsWindows1252(_ repair: Repair) -> Bool {
        repair.chain.count == 1 && repair.chain[0].actual == LegacyCodec.shiftJIS && repair.chain[0].readAs == "windows-1252"
    }

    /// Kana, kanji and Japanese punctuation: what Chinese is written with, and kana.
    private static func isJapanese(_ scalar: UInt32) -> Bool {
        MisalignedStream.isChineseText(scalar) || (0x3040...0x30FF).contains(scalar)
    }

    private static func isASCIIPunctuation(_ scalar: UInt32) -> Bool {
        (0x21...0x2F).contains(scalar) || (0x3A...0x40).contains(scalar) || (0x5B...0x60).contains(scalar) || (0x7B...0x7E).contains(scalar)
    }

    /// The punctuation Shift-JIS writes as 81 and an ASCII byte, by that byte, as ICU's
    /// Shift-JIS reads it: 、。，．・：；？！ and ー, the brackets
    /// （）「」『』.
    private static let punctuationAfterLead81: [UInt32: UInt32] = {
        guard let codec = try? LegacyCodec.named(LegacyCodec.shiftJIS) else { return [:] }
        var table: [UInt32: UInt32] = [:]
        for trail: UInt8 in [0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x5B, 0x69, 0x6A, 0x75, 0x76, 0x77, 0x78] {
            let character = codec.character(lead: 0x81, trail: trail)
            if character != 0 { table[UInt32(trail)] = character }
        }
        return table
    }()
}
