/// For one-stage configs: what each three-byte character (U+0800–U+FFFF, nearly all of
/// Chinese text: Han, CJK punctuation, full-width forms) does, in one load, so that most
/// characters never reach the trie.
///
/// Entries are found by ``index(_:)`` of the character's bytes, not by code point: fewer
/// operations per character. An entry:
/// - 0: the character passes through: no key starts with it and normalization leaves it;
/// - ``replaceBit`` and three bytes: it is a key alone, and no longer key starts with it;
///   its value is one three-byte character, packed first byte lowest (``packed(_:)``);
/// - ``headBit`` and an index into the heads: longer keys start with it. A head says what
///   the character does alone (0 or a replace entry), and has a 64-bit mask of the
///   characters that can come second in its keys (``maskBit(_:)`` of their bytes, with
///   the compatibility ideographs normalized to them). When the next character's bit is
///   clear, which is most of the time, the character is decided alone;
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
    /// For each head, the mask of what can come second in its keys.
    let headMasks: UnsafeMutablePointer<UInt64>
    /// For each head, what the character does alone: 0 or a replace entry.
    let headAlone: UnsafeMutablePointer<UInt32>

    /// Where the entry of a three-byte character is: `word` holds its bytes, the first
    /// lowest (more bytes above them do not matter). One-to-one over the 16 bits the
    /// three bytes carry (checked for all of them by the tests).
    @inline(__always)
    static func index(_ word: UInt32) -> Int {
        Int(truncatingIfNeeded: (word ^ word &>> 6) & 0xFFFF)
    }

    /// The three UTF-8 bytes of `c` (U+0000–U+FFFF as a three-byte form, overlong ones
    /// included), first lowest.
    static func threeBytes(_ c: UInt32) -> UInt32 {
        (0xE0 | c >> 12) | (0x80 | (c >> 6) & 0x3F) << 8 | (0x80 | c & 0x3F) << 16
    }

    /// The bit of a head's mask for a next character whose bytes are `key` (first lowest:
    /// one byte for ASCII, three for a three-byte character).
    @inline(__always)
    static func maskBit(_ key: UInt32) -> UInt64 {
        1 &<< UInt64((key &* 0x9E37_79B1) &>> 26)
    }

    /// `bytes` (three of them), packed for the scratch buffer.
    @inline(__always)
    static func packed(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        UInt32(bytes[0]) | UInt32(bytes[1]) << 8 | UInt32(bytes[2]) << 16
    }

    init(_ dictionary: CompiledDictionary, overlay: CompiledDictionary?, normalization: CompiledDictionary?) {
        let entries = UnsafeMutablePointer<UInt32>.allocate(capacity: Self.count)
        entries.initialize(repeating: 0, count: Self.count)
        self.entries = entries
        func set(_ c: UInt32, _ entry: UInt32) { entries[Self.index(Self.threeBytes(c))] = entry }
        // Overlong forms and surrogates: not characters; the general walk passes them byte by byte.
        for c: UInt32 in 0..<0x800 { set(c, Self.general) }
        for c: UInt32 in 0xD800..<0xE000 { set(c, Self.general) }

        var alones: [UInt32] = []
        var headNodes: [Int] = []
        Self.forEachKey(of: dictionary) { c, node in
            var alone: UInt32 = 0
            if dictionary.hasValue(node) {
                let value = dictionary.value(node)
                if value.count == 3 && value[0] & 0xF0 == 0xE0 {
                    alone = Self.packed(value) == Self.threeBytes(c) ? 0 : Self.replaceBit | Self.packed(value)
                } else {
                    alone = Self.general
                }
            }
            if dictionary.hasChildren(node) && alone != Self.general {
                set(c, Self.headBit | UInt32(alones.count))
                headNodes.append(Int(node & CompiledDictionary.indexMask))
                alones.append(alone)
            } else {
                set(c, dictionary.hasChildren(node) ? Self.general : alone)
            }
        }
        // The compatibility ideographs (three-byte ones) that normalize to each character,
        // and a bit for each character some of them normalize to.
        var normalizedFrom: [UInt32: [UInt32]] = [:]
        var isTarget = [UInt64](repeating: 0, count: Self.count / 64)
        if let normalization {
            Self.forEachKey(of: normalization) { c, _ in
                let target = Converter.normalize(c, by: normalization)
                guard target != c else { return }
                set(c, Self.general)
                if target < 0x10000 {
                    normalizedFrom[target, default: []].append(c)
                    isTarget[Int(target >> 6)] |= 1 << UInt64(target & 63)
                }
            }
        }
        if let overlay {
            Self.forEachKey(of: overlay) { c, _ in set(c, Self.general) }
        }
        // The masks, from the edges whose parent is a head's node.
        var headOfNode = [Int32](repeating: -1, count: (headNodes.max() ?? 0) + 1)
        for (head, node) in headNodes.enumerated() { headOfNode[node] = Int32(head) }
        var masks = [UInt64](repeating: 0, count: alones.count)
        let lastHeadNode = UInt32(headOfNode.count - 1)
        for slot in 0...dictionary.edgeMask {
            let edge = dictionary.edges + 3 * slot
            let parent = edge[0]
            guard parent != 0, parent <= lastHeadNode else { continue }
            let head = Int(headOfNode[Int(parent)])
            guard head >= 0 else { continue }
            let c = edge[1]
            // Other lengths are not looked up in the mask: a next character of two or four
            // bytes goes through the general walk.
            if c < 0x80 { masks[head] |= Self.maskBit(c) }
            guard c >= 0x800 && c < 0x10000 else { continue }
            masks[head] |= Self.maskBit(Self.threeBytes(c))
            if isTarget[Int(c >> 6)] & (1 << UInt64(c & 63)) != 0 {
                for compatible in normalizedFrom[c] ?? [] { masks[head] |= Self.maskBit(Self.threeBytes(compatible)) }
            }
        }
        headMasks = .allocate(capacity: max(1, masks.count))
        _ = UnsafeMutableBufferPointer(start: headMasks, count: masks.count).initialize(from: masks)
        headAlone = .allocate(capacity: max(1, alones.count))
        _ = UnsafeMutableBufferPointer(start: headAlone, count: alones.count).initialize(from: alones)
    }

    deinit {
        entries.deallocate()
        headMasks.deallocate()
        headAlone.deallocate()
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

    /// What the head of `entry` does when the bytes after it are `next` (the first lowest;
    /// four of them, or as many as there are): what it does alone (0 or a replace entry)
    /// when no key goes on with that character, else ``general``. `available`: how many
    /// bytes follow the head in the input.
    @inline(__always)
    func decideHead(_ entry: UInt32, next: UInt32, available: Int) -> UInt32 {
        let head = Int(entry & 0x00FF_FFFF)
        let alone = headAlone[head]
        // No next character: only at the end of the input (elsewhere the lookahead is there).
        guard available > 0 else { return alone }
        let key: UInt32
        if next & 0x80 == 0 {
            key = next & 0x7F
        } else if next & 0xF0 == 0xE0 && available >= 3 {
            // Not checked for being well formed: if it is not, the general walk would stop
            // there too, and the character is decided alone either way.
            key = next & 0xFF_FFFF
        } else {
            return Self.general
        }
        return headMasks[head] & Self.maskBit(key) == 0 ? alone : Self.general
    }
}
