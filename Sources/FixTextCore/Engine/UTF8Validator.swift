/// Finds the bytes of a stream that are not UTF-8, chunk by chunk.
///
/// fixtext's policy for such bytes is to pass them through untouched and report them:
/// nothing is dropped or replaced, and the run exits with status 3.
public struct UTF8Validator {
    public init() {}

    /// The start of a sequence that the previous chunk cut off (at most three bytes).
    private var pending: [UInt8] = []
    /// The stream offset of the first byte not yet scanned (of `pending`, if any).
    private(set) var offset = 0
    /// An invalid run still growing, as (start, bytes).
    private var invalidRun: (start: Int, bytes: [UInt8])?

    /// Reports each maximal run of invalid bytes to `report` as (offset, bytes).
    public mutating func validate(_ chunk: UnsafeBufferPointer<UInt8>, isEnd: Bool, report: (Int, [UInt8]) -> Void) {
        var start = 0
        if !pending.isEmpty {
            // Finish the cut-off sequence with the first bytes of this chunk.
            let joined = pending + chunk.prefix(16)
            let joinedIsEnd = isEnd && chunk.count <= 16
            let scanned = joined.withUnsafeBufferPointer { scan($0, isEnd: joinedIsEnd, report: report) }
            if scanned < pending.count {
                // Still cut off: the chunk was too short to finish it.
                offset += scanned
                pending = Array(joined[scanned...])
                return
            }
            offset += scanned
            start = scanned - pending.count
            pending = []
        }
        let rest = UnsafeBufferPointer(rebasing: chunk[start...])
        let scanned = scan(rest, isEnd: isEnd, report: report)
        pending = Array(rest[scanned...])
        offset += scanned
        if isEnd { flushInvalid(report) }
    }

