/// The stretches of a run of Chinese that may be Big5 read as GBK, or GBK read as Big5:
/// windows around each cluster of characters that look wrong, re-decoded.
///
/// Both encodings are double-byte, so a misread character is two bytes either way, and
/// a garbled span sits on the character boundaries of the text around it. Unlike a
/// stretch of UTF-8, it can start anywhere in a line of valid-looking Chinese, so the
/// windows are seeded where the evidence is (private use, rare characters, kana) rather
/// than at the start of the run, and each is tried with a few more characters on either
/// side, which the cluster may have missed because they happen to look fine.
struct ChineseSwapWindows {
    let scalars: [UInt32]
    let run: Range<Int>
    let readAs: LegacyCodec
    let actual: LegacyCodec
    let suspicion: SuspicionTable

    /// Characters each side that a window may take in beyond its cluster.
    static let widening = 2
    /// How many wrong-looking characters a cluster without private use needs.
    static let minimumWrongLooking = 3
    /// Suspicious characters this close belong to one cluster.
    static let clusterGap = 2

    func groups() -> [[Repair]] {
        var result: [[Repair]] = []
        var k = run.lowerBound
        while k < run.upperBound {
            guard isWrongLooking(scalars[k]) else {
                k += 1
                continue
            }
            var end = k + 1
            var probe = end
            while probe < run.upperBound, probe - end < Self.clusterGap {
                if isWrongLooking(scalars[probe]) { end = probe + 1 }
                probe += 1
            }
            let cluster = k..<end
            if isWorthTrying(cluster) {
                let group = alternatives(around: cluster)
                if !group.isEmpty { result.append(group) }
            }
            k = end
        }
        return result
    }

    private func isWrongLooking(_ scalar: UInt32) -> Bool {
        suspicion.isSuspicious(scalar) || (0xE000...0xF8FF).contains(scalar)
    }

    /// Private use is never real text; otherwise it takes several odd characters.
    private func isWorthTrying(_ cluster: Range<Int>) -> Bool {
        scalars[cluster].contains { (0xE000...0xF8FF).contains($0) }
            || scalars[cluster].reduce(0) { $0 + (isWrongLooking($1) ? 1 : 0) } >= Self.minimumWrongLooking
    }

    private func alternatives(around cluster: Range<Int>) -> [Repair] {
        var group: [Repair] = []
        var bytes: [UInt8] = []
        for left in 0...Self.widening {
            let lower = cluster.lowerBound - left
            guard lower >= run.lowerBound else { break }
            for right in 0...Self.widening {
                let upper = cluster.upperBound + right
                guard upper <= run.upperBound else { break }
                bytes.removeAll(keepingCapacity: true)
                guard scalars[lower..<upper].allSatisfy({ readAs.encode($0, into: &bytes) }),
                      let replacement = actual.decodeStrictly(bytes),
                      replacement.contains(where: LanguageModel.isHan),
                      Array(scalars[lower..<upper]) != replacement
                else { continue }
                group.append(Repair(range: lower..<upper, replacement: replacement, chain: [], confidence: 0))
            }
        }
        // The widest first: it stands for the group where a layer below would be sought.
        return group.sorted { $0.range.count > $1.range.count }
    }
}
