import FixTextCore

/// What one line of a page looks like: its place, its key, and counts of what is in it.
struct LineFacts {
    // Stored as 32-bit numbers (pages are at most 1 GiB), read as Int: a page may have
    // hundreds of thousands of lines.
    private var _start: Int32 = 0, _end: Int32 = 0, _next: Int32 = 0, _prefixCut: Int32 = 0
    private var _length: Int32 = 0, _han: Int32 = 0, _sentenceEnds: Int32 = 0, _clauses: Int32 = 0
    private var _separators: Int32 = 0, _joints: Int32 = 0, _colons: Int32 = 0, _gaps: Int32 = 0
    private var _longestSegment: Int32 = 0, _arrows: Int32 = 0

    /// Byte offsets in the page: the line's text, and where the next line starts.
    var start: Int { get { Int(_start) } set { _start = Int32(truncatingIfNeeded: newValue) } }
    var end: Int { get { Int(_end) } set { _end = Int32(truncatingIfNeeded: newValue) } }
    var next: Int { get { Int(_next) } set { _next = Int32(truncatingIfNeeded: newValue) } }
    /// Where a farm's headline prefix (and its separator) ends, when one matched.
    var prefixCut: Int { get { Int(_prefixCut) } set { _prefixCut = Int32(truncatingIfNeeded: newValue) } }
    /// Characters other than spaces.
    var length: Int { get { Int(_length) } set { _length = Int32(truncatingIfNeeded: newValue) } }
    var han: Int { get { Int(_han) } set { _han = Int32(truncatingIfNeeded: newValue) } }
    /// 。！？!?… : sentences end here.
    var sentenceEnds: Int { get { Int(_sentenceEnds) } set { _sentenceEnds = Int32(truncatingIfNeeded: newValue) } }
    /// ，、；,; : clauses.
    var clauses: Int { get { Int(_clauses) } set { _clauses = Int32(truncatingIfNeeded: newValue) } }
    /// _ | ｜ > ＞ » › → / : separators of keyword runs, breadcrumbs and menus.
    var separators: Int { get { Int(_separators) } set { _separators = Int32(truncatingIfNeeded: newValue) } }
    /// Underscores and vertical bars alone: the joints of keyword-stuffed titles.
    var joints: Int { get { Int(_joints) } set { _joints = Int32(truncatingIfNeeded: newValue) } }
    /// > ＞ » › → : the separators of breadcrumbs.
    var arrows: Int { get { Int(_arrows) } set { _arrows = Int32(truncatingIfNeeded: newValue) } }
    /// Colons, full-width or not: fields of metadata.
    var colons: Int { get { Int(_colons) } set { _colons = Int32(truncatingIfNeeded: newValue) } }
    /// Runs of spaces between characters.
    var gaps: Int { get { Int(_gaps) } set { _gaps = Int32(truncatingIfNeeded: newValue) } }
    /// The longest stretch of characters between separators (a line without them: its length).
    var longestSegment: Int { get { Int(_longestSegment) } set { _longestSegment = Int32(truncatingIfNeeded: newValue) } }
    /// A date: 2023-05-06, 2023/5/6, 2023.05.06, 2023年5月6日.
    var hasDate = false
    /// The line ends a sentence with a full stop (。, or 。！？… inside a closing quote):
    /// paragraphs do, headlines and menu items do not.
    var endsWithFullStop = false
    /// The line is longer than ``PageScan/keyLimit``: its hits come from the start of its
    /// key only, and ``PageScan/fullHits(of:in:fold:index:)`` gives them all.
    var keyTruncated = false
    /// Bytes that are not UTF-8: such a line is never removed.
    var hasInvalid = false

    var isBlank: Bool { _length == 0 }

    /// Reads like a sentence of prose: enough Han characters, and punctuation.
    var isProse: Bool { _han >= 15 && _length >= 20 && _sentenceEnds + _clauses >= 1 }
}

