import Foundation
import FixTextBuiltins
import FixTextCore
import FixTextPluginHost
import FixTextTestSupport
import Testing

@Suite("runtime plugins through the CLI (end to end)", .serialized)
struct PluginCommandTests {
    static let pack = """
        # A rule pack for a made-up site.
        fixtext-boilerplate-rules 2
        pack     name      example-site
        pack     summary   cleans pages of example.com
        map      chars     臺灣 => 台湾
        map      phrase    電腦 => 计算机
        replace  literal   [广告] =>
        replace  regex     (\\d+)年 => $1 年
        drop     prefix    分享到：
        drop     regex     ^第\\d+页$
        tail     prefix    相关阅读

        """

    @Test("both example .so plugins and a rule pack, chained with built-ins, through the real CLI")
    func chainWithBuiltins() throws {
        let scratch = try Scratch()
        let c = try PluginBuilds.cExample(in: scratch)
        let pack = try scratch.write("site.rules", Array(Self.pack.utf8))
        let input = "臺灣的電腦\u{3000}很多   人[广告]\n分享到：微博\n2024年\u{A0}好\n第3页\n相关阅读\n别的文章\n"
        let result = try BinaryRunner.run(
            ["--plugin", PluginBuilds.swiftExample, "--plugin", c, "--plugin", pack,
             "-c", "normalize,ideographic-space(width=2),squeeze-spaces,example-site"],
            stdin: Array(input.utf8))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.text == "台湾的计算机 很多 人\n2024 年 好\n")
    }

    @Test("plugins in FIXTEXT_PLUGIN_PATH are loaded and listed with where they came from")
    func pluginPathAndList() throws {
        let scratch = try Scratch()
        try FileManager.default.createDirectory(at: scratch.url.appendingPathComponent("plugins"), withIntermediateDirectories: true)
        _ = try PluginBuilds.cExample(in: scratch, name: "plugins/squeeze-spaces.so")
        try scratch.write("plugins/site.rules", Array(Self.pack.utf8))
        try scratch.write("plugins/notes.txt", Array("not a plugin, and ignored".utf8))
        let folder = scratch.path + "/plugins"
        let environment = ["FIXTEXT_PLUGIN_PATH": "/nonexistent-folder:" + folder]
        let list = try BinaryRunner.run(["list"], environment: environment)
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.text.contains("squeeze-spaces"))
        #expect(list.text.contains("[plugin \(folder)/squeeze-spaces.so]"))
        #expect(list.text.contains("[plugin \(folder)/site.rules]"))
        let one = try BinaryRunner.run(["list", "squeeze-spaces"], environment: environment)
        #expect(one.text.contains("from: plugin \(folder)/squeeze-spaces.so"))
        #expect(one.text.contains("tabs: text; default false"))
        let swift = try BinaryRunner.run(["list", "--plugin", PluginBuilds.swiftExample])
        #expect(swift.text.contains("ideographic-space"))
        #expect(swift.text.contains("[plugin \(PluginBuilds.swiftExample)]"))
        let run = try BinaryRunner.run(["-c", "squeeze-spaces(tabs=true)"], stdin: Array("a \t b".utf8), environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.text == "a b")
    }

    @Test("explain gives the plugins' reasons for each edit")
    func explain() throws {
        let scratch = try Scratch()
        let c = try PluginBuilds.cExample(in: scratch)
        let result = try BinaryRunner.run(
            ["explain", "--plugin", PluginBuilds.swiftExample, "--plugin", c, "-c", "ideographic-space,squeeze-spaces"],
            stdin: Array("甲\u{3000}乙  丙\n".utf8))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.text.contains("1:2  ideographic-space  \"\\u{3000}\" → \" \"  U+3000 IDEOGRAPHIC SPACE → ASCII space"))
        #expect(result.text.contains("1:5  squeeze-spaces  \" \" → \"\"  space after a space removed"))
    }

    @Test("a field past the table's struct_size is not read")
    func structSize() throws {
        let scratch = try Scratch()
        let faulty = try scratch.write("faulty.c", Array(PluginBuilds.faultySource.utf8))
        let short = try PluginBuilds.compileC(faulty, into: scratch, name: "short.so", defines: ["NO_EXPLAIN_FIELD"])
        let result = try BinaryRunner.run(["explain", "--plugin", short, "-c", "faulty"], stdin: Array("ab".utf8))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.text == "1:1  faulty  \"a\" → \"x\"  changed by plugin faulty\n")
    }

    @Test("the plugins and the pack give the same output however the input is cut")
    func chunkIndependence() throws {
        let scratch = try Scratch()
        let c = try PluginBuilds.cExample(in: scratch)
        let pack = try scratch.write("site.rules", Array(Self.pack.utf8))
        var registry = TransformRegistry.builtin
        try PluginLoader.register([PluginBuilds.swiftExample, c, pack], searchPath: [], into: &registry)
        let chain = try Chain.resolve("ideographic-space(width=2),squeeze-spaces(tabs=true),example-site,normalize", in: registry)
        var input = ""
        for i in 0..<40 {
            input += "第\(i)段\u{3000}\u{3000}臺灣  \t 的電腦[广告]，\(1990 + i)年。\n"
            if i % 9 == 0 { input += "分享到：微信\n第\(i)页\n" }
        }
        input += "相关阅读\n不再保留\u{3000}的行\n"
        let result = try ChunkedRun.expectChunkIndependent({ try chain.makeTransforms() }, on: Array(input.utf8))
        let text = String(decoding: result.output, as: UTF8.self)
        #expect(text.hasPrefix("第0段 台湾 的计算机，1990 年。\n第1段 "))
        #expect(!text.contains("分享到") && !text.contains("相关阅读") && !text.contains("广告"))
        #expect(text.hasSuffix("第39段 台湾 的计算机，2029 年。\n"))
    }

    @Test("loading errors are clear usage errors (exit 2)")
    func loadingErrors() throws {
        let scratch = try Scratch()
        let faulty = try scratch.write("faulty.c", Array(PluginBuilds.faultySource.utf8))
        func run(_ plugin: String) throws -> BinaryRunner.Result {
            try BinaryRunner.run(["--plugin", plugin, "-c", "normalize"], stdin: Array("x".utf8))
        }
        func expectError(_ plugin: String, _ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
            let result = try run(plugin)
            #expect(result.status == 2, "\(result.stderr)", sourceLocation: sourceLocation)
            #expect(result.stderr.contains(text), "\(result.stderr)", sourceLocation: sourceLocation)
            #expect(result.stdout.isEmpty, sourceLocation: sourceLocation)
        }
        try expectError(scratch.path + "/missing.so", "missing.so': file not found")
        try expectError(try scratch.write("text.so", Array("hello".utf8)), "is not a shared object (no ELF header)")
        try expectError(try PluginBuilds.compileC(faulty, into: scratch, name: "noentry.so", defines: ["NO_ENTRY"]),
                        "does not export 'fixtext_plugin_entry'")
        try expectError(try PluginBuilds.compileC(faulty, into: scratch, name: "new.so", defines: ["ABI=99"]),
                        "was built for plugin ABI version 99, newer than this fixtext's version 1")
        try expectError(try PluginBuilds.compileC(faulty, into: scratch, name: "old.so", defines: ["ABI=0"]),
                        "was built for plugin ABI version 0, older than this fixtext's version 1")
        try expectError(try PluginBuilds.compileC(faulty, into: scratch, name: "small.so", defines: ["SMALL_TABLE"]),
                        "its plugin table is 16 bytes")
        try expectError(try PluginBuilds.compileC(faulty, into: scratch, name: "clash.so", defines: ["NAME=\"normalize\""]),
                        "the name 'normalize' from plugin \(scratch.path)/clash.so is already taken by built-in (FixTextNormalize)")
        try expectError(try PluginBuilds.compileC(faulty, into: scratch, name: "badname.so", defines: ["NAME=\"Bad_Name\""]),
                        "'Bad_Name' from plugin \(scratch.path)/badname.so is not a valid transform name")
        // The same plugin under two file names: the second clashes with the first.
        let first = try PluginBuilds.cExample(in: scratch, name: "one.so")
        let second = try PluginBuilds.cExample(in: scratch, name: "two.so")
        let twice = try BinaryRunner.run(["--plugin", first, "--plugin", second, "list"])
        #expect(twice.status == 2)
        #expect(twice.stderr.contains("the name 'squeeze-spaces' from plugin \(second) is already taken by plugin \(first)"))
        // A bare file name is a file in the current folder, not a library looked up by dlopen.
        let bare = try BinaryRunner.run(["--plugin", "one.so", "-c", "squeeze-spaces"], stdin: Array("a  b".utf8), directory: scratch.path)
        #expect(bare.status == 0, "\(bare.stderr)")
        #expect(bare.text == "a b")
        // The same file twice is loaded once.
        let same = try BinaryRunner.run(["--plugin", first, "--plugin", first, "-c", "squeeze-spaces"], stdin: Array("a  b".utf8))
        #expect(same.status == 0, "\(same.stderr)")
        #expect(same.text == "a b")
    }

    @Test("a plugin's own errors reach the user with its message")
    func pluginErrors() throws {
        let scratch = try Scratch()
        let faulty = try scratch.write("faulty.c", Array(PluginBuilds.faultySource.utf8))
        let c = try PluginBuilds.cExample(in: scratch)
        let badOption = try BinaryRunner.run(["--plugin", c, "-c", "squeeze-spaces(tabs=maybe)"], stdin: Array("x".utf8))
        #expect(badOption.status == 2)
        #expect(badOption.stderr.contains("squeeze-spaces could not start: tabs must be true or false, not 'maybe'"))
        let create = try PluginBuilds.compileC(faulty, into: scratch, name: "create.so", defines: ["FAIL_CREATE"])
        let failedCreate = try BinaryRunner.run(["--plugin", create, "-c", "faulty"], stdin: Array("x".utf8))
        #expect(failedCreate.status == 2)
        #expect(failedCreate.stderr.contains("faulty could not start: the licence file is missing"))
        let transform = try PluginBuilds.compileC(faulty, into: scratch, name: "transform.so", defines: ["FAIL_TRANSFORM"])
        let failedRun = try BinaryRunner.run(["--plugin", transform, "-c", "normalize,faulty"], stdin: Array("A line".utf8))
        #expect(failedRun.status == 1)
        #expect(failedRun.stderr.contains("faulty failed at byte 0: cannot handle byte 0x41"))
        let over = try PluginBuilds.compileC(faulty, into: scratch, name: "over.so", defines: ["OVERCONSUME"])
        let overRun = try BinaryRunner.run(["--plugin", over, "-c", "faulty"], stdin: Array("ab".utf8))
        #expect(overRun.status == 1)
        #expect(overRun.stderr.contains("faulty broke the plugin contract: it consumed 3 bytes of 2"))
        let badEdit = try PluginBuilds.compileC(faulty, into: scratch, name: "edit.so", defines: ["BAD_EDIT"])
        let badEditRun = try BinaryRunner.run(["explain", "--plugin", badEdit, "-c", "faulty"], stdin: Array("ab".utf8))
        #expect(badEditRun.status == 1)
        #expect(badEditRun.stderr.contains("faulty broke the plugin contract: it reported edit 0 outside its input or output"))
        let swiftOption = try BinaryRunner.run(["--plugin", PluginBuilds.swiftExample, "-c", "ideographic-space(width=3)"], stdin: [])
        #expect(swiftOption.status == 2)
        #expect(swiftOption.stderr.contains("width must be 1 or 2, not '3'"))
    }
}
