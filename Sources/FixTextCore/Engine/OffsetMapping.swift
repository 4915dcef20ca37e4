/// Maps offsets in the stream a later stage saw back to offsets in the original input.
///
/// This works because every transform reports every change: between two changes, bytes
/// pass through one for one, so the offset moves by the length difference of the changes
/// before it.
enum OffsetMapping {
    /// The changes of every stage (`logs[k]` from stage k, in stream order), with ranges
    /// in the original input, sorted by where they start.
    static func changesInInputCoordinates(_ logs: [[Change]]) -> [Change] {
        let edits = logs.map(Edits.init)
        var result: [(change: Change, stage: Int)] = []
        for (stage, log) in logs.enumerated() {
            for var change in log {
                var lower = change.range.lowerBound, upper = change.range.upperBound
                for earlier in edits[..<stage].reversed() {
                    lower = earlier.inputOffset(forLower: lower)
                    upper = max(lower, earlier.inputOffset(forUpper: upper))
                }
                change.range = lower..<upper
                result.append((change, stage))
            }
        }
        result.sort { a, b in
            a.change.range.lowerBound != b.change.range.lowerBound
                ? a.change.range.lowerBound < b.change.range.lowerBound
                : a.stage < b.stage
        }
        return result.map(\.change)
    }

    /// One stage's changes, as input and output ranges.
    struct Edits {
        var inputStart: [Int] = [], inputEnd: [Int] = []
        var outputStart: [Int] = [], outputEnd: [Int] = []

        init(_ changes: [Change]) {
            var delta = 0
            for change in changes.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
                inputStart.append(change.range.lowerBound)
                inputEnd.append(change.range.upperBound)
                outputStart.append(change.range.lowerBound + delta)
                delta += change.replacement.count - change.range.count
                outputEnd.append(change.range.upperBound + delta)
            }
        }

        /// The index of the last edit whose output starts at or before `offset`
        /// (`strictly` before, when asked).
        private func lastEdit(startingBefore offset: Int, strictly: Bool) -> Int? {
            var low = 0, high = outputStart.count
            while low < high {
                let mid = (low + high) / 2
                if strictly ? outputStart[mid] < offset : outputStart[mid] <= offset {
                    low = mid + 1
                } else {
                    high = mid
                }
            }
            return low == 0 ? nil : low - 1
        }

        /// Where a range starting at output `offset` starts in the input: inside an edit,
        /// at the start of what it replaced.
        func inputOffset(forLower offset: Int) -> Int {
            guard let i = lastEdit(startingBefore: offset, strictly: false) else { return offset }
            return offset < outputEnd[i] ? inputStart[i] : inputEnd[i] + (offset - outputEnd[i])
        }

        /// Where a range ending at output `offset` ends in the input: inside an edit, at the
        /// end of what it replaced.
        func inputOffset(forUpper offset: Int) -> Int {
            guard let i = lastEdit(startingBefore: offset, strictly: true) else { return offset }
            return offset <= outputEnd[i] ? inputEnd[i] : inputEnd[i] + (offset - outputEnd[i])
        }
    }
}
