@testable import FixTextBoilerplate
import FixTextCore
import FixTextTestSupport
import Foundation
import Testing

@Suite("boilerplate rule files")
struct RuleFileTests {
    func parse(_ text: String) throws(RuleFileError) -> RuleSet {
        try RuleSet(parsing: text, source: "test.rules", fold: HanFold.shared)
    }

    func error(_ text: String) -> String? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error.description
        }
    }

    @Test("the built-in rules parse")
    func builtin() throws {
        let rules = try BuiltinRules.parsed.get()
        #expect(rules.rules.count > 300)
        for lineClass in LineClass.allCases where lineClass != .keep {
            #expect(rules.rules.contains { $0.lineClass == lineClass }, "no built-in \(lineClass.rawValue) rules")
        }
    }

    @Test("rules are folded: traditional, full-width and spaced text gives the simplified key")
    func folding() throws {
        let rules = try parse("""
            # comment
            fixtext-boilerplate-rules 1

            nav     prefix   當前位置：   # trailing comment
            tail    prefix   相关 阅读
            """)
        #expect(rules.rules.count == 2)
        #expect(rules.rules[0].key == Array("当前位置:".unicodeScalars.map(\.value)))
        #expect(rules.rules[0].text == "當前位置：")
        #expect(rules.rules[0].origin == "test.rules line 4")
        #expect(rules.rules[1].key == Array("相关阅读".unicodeScalars.map(\.value)))
        #expect(HanFold.shared.key(of: "社區(qū)發(fā)展") == Array("社区发展".unicodeScalars.map(\.value)))
    }

    @Test("errors name the line", arguments: [
        ("nav prefix 首页", "test.rules line 1: a rule file starts with 'fixtext-boilerplate-rules 1'"),
        ("fixtext-boilerplate-rules", "test.rules line 1: the header needs a version number"),
        ("fixtext-boilerplate-rules 3", "test.rules line 1: rule format version 3 is not supported"),
        ("fixtext-boilerplate-rules 2", "test.rules line 1: a version 2 file is a rule pack, a transform of its own: load it with --plugin"),
        ("fixtext-boilerplate-rules 1\n\nnavv prefix 首页", "test.rules line 3: unknown class 'navv'; did you mean 'nav'?"),
        ("fixtext-boilerplate-rules 1\nnav begins 首页", "test.rules line 2: unknown match 'begins'"),
        ("fixtext-boilerplate-rules 1\nseo-word prefix 无码", "test.rules line 2: class 'seo-word' takes word, not 'prefix'"),
        ("fixtext-boilerplate-rules 1\nnav prefix", "test.rules line 2: expected CLASS MATCH TEXT"),
        ("# nothing\n", "test.rules: no rules"),
    ])
    func errors(text: String, message: String) {
        let found = error(text)
        #expect(found?.hasPrefix(message) == true, "\(found ?? "no error")")
    }

    @Test("rules=FILE adds rules, and explain names the file and line")
    func userRules() throws {
        let path = NSTemporaryDirectory() + "fixtext-boilerplate-\(getpid()).rules"
        try "fixtext-boilerplate-rules 1\n# site furniture\nnav line 本站微信公众号\nkeep prefix 关键词提取\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let page = "标题在这里\n\n第一段正文，内容比较长，讲述了事情的经过和结果，用于测试。\n\n本站微信公众号\n关键词提取是自然语言处理的常见任务\n"
        let (plain, _) = try cleaned(page)
        #expect(plain.contains("本站微信公众号"))
        let (text, result) = try cleaned(page, "boilerplate(rules=\"\(path)\")")
        #expect(!text.contains("本站微信公众号"))
        #expect(text.contains("关键词提取是自然语言处理的常见任务"))
        #expect(result.changes.count == 1)
        #expect(result.changes.first?.reason.contains("\(path) line 3") == true)
        // Without the keep rule, the same line is a tail marker at the end of the page.
        let (withoutKeep, _) = try cleaned(page.replacingOccurrences(of: "提取是", with: "：提取 "))
        #expect(!withoutKeep.contains("关键词：提取"))
    }

    @Test("a bad rules=FILE is an error naming the file")
    func badFile() throws {
        #expect(throws: RuleFileError.self) { try boilerplate("boilerplate(rules=/nonexistent/x.rules)")() }
        let path = NSTemporaryDirectory() + "fixtext-boilerplate-bad-\(getpid()).rules"
        try "fixtext-boilerplate-rules 1\nnav prefix 首页\nmeta sometimes 来源\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            _ = try boilerplate("boilerplate(rules=\"\(path)\")")()
            Issue.record("no error")
        } catch {
            #expect("\(error)" == "\(path) line 3: unknown match 'sometimes' (matches: line, prefix, suffix, contains, word)")
        }
    }

    @Test("a rules=FILE that is not UTF-8 is an error naming the file, line and byte offset")
    func notUTF8() throws {
        let path = NSTemporaryDirectory() + "fixtext-boilerplate-latin1-\(getpid()).rules"
        // "nav prefix café" with é in Latin-1 (E9), as an editor saving the wrong encoding writes it.
        var bytes = Array("fixtext-boilerplate-rules 1\nnav prefix 首页\nnav prefix caf".utf8)
        let offset = bytes.count
        bytes += [0xE9, 0x0A]
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            _ = try boilerplate("boilerplate(rules=\"\(path)\")")()
            Issue.record("no error")
        } catch {
            #expect("\(error)" == "\(path) line 3: bytes that are not UTF-8 at byte offset \(offset) (E9): a rule file is UTF-8")
        }
        // The same rules in UTF-8 load.
        try Data(Array("fixtext-boilerplate-rules 1\nnav prefix 首页\nnav prefix café\n".utf8)).write(to: URL(fileURLWithPath: path))
        _ = try boilerplate("boilerplate(rules=\"\(path)\")")()
    }

    @Test("every line class has its own SIMD lane")
    func classLanes() {
        let lanes = LineClass.allCases.map(\.ordinal)
        #expect(Set(lanes) == Set(0..<LineHits.classCount))
        #expect(LineHits.classCount <= 16)
    }
}