/// The key of the line being scanned, in buffers reused from line to line and page to
/// page: the folded scalars (at most ``PageScan/keyLimit``), where each starts, and
/// whether spaces stood before it.
final class LineKey {
    var count = 0
    let scalars: UnsafeMutablePointer<UInt32>
    let offsets: UnsafeMutablePointer<Int32>
    let spaced: UnsafeMutablePointer<Bool>

    init(capacity: Int = PageScan.keyLimit) {
        scalars = .allocate(capacity: capacity)
        offsets = .allocate(capacity: capacity)
        spaced = .allocate(capacity: capacity)
    }

    deinit {
        scalars.deallocate()
        offsets.deallocate()
        spaced.deallocate()
    }

    var keyBuffer: UnsafeBufferPointer<UInt32> { UnsafeBufferPointer(start: scalars, count: count) }
    var spacedBuffer: UnsafeBufferPointer<Bool> { UnsafeBufferPointer(start: spaced, count: count) }
}

/// Whether the line being scanned can match a rule, from its characters as they go by: a
/// line can only if its key starts with the first two scalars of a prefix or line rule,
/// ends with the last scalar of a suffix rule, or has the first two scalars of a contains
/// or word rule somewhere in it (``RuleIndex/scalarFlags`` and the pair bits of
/// ``RuleIndex``). Most lines cannot, and their keys are never matched.
///
/// The scanner keeps a mask of the ``ScalarFlags`` it looks for in the next key scalar
/// (rule starts anywhere, line starts at the first, and ``ScalarFlags/pending`` while a
/// scalar waits for the next one to make a pair), and calls ``check(_:_:_:fold:index:)``
/// only when a scalar's flags meet the mask.
struct LineFilter {
    static let initialMask = ScalarFlags.startsInner | ScalarFlags.startsLine
    /// The line may match a rule: its key is built and matched.
    var candidate = false
    /// The folded previous key scalar, when it may begin a contains or word rule (else 0).
    var pendingInner: UInt32 = 0
    /// The folded first key scalar, when it may begin a prefix or line rule (else 0).
    var pendingLine: UInt32 = 0

    /// Looks at a key scalar whose flags `wanted` meet the scanner's `mask`; returns the
    /// mask for the next key scalar (0 once the line is a candidate).
    @inline(never)
    mutating func check(_ scalar: UInt32, _ wanted: UInt8, _ mask: UInt8, fold: HanFold, index: RuleIndex) -> UInt8 {
        let folded = fold.fold(scalar)
        if wanted & ScalarFlags.pending != 0 {
            if (pendingInner != 0 && index.pairMayStartInner(pendingInner, folded))
                || (pendingLine != 0 && index.pairMayStartLine(pendingLine, folded))
            {
                candidate = true
                return 0
            }
            pendingInner = 0
            pendingLine = 0
        }
        var next = mask & ~ScalarFlags.pending
        if wanted & ScalarFlags.startsInner != 0 {
            if index.innerRuleOfOneScalar { candidate = true; return 0 }
            pendingInner = folded
            next |= ScalarFlags.pending
        }
        if wanted & ScalarFlags.startsLine != 0 {
            if index.lineRuleOfOneScalar { candidate = true; return 0 }
            pendingLine = folded
            next |= ScalarFlags.pending
        }
        return next
    }
}

/// Splits a page into lines and finds, in one pass over its bytes, the facts of each line
/// and the rules that match it. Keys live only while their line is scanned, and are
/// matched only for lines that may match a rule (``LineFilter``), so memory grows with the
/// number of lines, not with the bytes of the page.
struct PageScan {
    /// Keys are built for the first this many characters of a line. Every rule that
    /// removes a line by itself applies to shorter lines; prefixes are short; for the rest
    /// (words in long lines), the classifier asks for the full key when it needs it.
    static let keyLimit = 128

    var lines: [LineFacts] = []
    var hits: [LineHits] = []
    private let key = LineKey()

    mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>, fold: HanFold, index: RuleIndex) {
        lines.removeAll(keepingCapacity: true)
        hits.removeAll(keepingCapacity: true)
        // Most pages' lines are longer than this: one allocation, not a dozen doublings.
        lines.reserveCapacity(bytes.count / 48 + 16)
        hits.reserveCapacity(bytes.count / 48 + 16)
        key.count = 0
        let kinds = ScalarKind.table
        let flags = index.scalarFlags
        let count = bytes.count
        var facts = LineFacts()
        var filter = LineFilter()
        guard let p = bytes.baseAddress else {
            finish(&facts, end: 0, next: 0, last: 0, beforeLast: 0, candidate: false, lastKey: 0, keyCount: 0, index: index)
            return
        }
        // The counters every character touches, kept in registers.
        var length = 0, han = 0, segment = 0, longestSegment = 0
        var last: UInt32 = 0, beforeLast: UInt32 = 0
        var previousIsHan = false
        var pendingGap = false
        var digitRun = 0
        var digitValue = 0
        var dateStage = 0 // 1: after four digits and a date separator
        // Characters of the key still to come: the line's first keyLimit characters.
        var keyRoom = Self.keyLimit
        // What the filter looks for in the next key scalar, and the last key scalar so far.
        var mask = LineFilter.initialMask
        var lastKey: UInt32 = 0
        // The key is built as the line goes by, and matched only when the filter says it
        // may match: a second pass over the lines that may would cost more, for long lines.
        let table = fold.pointer
        let keyScalars = key.scalars, keyOffsets = key.offsets, keySpaced = key.spaced
        var i = 0
        while i < count {
            let lead = p[i]
            // The common case: a run of text that starts with a CJK unified ideograph
            // (U+4E00–U+9FFF) not right after four digits (年 may make a date): stretches
            // of ideographs, counted in tight loops, and the three-byte punctuation between
            // them (，。“”《》：), which touches no digit, gap or separator count.
            if lead >= 0xE4 && lead <= 0xE9 && digitRun != 4 && i &+ 2 < count
                && p[i &+ 1] & 0xC0 == 0x80 && p[i &+ 2] & 0xC0 == 0x80
            {
                var scalar = UInt32(lead & 0x0F) << 12 | UInt32(p[i &+ 1] & 0x3F) << 6 | UInt32(p[i &+ 2] & 0x3F)
                if scalar >= 0x4E00 {
                    // Spaces before the run mark its first key scalar.
                    var spaced = pendingGap
                    if pendingGap { facts.gaps &+= 1; segment = 0; pendingGap = false }
                    var characters = 0, ideographs = 0
                    var isHan = true
                    text: while true {
                        // A stretch of ideographs; `scalar` is the first, at i.
                        let stretchStart = i
                        if keyRoom > 0 {
                            // In the key: one load says whether the character may begin a rule.
                            let stop = min(i &+ 3 &* keyRoom, count &- 2)
                            var k = Self.keyLimit &- keyRoom
                            while true {
                                let wanted = flags[Int(scalar)] & mask
                                if wanted != 0 { mask = filter.check(scalar, wanted, mask, fold: fold, index: index) }
                                mask &= ~ScalarFlags.startsLine
                                keyScalars[k] = UInt32(table[Int(scalar)])
                                keyOffsets[k] = Int32(truncatingIfNeeded: i)
                                keySpaced[k] = spaced
                                spaced = false
                                k &+= 1
                                i &+= 3
                                guard i < stop else { break }
                                let b0 = p[i]
                                guard b0 >= 0xE4 && b0 <= 0xE9 else { break }
                                let b1 = p[i &+ 1], b2 = p[i &+ 2]
                                guard b1 & 0xC0 == 0x80 && b2 & 0xC0 == 0x80 && (b0 > 0xE4 || b1 >= 0xB8) else { break }
                                scalar = UInt32(b0 & 0x0F) << 12 | UInt32(b1 & 0x3F) << 6 | UInt32(b2 & 0x3F)
                            }
                            lastKey = scalar
                            keyRoom = Self.keyLimit &- k
                        } else {
                            i &+= 3
                        }
                        if keyRoom == 0 {
                            // Past the key: the rest of the stretch is only counted.
                            while i &+ 2 < count {
                                let b0 = p[i]
                                guard b0 >= 0xE4 && b0 <= 0xE9 else { break }
                                let b1 = p[i &+ 1], b2 = p[i &+ 2]
                                guard b1 & 0xC0 == 0x80 && b2 & 0xC0 == 0x80 && (b0 > 0xE4 || b1 >= 0xB8) else { break }
                                i &+= 3
                            }
                        }
                        let stretch = (i &- stretchStart) / 3
                        characters &+= stretch
                        ideographs &+= stretch
                        // Only full stops, marks and quotes are looked at in the last two
                        // characters: any ideograph stands for the stretch's last two.
                        beforeLast = scalar
                        last = scalar
                        isHan = true
                        // Punctuation and symbols, up to the next ideograph.
                        while true {
                            guard i &+ 2 < count else { break text }
                            let b0 = p[i]
                            // Three bytes, valid whatever the lead (not E0, not ED).
                            guard b0 > 0xE0 && b0 <= 0xEF && b0 != 0xED else { break text }
                            let b1 = p[i &+ 1], b2 = p[i &+ 2]
                            guard b1 & 0xC0 == 0x80 && b2 & 0xC0 == 0x80 else { break text }
                            let next = UInt32(b0 & 0x0F) << 12 | UInt32(b1 & 0x3F) << 6 | UInt32(b2 & 0x3F)
                            if next >= 0x4E00 && next <= 0x9FFF {
                                scalar = next
                                continue text
                            }
                            let kind = kinds[Int(next)]
                            // Spaces, separators, and （ (a pinyin gloss may follow an
                            // ideograph) are left to the general case.
                            guard kind & (ScalarKind.space | ScalarKind.separator) == 0 && next != 0xFF08 else { break text }
                            if keyRoom > 0 {
                                let wanted = flags[Int(next)] & mask
                                if wanted != 0 { mask = filter.check(next, wanted, mask, fold: fold, index: index) }
                                mask &= ~ScalarFlags.startsLine
                                let k = Self.keyLimit &- keyRoom
                                keyScalars[k] = UInt32(table[Int(next)])
                                keyOffsets[k] = Int32(truncatingIfNeeded: i)
                                keySpaced[k] = false
                                lastKey = next
                                keyRoom &-= 1
                            }
                            if kind & ScalarKind.han != 0 {
                                ideographs &+= 1
                                isHan = true
                            } else {
                                isHan = false
                                if kind & ScalarKind.sentenceEnd != 0 {
                                    facts.sentenceEnds &+= 1
                                } else if kind & ScalarKind.clause != 0 {
                                    facts.clauses &+= 1
                                } else if kind & ScalarKind.colon != 0 {
                                    facts.colons &+= 1
                                }
                            }
                            characters &+= 1
                            beforeLast = last
                            last = next
                            i &+= 3
                        }
                    }
                    length &+= characters
                    han &+= ideographs
                    segment &+= characters
                    if segment > longestSegment { longestSegment = segment }
                    previousIsHan = isHan
                    digitRun = 0
                    digitValue = 0
                    dateStage = 0
                    continue
                }
            }
            if lead == 0x0A {
                facts.length = length; facts.han = han; facts.longestSegment = longestSegment
                facts.keyTruncated = keyRoom == 0 && length > Self.keyLimit
                finish(&facts, end: i, next: i + 1, last: last, beforeLast: beforeLast, candidate: filter.candidate,
                       lastKey: lastKey, keyCount: Self.keyLimit - keyRoom, index: index)
                filter = LineFilter()
                mask = LineFilter.initialMask
                length = 0; han = 0; segment = 0; longestSegment = 0; last = 0; beforeLast = 0
                previousIsHan = false; pendingGap = false; digitRun = 0; digitValue = 0; dateStage = 0
                keyRoom = Self.keyLimit
                i += 1
                continue
            }
            var scalar: UInt32
            var length1: Int
            if lead < 0x80 {
                scalar = UInt32(lead); length1 = 1
            } else if lead & 0xF0 == 0xE0 && i &+ 2 < count && p[i &+ 1] & 0xC0 == 0x80 && p[i &+ 2] & 0xC0 == 0x80
                        && (lead != 0xE0 || p[i &+ 1] >= 0xA0) && (lead != 0xED || p[i &+ 1] < 0xA0)
            {
                // Other three-byte characters (CJK punctuation, full-width forms), inline.
                scalar = UInt32(lead & 0x0F) << 12 | UInt32(p[i &+ 1] & 0x3F) << 6 | UInt32(p[i &+ 2] & 0x3F)
                length1 = 3
            } else if let decoded = UTF8Scalars.decode(at: i, in: bytes, limit: count) {
                (scalar, length1) = decoded
            } else {
                facts.hasInvalid = true
                scalar = 0xFFFD; length1 = 1
            }
            let kind = scalar < 0x10000 ? kinds[Int(scalar)] : (HanFold.isHan(scalar) ? ScalarKind.han : 0)
            if kind & ScalarKind.space != 0 {
                if length > 0 { pendingGap = true }
                previousIsHan = false
                i += length1
                continue
            }
            if previousIsHan && (scalar == 0x28 || scalar == 0xFF08),
               let glossEnd = KeyBuilder.glossEnd(bytes, after: i + length1, limit: count)
            {
                i = glossEnd
                continue
            }
            let spaced = pendingGap
            if pendingGap { facts.gaps += 1; segment = 0; pendingGap = false }
            let original = scalar
            let isHan = kind & ScalarKind.han != 0
            length += 1
            if isHan { han += 1 }
            // Digits and dates.
            if kind & ScalarKind.digit != 0 {
                digitRun += 1
                digitValue = digitValue &* 10 &+ Int(scalar - 0x30)
                if dateStage == 1 { facts.hasDate = true }
            } else if digitRun != 0 || dateStage != 0 {
                if digitRun == 4 && digitValue >= 1900 && digitValue <= 2099
                    && (scalar == 0x2D || scalar == 0x2F || scalar == 0x2E || scalar == 0x5E74)
                {
                    dateStage = 1
                } else if !(digitRun > 0 && dateStage == 1) {
                    dateStage = 0
                }
                digitRun = 0
                digitValue = 0
            }
            if kind & ScalarKind.punctuation != 0 {
                if kind & ScalarKind.sentenceEnd != 0 {
                    // ASCII ! and ? end a sentence after Chinese text; elsewhere they may
                    // stand for a lost character or belong to a URL.
                    if scalar >= 0x80 || previousIsHan { facts.sentenceEnds += 1 } else { scalar = 0x20 }
                } else if kind & ScalarKind.clause != 0 {
                    facts.clauses += 1
                } else if kind & ScalarKind.colon != 0 {
                    facts.colons += 1
                } else {
                    facts.separators += 1
                    if kind & ScalarKind.joint != 0 {
                        facts.joints += 1
                    } else if scalar != 0x2F {
                        facts.arrows += 1
                    }
                    segment = -1
                }
            }
            previousIsHan = isHan
            beforeLast = last
            last = scalar
            segment += 1
            if segment > longestSegment { longestSegment = segment }
            if keyRoom > 0 {
                let wanted = index.flags(original) & mask
                if wanted != 0 { mask = filter.check(original, wanted, mask, fold: fold, index: index) }
                mask &= ~ScalarFlags.startsLine
                let k = Self.keyLimit &- keyRoom
                keyScalars[k] = original < 0x10000 ? UInt32(table[Int(original)]) : original
                keyOffsets[k] = Int32(truncatingIfNeeded: i)
                keySpaced[k] = spaced
                lastKey = original
                keyRoom &-= 1
            }
            i += length1
        }
        if facts.start < count || lines.isEmpty {
            facts.length = length; facts.han = han; facts.longestSegment = longestSegment
            facts.keyTruncated = keyRoom == 0 && length > Self.keyLimit
            finish(&facts, end: count, next: count, last: last, beforeLast: beforeLast, candidate: filter.candidate,
                   lastKey: lastKey, keyCount: Self.keyLimit - keyRoom, index: index)
        }
    }

    /// Records the line: its facts, and its hits when the filter could not rule them out
    /// (the key of its first `keyCount` characters is in `key`).
    private mutating func finish(_ facts: inout LineFacts, end: Int, next: Int, last: UInt32, beforeLast: UInt32,
                                 candidate: Bool, lastKey: UInt32, keyCount: Int, index: RuleIndex)
    {
        let closing = last == 0x201D || last == 0x300D || last == 0x300F || last == 0x22
        facts.endsWithFullStop = last == 0x3002
            || (closing && (beforeLast == 0x3002 || beforeLast == 0xFF01 || beforeLast == 0xFF1F
                            || beforeLast == 0x2026 || beforeLast == 0x21 || beforeLast == 0x3F))
        facts.end = end
        facts.next = next
        var lineHits = LineHits()
        if candidate || (keyCount > 0 && index.flags(lastKey) & ScalarFlags.endsLine != 0) {
            key.count = keyCount
            lineHits = index.hits(for: key.keyBuffer, spaced: key.spacedBuffer)
            if lineHits.headlinePrefixEnd > 0 && lineHits.headlinePrefixEnd < key.count {
                facts.prefixCut = Int(key.offsets[lineHits.headlinePrefixEnd])
            }
            key.count = 0
        }
        hits.append(lineHits)
        lines.append(facts)
        facts = LineFacts()
        facts.start = next
    }

    /// Every rule that matches line `n`, from its whole key.
    func fullHits(of n: Int, in bytes: UnsafeBufferPointer<UInt8>, fold: HanFold, index: RuleIndex) -> LineHits {
        let line = lines[n]
        var scalars: [UInt32] = []
        var offsets: [Int32] = []
        var spaced: [Bool] = []
        KeyBuilder(fold: fold).append(bytes, from: line.start, to: line.end, key: &scalars, offsets: &offsets, spaced: &spaced)
        return scalars.withUnsafeBufferPointer { key in
            spaced.withUnsafeBufferPointer { index.hits(for: key, spaced: $0) }
        }
    }
}

