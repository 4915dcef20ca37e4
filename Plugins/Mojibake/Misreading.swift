/// How text came to be garbled: bytes in one encoding were decoded as another.
///
/// Repairing undoes it: the garbled text is encoded back with the encoding it was wrongly
/// read as, which gives the original bytes, and those are decoded with the encoding they
/// really were in.
struct Misreading: Sendable, Hashable, CustomStringConvertible {
    /// The encoding the bytes were really in: "utf-8", or an ICU converter name.
    var actual: String
    /// The encoding they were decoded with, an ICU converter name.
    var readAs: String

    var actualIsUTF8: Bool { actual == "utf-8" }

    /// `utf-8 → windows-936 (read as)`, for explanations.
    var description: String { "\(actual) → \(readAsDescription)" }

    /// A stream read as its own encoding, but one byte out of step.
    var isMisaligned: Bool { actual == readAs }

    var readAsDescription: String {
        isMisaligned ? "\(readAs) (read one byte out of step)" : "\(readAs) (read as)"
    }

    /// The misreadings tried, most common first. Windows-style decoders made most real
    /// mojibake, so their ICU names come first: windows-936 maps 0x80 to € and the
    /// user-defined areas to private use; windows-1252 keeps its undefined bytes as C1
    /// controls, as browsers do.
    static let utf8Misreadings: [Misreading] = [
        Misreading(actual: "utf-8", readAs: "windows-1252"),
        Misreading(actual: "utf-8", readAs: "windows-936"),
        Misreading(actual: "utf-8", readAs: "gb18030"),
        Misreading(actual: "utf-8", readAs: "big5"),
        Misreading(actual: "utf-8", readAs: "shift_jis"),
        Misreading(actual: "utf-8", readAs: "euc-kr"),
        Misreading(actual: "utf-8", readAs: "iso-8859-1"),
    ]

    /// Double-byte text read as a single-byte Western encoding: ÖÐÎÄ for 中文.
    static let legacyMisreadings: [Misreading] = [
        Misreading(actual: "windows-936", readAs: "windows-1252"),
        Misreading(actual: "windows-936", readAs: "iso-8859-1"),
        Misreading(actual: "windows-936", readAs: "windows-1250"),
        Misreading(actual: "big5", readAs: "windows-1252"),
        Misreading(actual: "euc-kr", readAs: "windows-1252"),
        Misreading(actual: "shift_jis", readAs: "windows-1252"),
    ]

    /// Chinese read as the other Chinese encoding: both sides look like Chinese.
    static let chineseSwaps: [Misreading] = [
        Misreading(actual: "big5", readAs: "windows-936"),
        Misreading(actual: "windows-936", readAs: "big5"),
    ]
}

/// One repair of a span of a line.
struct Repair {
    /// The scalars of the line that are replaced.
    var range: Range<Int>
    var replacement: [UInt32]
    /// The misreadings undone, outermost first.
    var chain: [Misreading]
    /// How sure the repair is, from 0 to 1.
    var confidence: Double
    /// What could not be recovered, if anything.
    var lost: String?
    /// How much cheaper the evidence finds the repaired text, in quarter bits: what
    /// competing repairs of the same characters are ranked by.
    var saving = 0

    /// `utf-8 → windows-1252 (read as) → utf-8 → windows-1252 (read as) → utf-8`.
    var chainDescription: String {
        var parts: [String] = []
        for misreading in chain.reversed() {
            if parts.isEmpty { parts.append(misreading.actual) }
            parts.append(misreading.readAsDescription)
            parts.append("utf-8")
        }
        return parts.joined(separator: " → ")
    }
}
