import CFixTextPlugin
import FixTextCore

#if canImport(Glibc)
import Glibc
#endif

/// A plugin loaded from a shared object through the C ABI of `fixtext_plugin.h`.
///
/// The shared object stays loaded for the life of the process: transforms made from it
/// hold pointers into it.
public enum SharedObjectPlugin {
    /// The ABI version this fixtext speaks.
    public static let abiVersion = UInt32(FIXTEXT_PLUGIN_ABI_VERSION)

    /// Loads the plugin at `path` and describes its transform.
    public static func load(path: String) throws(PluginError) -> TransformDescriptor {
        try checkIsSharedObject(path)
        // dlopen looks a name without a slash up in the library path, not the current folder.
        let file = path.contains("/") ? path : "./" + path
        guard let handle = dlopen(file, RTLD_NOW | RTLD_LOCAL) else {
            throw PluginError(path, "cannot be loaded: \(lastDLError())")
        }
        guard let symbol = dlsym(handle, FIXTEXT_PLUGIN_ENTRY_SYMBOL) else {
            dlclose(handle)
            throw PluginError(path, "is a shared object but not a fixtext plugin: it does not export '\(FIXTEXT_PLUGIN_ENTRY_SYMBOL)'")
        }
        let entry = unsafeBitCast(symbol, to: fixtext_plugin_entry_function.self)
        guard let table = entry() else {
            throw PluginError(path, "its \(FIXTEXT_PLUGIN_ENTRY_SYMBOL) returned no plugin table")
        }
        let checked = try PluginTable(table, path: path)
        return checked.descriptor
    }

    /// Tells a file that is not a shared object from one that fails to load.
    private static func checkIsSharedObject(_ path: String) throws(PluginError) {
        guard FileContents.exists(path) else { throw PluginError(path, "file not found") }
        guard let file = fopen(path, "rb") else {
            throw PluginError(path, "cannot be read: \(String(cString: strerror(errno)))")
        }
        var head = [UInt8](repeating: 0, count: 4)
        let count = fread(&head, 1, 4, file)
        fclose(file)
        guard count == 4, head == [0x7F, 0x45, 0x4C, 0x46] else {
            throw PluginError(path, "is not a shared object (no ELF header); plugins are .so files or rule packs starting with '\(RulePack.header)'")
        }
    }

    private static func lastDLError() -> String {
        dlerror().map { String(cString: $0) } ?? "unknown error"
    }
}

/// A plugin's table, checked once when it is loaded. Plugins stay loaded, so the pointer
/// stays valid and may be shared between threads (the table is read-only).
struct PluginTable: @unchecked Sendable {
    let pointer: UnsafePointer<fixtext_plugin>
    let path: String
    let name: String
    let maxHeldBytes: Int
    let hasExplain: Bool

    init(_ pointer: UnsafePointer<fixtext_plugin>, path: String) throws(PluginError) {
        self.pointer = pointer
        self.path = path
        let table = pointer.pointee
        let ours = SharedObjectPlugin.abiVersion
        if table.abi_version != ours {
            let age = table.abi_version > ours ? "newer" : "older"
            throw PluginError(path, "was built for plugin ABI version \(table.abi_version), \(age) than this fixtext's version \(ours); rebuild it against this fixtext's fixtext_plugin.h")
        }
        // Everything up to `destroy` is required; `explain` and later fields are optional.
        let required = MemoryLayout<fixtext_plugin>.offset(of: \fixtext_plugin.explain)!
        guard Int(table.struct_size) >= required else {
            throw PluginError(path, "its plugin table is \(table.struct_size) bytes, smaller than the \(required) that ABI version \(ours) requires")
        }
        guard let name = table.name.map({ String(cString: $0) }), !name.isEmpty else {
            throw PluginError(path, "its plugin table has no name")
        }
        guard table.create != nil, table.transform != nil, table.destroy != nil else {
            throw PluginError(path, "its plugin table lacks create, transform or destroy")
        }
        guard table.option_count == 0 || table.options != nil else {
            throw PluginError(path, "its plugin table declares \(table.option_count) options but gives none")
        }
        self.name = name
        maxHeldBytes = Int(table.max_held_bytes)
        let explainEnd = required + MemoryLayout<UnsafeRawPointer>.size
        hasExplain = Int(table.struct_size) >= explainEnd && table.explain != nil
    }

    var descriptor: TransformDescriptor {
        let table = pointer.pointee
        var options: [OptionSpec] = []
        for i in 0..<table.option_count {
            let option = table.options[i]
            let name = option.name.map { String(cString: $0) } ?? ""
            let value = option.default_value.map { OptionValue.string(String(cString: $0)) }
            options.append(OptionSpec(name, .string, default: value, option.summary.map { String(cString: $0) } ?? ""))
        }
        let this = self
        let names = options.map(\.name)
        return TransformDescriptor(
            name: name,
            summary: table.summary.map { String(cString: $0) } ?? "",
            documentation: table.documentation.map { String(cString: $0) } ?? "",
            options: options,
            origin: .plugin(path: path),
            // The C ABI has no way to declare it (yet): a binary plugin runs serially.
            linesAreIndependent: { _ in false },
            make: { values in try SharedObjectTransform(this, options: names.map { ($0, values.string($0) ?? "") }) }
        )
    }
}
