import FixTextCore
import FoundationEssentials

#if canImport(Glibc)
import Glibc
#endif

/// Finds plugins (shared objects and rule packs) and registers their transforms.
public enum PluginLoader {
    /// The folders of `FIXTEXT_PLUGIN_PATH` (separated by ':').
    public static func environmentSearchPath() -> [String] {
        let value = Environment.value("FIXTEXT_PLUGIN_PATH") ?? ""
        return value.split(separator: ":").map(String.init)
    }

    /// The plugin files in `folders`: every `.so` and `.rules` file, by name. Folders that
    /// do not exist are skipped, as in PATH.
    public static func files(in folders: [String]) -> [String] {
        var found: [String] = []
        for folder in folders where !folder.isEmpty {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { continue }
            for name in names.sorted() where name.hasSuffix(".so") || name.hasSuffix(".rules") {
                found.append(folder.hasSuffix("/") ? folder + name : folder + "/" + name)
            }
        }
        return found
    }

    /// Loads one plugin file: a rule pack if it starts with the rule file header, else a
    /// shared object.
    public static func load(path: String) throws(PluginError) -> TransformDescriptor {
        guard FileContents.exists(path) else { throw PluginError(path, "file not found") }
        // A pack is read once: the bytes that told it apart are the ones parsed.
        if !path.hasSuffix(".so"), let bytes = try? FileContents.read(path, limit: 16 << 20), RulePack.looksLikePack(bytes) {
            return try RulePack(bytes: bytes, source: path).descriptor
        }
        return try SharedObjectPlugin.load(path: path)
    }

    /// Registers the plugins named on the command line, then those in the search path.
    /// The same file named twice is loaded once; a name taken by a built-in or another
    /// plugin is an error.
    public static func register(
        _ paths: [String], searchPath: [String], into registry: inout TransformRegistry
    ) throws {
        var seen = Set<String>()
        for path in paths + files(in: searchPath) {
            let key = canonical(path)
            guard seen.insert(key).inserted else { continue }
            try registry.register(try load(path: path))
        }
    }

    private static func canonical(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
