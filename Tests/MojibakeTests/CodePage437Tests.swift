import FixTextTestSupport
import Testing

/// Text read as code page 437: the file names of zip archives, read as the format's default.
@Suite("mojibake: code page 437")
struct CodePage437Tests {
    @Test("zip file names read as code page 437 come back: GBK from Chinese Windows, and UTF-8 as Windows reads 437 (E6 is µ, the micro sign, where ICU's table has μ)", arguments: [
        ("╓╨╬─.txt", "中文.txt", "windows-936 → ibm-437 (read as)"),
        ("╨┬╜¿╬─╝■╝╨", "新建文件夹", "windows-936 → ibm-437 (read as)"),
        ("╬╥╡─╬─╡╡.doc", "我的文档.doc", "windows-936 → ibm-437 (read as)"),
        ("Σ╕¡µûçµûçΣ╗╢σÉì.txt", "中文文件名.txt", "utf-8 → ibm-437 (read as)"),
        ("µû░σ╗║µûçΣ╗╢σñ╣", "新建文件夹", "utf-8 → ibm-437 (read as)"),
    ])
    func zipFileNames(garbled: String, original: String, chain: String) throws {
        let (text, result) = try repaired(garbled + "\n")
        #expect(text == original + "\n")
        #expect(result.changes.allSatisfy { $0.reason.contains(chain) })
    }

    @Test("inside a line, GBK read as code page 437 that is box drawing alone stays: likelier line art", arguments: [
        "目录 ╓╨╬─ 结束", "│ 姓名 │ 年龄 │",
    ])
    func onlyWholeLines(_ line: String) throws {
        #expect(try repaired(line + "\n").0 == line + "\n")
    }

    /// From a public source file: a folder's name, 部署所需文件, read as 437.
    @Test("where box drawing stands beside 437's letters and signs (≡ ∙ Φ), which line art does not do, one known word is enough, inside a line too", arguments: [
        ("▓┐╩≡╦∙╨Φ╬─╝■", "部署所需文件"), ("\"▓┐╩≡╦∙╨Φ╬─╝■/php-api\"", "\"部署所需文件/php-api\""),
        ("// 原项目中目录名为 \"▓┐╩≡╦∙╨Φ╬─╝■/php-api\"", "// 原项目中目录名为 \"部署所需文件/php-api\""), ("目录 ╨┬╜¿╬─╝■╝╨", "目录 新建文件夹"),
    ])
    func lettersBesideBoxDrawing(garbled: String, original: String) throws {
        #expect(try repaired(garbled + "\n").0 == original + "\n")
    }

    /// An archive listing and a source comment from public repositories.
    @Test("Japanese and Korean file names read by US DOS, and Chinese and Japanese by Western European DOS (code page 850), come back where the soup has the code page's letters", arguments: [
        ("ÉVé╡éóâtâHâïâ_", "新しいフォルダ"), ("+-  ÉVé╡éóâeâLâXâg âhâLâàâüâôâg.txt", "+-  新しいテキスト ドキュメント.txt"),
        ("Ä×èÈÄÄî▒è¤ô_üiâAâjâüâpâXüj_10òb.png", "時間試験観点（アニメパス）_10秒.png"),
        ("├Ñ╝▒╣░┐δ", "책선물용"), ("\t\t// 1. Â┴╚í╬─╝■", "\t\t// 1. 读取文件"),
        // UTF-8 of Korean decomposed into jamo, as macOS stores file names, read so: the
        // jamo come back as they were stored (새로운 폴더, decomposed).
        ("  | - ßäëßàóßäàßà⌐ßäïßà«ßå½ ßäæßà⌐ßå»ßäâßàÑ", "  | - \u{1109}\u{1162}\u{1105}\u{1169}\u{110B}\u{116E}\u{11AB} \u{1111}\u{1169}\u{11AF}\u{1103}\u{1165}"),
        // Line art alone would read as Korean (── is 캄), and stays.
        ("──────────", "──────────"),
    ])
    func otherEncodingsReadAsDOS(garbled: String, original: String) throws {
        #expect(try repaired(garbled + "\n").0 == original + "\n")
    }

    /// A screenshot's name from macOS (its narrow no-break space) in a bug report, and a
    /// console's quotes and dashes.
    @Test("general punctuation's UTF-8 read as code page 437 (Γ and Ç for E2 80) comes back one character at a time", arguments: [
        ("  | - Image 12-1-25 at 10.55ΓÇ»AM.png", "  | - Image 12-1-25 at 10.55\u{202F}AM.png"), ("donΓÇÖt worry", "don’t worry"),
        ("a ΓÇö b", "a — b"), ("x ΓÇ£HelloΓÇ¥ y", "x “Hello” y"), ("Γάμμα Γ ü", "Γάμμα Γ ü"),
        // Several in a line, where windows-1252's reading (ǣ) and ftfy's rereading of GBK
        // (螕牵) had taken them.
        ("ΓÇ£HelloΓÇ¥ ΓÇö world ΓÇª", "“Hello” — world …"), ("x ΓÇ£ world ΓÇ¥", "x “ world ”"),
    ])
    func punctuation(garbled: String, original: String) throws {
        #expect(try repaired(garbled + "\n").0 == original + "\n")
    }

    @Test("line art, which code page 437 draws with the same bytes, stays", arguments: [
        "╔══════╗", "║ menu ║", "╚══════╝", "──────────", "│ 1 │ 2 │", "├───┼───┤", "░▒▓█▓▒░", "├┤a┼┐a┼┐a", "µm 10µs",
        "│Ñandú│αβγ│", "║Größe: ½║", "┌─±5%─┐", "价格 ║Größe║ ½", "数学 α≤β ├─┤",
    ])
    func lineArt(_ line: String) throws {
        #expect(try repaired(line + "\n").0 == line + "\n")
    }
}

/// Code page 866, Russian DOS: its box drawing is 437's, its other bytes Cyrillic letters.
@Suite("mojibake: code page 866")
struct CodePage866Tests {
    /// Lines from public source files and an archive listing.
    @Test("GBK read as code page 866 comes back inside a line, where box drawing stands beside Cyrillic letters; UTF-8 read so, Russian as a console of Russian Windows shows it", arguments: [
        ("                        write(\"╢╘▓╗╞Ёгм╟ы─·╙├╓╨╬─бг\\n\");", "                        write(\"对不起，请您用中文。\\n\");"),
        (" extracting: doc/CSV╬─╝■╔и╡е.csv", " extracting: doc/CSV文件扫单.csv"),
        ("      await ctx.answerCbQuery('╨Я╤А╨╛╨╕╨╖╨╛╤И╨╗╨░ ╨╛╤И╨╕╨▒╨║╨░.', { show_alert: true });",
         "      await ctx.answerCbQuery('Произошла ошибка.', { show_alert: true });"),
        ("'╨Ю╤И╨╕╨▒╨║╨░ ╨╝╨╕╨│╤А╨░╤Ж╨╕╨╕ V2 тЖТ V3: '", "'Ошибка миграции V2 → V3: '"),
    ])
    func readAs866(garbled: String, original: String) throws {
        #expect(try repaired(garbled + "\n").0 == original + "\n")
    }

    @Test("Russian tables drawn with it stay: a border and a space or a word between", arguments: [
        "║Имя║Фамилия║", "┌─Привет─┐", "│ Ошибка │", "╔══Меню══╗", "║ДА║НЕТ║", "╟─Файл─╢",
    ])
    func russianTables(_ line: String) throws {
        #expect(try repaired(line + "\n").0 == line + "\n")
    }
}
