import Foundation
import FixTextICU

/// The clean text the suite garbles: lines of the shared corpora (simplified Chinese),
/// their traditional versions, and the sample sentences in `Samples.swift`.
struct Corpus {
    var headlines: [String]
    var legal: [String]

    /// Reads `zh-headlines.txt.gz` and `zh-legal.txt.gz` from `directory`.
    init(directory: String) throws {
        headlines = try Self.readLines(gzip: directory + "/zh-headlines.txt.gz")
        legal = try Self.readLines(gzip: directory + "/zh-legal.txt.gz")
    }

    /// Lines of a gzip file through `gzip -dc`: the tool only needs FixTextICU, and
    /// reading 10 MB once does not justify a zlib binding of its own. Lines that are
    /// empty, have U+FFFD or `?` (they would look lossy) or controls are dropped: the
    /// suite's "original" must be beyond doubt.
    static func readLines(gzip path: String) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-dc", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw SuiteError("gzip -dc \(path) failed with status \(process.terminationStatus)")
        }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap {
            let line = $0.trimmingCharacters(in: .whitespaces)
            return isPlausiblyClean(line) ? line : nil
        }
    }

    static func isPlausiblyClean(_ line: String) -> Bool {
        !line.isEmpty
            && !line.unicodeScalars.contains {
                $0 == "\u{FFFD}" || $0 == "?" || $0.value < 0x20 || (0x7F...0x9F).contains($0.value)
                    || (0xE000...0xF8FF).contains($0.value)
            }
    }

    /// `count` distinct lines of `lines` with a length in `lengths`, drawn with `random`.
    static func sample(
        _ lines: [String], count: Int, lengths: ClosedRange<Int>, random: inout SeededRandom
    ) -> [String] {
        var result: [String] = []
        var seen = Set<String>()
        var attempts = 0
        while result.count < count, attempts < count * 200 {
            attempts += 1
            let line = random.pick(lines)
            if lengths.contains(line.count), seen.insert(line).inserted { result.append(line) }
        }
        return result
    }
}

/// Simplified → traditional with ICU's `Hans-Hant`, for the Big5 kinds and for clean
/// traditional lines; the content-farm page shows such machine-converted text is what
/// Big5 and misaligned GBK mojibake gets made of.
final class Traditionalizer {
    private let transliterator: Transliterator

    init() throws(ICUError) { transliterator = try Transliterator(id: "Hans-Hant") }

    func callAsFunction(_ line: String) -> String { transliterator.transliterate(line) }
}

struct SuiteError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
