import Foundation
import FixTextCore
import FixTextPluginHost
import FixTextTestSupport
import Testing

@Suite("rule packs", .serialized)
struct RulePackTests {
    static func pack(_ rules: String) -> String {
        "fixtext-boilerplate-rules 2\npack name test-pack\n" + rules
    }

    @Test("a pathological regular expression gives up on a long line: the run ends, the line is kept, a warning says why")
    func pathologicalPattern() throws {
        let scratch = try Scratch()
        let pack = try scratch.write("slow.rules", Array(Self.pack("replace regex (a+)+$ => X\nreplace literal b => c\n").utf8))
        let line = String(repeating: "a", count: 20_000) + "b\n"
        let result = try BinaryRunner.run(["--plugin", pack, "-c", "test-pack"], stdin: Array(("short aaa\n" + line + "aa\n").utf8))
        #expect(result.status == 3, "\(result.stderr)")
        // The literal rule after the regex still ran; the regex applied where it could.
        #expect(result.text == "short X\n" + String(repeating: "a", count: 20_000) + "c\n" + "X\n")
        #expect(result.stderr.contains("warning: test-pack: byte 10: the regular expression of \(pack) line 3 gave up on this line after its time limit"))
    }

    @Test("drop and tail rules match lines by line, prefix, suffix, contains and regex")
    func lineRules() throws {
        let text = Self.pack("""
            drop line     广告
            drop suffix   （完）
            drop contains 点击下载
            drop regex    ^\\s*$
            tail regex    ^(相关|延伸)阅读
            map  phrase   中國 => 中国
            map  phrase   中 => 仲
            """)
        let pack = try RulePack(parsing: text, source: "t.rules")
        var registry = TransformRegistry()
        try registry.register(pack.descriptor)
        let chain = try Chain.resolve("test-pack", in: registry)
        let input = "中國在中间\n广告\n不是广告\r\n这是正文（完）\n请点击下载\n   \n正文\n延伸阅读\n中國\n"
        let result = try ChunkedRun.expectChunkIndependent({ try chain.makeTransforms() }, on: Array(input.utf8))
        #expect(String(decoding: result.output, as: UTF8.self) == "中国在仲间\n不是广告\r\n正文\n")
        #expect(result.changes.map(\.reason).contains("tail marker (t.rules line 7)"))
        #expect(result.changes.map(\.reason).contains("after the tail marker of t.rules line 7"))
    }

    @Test("pack errors name the file and the line", arguments: [
        ("pack name x\n", "line 1: a rule pack starts with 'fixtext-boilerplate-rules 2'"),
        ("fixtext-boilerplate-rules 1\npack name x\n", "line 1: rule format version 1 has no pack rules"),
        ("fixtext-boilerplate-rules 3\n", "line 1: rule format version 3 is not supported"),
        ("fixtext-boilerplate-rules 2\nreplace literal a => b\n", "the pack has no name"),
        ("fixtext-boilerplate-rules 2\npack name X\n", "line 2: 'X' is not a transform name"),
        ("fixtext-boilerplate-rules 2\npack name x\nnav prefix 当前位置\n", "line 3: unknown rule kind 'nav'"),
        ("fixtext-boilerplate-rules 2\npack name x\nreplace regex (a => b\n", "line 3: bad regular expression '(a'"),
        ("fixtext-boilerplate-rules 2\npack name x\nreplace literal a -> b\n", "line 3: expected 'FROM => TO'"),
        ("fixtext-boilerplate-rules 2\npack name x\nmap chars 臺灣 => 台\n", "line 3: 'map chars' pairs characters"),
        ("fixtext-boilerplate-rules 2\npack name x\ndrop start x\n", "line 3: 'drop' takes line, prefix, suffix, contains, regex"),
    ])
    func errors(text: String, message: String) throws {
        #expect {
            _ = try RulePack(parsing: text, source: "p.rules")
        } throws: { error in
            "\(error)".contains("plugin 'p.rules': ") && "\(error)".contains(message)
        }
    }

    @Test("a pack that is not UTF-8 is an error naming the line and byte offset, as for rules=FILE")
    func notUTF8() throws {
        let bytes = Array("fixtext-boilerplate-rules 2\npack name x\nreplace literal caf".utf8) + [0xE9] + Array(" => cafe\n".utf8)
        #expect {
            _ = try RulePack(bytes: bytes, source: "p.rules")
        } throws: { error in
            "\(error)" == "plugin 'p.rules': line 3: bytes that are not UTF-8 at byte offset 59 (E9): a rule pack must be UTF-8"
        }
    }

    @Test("a pack with a bad rule stops the CLI with exit 2 before any output")
    func cliError() throws {
        let scratch = try Scratch()
        let pack = try scratch.write("bad.rules", Array("fixtext-boilerplate-rules 2\npack name x\nreplace regex [ => y\n".utf8))
        let result = try BinaryRunner.run(["--plugin", pack, "-c", "normalize"], stdin: Array("text".utf8))
        #expect(result.status == 2)
        #expect(result.stderr.contains("bad.rules': line 3: bad regular expression '['"))
        #expect(result.stdout.isEmpty)
    }
}
