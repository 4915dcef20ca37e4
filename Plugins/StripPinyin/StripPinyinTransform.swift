import FixTextCore

/// The `strip-pinyin` transform over one stream; see ``StripPinyinPlugin`` for what it
/// does.
///
/// It streams: text is forwarded as it comes, except that with the page check a group of
/// nearby glosses (a "page") is held until it is judged, from its first gloss until
/// ``pageGap`` bytes pass without another, or ``pageSpan`` bytes have been held. Where a page
/// ends depends only on the text, so the output does not depend on how the input was cut.
struct StripPinyinTransform: Transform {
    /// Glosses closer than this to the one before belong to the same page.
    static let pageGap = 32 << 10
    /// A page is judged once it spans this much; its verdict then holds for the glosses
    /// that follow it closely.
    static let pageSpan = 224 << 10

    let options: StripPinyinOptions
    /// Created at the first gloss after a Han character: text without one never loads the
    /// readings table.
    private var check: GlossCheck?
    /// The scalar just before the input still to come; nil at the start or after bytes
    /// that are not UTF-8.
    private var scalarBefore: UInt32?
    /// Stream offset before which every parenthesis has been looked at.
    private var scanned = 0
    /// The page being gathered, not yet judged; its text is held.
    private var page: [Candidate] = []
    /// After a page judged for its length: its verdict, which holds until a gap.
    private var verdict: (strip: Bool, lastEnd: Int)?

    var context: TransformContext {
        .window(maxHeldBytes: Self.pageSpan + Self.pageGap + 2 * Gloss.maximumLength)
    }

    init(_ options: StripPinyinOptions) {
        self.options = options
    }

    /// A pinyin gloss after a Han character, at stream offsets.
    struct Candidate {
        var start: Int
        var end: Int
        var scalar: UInt32
        var syllable: UInt16
        var tone: UInt8
        var matches: Bool
    }

    mutating func process(_ input: TransformInput, into output: inout TransformOutput) throws -> Int {
        let bytes = input.bytes
        var writer = Writer(input: input)
        var i = max(scanned - input.offset, 0)
        var waiting = false
        while let open = Self.nextParenthesis(in: bytes, from: i) {
            let before = open == 0 ? scalarBefore : UTF8Scalars.scalar(endingAt: open, in: bytes)
            guard let before, Gloss.isHan(before) else {
                i = open + 1
                continue
            }
            let scan = Gloss.scan(bytes, at: open, isEnd: input.isEnd)
            if scan == .needMore {
                i = open
                waiting = true
                break
            }
            guard case .gloss(let gloss) = scan else {
                i = open + 1
                continue
            }
            if check == nil { check = GlossCheck() }
            if let verdict = check?.check(gloss, after: before) {
                let candidate = Candidate(
                    start: input.offset + open, end: input.offset + gloss.end, scalar: before,
                    syllable: verdict.syllable, tone: gloss.tone, matches: verdict.matches)
                take(candidate, &writer, &output)
            }
            i = gloss.end
        }
        if !waiting { i = bytes.count }
        scanned = input.offset + i
        if let last = page.last, input.isEnd || scanned - last.end >= Self.pageGap {
            judgePage(&writer, &output)
        }
        var consumed = page.first.map { $0.start - input.offset } ?? i
        if !input.isEnd && consumed == bytes.count {
            consumed -= UTF8Boundaries.incompleteSuffixLength(bytes)
        }
        writer.finish(upTo: consumed, &output)
        if consumed > 0 { scalarBefore = UTF8Scalars.scalar(endingAt: consumed, in: bytes) }
        return consumed
    }

    /// Decides a gloss now, or adds it to the page being gathered.
    private mutating func take(_ candidate: Candidate, _ writer: inout Writer, _ output: inout TransformOutput) {
        guard options.mode == .verified && options.pageCheck else {
            if candidate.matches || options.mode == .all { writer.remove(candidate, options, &output) }
            return
        }
        if let (strip, lastEnd) = verdict {
            if candidate.start - lastEnd < Self.pageGap {
                if strip && candidate.matches { writer.remove(candidate, options, &output) }
                verdict = (strip, candidate.end)
                return
            }
            verdict = nil
        }
        if let first = page.first, let last = page.last {
            if candidate.start - last.end >= Self.pageGap {
                judgePage(&writer, &output)
            } else if candidate.end - first.start > Self.pageSpan {
                let strip = judgePage(&writer, &output)
                if strip && candidate.matches { writer.remove(candidate, options, &output) }
                verdict = (strip, candidate.end)
                return
            }
        }
        page.append(candidate)
    }

