import FixTextCore

/// Converts UTF-8 text as one OpenCC config does, with an overlay of entries that take
/// priority (the user's dictionary, fixtext's corrections).
///
/// OpenCC's pipeline, reproduced:
/// 1. normalization: CJK compatibility ideographs become unified ones (a per-character
///    map, applied as each character is read);
/// 2. segmentation, for configs with two conversion stages: the longest key of the
///    segmentation dictionary at each place, or else one character, is a segment;
/// 3. each conversion stage replaces, inside each segment (or, for one-stage configs, in
///    the whole text), the longest key at each place by its first value.
/// Dictionary groups are flattened when the data is compiled, so a stage is one trie.
///
/// The overlay competes with the segmentation (or the only stage): its longest key wins
/// when it is at least as long as OpenCC's, and its value is final.
///
/// Every match looks at most ``lookahead`` bytes ahead, so a call holds back no more than
/// that: output does not depend on how the input was chunked.
final class Converter {
    let config: ConfigDictionaries
    let overlay: Overlay
    /// The bytes a match may span: four per character of the longest key.
    let lookahead: Int

    /// The most a call holds back.
    var maxHeldBytes: Int { segmentation == nil ? lookahead : RunConverter.maxHeldBytes }

    private let normalization: CompiledDictionary?
    private let normalizationMinimum: UInt32
    private let first: CompiledDictionary
    private let second: CompiledDictionary?
    private let segmentation: CompiledDictionary?
    private let usesOverlay: Bool
    /// The overlay's entries, or an empty dictionary.
    private let overlayDictionary: CompiledDictionary

    private var resultBytes: [UInt8] = []
    /// For one-stage configs, what each three-byte character does (see ``DirectTable``).
    private let direct: DirectTable?

    /// For two-stage configs, the characters that occur in some key of some dictionary.
    private let keyCharacters: [UInt64]

    /// Whether `c` (as read, before normalization) takes part in no match and passes
    /// through: it occurs in no key and normalization leaves it.
    @inline(__always)
    private func isInert(_ c: UInt32) -> Bool {
        c < 0x40000 && keyCharacters[Int(c &>> 6)] & (1 &<< UInt64(c & 63)) == 0 && normalize(c) == c
    }

