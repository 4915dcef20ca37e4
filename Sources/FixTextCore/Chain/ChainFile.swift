import FoundationEssentials

/// A chain saved in a JSON file, used as `-c @path/to/chain.json` (or `@name`, found as
/// `name.json` in the folders of `FIXTEXT_CHAIN_PATH`):
///
/// ```json
/// {
///   "name": "zh-clean",
///   "description": "Repair a crawl and convert it to simplified Chinese",
///   "chain": [
///     "mojibake",
///     "normalize(form=nfkc)",
///     { "transform": "t2s", "options": { "user-dictionary": "words.txt" } }
///   ]
/// }
/// ```
///
/// `chain` is a list of steps, each a string in the `-c` syntax or an object; it may also
/// be one string. Relative paths (in `@` steps and path options) are taken from the
/// folder of the file that names them.
public struct ChainFile: Sendable {
    public var name: String?
    public var description: String?
    public var spec: ChainSpec
}

/// Reads chain files.
public struct ChainFileLoader: Sendable {
    /// Folders searched for `@name` when `name` is not a file.
    public var searchPath: [String]
    /// Chain files larger than this are refused.
    public static let maximumSize = 1 << 20

    public init(searchPath: [String] = []) {
        self.searchPath = searchPath
    }

    /// The loader that searches the folders of `FIXTEXT_CHAIN_PATH` (separated by ':').
    public static func fromEnvironment() -> ChainFileLoader {
        let value = Environment.value("FIXTEXT_CHAIN_PATH") ?? ""
        return ChainFileLoader(searchPath: value.split(separator: ":").map(String.init))
    }

    public func load(_ path: String, at location: ChainLocation) throws(ChainError) -> ChainFile {
        let found = try locate(path, at: location)
        let data: [UInt8]
        do {
            data = try FileContents.read(found, limit: Self.maximumSize)
        } catch {
            throw ChainError("cannot read chain file '\(found)': \(error)", at: location)
        }
        return try Self.parse(data, file: found)
    }

    private func locate(_ path: String, at location: ChainLocation) throws(ChainError) -> String {
        if FileContents.exists(path) { return path }
        if !path.contains("/") {
            let name = path.hasSuffix(".json") ? path : path + ".json"
            for folder in searchPath where !folder.isEmpty {
                let candidate = folder.hasSuffix("/") ? folder + name : folder + "/" + name
                if FileContents.exists(candidate) { return candidate }
            }
        }
        var message = "chain file '\(path)' not found"
        if !path.contains("/") && !searchPath.isEmpty {
            message += " (also looked in FIXTEXT_CHAIN_PATH: \(searchPath.joined(separator: ":")))"
        }
        throw ChainError(message, at: location)
    }

    /// Parses the JSON text of a chain file; `file` names it in errors.
    public static func parse(_ data: [UInt8], file: String) throws(ChainError) -> ChainFile {
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: Data(data))
        } catch let error as DecodingError {
            throw ChainError("chain file '\(file)' is not valid: \(Self.describe(error))")
        } catch {
            throw ChainError("chain file '\(file)' is not valid JSON: \(error)")
        }
        var steps: [ChainSpec.Step] = []
        for (index, entry) in document.chain.enumerated() {
            let entryName = document.chain.count == 1 && document.chainIsString ? "chain" : "chain[\(index)]"
            switch entry {
            case .text(let text):
                steps += try ChainParser.parse(text, file: file, entry: entryName).steps
            case .object(let name, let options):
                let location = ChainLocation(file: file, entry: entryName, column: 1)
                guard TransformRegistry.isValidName(name) else {
                    throw ChainError("'\(name)' is not a transform name", at: location)
                }
                let settings = options.sorted { $0.key < $1.key }.map { key, value in
                    ChainSpec.OptionSetting(name: key, value: value, location: ChainLocation(file: file, entry: "\(entryName).options.\(key)", column: 1))
                }
                steps.append(.transform(.init(name: name, options: settings, location: location)))
            }
        }
        if steps.isEmpty { throw ChainError("chain file '\(file)' has an empty chain") }
        return ChainFile(name: document.name, description: document.description, spec: ChainSpec(steps: steps))
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, _): "missing key '\(key.stringValue)'"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            (context.codingPath.isEmpty ? "" : context.codingPath.map(\.stringValue).joined(separator: ".") + ": ")
                + context.debugDescription
        @unknown default: "\(error)"
        }
    }

    private struct Document: Decodable {
        var name: String?
        var description: String?
        var chain: [Entry]
        var chainIsString = false

        enum CodingKeys: String, CodingKey { case name, description, chain }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try container.decodeIfPresent(String.self, forKey: .name)
            description = try container.decodeIfPresent(String.self, forKey: .description)
            if let text = try? container.decode(String.self, forKey: .chain) {
                chain = [.text(text)]
                chainIsString = true
            } else {
                chain = try container.decode([Entry].self, forKey: .chain)
            }
        }
    }

    private enum Entry: Decodable {
        case text(String)
        case object(name: String, options: [String: String])

        enum CodingKeys: String, CodingKey { case transform, options }

        init(from decoder: any Decoder) throws {
            if let text = try? decoder.singleValueContainer().decode(String.self) {
                self = .text(text)
                return
            }
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let name = try container.decode(String.self, forKey: .transform)
            let options = try container.decodeIfPresent([String: OptionText].self, forKey: .options) ?? [:]
            self = .object(name: name, options: options.mapValues(\.text))
        }
    }

    /// An option value in JSON: a string, a number or a boolean, kept as text and typed
    /// by the option it is given to.
    private struct OptionText: Decodable {
        var text: String

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let b = try? container.decode(Bool.self) {
                text = String(b)
            } else if let n = try? container.decode(Int.self) {
                text = String(n)
            } else {
                text = try container.decode(String.self)
            }
        }
    }
}
