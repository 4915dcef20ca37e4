import FixTextCore
import FixTextTestSupport
import Foundation
import Testing

/// One annotated page of Fixtures/boilerplate/pages (format in its README).
struct AnnotatedPage {
    var name: String
    var input = ""
    /// Lines the output must have: titles and body.
    var body: [String] = []
    /// Lines the output must not have.
    var furniture: [String] = []
    var captions: [String] = []

    init(name: String, text: String) throws {
        self.name = name
        var lines: [String] = []
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if raw.isEmpty {
                lines.append("")
                continue
            }
            let marker = raw.prefix(2)
            let line = String(raw.dropFirst(2))
            switch marker {
            case "T ", "B ": body.append(line); lines.append(line)
            case "F ": furniture.append(line); lines.append(line)
            case "C ": captions.append(line); lines.append(line)
            case "X ":
                let parts = line.components(separatedBy: " || ")
                guard parts.count == 2 else { throw AnnotationError(page: name, line: raw) }
                furniture.append(parts[0])
                body.append(parts[1])
                lines.append(parts[0] + parts[1])
            default:
                throw AnnotationError(page: name, line: raw)
            }
        }
        while lines.last == "" { lines.removeLast() }
        input = lines.joined(separator: "\n") + "\n"
    }

    static func all() throws -> [AnnotatedPage] {
        let folder = TestData.fixture("boilerplate/pages")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder)
            .filter { $0.hasSuffix(".txt") }.sorted()
        return try names.map { name in
            try AnnotatedPage(name: name, text: String(decoding: TestData.fixtureBytes("boilerplate/pages/" + name), as: UTF8.self))
        }
    }
}

struct AnnotationError: Error, CustomStringConvertible {
    var page: String
    var line: String
    var description: String { "\(page): no marker in '\(line)'" }
}

/// Counts over a page set: what stayed of the body, what went of the furniture.
struct PageSetScore {
    var body = 0, bodyKept = 0
    var furniture = 0, furnitureRemoved = 0
    var captions = 0, captionsKept = 0
    var lost: [String] = []
    var leaked: [String] = []

    mutating func add(_ page: AnnotatedPage, output: String) {
        // The output's lines, as a multiset, and its text for prefixes.
        var outputLines: [String: Int] = [:]
        for line in output.split(separator: "\n", omittingEmptySubsequences: false) { outputLines[String(line), default: 0] += 1 }
        for line in page.body {
            body += 1
            if let n = outputLines[line], n > 0 {
                bodyKept += 1
                outputLines[line] = n - 1
            } else {
                lost.append("\(page.name): \(line)")
            }
        }
        for line in page.captions {
            captions += 1
            if let n = outputLines[line], n > 0 { captionsKept += 1; outputLines[line] = n - 1 }
        }
        for line in page.furniture {
            furniture += 1
            // A prefix counts as removed when no output line starts with it.
            let present = (outputLines[line] ?? 0) > 0 || outputLines.contains { $0.value > 0 && $0.key.hasPrefix(line) && page.body.contains(String($0.key.dropFirst(line.count))) }
            if present { leaked.append("\(page.name): \(line)") } else { furnitureRemoved += 1 }
        }
    }

    var recall: Double { Double(bodyKept) / Double(max(body, 1)) }
    var removal: Double { Double(furnitureRemoved) / Double(max(furniture, 1)) }

    var summary: String {
        String(format: "body recall %.1f%% (%d/%d), furniture removed %.1f%% (%d/%d), captions kept %d/%d",
               recall * 100, bodyKept, body, removal * 100, furnitureRemoved, furniture, captionsKept, captions)
    }
}

@Suite("boilerplate on the annotated page set")
struct PageSetTests {
    @Test("every body line stays, and at least 95% of furniture goes")
    func pageSet() throws {
        let pages = try AnnotatedPage.all()
        #expect(pages.count >= 30)
        var score = PageSetScore()
        for page in pages {
            let result = try ChunkedRun.expectChunkIndependent(boilerplate(), on: page.input, randomRuns: 1)
            score.add(page, output: String(decoding: result.output, as: UTF8.self))
        }
        print("boilerplate page set (\(pages.count) pages): \(score.summary)")
        for line in score.lost { print("  LOST   \(line)") }
        for line in score.leaked { print("  LEAKED \(line)") }
        #expect(score.lost.isEmpty, "body lines lost: \(score.lost)")
        #expect(score.recall == 1)
        #expect(score.removal >= 0.95, "\(score.summary)")
        #expect(score.captionsKept == score.captions)
    }

    @Test("with captions=remove, captions go too, and the body still stays")
    func captionsRemoved() throws {
        let pages = try AnnotatedPage.all()
        var score = PageSetScore()
        for page in pages {
            let result = try ChunkedRun.run(boilerplate("boilerplate(captions=remove)"), on: Array(page.input.utf8), chunking: .whole)
            score.add(page, output: String(decoding: result.output, as: UTF8.self))
        }
        #expect(score.lost.isEmpty, "body lines lost: \(score.lost)")
        #expect(score.captions > 0)
        #expect(score.captionsKept == 0, "captions kept under captions=remove")
    }
}
