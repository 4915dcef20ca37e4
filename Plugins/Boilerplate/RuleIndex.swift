/// Rules arranged for matching many lines quickly: by first scalar for prefixes and words,
/// by last scalar for suffixes, by whole key for lines. A table per BMP scalar says at once
/// whether a scalar starts (or ends) any rule, so most positions of a line cost one load.
///
/// Immutable once built, and shared by reference: the matching loop touches no reference
/// counts and no dynamic exclusivity checks.
final class RuleIndex: Sendable {
    let rules: [Rule]
    /// Each rule's class and the last scalar of its key.
    let classes: [LineClass]
    let lastScalars: [UInt32]
    /// Every rule's key, one after another; rule `i` is `flatKeys[keyStarts[i]..<keyStarts[i + 1]]`.
    private let flatKeys: [UInt32]
    private let keyStarts: [Int]
    private let lineRules: [[UInt32]: [Int]]
    private let prefixRules: ScalarBuckets
    private let suffixRules: ScalarBuckets
    private let innerRules: ScalarBuckets
    /// A bit per hash of the first two scalars of each word and contains rule; rules of
    /// one scalar set every bit.
    private let innerPairs: [UInt64]
    /// The longest line rule, in key scalars: longer lines are not looked up.
    let longestLineRule: Int

    init(_ set: RuleSet) {
        rules = set.rules
        classes = rules.map(\.lineClass)
        lastScalars = rules.map { $0.key[$0.key.count - 1] }
        var flat: [UInt32] = [], starts: [Int] = []
        for rule in rules {
            starts.append(flat.count)
            flat.append(contentsOf: rule.key)
        }
        starts.append(flat.count)
        flatKeys = flat
        keyStarts = starts
        var lines: [[UInt32]: [Int]] = [:]
        var prefixes: [(UInt32, Int)] = [], suffixes: [(UInt32, Int)] = [], inner: [(UInt32, Int)] = []
        var longest = 0
        for (index, rule) in rules.enumerated() {
            switch rule.match {
            case .line:
                lines[rule.key, default: []].append(index)
                longest = max(longest, rule.key.count)
            case .prefix: prefixes.append((rule.key[0], index))
            case .suffix: suffixes.append((rule.key[rule.key.count - 1], index))
            case .contains, .word: inner.append((rule.key[0], index))
            }
        }
        lineRules = lines
        longestLineRule = longest
        prefixRules = ScalarBuckets(prefixes)
        suffixRules = ScalarBuckets(suffixes)
        innerRules = ScalarBuckets(inner)
        var pairs = [UInt64](repeating: 0, count: 1024)
        for rule in rules where rule.match == .contains || rule.match == .word {
            if rule.key.count == 1 {
                pairs = [UInt64](repeating: ~0, count: 1024)
                break
            }
            let bit = Self.pairHash(rule.key[0], rule.key[1])
            pairs[bit >> 6] |= 1 << UInt64(bit & 63)
        }
        innerPairs = pairs
    }

    /// Calls `hit` with the index of every rule that matches `key`, and where the match
    /// ends in the key.
    func match(_ key: UnsafeBufferPointer<UInt32>, _ hit: (Int, Int) -> Void) {
        let count = key.count
        guard count > 0 else { return }
        if count <= longestLineRule, let found = lineRules[Array(key)] {
            for index in found { hit(index, count) }
        }
        flatKeys.withUnsafeBufferPointer { flat in
            keyStarts.withUnsafeBufferPointer { starts in
                @inline(__always)
                func matches(_ index: Int, at position: Int) -> Bool {
                    let start = starts[index], length = starts[index &+ 1] &- start
                    guard position >= 0, position &+ length <= count else { return false }
                    var j = 0
                    while j < length {
                        if key[position &+ j] != flat[start &+ j] { return false }
                        j &+= 1
                    }
                    return true
                }
                prefixRules.forEach(key[0]) { index in
                    if matches(index, at: 0) { hit(index, starts[index + 1] - starts[index]) }
                }
                suffixRules.forEach(key[count - 1]) { index in
                    if matches(index, at: count - (starts[index + 1] - starts[index])) { hit(index, count) }
                }
                innerRules.slots.withUnsafeBufferPointer { slots in
                  innerPairs.withUnsafeBufferPointer { pairs in
                    var i = 0
                    while i < count {
                        let scalar = key[i]
                        if scalar < 0x10000 && slots[Int(scalar)] == 0 {
                            i &+= 1
                            continue
                        }
                        // Every word is two characters or more: the pair must be some rule's start.
                        if i &+ 1 < count {
                            let bit = Self.pairHash(scalar, key[i &+ 1])
                            if pairs[bit >> 6] & (1 << UInt64(bit & 63)) == 0 {
                                i &+= 1
                                continue
                            }
                        }
                        innerRules.forEach(scalar) { index in
                            if matches(index, at: i) { hit(index, i &+ starts[index + 1] &- starts[index]) }
                        }
                        i &+= 1
                    }
                  }
                }
            }
        }
    }

    /// A bit index for the first two scalars of a key.
    @inline(__always)
    static func pairHash(_ first: UInt32, _ second: UInt32) -> Int {
        Int((first &* 0x9E37_79B1 ^ second &* 0x85EB_CA77) >> 16)
    }
}

/// Rule indices by a scalar, flat: a slot per BMP scalar pointing into one array of rule
/// indices, and a dictionary for scalars beyond the BMP.
struct ScalarBuckets: Sendable {
    /// For each BMP scalar, 1 + the number of its bucket, or 0.
    let slots: [UInt16]
    /// Bucket `b` is `members[bounds[b]..<bounds[b + 1]]`.
    private let bounds: [Int]
    private let members: [Int]
    private let beyond: [UInt32: [Int]]

    init(_ pairs: [(scalar: UInt32, index: Int)]) {
        var slots = [UInt16](repeating: 0, count: 0x10000)
        var buckets: [[Int]] = []
        var beyond: [UInt32: [Int]] = [:]
        for (scalar, index) in pairs {
            guard scalar < 0x10000 else {
                beyond[scalar, default: []].append(index)
                continue
            }
            if slots[Int(scalar)] == 0 {
                buckets.append([])
                slots[Int(scalar)] = UInt16(buckets.count)
            }
            buckets[Int(slots[Int(scalar)]) - 1].append(index)
        }
        var bounds = [0], members: [Int] = []
        for bucket in buckets {
            members.append(contentsOf: bucket)
            bounds.append(members.count)
        }
        self.slots = slots
        self.bounds = bounds
        self.members = members
        self.beyond = beyond
    }

    /// Calls `body` with each rule index in the bucket of `scalar`.
    @inline(__always)
    func forEach(_ scalar: UInt32, _ body: (Int) -> Void) {
        if scalar < 0x10000 {
            let slot = Int(slots[Int(scalar)])
            guard slot > 0 else { return }
            var k = bounds[slot - 1]
            let end = bounds[slot]
            while k < end {
                body(members[k])
                k &+= 1
            }
        } else if let found = beyond[scalar] {
            for index in found { body(index) }
        }
    }
}
