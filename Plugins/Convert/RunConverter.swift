import FixTextCore

/// The two conversion stages over one segment of a two-stage config.
///
/// A segment between segmentation keys can be as long as the text (a page with no phrase of
/// the segmentation dictionary, or no Han at all). It is converted in pieces cut where
/// neither stage has a match across the cut: there, converting the rest on its own gives
/// what converting the whole segment gives. A piece is final once both stages have seen
/// the lookahead their longest keys need, so an open segment (whose end is not in the
/// input yet) is converted up to its last such cut and the rest is held back.
///
/// Each piece is one change, so `explain` lists the same changes however the input was
/// chunked.
struct RunConverter {
    let first: CompiledDictionary
    let second: CompiledDictionary
    /// An open segment longer than this without a cut is cut anyway, at the first
    /// stage-one boundary past ``forcedCutDistance``: memory stays bounded on any input.
    static let forcedCutTrigger = 32 << 10
    static let forcedCutDistance = 16 << 10
    /// The most a two-stage conversion holds back.
    static let maxHeldBytes = 64 << 10

    /// The segment's characters, normalized; a byte that is not UTF-8 is `opaque | byte`.
    private var scalars: [UInt32] = []
    /// The input offset of each character, and of the segment's end.
    private var offsets: [Int] = []
    private var stageOne: [UInt32] = []
    /// Where each stage-one match starts, in characters of the input and of stage one's output.
    private var unitStarts: [(input: Int, output: Int)] = []
    private var stageTwo: [UInt32] = []
    /// For each position in stage one's output where a stage-two match starts, the
    /// position in stage two's output; -1 elsewhere.
    private var stageTwoAt: [Int32] = []
    private var bytes: [UInt8] = []

    static let opaque: UInt32 = 0x8000_0000

    init(first: CompiledDictionary, second: CompiledDictionary) {
        self.first = first
        self.second = second
    }

    /// Converts and writes `range` up to its last final cut, which it returns (the end of
    /// `range` when `closed`).
    mutating func convert(
        _ range: Range<Int>, closed: Bool, _ converter: Converter,
        _ scan: inout Scan, _ input: TransformInput, _ output: inout TransformOutput
    ) -> Int {
        read(range, converter, scan)
        let (finalInput, finalOutput) = stageOnePass(closed: closed)
        let stageTwoEnd = stageTwoPass(upTo: finalOutput, closed: closed)
        // Cuts: stage-one boundaries that are also stage-two boundaries.
        var previousInput = 0, previousTwo = 0
        unitStarts.append((finalInput, finalOutput))
        for (inputIndex, outputIndex) in unitStarts {
            guard outputIndex <= stageTwoEnd else { break }
            let two = Int(stageTwoAt[outputIndex])
            guard two >= 0, inputIndex > previousInput else { continue }
            emitPiece(previousInput..<inputIndex, stageTwo: previousTwo..<two, &scan, input, &output, converter)
            previousInput = inputIndex
            previousTwo = two
        }
        if !closed && previousInput == 0 && range.count > Self.forcedCutTrigger {
            let cut = unitStarts.first { offsets[$0.input] - range.lowerBound >= Self.forcedCutDistance }?.input ?? finalInput
            let end = offsets[cut]
            return convert(range.lowerBound..<end, closed: true, converter, &scan, input, &output)
        }
        return offsets[previousInput]
    }

    private mutating func read(_ range: Range<Int>, _ converter: Converter, _ scan: Scan) {
        scalars.removeAll(keepingCapacity: true)
        offsets.removeAll(keepingCapacity: true)
        var j = range.lowerBound
        while j < range.upperBound {
            let (c, length) = UTF8Scan.decode(scan.p, j, scan.n)
            offsets.append(j)
            if length == 0 {
                scalars.append(Self.opaque | UInt32(scan.p[j]))
                j += 1
            } else {
                scalars.append(converter.normalize(c))
                j += length
            }
        }
        offsets.append(j)
    }

    /// Stage one over the characters read, as far as its decisions are final. Returns where
    /// it stopped, in input and output characters.
    private mutating func stageOnePass(closed: Bool) -> (Int, Int) {
        stageOne.removeAll(keepingCapacity: true)
        unitStarts.removeAll(keepingCapacity: true)
        let lookahead = first.maxKeyCharacters
        var s = 0
        while s < scalars.count {
            if !closed && s + lookahead > scalars.count { break }
            unitStarts.append((s, stageOne.count))
            let (length, node) = Self.longest(first, scalars, from: s, to: scalars.count)
            if length > 0 {
                UTF8Scan.appendScalars(of: first.value(node), to: &stageOne)
                s += length
            } else {
                stageOne.append(scalars[s])
                s += 1
            }
        }
        return (s, stageOne.count)
    }

    /// Stage two over stage one's final output; returns where it stopped.
    private mutating func stageTwoPass(upTo end: Int, closed: Bool) -> Int {
        stageTwo.removeAll(keepingCapacity: true)
        stageTwoAt.removeAll(keepingCapacity: true)
        stageTwoAt.append(contentsOf: repeatElement(-1, count: end + 1))
        let lookahead = second.maxKeyCharacters
        var q = 0
        while q < end {
            if !closed && q + lookahead > end { break }
            stageTwoAt[q] = Int32(stageTwo.count)
            let (length, node) = Self.longest(second, stageOne, from: q, to: end)
            if length > 0 {
                UTF8Scan.appendScalars(of: second.value(node), to: &stageTwo)
                q += length
            } else {
                stageTwo.append(stageOne[q])
                q += 1
            }
        }
        stageTwoAt[q] = Int32(stageTwo.count)
        return q
    }

    private mutating func emitPiece(
        _ characters: Range<Int>, stageTwo two: Range<Int>,
        _ scan: inout Scan, _ input: TransformInput, _ output: inout TransformOutput, _ converter: Converter
    ) {
        bytes.removeAll(keepingCapacity: true)
        for scalar in stageTwo[two] {
            if scalar & Self.opaque != 0 {
                bytes.append(UInt8(truncatingIfNeeded: scalar))
            } else {
                UTF8Scalars.append(scalar, to: &bytes)
            }
        }
        let start = offsets[characters.lowerBound], length = offsets[characters.upperBound] - start
        let name = converter.config.name
        bytes.withUnsafeBufferPointer { converted in
            scan.emit(start, length, converted, input, &output) { "OpenCC \(name)" }
        }
    }

    /// The longest key of `dictionary` in `scalars[from..<to]` that starts at `from`: its
    /// length in characters (0: none) and node.
    @inline(__always)
    static func longest(_ dictionary: CompiledDictionary, _ scalars: [UInt32], from: Int, to: Int) -> (Int, UInt32) {
        var node = dictionary.root(scalars[from])
        if node == 0 { return (0, 0) }
        var best = 0
        var bestNode: UInt32 = 0
        if dictionary.hasValue(node) { best = 1; bestNode = node }
        var m = from + 1
        while m < to && dictionary.hasChildren(node) {
            node = dictionary.child(of: node, scalars[m])
            if node == 0 { break }
            m += 1
            if dictionary.hasValue(node) { best = m - from; bestNode = node }
        }
        return (best, bestNode)
    }
}
