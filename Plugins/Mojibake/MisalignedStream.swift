/// Repairs a double-byte stream that lost or gained a byte: every pair after the slip was
/// decoded shifted by one byte, which makes a run of unrelated characters (鐓, ⑹, 椤),
/// until an ASCII byte put the decoder back in step.
///
/// The garbled run is encoded back to GBK and decoded again one byte later. The byte left
/// over at the start belonged to a character that is lost. When a "?" stands just before
/// the run, the decoder wrote it for the pair the slip broke; the character that pair
/// started is then taken to be the likeliest one with the byte that follows, and said so.
/// Full-width punctuation folded to ASCII on the way (！ to !) is tried in its GBK form.
struct MisalignedStream {
    let codec: LegacyCodec
    let evidence: Evidence
    let suspicion: SuspicionTable
    /// For each trail byte, the likeliest GBK character ending with it.
    let likeliestWithTrail: [UInt32]

    static let question = UInt32(UInt8(ascii: "?"))

    init(evidence: Evidence, suspicion: SuspicionTable) throws {
        codec = try LegacyCodec.named("windows-936-2000")
        self.evidence = evidence
        self.suspicion = suspicion
        var best = [(scalar: UInt32, cost: Int)](repeating: (0, .max), count: 256)
        codec.forEachDoubleByte { scalar, lead, trail in
            guard (0x4E00...0x9FFF).contains(scalar) || (0x3000...0x303F).contains(scalar) || (0xFF01...0xFF5E).contains(scalar) else { return }
            _ = lead
            let cost = evidence.model.cost(scalar, in: .traditionalChinese) + evidence.model.cost(scalar, in: .simplifiedChinese)
            if cost < best[Int(trail)].cost { best[Int(trail)] = (scalar, cost) }
        }
        likeliestWithTrail = best.map(\.scalar)
    }

    func repairs(of scalars: [UInt32], claimed: [Bool]) -> [Repair] {
        var claimed = claimed
        var result: [Repair] = []
        var i = 0
        while i < scalars.count {
            guard !claimed[i], isGarbled(scalars[i]) else {
                i += 1
                continue
            }
            // The core: suspicious characters close together.
            var last = i
            var j = i + 1
            while j < scalars.count, j - last <= 3, !claimed[j], codec.canEncode(scalars[j]), scalars[j] != 0x20 {
                if isGarbled(scalars[j]) { last = j }
                j += 1
            }
            if let repair = bestRepair(core: i...last, in: scalars, claimed: claimed) {
                result.append(repair)
                for k in repair.range { claimed[k] = true }
                i = repair.range.upperBound
            } else {
                i = last + 1
            }
        }
        return result
    }

    private func isGarbled(_ scalar: UInt32) -> Bool {
        scalar >= 0x2000 && suspicion.isSuspicious(scalar)
    }

    /// The best re-decoding of a window around `core`. The window must end where the
    /// decoder got back in step: at an ASCII character it swallowed as the second byte of
    /// a pair, before an ASCII character, or at the end of the line.
    private func bestRepair(core: ClosedRange<Int>, in scalars: [UInt32], claimed: [Bool]) -> Repair? {
        var resync = core.upperBound + 1
        while resync < scalars.count, scalars[resync] >= 0x80, !claimed[resync], codec.canEncode(scalars[resync]) { resync += 1 }
        var ends = [resync]
        if resync < scalars.count, (0x40...0x7E).contains(scalars[resync]) { ends.append(resync + 1) }
        var best: (repair: Repair, saving: Int)?
        for start in stride(from: core.lowerBound, through: max(0, core.lowerBound - 4), by: -1) {
            guard !claimed[start], codec.canEncode(scalars[start]), scalars[start] != 0x20 else { break }
            for end in ends {
                // A slip garbles several characters; two are too few to tell it from two
                // rare characters of clean text.
                guard end - start >= 3 else { continue }
                for candidate in candidates(start..<end, in: scalars) where candidate.replacement.filter({ $0 >= 0x80 }).count >= 2 {
                    // Every candidate of a core is weighed over the same stretch of the
                    // line, so that a short repair and a longer one compare fairly.
                    let contextStart = max(0, core.lowerBound - 6)
                    let contextEnd = min(scalars.count, (ends.last ?? resync) + 1)
                    let before = scalars[contextStart..<contextEnd]
                    let after = Array(scalars[contextStart..<candidate.range.lowerBound]) + candidate.replacement + Array(scalars[candidate.range.upperBound..<contextEnd])
                    guard let verdict = evidence.judge(original: before, candidate: after[...]) else { continue }
                    if verdict.saving > (best?.saving ?? .min) {
                        var repair = candidate
                        repair.confidence = verdict.confidence
                        repair.saving = verdict.saving
                        best = (repair, verdict.saving)
                    }
                }
            }
        }
        return best?.repair
    }

    /// The re-decodings of `window` one byte later, with each way of reading its ASCII
    /// punctuation (as itself, or as the full-width form it may have been folded from).
    private func candidates(_ window: Range<Int>, in scalars: [UInt32]) -> [Repair] {
        let chars = Array(scalars[window])
        let foldable = chars.indices.filter { (0x21...0x7E).contains(chars[$0]) && !Self.isLetterOrDigit(chars[$0]) }
        guard foldable.count <= 3 else { return [] }
        let misreading = Misreading(actual: "windows-936-2000", readAs: "windows-936-2000")
        var result: [Repair] = []
        for mask in 0..<(1 << foldable.count) {
            var bytes: [UInt8] = []
            for (k, scalar) in chars.enumerated() {
                if let f = foldable.firstIndex(of: k), mask & (1 << f) != 0 {
                    guard codec.encode(scalar - 0x21 + 0xFF01, into: &bytes) else { return [] }
                } else {
                    guard codec.encode(scalar, into: &bytes) else { return [] }
                }
            }
            guard bytes.count >= 3, bytes[0] >= 0x40 else { continue }
            let hex = (bytes[0] < 16 ? "0" : "") + String(bytes[0], radix: 16, uppercase: true)
            guard let rest = codec.decodeStrictly(Array(bytes[1...])) else { continue }
            if window.lowerBound > 0, scalars[window.lowerBound - 1] == Self.question, likeliestWithTrail[Int(bytes[0])] != 0 {
                // The "?" was the broken pair; the character it started is guessed.
                let guess = likeliestWithTrail[Int(bytes[0])]
                result.append(Repair(
                    range: (window.lowerBound - 1)..<window.upperBound, replacement: [guess] + rest,
                    chain: [misreading], confidence: 0,
                    lost: "the first byte of the character ending in \(hex) was lost; it is taken to be \(String(Character(Unicode.Scalar(guess)!))), the likeliest"
                ))
            }
            result.append(Repair(
                range: window, replacement: rest, chain: [misreading], confidence: 0,
                lost: "byte \(hex), the end of a character whose start is lost"
            ))
        }
        return result
    }

    private static func isLetterOrDigit(_ scalar: UInt32) -> Bool {
        (0x30...0x39).contains(scalar) || (0x41...0x5A).contains(scalar) || (0x61...0x7A).contains(scalar)
    }
}
