// Writes Sources/FixTextBuiltins/BuiltinPlugins.swift: the list of every plugin under
// Plugins/, with its doc comment, which is the user documentation `fixtext list NAME`
// shows. Run it after adding a plugin: `swift run generate-registry`. With `--check` it
// only compares, and exits 1 when the file is stale (the test suite runs that).

import Foundation

@main
struct GenerateRegistry {
    static let outputPath = "Sources/FixTextBuiltins/BuiltinPlugins.swift"

    struct Plugin {
        var module: String
        var type: String
        var documentation: String
    }

    static func main() {
        var arguments = CommandLine.arguments.dropFirst()
        var check = false
        var root = FileManager.default.currentDirectoryPath
        while let argument = arguments.popFirst() {
            switch argument {
            case "--check": check = true
            case "--root": root = arguments.popFirst() ?? root
            case "-h", "--help":
                print("usage: generate-registry [--check] [--root PACKAGE_DIR]")
                return
            default:
                fail("unknown argument '\(argument)'", status: 2)
            }
        }
        do {
            let plugins = try findPlugins(root: root)
            let generated = render(plugins)
            let path = root + "/" + outputPath
            let existing = try? String(contentsOfFile: path, encoding: .utf8)
            if check {
                guard existing == generated else {
                    fail("\(outputPath) is stale: run 'swift run generate-registry'", status: 1)
                }
                print("\(outputPath) is up to date (\(plugins.count) plugins)")
            } else if existing != generated {
                try generated.write(toFile: path, atomically: true, encoding: .utf8)
                print("wrote \(outputPath) (\(plugins.count) plugins)")
            } else {
                print("\(outputPath) is up to date (\(plugins.count) plugins)")
            }
        } catch {
            fail("\(error)", status: 1)
        }
    }

    static func fail(_ message: String, status: Int32) -> Never {
        FileHandle.standardError.write(Data("generate-registry: \(message)\n".utf8))
        exit(status)
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Every type under Plugins/ that conforms to TransformPlugin, with the module that
    /// Package.swift builds its folder as.
    static func findPlugins(root: String) throws -> [Plugin] {
        let manifest = try String(contentsOfFile: root + "/Package.swift", encoding: .utf8)
        let files = FileManager.default.enumerator(atPath: root + "/Plugins")?
            .compactMap { $0 as? String }
            .filter { $0.hasSuffix(".swift") }
            .sorted() ?? []
        var plugins: [Plugin] = []
        for file in files {
            let text = try String(contentsOfFile: root + "/Plugins/" + file, encoding: .utf8)
            let lines = text.components(separatedBy: "\n")
            for (index, line) in lines.enumerated() {
                guard let type = conformingType(in: line) else { continue }
                let folder = "Plugins/" + file.components(separatedBy: "/").dropLast().joined(separator: "/")
                guard let module = module(forPath: folder, in: manifest) else {
                    throw Failure(description: "no target in Package.swift has path: \"\(folder)\" (for \(type))")
                }
                plugins.append(Plugin(module: module, type: type, documentation: docComment(before: index, in: lines)))
            }
        }
        return plugins.sorted { ($0.module, $0.type) < ($1.module, $1.type) }
    }

    /// The type a line declares conforming to TransformPlugin, if it does.
    static func conformingType(in line: String) -> String? {
        let pattern = /^public\s+(?:final\s+)?(?:enum|struct|class)\s+(\w+)\s*:[^{]*\bTransformPlugin\b/
        return (try? pattern.firstMatch(in: line)).map { String($0.output.1) }
    }

    static func module(forPath path: String, in manifest: String) -> String? {
        guard let pathRange = manifest.range(of: "path: \"\(path)\"") else { return nil }
        let before = manifest[..<pathRange.lowerBound]
        let names = before.matches(of: /name:\s*"([^"]+)"/)
        return names.last.map { String($0.output.1) }
    }

    static func docComment(before index: Int, in lines: [String]) -> String {
        var collected: [String] = []
        var i = index - 1
        while i >= 0 {
            let trimmed = lines[i].trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("///") else { break }
            var content = String(trimmed.dropFirst(3))
            if content.hasPrefix(" ") { content.removeFirst() }
            collected.append(content)
            i -= 1
        }
        return collected.reversed().joined(separator: "\n")
    }

    static func render(_ plugins: [Plugin]) -> String {
        var text = """
            // Generated by `swift run generate-registry` from the plugins in Plugins/.
            // Do not edit: a test fails when this file is stale.

            import FixTextCore

            """
        for module in Set(plugins.map(\.module)).sorted() {
            text += "import \(module)\n"
        }
        text += """

            /// Every built-in plugin, with its doc comment: the user documentation.
            func builtinPlugins() -> [(plugin: any TransformPlugin.Type, documentation: String)] {
                [

            """
        for plugin in plugins {
            text += "        (\n            \(plugin.type).self,\n            #\"\"\"\n"
            for line in plugin.documentation.components(separatedBy: "\n") {
                text += line.isEmpty ? "\n" : "            \(line)\n"
            }
            text += "            \"\"\"#\n        ),\n"
        }
        text += "    ]\n}\n"
        return text
    }
}
