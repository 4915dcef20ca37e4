import Foundation
import FixTextTestSupport
import Testing

@Suite("fixtext -c s2t and the other conversions (end to end)", .serialized)
struct ConvertCommandTests {
    /// OpenCC's test cases for one config, from Fixtures/opencc/testcases.json.
    func cases(_ config: String) throws -> [(input: String, expected: String)] {
        let bytes = try TestData.fixtureBytes("opencc/testcases.json")
        let object = try JSONSerialization.jsonObject(with: Data(LenientJSON.removingTrailingCommas(bytes)))
        let list = try #require((object as? [String: Any])?["cases"] as? [[String: Any]])
        return list.compactMap { entry in
            guard let input = entry["input"] as? String,
                  let expected = (entry["expected"] as? [String: String])?[config] else { return nil }
            return (input, expected)
        }
    }

    @Test("the installed binary converts with its embedded data: OpenCC's s2t and tw2sp cases, one a line")
    func convertsFromStdin() throws {
        for config in ["s2t", "tw2sp"] {
            let all = try cases(config).filter { !$0.input.contains("\n") }
            #expect(all.count > 10)
            let input = all.map(\.input).joined(separator: "\n") + "\n"
            let result = try BinaryRunner.run(["-c", config], stdin: Array(input.utf8))
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.text == all.map(\.expected).joined(separator: "\n") + "\n")
        }
    }

    @Test("explain names each phrase replaced; list shows the documentation; a bad user dictionary names its line")
    func explainListAndErrors() throws {
        let (input, expected) = try #require(cases("s2t").first { $0.input != $0.expected })
        let explained = try BinaryRunner.run(["explain", "-c", "s2t"], stdin: Array(input.utf8))
        #expect(explained.status == 0, "\(explained.stderr)")
        #expect(explained.text.contains("OpenCC s2t"))
        #expect(!expected.isEmpty)

        let listed = try BinaryRunner.run(["list", "t2s"])
        #expect(listed.status == 0)
        #expect(listed.text.contains("user-dictionary"))
        #expect(listed.text.contains("OpenCC"))

        let scratch = try Scratch()
        let words = try scratch.write("words.txt", Array("好\t好\nno tab here\n".utf8))
        let failed = try BinaryRunner.run(["-c", "s2t(user-dictionary=\(words))"], stdin: Array("好\n".utf8))
        #expect(failed.status == 2)
        #expect(failed.stderr.contains("words.txt: line 2"), "\(failed.stderr)")
    }
}
