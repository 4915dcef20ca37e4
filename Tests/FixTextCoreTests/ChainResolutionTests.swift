import FixTextCore
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A registry with toy transforms, built like the real one.
func toyRegistry() throws -> TransformRegistry {
    var registry = TransformRegistry()
    try registry.register(TransformDescriptor(
        name: "mojibake", summary: "toy", origin: .builtin(module: "Toys"),
        make: { _ in ReplaceAB() }
    ))
    try registry.register(TransformDescriptor(
        name: "normalize", summary: "toy",
        options: [
            OptionSpec("form", .choice(["nfc", "nfkc", "none"]), default: .string("nfc"), "form"),
            OptionSpec("width", .bool, default: .bool(false), "width"),
            OptionSpec("window", .integer(1...64), default: .integer(8), "window"),
        ],
        origin: .builtin(module: "Toys"), make: { _ in DeleteDashes() }
    ))
    try registry.register(TransformDescriptor(
        name: "dictionary", summary: "toy",
        options: [OptionSpec("path", .path, default: nil, "a file")],
        origin: .builtin(module: "Toys"), make: { _ in DeleteDashes() }
    ))
    try registry.register(chain: .init(name: "default", spec: "mojibake,normalize", summary: "toy default"))
    return registry
}

@Suite("Chain resolution")
struct ChainResolutionTests {
    @Test("names, options and named chains resolve to links with typed options")
    func resolves() throws {
        let chain = try Chain.resolve("default,normalize(form=NFKC,width,window=16)", in: toyRegistry())
        #expect(chain.links.map(\.name) == ["mojibake", "normalize", "normalize"])
        #expect(chain.links[1].options["form"] == .string("nfc"))
        #expect(chain.links[2].options["form"] == .string("nfkc"))
        #expect(chain.links[2].options["width"] == .bool(true))
        #expect(chain.links[2].options["window"] == .integer(16))
        #expect(chain.canonicalSpec == "mojibake,normalize,normalize(form=nfkc,width=true,window=16)")
    }

    @Test(
        "mistakes are named with their column and a suggestion",
        arguments: [
            ("mojibak", "unknown transform 'mojibak' at column 1; did you mean 'mojibake'?"),
            ("normalize,mojibkae", "unknown transform 'mojibkae' at column 11; did you mean 'mojibake'?"),
            ("zzzz", "unknown transform 'zzzz' at column 1; run 'fixtext list' to see them all"),
            ("normalize(frm=nfc)", "unknown option 'frm' for 'normalize' at column 11; did you mean 'form'?"),
            ("mojibake(x=1)", "unknown option 'x' for 'mojibake' at column 10; it takes no options"),
            ("normalize(form=nfx)", "invalid value 'nfx' for option 'form' of 'normalize' at column 11; expected one of nfc, nfkc, none"),
            ("normalize(window=99)", "invalid value '99' for option 'window' of 'normalize' at column 11; expected a whole number from 1 to 64"),
            ("normalize(width=maybe)", "invalid value 'maybe' for option 'width' of 'normalize' at column 11; expected true or false"),
            ("dictionary", "'dictionary' needs the option 'path' (a file path) at column 1"),
            ("default(x=1)", "chain 'default' takes no options at column 9"),
        ]
    )
    func errors(text: String, message: String) throws {
        let registry = try toyRegistry()
        do {
            _ = try Chain.resolve(text, in: registry)
            Issue.record("'\(text)' resolved")
        } catch {
            #expect(error.description == message)
            #expect(error.exitStatus == .usage)
        }
    }

    @Test("chain files: strings and objects, relative paths, includes, cycles")
    func chainFiles() throws {
        let folder = try TemporaryFolder()
        try folder.write("site.json", #"""
            {"name": "site", "description": "toy", "chain": [
              "mojibake",
              {"transform": "normalize", "options": {"form": "nfkc", "width": true, "window": 4}},
              {"transform": "dictionary", "options": {"path": "words.txt"}}
            ]}
            """#)
        try folder.write("outer.json", #"{"chain": "@site.json,normalize"}"#)
        try folder.write("loop.json", #"{"chain": ["@loop.json"]}"#)
        try folder.write("bad.json", #"{"chain": ["normalize(form=nfq)"]}"#)
        try folder.write("broken.json", #"{"chain": [1]}"#)
        let registry = try toyRegistry()

        let chain = try Chain.resolve("@\(folder.path)/outer.json", in: registry)
        #expect(chain.links.map(\.name) == ["mojibake", "normalize", "dictionary", "normalize"])
        #expect(chain.links[1].options["window"] == .integer(4))
        #expect(chain.links[2].options["path"] == .string("\(folder.path)/words.txt"))

        // Found by name through the search path.
        let named = try Chain.resolve("@site", in: registry, loader: ChainFileLoader(searchPath: [folder.path]))
        #expect(named.links.count == 3)

        #expect(throws: ChainError.self) { try Chain.resolve("@\(folder.path)/loop.json", in: registry) }
        do {
            _ = try Chain.resolve("@\(folder.path)/bad.json", in: registry)
        } catch {
            #expect(error.description == "invalid value 'nfq' for option 'form' of 'normalize' at column 11 of chain[0] in \(folder.path)/bad.json; expected one of nfc, nfkc, none")
        }
        do {
            _ = try Chain.resolve("@\(folder.path)/broken.json", in: registry)
        } catch {
            #expect(error.description.hasPrefix("chain file '\(folder.path)/broken.json' is not valid"))
        }
        do {
            _ = try Chain.resolve("mojibake,@nowhere.json", in: registry)
        } catch {
            #expect(error.description == "chain file 'nowhere.json' not found at column 10")
        }
    }
}

/// A folder under /tmp, removed when the value is released.
final class TemporaryFolder {
    let path: String

    init() throws {
        var template = Array("/tmp/fixtext-test-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw ChainError("mkdtemp failed") }
        path = String(cString: made)
    }

    func write(_ name: String, _ text: String) throws {
        let file = fopen(path + "/" + name, "w")
        defer { fclose(file) }
        fputs(text, file)
    }

    deinit {
        guard let dir = opendir(path) else { return }
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { unlink(path + "/" + name) }
        }
        closedir(dir)
        rmdir(path)
    }
}
