/// A chain as written, before its names are looked up: `mojibake,normalize(form=nfkc)`.
public struct ChainSpec: Sendable, Hashable {
    public var steps: [Step]

    public init(steps: [Step]) {
        self.steps = steps
    }

    /// One comma-separated part of a chain.
    public enum Step: Sendable, Hashable {
        /// A transform or a named chain, with options.
        case transform(TransformStep)
        /// `@path`: the steps of a chain file.
        case include(path: String, location: ChainLocation)
    }

    public struct TransformStep: Sendable, Hashable {
        public var name: String
        public var options: [OptionSetting]
        public var location: ChainLocation

        public init(name: String, options: [OptionSetting] = [], location: ChainLocation) {
            self.name = name
            self.options = options
            self.location = location
        }
    }

    public struct OptionSetting: Sendable, Hashable {
        public var name: String
        /// The value as written; typed when the chain is resolved.
        public var value: String
        public var location: ChainLocation

        public init(name: String, value: String, location: ChainLocation) {
            self.name = name
            self.value = value
            self.location = location
        }
    }
}

/// Where a part of a chain was written, for error messages.
public struct ChainLocation: Sendable, Hashable, CustomStringConvertible {
    /// The chain file, or nil for a chain given on the command line.
    public var file: String?
    /// For a chain file, the path of the entry, such as `chain[2]`; nil on the command line.
    public var entry: String?
    /// The 1-based column in the chain text.
    public var column: Int

    public init(file: String? = nil, entry: String? = nil, column: Int) {
        self.file = file
        self.entry = entry
        self.column = column
    }

    public var description: String {
        var text = "column \(column)"
        if let entry { text += " of \(entry)" }
        if let file { text += " in \(file)" }
        return text
    }
}
