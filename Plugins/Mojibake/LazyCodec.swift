import FixTextICU

/// A codec whose tables are built the first time a repair needs them.
///
/// Building a double-byte codec's tables from ICU costs a few milliseconds, and most text
/// needs two or three of the fifteen: a page garbled whole as UTF-8 read as GBK never
/// builds the tables of Big5, Shift-JIS or EUC-KR. One repairer's recipes share these,
/// and a repairer belongs to one transform, which one thread runs at a time.
final class LazyCodec {
    let name: String
    private var built: LegacyCodec?

    /// Fails at once if ICU has no converter of that name.
    init(_ name: String) throws {
        self.name = name
        _ = try EncodingConverter(name: LegacyCodec.converterName(name))
    }

    var codec: LegacyCodec {
        if let built { return built }
        do {
            let codec = try LegacyCodec.named(name)
            built = codec
            return codec
        } catch {
            // ICU opened the converter when the recipe was made; building its tables fails
            // only if ICU itself fails mid-run.
            fatalError("mojibake: cannot build the tables of \(name): \(error)")
        }
    }
}

/// The search for misaligned GBK streams, whose tables (GBK's, and the likeliest
/// character of each byte) are built the first time a line needs it: text garbled as
/// UTF-8 read as windows-1252, the commonest mojibake, never does.
final class LazyMisalignedStream {
    private let evidence: Evidence
    private let suspicion: SuspicionTable
    private var built: MisalignedStream?

    /// Fails at once if ICU has no GBK converter.
    init(evidence: Evidence, suspicion: SuspicionTable) throws {
        self.evidence = evidence
        self.suspicion = suspicion
        _ = try EncodingConverter(name: "windows-936-2000")
    }

    var stream: MisalignedStream {
        if let built { return built }
        do {
            let stream = try MisalignedStream(evidence: evidence, suspicion: suspicion)
            built = stream
            return stream
        } catch {
            // ICU opened the converter when the repairer was made (see LazyCodec).
            fatalError("mojibake: cannot build the tables of the misaligned-stream search: \(error)")
        }
    }
}
