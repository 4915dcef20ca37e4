/// For one-stage configs: what each three-byte character (U+0800–U+FFFF, nearly all of
/// Chinese text: Han, CJK punctuation, full-width forms) does, in one load, so that most
/// characters never reach the trie.
///
/// An entry, indexed by code point:
/// - 0: the character passes through: no key starts with it and normalization leaves it;
/// - ``replaceBit`` and three bytes: it is a key alone, and no longer key starts with it;
///   its value is one three-byte character, packed first byte lowest (``packed(_:)``);
/// - ``headBit`` and an index into ``heads``: longer keys start with it. The head says what
///   the character does alone (0 or a replace entry) and which trie node its
///   continuations hang from; when the dictionary's edge filter says no key goes on with
///   the next character (most of the time), the character is decided alone;
/// - ``general``: anything else (a value of another length, normalization, an overlay
///   key, bytes that are not a character): the general walk decides.
///
/// Built once per process and set of options (see `ConversionOptions.Prepared`), shared
/// by every converter made from them.
final class DirectTable: @unchecked Sendable {
    static let replaceBit: UInt32 = 1 << 31
    static let headBit: UInt32 = 1 << 30
    static let general: UInt32 = 1
    static let count = 0x10000

    let entries: UnsafeMutablePointer<UInt32>
    /// For each head: its flagged trie node in the high half, what it does alone in the low.
    let heads: UnsafeMutablePointer<UInt64>
    let headCount: Int
    /// The characters below U+10000 that normalization changes lie in
    /// `normalizedLow...normalizedHigh` (empty when low > high): a continuation among them
    /// goes through the general walk, which normalizes it.
    let normalizedLow: UInt32
    let normalizedHigh: UInt32

    /// `bytes` (three of them), packed for ``Scan/replaceCharacter(at:with:_:_:)``.
    @inline(__always)
    static func packed(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        UInt32(bytes[0]) | UInt32(bytes[1]) << 8 | UInt32(bytes[2]) << 16
    }

    init(_ dictionary: CompiledDictionary, overlay: CompiledDictionary?, normalization: CompiledDictionary?) {
        let entries = UnsafeMutablePointer<UInt32>.allocate(capacity: Self.count)
        entries.initialize(repeating: 0, count: Self.count)
        self.entries = entries
        // Overlong forms and surrogates: not characters; the general walk passes them byte by byte.
        for c in 0..<0x800 { entries[c] = Self.general }
        for c in 0xD800..<0xE000 { entries[c] = Self.general }

        var heads: [UInt64] = []
        Self.forEachKey(of: dictionary) { c, node in
            var alone: UInt32 = 0
            if dictionary.hasValue(node) {
                let value = dictionary.value(node)
                if value.count == 3 && value[0] & 0xF0 == 0xE0 {
                    let same = value[0] == UInt8(0xE0 | c >> 12) && value[1] == UInt8(0x80 | (c >> 6) & 0x3F)
                        && value[2] == UInt8(0x80 | c & 0x3F)
                    alone = same ? 0 : Self.replaceBit | Self.packed(value)
                } else {
                    alone = Self.general
                }
            }
            if dictionary.hasChildren(node) && alone != Self.general {
                entries[Int(c)] = Self.headBit | UInt32(heads.count)
                heads.append(UInt64(node) << 32 | UInt64(alone))
            } else {
                entries[Int(c)] = dictionary.hasChildren(node) ? Self.general : alone
            }
        }
        var low: UInt32 = .max, high: UInt32 = 0
        if let normalization {
            Self.forEachKey(of: normalization) { c, _ in
                guard Converter.normalize(c, by: normalization) != c else { return }
                entries[Int(c)] = Self.general
                low = min(low, c)
                high = max(high, c)
            }
        }
        normalizedLow = low
        normalizedHigh = high
        if let overlay {
            Self.forEachKey(of: overlay) { c, _ in entries[Int(c)] = Self.general }
        }
        headCount = heads.count
        self.heads = .allocate(capacity: max(1, heads.count))
        _ = UnsafeMutableBufferPointer(start: self.heads, count: heads.count).initialize(from: heads)
    }

    deinit {
        entries.deallocate()
        heads.deallocate()
    }

    /// Calls `body` with each three-byte character that is a key of `dictionary` alone or
    /// starts one, and its node.
    private static func forEachKey(of dictionary: CompiledDictionary, _ body: (UInt32, UInt32) -> Void) {
        let pageSize = 1 << Int(CompiledDictionary.pageBits)
        for slot in (0x800 / pageSize)..<(0x10000 / pageSize) where dictionary.pageIndex[slot] != 0 {
            for low in 0..<pageSize {
                let c = UInt32(slot * pageSize + low)
                let node = dictionary.root(c)
                if node != 0 && !(0xD800..<0xE000).contains(c) { body(c, node) }
            }
        }
    }

    /// What the head of `entry` does at a place whose next character starts at `j`: what
    /// it does alone (0 or a replace entry) when no key goes on with that character, else
    /// ``general``.
    @inline(__always)
    func decideHead(_ entry: UInt32, _ dictionary: CompiledDictionary, _ p: UnsafePointer<UInt8>, _ j: Int, _ n: Int) -> UInt32 {
        let head = heads[Int(entry & 0x00FF_FFFF)]
        let alone = UInt32(truncatingIfNeeded: head)
        // No next character: only at the end of the input (elsewhere the lookahead is there).
        guard j < n else { return alone }
        let b0 = UInt32(p[j])
        let next: UInt32
        if b0 < 0x80 {
            next = b0
        } else if b0 & 0xF0 == 0xE0 && j &+ 2 < n {
            // Not checked for being well formed: if it is not, the general walk would stop
            // there too, and the character is decided alone either way.
            next = (b0 & 0x0F) << 12 | (UInt32(p[j &+ 1]) & 0x3F) << 6 | UInt32(p[j &+ 2]) & 0x3F
        } else {
            return Self.general
        }
        if next &- normalizedLow <= normalizedHigh &- normalizedLow && normalizedLow <= normalizedHigh {
            return Self.general
        }
        return dictionary.mayHaveChild(UInt32(truncatingIfNeeded: head &>> 32), next) ? Self.general : alone
    }
}
