/// The rules that matched one line: for each class, the first rule and how many matched.
struct LineHits {
    static let classCount = LineClass.allCases.count

    /// The first matching rule of each class, or -1.
    var first = SIMD16<Int32>(repeating: -1)
    var counts = SIMD16<Int16>(repeating: 0)
    /// For a headline prefix: the key index where the prefix (and its separator) ends.
    var headlinePrefixEnd = 0

    init() {}

    @inline(__always)
    func rule(_ lineClass: LineClass) -> Int? {
        let index = first[lineClass.ordinal]
        return index < 0 ? nil : Int(index)
    }

    @inline(__always)
    func count(_ lineClass: LineClass) -> Int { Int(counts[lineClass.ordinal]) }
}

extension LineClass {
    /// The position of the class in `allCases`, for indexing per-class arrays.
    var ordinal: Int {
        switch self {
        case .seoWord: 0
        case .nav: 1
        case .navWord: 2
        case .meta: 3
        case .metaWord: 4
        case .image: 5
        case .credit: 6
        case .headlinePrefix: 7
        case .tail: 8
        case .statementWord: 9
        case .keep: 10
        }
    }
}

extension RuleIndex {
    /// Separators that may follow a headline prefix: ：！|】-~ and their ASCII forms.
    @inline(__always)
    static func isPrefixSeparator(_ scalar: UInt32) -> Bool {
        scalar == 0x3A || scalar == 0x21 || scalar == 0x7C || scalar == 0x3011 || scalar == 0x5D
            || scalar == 0x2D || scalar == 0x7E || scalar == 0xFF5E || scalar == 0x2C || scalar == 0x3001
    }

    /// Finds the rules that match a line's key.
    func hits(for key: UnsafeBufferPointer<UInt32>) -> LineHits {
        var hits = LineHits()
        match(key) { index, end in
            let rule = rules[index]
            if rule.lineClass == .headlinePrefix {
                // The prefix must be followed by a separator (or end in one), and leave a
                // headline behind it.
                var prefixEnd = end
                if prefixEnd < key.count && Self.isPrefixSeparator(key[prefixEnd]) {
                    prefixEnd += 1
                } else if !Self.isPrefixSeparator(rule.key[rule.key.count - 1]) {
                    return
                }
                guard key.count - prefixEnd >= 4 else { return }
                if hits.headlinePrefixEnd < prefixEnd { hits.headlinePrefixEnd = prefixEnd }
            }
            let ordinal = rule.lineClass.ordinal
            if hits.first[ordinal] < 0 { hits.first[ordinal] = Int32(index) }
            hits.counts[ordinal] &+= 1
        }
        return hits
    }
}
