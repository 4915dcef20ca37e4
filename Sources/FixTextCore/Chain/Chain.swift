/// A chain ready to run: each transform looked up, each option typed and checked.
public struct Chain: Sendable {
    public struct Link: Sendable {
        public var descriptor: TransformDescriptor
        public var options: TransformOptions
        public var name: String { descriptor.name }
    }

    public var links: [Link]

    public init(links: [Link]) {
        self.links = links
    }

    /// Builds the chain `text` against `registry`. `@file` steps are read with `loader`.
    public static func resolve(
        _ text: String,
        in registry: TransformRegistry,
        loader: ChainFileLoader = ChainFileLoader()
    ) throws(ChainError) -> Chain {
        var resolver = ChainResolver(registry: registry, loader: loader)
        let spec = try ChainParser.parse(text)
        return Chain(links: try resolver.resolve(spec, relativeTo: nil))
    }

    /// Whether every transform of the chain declares, with its options, that its output for
    /// a line never depends on other lines (``TransformDescriptor/linesAreIndependent``).
    /// Then so does the chain's: each transform maps runs of whole lines to runs of whole
    /// lines, so the next one sees line boundaries where the block boundaries are.
    public var linesAreIndependent: Bool {
        lineIndependentPrefixCount == links.count
    }

    /// How many of the chain's first transforms declare that their output for a line
    /// never depends on other lines: together they may clean a stream in blocks of whole
    /// lines, whose outputs, put back in order, are the stream the rest of the chain reads.
    public var lineIndependentPrefixCount: Int {
        links.prefix { $0.descriptor.linesAreIndependent($0.options) }.count
    }

    /// Makes fresh transforms for one stream.
    public func makeTransforms() throws -> [NamedTransform] {
        try links.map { NamedTransform(name: $0.name, transform: try $0.descriptor.make($0.options)) }
    }

    /// The chain in the `-c` syntax, with every option that differs from its default:
    /// what a report or a WARC header records so that a run can be replayed.
    public var canonicalSpec: String {
        links.map { link in
            let defaults = link.descriptor.defaultOptions
            let changed = link.descriptor.options.compactMap { spec -> String? in
                guard let value = link.options[spec.name], value != defaults[spec.name] else { return nil }
                return "\(spec.name)=\(Self.quoteIfNeeded(value.description))"
            }
            return changed.isEmpty ? link.name : "\(link.name)(\(changed.joined(separator: ",")))"
        }.joined(separator: ",")
    }

    private static func quoteIfNeeded(_ value: String) -> String {
        let plain = !value.isEmpty && value.unicodeScalars.allSatisfy {
            !$0.properties.isWhitespace && !",()\"\\".unicodeScalars.contains($0)
        }
        if plain { return value }
        var quoted = "\""
        for scalar in value.unicodeScalars {
            if scalar == "\"" || scalar == "\\" { quoted.unicodeScalars.append("\\") }
            quoted.unicodeScalars.append(scalar)
        }
        return quoted + "\""
    }
}

/// A transform made for one stream, under the name it runs as.
public struct NamedTransform {
    public var name: String
    public var transform: any Transform

    public init(name: String, transform: any Transform) {
        self.name = name
        self.transform = transform
    }
}

/// Looks up names and options of a parsed chain, following named chains and chain files.
struct ChainResolver {
    let registry: TransformRegistry
    let loader: ChainFileLoader
    /// The named chains and files being expanded, to catch a chain that includes itself.
    private var expanding: [String] = []
    private static let maximumDepth = 16

    init(registry: TransformRegistry, loader: ChainFileLoader) {
        self.registry = registry
        self.loader = loader
    }

    /// `directory` is where relative paths in `spec` are taken from; nil for the current one.
    mutating func resolve(_ spec: ChainSpec, relativeTo directory: String?) throws(ChainError) -> [Chain.Link] {
        var links: [Chain.Link] = []
        for step in spec.steps {
            switch step {
            case .include(let path, let location):
                let resolved = FilePath.resolve(path, relativeTo: directory)
                let file = try loader.load(resolved, at: location)
                links += try expand(file.spec, key: "file \(resolved)", at: location, relativeTo: FilePath.directory(of: resolved))
            case .transform(let step):
                links += try resolve(step, relativeTo: directory)
            }
        }
        return links
    }

    private mutating func resolve(_ step: ChainSpec.TransformStep, relativeTo directory: String?) throws(ChainError) -> [Chain.Link] {
        if let named = registry.chain(named: step.name) {
            if let option = step.options.first {
                throw ChainError("chain '\(step.name)' takes no options", at: option.location)
            }
            let spec = try ChainParser.parse(named.spec, entry: "chain '\(named.name)'")
            return try expand(spec, key: "chain \(named.name)", at: step.location, relativeTo: directory)
        }
        guard let descriptor = registry.descriptor(named: step.name) else {
            var message = "unknown transform '\(step.name)'"
            if let suggestion = registry.suggestion(for: step.name) {
                message += "; did you mean '\(suggestion)'?"
            } else {
                message += "; run 'fixtext list' to see them all"
            }
            throw ChainError(message, at: step.location)
        }
        var values = descriptor.defaultOptions.values
        for setting in step.options {
            guard let spec = descriptor.option(named: setting.name) else {
                var message = "unknown option '\(setting.name)' for '\(step.name)'"
                let names = descriptor.options.map(\.name)
                if let suggestion = EditDistance.nearest(to: setting.name, among: names) {
                    message += "; did you mean '\(suggestion)'?"
                } else if names.isEmpty {
                    message += "; it takes no options"
                } else {
                    message += "; it takes " + names.joined(separator: ", ")
                }
                throw ChainError(message, at: setting.location)
            }
            guard var value = spec.parse(setting.value) else {
                throw ChainError(
                    "invalid value '\(setting.value)' for option '\(setting.name)' of '\(step.name)'; expected \(spec.expectation)",
                    at: setting.location
                )
            }
            if spec.kind == .path, case .string(let path) = value {
                value = .string(FilePath.resolve(path, relativeTo: directory))
            }
            values[setting.name] = value
        }
        if let missing = descriptor.options.first(where: { values[$0.name] == nil }) {
            throw ChainError("'\(step.name)' needs the option '\(missing.name)' (\(missing.expectation))", at: step.location)
        }
        return [Chain.Link(descriptor: descriptor, options: TransformOptions(values))]
    }

    private mutating func expand(_ spec: ChainSpec, key: String, at location: ChainLocation, relativeTo directory: String?) throws(ChainError) -> [Chain.Link] {
        if expanding.contains(key) {
            throw ChainError("\(key) includes itself (\((expanding + [key]).joined(separator: " → ")))", at: location)
        }
        if expanding.count >= Self.maximumDepth {
            throw ChainError("chains nest more than \(Self.maximumDepth) deep", at: location)
        }
        expanding.append(key)
        defer { expanding.removeLast() }
        return try resolve(spec, relativeTo: directory)
    }
}
