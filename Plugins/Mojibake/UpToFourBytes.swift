/// At most four bytes held in the value itself: the bytes of one UTF-8 character, or
/// offsets into them.
///
/// A ``Loss`` keeps such bytes, and garbled text makes losses by the hundred thousand,
/// most of them thrown away with the candidate that had them: in an array each would
/// allocate, and every copy and every discard would count references.
struct UpToFourBytes: RandomAccessCollection, Sendable {
    private var bytes = SIMD4<UInt8>()
    private let length: UInt8

    /// The first `count` of `bytes`.
    init(_ bytes: SIMD4<UInt8>, count: Int) {
        precondition((0...4).contains(count), "more than four bytes")
        self.bytes = bytes
        length = UInt8(count)
        for i in count..<4 { self.bytes[i] = 0 }
    }

    init(_ bytes: some Collection<UInt8>) {
        precondition(bytes.count <= 4, "more than four bytes")
        length = UInt8(bytes.count)
        for (i, byte) in bytes.enumerated() { self.bytes[i] = byte }
    }

    var startIndex: Int { 0 }
    var endIndex: Int { Int(length) }

    subscript(position: Int) -> UInt8 {
        precondition(position >= 0 && position < Int(length), "index out of range")
        return bytes[position]
    }
}
