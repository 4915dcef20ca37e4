import FixTextTestSupport
import Testing

/// Text read as code page 437: the file names of zip archives, read as the format's default.
@Suite("mojibake: code page 437")
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

    @Test("UTF-8 file names read as code page 437 as Windows reads it (E6 is µ, the micro sign, where ICU's table has μ) come back", arguments: [
        ("Σ╕¡µûçµûçΣ╗╢σÉì.txt", "中文文件名.txt"),
        ("µû░σ╗║µûçΣ╗╢σñ╣", "新建文件夹"),
    ])
    func utf8ZipFileNames(garbled: String, original: String) throws {
        let (text, result) = try repaired(garbled + "\n")
        #expect(text == original + "\n")
        #expect(result.changes.allSatisfy { $0.reason.contains("utf-8 → ibm-437 (read as)") })
    }

    @Test("GBK read as code page 437 is undone over lines of its own only: inside a line, box drawing is likelier line art", arguments: [
        "目录 ╓╨╬─ 结束", "│ 姓名 │ 年龄 │",
    ])
    func onlyWholeLines(_ line: String) throws {
        #expect(try repaired(line + "\n").0 == line + "\n")
    }

    @Test("line art, which code page 437 draws with the same bytes, stays", arguments: [
        "╔══════╗", "║ menu ║", "╚══════╝", "──────────", "│ 1 │ 2 │", "├───┼───┤", "░▒▓█▓▒░", "├┤a┼┐a┼┐a", "µm 10µs",
    ])
    func lineArt(_ line: String) throws {
        #expect(try repaired(line + "\n").0 == line + "\n")
    }
}
