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
    private var started = false
    private let buffer: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    private var count = 0

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

    @inline(__always)
    private mutating func write(_ source: UnsafePointer<UInt8>, _ length: Int, _ output: inout TransformOutput) {
        if count &+ length > capacity {
            output.append(UnsafeBufferPointer(start: buffer, count: count))
            count = 0
            if length > capacity {
                output.append(UnsafeBufferPointer(start: source, count: length))
                return
            }
        }
        if length <= 16 {
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
            write(p + copied, index &- copied, &output)
        } else {
            output.passThrough(copied..<index, of: input)
        }
        copied = index
    }

    /// Writes the three bytes packed in `entry` in place of the character at `i`: a
    /// change that is not recorded.
    @inline(__always)
    mutating func replaceCharacter(at i: Int, with entry: UInt32, _ input: TransformInput, _ output: inout TransformOutput) {
        flush(to: i, input, &output)
        started = true
        if count &+ 3 > capacity {
            output.append(UnsafeBufferPointer(start: buffer, count: count))
            count = 0
        }
        buffer[count] = UInt8(truncatingIfNeeded: entry &>> 16)
        buffer[count &+ 1] = UInt8(truncatingIfNeeded: entry &>> 8)
        buffer[count &+ 2] = UInt8(truncatingIfNeeded: entry)
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
