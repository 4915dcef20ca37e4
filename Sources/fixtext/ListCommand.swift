import ArgumentParser
import FixTextCore

/// `fixtext list`: the transforms and chains fixtext knows.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the transforms and named chains, or show one's documentation.",
        discussion: """
            EXAMPLES
              fixtext list                 every transform and chain, one line each
              fixtext list normalize       the documentation and options of 'normalize'
              fixtext list --plugin ./my-plugin.so    with a plugin, and where it came from
            """
    )

    @Argument(help: "A transform or chain to document in full.")
    var name: String?

    @OptionGroup var plugins: PluginOptions

    func run() throws {
        let registry = try CommandRegistry.load(plugins: plugins.paths)
        guard let name else {
            print(Self.overview(registry), terminator: "")
            return
        }
        if let descriptor = registry.descriptor(named: name) {
            print(Self.documentation(descriptor), terminator: "")
        } else if let chain = registry.chain(named: name) {
            print("\(chain.name): \(chain.summary)\n\n  \(chain.spec)\n")
        } else {
            var message = "unknown transform '\(name)'"
            if let suggestion = registry.suggestion(for: name) { message += "; did you mean '\(suggestion)'?" }
            throw UsageError(message)
        }
    }

    static func overview(_ registry: TransformRegistry) -> String {
        let width = (registry.descriptors.map(\.name.count) + registry.namedChains.map(\.name.count)).max() ?? 0
        var text = "TRANSFORMS\n"
        for descriptor in registry.descriptors {
            text += "  " + pad(descriptor.name, width) + "  " + descriptor.summary
            if case .plugin = descriptor.origin { text += "  [\(descriptor.origin)]" }
            text += "\n"
            for option in descriptor.options {
                text += "  " + pad("", width) + "    \(option.name)=\(option.defaultValue?.description ?? "…")\n"
            }
        }
        text += "\nCHAINS\n"
        for chain in registry.namedChains {
            text += "  " + pad(chain.name, width) + "  " + chain.spec + "  (\(chain.summary))\n"
        }
        text += "\nRun 'fixtext list NAME' for a transform's documentation.\n"
        return text
    }

    static func documentation(_ descriptor: TransformDescriptor) -> String {
        var text = "\(descriptor.name): \(descriptor.summary)\nfrom: \(descriptor.origin)\n"
        // What decides whether `fixtext run` may clean an input on all cores.
        text += descriptor.linesAreIndependent(descriptor.defaultOptions)
            ? "lines: each cleaned on its own (with the default options); a large input runs on all cores\n"
            : "lines: not independent (with the default options); a chain with it runs on one thread\n"
        if !descriptor.documentation.isEmpty {
            text += "\n" + descriptor.documentation + "\n"
        }
        if !descriptor.options.isEmpty {
            text += "\nOPTIONS\n"
            for option in descriptor.options {
                let value = option.defaultValue.map { "default \($0)" } ?? "required"
                text += "  \(option.name): \(option.expectation); \(value)\n      \(option.summary)\n"
            }
        }
        return text
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }
}
