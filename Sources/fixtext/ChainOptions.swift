import ArgumentParser
import FixTextBuiltins
import FixTextCore
import FixTextIO
import FixTextPluginHost

/// The options every command that runs a chain shares.
struct ChainOptions: ParsableArguments {
    @Option(
        name: [.customShort("c"), .customLong("chain")],
        help: ArgumentHelp("The chain to run, e.g. 'normalize(form=nfkc)' or @chain.json. Default: the safe repair chain.", valueName: "chain")
    )
    var chain: String?

    @Option(
        name: .customLong("from"),
        help: ArgumentHelp("Decode the input from this encoding first: gbk, gb18030, big5, shift_jis, windows-1252, or any name ICU knows.", valueName: "encoding")
    )
    var encoding: String?

    @OptionGroup var plugins: PluginOptions

    @Flag(help: "Stop with an error (exit 1) on bytes that are not valid in the input encoding, instead of reporting them.")
    var strict = false

    @Argument(help: ArgumentHelp("Input files; none or '-' reads standard input. Gzip input is decompressed.", valueName: "file"))
    var files: [String] = []

    /// What the options say, as plain values.
    var settings: ChainSettings {
        ChainSettings(chain: chain, encoding: encoding, plugins: plugins.paths, strict: strict, files: files)
    }

    func validate() throws {
        try settings.validate()
    }
}

/// The options of a command that runs a chain, as plain values: what ``ChainOptions``
/// parses, or what ``QuickRunParser`` reads without ArgumentParser.
struct ChainSettings: Equatable {
    var chain: String?
    var encoding: String?
    /// Plugins to load besides those in FIXTEXT_PLUGIN_PATH.
    var plugins: [String] = []
    var strict = false
    var files: [String] = []

    var inputs: [String] { files.isEmpty ? ["-"] : files }

    func validate() throws {
        if let encoding {
            do {
                try InputDecoder.validateEncoding(encoding)
            } catch {
                throw ValidationError(error.description)
            }
        }
        if files.filter({ $0 == "-" }).count > 1 {
            throw ValidationError("standard input ('-') can be read only once")
        }
    }

    /// The chain to run, looked up in the registry.
    func resolveChain() throws -> Chain {
        try Chain.resolve(chain ?? DefaultChain.spec, in: CommandRegistry.load(plugins: plugins), loader: .fromEnvironment())
    }
}

/// Plugins to load besides those in FIXTEXT_PLUGIN_PATH.
struct PluginOptions: ParsableArguments {
    @Option(
        name: .customLong("plugin"),
        help: ArgumentHelp("Load a plugin: a shared object (.so) or a rule pack. Repeatable; the folders of FIXTEXT_PLUGIN_PATH are searched for .so and .rules files too. See PLUGINS.md.", valueName: "path")
    )
    var paths: [String] = []
}

enum CommandRegistry {
    /// The registry commands run against: the built-ins, the plugins named with --plugin,
    /// and those in the folders of FIXTEXT_PLUGIN_PATH.
    static func load(plugins: [String]) throws -> TransformRegistry {
        var registry = TransformRegistry.builtin
        try PluginLoader.register(plugins, searchPath: PluginLoader.environmentSearchPath(), into: &registry)
        return registry
    }
}
