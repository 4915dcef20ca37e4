import FixTextCore

/// One misreading undone over a whole line: its characters encoded back to the bytes they
/// were read from, and those bytes decoded as what they really were.
struct WholeLineUndo {
    var replacement: [UInt32] = []
    /// Where each repair of the line ends: after each "?" that stood for the rest of a
    /// character, and at the end of the line; with what was lost or guessed in it.
    var stretches: [(lineEnd: Int, replacementEnd: Int, losses: [Loss])] = []
    /// The U+FFFD in `replacement` that mark lost characters, by offset.
    var lostMarks: [Int] = []

    /// UTF-8 read as `readAs`: nil unless every character has bytes there and they are
    /// UTF-8 throughout, but for a character cut short before a "?" (or a U+FFFD), which
    /// a Windows decoder wrote for its last bytes.
    /// - Parameter scratch: where the line's bytes are put together (and given back).
    /// `droppedUnread`: read only as UTF-8 that a strict decoder ignoring what it
    /// cannot read left (see ``LegacyCodec/dropsUnreadBytesWhenIgnoring``); otherwise so
    /// only where no other reading of the bytes holds.
    init?(utf8ReadAs readAs: LegacyCodec, _ line: ArraySlice<UInt32>, model: LanguageModel, scratch: SpanScratch, droppedUnread: Bool = false) {
        // Most readings tried fail at the first character beyond ASCII: it has no bytes
        // there, or they do not start a UTF-8 sequence. That is checked before anything is
        // allocated (unless a "?" or U+FFFD before it may have stood for a lead byte).
        if let first = line.firstIndex(where: { $0 >= 0x80 || $0 == 0x3F }), line[first] != 0x3F, line[first] != 0xFFFD {
            let startsUTF8 = { (packed: UInt32) in packed != 0 && (0xC2...0xF4).contains(packed >> (8 * ((packed >> 24) - 1)) & 0xFF) }
            guard startsUTF8(readAs.packedBytes(line[first])) || readAs.hasOtherPair(line[first]) && startsUTF8(readAs.otherPackedBytes(line[first]))
            else { return nil }
        }
        var bytes = SpanScratch.take(&scratch.lineBytes)
        // `starts[k]` is where character k of the line starts in `bytes`.
        var starts = SpanScratch.take(&scratch.lineStarts)
        defer {
            scratch.lineBytes = bytes
            scratch.lineStarts = starts
        }
        // Room for every character's bytes (three at most) and start, written through
        // pointers and then cut to size.
        SpanScratch.resize(&bytes, to: line.count * 3)
        SpanScratch.resize(&starts, to: line.count + 1)
        // Where a pair windows-936 read as private use was removed afterwards, as text
        // cleaners do: the characters that pair was part of break off there (see
        // ``gapsAllowed(in:readAs:)``). The characters of the line at whose start one was.
        var gaps: [Int] = []
        let maximumGaps = Self.gapsAllowed(in: line, readAs: readAs)
        var encoded = droppedUnread ? nil : bytes.withUnsafeMutableBufferPointer { bytes in
            starts.withUnsafeMutableBufferPointer { starts in
                Self.encodeBack(line, readAs: readAs, maximumGaps: maximumGaps, into: bytes, starts: starts, gaps: &gaps)
            }
        }
        // Python's `gbk` ignoring what it cannot read drops continuation bytes only (80,
        // and a last byte before ASCII): the UTF-8 before such a gap is cut short, and the
        // byte after it starts a character or is ASCII. Not in a line with the marks of a
        // decoder that replaces what it cannot read ("?", U+FFFD).
        if encoded == nil, Self.mayHaveDroppedUnread(line, readAs: readAs) {
            gaps.removeAll()
            encoded = bytes.withUnsafeMutableBufferPointer { bytes in
                starts.withUnsafeMutableBufferPointer { starts in
                    Self.encodeBack(line, readAs: readAs, maximumGaps: 0, droppedUnread: true, into: bytes, starts: starts, gaps: &gaps)
                }
            }
        }
        guard let encoded else { return nil }
        bytes.removeLast(bytes.count - encoded.byteCount)
        var reading = UTF8LineReading(
            line: line, starts: starts, gaps: gaps, cutByDroppedBytes: encoded.cutByDroppedBytes, readAs: readAs, model: model,
            guesses: scratch.guesses
        )
        guard bytes.withUnsafeBufferPointer({ reading.read($0) }) else { return nil }
        replacement = reading.replacement
        stretches = reading.stretches
        lostMarks = reading.lostMarks
    }

    /// Whether `line` may be UTF-8 that a strict decoder ignoring what it cannot read
    /// left: read as GBK or Shift-JIS, and without the marks of a decoder that replaces it
    /// ("?", U+FFFD, Windows' "・").
    static func mayHaveDroppedUnread(_ line: ArraySlice<UInt32>, readAs: LegacyCodec) -> Bool {
        readAs.dropsUnreadBytesWhenIgnoring && !line.contains { $0 == UInt32(question) || $0 == 0xFFFD || $0 == Repairer.middleDot }
    }

