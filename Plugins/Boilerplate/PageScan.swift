import FixTextCore

/// What one line of a page looks like: its place, its key, and counts of what is in it.
struct LineFacts {
    /// Byte offsets in the page: the line's text, and where the next line starts.
    var start = 0, end = 0, next = 0
    /// The line's key in the page's key buffer.
    var keyStart = 0, keyEnd = 0
    /// Characters other than spaces.
    var length = 0
    var han = 0
    /// 。！？!?… : sentences end here.
    var sentenceEnds = 0
    /// ，、；,; : clauses.
    var clauses = 0
    /// _ | ｜ > ＞ » › → / : separators of keyword runs, breadcrumbs and menus.
    var separators = 0
    /// Underscores and vertical bars alone: the joints of keyword-stuffed titles.
    var joints = 0
    /// Colons, full-width or not: fields of metadata.
    var colons = 0
    /// Runs of spaces between characters.
    var gaps = 0
    /// The longest stretch of characters between separators (a line without them: its length).
    var longestSegment = 0
    /// The current stretch, while scanning.
    var segment = 0
    /// A date: 2023-05-06, 2023/5/6, 2023.05.06, 2023年5月6日.
    var hasDate = false
    /// The line ends a sentence with a full stop (。, or 。！？… inside a closing quote):
    /// paragraphs do, headlines and menu items do not.
    var endsWithFullStop = false
    /// The last two scalars, while scanning.
    var last: UInt32 = 0, beforeLast: UInt32 = 0
    /// Bytes that are not UTF-8: such a line is never removed.
    var hasInvalid = false

    var isBlank: Bool { length == 0 }

    /// Reads like a sentence of prose: enough Han characters, and punctuation.
    var isProse: Bool { han >= 15 && length >= 20 && sentenceEnds + clauses >= 1 }
}

/// Splits a page into lines and finds the facts of each, in one pass over its bytes.
struct PageScan {
    var lines: [LineFacts] = []
    var key: [UInt32] = []
    var keyOffsets: [Int32] = []
    /// For each key scalar: spaces stood before it in the line.
    var keySpaced: [Bool] = []

    mutating func reset() {
        lines.removeAll(keepingCapacity: true)
        key.removeAll(keepingCapacity: true)
        keyOffsets.removeAll(keepingCapacity: true)
        keySpaced.removeAll(keepingCapacity: true)
    }

    mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>, fold: HanFold) {
        let table = fold.table
        var facts = LineFacts()
        var i = 0
        let count = bytes.count
        var previousIsHan = false
        var pendingGap = false
        var digitRun = 0
        var digitValue = 0
        var dateStage = 0 // 1: after four digits and a date separator
        while i < count {
            let lead = bytes[i]
            if lead == 0x0A {
                finish(&facts, end: i, next: i + 1)
                previousIsHan = false; pendingGap = false; digitRun = 0; digitValue = 0; dateStage = 0
                i += 1
                continue
            }
            var scalar: UInt32
            var length: Int
            if lead < 0x80 {
                scalar = UInt32(lead); length = 1
            } else if lead & 0xF0 == 0xE0 && i + 2 < count && bytes[i + 1] & 0xC0 == 0x80 && bytes[i + 2] & 0xC0 == 0x80 {
                scalar = UInt32(lead & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                length = 3
                if scalar < 0x800 || (scalar >= 0xD800 && scalar <= 0xDFFF) {
                    facts.hasInvalid = true
                    scalar = 0xFFFD; length = 1
                }
            } else if let decoded = UTF8Scalars.decode(at: i, in: bytes, limit: count) {
                (scalar, length) = decoded
            } else {
                facts.hasInvalid = true
                scalar = 0xFFFD; length = 1
            }
            if HanFold.isSpace(scalar) {
                if facts.length > 0 { pendingGap = true }
                previousIsHan = false
                i += length
                continue
            }
            if previousIsHan && (scalar == 0x28 || scalar == 0xFF08),
               let glossEnd = KeyBuilder.glossEnd(bytes, after: i + length, limit: count)
            {
                i = glossEnd
                continue
            }
            let spaced = pendingGap
            if pendingGap { facts.gaps += 1; facts.segment = 0; pendingGap = false }
            let original = scalar
            let isHan = HanFold.isHan(scalar)
            // ASCII ! and ? end a sentence after Chinese text; elsewhere they may stand for a
            // lost character or belong to a URL.
            if (scalar == 0x21 || scalar == 0x3F) && !previousIsHan { scalar = 0x20 }
            previousIsHan = isHan
            facts.length += 1
            if isHan { facts.han += 1 }
            // Digits and dates.
            if scalar >= 0x30 && scalar <= 0x39 {
                digitRun += 1
                digitValue = digitValue &* 10 &+ Int(scalar - 0x30)
                if dateStage == 1 { facts.hasDate = true }
            } else {
                if digitRun == 4 && digitValue >= 1900 && digitValue <= 2099 && (scalar == 0x2D || scalar == 0x2F || scalar == 0x2E || scalar == 0x5E74) {
                    dateStage = 1
                } else if !(digitRun > 0 && dateStage == 1) {
                    dateStage = 0
                }
                digitRun = 0
                digitValue = 0
            }
            switch scalar {
            case 0x3002, 0xFF01, 0xFF1F, 0x21, 0x3F, 0x2026: facts.sentenceEnds += 1
            case 0xFF0C, 0x3001, 0xFF1B, 0x2C, 0x3B: facts.clauses += 1
            case 0x3A, 0xFF1A: facts.colons += 1
            case 0x5F, 0x7C, 0xFF5C: facts.separators += 1; facts.joints += 1; facts.segment = -1
            case 0x3E, 0xFF1E, 0xBB, 0x203A, 0x2192, 0x2F: facts.separators += 1; facts.segment = -1
            default: break
            }
            facts.beforeLast = facts.last
            facts.last = scalar
            facts.segment += 1
            if facts.segment > facts.longestSegment { facts.longestSegment = facts.segment }
            key.append(original < 0x10000 ? UInt32(table[Int(original)]) : original)
            keyOffsets.append(Int32(i))
            keySpaced.append(spaced)
            i += length
        }
        if facts.start < count || lines.isEmpty {
            finish(&facts, end: count, next: count)
        }
    }

    private mutating func finish(_ facts: inout LineFacts, end: Int, next: Int) {
        let closing = facts.last == 0x201D || facts.last == 0x300D || facts.last == 0x300F || facts.last == 0x22
        facts.endsWithFullStop = facts.last == 0x3002
            || (closing && (facts.beforeLast == 0x3002 || facts.beforeLast == 0xFF01 || facts.beforeLast == 0xFF1F
                            || facts.beforeLast == 0x2026 || facts.beforeLast == 0x21 || facts.beforeLast == 0x3F))
        facts.end = end
        facts.next = next
        facts.keyEnd = key.count
        lines.append(facts)
        facts = LineFacts()
        facts.start = next
        facts.keyStart = key.count
    }
}
