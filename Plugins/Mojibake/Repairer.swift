/// Finds the repairs of one suspicious line: for each misreading, the spans whose
/// re-decoding the evidence prefers, undone again while that helps (layered mojibake).
struct Repairer {
    let evidence: Evidence
    let misreadings: [(Misreading, LegacyCodec, LegacyCodec?)]
    let misaligned: MisalignedStream
    /// How many times a repaired span is tried again, for text garbled more than once.
    static let maximumLayers = 3

    init(evidence: Evidence = Evidence(), suspicion: SuspicionTable = .shared) throws {
        self.evidence = evidence
        misaligned = try MisalignedStream(evidence: evidence, suspicion: suspicion)
        var list: [(Misreading, LegacyCodec, LegacyCodec?)] = []
        for misreading in Misreading.utf8Misreadings + Misreading.legacyMisreadings {
            let readAs = try LegacyCodec.named(misreading.readAs)
            let actual = misreading.actualIsUTF8 ? nil : try LegacyCodec.named(misreading.actual)
            list.append((misreading, readAs, actual))
        }
        misreadings = list
    }

    /// The repairs of `scalars`, not overlapping, in order.
    func repairs(of scalars: [UInt32]) -> [Repair] {
        var claimed = [Bool](repeating: false, count: scalars.count)
        var found: [Repair] = []
        for (misreading, readAs, actual) in misreadings {
            for var repair in spans(in: scalars, claimed: claimed, misreading, readAs, actual) {
                repair = deepen(repair)
                for i in repair.range { claimed[i] = true }
                found.append(repair)
            }
        }
        for repair in misaligned.repairs(of: scalars, claimed: claimed) {
            for i in repair.range { claimed[i] = true }
            found.append(repair)
        }
        return found.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// Repairs the repaired text again while that is clearly better: text that went
    /// through the same mix-up twice or three times.
    private func deepen(_ repair: Repair) -> Repair {
        var current = repair
        for _ in 1..<Self.maximumLayers {
            let inner = repairs(ofWhole: current.replacement)
            guard let inner else { break }
            current.replacement = inner.replacement
            current.chain += inner.chain
            current.confidence = min(current.confidence, inner.confidence)
            if let lost = inner.lost { current.lost = [current.lost, lost].compactMap { $0 }.joined(separator: "; ") }
        }
        return current
    }

    /// A repair that covers all of `scalars`, if one does.
    private func repairs(ofWhole scalars: [UInt32]) -> Repair? {
        let none = [Bool](repeating: false, count: scalars.count)
        for (misreading, readAs, actual) in misreadings {
            let found = spans(in: scalars, claimed: none, misreading, readAs, actual)
            guard !found.isEmpty else { continue }
            // Rebuild the whole with the inner repairs applied.
            var rebuilt: [UInt32] = []
            var position = 0
            var chain: [Misreading] = []
            var confidence = 1.0
            for repair in found {
                rebuilt += scalars[position..<repair.range.lowerBound]
                rebuilt += repair.replacement
                position = repair.range.upperBound
                chain = repair.chain
                confidence = min(confidence, repair.confidence)
            }
            rebuilt += scalars[position...]
            return Repair(range: 0..<scalars.count, replacement: rebuilt, chain: chain, confidence: confidence, lost: found.compactMap(\.lost).first)
        }
        return nil
    }

    /// The spans of `scalars` that `misreading` garbled, judged by the evidence.
    private func spans(in scalars: [UInt32], claimed: [Bool], _ misreading: Misreading, _ readAs: LegacyCodec, _ actual: LegacyCodec?) -> [Repair] {
        var result: [Repair] = []
        var i = 0
        let n = scalars.count
        while i < n {
            guard !claimed[i], scalars[i] >= 0x80, readAs.canEncode(scalars[i]) else {
                i += 1
                continue
            }
            // A run of characters the read-as encoding has bytes for, around non-ASCII ones.
            var start = i
            while start > 0, !claimed[start - 1], readAs.canEncode(scalars[start - 1]) { start -= 1 }
            var end = i
            while end < n, !claimed[end], readAs.canEncode(scalars[end]) { end += 1 }
            let run = RunBytes(scalars[start..<end], offset: start, codec: readAs)
            let groups = misreading.actualIsUTF8
                ? utf8Windows(run, scalars)
                : legacyWindows(run, scalars, actual!).map { [$0] }
            // Of each group of overlapping alternatives, the one that saves the most.
            for group in groups {
                var best: (repair: Repair, saving: Int)?
                for var candidate in group {
                    guard let verdict = evidence.judge(original: scalars[candidate.range], candidate: candidate.replacement[...]) else { continue }
                    candidate.chain = [misreading]
                    candidate.confidence = verdict.confidence
                    if verdict.saving > (best?.saving ?? .min) { best = (candidate, verdict.saving) }
                }
                if let best { result += pieces(of: best.repair, in: scalars, readAs: readAs, actual: actual) }
            }
            i = end
        }
        return result
    }

    /// A repair cut at the ASCII characters it leaves as they are, so that each change
    /// covers only garbled text: `Ã© and ä¸­` is two repairs, not one.
    ///
    /// Both sides index the same bytes: the garbled characters in the read-as encoding,
    /// the repaired ones in the actual encoding, and an ASCII character is one byte in
    /// both, at the same place.
    private func pieces(of repair: Repair, in scalars: [UInt32], readAs: LegacyCodec, actual: LegacyCodec?) -> [Repair] {
        var result: [Repair] = []
        let original = Array(scalars[repair.range])
        let replacement = repair.replacement
        var i = 0, j = 0, originalByte = 0, replacementByte = 0
        var pieceStart = (i: 0, j: 0)
        func close() {
            guard i > pieceStart.i || j > pieceStart.j else { return }
            var piece = repair
            piece.range = (repair.range.lowerBound + pieceStart.i)..<(repair.range.lowerBound + i)
            piece.replacement = Array(replacement[pieceStart.j..<j])
            result.append(piece)
        }
        while i < original.count || j < replacement.count {
            if i < original.count, j < replacement.count, originalByte == replacementByte,
               original[i] < 0x80, replacement[j] == original[i]
            {
                close()
                i += 1
                j += 1
                originalByte += 1
                replacementByte += 1
                pieceStart = (i, j)
            } else if j >= replacement.count || (i < original.count && originalByte <= replacementByte) {
                originalByte += readAs.byteCount(original[i])
                i += 1
            } else {
                replacementByte += actual?.byteCount(replacement[j]) ?? UTF8Decoding.length(of: replacement[j])
                j += 1
            }
        }
        close()
        // Only the last piece carries what was lost at the end of the span.
        for k in result.indices.dropLast() { result[k].lost = nil }
        return result.isEmpty ? [repair] : result
    }

    /// Windows of a run whose bytes are valid UTF-8 with at least one multi-byte sequence,
    /// from a character start to a character end of the garbled text. Each comes with
    /// alternatives that leave out its first characters, in case clean text before the
    /// mojibake happened to read as UTF-8 too.
    private func utf8Windows(_ run: RunBytes, _ scalars: [UInt32]) -> [[Repair]] {
        var result: [[Repair]] = []
        let bytes = run.bytes
        var p = 0
        while p < bytes.count {
            guard run.isCharacterStart(p), bytes[p] >= 0x80 else {
                p += 1
                continue
            }
            var q = p
            var lastEnd = -1
            var multibyte = false
            var decoded: [UInt32] = []
            var decodedAtLastEnd = 0
            while q < bytes.count, let (scalar, length) = bytes.withUnsafeBufferPointer({ UTF8Decoding.decode(at: q, in: $0) }) {
                if length > 1 { multibyte = true }
                decoded.append(scalar)
                q += length
                if run.isCharacterStart(q) && multibyte {
                    lastEnd = q
                    decodedAtLastEnd = decoded.count
                }
            }
            guard lastEnd > p else {
                p += 1
                continue
            }
            var upper = run.scalarIndex(atByte: lastEnd)
            var tailReplacement: [UInt32] = []
            var lost: String?
            // A Windows decoder that met the last bytes of a character without their end
            // wrote "?" for them: that character is lost, and the "?" stands for it.
            if let tail = lostTail(run, from: lastEnd, scalars) {
                upper = tail.end
                tailReplacement = [UInt32(UInt8(ascii: "?"))]
                lost = tail.description
            }
            var group: [Repair] = []
            var byte = p
            for k in 0..<min(3, decodedAtLastEnd) {
                // One repaired character is too little evidence when the read-as encoding
                // is double-byte: two rare characters of clean text re-decode to one
                // common character and an ASCII letter often enough ("璇如" → "梦p").
                let nonASCII = decoded[k..<decodedAtLastEnd].filter { $0 >= 0x80 }.count
                if run.isCharacterStart(byte), nonASCII >= 2 || !run.isDoubleByte {
                    let replacement = Array(decoded[k..<decodedAtLastEnd]) + tailReplacement
                    group.append(Repair(range: run.scalarIndex(atByte: byte)..<upper, replacement: replacement, chain: [], confidence: 0, lost: lost))
                }
                byte += UTF8Decoding.length(of: decoded[k])
            }
            result.append(group)
            p = lastEnd
        }
        return result
    }

    /// After a window ending at byte `end`: the start of a UTF-8 sequence whose last bytes
    /// were replaced by "?" — the scalar index just past the "?" and a description.
    private func lostTail(_ run: RunBytes, from end: Int, _ scalars: [UInt32]) -> (end: Int, description: String)? {
        let bytes = run.bytes
        guard end < bytes.count else {
            // The "?" follows the run, if the run ended at an unencodable character or the
            // line's end; it is then the next scalar.
            return nil
        }
        let lead = bytes[end]
        let needed: Int
        switch lead {
        case 0xE0...0xEF: needed = 3
        case 0xC2...0xDF: needed = 2
        case 0xF0...0xF4: needed = 4
        default: return nil
        }
        var k = end + 1
        while k < bytes.count, k - end < needed, bytes[k] & 0xC0 == 0x80 { k += 1 }
        guard k - end < needed, run.isCharacterStart(k) else { return nil }
        let questionIndex = run.scalarIndex(atByte: k)
        guard questionIndex < scalars.count, scalars[questionIndex] == UInt32(UInt8(ascii: "?")) else { return nil }
        let known = bytes[end..<k].map { ($0 < 16 ? "0" : "") + String($0, radix: 16, uppercase: true) }.joined(separator: " ")
        return (questionIndex + 1, "a character starting with bytes \(known) lost its last \(needed - (k - end)) byte(s)")
    }

    /// Windows of a run that decode, in the actual legacy encoding, to plausible text:
    /// split at ASCII spaces and punctuation, which both sides share.
    private func legacyWindows(_ run: RunBytes, _ scalars: [UInt32], _ actual: LegacyCodec) -> [Repair] {
        var result: [Repair] = []
        var first = run.offset
        let end = run.offset + run.count
        while first < end {
            guard scalars[first] >= 0x80 else {
                first += 1
                continue
            }
            var last = first
            while last < end, scalars[last] >= 0x80 || Self.isWordCharacter(scalars[last]) { last += 1 }
            let bytes = Array(run.bytes[run.byteOffset(ofScalar: first)..<run.byteOffset(ofScalar: last)])
            // Letter soup, not a row of symbols: "ÖÐÎÄ" yes; "——" or "······" (which are
            // bytes of GBK too) no.
            let hasLetter = scalars[first..<last].contains { (0xC0...0xFF).contains($0) && $0 != 0xD7 && $0 != 0xF7 }
            if hasLetter, bytes.count >= 2, let decoded = actual.decodeStrictly(bytes), decoded.contains(where: { $0 >= 0x80 }) {
                result.append(Repair(range: first..<last, replacement: decoded, chain: [], confidence: 0, lost: nil))
            }
            first = last
        }
        return result
    }

    /// ASCII that can be the second byte of a double-byte character (GBK trail bytes run
    /// from 0x40): letters and a few symbols, but not spaces or sentence punctuation.
    static func isWordCharacter(_ scalar: UInt32) -> Bool {
        (0x40...0x7E).contains(scalar) && scalar != 0x5C
    }
}

/// The legacy bytes of a run of characters, with where each character's bytes start.
struct RunBytes {
    var bytes: [UInt8] = []
    /// `starts[k]` is where character `offset + k` starts; `starts[count]` is the end.
    var starts: [Int] = []
    /// `isStart[b]`: a character starts at byte b (including the end).
    private var isStart: [Bool]
    let offset: Int

    /// Whether the encoding has characters of two bytes (GBK, Big5, Shift-JIS, EUC-KR).
    let isDoubleByte: Bool

    init(_ scalars: ArraySlice<UInt32>, offset: Int, codec: LegacyCodec) {
        self.offset = offset
        isDoubleByte = codec.isMultiByte
        for scalar in scalars {
            starts.append(bytes.count)
            _ = codec.encode(scalar, into: &bytes)
        }
        starts.append(bytes.count)
        isStart = [Bool](repeating: false, count: bytes.count + 1)
        for start in starts { isStart[start] = true }
    }

    var count: Int { starts.count - 1 }

    func isCharacterStart(_ byte: Int) -> Bool { byte <= bytes.count && isStart[byte] }

    /// The index in the line of the character that starts at `byte`.
    func scalarIndex(atByte byte: Int) -> Int {
        var low = 0, high = starts.count - 1
        while low < high {
            let mid = (low + high) / 2
            if starts[mid] < byte { low = mid + 1 } else { high = mid }
        }
        return offset + low
    }

    func byteOffset(ofScalar index: Int) -> Int { starts[index - offset] }
}
