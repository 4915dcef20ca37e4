internal import CFixTextZlib

/// A `z_stream` at a fixed address (zlib keeps a pointer back to it, so it must not
/// move) and the output chunk zlib writes into before bytes reach the caller's array.
struct ZStream: ~Copyable {
    let stream: UnsafeMutablePointer<z_stream>
    let chunk: UnsafeMutablePointer<UInt8>
    static let chunkSize = 1 << 16

    init() {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        chunk = .allocate(capacity: Self.chunkSize)
    }

    deinit {
        stream.deinitialize(count: 1)
        stream.deallocate()
        chunk.deallocate()
    }

    /// Points zlib's output at the empty chunk.
    func resetOutput() {
        stream.pointee.next_out = chunk
        stream.pointee.avail_out = UInt32(Self.chunkSize)
    }

    /// Appends what zlib wrote to the chunk since ``resetOutput()``.
    func drainOutput(into output: inout [UInt8]) {
        let produced = Self.chunkSize - Int(stream.pointee.avail_out)
        if produced > 0 {
            output.append(contentsOf: UnsafeBufferPointer(start: chunk, count: produced))
        }
    }

    /// zlib's message for the last error, or `fallback`.
    func message(or fallback: String) -> String {
        stream.pointee.msg.map { String(cString: $0) } ?? fallback
    }

    /// zlib counts input in `UInt32`: feed larger buffers in slices of this size.
    static let maximumInputSlice = 1 << 30

    /// Calls `body` with `input` in slices zlib can count.
    static func forEachSlice(
        of input: UnsafeBufferPointer<UInt8>,
        _ body: (UnsafePointer<UInt8>, Int) throws(CompressionError) -> Void
    ) throws(CompressionError) {
        guard let base = input.baseAddress else { return }
        var offset = 0
        while offset < input.count {
            let slice = min(input.count - offset, maximumInputSlice)
            try body(base + offset, slice)
            offset += slice
        }
    }
}