    /// Judges the page gathered and writes it out; returns whether its glosses went.
    @discardableResult
    private mutating func judgePage(_ writer: inout Writer, _ output: inout TransformOutput) -> Bool {
        let strip = Self.looksConverted(page)
        if strip {
            for candidate in page where candidate.matches { writer.remove(candidate, options, &output) }
        }
        page.removeAll(keepingCapacity: true)
        return strip
    }

    /// The page check: at least three glosses, every one a reading of its character, each
    /// character always glossed alike, and some character glossed more than once — what a
    /// converter that glosses a list of characters produces, and a person teaching
    /// readings seldom does.
    static func looksConverted(_ page: [Candidate]) -> Bool {
        guard page.count >= 3, page.allSatisfy(\.matches) else { return false }
        var glossOf: [UInt32: (syllable: UInt16, tone: UInt8)] = [:]
        var repeated = false
        for candidate in page {
            let gloss = (syllable: candidate.syllable, tone: candidate.tone)
            if let earlier = glossOf.updateValue(gloss, forKey: candidate.scalar) {
                guard earlier == gloss else { return false }
                repeated = true
            }
        }
        return repeated
    }

    /// The next "(" or the lead byte of a "（" (or of what may be one, at the end), from
    /// `start` on.
    @inline(__always)
    static func nextParenthesis(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        let count = bytes.count
        guard start < count, let base = bytes.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        var i = start
        while i < count {
            // Eight bytes at a time past text with neither "(" nor 0xEF (the lead byte of
            // full-width punctuation); byte by byte through a word that has one.
            var stop = i &+ 1
            if i &+ 8 <= count {
                let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if !hasByte(word, 0x2828_2828_2828_2828) && !hasByte(word, 0xEFEF_EFEF_EFEF_EFEF) {
                    i &+= 8
                    continue
                }
                stop = i &+ 8
            }
            while i < stop {
                let byte = base[i]
                if byte == UInt8(ascii: "(") { return i }
                if byte == 0xEF && (i &+ 2 >= count || (base[i &+ 1] == 0xBC && base[i &+ 2] == 0x88)) { return i }
                i &+= 1
            }
        }
        return nil
    }

    /// Whether a byte of `word` equals the byte repeated in `pattern`.
    @inline(__always)
    static func hasByte(_ word: UInt64, _ pattern: UInt64) -> Bool {
        let x = word ^ pattern
        return (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080 != 0
    }
}

/// Writes one call's output: the input as it is, less the glosses removed.
private struct Writer {
    let input: TransformInput
    /// Input before this index has been written.
    var copied = 0

    init(input: TransformInput) {
        self.input = input
    }

    mutating func remove(_ candidate: StripPinyinTransform.Candidate, _ options: StripPinyinOptions, _ output: inout TransformOutput) {
        let range = (candidate.start - input.offset)..<(candidate.end - input.offset)
        output.passThrough(copied..<range.lowerBound, of: input)
        output.replace(range, of: input, with: EmptyCollection(), reason: Self.reason(candidate, range, input, options))
        copied = range.upperBound
    }

    mutating func finish(upTo end: Int, _ output: inout TransformOutput) {
        if end > copied { output.passThrough(copied..<end, of: input) }
        copied = max(copied, end)
    }

    private static func reason(
        _ candidate: StripPinyinTransform.Candidate, _ range: Range<Int>, _ input: TransformInput,
        _ options: StripPinyinOptions
    ) -> String {
        let gloss = String(decoding: UnsafeBufferPointer(rebasing: input.bytes[range]), as: UTF8.self)
        let character = Unicode.Scalar(candidate.scalar).map { String(Character($0)) } ?? "?"
        if candidate.matches {
            let readings = PinyinReadings.shared.readings(of: candidate.scalar)
            return "pinyin gloss \(gloss) after \(character) removed: a reading of \(character) (readings \(readings.joined(separator: " ")))"
        }
        return "pinyin-looking gloss \(gloss) after \(character) removed (mode=all; not a reading of \(character))"
    }
}
