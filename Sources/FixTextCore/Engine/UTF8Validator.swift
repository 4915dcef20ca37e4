import CFixTextUTF8

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
    ///
    /// The valid stretches are found by the vector check of CFixTextUTF8 (many gigabytes a
    /// second); the bytes where it stops, and the next `Self.byteByByteStretch` after them,
    /// are looked at one by one here, so that an error is reported exactly and text full of
    /// errors does not call the vector check at every byte.
    private mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>, isEnd: Bool, report: (Int, [UInt8]) -> Void) -> Int {
        let n = bytes.count
        guard let p = bytes.baseAddress else { return 0 }
        var i = 0
        var byteByByteUntil = 0
        var stretch = Self.byteByByteStretch
        while i < n {
            if i >= byteByByteUntil {
                let valid = cfixtext_utf8_valid_prefix(p + i, n - i)
                if valid > 0 {
                    if invalidRun != nil { flushInvalid(report) }
                    i += valid
                    if i == n { break }
                }
                // Text that is mostly not UTF-8 (a legacy encoding read as UTF-8) stops the
                // vector check at once, again and again: look byte by byte for longer.
                stretch = valid < Self.byteByByteStretch ? min(stretch * 2, Self.longestByteByByteStretch) : Self.byteByByteStretch
                byteByByteUntil = i + stretch
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

    /// How many bytes are checked one by one after the vector check stops: at first, and
    /// at most.
    private static let byteByByteStretch = 64
    private static let longestByteByByteStretch = 4096

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
