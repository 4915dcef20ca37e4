import FixTextCore

/// A suspicious line as scalars, with the byte offset of each, so repairs found on
/// characters can be written back as byte ranges.
struct DecodedLine {
    /// The scalars; bytes that are not UTF-8 appear as `UInt32.max` and are never repaired.
    var scalars: [UInt32] = []
    /// `offsets[i]` is where scalar `i` starts in the line; `offsets[count]` is its end.
    var offsets: [Int] = []

    static let invalid = UInt32.max

    /// Decodes `bytes` in place of the line before, whose buffers are kept: a page of
    /// garbled text has a suspicious line after another, and each would allocate two.
    /// (Written through pointers into room for a character per byte, then cut to size:
    /// appending checked capacity and uniqueness twice for every character.)
    mutating func decode(_ bytes: UnsafeBufferPointer<UInt8>) {
        SpanScratch.resize(&scalars, to: bytes.count)
        SpanScratch.resize(&offsets, to: bytes.count + 1)
        let count = scalars.withUnsafeMutableBufferPointer { scalars in
            offsets.withUnsafeMutableBufferPointer { offsets in
                var i = 0, k = 0
                while i < bytes.count {
                    offsets[k] = i
                    let byte = bytes[i]
                    if byte < 0x80 {
                        scalars[k] = UInt32(byte)
                        i &+= 1
                    } else if let (scalar, length) = UTF8Scalars.decode(at: i, in: bytes, limit: bytes.count) {
                        scalars[k] = scalar
                        i &+= length
                    } else {
                        scalars[k] = Self.invalid
                        i &+= 1
                    }
                    k &+= 1
                }
                offsets[k] = bytes.count
                return k
            }
        }
        scalars.removeLast(scalars.count - count)
        offsets.removeLast(offsets.count - count - 1)
    }

    var count: Int { scalars.count }

    func byteRange(_ scalarRange: Range<Int>) -> Range<Int> {
        offsets[scalarRange.lowerBound]..<offsets[scalarRange.upperBound]
    }
}
