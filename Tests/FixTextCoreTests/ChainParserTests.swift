import FixTextCore
import Testing

@Suite("Chain syntax")
struct ChainParserTests {
    @Test("steps, options, quoting and includes parse into a spec")
    func parsesTheSyntax() throws {
        let spec = try ChainParser.parse(#" mojibake , normalize(form=nfkc, width), t2s(user-dictionary="my words, v2.txt"),@site.json"#)
        #expect(spec.steps.count == 4)
        guard case .transform(let first) = spec.steps[0],
              case .transform(let second) = spec.steps[1],
              case .transform(let third) = spec.steps[2],
              case .include(let path, let includeLocation) = spec.steps[3]
        else {
            Issue.record("unexpected steps: \(spec.steps)")
            return
        }
        #expect(first.name == "mojibake" && first.options.isEmpty && first.location.column == 2)
        #expect(second.name == "normalize")
        #expect(second.options.map(\.name) == ["form", "width"])
        #expect(second.options.map(\.value) == ["nfkc", "true"])
        #expect(second.options[0].location.column == 23)
        #expect(third.options.first?.value == "my words, v2.txt")
        #expect(path == "site.json" && includeLocation.column == 82)
    }

    @Test("escapes in quoted values")
    func escapes() throws {
        let spec = try ChainParser.parse(#"x(a="say \"hi\" \\ there")"#)
        guard case .transform(let step) = spec.steps[0] else {
            Issue.record("not a transform")
            return
        }
        #expect(step.options.first?.value == #"say "hi" \ there"#)
    }

    @Test(
        "syntax errors name the problem and the column",
        arguments: [
            ("", "empty chain at column 1"),
            ("a,,b", "empty step at column 3; expected a transform name"),
            ("a,", "empty step at column 3; expected a transform name"),
            ("normalize(form=nfc", "missing ')' to close the options opened at column 10"),
            ("normalize(form=nfc,form=nfkc)", "option 'form' is given twice at column 20"),
            ("a b", "unexpected 'b' at column 3; expected ',' between steps"),
            (#"x(a="open)"#, "missing '\"' to close the quote opened at column 5"),
            ("x(=1)", "expected an option name at column 3"),
            ("@", "expected a chain file path after '@' at column 1"),
            ("normalize(form=nfc)(x)", "unexpected '(' at column 20; expected ',' between steps"),
        ]
    )
    func syntaxErrors(text: String, message: String) {
        #expect(throws: ChainError.self) { try ChainParser.parse(text) }
        do {
            _ = try ChainParser.parse(text)
        } catch {
            #expect(error.description == message)
        }
    }
}
