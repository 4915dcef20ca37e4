import FixTextBuiltins
import FixTextCore
import FixTextPluginHost
import FixTextTestSupport
import Testing

/// The Rust example plugin (Plugins/Examples/RustPlugin), compiled with plain rustc and
/// loaded through the real CLI like the C one. Skipped, and shown as skipped, where rustc
/// is not installed.
@Suite("a runtime plugin written in Rust", .serialized, .enabled(if: PluginBuilds.rustc != nil, "rustc is not installed"))
struct RustPluginTests {
    @Test("built with rustc, chained with built-ins and the C plugin, through the real CLI")
    func chainWithBuiltins() throws {
        let scratch = try Scratch()
        let rust = try PluginBuilds.rustExample(in: scratch)
        let c = try PluginBuilds.cExample(in: scratch)
        // Marks after Chinese characters become full-width; "3,5" and "a, b" stay.
        let input = "你好,世界!  问题?3,5 a, b 说:好;\n"
        let result = try BinaryRunner.run(
            ["--plugin", rust, "--plugin", c, "-c", "normalize,squeeze-spaces,cjk-punctuation"],
            stdin: Array(input.utf8))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.text == "你好，世界！ 问题？3,5 a, b 说：好；\n")
        let some = try BinaryRunner.run(["--plugin", rust, "-c", "cjk-punctuation(marks=\"?,\")"], stdin: Array("你好,世界!对吗?".utf8))
        #expect(some.status == 0, "\(some.stderr)")
        #expect(some.text == "你好，世界!对吗？")
    }

    @Test("listed with its options; explain gives its reason for each edit")
    func listAndExplain() throws {
        let scratch = try Scratch()
        let rust = try PluginBuilds.rustExample(in: scratch)
        let list = try BinaryRunner.run(["list", "--plugin", rust, "cjk-punctuation"])
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.text.contains("from: plugin \(rust)"))
        #expect(list.text.contains("marks: text; default ,;:?!"))
        let explain = try BinaryRunner.run(["explain", "--plugin", rust, "-c", "cjk-punctuation"], stdin: Array("好,a,中!\n".utf8))
        #expect(explain.status == 0, "\(explain.stderr)")
        #expect(explain.text == """
            1:2  cjk-punctuation  "," → "，"  ASCII ',' after a Chinese character → '，'
            1:6  cjk-punctuation  "!" → "！"  ASCII '!' after a Chinese character → '！'

            """)
    }

    @Test("a bad option is a usage error with the plugin's message; invalid UTF-8 passes through")
    func errorsAndInvalidInput() throws {
        let scratch = try Scratch()
        let rust = try PluginBuilds.rustExample(in: scratch)
        let bad = try BinaryRunner.run(["--plugin", rust, "-c", "cjk-punctuation(marks=.)"], stdin: Array("x".utf8))
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("cjk-punctuation could not start: marks may hold only , ; : ? and !, not '.'"))
        let invalid: [UInt8] = Array("中".utf8) + [0xE4, 0xB8] + Array(",中,".utf8) + [0xFF]
        let result = try BinaryRunner.run(["--plugin", rust, "-c", "cjk-punctuation"], stdin: invalid)
        #expect(result.status == 3)
        #expect(result.stdout == Array("中".utf8) + [0xE4, 0xB8] + Array(",中，".utf8) + [0xFF])
    }

    @Test("the same output however the input is cut, with characters cut between chunks")
    func chunkIndependence() throws {
        let scratch = try Scratch()
        let rust = try PluginBuilds.rustExample(in: scratch)
        var registry = TransformRegistry.builtin
        try PluginLoader.register([rust], searchPath: [], into: &registry)
        let chain = try Chain.resolve("cjk-punctuation,normalize", in: registry)
        var input = ""
        for i in 0..<60 {
            input += "第\(i)段,𠀀!\(i),x 〇:好?\n"
        }
        let result = try ChunkedRun.expectChunkIndependent({ try chain.makeTransforms() }, on: Array(input.utf8))
        let text = String(decoding: result.output, as: UTF8.self)
        #expect(text.hasPrefix("第0段，𠀀！0,x 〇：好？\n第1段，"))
        #expect(result.changes.count == 60 * 4)
    }
}
