/// One WARC record: its version line, named fields in their order, and its block.
///
/// Field names and values are kept as written (values trimmed); lookups ignore case, as
/// WARC field names are case-insensitive.
public struct WARCRecord: Sendable {
    public struct Field: Sendable, Hashable {
        public var name: String
        public var value: String
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    public var version: String
    public var fields: [Field]
    public var block: [UInt8]
    /// Where the record began in the (decompressed) input.
    public var offset: Int

    public init(version: String = "WARC/1.0", fields: [Field], block: [UInt8], offset: Int = 0) {
        self.version = version
        self.fields = fields
        self.block = block
        self.offset = offset
    }

    /// The first field of that name, any case.
    public subscript(name: String) -> String? {
        let lowered = name.lowercased()
        return fields.first { $0.name.lowercased() == lowered }?.value
    }

    /// Sets the first field of that name in place, or adds it at the end.
    public mutating func set(_ name: String, _ value: String) {
        let lowered = name.lowercased()
        if let index = fields.firstIndex(where: { $0.name.lowercased() == lowered }) {
            fields[index].value = value
        } else {
            fields.append(Field(name, value))
        }
    }

    public mutating func remove(_ name: String) {
        let lowered = name.lowercased()
        fields.removeAll { $0.name.lowercased() == lowered }
    }

    /// WARC-Type, lower-cased.
    public var type: String { (self["WARC-Type"] ?? "").lowercased() }
}
