import FixTextCore
import Testing

@Suite("TransformRegistry")
struct RegistryTests {
    @Test("a name can be taken once; the clash names both origins")
    func duplicateNames() throws {
        var registry = try toyRegistry()
        let clash = TransformDescriptor(name: "mojibake", summary: "again", origin: .plugin(path: "/p/x.so"), make: { _ in ReplaceAB() })
        #expect(throws: RegistryError.duplicateName("mojibake", existing: "built-in (Toys)", new: "plugin /p/x.so")) {
            try registry.register(clash)
        }
        #expect(throws: RegistryError.self) {
            try registry.register(chain: .init(name: "normalize", spec: "mojibake", summary: ""))
        }
    }

    @Test("names must be lowercase words with hyphens", arguments: ["Upper", "with space", "", "-lead", "under_score"])
    func invalidNames(name: String) {
        var registry = TransformRegistry()
        #expect(throws: RegistryError.self) {
            try registry.register(TransformDescriptor(name: name, summary: "", origin: .builtin(module: "T"), make: { _ in ReplaceAB() }))
        }
    }

    @Test("suggestions find near names and prefixes, and nothing for far ones")
    func suggestions() throws {
        let registry = try toyRegistry()
        #expect(registry.suggestion(for: "normalise") == "normalize")
        #expect(registry.suggestion(for: "moji") == "mojibake")
        #expect(registry.suggestion(for: "defualt") == "default")
        #expect(registry.suggestion(for: "t2s") == nil)
    }
}
