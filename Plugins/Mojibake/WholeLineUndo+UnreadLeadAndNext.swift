import FixTextCore

/// Characters whose first bytes went into one mark that a Shift-JIS or Big5 decoder wrote
/// for a lead byte and the byte after it ("?" from ICU, "・" from Windows' code page 932).
extension WholeLineUndo {
    /// The character whose lead and the byte after it went into one "?" (or "・") that a
    /// Shift-JIS or Big5 decoder wrote for them, as they made no pair, and whose `known`
    /// last bytes follow the mark at `q`: "，" (EF BC 8C) after Chinese read as code page
    /// 932 is "・" then 8C's half of the next pair, since 932 has no pair EF BC. Of the
    /// characters whose first two bytes the decoder cannot read, the one far likelier
    /// than the others between its neighbours is taken; when none is, it is lost.
    static func withUnreadLeadAndNext(
        known: [UInt8], at q: Int, in buffer: UnsafeBufferPointer<UInt8>, readAs: LegacyCodec, model: LanguageModel
    ) -> (UInt32, Loss, Int) {
        let lost = (UInt32(0xFFFD), Loss.unreadBytes(sequence: UpToFourBytes([0, 0] + known), at: UpToFourBytes([0, 1]), guess: nil), 1 + known.count)
        // Characters of three bytes: CJK. (Four, with two known, are too rare to weigh.)
        guard known.count == 1 else { return lost }
        let previous = q > 0 ? UTF8Scalars.scalar(endingAt: q, in: buffer) : nil
        let following = q + 2 < buffer.count ? UTF8Scalars.scalar(at: q + 2, in: buffer) : nil
        let afterHangul = previous.map(Self.isHangul) ?? true
        // Candidates come cheapest first: once one's own cost, less the most any neighbours
        // can take off, is further behind the best so far than the margin, no later one is
        // a rival; nor is one whose own neighbours cannot take off that much.
        let pairs = PairBonuses.shared
        let mostBonus = 2 * max(pairs.largestBonus, model.bigramBonus / 2)
        var likeliest = Likeliest<LeadAndNext>()
        for candidate in LeadAndNext.candidates(last: known[0], readAs: readAs, model: model) {
            if let best = likeliest.best {
                let reach = best.cost + clearlyLikelier
                if candidate.cost - mostBonus > reach { break }
                if candidate.cost - pairs.mostBonus(for: candidate.scalar, after: previous != nil, before: following != nil, model: model) > reach { continue }
            }
            guard afterHangul || !Self.isHangul(candidate.scalar) else { continue }
            likeliest.weigh(candidate, cost: model.lessWordBonuses(candidate.cost, for: candidate.scalar, after: previous, before: following).cost)
        }
        guard let best = likeliest.clear(by: clearlyLikelier) else { return lost }
        return (best.scalar, .unreadBytes(sequence: UpToFourBytes([best.lead, best.next] + known), at: UpToFourBytes([0, 1]), guess: best.scalar), 2)
    }

    /// A character of three bytes all of which went into two marks a Shift-JIS or Big5
    /// decoder wrote (its lead and the byte after it, then its last byte with whatever
    /// followed), at `q`. At a line's end after a Chinese character, where the last byte
    /// met nothing to pair with, "！" or "？" (EF BC 81, EF BC 9F: 932 has no pair EF BC,
    /// and 81 and 9F lead pairs) is taken as the sentence asks, when the decoder could
    /// have written the two marks for it; elsewhere the character is lost, and so is the
    /// byte the second mark took after it ("（2016）" read by Windows is "・・016・臥").
    static func withWholeCharacterUnread(
        at q: Int, in buffer: UnsafeBufferPointer<UInt8>, asks: Bool, readAs: LegacyCodec
    ) -> (UInt32, Loss, Int) {
        let atEnd = q + 2 == buffer.count
        let previous = q > 0 ? UTF8Scalars.scalar(endingAt: q, in: buffer) : nil
        if atEnd, previous.map(LanguageModel.isHan) == true {
            let mark = exclamationOrQuestion(0xFF01, asks: asks)
            let bytes = Array(String(Unicode.Scalar(mark)!).utf8)
            if !readAs.readsAlone(bytes[0]), readAs.character(lead: bytes[0], trail: bytes[1]) == 0, !readAs.readsAlone(bytes[2]) {
                return (mark, .unreadBytes(sequence: UpToFourBytes(bytes), at: UpToFourBytes([0, 1, 2]), guess: mark), 2)
            }
        }
        let lost = Loss.unreadBytes(sequence: UpToFourBytes([0, 0, 0]), at: UpToFourBytes([0, 1, 2]), guess: nil)
        return (0xFFFD, atEnd ? lost : .unreadWithNextByte, 2)
    }
}

/// A character of three UTF-8 bytes whose lead and second byte a decoder could not read
/// as a pair: a candidate for a mark that stood for them.
struct LeadAndNext: Sendable {
    let lead: UInt8, next: UInt8, scalar: UInt32
    /// Its cost in the languages the reading is of (Chinese for Big5).
    let cost: Int

    /// For each last byte (80–BF), the characters the mark may have stood for the first
    /// two bytes of, cheapest first: built once for each encoding.
    static func candidates(last: UInt8, readAs: LegacyCodec, model: LanguageModel) -> [LeadAndNext] {
        let all = cache.value(for: readAs.name) { () -> [[LeadAndNext]] in
            var byLast = [[LeadAndNext]](repeating: [], count: 64)
            for lead: UInt8 in 0xE0...0xEF where !readAs.readsAlone(lead) {
                for next: UInt8 in 0x80...0xBF where readAs.character(lead: lead, trail: next) == 0 {
                    for last in 0..<64 {
                        let scalar = UInt32(lead & 0x0F) << 12 | UInt32(next & 0x3F) << 6 | UInt32(last)
                        guard scalar >= 0x800, !(0xD800...0xDFFF).contains(scalar), SpanWindows.isEastAsianCharacter(scalar),
                              !readAs.isChinese || !(0x3040...0x30FF).contains(scalar)
                        else { continue }
                        // Text read as Big5 is Chinese, and weighed as such (kana are cheap
                        // in Japanese); text read as Shift-JIS may be either.
                        let cost = readAs.isChinese ? model.chineseCost(scalar) : model.cheapestCost(scalar)
                        byLast[last].append(LeadAndNext(lead: lead, next: next, scalar: scalar, cost: cost))
                    }
                }
            }
            return byLast.map { $0.sorted { $0.cost < $1.cost } }
        }
        return all[Int(last & 0x3F)]
    }

    private static let cache = SharedCache<String, [[LeadAndNext]]>()
}
