import FixTextCore

/// The walk over one call's input: where it is, and how much has been written.
///
/// Until the first change, nothing is copied: the unchanged prefix is forwarded. After it,
/// output collects in ``Converter``'s scratch buffer and goes to the output in one append,
/// instead of an array append for each short value (most of a t2s text changes). When
/// changes are recorded, each goes through `TransformOutput.replace` as usual.
struct Scan {
    let p: UnsafePointer<UInt8>
    let n: Int
    var i = 0
    /// The first byte not yet written.
    var copied = 0
    let recording: Bool
    /// Something was written to the scratch buffer: from here on, everything goes there
    /// (unless changes are recorded).
    private(set) var started = false
    /// The scratch buffer and how much of it is filled: read and written directly by
    /// ``Converter``'s loop over the direct table, which keeps them in registers.
    let buffer: UnsafeMutablePointer<UInt8>
    let capacity: Int
    var count = 0

    init(p: UnsafePointer<UInt8>, n: Int, recording: Bool, buffer: UnsafeMutableBufferPointer<UInt8>) {
        self.p = p
        self.n = n
        self.recording = recording
        self.buffer = buffer.baseAddress!
        capacity = buffer.count
    }

    /// The first byte at or after `i` (before `end`) that is not ASCII, or `end`.
    @inline(__always)
    static func skipASCII(_ p: UnsafePointer<UInt8>, from i: Int, to end: Int) -> Int {
        var i = i
        let raw = UnsafeRawPointer(p)
        while i &+ 8 <= end {
            if raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { break }
            i &+= 8
        }
        while i < end && p[i] < 0x80 { i &+= 1 }
        return i
    }

    /// Copies `length` bytes from `source`; `spare`: 16 bytes may be read from `source`.
    @inline(__always)
    private mutating func write(_ source: UnsafePointer<UInt8>, _ length: Int, spare: Bool = false, _ output: inout TransformOutput) {
        if count &+ length > capacity {
            output.append(UnsafeBufferPointer(start: buffer, count: count))
            count = 0
            if length > capacity {
                output.append(UnsafeBufferPointer(start: source, count: length))
                return
            }
        }
        if spare && length <= 16 && count &+ 16 <= capacity {
            // Short runs between changes (most of them in t2s): sixteen bytes copied in
            // two moves, the ones past `length` overwritten later.
            let from = UnsafeRawPointer(source), to = UnsafeMutableRawPointer(buffer + count)
            to.storeBytes(of: from.loadUnaligned(as: UInt64.self), as: UInt64.self)
            to.storeBytes(of: from.loadUnaligned(fromByteOffset: 8, as: UInt64.self), toByteOffset: 8, as: UInt64.self)
        } else if length <= 16 {
            var k = 0
            while k < length { buffer[count &+ k] = source[k]; k &+= 1 }
        } else {
            (buffer + count).update(from: source, count: length)
        }
        count &+= length
    }

    /// Writes the input up to `index` unchanged.
    @inline(__always)
    mutating func flush(to index: Int, _ input: TransformInput, _ output: inout TransformOutput) {
        guard index > copied else { return }
        if started && !recording {
            write(p + copied, index &- copied, spare: copied &+ 16 <= n, &output)
        } else {
            output.passThrough(copied..<index, of: input)
        }
        copied = index
    }

    /// Writes the three bytes packed in `entry` (``DirectTable/packed(_:)``) in place of
    /// the character at `i`: a change that is not recorded.
    @inline(__always)
    mutating func replaceCharacter(at i: Int, with entry: UInt32, _ input: TransformInput, _ output: inout TransformOutput) {
        flush(to: i, input, &output)
        started = true
        if count &+ 4 > capacity {
            output.append(UnsafeBufferPointer(start: buffer, count: count))
            count = 0
        }
        // Four bytes stored, three kept: the fourth is overwritten by what comes next.
        UnsafeMutableRawPointer(buffer + count).storeBytes(of: entry.littleEndian, as: UInt32.self)
        count &+= 3
        copied = i &+ 3
    }

    /// Hands over what the scratch buffer holds; the call's last step.
    mutating func finish(_ input: TransformInput, _ output: inout TransformOutput) {
        flush(to: i, input, &output)
        if count > 0 { output.append(UnsafeBufferPointer(start: buffer, count: count)) }
        count = 0
    }

    /// Writes `value` in place of the `length` bytes at `i`, unless they are the same.
    @inline(__always)
    mutating func emit(
        _ i: Int, _ length: Int, _ value: UnsafeBufferPointer<UInt8>,
        _ input: TransformInput, _ output: inout TransformOutput, _ source: () -> String
    ) {
        if value.count == length {
            var k = 0
            while k < length && p[i &+ k] == value[k] { k &+= 1 }
            if k == length { return }
        }
        flush(to: i, input, &output)
        started = true
        if recording {
            let original = String(decoding: UnsafeBufferPointer(start: p + i, count: length), as: UTF8.self)
            let replacement = String(decoding: value, as: UTF8.self)
            output.replace(i..<(i + length), of: input, with: value, reason: "\(original) → \(replacement) (\(source()))")
        } else {
            write(value.baseAddress!, value.count, &output)
        }
        copied = i &+ length
    }
}
