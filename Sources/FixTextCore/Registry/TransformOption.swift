/// One option a transform accepts: `normalize(form=nfkc)` sets the option `form`.
public struct OptionSpec: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case bool
        case integer(ClosedRange<Int>)
        case string
        /// A value from a fixed list.
        case choice([String])
        /// A file path; relative paths in a chain file are taken from the chain file's folder.
        case path
    }

    public var name: String
    public var kind: Kind
    /// The value used when the option is not given; nil means the option is required.
    public var defaultValue: OptionValue?
    public var summary: String

    public init(_ name: String, _ kind: Kind, default defaultValue: OptionValue?, _ summary: String) {
        self.name = name
        self.kind = kind
        self.defaultValue = defaultValue
        self.summary = summary
    }

    /// What a value must look like, for error messages and `fixtext list`.
    public var expectation: String {
        switch kind {
        case .bool: "true or false"
        case .integer(let range): "a whole number from \(range.lowerBound) to \(range.upperBound)"
        case .string: "text"
        case .choice(let values): "one of " + values.joined(separator: ", ")
        case .path: "a file path"
        }
    }

    /// Parses `text` as a value of this option, or returns nil.
    public func parse(_ text: String) -> OptionValue? {
        switch kind {
        case .bool:
            switch text.lowercased() {
            case "true", "yes", "on", "1": return .bool(true)
            case "false", "no", "off", "0": return .bool(false)
            default: return nil
            }
        case .integer(let range):
            guard let n = Int(text), range.contains(n) else { return nil }
            return .integer(n)
        case .string, .path:
            return .string(text)
        case .choice(let values):
            let lowered = text.lowercased()
            return values.contains(lowered) ? .string(lowered) : nil
        }
    }
}

/// A typed option value.
public enum OptionValue: Sendable, Hashable, CustomStringConvertible {
    case bool(Bool)
    case integer(Int)
    case string(String)

    public var description: String {
        switch self {
        case .bool(let b): String(b)
        case .integer(let n): String(n)
        case .string(let s): s
        }
    }
}

/// The options of one transform in a chain, every one resolved to a typed value.
public struct TransformOptions: Sendable, Hashable {
    public private(set) var values: [String: OptionValue]

    public init(_ values: [String: OptionValue] = [:]) {
        self.values = values
    }

    public subscript(name: String) -> OptionValue? { values[name] }

    /// The boolean option `name`; false if it is missing or of another type.
    public func bool(_ name: String) -> Bool {
        if case .bool(let b)? = values[name] { return b }
        return false
    }

    public func integer(_ name: String) -> Int? {
        if case .integer(let n)? = values[name] { return n }
        return nil
    }

    public func string(_ name: String) -> String? {
        if case .string(let s)? = values[name] { return s }
        return nil
    }
}
