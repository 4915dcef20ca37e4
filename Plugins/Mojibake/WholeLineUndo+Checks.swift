import FixTextCore

/// What a whole-line undo must show before it is weighed: enough of the misreading's
/// shape, and none of what mix-ups make left over.
extension WholeLineUndo {
    /// Whether nothing was lost or guessed.
    var isLossless: Bool { stretches.allSatisfy { $0.losses.isEmpty } }

    /// Whether all that was guessed is bytes put back where windows-1252's undefined ones
    /// had been dropped, and nothing was lost: the innermost layer of text garbled twice
    /// may be so (its bytes 81, 8D, 8F, 90 and 9D were C1 controls in the layer above,
    /// which a second reading dropped).
    var onlyRestoredDroppedBytes: Bool {
        lostMarks.isEmpty && stretches.allSatisfy { stretch in
            stretch.losses.allSatisfy { if case .restoredBytes = $0 { true } else { false } }
        }
    }

    /// Whether the change is more than one character, and of the kind the misreading
    /// makes: UTF-8 read as a double-byte encoding gives East Asian characters, and
    /// double-byte text read as windows-1252 Latin letter soup.
    func isEnoughEvidence(against line: ArraySlice<UInt32>, actualIsUTF8: Bool) -> Bool {
        guard replacement.count(where: { $0 >= 0x80 && $0 != 0xFFFD }) >= 2 else { return false }
        if actualIsUTF8 {
            var nonASCII = 0, eastAsian = 0
            for scalar in line where scalar >= 0x80 {
                nonASCII += 1
                if SpanWindows.isEastAsian(scalar) { eastAsian += 1 }
            }
            // A single-byte reading makes no East Asian characters; a double-byte one makes
            // little else.
            return eastAsian == 0 || eastAsian * 2 >= nonASCII
        }
        return line.contains { (0xC0...0x24F).contains($0) && $0 != 0xD7 && $0 != 0xF7 } || Self.hasSymbolRun(line)
    }

    /// Whether `text` has ``symbolRun`` Latin-1 symbols (A1–BF) in a row, three of them
    /// different: what GBK's characters with leads B0–BF read as windows-1252 or Latin-1
    /// make (汉化补丁 is ºº»¯²¹¶¡), and real text hardly has ("25°C ±3" has one at a time,
    /// and decoration repeats one: »»»», §§§§).
    static func hasSymbolRun(_ text: ArraySlice<UInt32>) -> Bool {
        var run = 0
        var seen: UInt32 = 0  // a bit for each symbol of the run
        for scalar in text {
            guard (0xA1...0xBF).contains(scalar) else {
                run = 0
                seen = 0
                continue
            }
            run += 1
            seen |= 1 << (scalar - 0xA1)
            if run >= symbolRun, seen.nonzeroBitCount >= 3 { return true }
        }
        return false
    }

    static let symbolRun = 4

    /// Whether the result is free of what mix-ups make (Ã© shapes, C1 controls, private
    /// use, box drawing), but for the marks of lost characters; and has no letter of an
    /// alphabet right beside an East Asian character, which clean text beside the
    /// mojibake would have become (一 read back from GBK as UTF-8 is һ).
    func hasNoMixUpShape(evidence: Evidence) -> Bool {
        guard Evidence.isPlausibleText(replacement[...], allowingReplacementCharacters: !lostMarks.isEmpty) else { return false }
        var previous = Evidence.Script.neutral
        var previousIsHighLetter = false
        for scalar in replacement {
            let script = Evidence.Script(scalar)
            let isHighLetter = script == .alphabetic && scalar >= 0x80
            if (isHighLetter && previous == .eastAsian) || (script == .eastAsian && previousIsHighLetter) { return false }
            previous = script
            previousIsHighLetter = isHighLetter
        }
        let marks = lostMarks.count
        return evidence.penalty(replacement[...]) == marks * Evidence.penalty(for: 0xFFFD)
    }
}
