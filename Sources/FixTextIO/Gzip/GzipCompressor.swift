internal import CFixTextZlib

/// Writes gzip data in pieces, with control over member boundaries, so that output in
/// WARC.gz form (one gzip member per record, each decompressible on its own for random
/// access) can be produced in a single streaming pass.
///
/// Call ``compress(_:into:)`` any number of times, then ``finishMember(into:)`` to end the
/// member; the next `compress` starts a new one. Output that never had its member
/// finished is truncated gzip.
public final class GzipCompressor {
    private let z = ZStream()

    /// - Parameter level: zlib's level, 0 (store) to 9 (smallest); 6 is gzip's default.
    public init(level: Int = 6) throws(CompressionError) {
        guard (0...9).contains(level) else {
            throw .zlibFailure("compression level \(level) is not in 0...9")
        }
        let status = cfixtext_deflate_init2(
            z.stream, Int32(level), Z_DEFLATED, CFIXTEXT_GZIP_WINDOW_BITS, 8,
            Z_DEFAULT_STRATEGY)
        guard status == Z_OK else {
            throw .zlibFailure("deflateInit2 returned \(status)")
        }
    }

    deinit { deflateEnd(z.stream) }

    /// Compresses `input` into the current member, appending whatever compressed bytes
    /// are ready to `output` (zlib holds back some until more input or the member's end).
    public func compress(
        _ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]
    ) throws(CompressionError) {
        try ZStream.forEachSlice(of: input) { (start, count) throws(CompressionError) in
            try deflateSlice(start, count: count, into: &output)
        }
    }

    /// Ends the current member, appending its remaining bytes and trailer to `output`.
    /// Ending a member that had no input writes an empty member.
    public func finishMember(into output: inout [UInt8]) throws(CompressionError) {
        let stream = z.stream
        var status: Int32
        repeat {
            z.resetOutput()
            status = deflate(stream, Z_FINISH)
            z.drainOutput(into: &output)
            guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
                throw .zlibFailure("deflate(Z_FINISH) returned \(status)")
            }
        } while status != Z_STREAM_END
        guard deflateReset(stream) == Z_OK else {
            throw .zlibFailure("deflateReset failed")
        }
    }

    private func deflateSlice(
        _ bytes: UnsafePointer<UInt8>, count: Int, into output: inout [UInt8]
    ) throws(CompressionError) {
        let stream = z.stream
        stream.pointee.next_in = UnsafeMutablePointer(mutating: bytes)
        stream.pointee.avail_in = UInt32(count)
        defer {
            stream.pointee.next_in = nil
            stream.pointee.avail_in = 0
        }
        repeat {
            z.resetOutput()
            let status = deflate(stream, Z_NO_FLUSH)
            z.drainOutput(into: &output)
            // Z_BUF_ERROR: nothing to do until more input arrives; harmless.
            guard status == Z_OK || status == Z_BUF_ERROR else {
                throw .zlibFailure("deflate returned \(status)")
            }
        } while stream.pointee.avail_in > 0 || stream.pointee.avail_out == 0
    }
}