    /// `line` encoded back as `readAs` into `bytes`, with where each character starts in
    /// `starts` (and the end after the last): nil unless the bytes are UTF-8 throughout,
    /// but for characters cut short before a "?", at most `maximumGaps` gaps (added to
    /// `gaps`), and characters cut where windows-1252's undefined bytes were dropped.
    private static func encodeBack(
        _ line: ArraySlice<UInt32>, readAs: LegacyCodec, maximumGaps: Int, droppedUnread: Bool = false,
        into bytes: UnsafeMutableBufferPointer<UInt8>, starts: UnsafeMutableBufferPointer<Int>, gaps: inout [Int]
    ) -> (byteCount: Int, cutByDroppedBytes: Int)? {
        var n = 0, k = 0
        var multiByte = false
        // Continuation bytes the UTF-8 so far still needs; -1 after a "?", which may have
        // stood for one of them or for the rest of a character. Most lines that are no
        // such misreading break the rules within a few characters, and are let go there.
        var pending = 0
        // Characters cut short where bytes were dropped: windows-1252's undefined ones after
        // the misreading (see ``SpanWindows/restoringDroppedControls(at:in:model:)``), or, with
        // `droppedUnread`, what a strict decoder ignoring errors could not read.
        var cutByDroppedBytes = 0
        let mayHaveDroppedControls = readAs.name == LegacyCodec.sloppyWindows1252
        for scalar in line {
            let start = n
            starts[k] = start
            k &+= 1
            let pendingBefore = pending
            // The character's bytes, packed as the codec keeps them (length << 24 | bytes).
            var packed: UInt32
            if scalar < 0x80 || scalar == 0xFFFD {
                // U+FFFD is only ever a "?" for lost bytes here, and stands as one.
                packed = 1 << 24 | (scalar < 0x80 ? scalar : UInt32(WholeLineUndo.question))
            } else {
                packed = readAs.packedBytes(scalar)
                guard packed != 0 else { return nil }
                multiByte = true
                // A character the decoder reads from two pairs was read from the one that
                // continues the UTF-8.
                if readAs.hasOtherPair(scalar), !Self.continues(packed, pending: pending) {
                    let other = readAs.otherPackedBytes(scalar)
                    if other != 0 && Self.continues(other, pending: pending) { packed = other }
                }
            }
            var shift = 8 * (packed >> 24)
            var broken = false
            while shift > 0 {
                shift -= 8
                let byte = UInt8(truncatingIfNeeded: packed >> shift)
                bytes[n] = byte
                n &+= 1
                if !broken, !Self.accept(byte, pending: &pending) {
                    if droppedUnread, pending > 0, byte & 0xC0 != 0x80 {
                        cutByDroppedBytes += 1
                        pending = 0
                        if !Self.accept(byte, pending: &pending) { broken = true }
                    } else {
                        broken = true
                    }
                }
            }
            if broken, mayHaveDroppedControls, pendingBefore > 0, bytes[start] & 0xC0 != 0x80 {
                // The character before lacks bytes, and this one starts whole.
                cutByDroppedBytes += 1
                pending = 0
                for byte in bytes[start..<n] {
                    guard Self.accept(byte, pending: &pending) else { return nil }
                }
                continue
            }
            if broken {
                // A gap before this character: what came before it was cut short, and
                // continuation bytes at its start belong to a character whose lead is gone.
                guard gaps.count < maximumGaps, pendingBefore >= 0 else { return nil }
                gaps.append(k - 1)
                pending = 0
                var stray = true
                for byte in bytes[start..<n] {
                    if stray && byte & 0xC0 == 0x80 { continue }
                    stray = false
                    guard Self.accept(byte, pending: &pending) else { return nil }
                }
            }
        }
        guard multiByte else { return nil }
        starts[k] = n
        return (n, cutByDroppedBytes)
    }

    /// Whether the bytes `packed` (as the codec keeps them) can come next in UTF-8 that
    /// still needs `pending` continuation bytes.
    private static func continues(_ packed: UInt32, pending: Int) -> Bool {
        var pending = pending
        var shift = 8 * (packed >> 24)
        while shift > 0 {
            shift -= 8
            guard accept(UInt8(truncatingIfNeeded: packed >> shift), pending: &pending) else { return false }
        }
        return true
    }

    /// Takes `byte` into the UTF-8 being checked, with `pending` the continuation bytes
    /// still needed (-1 after a "?"); false if it cannot come here.
    @inline(__always)
    private static func accept(_ byte: UInt8, pending: inout Int) -> Bool {
        if byte == WholeLineUndo.question {
            pending = -1
        } else if byte & 0xC0 == 0x80 {
            guard pending != 0 else { return false }
            if pending > 0 { pending -= 1 }
        } else {
            // ASCII or a lead byte: the character before must be complete.
            let length = UTF8Boundaries.sequenceLength(lead: byte)
            guard pending <= 0, byte < 0x80 || length > 1 else { return false }
            pending = length - 1
        }
        return true
    }

    /// How many gaps a line read as `readAs` may have: places where a pair that windows-936
    /// read as private use (its user-defined rows, which UTF-8 reaches in AA–AF before A1–FE,
    /// as in 第一 and 个窗) was taken out of the text afterwards, as text cleaners take out
    /// private use. Only in text read as windows-936 that has no private use left, and
    /// one for every four characters beyond ASCII (at least four): clean text read back
    /// so breaks at nearly every character.
    private static func gapsAllowed(in line: ArraySlice<UInt32>, readAs: LegacyCodec) -> Int {
        guard readAs.readsUserDefinedAsPrivateUse else { return 0 }
        var beyondASCII = 0
        for scalar in line where scalar >= 0x80 {
            if (0xE000...0xF8FF).contains(scalar) { return 0 }
            beyondASCII += 1
        }
        return beyondASCII < 4 ? 0 : max(1, beyondASCII / 4)
    }

    static let question = UInt8(ascii: "?")

    /// Whether `bytes` are valid UTF-8 with at least one character beyond ASCII.
    static func isUTF8(_ bytes: [UInt8]) -> Bool {
        bytes.contains { $0 >= 0x80 } && bytes.withUnsafeBufferPointer { UTF8Scalars.scalars(ofValid: $0) } != nil
    }
}
