import FixTextCore
import FixTextICU

/// Runs a ``RulePack`` line by line: after a tail marker every line goes; a line a drop rule
/// matches goes; in any other line the mapping table is applied, then the replacements in
/// file order.
struct RulePackTransform: Transform {
    static let maxLineBytes = 1 << 20

    let context = TransformContext.line(maxBytes: RulePackTransform.maxLineBytes)
    private let pack: RulePack
    /// The regular expressions of the pack, compiled for this run (ICU's are not shared
    /// between threads), in the order of `replacements`, then drops, then tails.
    private let replacementRegexes: [RegularExpression?]
    private let dropRegexes: [RegularExpression?]
    private let tailRegexes: [RegularExpression?]
    private let mapping: PhraseTable
    /// Where the tail started, once a marker was seen.
    private var tailOrigin: String?

    init(_ pack: RulePack) throws {
        self.pack = pack
        replacementRegexes = try pack.replacements.map { rule in
            if case .regex(let pattern, let replacement, _) = rule { return try RegularExpression(pattern, replacement: replacement) }
            return nil
        }
        dropRegexes = try pack.drops.map { $0.match == .regex ? try RegularExpression($0.text, replacement: "") : nil }
        tailRegexes = try pack.tails.map { $0.match == .regex ? try RegularExpression($0.text, replacement: "") : nil }
        mapping = PhraseTable(pack.mapping)
    }

    /// The engine hands over runs of whole lines (or a piece of an overlong one).
    mutating func process(_ input: TransformInput, into output: inout TransformOutput) throws -> Int {
        let count = input.count
        if input.isPiece {
            if let tailOrigin {
                output.replace(0..<count, of: input, with: EmptyCollection(), reason: "after the tail marker of \(tailOrigin)")
            } else {
                output.passThrough(0..<count, of: input)
            }
            return count
        }
        var start = 0
        while start < count {
            var end = start
            while end < count && input.bytes[end] != UInt8(ascii: "\n") { end += 1 }
            if end < count { end += 1 }
            try processLine(start..<end, of: input, into: &output)
            start = end
        }
        return count
    }

    private mutating func processLine(_ line: Range<Int>, of input: TransformInput, into output: inout TransformOutput) throws {
        if let tailOrigin {
            output.replace(line, of: input, with: EmptyCollection(), reason: "after the tail marker of \(tailOrigin)")
            return
        }
        // Bytes that are not UTF-8 pass through.
        guard var text = String(validating: UnsafeBufferPointer(rebasing: input.bytes[line]), as: UTF8.self) else {
            output.passThrough(line, of: input)
            return
        }
        var endingLength = 0
        if text.hasSuffix("\n") {
            text.removeLast()
            endingLength = 1
            if text.hasSuffix("\r") {
                text.removeLast()
                endingLength = 2
            }
        }
        for (index, rule) in pack.tails.enumerated() where matches(rule, tailRegexes[index], text, line, input, &output) {
            tailOrigin = rule.origin
            output.replace(line, of: input, with: EmptyCollection(), reason: "tail marker (\(rule.origin))")
            return
        }
        for (index, rule) in pack.drops.enumerated() where matches(rule, dropRegexes[index], text, line, input, &output) {
            output.replace(line, of: input, with: EmptyCollection(), reason: "dropped line (\(rule.origin))")
            return
        }
        var bytes = Array(text.utf8)
        var applied: [String] = []
        if !mapping.isEmpty, let mapped = mapping.apply(bytes) {
            bytes = mapped
            applied.append("mapping table")
        }
        for (index, rule) in pack.replacements.enumerated() {
            switch rule {
            case .literal(let from, let to, let origin):
                if let replaced = Self.replaceAll(from, with: to, in: bytes) {
                    bytes = replaced
                    applied.append(origin)
                }
            case .regex(_, _, let origin):
                do {
                    if let replaced = try replacementRegexes[index]!.replaceAll(in: String(decoding: bytes, as: UTF8.self)) {
                        bytes = Array(replaced.utf8)
                        applied.append(origin)
                    }
                } catch {
                    timedOut(origin, line, input, &output)
                }
            }
        }
        let content = line.lowerBound..<(line.upperBound - endingLength)
        if applied.isEmpty || bytes.elementsEqual(UnsafeBufferPointer(rebasing: input.bytes[content])) {
            output.passThrough(line, of: input)
        } else {
            output.replace(content, of: input, with: bytes, reason: "rule pack \(pack.name): \(applied.joined(separator: ", "))")
            output.passThrough(content.upperBound..<line.upperBound, of: input)
        }
    }

    private func matches(
        _ rule: RulePack.LineRule, _ regex: RegularExpression?, _ text: String, _ line: Range<Int>,
        _ input: TransformInput, _ output: inout TransformOutput
    ) -> Bool {
        switch rule.match {
        case .line: return text == rule.text
        case .prefix: return text.hasPrefix(rule.text)
        case .suffix: return text.hasSuffix(rule.text)
        case .contains: return text.contains(rule.text)
        case .regex:
            do {
                // A match replaced by nothing changes the text.
                return try regex!.replaceAll(in: text) != nil
            } catch {
                timedOut(rule.origin, line, input, &output)
                return false
            }
        }
    }

    private func timedOut(_ origin: String, _ line: Range<Int>, _ input: TransformInput, _ output: inout TransformOutput) {
        output.report(.warning, at: line, of: input,
                      "the regular expression of \(origin) gave up on this line after its time limit; the rule was not applied to it")
    }

    /// `bytes` with every occurrence of `from` (left to right, not overlapping) replaced.
    static func replaceAll(_ from: [UInt8], with to: [UInt8], in bytes: [UInt8]) -> [UInt8]? {
        guard !from.isEmpty, bytes.count >= from.count else { return nil }
        var result: [UInt8] = []
        var i = 0, copied = 0
        let first = from[0]
        while i + from.count <= bytes.count {
            if bytes[i] == first && bytes[i..<(i + from.count)].elementsEqual(from) {
                result.append(contentsOf: bytes[copied..<i])
                result.append(contentsOf: to)
                i += from.count
                copied = i
            } else {
                i += 1
            }
        }
        guard copied > 0 else { return nil }
        result.append(contentsOf: bytes[copied...])
        return result
    }
}

/// A mapping of phrases, applied in one pass: at each place the longest phrase that starts
/// there is replaced, and its replacement is not looked at again.
struct PhraseTable: Sendable {
    private let table: [[UInt8]: [UInt8]]
    private let longest: Int
    private var starts = [Bool](repeating: false, count: 256)

    init(_ table: [[UInt8]: [UInt8]]) {
        self.table = table
        longest = table.keys.map(\.count).max() ?? 0
        for key in table.keys { starts[Int(key[0])] = true }
    }

    var isEmpty: Bool { table.isEmpty }

    func apply(_ bytes: [UInt8]) -> [UInt8]? {
        var result: [UInt8] = []
        var changed = false
        var i = 0
        outer: while i < bytes.count {
            if starts[Int(bytes[i])] {
                var length = min(longest, bytes.count - i)
                while length > 0 {
                    if let replacement = table[Array(bytes[i..<(i + length)])] {
                        result.append(contentsOf: replacement)
                        i += length
                        changed = true
                        continue outer
                    }
                    length -= 1
                }
            }
            result.append(bytes[i])
            i += 1
        }
        return changed ? result : nil
    }
}
