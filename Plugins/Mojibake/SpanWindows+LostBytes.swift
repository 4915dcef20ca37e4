import FixTextCore

/// Bytes that UTF-8 read as windows-1252 lost after the misreading, found again where the
/// rest of a character stands without them.
extension SpanWindows {
    /// A UTF-8 sequence one or two of whose bytes were 81, 8D, 8F, 90 or 9D, which
    /// windows-1252 has no character for: browsers show them as C1 controls, and text
    /// cleaners, copy and paste and XML writers drop those. 不 is E4 B8 8D, and "ä¸å­˜åœ¨"
    /// is what is left of 不存在; 十, 小, 子, 位, 前, 品, 意, 提 and あ lose a byte the same
    /// way, and 反 (E5 8F 8D) two. See ``restoringDroppedControls(at:in:model:)``; the
    /// evidence weighs the stretch as for any other repair.
    func decodeWithDroppedControl(at q: Int) -> (UInt32, Int)? {
        // Among East Asian text only, a whole character of it within 24 bytes on either
        // side: in Latin text "çã" (E7 E3, of "ação" beside some mojibake) would otherwise
        // become a Chinese character.
        guard hasEastAsianCharacter(near: q) else { return nil }
        return run.bytes.withUnsafeBufferPointer { Self.restoringDroppedControls(at: q, in: $0, model: evidence.model) }
            .map { ($0.scalar, $0.present) }
    }

    /// The character whose UTF-8 starts at `q` of `bytes` but lacks one or two of its
    /// continuation bytes, those being among the five windows-1252 has no character for,
    /// with how many bytes of it are there: of the characters the five make in the gaps,
    /// the likeliest between its neighbours. Only East Asian characters and the dashes and
    /// quotes they are written with (three bytes in UTF-8: ” is E2 80 9D) are put back:
    /// the two-byte letters a dropped byte would make ("א" from "×") are likelier to be
    /// the letter soup of GBK or EUC-KR read as windows-1252, which other readings repair.
    /// - Parameter decided: the character before, when a repair has already decided it
    ///   (the bytes before may be cut short themselves).
    static func restoringDroppedControls(
        at q: Int, in bytes: UnsafeBufferPointer<UInt8>, after decided: UInt32? = nil, model: LanguageModel
    ) -> (scalar: UInt32, present: Int)? {
        guard UTF8Boundaries.sequenceLength(lead: bytes[q]) == 3 else { return nil }
        let length = 3
        var present = 1
        while present < length, q + present < bytes.count, bytes[q + present] & 0xC0 == 0x80 { present += 1 }
        let missing = length - present
        guard missing >= 1 else { return nil }
        let previous = decided ?? (q > 0 ? UTF8Scalars.scalar(endingAt: q, in: bytes) : nil)
        let following = q + present < bytes.count ? UTF8Scalars.scalar(at: q + present, in: bytes) : nil
        // What comes next starts another character beyond ASCII, or the character before
        // is East Asian: a Latin letter of clean text beside the mojibake ("é " in
        // "café 中文", E9 and a space) is no character cut short. With only the lead left,
        // an East Asian character must stand whole on one side.
        let afterEastAsian = previous.map(isEastAsian) == true
        let nextIsLead = q + present < bytes.count && bytes[q + present] >= 0xC2
        guard nextIsLead || afterEastAsian else { return nil }
        if missing == 2 { guard following.map(isEastAsian) == true || afterEastAsian && nextIsLead else { return nil } }
        // Hangul only beside Hangul (ë at a line's end would be 끝).
        let besideHangul = previous.map(WholeLineUndo.isHangul) == true || following.map(WholeLineUndo.isHangul) == true
        var best: (scalar: UInt32, cost: Int)?
        // Each candidate is weighed with its neighbours in the one language that reads all
        // three best: 小 and 對 are E5 B0 8F and E5 B0 8D, and after 我是 the simplified one.
        var window: [UInt32] = [previous ?? 0x20, 0, following ?? 0x20]
        func weigh(_ sequence: SIMD4<UInt8>) {
            guard let scalar = WholeLineUndo.scalar(of: sequence, length: length),
                  isEastAsianCharacter(scalar) || (0x2010...0x2027).contains(scalar),
                  besideHangul || !WholeLineUndo.isHangul(scalar)
            else { return }
            window[1] = scalar
            let cost = window.withUnsafeBufferPointer { model.bestLanguage(for: $0).cost }
            if cost < best?.cost ?? .max { best = (scalar, cost) }
        }
        var sequence = SIMD4<UInt8>()
        sequence[0] = bytes[q]
        if missing == 2 {
            for second in droppedControls {
                for third in droppedControls {
                    sequence[1] = second
                    sequence[2] = third
                    weigh(sequence)
                }
            }
        } else {
            // A character's last byte A0 before the end or ASCII: the no-break space the
            // misreading made of it was trimmed as trailing white space (上传 read so is
            // "ä¸Šä¼ ", and at a line's end "ä¸Šä¼"). Before a space, that space is the
            // byte, made a plain one (see ``spaceAsNoBreakSpace(at:in:)``).
            let beforeEnd = q + present == bytes.count || bytes[q + present] < 0x80 && bytes[q + present] != 0x20
            for gap in 1..<length {
                for dropped in gap == length - 1 && beforeEnd ? droppedControlsOrNoBreakSpace : droppedControls {
                    for k in 1..<length { sequence[k] = k < gap ? bytes[q + k] : k == gap ? dropped : bytes[q + k - 1] }
                    weigh(sequence)
                }
            }
        }
        return best.map { ($0.scalar, present) }
    }