/// What the scanner needs to know of a BMP scalar, one load per character.
enum ScalarKind {
    static let space: UInt8 = 1
    static let han: UInt8 = 2
    static let digit: UInt8 = 4
    static let sentenceEnd: UInt8 = 8
    static let clause: UInt8 = 16
    static let colon: UInt8 = 32
    static let separator: UInt8 = 64
    static let joint: UInt8 = 128
    static let punctuation: UInt8 = sentenceEnd | clause | colon | separator

    /// Allocated once for the process, never freed.
    nonisolated(unsafe) static let table: UnsafePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 0x10000)
        table.initialize(repeating: 0, count: 0x10000)
        for scalar in 0..<0x10000 where scalar < 0x20 || HanFold.isSpace(UInt32(scalar)) { table[scalar] |= space }
        table[0x0A] = 0
        for scalar in 0..<0x10000 where HanFold.isHan(UInt32(scalar)) { table[scalar] |= han }
        for scalar in 0x30...0x39 { table[scalar] |= digit }
        for scalar in [0x3002, 0xFF01, 0xFF1F, 0x21, 0x3F, 0x2026] { table[scalar] |= sentenceEnd }
        for scalar in [0xFF0C, 0x3001, 0xFF1B, 0x2C, 0x3B] { table[scalar] |= clause }
        for scalar in [0x3A, 0xFF1A] { table[scalar] |= colon }
        for scalar in [0x5F, 0x7C, 0xFF5C] { table[scalar] |= separator | joint }
        for scalar in [0x3E, 0xFF1E, 0xBB, 0x203A, 0x2192, 0x2F] { table[scalar] |= separator }
        return UnsafePointer(table)
    }()
}