    /// Where ``Scan`` collects output.
    private let scratch = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 1 << 16)

    deinit {
        scratch.deallocate()
    }

    /// The keys of fixtext's corrections when they are merged into the dictionary: only
    /// for saying, under `explain`, that a change was one.
    private let mergedFixKeys: Set<[UInt8]>

    /// A converter of its own (its scratch buffer is not shared) over what `prepared`
    /// shares with every other.
    init(_ prepared: ConversionOptions.Prepared) {
        config = prepared.config
        overlay = prepared.overlay
        mergedFixKeys = prepared.mergedFixKeys
        normalization = config.normalization
        normalizationMinimum = prepared.normalizationMinimum
        first = config.stages[0]
        second = config.stages.count > 1 ? config.stages[1] : nil
        segmentation = second == nil ? nil : config.segmentation
        usesOverlay = !overlay.isEmpty
        overlayDictionary = overlay.dictionary ?? first
        direct = prepared.directTable
        keyCharacters = prepared.keyCharacters
        let longestKey = max((segmentation ?? first).maxKeyCharacters, overlay.maxKeyCharacters, 1)
        lookahead = 4 * longestKey
    }

    /// The character as OpenCC's normalization step leaves it.
    @inline(__always)
    func normalize(_ c: UInt32) -> UInt32 {
        guard c >= normalizationMinimum, let normalization else { return c }
        return Self.normalize(c, by: normalization)
    }

    /// OpenCC's normalization of one character by `normalization`'s one-character keys.
    static func normalize(_ c: UInt32, by normalization: CompiledDictionary) -> UInt32 {
        let node = normalization.root(c)
        guard node != 0, normalization.hasValue(node) else { return c }
        return UTF8Scan.first(normalization.value(node))
    }

    /// Converts what it can of `input`, and returns how many bytes it consumed.
    func process(_ input: TransformInput, into output: inout TransformOutput) -> Int {
        guard let p = input.bytes.baseAddress else { return 0 }
        let n = input.count
        let end = input.isEnd ? n : n - lookahead
        var scan = Scan(p: p, n: n, recording: output.isRecordingChanges, buffer: scratch)
        if segmentation == nil {
            oneStage(&scan, end: end, input, &output)
        } else {
            twoStages(&scan, end: end, input, &output)
        }
        scan.finish(input, &output)
        return scan.i
    }

    private func oneStage(_ scan: inout Scan, end: Int, _ input: TransformInput, _ output: inout TransformOutput) {
        let p = scan.p, n = scan.n, dictionary = first
        let direct = direct!
        let entries = direct.entries
        let recording = scan.recording
        // Before this, eight bytes can be read at a place.
        let wordEnd = min(end, n &- 7)
        var i = 0
        while i < end {
            if scan.started && !recording {
                (i, scan.count) = Self.directRun(
                    p, from: i, to: wordEnd, end: end, direct,
                    buffer: scan.buffer, capacity: scan.capacity, copied: scan.copied, count: scan.count, &output)
                scan.copied = i
                if i >= end { break }
            }
            let b0 = p[i]
            if b0 < 0x80 {
                i = Scan.skipASCII(p, from: i &+ 1, to: end)
                continue
            }
            if b0 & 0xF0 == 0xE0 && i &+ 2 < n && p[i &+ 1] & 0xC0 == 0x80 && p[i &+ 2] & 0xC0 == 0x80 {
                // A three-byte character (nearly all of Chinese text) through the table.
                // An overlong form or a surrogate has a `general` entry; the general walk
                // below passes it byte by byte, as it does bad continuation bytes.
                let entry = direct.decide(
                    entries[DirectTable.index(Self.word(p, i, n))], next: Self.word(p, i &+ 3, n), available: n &- i &- 3)
                if entry == 0 { i &+= 3; continue }
                if entry & DirectTable.replaceBit != 0 && !recording {
                    scan.replaceCharacter(at: i, with: entry, input, &output)
                    i &+= 3
                    continue
                }
            }
            let (c0, l0) = UTF8Scan.decode(p, i, n)
            if l0 == 0 { i &+= 1; continue }
            let c = normalize(c0)
            let node = dictionary.root(c)
            if node == 0 && c == c0 && !(usesOverlay && overlayDictionary.root(c) != 0) {
                i &+= l0
                continue
            }
            let (baseLength, baseNode) = node == 0 ? (0, 0)
                : !dictionary.hasChildren(node) ? (l0, node) // a character alone (most of t2s)
                : longest(dictionary, node, p, i &+ l0, n, from: i)
            let (overlayLength, overlayNode) = usesOverlay ? overlayLongest(c, p, i &+ l0, n, from: i) : (0, 0)
            if overlayLength > 0 && overlayLength >= baseLength {
                scan.emit(i, overlayLength, overlayDictionary.value(overlayNode), input, &output) {
                    self.overlayReason(overlayNode)
                }
                i &+= overlayLength
            } else if baseLength > 0 {
                scan.emit(i, baseLength, dictionary.value(baseNode), input, &output) {
                    self.mergedFixKeys.contains(Array(UnsafeBufferPointer(start: p + i, count: baseLength)))
                        ? "fixtext's correction of OpenCC \(self.config.name)" : "OpenCC \(self.config.name)"
                }
                i &+= baseLength
            } else if c != c0 {
                emitScalar(c, at: i, length: l0, &scan, input, &output)
                i &+= l0
            } else {
                i &+= l0
            }
        }
        scan.i = i
    }

    /// The four bytes at `i`, first lowest, or as many as there are before `n`.
    @inline(__always)
    static func word(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> UInt32 {
        if i &+ 4 <= n { return UInt32(littleEndian: UnsafeRawPointer(p).loadUnaligned(fromByteOffset: i, as: UInt32.self)) }
        var word: UInt32 = 0
        var k = 0
        while i &+ k < n { word |= UInt32(p[i &+ k]) &<< UInt32(8 &* k); k &+= 1 }
        return word
    }

    /// The direct loop, once output goes to the scratch buffer: from `i` up to `wordEnd`,
    /// ASCII and the characters the table decides, everything written, with the buffer's
    /// state in registers (a function of its own, so that the registers are its own).
    /// Without a branch on what a character does (pass, replace, start a phrase that does
    /// not go on), which in traditional text follows no pattern a processor could guess.
    /// It stops at anything else, which ``oneStage`` handles one character at a time, and
    /// returns where it stopped, all before which is written, and the buffer's count.
    @inline(never)
    private static func directRun(
        _ p: UnsafePointer<UInt8>, from i: Int, to wordEnd: Int, end: Int, _ direct: DirectTable,
        buffer: UnsafeMutablePointer<UInt8>, capacity: Int, copied: Int, count: Int, _ output: inout TransformOutput
    ) -> (i: Int, count: Int) {
        var i = i, count = count
        // What is not written yet before `i`.
        let gap = i &- copied
        if count &+ gap > capacity {
            output.append(UnsafeBufferPointer(start: buffer, count: count))
            count = 0
        }
        if gap > capacity {
            output.append(UnsafeBufferPointer(start: p + copied, count: gap))
        } else if gap <= 16 && copied &+ 16 <= end && count &+ 16 <= capacity {
            // Most often a character or two the walk passed: two moves, not a call.
            let from = UnsafeRawPointer(p + copied), to = UnsafeMutableRawPointer(buffer + count)
            to.storeBytes(of: from.loadUnaligned(as: UInt64.self), as: UInt64.self)
            to.storeBytes(of: from.loadUnaligned(fromByteOffset: 8, as: UInt64.self), toByteOffset: 8, as: UInt64.self)
            count &+= gap
        } else if gap > 0 {
            (buffer + count).update(from: p + copied, count: gap)
            count &+= gap
        }
        // Room for an eight-byte store, and more.
        let limit = capacity &- 32
        while true {
            (i, count) = directLoop(p, from: i, to: wordEnd, end: end, direct.entries, direct.masks, buffer, count: count, limit: limit)
            guard count > limit && i < wordEnd else { break }
            output.append(UnsafeBufferPointer(start: buffer, count: count))
            count = 0
        }
        return (i, count)
    }

    /// ``directRun``'s loop, which calls nothing, so that nothing it holds is spilled
    /// around a call. It also stops when the buffer's count passes `limit`.
    @inline(never)
    private static func directLoop(
        _ p: UnsafePointer<UInt8>, from i: Int, to wordEnd: Int, end: Int,
        _ entries: UnsafePointer<UInt64>, _ masks: UnsafePointer<UInt64>,
        _ buffer: UnsafeMutablePointer<UInt8>, count: Int, limit: Int
    ) -> (i: Int, count: Int) {
        let raw = UnsafeRawPointer(p)
        var i = i, count = count
        while i < wordEnd && count <= limit {
            // This character's bytes and the next one's.
            let bytes = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            let to = UnsafeMutableRawPointer(buffer + count)
            if bytes & 0x80 == 0 {
                // Up to eight ASCII bytes, stored whole, kept as far as they are ASCII.
                let high = bytes & 0x8080_8080_8080_8080
                let ascii = high == 0 ? 8 : high.trailingZeroBitCount &>> 3
                let step = min(ascii, end &- i)
                to.storeBytes(of: bytes.littleEndian, as: UInt64.self)
                count &+= step
                i &+= step
                continue
            }
            let w = UInt32(truncatingIfNeeded: bytes)
            // A three-byte lead and two continuation bytes; the table's entries for
            // overlong forms and surrogates are `general`.
            if w & 0x00C0_C0F0 != 0x0080_80E0 { break }
            let entry = entries[DirectTable.index(w)]
            let alone = UInt32(truncatingIfNeeded: entry)
            let mask = masks[Int(truncatingIfNeeded: entry &>> 32)]
            // The next three bytes in the mask: a key may go on with them (or the entry is
            // `general`, whose mask is full).
            if mask & DirectTable.maskBit(UInt32(truncatingIfNeeded: bytes &>> 24) & 0xFF_FFFF) != 0 { break }
            // `alone` is 0 (the character itself) or has the replace bit (its value): all
            // ones or all zeros from that bit selects without a branch.
            let replaces = UInt32(bitPattern: Int32(bitPattern: alone) &>> 31)
            let written = alone & replaces | w & ~replaces
            // Four bytes stored, three kept.
            to.storeBytes(of: written.littleEndian, as: UInt32.self)
            count &+= 3
            i &+= 3
        }
        return (i, count)
    }

    /// Two-stage configs, as OpenCC segments them: the longest key of the segmentation
    /// dictionary (or of the overlay) at a place is a segment; the characters between such
    /// keys form one segment together. Each stage converts inside each segment.
    private func twoStages(_ scan: inout Scan, end: Int, _ input: TransformInput, _ output: inout TransformOutput) {
        let n = scan.n
        let limit = input.isEnd ? n : end
        var i = 0
        while i < limit {
            let (c0, l0) = UTF8Scan.decode(scan.p, i, n)
            if l0 > 0 && isInert(c0) {
                i &+= l0
                continue
            }
            let (length, overlayNode) = segmentMatch(at: i, &scan)
            if let overlayNode {
                scan.emit(i, length, overlayDictionary.value(overlayNode), input, &output) { self.overlayReason(overlayNode) }
                i += length
                continue
            }
            if length > 0 {
                _ = runs.convert(i..<(i + length), closed: true, self, &scan, input, &output)
                i += length
                continue
            }
            // A run of characters that start no key, up to the next one that does.
            // The run also ends at a character that takes part in no match: converting
            // what is on either side of it apart gives what converting it whole gives.
            var j = i + max(1, l0)
            var atInert = false
            while j < limit {
                let (cj, lj) = UTF8Scan.decode(scan.p, j, n)
                if lj > 0 && isInert(cj) { atInert = true; break }
                if segmentMatch(at: j, &scan).length > 0 { break }
                j += max(1, lj)
            }
            let closed = j < limit || atInert || input.isEnd
            i = runs.convert(i..<j, closed: closed, self, &scan, input, &output)
            if !closed { break }
        }
        scan.i = i
    }

    private lazy var runs = RunConverter(first: first, second: second!)

    /// The segment that starts at `i` when a key starts there: its length, and its overlay
    /// node when the overlay decides it. Length 0 when no key starts at `i`.
    private func segmentMatch(at i: Int, _ scan: inout Scan) -> (length: Int, overlayNode: UInt32?) {
        let (c0, l0) = UTF8Scan.decode(scan.p, i, scan.n)
        if l0 == 0 { return (0, nil) }
        let c = normalize(c0)
        let node = segmentation!.root(c)
        let (segmentLength, _) = node == 0 ? (0, 0) : longest(segmentation!, node, scan.p, i &+ l0, scan.n, from: i)
        if usesOverlay {
            let (overlayLength, overlayNode) = overlayLongest(c, scan.p, i &+ l0, scan.n, from: i)
            if overlayLength > 0 && overlayLength >= segmentLength { return (overlayLength, overlayNode) }
        }
        return (segmentLength, nil)
    }

    /// The longest key of `dictionary` that starts at `start`, whose first character led to
    /// `node` and ends at `j`: its length in bytes (0: none) and its node.
    @inline(__always)
    func longest(
        _ dictionary: CompiledDictionary, _ node: UInt32, _ p: UnsafePointer<UInt8>, _ j: Int, _ n: Int, from start: Int
    ) -> (Int, UInt32) {
        var node = node, j = j
        var best = 0
        var bestNode: UInt32 = 0
        if dictionary.hasValue(node) { best = j &- start; bestNode = node }
        while j < n && dictionary.hasChildren(node) {
            let (c, length) = UTF8Scan.decode(p, j, n)
            if length == 0 { break }
            node = dictionary.child(of: node, normalize(c))
            if node == 0 { break }
            j &+= length
            if dictionary.hasValue(node) { best = j &- start; bestNode = node }
        }
        return (best, bestNode)
    }

    /// The longest overlay key at `start`, whose first character is `c`.
    @inline(__always)
    func overlayLongest(_ c: UInt32, _ p: UnsafePointer<UInt8>, _ j: Int, _ n: Int, from start: Int) -> (Int, UInt32) {
        guard usesOverlay else { return (0, 0) }
        let node = overlayDictionary.root(c)
        return node == 0 ? (0, 0) : longest(overlayDictionary, node, p, j, n, from: start)
    }

    private func overlayReason(_ node: UInt32) -> String {
        switch overlay.origin(node) {
        case .user: "user dictionary"
        case .fix: "fixtext's correction of OpenCC \(config.name)"
        }
    }

    /// Writes the normalized character `c` in place of the one at `i`.
    private func emitScalar(_ c: UInt32, at i: Int, length: Int, _ scan: inout Scan, _ input: TransformInput, _ output: inout TransformOutput) {
        resultBytes.removeAll(keepingCapacity: true)
        UTF8Scalars.append(c, to: &resultBytes)
        resultBytes.withUnsafeBufferPointer { bytes in
            scan.emit(i, length, bytes, input, &output) { "OpenCC normalization of a compatibility ideograph" }
        }
    }
}