    /// Whether the run's bytes within 24 of `q` hold a whole East Asian character.
    private func hasEastAsianCharacter(near q: Int) -> Bool {
        run.bytes.withUnsafeBufferPointer { buffer in
            var k = max(0, q - 24)
            let end = min(buffer.count, q + 24)
            while k < end {
                if buffer[k] >= 0xE0, let (scalar, length) = UTF8Scalars.decode(at: k, in: buffer, limit: end) {
                    if Self.isEastAsian(scalar) { return true }
                    k += length
                } else {
                    k += 1
                }
            }
            return false
        }
    }

    /// The East Asian character whose UTF-8 at `q` of `bytes` has a space for its last
    /// byte: A0, which the misreading made a no-break space and a cleaner a plain one
    /// (你使用 is "ä½ ä½¿ç”¨"), as ``decodeWithLostNoBreakSpace(at:)`` takes it in a stretch.
    static func spaceAsNoBreakSpace(at q: Int, in bytes: UnsafeBufferPointer<UInt8>) -> UInt32? {
        guard UTF8Boundaries.sequenceLength(lead: bytes[q]) == 3, q + 2 < bytes.count, bytes[q + 1] & 0xC0 == 0x80, bytes[q + 2] == 0x20
        else { return nil }
        let scalar = UInt32(bytes[q] & 0x0F) << 12 | UInt32(bytes[q + 1] & 0x3F) << 6 | UInt32(0xA0 & 0x3F)
        return isEastAsianCharacter(scalar) ? scalar : nil
    }

    /// The bytes windows-1252 has no character for.
    static let droppedControls: [UInt8] = [0x81, 0x8D, 0x8F, 0x90, 0x9D]
    /// Those, and A0, which windows-1252 reads as a no-break space.
    static let droppedControlsOrNoBreakSpace: [UInt8] = droppedControls + [0xA0]

    /// A UTF-8 sequence one of whose bytes was 0xA0, which the misreading made a no-break
    /// space and something later a plain space or nothing: "Ã " for à, "à¸ " for ภ. Where
    /// the space is inside the sequence, it was the byte; after "Ã" (C3, the commonest
    /// case: French and Portuguese à), a space followed by a word is the real space after
    /// à and the byte is gone, except in àquele, àquela, àquilo and às.
    func decodeWithLostNoBreakSpace(at q: Int) -> (UInt32, Int)? {
        let bytes = run.bytes
        let length = UTF8Boundaries.sequenceLength(lead: bytes[q])
        guard length > 1, q + 1 < bytes.count else { return nil }
        var sequence = Array(bytes[q..<min(bytes.count, q + length)])
        guard let space = sequence.firstIndex(of: 0x20), space > 0 else { return nil }
        sequence[space] = 0xA0
        guard sequence.count == length,
              let (scalar, _) = sequence.withUnsafeBufferPointer({ UTF8Scalars.decode(at: 0, in: $0, limit: length) })
        else { return nil }
        // An Arabic or Hebrew letter glued to the ASCII word after the space is no word:
        // "the Ø symbol" is no ؠ (D8 A0) and "symbol". (Cyrillic may end a word before
        // one: "для PUSH" read so lost я's 8F, and Ѡ there keeps the line's reading whole.)
        if length == 2, q + 2 < bytes.count, Self.isASCIILetter(UInt32(bytes[q + 2])), ScriptClass(scalar) == .other { return nil }
        if length == 2, bytes[q] == 0xC3, trustsSingleCharacters, q + 2 < bytes.count, bytes[q + 2] != 0x20 {
            let rest = bytes[(q + 2)..<min(bytes.count, q + 8)]
            let joined = Self.wordsAfterAGrave.contains { rest.starts(with: $0) }
            return (scalar, joined ? 2 : 1)
        }
        return (scalar, length)
    }

    /// Portuguese words that begin with à, whose space ftfy's rule also takes back.
    static let wordsAfterAGrave: [[UInt8]] = ["quele", "quela", "quilo", "s "].map { Array($0.utf8) }

    /// Whether what `range` has beyond ASCII is all general punctuation's UTF-8 read as
    /// code page 437, three characters each (see ``Repairer/isPunctuationReadAsDOS(_:in:)``):
    /// “ world ” from ΓÇ£ world ΓÇ¥, which is evidence however few they are.
    func isConsolePunctuation(_ range: Range<Int>) -> Bool {
        var k = range.lowerBound, found = false
        while k < range.upperBound {
            guard scalars[k] >= 0x80 else {
                k += 1
                continue
            }
            guard k + 3 <= range.upperBound, Repairer.isPunctuationReadAsDOS(k, in: scalars) else { return false }
            found = true
            k += 3
        }
        return found
    }
}
