import FixTextICU

/// Something costly to build (a codec's tables, the misaligned-stream search), built the
/// first time a repair needs it.
///
/// Building a double-byte codec's tables from ICU costs a few milliseconds, and most text
/// needs two or three of the fifteen: a page garbled whole as UTF-8 read as GBK never
/// builds the tables of Big5, Shift-JIS or EUC-KR, nor those of the misaligned-stream
/// search. One repairer's recipes share these, and a repairer belongs to one transform,
/// which one thread runs at a time.
final class BuiltOnFirstUse<Value> {
    /// What is built, for the recipes (a codec's name) and for the error.
    let name: String
    private let build: () throws -> Value
    private var built: Value?

    /// `converter` is opened at once, so that a name ICU lacks fails here, not mid-run.
    init(_ name: String, needing converter: String, build: @escaping () throws -> Value) throws {
        self.name = name
        self.build = build
        _ = try EncodingConverter(name: converter)
    }

    var value: Value {
        if let built { return built }
        do {
            let value = try build()
            built = value
            return value
        } catch {
            // ICU opened the converter when this was made; building fails only if ICU
            // itself fails mid-run.
            fatalError("mojibake: cannot build \(name): \(error)")
        }
    }
}

extension BuiltOnFirstUse where Value == LegacyCodec {
    /// The codec of `name`, its tables built at first use.
    static func codec(_ name: String) throws -> BuiltOnFirstUse<LegacyCodec> {
        try BuiltOnFirstUse(name, needing: LegacyCodec.converterName(name)) { try LegacyCodec.named(name) }
    }
}
