/// Finds the bytes of a stream that are not UTF-8, chunk by chunk.
///
/// fixtext's policy for such bytes is to pass them through untouched and report them:
/// nothing is dropped or replaced, and the run exits with status 3.
struct UTF8Validator {
    /// Bytes of a sequence that began in the previous chunk.
    private var pending: [UInt8] = []
    /// The stream offset of the next byte.
    private(set) var offset = 0
    /// An invalid run still growing, as (start, bytes).
    private var invalidRun: (start: Int, bytes: [UInt8])?

    /// Reports each maximal run of invalid bytes to `report` as (offset, bytes).
    mutating func validate(_ chunk: UnsafeBufferPointer<UInt8>, isEnd: Bool, report: (Int, [UInt8]) -> Void) {
        var i = 0
        let n = chunk.count
        if !pending.isEmpty {
            // Complete the sequence left over from the previous chunk.
            let start = offset - pending.count
            var sequence = pending
            let needed = UTF8Boundaries.sequenceLength(lead: sequence[0])
            while sequence.count < needed, i < n, chunk[i] & 0xC0 == 0x80 {
                sequence.append(chunk[i])
                i += 1
            }
            pending = []
            if sequence.count < needed && i == n && !isEnd {
                pending = sequence
                offset += n
                return
            }
            let valid = sequence.withUnsafeBufferPointer { Self.validLength(in: $0, at: 0) }
            if valid != sequence.count {
                addInvalid(Array(sequence.prefix(max(1, valid == 0 ? sequence.count : valid))), at: start, report: report)
            } else {
                flushInvalid(report)
            }
        }
        while i < n {
            // ASCII, eight bytes at a time.
            while i + 8 <= n {
                let word = UnsafeRawPointer(chunk.baseAddress! + i).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 != 0 { break }
                i += 8
            }
            guard i < n else { break }
            let lead = chunk[i]
            if lead < 0x80 {
                if invalidRun != nil { flushInvalid(report) }
                i += 1
                continue
            }
            let length = Self.validLength(in: chunk, at: i)
            if length > 0 {
                if invalidRun != nil { flushInvalid(report) }
                i += length
                continue
            }
            // Too short to judge yet: keep for the next chunk.
            let remaining = n - i
            if !isEnd, remaining < UTF8Boundaries.sequenceLength(lead: lead),
               UTF8Boundaries.isPlausiblePrefix(UnsafeBufferPointer(rebasing: chunk[i...]), start: 0)
            {
                pending = Array(chunk[i...])
                offset += n
                return
            }
            addInvalid([lead], at: offset + i, report: report)
            i += 1
        }
        offset += n
        if isEnd { flushInvalid(report) }
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
