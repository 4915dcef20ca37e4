@testable import FixTextStripPinyin
import FixTextCore
import FixTextICU
import FixTextTestSupport
import Foundation
import Testing

@Suite("strip-pinyin: the readings table")
struct ReadingsTests {
    let table = PinyinReadings.shared

    @Test("polyphonic characters have all their readings, and variants share theirs")
    func polyphones() {
        #expect(table.readings(of: 0x884C).sorted() == ["hàng", "háng", "héng", "xìng", "xíng"]) // 行
        #expect(table.readings(of: 0x767C).contains("fà")) // 發, from 发
        #expect(table.readings(of: 0x9AEE).contains("fā")) // 髮, from 发
        #expect(table.readings(of: 0x4E00).contains("yí") && table.readings(of: 0x4E0D).contains("bú")) // 一 不
        #expect(table.readings(of: 0x7684).contains("de")) // 的, neutral tone
        #expect(table.readings(of: 0x55EF).contains("ǹg")) // 嗯
        #expect(table.readings(of: 0x20000).count > 0) // 𠀀, outside the BMP
        #expect(table.readings(of: 0x41).isEmpty)
        #expect(table.syllables.count == 425 && table.syllables.contains("lv"))
    }

    @Test("every reading ICU's Han-Latin gives a character of U+4E00–U+9FA5 is in the table")
    func agreesWithICU() throws {
        let hanLatin = try Transliterator(id: "Han-Latin")
        var check = GlossCheck()
        var missing: [String] = []
        var checked = 0
        for scalar in UInt32(0x4E00)..<0x9FA6 where !table.readings(of: scalar).isEmpty {
            let character = String(Character(Unicode.Scalar(scalar)!))
            let latin = Array("(\(hanLatin.transliterate(character)))".utf8)
            let found = latin.withUnsafeBufferPointer { buffer -> Bool? in
                guard case .gloss(let gloss) = Gloss.scan(buffer, at: 0, isEnd: true) else { return nil } // not one syllable
                return check.check(gloss, after: scalar)?.matches == true
            }
            if let found {
                checked += 1
                if !found { missing.append(character) }
            }
        }
        // Nearly every character has a one-syllable reading from ICU; were the scanner to
        // stop reading them, nothing would be checked and nothing found missing.
        #expect(checked > 20_000, "only \(checked) readings checked")
        #expect(missing.isEmpty, "\(missing.count): \(missing.prefix(40))")
    }

    @Test(
        "the committed table is what build_readings.py makes from Unihan",
        .enabled(if: FileManager.default.fileExists(atPath: "/usr/share/unicode/Unihan_Readings.txt.bz2"),
                 "needs Debian's unicode-data (apt-get install unicode-data)")
    )
    func tableIsCurrent() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", TestData.repositoryRoot + "/Tools/pinyin-readings/build_readings.py", "--check"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
    }

    @Test("tone marks go where pinyin puts them")
    func spelling() {
        #expect(PinyinReadings.spell("qu", tone: 1) == "qū")
        #expect(PinyinReadings.spell("zhuang", tone: 4) == "zhuàng")
        #expect(PinyinReadings.spell("gou", tone: 1) == "gōu")
        #expect(PinyinReadings.spell("liu", tone: 2) == "liú")
        #expect(PinyinReadings.spell("lve", tone: 4) == "lüè")
        #expect(PinyinReadings.spell("lv", tone: 4) == "lǜ")
        #expect(PinyinReadings.spell("ng", tone: 2) == "ńg")
        #expect(PinyinReadings.spell("de", tone: 5) == "de")
    }

    @Test("a damaged table is refused")
    func damaged() {
        let good = Base64Bytes.table
        #expect(PinyinReadings(table: good) != nil)
        #expect(PinyinReadings(table: Array(good.dropLast())) == nil)
        #expect(PinyinReadings(table: good + [0]) == nil)
        var wrongVersion = good
        wrongVersion[4] = 2
        #expect(PinyinReadings(table: wrongVersion) == nil)
    }
}

enum Base64Bytes {
    static let table = Base64.decode(PinyinReadingsData.base64)!
}
