import FixTextCore

/// How the alternatives the span search finds for one stretch are weighed against each
/// other in the context of the line, and the best undone again where it is itself
/// mojibake (text garbled two to six times over).
extension Repairer {
    /// The best alternative of a group of overlapping candidates, undone further where
    /// that helps, and cut into pieces at the ASCII it keeps; nil if none is good enough.
    /// All alternatives are weighed over the same stretch of the line, the union of
    /// their ranges, so a short repair and a longer one compare fairly.
    func best(of group: [Repair], in scalars: [UInt32], _ recipe: Recipe, depth: Int) -> [Repair]? {
        guard var lower = group.lazy.map(\.range.lowerBound).min(), var upper = group.lazy.map(\.range.upperBound).max() else { return nil }
        // The characters around count too: "ë…" alone reads better as 雲, but not in
        // "Brontë…".
        lower = max(0, lower - Self.context)
        upper = min(scalars.count, upper + Self.context)
        var best: (repair: Repair, saving: Int, layered: Bool)?
        // The misreading as told for a candidate's characters. Weighing does not look at
        // it, so it is set only on the candidate kept (and on the one taken deeper, whose
        // chain grows from it).
        func told(_ candidate: Repair) -> Repair {
            var candidate = candidate
            candidate.chain = [recipe.misreading.told(for: scalars[candidate.range])]
            return candidate
        }
        // Each alternative as it is; and the first (the whole stretch) undone further,
        // for mojibake of mojibake. Only that one is taken deeper: trying every
        // alternative at every layer would multiply the work at each.
        var deeper: Repair?
        // Layers are UTF-8 read as something else, again and again.
        if depth < Self.maximumLayers, recipe.actual == nil, let first = group.first,
           // (U+FFFD marks a character lost in this layer, not one garbled in another.)
           first.replacement.contains(where: { $0 != 0xFFFD && suspicion.isStronglySuspicious($0) }),
           // A layer below is UTF-8 read as something once more. Private use in the
           // replacement may be what that layer's decoder made (windows-936 reads its
           // user-defined pairs so: 涓枃 is 中文), so it is sought there too; what is
           // kept must have none left.
           !first.replacement.contains(DecodedLine.invalid)
        {
            deeper = deepen(told(first), in: scalars, depth: depth)
        }
        var originalCost: Int?
        // The group's alternatives, then the deeper repair if there is one (by index, so
        // that no array of the options is made for every group).
        for option in 0..<(group.count + (deeper == nil ? 0 : 1)) {
            let layered = option == group.count
            var candidate = layered ? deeper! : group[option]
            // Text no writer makes (controls, private use) is never taken. (Weighing each
            // candidate alone first, to spare weighing it in context, cost more than it
            // spared: four in five pass.)
            let marksLoss = candidate.replacement.contains(0xFFFD)
            guard Evidence.isPlausibleText(candidate.replacement[...], allowingReplacementCharacters: marksLoss) else { continue }
            let after = scratch.joined(scalars[lower..<candidate.range.lowerBound], candidate.replacement[...], scalars[candidate.range.upperBound..<upper])
            let offset = candidate.range.lowerBound - lower
            var lostMarks = !candidate.lost.isEmpty && candidate.replacement.last == 0xFFFD
                ? [offset + candidate.replacement.count - 1] : []
            if marksLoss, recipe.actual == nil && !recipe.readAs.isMultiByte {
                // "ï¿½" is U+FFFD read as windows-1252: the mark of a loss, restored as such.
                lostMarks += candidate.replacement.indices.filter { candidate.replacement[$0] == 0xFFFD }.map { offset + $0 }
            }
            if originalCost == nil { originalCost = evidence.cost(scalars[lower..<upper]) }
            guard let verdict = evidence.judge(
                original: scalars[lower..<upper], candidate: after,
                // ASCII that a UTF-8 stretch runs through is the same after as before: the
                // margin grows with what the repair changes. (In double-byte text an ASCII
                // byte may be half of a character, so there it counts.)
                replaced: recipe.actual == nil ? scalars[candidate.range].reduce(0) { $0 + ($1 >= 0x80 ? 1 : 0) } : candidate.range.count,
                lostMarks: lostMarks, originalCost: originalCost, contextChecked: true
            ) else { continue }
            candidate.confidence = verdict.confidence
            candidate.saving = verdict.saving
            if verdict.saving > (best?.saving ?? .min) { best = (candidate, verdict.saving, layered) }
        }
        guard let best else { return nil }
        // A layered repair is one change; a single one is cut at the ASCII it keeps.
        return best.layered ? [best.repair] : pieces(of: told(best.repair), in: scalars, readAs: recipe.readAs, actual: recipe.actual)
    }

    /// The candidate with its replacement repaired again, when another misreading of the
    /// replacement is clearly better text: mojibake of mojibake.
    private func deepen(_ candidate: Repair, in scalars: [UInt32], depth: Int) -> Repair? {
        // The replacement is weighed with the line's characters around it, as the outer
        // repair was; repairs reaching into that context are not taken.
        let before = scalars[max(0, candidate.range.lowerBound - Self.context)..<candidate.range.lowerBound]
        let after = scalars[candidate.range.upperBound..<min(scalars.count, candidate.range.upperBound + Self.context)]
        let inner = Array(before) + candidate.replacement + Array(after)
        let own = before.count..<(before.count + candidate.replacement.count)
        var claimed = [Bool](repeating: true, count: inner.count)
        for i in own { claimed[i] = false }
        // Layers are made by reading UTF-8 as something else again and again.
        for recipe in recipes where recipe.actual == nil {
            let found = spans(in: inner, claimed: claimed, recipe, depth: depth + 1)
            guard !found.isEmpty else { continue }
            var rebuilt: [UInt32] = []
            var position = own.lowerBound
            var deeper = candidate
            // Only repairs inside the replacement count: a character cut short before a "?"
            // in the context around may reach past it.
            for repair in found.sorted(by: { $0.range.lowerBound < $1.range.lowerBound })
            where repair.range.lowerBound >= position && repair.range.upperBound <= own.upperBound {
                rebuilt += inner[position..<repair.range.lowerBound]
                rebuilt += repair.replacement
                position = repair.range.upperBound
                if deeper.chain.count == 1 { deeper.chain += repair.chain }
                deeper.lost += repair.lost
            }
            rebuilt += inner[position..<own.upperBound]
            deeper.replacement = rebuilt
            return deeper
        }
        return nil
    }
}
