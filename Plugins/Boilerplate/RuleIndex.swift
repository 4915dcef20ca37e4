/// Rules arranged for matching many lines quickly: by first scalar for prefixes and words,
/// by last scalar for suffixes, by whole key for lines. A bitmap of the scalars that start
/// a word or `contains` rule lets most positions of a line be skipped at once.
struct RuleIndex: Sendable {
    let rules: [Rule]
    private var lineRules: [[UInt32]: [Int]] = [:]
    private var prefixRules: [UInt32: [Int]] = [:]
    private var suffixRules: [UInt32: [Int]] = [:]
    private var innerRules: [UInt32: [Int]] = [:]
    /// Bit per BMP scalar: some word or contains rule starts with it.
    private var innerStarts = [UInt64](repeating: 0, count: 1024)
    /// The longest line rule, in key scalars: longer lines are not looked up.
    private(set) var longestLineRule = 0

    init(_ set: RuleSet) {
        rules = set.rules
        for (index, rule) in rules.enumerated() {
            switch rule.match {
            case .line:
                lineRules[rule.key, default: []].append(index)
                longestLineRule = max(longestLineRule, rule.key.count)
            case .prefix:
                prefixRules[rule.key[0], default: []].append(index)
            case .suffix:
                suffixRules[rule.key[rule.key.count - 1], default: []].append(index)
            case .contains, .word:
                let first = rule.key[0]
                innerRules[first, default: []].append(index)
                if first < 0x10000 { innerStarts[Int(first >> 6)] |= 1 << (first & 63) }
            }
        }
    }

    /// Calls `hit` with the index of every rule that matches `key`, and for prefix rules
    /// where the match ends in the key.
    func match(_ key: UnsafeBufferPointer<UInt32>, _ hit: (Int, Int) -> Void) {
        let count = key.count
        guard count > 0 else { return }
        if count <= longestLineRule, let found = lineRules[Array(key)] {
            for index in found { hit(index, count) }
        }
        if let found = prefixRules[key[0]] {
            for index in found where Self.hasPrefix(key, rules[index].key, at: 0) { hit(index, rules[index].key.count) }
        }
        if let found = suffixRules[key[count - 1]] {
            for index in found {
                let ruleKey = rules[index].key
                if ruleKey.count <= count && Self.hasPrefix(key, ruleKey, at: count - ruleKey.count) { hit(index, count) }
            }
        }
        var i = 0
        while i < count {
            let scalar = key[i]
            if scalar < 0x10000 && innerStarts[Int(scalar >> 6)] & (1 << (scalar & 63)) == 0 {
                i += 1
                continue
            }
            if let found = innerRules[scalar] {
                for index in found where Self.hasPrefix(key, rules[index].key, at: i) { hit(index, i + rules[index].key.count) }
            }
            i += 1
        }
    }

    @inline(__always)
    static func hasPrefix(_ key: UnsafeBufferPointer<UInt32>, _ prefix: [UInt32], at start: Int) -> Bool {
        guard start + prefix.count <= key.count else { return false }
        var j = 0
        while j < prefix.count {
            if key[start + j] != prefix[j] { return false }
            j += 1
        }
        return true
    }
}
