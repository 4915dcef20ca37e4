/// Rules arranged for matching many lines quickly: by first scalar for prefixes and words,
/// by last scalar for suffixes, by whole key for lines. A table per BMP scalar says at once
/// whether a scalar starts (or ends) any rule, so most positions of a line cost one load.
///
/// Before any of that, ``PageScan`` asks of each line whether it can match a rule at all
/// (``ScalarFlags``, ``pairMayStartInner(_:_:)``, ``pairMayStartLine(_:_:)``): most lines
/// cannot, and their keys are never matched.
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
    /// Line rules by their first scalar; a line rule matches a key of its own length.
    private let lineRules: ScalarBuckets
    private let prefixRules: ScalarBuckets
    private let suffixRules: ScalarBuckets
    private let innerRules: ScalarBuckets
    /// A bit per hash of the first two scalars of each word and contains rule; rules of
    /// one scalar set every bit.
    private let innerPairs: [UInt64]
    /// The same for the first two scalars of each prefix and line rule.
    private let anchoredPairs: [UInt64]
    /// A contains or word rule, or a prefix or line rule, is a single scalar: the pair
    /// bits cannot rule out a line that has it.
    let innerRuleOfOneScalar: Bool
    let lineRuleOfOneScalar: Bool
    /// The longest line rule, in key scalars: longer lines are not looked up.
    let longestLineRule: Int
    /// For each BMP scalar as it stands in a line (before folding), the ``ScalarFlags`` of
    /// its folded form. Allocated with the index and freed with it.
    nonisolated(unsafe) let scalarFlags: UnsafePointer<UInt8>

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
        var lines: [(UInt32, Int)] = []
        var prefixes: [(UInt32, Int)] = [], suffixes: [(UInt32, Int)] = [], inner: [(UInt32, Int)] = []
        var longest = 0
        for (index, rule) in rules.enumerated() {
            switch rule.match {
            case .line:
                lines.append((rule.key[0], index))
                longest = max(longest, rule.key.count)
            case .prefix: prefixes.append((rule.key[0], index))
            case .suffix: suffixes.append((rule.key[rule.key.count - 1], index))
            case .contains, .word: inner.append((rule.key[0], index))
            }
        }
        lineRules = ScalarBuckets(lines)
        longestLineRule = longest
        prefixRules = ScalarBuckets(prefixes)
        suffixRules = ScalarBuckets(suffixes)
        innerRules = ScalarBuckets(inner)
        innerPairs = Self.pairBits(rules.filter { $0.match == .contains || $0.match == .word })
        anchoredPairs = Self.pairBits(rules.filter { $0.match == .prefix || $0.match == .line })
        innerRuleOfOneScalar = rules.contains { ($0.match == .contains || $0.match == .word) && $0.key.count == 1 }
        lineRuleOfOneScalar = rules.contains { ($0.match == .prefix || $0.match == .line) && $0.key.count == 1 }
        let flags = UnsafeMutablePointer<UInt8>.allocate(capacity: 0x10000)
        flags.initialize(repeating: 0, count: 0x10000)
        let fold = HanFold.shared
        let (innerSlots, prefixSlots, lineSlots, suffixSlots) = (innerRules.slots, prefixRules.slots, lineRules.slots, suffixRules.slots)
        for scalar in 0..<0x10000 {
            let folded = Int(fold.pointer[scalar])
            var f = ScalarFlags.pending
            if innerSlots[folded] != 0 { f |= ScalarFlags.startsInner }
            if prefixSlots[folded] != 0 || lineSlots[folded] != 0 { f |= ScalarFlags.startsLine }
            if suffixSlots[folded] != 0 { f |= ScalarFlags.endsLine }
            flags[scalar] = f
        }
        scalarFlags = UnsafePointer(flags)
    }

    deinit {
        scalarFlags.deallocate()
    }

    /// A bit per hash of the first two scalars of each rule; a rule of one scalar sets every bit.
    private static func pairBits(_ rules: [Rule]) -> [UInt64] {
        var pairs = [UInt64](repeating: 0, count: 1024)
        for rule in rules {
            if rule.key.count == 1 { return [UInt64](repeating: ~0, count: 1024) }
            let bit = pairHash(rule.key[0], rule.key[1])
            pairs[bit >> 6] |= 1 << UInt64(bit & 63)
        }
        return pairs
    }

    /// The ``ScalarFlags`` of a scalar as it stands in a line.
    @inline(__always)
    func flags(_ scalar: UInt32) -> UInt8 {
        scalar < 0x10000 ? scalarFlags[Int(scalar)] : flagsBeyondBMP(scalar)
    }

    @inline(never)
    private func flagsBeyondBMP(_ scalar: UInt32) -> UInt8 {
        // Folding leaves scalars beyond the BMP as they are.
        var f = ScalarFlags.pending
        if innerRules.has(scalar) { f |= ScalarFlags.startsInner }
        if prefixRules.has(scalar) || lineRules.has(scalar) { f |= ScalarFlags.startsLine }
        if suffixRules.has(scalar) { f |= ScalarFlags.endsLine }
        return f
    }

    /// Whether a contains or word rule may start with these two key scalars (folded).
    @inline(__always)
    func pairMayStartInner(_ first: UInt32, _ second: UInt32) -> Bool {
        let bit = Self.pairHash(first, second)
        return innerPairs[bit >> 6] & (1 << UInt64(bit & 63)) != 0
    }

    /// Whether a prefix or line rule may start with these two key scalars (folded).
    @inline(__always)
    func pairMayStartLine(_ first: UInt32, _ second: UInt32) -> Bool {
        let bit = Self.pairHash(first, second)
        return anchoredPairs[bit >> 6] & (1 << UInt64(bit & 63)) != 0
    }

    /// Calls `hit` with the index of every rule that matches `key`, and where the match
    /// ends in the key.
    func match(_ key: UnsafeBufferPointer<UInt32>, _ hit: (Int, Int) -> Void) {
        let count = key.count
        guard count > 0 else { return }
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
                if count <= longestLineRule {
                    lineRules.forEach(key[0]) { index in
                        if starts[index &+ 1] &- starts[index] == count && matches(index, at: 0) { hit(index, count) }
                    }
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

/// What the folded form of a scalar may begin or end: bits of ``RuleIndex/scalarFlags``.
enum ScalarFlags {
    /// The first scalar of a contains or word rule.
    static let startsInner: UInt8 = 1
    /// The first scalar of a prefix or line rule.
    static let startsLine: UInt8 = 2
    /// The last scalar of a suffix rule.
    static let endsLine: UInt8 = 4
    /// Set for every scalar: in the scanner's mask, a scalar waits for the next one.
    static let pending: UInt8 = 0x80
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

    /// Whether some rule is in the bucket of `scalar`.
    func has(_ scalar: UInt32) -> Bool {
        scalar < 0x10000 ? slots[Int(scalar)] != 0 : beyond[scalar] != nil
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
