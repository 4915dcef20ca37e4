import Foundation
import FixTextICU

// mojibake-suite: writes Fixtures/mojibake/cases.jsonl and clean.jsonl from the shared
// corpora, deterministically, so that the mojibake transform is measured on mojibake made
// the way real software made it rather than on examples picked to pass.
//
//   swift run mojibake-suite [--corpora DIR] [--out DIR] [--seed N] [--per-kind N]

struct Options {
    var corpora = "../shared/corpora"
    var output = "Fixtures/mojibake"
    var seed: UInt64 = 20_240_601
    var perKind = 100
    var cleanCount = 3_000

    init(_ arguments: [String]) throws {
        var rest = arguments[...]
        while let flag = rest.popFirst() {
            guard let value = rest.popFirst() else { throw SuiteError("\(flag) needs a value") }
            switch flag {
            case "--corpora": corpora = value
            case "--out": output = value
            case "--seed": seed = try Self.number(value, flag)
            case "--per-kind": perKind = Int(try Self.number(value, flag))
            case "--clean": cleanCount = Int(try Self.number(value, flag))
            default: throw SuiteError("unknown option \(flag)")
            }
        }
    }

    static func number(_ text: String, _ flag: String) throws -> UInt64 {
        guard let value = UInt64(text) else { throw SuiteError("\(flag): not a number: \(text)") }
        return value
    }
}

/// Clean lines: corpus lines as they are and converted to traditional, the written
/// samples, and the repository's multilingual fixture. Each line appears once.
func cleanLines(_ maker: CaseMaker, count: Int) -> [String] {
    var random = maker.random.derived("clean")
    let corpusCount = count  // and the written lines on top; duplicates are dropped
    let simplified =
        Corpus.sample(maker.corpus.headlines, count: corpusCount * 45 / 100, lengths: 4...200, random: &random)
        + Corpus.sample(maker.corpus.legal, count: corpusCount * 15 / 100, lengths: 4...200, random: &random)
    let traditional =
        Corpus.sample(maker.corpus.headlines, count: corpusCount * 30 / 100, lengths: 4...200, random: &random)
        + Corpus.sample(maker.corpus.legal, count: corpusCount * 10 / 100, lengths: 4...200, random: &random)
    var lines: [(source: String, text: String)] = []
    lines += simplified.map { ("shared corpora", $0) }
    lines += traditional.map { ("shared corpora, Hans-Hant", maker.traditionalize($0)) }
    lines += Samples.clean.map { ("written for this suite", $0) }
    let fixture = (try? String(contentsOfFile: "Fixtures/clean-multilingual.txt", encoding: .utf8)) ?? ""
    lines += fixture.split(separator: "\n").map { ("Fixtures/clean-multilingual.txt", String($0)) }
    var seen = Set<String>()
    var output: [String] = []
    for (source, text) in lines where seen.insert(text).inserted {
        let id = "clean-" + String(format: "%04d", output.count)
        output.append("{\"id\": \(quoted(id)), \"source\": \(quoted(source)), \"text\": \(quoted(text))}")
    }
    return output
}

func run() throws {
    let options = try Options(Array(CommandLine.arguments.dropFirst()))
    let maker = CaseMaker(
        corpus: try Corpus(directory: options.corpora), traditionalize: try Traditionalizer(),
        codecs: try Codecs(), perKind: options.perKind, random: SeededRandom(seed: options.seed))
    var kinds: [[MojibakeCase]] = maker.codecs.misreadingKinds.map { maker.make($0) }
    kinds.append(maker.makeMisaligned())
    kinds.append(try maker.makeKunJinKao())
    kinds.append(maker.makeTang())
    kinds.append(try maker.makeReplacementMarks())

    var lines: [String] = []
    let log = FileHandle.standardError
    for var cases in kinds {
        for index in cases.indices {
            cases[index].id = cases[index].kind + "-" + String(format: "%03d", index)
        }
        lines += cases.map(\.json)
        if let first = cases.first {
            let recoverable = cases.filter(\.recoverable).count
            let spans = cases.filter { $0.scope == .span }.count
            log.write(Data("\(first.kind): \(cases.count) cases, \(spans) spans, \(recoverable) recoverable\n".utf8))
        }
    }
    try FileManager.default.createDirectory(atPath: options.output, withIntermediateDirectories: true)
    try writeLines(lines, to: options.output + "/cases.jsonl")
    let clean = cleanLines(maker, count: options.cleanCount)
    try writeLines(clean, to: options.output + "/clean.jsonl")
    log.write(Data("wrote \(lines.count) cases and \(clean.count) clean lines to \(options.output)\n".utf8))
}

do {
    try run()
} catch {
    FileHandle.standardError.write(Data("mojibake-suite: \(error)\n".utf8))
    exit(1)
}
