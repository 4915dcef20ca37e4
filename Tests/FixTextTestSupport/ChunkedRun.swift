import FixTextCore
import Testing

/// Runs a chain over an input as whole, one byte at a time, and in random chunks, and
/// checks the three agree: the contract every transform must keep.
public enum ChunkedRun {
    public struct Result {
        public var output: [UInt8]
        public var changes: [Change]
        public var diagnostics: [Diagnostic]
    }

    /// How to cut an input into chunks.
    public enum Chunking: CustomStringConvertible, Sendable {
        case whole
        case byteAtATime
        case random(seed: UInt64, maxChunk: Int)

        public var description: String {
            switch self {
            case .whole: "whole"
            case .byteAtATime: "one byte at a time"
            case .random(let seed, let maxChunk): "random chunks up to \(maxChunk) (seed \(seed))"
            }
        }

        /// Calls `body` with `all` cut this way, front to back.
        public func forEachChunk(of all: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
            var start = 0
            var rng = SplitMix64(seed: 0)
            if case .random(let seed, _) = self { rng = SplitMix64(seed: seed) }
            while start < all.count {
                let length: Int
                switch self {
                case .whole: length = all.count
                case .byteAtATime: length = 1
                case .random(_, let maxChunk): length = Int(rng.next() % UInt64(maxChunk)) + 1
                }
                let end = min(all.count, start + length)
                try body(UnsafeBufferPointer(rebasing: all[start..<end]))
                start = end
            }
        }
    }

    /// Runs `transforms` (made fresh) over `input` cut as `chunking`.
    public static func run(
        _ makeTransforms: () throws -> [NamedTransform],
        on input: [UInt8],
        chunking: Chunking,
        recordChanges: Bool = true
    ) throws -> Result {
        let runner = ChainRunner(try makeTransforms(), recordChanges: recordChanges)
        var output: [UInt8] = []
        let sink: (UnsafeBufferPointer<UInt8>) -> Void = { output.append(contentsOf: $0) }
        try input.withUnsafeBufferPointer { all in
            try chunking.forEachChunk(of: all) { try runner.write($0, to: sink) }
        }
        try runner.finish(to: sink)
        return Result(output: output, changes: runner.changes, diagnostics: runner.diagnostics.kept)
    }

    /// Runs whole, byte by byte and in several random chunkings; expects identical output,
    /// changes and diagnostics from each, and returns the whole run's result.
    @discardableResult
    public static func expectChunkIndependent(
        _ makeTransforms: () throws -> [NamedTransform],
        on input: [UInt8],
        randomRuns: Int = 4,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Result {
        let whole = try run(makeTransforms, on: input, chunking: .whole)
        var chunkings: [Chunking] = [.byteAtATime]
        for seed in 0..<UInt64(randomRuns) {
            chunkings.append(.random(seed: seed &+ 1, maxChunk: [2, 7, 64, 4096][Int(seed) % 4]))
        }
        for chunking in chunkings {
            let other = try run(makeTransforms, on: input, chunking: chunking)
            let sameOutput = other.output == whole.output
            #expect(sameOutput, "output differs when fed \(chunking)", sourceLocation: sourceLocation)
            #expect(other.changes == whole.changes, "changes differ when fed \(chunking)", sourceLocation: sourceLocation)
            // The same problems, in any order: when the engine's input check and a
            // transform that waits for whole lines report depends on where chunks end.
            #expect(
                other.diagnostics.map(\.description).sorted() == whole.diagnostics.map(\.description).sorted(),
                "diagnostics differ when fed \(chunking)", sourceLocation: sourceLocation
            )
        }
        return whole
    }

    /// The same, for text given as a String.
    @discardableResult
    public static func expectChunkIndependent(
        _ makeTransforms: () throws -> [NamedTransform],
        on text: String,
        randomRuns: Int = 4,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Result {
        try expectChunkIndependent(makeTransforms, on: Array(text.utf8), randomRuns: randomRuns, sourceLocation: sourceLocation)
    }
}

/// The core's seeded generator, for tests that import only this module.
public typealias SplitMix64 = FixTextCore.SplitMix64
