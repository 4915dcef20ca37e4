/// Which misreadings a line is worth weighing with: the repairer stops as soon as the
/// repairs found account for everything suspicious, and tries a reading that stands out
/// at a glance before its rivals.
extension Repairer {
    /// Of double-byte encodings read as windows-1252, the one whose straight decoding of
    /// the line's bytes costs a quarter less than every other's; nil when none stands out.
    func clearFavourite(among indices: [Int], for scalars: [UInt32]) -> Int? {
        guard indices.count > 1, let readAs = indices.first.map({ recipes[$0].readAs }) else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalars.count)
        for scalar in scalars where scalar >= 0x80 {
            _ = readAs.encode(scalar, into: &bytes)
        }
        guard bytes.count >= 4 else { return nil }
        var costs: [(index: Int, cost: Int)] = []
        for index in indices {
            guard let actual = recipes[index].actual else { return nil }
            costs.append((index, bytes.withUnsafeBufferPointer { actual.cheapestCost(of: $0, in: evidence.model) }))
        }
        costs.sort { $0.cost < $1.cost }
        // A quarter cheaper than the runner-up: Big5 read from GBK's bytes (or the other
        // way) is Chinese too, but rarer characters.
        return costs[0].cost * 5 <= costs[1].cost * 4 ? costs[0].index : nil
    }

    /// Whether every suspicious character of `scalars` is inside one of `repairs`, which
    /// do not overlap.
    func accountsForEverySuspiciousCharacter(_ repairs: [Repair], in scalars: [UInt32]) -> Bool {
        var covered = [Bool](repeating: false, count: scalars.count)
        for repair in repairs {
            for i in repair.range {
                if covered[i] { return false }
                covered[i] = true
            }
        }
        // Hangul and kana are what UTF-8 read as EUC-KR or Shift-JIS makes, and also what
        // Korean and Japanese are written in: where the repairs gave that script, the line
        // is in it, and the rest of its Hangul or kana is text.
        let repairedScripts = Set(repairs.flatMap(\.replacement).lazy.map(ScriptClass.init).filter { $0 == .hangul || $0 == .kana })
        return !scalars.indices.contains { i in
            !covered[i] && suspicion.isSuspicious(scalars[i]) && !repairedScripts.contains(ScriptClass(scalars[i]))
        }
    }
}
