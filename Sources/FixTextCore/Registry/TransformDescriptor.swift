/// Everything the registry knows about one transform: its name, its documentation, its
/// options, where it came from, and how to make one.
public struct TransformDescriptor: Sendable {
    /// Where a transform was registered from, shown by `fixtext list`.
    public enum Origin: Sendable, Hashable, CustomStringConvertible {
        /// Compiled into fixtext, from the named module.
        case builtin(module: String)
        /// Loaded at run time from a file.
        case plugin(path: String)

        public var description: String {
            switch self {
            case .builtin(let module): "built-in (\(module))"
            case .plugin(let path): "plugin \(path)"
            }
        }
    }

    public var name: String
    /// One line, shown by `fixtext list`.
    public var summary: String
    /// The full user documentation, shown by `fixtext list NAME`.
    public var documentation: String
    public var options: [OptionSpec]
    public var origin: Origin
    /// Makes a fresh transform, with every option resolved.
    public var make: @Sendable (TransformOptions) throws -> any Transform
    /// Whether, with these options, the transform's output for a line never depends on
    /// other lines: it keeps no state from one line to the next (nothing about the
    /// document, no match across a "\n"), and its output for whole lines is whole lines
    /// (it never removes a line's "\n" but with the whole line). Then the output for a
    /// stream is the output for its runs of whole lines, each run through a fresh
    /// transform, put together, and `fixtext run` cleans a large input in blocks on all
    /// cores (see ``Chain/linesAreIndependent``).
    ///
    /// It is declared, never inferred: a transform's ``TransformContext`` says how it
    /// wants its input framed, not what it remembers (a `.line` transform may count lines,
    /// a `.window` one may hold a page of text). The default is `false`, so a transform
    /// that says nothing (an out-of-tree plugin) stays on the serial path, which is always
    /// right.
    public var linesAreIndependent: @Sendable (TransformOptions) -> Bool

    public init(
        name: String,
        summary: String,
        documentation: String = "",
        options: [OptionSpec] = [],
        origin: Origin,
        linesAreIndependent: @escaping @Sendable (TransformOptions) -> Bool = { _ in false },
        make: @escaping @Sendable (TransformOptions) throws -> any Transform
    ) {
        self.name = name
        self.summary = summary
        self.documentation = documentation
        self.options = options
        self.origin = origin
        self.linesAreIndependent = linesAreIndependent
        self.make = make
    }

    public func option(named name: String) -> OptionSpec? {
        options.first { $0.name == name }
    }

    /// The options with nothing set but their defaults.
    public var defaultOptions: TransformOptions {
        TransformOptions(
            Dictionary(uniqueKeysWithValues: options.compactMap { spec in
                spec.defaultValue.map { (spec.name, $0) }
            })
        )
    }
}

/// A module of built-in transforms. The registry of built-ins is generated from every
/// type in Plugins/ that conforms, by `swift run generate-registry`.
public protocol TransformPlugin {
    /// The transforms this plugin provides; their documentation may be left empty, and is
    /// then filled from the plugin type's doc comment.
    static var transforms: [TransformDescriptor] { get }
}
