/// The rules that matched one line: for each class, the first rule and how many matched.
struct LineHits: Equatable {
    static let classCount = LineClass.allCases.count

    /// At most this many rules in a set: indices are 16-bit.
    static let maximumRules = Int(Int16.max)

    /// The first matching rule of each class, or -1.
    var first = SIMD16<Int16>(repeating: -1)
    /// How many matches of each class, up to 255.
    var counts = SIMD16<UInt8>(repeating: 0)
    /// Bit per class: a rule other than the first matched too (two different words).
    var twoRules: UInt16 = 0
    /// For a headline prefix: the key index where the prefix (and its separator) ends.
    var headlinePrefixEnd = 0

    init() {}

    /// No rule matched.
    @inline(__always)
    var isEmpty: Bool {
        // Two words, not SIMD ==, which is compared lane by lane.
        let words = unsafeBitCast(counts, to: SIMD2<UInt64>.self)
        return words[0] | words[1] == 0
    }

    @inline(__always)
    func rule(_ lineClass: LineClass) -> Int? {
        let index = first[lineClass.ordinal]
        return index < 0 ? nil : Int(index)
    }

    @inline(__always)
    func count(_ lineClass: LineClass) -> Int { Int(counts[lineClass.ordinal]) }

    /// How many different rules of the class matched, up to two.
    @inline(__always)
    func distinct(_ lineClass: LineClass) -> Int {
        first[lineClass.ordinal] < 0 ? 0 : twoRules & (1 << lineClass.ordinal) == 0 ? 1 : 2
    }
}

extension LineClass {
    /// A distinct lane below ``LineHits/classCount`` for each class, for indexing
    /// per-class arrays and SIMD lanes (a test checks they are distinct and fit).
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
        case .statement: 11
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

    /// What may follow a tail marker in the same line: ：|>-([【©,、·/
    @inline(__always)
    static func isMarkerSeparator(_ scalar: UInt32) -> Bool {
        scalar == 0x3A || scalar == 0x7C || scalar == 0x3E || scalar == 0x2D || scalar == 0x28 || scalar == 0x5B
            || scalar == 0x3010 || scalar == 0xA9 || scalar == 0x2C || scalar == 0x3001 || scalar == 0xB7 || scalar == 0x2F
    }

    /// Finds the rules that match a line's key; `spaced` says which key scalars had
    /// spaces before them.
    func hits(for key: UnsafeBufferPointer<UInt32>, spaced: UnsafeBufferPointer<Bool>) -> LineHits {
        var hits = LineHits()
        match(key) { index, end in
            let lineClass = classes[index]
            if lineClass == .tail {
                // A marker is the line, or is followed by a separator or a space: 相关阅读：…,
                // 版权所有 ©…; not the first words of a headline (热点新闻王某某…).
                guard end == key.count || Self.isMarkerSeparator(key[end]) || spaced[end]
                    || Self.isMarkerSeparator(lastScalars[index]) else { return }
            }
            if lineClass == .headlinePrefix {
                // The prefix must be followed by a separator (or end in one), and leave a
                // headline behind it.
                var prefixEnd = end
                if prefixEnd < key.count && Self.isPrefixSeparator(key[prefixEnd]) {
                    prefixEnd += 1
                } else if !Self.isPrefixSeparator(lastScalars[index]) {
                    return
                }
                guard key.count - prefixEnd >= 4 else { return }
                if hits.headlinePrefixEnd < prefixEnd { hits.headlinePrefixEnd = prefixEnd }
            }
            let ordinal = lineClass.ordinal
            if hits.first[ordinal] < 0 {
                hits.first[ordinal] = Int16(truncatingIfNeeded: index)
            } else if hits.first[ordinal] != Int16(truncatingIfNeeded: index) {
                hits.twoRules |= 1 << ordinal
            }
            if hits.counts[ordinal] < 255 { hits.counts[ordinal] &+= 1 }
        }
        return hits
    }
}
