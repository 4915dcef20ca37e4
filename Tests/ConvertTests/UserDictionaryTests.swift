import FixTextConvert
import FixTextCore
import FixTextTestSupport
import Foundation
import Testing

@Suite("user dictionaries")
struct UserDictionaryTests {
    func withDictionary(_ text: String, _ body: (String) throws -> Void) throws {
        let path = NSTemporaryDirectory() + "fixtext-user-\(UUID().uuidString).txt"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        try body(path)
    }

    @Test("user entries win over OpenCC's phrase at the same place when at least as long, and are final")
    func priority() throws {
        let (opencc, _) = try convert("s2twp", "鼠标和头发")
        try withDictionary("# my words\n鼠标\t鼠標 滑鼠\n\n头发\t头发\n") { path in
            let (mine, result) = try convert("s2twp(user-dictionary=\"\(path)\")", "鼠标和头发")
            #expect(mine != opencc)
            #expect(mine.hasPrefix("鼠標"))
            #expect(mine.hasSuffix("头发"))
            #expect(result.changes.contains { $0.reason.contains("user dictionary") })
            let (mineS2t, _) = try convert("s2t(user-dictionary=\"\(path)\")", "鼠标和头发")
            #expect(mineS2t.hasPrefix("鼠標") && mineS2t.hasSuffix("头发"))
        }
    }

    @Test("a longer OpenCC phrase still wins over a shorter user entry")
    func longerPhraseWins() throws {
        let (opencc, _) = try convert("s2t", "头发")
        try withDictionary("发\t發\n") { path in
            let (mine, _) = try convert("s2t(user-dictionary=\"\(path)\")", "头发")
            #expect(mine == opencc)
        }
    }

    @Test("errors name the file and line")
    func errors() throws {
        for (text, line) in [("好\t好\n坏行没有制表符\n", 2), ("a\tb\n\n\t空\n", 3), ("a\tb\nc\t\n", 2)] {
            try withDictionary(text) { path in
                do {
                    _ = try TestData.chain("s2t(user-dictionary=\"\(path)\")", plugins: [ConvertPlugin.self])()
                    Issue.record("no error for \(text)")
                } catch {
                    #expect("\(error)".contains("\(path): line \(line):"), "\(error)")
                }
            }
        }
    }

    @Test("a missing file is an error that names it")
    func missingFile() throws {
        #expect(throws: (any Error).self) {
            _ = try TestData.chain("t2s(user-dictionary=/nonexistent/words.txt)", plugins: [ConvertPlugin.self])()
        }
    }
}
