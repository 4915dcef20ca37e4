// Measures chains over a corpus in one process, beside a `cat`-like copy of the same bytes,
// and reports MB/s and the ratio to the copy. Build it in release:
//
//   swift run -c release fixtext-benchmark                     default chain and normalize
//   swift run -c release fixtext-benchmark -c normalize -c 'normalize(form=nfkc)'
//   swift run -c release fixtext-benchmark --corpus my.txt.gz --seconds 2
//   swift run -c release fixtext-benchmark -c boilerplate --page-lines 40
//
// Runtime plugins load with --plugin PATH, as in fixtext. The plugin boundary in process,
// on 100 MB (the whole-process target against cat is Tools/plugin-overhead/benchmark.py):
//
//   cc -O2 -shared -fPIC -I Sources/CFixTextPlugin/include Plugins/Examples/CPlugin/identity.c -o /tmp/identity.so
//   swift run -c release fixtext-benchmark --generated --generate-mb 100 --plugin /tmp/identity.so \
//       -c identity -c 'identity(copy=true)'
//
// With --page-lines N the corpus is cut into pages of N lines, each run as its own input
// (a fresh chain per page, as for one file or one record): how document transforms such as
// boilerplate meet their input.
//
// The corpus is ../shared/corpora/*.txt.gz when present, else text generated from the
// fixtures. Ratios, not absolute numbers, are what compare across machines.

import Foundation
import FixTextBuiltins
import FixTextCore
import FixTextIO
import FixTextPluginHost

#if canImport(Glibc)
import Glibc
#endif

@main
struct Benchmark {
    struct Options {
        var chains: [String] = []
        var corpora: [String] = []
        var seconds = 1.0
        var chunkSize = 1 << 18
        var generatedMegabytes = 32
        var forceGenerated = false
        var pageLines = 0
        var plugins: [String] = []
    }

    static func main() throws {
        var options = Options()
        var arguments = CommandLine.arguments.dropFirst()
        while let argument = arguments.popFirst() {
            switch argument {
            case "-c", "--chain": options.chains.append(arguments.popFirst() ?? "")
            case "--corpus": options.corpora.append(arguments.popFirst() ?? "")
            case "--seconds": options.seconds = Double(arguments.popFirst() ?? "") ?? options.seconds
            case "--chunk": options.chunkSize = Int(arguments.popFirst() ?? "") ?? options.chunkSize
            case "--generate-mb": options.generatedMegabytes = Int(arguments.popFirst() ?? "") ?? options.generatedMegabytes
            case "--generated": options.forceGenerated = true
            case "--page-lines": options.pageLines = Int(arguments.popFirst() ?? "") ?? 0
            case "--plugin": options.plugins.append(arguments.popFirst() ?? "")
            case "-h", "--help":
                print("usage: fixtext-benchmark [-c CHAIN]... [--corpus FILE]... [--generated] [--seconds S] [--chunk BYTES] [--generate-mb N] [--page-lines N] [--plugin PATH]...")
                return
            default:
                FileHandle.standardError.write(Data("fixtext-benchmark: unknown argument '\(argument)'\n".utf8))
                exit(2)
            }
        }
        if options.chains.isEmpty { options.chains = ["default", "normalize", "normalize(form=nfkc)"] }

        let (name, corpus) = try loadCorpus(options)
        let pages = pageEnds(corpus, lines: options.pageLines)
        print("corpus: \(name), \(String(format: "%.1f", Double(corpus.count) / 1e6)) MB"
              + (options.pageLines > 0 ? " in \(pages.count) pages of \(options.pageLines) lines" : "")
              + "; chunks of \(options.chunkSize) bytes; best of runs over \(options.seconds) s")
        print(pad("run", 34) + pad("MB/s", 10) + "ratio to copy")

        let copyRate = measure(seconds: options.seconds, bytes: corpus.count) { copyAll(corpus, chunkSize: options.chunkSize) }
        report("copy (cat)", copyRate, copyRate)
        let engineRate = measure(seconds: options.seconds, bytes: corpus.count) {
            try! runChain([], corpus, chunkSize: options.chunkSize)
        }
        report("empty chain (UTF-8 check only)", engineRate, copyRate)
        var registry = TransformRegistry.builtin
        try PluginLoader.register(options.plugins, searchPath: [], into: &registry)
        for spec in options.chains {
            let chain = try Chain.resolve(spec, in: registry)
            // Check once that the chain runs and how much it changes.
            let outputSize = try runPages(chain, corpus, pages: pages, chunkSize: options.chunkSize)
            let rate = measure(seconds: options.seconds, bytes: corpus.count) {
                try! runPages(chain, corpus, pages: pages, chunkSize: options.chunkSize)
            }
            report(spec + (outputSize == corpus.count ? "" : " (output \(outputSize) B)"), rate, copyRate)
        }
    }

