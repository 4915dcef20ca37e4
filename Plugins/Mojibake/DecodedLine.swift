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
    mutating func decode(_ bytes: UnsafeBufferPointer<UInt8>) {
        scalars.removeAll(keepingCapacity: true)
        offsets.removeAll(keepingCapacity: true)
        scalars.reserveCapacity(bytes.count)
        offsets.reserveCapacity(bytes.count + 1)
        var i = 0
        while i < bytes.count {
            offsets.append(i)
            if let (scalar, length) = UTF8Scalars.decode(at: i, in: bytes, limit: bytes.count) {
                scalars.append(scalar)
                i += length
            } else {
                scalars.append(Self.invalid)
                i += 1
            }
        }
        offsets.append(bytes.count)
    }

    var count: Int { scalars.count }

    func byteRange(_ scalarRange: Range<Int>) -> Range<Int> {
        offsets[scalarRange.lowerBound]..<offsets[scalarRange.upperBound]
    }
}
