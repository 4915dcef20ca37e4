import Foundation
import FixTextTestSupport
import Testing

@Suite("fixtext list and explain (end to end)", .serialized)
struct ListAndExplainTests {
    @Test("list shows every transform and the default chain; list NAME shows its documentation")
    func list() throws {
        let all = try BinaryRunner.run(["list"])
        #expect(all.status == 0)
        #expect(all.text.contains("normalize"))
        #expect(all.text.contains("default"))
        let one = try BinaryRunner.run(["list", "normalize"])
        #expect(one.status == 0)
        #expect(one.text.contains("It never touches CJK punctuation"))
        #expect(one.text.contains("form: one of nfc, nfkc, none; default nfc"))
        let unknown = try BinaryRunner.run(["list", "normalise"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("did you mean 'normalize'?"))
    }

    @Test("explain says where, what and why, in text and in JSON")
    func explain() throws {
        let input = Array("第一行\n第二\u{A0}行\r\n".utf8)
        let human = try BinaryRunner.run(["explain"], stdin: input)
        #expect(human.status == 0, "\(human.stderr)")
        #expect(human.text == """
            2:3  normalize  "\\u{00A0}" → " "  U+00A0 NO-BREAK SPACE → space
            2:5  normalize  "\\r\\n" → "\\n"  CRLF line ending → LF

            """)
        let json = try BinaryRunner.run(["explain", "--json"], stdin: input)
        #expect(json.status == 0)
        let objects = try json.text.split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
        #expect(objects.count == 2)
        #expect(objects[0]["start"] as? Int == 16)
        #expect(objects[0]["end"] as? Int == 18)
        #expect(objects[0]["original"] as? String == "\u{A0}")
        #expect(objects[1]["reason"] as? String == "CRLF line ending → LF")
    }

    @Test("explain reports problems in the input too, and exits 3")
    func explainProblems() throws {
        let json = try BinaryRunner.run(["explain", "--json"], stdin: [0x61, 0xFF, 0x0A])
        #expect(json.status == 3)
        #expect(json.text.contains(#""kind":"problem""#))
        #expect(json.text.contains(#""start":1"#))
    }

    @Test("the generated registry is up to date with Plugins/")
    func registryIsFresh() throws {
        let result = try BinaryRunner.run(["--check", "--root", TestData.repositoryRoot], binary: "generate-registry")
        #expect(result.status == 0, "\(result.stderr)")
    }
}

@Suite("fixtext -c mojibake (end to end)", .serialized)
struct MojibakeCommandTests {
    @Test("explain --json gives the chain undone, a confidence and what was lost")
    func explainMojibake() throws {
        let input = Array("正常文字鐢ㄦ埛鐧诲綍\n前文锟斤拷锟斤拷后文\n".utf8)
        let result = try BinaryRunner.run(["explain", "--json", "-c", "mojibake"], stdin: input)
        #expect(result.status == 3) // the 锟斤拷 is reported as lost text
        let objects = try result.text.split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
        let change = try #require(objects.first { $0["kind"] as? String == "change" })
        #expect(change["replacement"] as? String == "用户登录")
        #expect(change["reason"] as? String == "mojibake: utf-8 → windows-936 (read as) → utf-8")
        #expect((change["confidence"] as? Double ?? 0) > 0.5)
        let problem = try #require(objects.first { $0["kind"] as? String == "problem" })
        #expect((problem["message"] as? String)?.hasPrefix("lost text: 锟斤拷") == true)
        #expect(problem["line"] as? Int == 2)
    }

    @Test("the repaired text, through the real binary")
    func repairs() throws {
        let result = try BinaryRunner.run(["-c", "mojibake,normalize"], stdin: Array("ä¸­æ–‡ and ÖÐÎÄ\u{A0}ok\n".utf8))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.text == "中文 and 中文 ok\n")
    }
}