    static func loadCorpus(_ options: Options) throws -> (String, [UInt8]) {
        var paths = options.corpora
        if paths.isEmpty && !options.forceGenerated {
            let shared = "../shared/corpora"
            paths = ["zh-headlines.txt.gz", "zh-legal.txt.gz"].map { shared + "/" + $0 }.filter(FileContents.exists)
        }
        if paths.isEmpty {
            return ("generated from Fixtures/", try generatedCorpus(megabytes: options.generatedMegabytes))
        }
        var corpus: [UInt8] = []
        for path in paths {
            let decoder = try InputDecoder(FileInput(path: path), encoding: nil, strict: false)
            try decoder.forEachChunk { corpus.append(contentsOf: $0) }
        }
        return (paths.joined(separator: " + "), corpus)
    }

    /// Clean text from the fixtures, repeated with its lines shuffled to the size asked.
    static func generatedCorpus(megabytes: Int) throws -> [UInt8] {
        let text = try FileContents.read("Fixtures/clean-multilingual.txt", limit: 1 << 24)
            + FileContents.read("Fixtures/content-farm-page.txt", limit: 1 << 24)
        // The seed page's no-break spaces and mojibake lines are defects: keep clean lines.
        let lines = String(decoding: text, as: UTF8.self).split(separator: "\n")
            .filter { !$0.contains("\u{A0}") && !$0.contains("?") }
            .map { Array($0.utf8) }
        var corpus: [UInt8] = []
        var state: UInt64 = 42
        while corpus.count < megabytes << 20 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            corpus += lines[Int(state >> 33) % lines.count] + [UInt8(ascii: "\n")]
        }
        return corpus
    }

    /// What `cat` does: every chunk read and written out. Both this and the chains write
    /// into a buffer the size of the whole output, so they pay the same for their sink.
    static func copyAll(_ corpus: [UInt8], chunkSize: Int) {
        var output = [UInt8]()
        output.reserveCapacity(corpus.count)
        corpus.withUnsafeBufferPointer { all in
            var start = 0
            while start < all.count {
                let end = min(all.count, start + chunkSize)
                output.append(contentsOf: UnsafeBufferPointer(rebasing: all[start..<end]))
                start = end
            }
        }
        blackHole(output.count)
    }

    /// Where each page of `lines` lines ends; the whole corpus when `lines` is 0.
    static func pageEnds(_ corpus: [UInt8], lines: Int) -> [Int] {
        guard lines > 0 else { return [corpus.count] }
        var ends: [Int] = []
        var count = 0
        for (i, byte) in corpus.enumerated() where byte == UInt8(ascii: "\n") {
            count += 1
            if count % lines == 0 { ends.append(i + 1) }
        }
        if ends.last != corpus.count { ends.append(corpus.count) }
        return ends
    }

    /// Runs each page through a fresh chain; returns the total output size.
    @discardableResult
    static func runPages(_ chain: Chain, _ corpus: [UInt8], pages: [Int], chunkSize: Int) throws -> Int {
        if pages.count == 1 { return try runChain(chain.makeTransforms(), corpus, chunkSize: chunkSize) }
        var total = 0
        var start = 0
        for end in pages {
            total += try runChain(chain.makeTransforms(), Array(corpus[start..<end]), chunkSize: chunkSize)
            start = end
        }
        return total
    }

    @discardableResult
    static func runChain(_ transforms: [NamedTransform], _ corpus: [UInt8], chunkSize: Int) throws -> Int {
        let runner = ChainRunner(transforms)
        var output = [UInt8]()
        output.reserveCapacity(corpus.count + corpus.count / 8)
        let sink: (UnsafeBufferPointer<UInt8>) -> Void = { output.append(contentsOf: $0) }
        try corpus.withUnsafeBufferPointer { all in
            var start = 0
            while start < all.count {
                let end = min(all.count, start + chunkSize)
                try runner.write(UnsafeBufferPointer(rebasing: all[start..<end]), to: sink)
                start = end
            }
        }
        try runner.finish(to: sink)
        return output.count
    }

    /// Bytes per second of the best run, running `body` repeatedly for about `seconds`.
    static func measure(seconds: Double, bytes: Int, _ body: () -> Void) -> Double {
        body() // warm up
        var best = Double.infinity
        let start = now()
        var runs = 0
        while runs < 3 || (now() - start < seconds && runs < 1000) {
            let t0 = now()
            body()
            best = min(best, now() - t0)
            runs += 1
        }
        return Double(bytes) / best
    }

    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    static func report(_ name: String, _ rate: Double, _ copyRate: Double) {
        let megabytes = rate / 1e6
        let shown = String(format: megabytes < 10 ? "%.2f" : "%.0f", megabytes)
        let ratio = rate / copyRate
        print(pad(name, 34) + pad(shown, 10) + String(format: ratio < 0.001 ? "%.2e" : "%.3f", ratio))
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }

    @inline(never)
    static func blackHole(_ value: Int) {
        if value == -1 { print(value) }
    }
}
