internal import FixTextIO

/// Writes WARC records: Content-Length is set to the block's length in bytes and
/// WARC-Block-Digest to its SHA-1 in base32, whatever the record said before. With gzip,
/// each record is its own gzip member, so that the offset of a record in the output can
/// be handed to a reader that seeks to it.
public final class WARCWriter {
    private let compressor: GzipCompressor?

    public init(gzip: Bool, level: Int = 6) throws {
        compressor = gzip ? try GzipCompressor(level: level) : nil
    }

    /// The record as bytes: its header, the block, and the two CRLFs that end a record.
    public static func serialize(_ record: WARCRecord) -> [UInt8] {
        var record = record
        record.set("Content-Length", String(record.block.count))
        record.set("WARC-Block-Digest", Base32.warcDigest(record.block))
        var header = record.version + "\r\n"
        for field in record.fields {
            header += field.name + ": " + field.value + "\r\n"
        }
        header += "\r\n"
        var bytes = Array(header.utf8)
        bytes.reserveCapacity(bytes.count + record.block.count + 4)
        bytes += record.block
        bytes += [13, 10, 13, 10]
        return bytes
    }

    /// Appends the record (compressed as one member when gzip is on) to `output`.
    public func append(_ record: WARCRecord, to output: inout [UInt8]) throws {
        let bytes = Self.serialize(record)
        guard let compressor else {
            output += bytes
            return
        }
        try bytes.withUnsafeBufferPointer { try compressor.compress($0, into: &output) }
        try compressor.finishMember(into: &output)
    }
}
