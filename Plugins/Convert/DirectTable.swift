/// For one-stage configs: what each three-byte character (U+0800–U+FFFF, nearly all of
/// Chinese text: Han, CJK punctuation, full-width forms) does, in one load, so that most
/// characters never reach the trie.
///
/// Entries are found by ``index(_:)`` of the character's bytes, not by code point: fewer
/// operations per character. An entry's low half says what the character does alone:
/// - 0: it passes through: it is no key alone, and normalization leaves it;
/// - ``replaceBit`` and three bytes: it is a key alone whose value is one three-byte
///   character, packed first byte lowest (``packed(_:)``);
/// - ``general``: anything else (a value of another length, normalization, an overlay
///   key, bytes that are not a character): the general walk decides.
///
/// Its high half numbers its mask in ``masks``: 64 bits, one for each character that can
/// come second in the keys that start with this one, by ``maskBit(_:)`` of its three
/// first bytes (with the compatibility ideographs normalized to it). Mask 0 is empty (no
/// key goes on), mask 1 full (``generalMask``, for the `general` entries), and a
/// character whose keys can go on with one shorter than three bytes has a full mask. The
/// next three bytes are looked up whatever they are: when their bit is clear, which is
/// most of the time, no key goes on with them, and the character is decided alone. So
/// every character is looked up alike, without a branch on what it does.
///
/// Built once per process and set of options (see `ConversionOptions.Prepared`), shared
/// by every converter made from them.
final class DirectTable: @unchecked Sendable {
    static let replaceBit: UInt32 = 1 << 31
    static let general: UInt32 = 1
    static let count = 0x10000
    /// The full mask, which hands every place over to the general walk.
    static let generalMask = 1

    let entries: UnsafeMutablePointer<UInt64>
    /// What can come second in the keys that start with a character, for the characters
    /// that start some.
    let masks: UnsafeMutablePointer<UInt64>

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

    /// The first three UTF-8 bytes of `c` (U+0800 or above), first lowest.
    static func firstThreeBytes(_ c: UInt32) -> UInt32 {
        guard c >= 0x10000 else { return threeBytes(c) }
        return (0xF0 | c >> 18) | (0x80 | (c >> 12) & 0x3F) << 8 | (0x80 | (c >> 6) & 0x3F) << 16
    }

    /// The bit of a mask for a next character whose first three bytes are `key` (first
    /// lowest).
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
        let entries = UnsafeMutablePointer<UInt64>.allocate(capacity: Self.count)
        entries.initialize(repeating: 0, count: Self.count)
        self.entries = entries
        func set(_ c: UInt32, _ entry: UInt32, mask: Int = 0) {
            entries[Self.index(Self.threeBytes(c))] = UInt64(mask) << 32 | UInt64(entry)
        }
        func setGeneral(_ c: UInt32) { set(c, Self.general, mask: Self.generalMask) }
        // Overlong forms and surrogates: not characters; the general walk passes them byte by byte.
        for c: UInt32 in 0..<0x800 { setGeneral(c) }
        for c: UInt32 in 0xD800..<0xE000 { setGeneral(c) }

        var headNodes: [Int] = [0, 0]
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
            if alone == Self.general {
                setGeneral(c)
            } else if dictionary.hasChildren(node) {
                set(c, alone, mask: headNodes.count)
                headNodes.append(Int(node & CompiledDictionary.indexMask))
            } else {
                set(c, alone)
            }
        }
        // For each character that compatibility ideographs normalize to, the first three
        // bytes of each of those (what the mask is looked up with when one comes next), and
        // a bit for each such character; the characters that ideographs shorter than three
        // bytes normalize to (none in OpenCC's data).
        var normalizedFrom: [UInt32: [UInt32]] = [:]
        var isTarget = [UInt64](repeating: 0, count: Self.count / 64)
        var shortTargets: Set<UInt32> = []
        if let normalization {
            Self.forEachKey(of: normalization, in: 0..<0x40000) { c, _ in
                let target = Converter.normalize(c, by: normalization)
                guard target != c else { return }
                if c < 0x800 {
                    shortTargets.insert(target)
                    return
                }
                if c < 0x10000 { setGeneral(c) }
                if target < 0x10000 {
                    normalizedFrom[target, default: []].append(Self.firstThreeBytes(c))
                    isTarget[Int(target >> 6)] |= 1 << UInt64(target & 63)
                }
            }
        }
        if let overlay {
            Self.forEachKey(of: overlay) { c, _ in setGeneral(c) }
        }
        // The masks, from the edges whose parent is a head's node.
        var headOfNode = [Int32](repeating: -1, count: (headNodes.max() ?? 0) + 1)
        for (head, node) in headNodes.enumerated().dropFirst(2) { headOfNode[node] = Int32(head) }
        var masks = [UInt64](repeating: 0, count: headNodes.count)
        masks[Self.generalMask] = ~0
        let lastHeadNode = UInt32(headOfNode.count - 1)
        for slot in 0...dictionary.edgeMask {
            let edge = dictionary.edges + 3 * slot
            let parent = edge[0]
            guard parent != 0, parent <= lastHeadNode else { continue }
            let head = Int(headOfNode[Int(parent)])
            guard head >= 0 else { continue }
            let c = edge[1]
            // The mask is looked up with the next three bytes, whatever they are: a head that
            // can go on with a character shorter than three bytes (whose bytes after it are
            // anything) always hands over to the general walk.
            if c < 0x800 || shortTargets.contains(c) {
                masks[head] = ~0
                continue
            }
            masks[head] |= Self.maskBit(Self.firstThreeBytes(c))
            if c < 0x10000 && isTarget[Int(c >> 6)] & (1 << UInt64(c & 63)) != 0 {
                for compatible in normalizedFrom[c] ?? [] { masks[head] |= Self.maskBit(compatible) }
            }
        }
        self.masks = .allocate(capacity: masks.count)
        _ = UnsafeMutableBufferPointer(start: self.masks, count: masks.count).initialize(from: masks)
    }

    deinit {
        entries.deallocate()
        masks.deallocate()
    }

    /// Calls `body` with each character in `range` that is a key of `dictionary` alone or
    /// starts one (three-byte ones by default), and its node.
    private static func forEachKey(
        of dictionary: CompiledDictionary, in range: Range<UInt32> = 0x800..<0x10000, _ body: (UInt32, UInt32) -> Void
    ) {
        let pageSize = UInt32(1) << CompiledDictionary.pageBits
        for slot in (range.lowerBound / pageSize)..<(range.upperBound / pageSize) where dictionary.pageIndex[Int(slot)] != 0 {
            for low in 0..<pageSize {
                let c = slot * pageSize + low
                let node = dictionary.root(c)
                if node != 0 && !(0xD800..<0xE000).contains(c) { body(c, node) }
            }
        }
    }

    /// What the character of `entry` does when the bytes after it are `next` (the first
    /// lowest; four of them, or as many as there are): what it does alone when no key goes
    /// on with that character, else ``general``. `available`: how many bytes follow it.
    @inline(__always)
    func decide(_ entry: UInt64, next: UInt32, available: Int) -> UInt32 {
        let alone = UInt32(truncatingIfNeeded: entry)
        let mask = masks[Int(truncatingIfNeeded: entry &>> 32)]
        // No next character: only at the end of the input (elsewhere the lookahead is there).
        guard mask != 0, available > 0 else { return alone }
        return mask & Self.maskBit(next & 0xFF_FFFF) == 0 ? alone : Self.general
    }
}
