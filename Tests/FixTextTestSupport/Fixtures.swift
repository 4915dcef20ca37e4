import FixTextCore

/// Paths to test data: the repository's Fixtures/ and, when present, the shared corpora
/// beside the checkout.
public enum TestData {
    /// The repository root, found from this file's path.
    public static let repositoryRoot: String = {
        var path = #filePath
        for _ in 0..<3 { path = String(path[..<path.lastIndex(of: "/")!]) }
        return path
    }()

    public static func fixture(_ name: String) -> String {
        repositoryRoot + "/Fixtures/" + name
    }

    public static func fixtureBytes(_ name: String) throws -> [UInt8] {
        try FileContents.read(fixture(name), limit: 1 << 30)
    }
}

extension TestData {
    /// The shared clean corpora beside the checkout (`../shared/corpora`), decompressed,
    /// or nil where they are not present.
    public static func sharedCorpusLines(_ name: String, limit: Int = .max) -> [String]? {
        let path = repositoryRoot + "/../shared/corpora/" + name
        guard FileContents.exists(path) else { return nil }
        guard let text = try? Gunzip.text(ofFile: path) else { return nil }
        return Array(text.split(separator: "\n", omittingEmptySubsequences: true).prefix(limit).map(String.init))
    }

    /// Makes a chain from `text` against a registry with `plugins`' transforms.
    public static func chain(_ text: String, plugins: [any TransformPlugin.Type]) throws -> () throws -> [NamedTransform] {
        var registry = TransformRegistry()
        for plugin in plugins {
            for descriptor in plugin.transforms { try registry.register(descriptor) }
        }
        let chain = try Chain.resolve(text, in: registry)
        return { try chain.makeTransforms() }
    }
}
