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