    /// Scans `bytes`, whose first byte is at stream `offset`, and returns how far it got:
    /// the end, or the start of a sequence that bytes still to come may complete.
    private mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>, isEnd: Bool, report: (Int, [UInt8]) -> Void) -> Int {
        let n = bytes.count
        guard let p = bytes.baseAddress else { return 0 }
        var i = 0
        var scalarUntil = 0
        while i < n {
            // The fast path: eight bytes at a time while they are plainly valid.
            if invalidRun == nil && i >= 3 && i &+ 8 < n && i >= scalarUntil {
                var j = i
                // Stop while a byte remains after the blocks, so the cut character is found.
                while j &+ 8 < n && Self.blockIsValid(p, j) { j &+= 8 }
                if j == i {
                    // Something here needs a closer look: byte by byte for a block.
                    scalarUntil = i &+ 8
                } else {
                    i = Self.startOfCharacter(crossing: j, in: bytes)
                    continue
                }
            }
            let lead = p[i]
            if lead < 0x80 {
                if invalidRun != nil { flushInvalid(report) }
                i += 1
                continue
            }
            let length = Self.validLength(in: bytes, at: i)
            if length > 0 {
                if invalidRun != nil { flushInvalid(report) }
                i += length
                continue
            }
            if !isEnd, n - i < UTF8Boundaries.sequenceLength(lead: lead),
               UTF8Boundaries.isPlausiblePrefix(UnsafeBufferPointer(rebasing: bytes[i...]), start: 0)
            {
                return i
            }
            // The maximal part of a sequence that could have been valid is one error.
            var bad = 1
            while bad < 3, i + bad < n, UTF8Boundaries.isPlausiblePrefix(UnsafeBufferPointer(rebasing: bytes[i..<(i + bad + 1)]), start: 0),
                  bytes[i + bad] & 0xC0 == 0x80, UTF8Boundaries.sequenceLength(lead: lead) > bad + 1
            {
                bad += 1
            }
            addInvalid(Array(bytes[i..<(i + bad)]), at: offset + i, report: report)
            i += bad
        }
        return n
    }

    /// Where the character that contains byte `j` (or starts there) begins, given that the
    /// bytes before `j` passed the block check.
    private static func startOfCharacter(crossing j: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var k = j - 1
        while k >= max(0, j - 3) {
            let byte = bytes[k]
            if byte >= 0xC0 { return k + UTF8Boundaries.sequenceLength(lead: byte) > j ? k : j }
            if byte < 0x80 { return j }
            k -= 1
        }
        return j
    }

    private mutating func addInvalid(_ bytes: [UInt8], at start: Int, report: (Int, [UInt8]) -> Void) {
        if let run = invalidRun, run.start + run.bytes.count == start, run.bytes.count < 64 {
            invalidRun!.bytes += bytes
        } else {
            flushInvalid(report)
            invalidRun = (start, bytes)
        }
    }

    private mutating func flushInvalid(_ report: (Int, [UInt8]) -> Void) {
        if let run = invalidRun { report(run.start, run.bytes) }
        invalidRun = nil
    }

    /// Whether the eight bytes at `i` are valid UTF-8 as far as they go, given the three
    /// before them (already checked): each byte is a continuation exactly where a lead
    /// before it calls for one. Blocks with the leads whose second byte is limited (E0, ED),
    /// four-byte leads, or bytes that are never valid (C0, C1, F5–FF) are left to the
    /// byte-by-byte check. Bit 7 of each byte carries the per-byte answers (SWAR).
    @inline(__always)
    static func blockIsValid(_ p: UnsafePointer<UInt8>, _ i: Int) -> Bool {
        let high: UInt64 = 0x8080_8080_8080_8080
        let raw = UnsafeRawPointer(p + i)
        let w0 = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
        if w0 & high == 0 {
            // ASCII, unless the bytes before it start a sequence.
            let before = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: -3, as: UInt64.self))
            return before & 0x0000_0000_0080_8080 == 0 || needsNoContinuation(raw)
        }
        let w1 = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: -1, as: UInt64.self))
        let w2 = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: -2, as: UInt64.self))
        let w3 = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: -3, as: UInt64.self))
        let isContinuation = w0 & ~(w0 << 1) & high
        let afterLead2 = w1 & (w1 << 1) & high
        let afterLead3 = w2 & (w2 << 1) & (w2 << 2) & high
        let afterLead4 = w3 & (w3 << 1) & (w3 << 2) & (w3 << 3) & high
        guard isContinuation == afterLead2 | afterLead3 | afterLead4 else { return false }
        // Leads that need a closer look. Shifting left by k brings bit 7−k of each byte to
        // bit 7, so each test reads bits of the same byte.
        let s2 = w0 << 2, s3 = w0 << 3, s4 = w0 << 4, s5 = w0 << 5, s6 = w0 << 6, s7 = w0 << 7
        let atLeastC0 = w0 & (w0 << 1)
        let atLeastE0 = atLeastC0 & s2
        let atLeastF0 = atLeastE0 & s3
        let c0OrC1 = atLeastC0 & ~s2 & ~(s3 | s4 | s5 | s6)
        let e0 = ~(s4 | s5 | s6 | s7)
        let ed = s4 & s5 & ~s6 & s7
        return (atLeastF0 | c0OrC1 | atLeastE0 & (e0 | ed)) & high == 0
    }

    @inline(__always)
    private static func needsNoContinuation(_ raw: UnsafeRawPointer) -> Bool {
        let w1 = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: -1, as: UInt64.self))
        let w2 = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: -2, as: UInt64.self))
        let w3 = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: -3, as: UInt64.self))
        let high: UInt64 = 0x8080_8080_8080_8080
        return (w1 & (w1 << 1) | w2 & (w2 << 1) & (w2 << 2) | w3 & (w3 << 1) & (w3 << 2) & (w3 << 3)) & high == 0
    }

    /// The length of the valid multi-byte sequence at `i`, or 0 if there is none there
    /// (including one cut off by the end of `bytes`).
    @inline(__always)
    static func validLength(in bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let n = bytes.count
        let lead = bytes[i]
        switch lead {
        case 0xC2...0xDF:
            return i + 1 < n && bytes[i + 1] & 0xC0 == 0x80 ? 2 : 0
        case 0xE0...0xEF:
            guard i + 2 < n else { return 0 }
            let b1 = bytes[i + 1], b2 = bytes[i + 2]
            let secondOK: Bool
            switch lead {
            case 0xE0: secondOK = b1 >= 0xA0 && b1 <= 0xBF
            case 0xED: secondOK = b1 >= 0x80 && b1 <= 0x9F
            default: secondOK = b1 & 0xC0 == 0x80
            }
            return secondOK && b2 & 0xC0 == 0x80 ? 3 : 0
        case 0xF0...0xF4:
            guard i + 3 < n else { return 0 }
            let b1 = bytes[i + 1]
            let secondOK: Bool
            switch lead {
            case 0xF0: secondOK = b1 >= 0x90 && b1 <= 0xBF
            case 0xF4: secondOK = b1 >= 0x80 && b1 <= 0x8F
            default: secondOK = b1 & 0xC0 == 0x80
            }
            return secondOK && bytes[i + 2] & 0xC0 == 0x80 && bytes[i + 3] & 0xC0 == 0x80 ? 4 : 0
        default:
            return 0
        }
    }
}
