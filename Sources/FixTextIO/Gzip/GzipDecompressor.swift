internal import CFixTextZlib

/// Streams the bytes out of gzip data fed to it in pieces of any size, so that crawl
/// files (WARC.gz: one gzip member per record, terabytes in all) can be read with
/// bounded memory and without caring where members or reads begin and end.
///
/// Consecutive members are read as one stream, as `gzip -d` does. Data that is not gzip
/// throws ``CompressionError/corrupt(_:)``; input that stops inside a member is caught
/// by ``finish()``. Empty input is zero members: an empty result, not an error.
public final class GzipDecompressor {
    /// Whether `bytes` start with gzip's magic, 1F 8B.
    public static func startsWithMagic(_ bytes: some Collection<UInt8>) -> Bool {
        bytes.starts(with: [0x1F, 0x8B])
    }

    private let z = ZStream()
    /// Whether some of the current member has been read but not its end.
    private var inMember = false
    /// Compressed bytes read so far, for locating damage: after a throw, where zlib stopped.
    public private(set) var consumed = 0
    /// How many members have been read to their end.
    public private(set) var membersRead = 0
    /// Where the member being read began, in bytes of compressed input.
    public private(set) var memberStart = 0

    public init() throws(CompressionError) {
        let status = cfixtext_inflate_init2(z.stream, CFIXTEXT_GZIP_WINDOW_BITS)
        guard status == Z_OK else {
            throw .zlibFailure("inflateInit2 returned \(status)")
        }
    }

    deinit { inflateEnd(z.stream) }

    /// Appends everything `input` decompresses to (as far as the data goes) to `output`.
    public func decompress(
        _ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]
    ) throws(CompressionError) {
        try ZStream.forEachSlice(of: input) { (start, count) throws(CompressionError) in
            try inflateSlice(start, count: count, into: &output)
        }
    }

    /// Declares the end of the input.
    /// - Throws: ``CompressionError/truncated`` if it ends inside a member.
    public func finish() throws(CompressionError) {
        if inMember { throw .truncated }
    }

    private func inflateSlice(
        _ bytes: UnsafePointer<UInt8>, count: Int, into output: inout [UInt8]
    ) throws(CompressionError) {
        let stream = z.stream
        stream.pointee.next_in = UnsafeMutablePointer(mutating: bytes)
        stream.pointee.avail_in = UInt32(count)
        defer {
            stream.pointee.next_in = nil
            stream.pointee.avail_in = 0
        }
        // Go on while there is input, or while zlib filled the chunk (it may hold more).
        repeat {
            z.resetOutput()
            let availableBefore = stream.pointee.avail_in
            let status = inflate(stream, Z_NO_FLUSH)
            let read = Int(availableBefore - stream.pointee.avail_in)
            consumed += read
            if read > 0 { inMember = true }
            z.drainOutput(into: &output)
            switch status {
            case Z_OK:
                break
            case Z_BUF_ERROR:
                // No progress possible: the input is used up. Not an error in itself.
                if stream.pointee.avail_in > 0 && stream.pointee.avail_out > 0 {
                    throw .zlibFailure("inflate made no progress at byte \(consumed)")
                }
            case Z_STREAM_END:
                // End of a member; whatever follows is the next one.
                inMember = false
                membersRead += 1
                memberStart = consumed
                guard inflateReset(stream) == Z_OK else {
                    throw .zlibFailure("inflateReset failed")
                }
            case Z_DATA_ERROR:
                throw .corrupt("\(z.message(or: "invalid data")) (near compressed byte \(consumed))")
            case Z_NEED_DICT:
                throw .corrupt("member needs a preset dictionary (near compressed byte \(consumed))")
            case Z_MEM_ERROR:
                throw .zlibFailure("out of memory")
            default:
                throw .zlibFailure("inflate returned \(status): \(z.message(or: "no message"))")
            }
        } while stream.pointee.avail_in > 0 || stream.pointee.avail_out == 0
    }
}
