import FixTextCore

extension TransformRegistry {
    /// Everything compiled into fixtext: the transforms of every plugin in Plugins/ and
    /// the named chains, `default` among them.
    public static let builtin: TransformRegistry = {
        var registry = TransformRegistry()
        do {
            for (plugin, documentation) in builtinPlugins() {
                for var descriptor in plugin.transforms {
                    if descriptor.documentation.isEmpty { descriptor.documentation = documentation }
                    try registry.register(descriptor)
                }
            }
            try registry.register(chain: DefaultChain.named)
        } catch {
            // Built-in names are fixed at compile time, and a test registers them all.
            preconditionFailure("built-in registry: \(error)")
        }
        return registry
    }()
}

/// The chain that runs when `-c` is not given. It must never change clean text.
///
/// `mojibake` comes first: `normalize` takes out control characters, and the C1 controls
/// of UTF-8 read as Latin-1 are bytes of the text. `strip-pinyin` comes after it: glosses
/// can sit behind mojibake (鐓^(qū) is 區(qū) garbled), and only the repaired character
/// can be checked.
public enum DefaultChain {
    public static let spec = "mojibake,normalize,strip-pinyin"

    public static let named = TransformRegistry.NamedChain(
        name: "default",
        spec: spec,
        summary: "The safe repair chain that runs without -c"
    )
}
