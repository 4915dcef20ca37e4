import FixTextTestSupport
import Testing

/// Double-byte text read as a single-byte encoding other than windows-1252.
@Suite("mojibake: double-byte text read as code page 437")
struct LegacyReadingTests {
    @Test("file names of a zip archive made on Chinese Windows, read as code page 437, come back", arguments: [
        ("╓╨╬─.txt", "中文.txt"),
        ("╨┬╜¿╬─╝■╝╨", "新建文件夹"),
        ("╬╥╡─╬─╡╡.doc", "我的文档.doc"),
    ])
    func zipFileNames(garbled: String, original: String) throws {
        let (text, result) = try repaired(garbled + "\n")
        #expect(text == original + "\n")
        #expect(result.changes.allSatisfy { $0.reason.contains("ibm-437 (read as)") })
    }

    @Test("line art, which code page 437 draws with the same bytes, stays", arguments: [
        "╔══════╗", "║ menu ║", "╚══════╝", "──────────", "│ 1 │ 2 │", "├───┼───┤", "░▒▓█▓▒░",
    ])
    func lineArt(_ line: String) throws {
        #expect(try repaired(line + "\n").0 == line + "\n")
    }
}
