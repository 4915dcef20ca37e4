/// The transforms and named chains fixtext knows, by name.
///
/// Built-in plugins are registered from the generated list in `FixTextBuiltins`; plugins
/// loaded at run time register the same way, so nothing here knows any transform by name.
public struct TransformRegistry: Sendable {
    /// A chain saved under a name, usable as a step of other chains: `-c default,t2s`.
    public struct NamedChain: Sendable, Hashable {
        public var name: String
        public var spec: String
        public var summary: String

        public init(name: String, spec: String, summary: String) {
            self.name = name
            self.spec = spec
            self.summary = summary
        }
    }

    private var transforms: [String: TransformDescriptor] = [:]
    private var chains: [String: NamedChain] = [:]

    public init() {}

    /// Adds a transform. A name may be registered once; a clash names both origins.
    public mutating func register(_ descriptor: TransformDescriptor) throws(RegistryError) {
        try checkNameIsFree(descriptor.name, origin: descriptor.origin.description)
        transforms[descriptor.name] = descriptor
    }

    /// Adds a named chain. Its steps are resolved when a chain that uses it is built.
    public mutating func register(chain: NamedChain) throws(RegistryError) {
        try checkNameIsFree(chain.name, origin: "chain '\(chain.spec)'")
        chains[chain.name] = chain
    }

    private func checkNameIsFree(_ name: String, origin: String) throws(RegistryError) {
        guard Self.isValidName(name) else { throw .invalidName(name, origin: origin) }
        if let existing = transforms[name] {
            throw .duplicateName(name, existing: existing.origin.description, new: origin)
        }
        if let existing = chains[name] {
            throw .duplicateName(name, existing: "chain '\(existing.spec)'", new: origin)
        }
    }

    /// Names are lowercase ASCII letters, digits and hyphens, starting with a letter.
    public static func isValidName(_ name: String) -> Bool {
        guard let first = name.utf8.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first) else {
            return false
        }
        return name.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "-")
        }
    }

    public func descriptor(named name: String) -> TransformDescriptor? { transforms[name] }

    public func chain(named name: String) -> NamedChain? { chains[name] }

    /// Every transform, by name.
    public var descriptors: [TransformDescriptor] {
        transforms.values.sorted { $0.name < $1.name }
    }

    /// Every named chain, by name.
    public var namedChains: [NamedChain] {
        chains.values.sorted { $0.name < $1.name }
    }

    /// The known name nearest to `name`, if one is near enough to be a likely typo.
    public func suggestion(for name: String) -> String? {
        EditDistance.nearest(to: name, among: Array(transforms.keys) + Array(chains.keys))
    }
}

/// A registration that cannot be accepted.
public enum RegistryError: FixTextError, Equatable {
    case duplicateName(String, existing: String, new: String)
    case invalidName(String, origin: String)

    public var exitStatus: ExitStatus { .usage }

    public var description: String {
        switch self {
        case .duplicateName(let name, let existing, let new):
            "the name '\(name)' from \(new) is already taken by \(existing)"
        case .invalidName(let name, let origin):
            "'\(name)' from \(origin) is not a valid transform name: use lowercase letters, digits and hyphens, starting with a letter"
        }
    }
}
