/// Big5 read by a strict GBK decoder, or GBK by a strict Big5 one (Python's, Java's).
///
/// Such a decoder writes U+FFFD for a lead byte that makes no pair with the byte after it
/// (GBK's user-defined rows AA–AF, F8–FE and A1–A7 before 40–A0, where Big5 has 的, 是 and
/// a thousand more; Big5's missing rows C7–C8, where GBK has 请, 人, 全), and goes on
/// with that next byte as a lead, out of step, until an error or ASCII puts it back in
/// step. Every byte but the unread leads is still in the text: encoded back, the line is
/// the original bytes with a gap for each U+FFFD, and decodes from its start in step.
/// The lead of each gap is one of the few the decoder could not read before the byte
/// after it: the character the likeliest of them makes between its neighbours is taken
/// when it is clearly likelier than the others, and said so; else the character is lost.
extension WholeLineUndo {
    init?(strictlyRead line: ArraySlice<UInt32>, as readAs: LegacyCodec, actually actual: LegacyCodec, model: LanguageModel) {
        // Such a line is Chinese read as Chinese: mostly East Asian characters (the rest
        // the Greek, Cyrillic and symbols of GBK's and Big5's first rows), some U+FFFD
        // (fewer than three in five) and ASCII. Text garbled otherwise (GBK read as UTF-8,
        // whose U+FFFD stand among letters GBK lacks) is none of this.
        var eastAsian = 0, marks = 0, other = 0
        for scalar in line where scalar >= 0x80 {
            if scalar == 0xFFFD { marks += 1 } else if SpanWindows.isEastAsian(scalar) { eastAsian += 1 } else { other += 1 }
        }
        guard marks > 0, other <= eastAsian, marks * 5 < (eastAsian + marks) * 3 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(line.count * 2)
        var gaps: [Int] = []
        var unencodable = 0
        var unencodableAt: [Int: UInt32] = [:]
        for scalar in line {
            if scalar == 0xFFFD {
                gaps.append(bytes.count)
                bytes.append(0)
            } else if !readAs.encode(scalar, into: &bytes) {
                // A pair that decoder reads and ICU's does not (Python's Big5 has ETEN's
                // kana and Cyrillic in C6–C7, where Windows has private use, and GBK has
                // 请, 前, 情): both its bytes are gaps.
                guard (0x0400...0x04FF).contains(scalar) || (0x3040...0x30FF).contains(scalar) else { return nil }
                unencodable += 1
                unencodableAt[bytes.count] = scalar
                unencodableAt[bytes.count + 1] = scalar
                gaps += [bytes.count, bytes.count + 1]
                bytes += [0, 0]
            }
        }
        guard !gaps.isEmpty, unencodable * 4 <= line.count else { return nil }
        var losses: [Loss] = []
        var q = 0, nextGap = 0
        // The character of `pair` (with `unread` the offset of the byte in the gap) that is
        // clearly likeliest between its neighbours, its gap filled with a byte the decoder
        // could not read as a lead before the byte after the gap.
        func guess(_ pair: [UInt8], unread: Int, after: UInt8?, atEnd: Bool = false) -> (UInt32, Loss) {
            let previous = replacement.last
            let following = q + 2 < bytes.count && (nextGap >= gaps.count || gaps[nextGap] != q + 2)
                ? actual.decode(at: q + 2, in: bytes)?.0 : nil
            var candidate = pair
            let unreadBytes = (UInt8(0x81)...0xFE).lazy.filter { byte in
                !readAs.readsAlone(byte) && !(after.map { readAs.strictlyReadsPair(byte, $0) } ?? false)
            }
            // A trail lost at the line's end has too many candidates (every lead the
            // decoder met alone) to guess from.
            guard !atEnd, let best = Self.clearlyLikeliestChinese(filling: unreadBytes, after: previous, before: following, model: model, { byte in
                candidate[unread] = byte
                guard let (scalar, length) = actual.decode(at: 0, in: candidate), length == 2 else { return nil }
                return scalar
            })
            else {
                lostMarks.append(replacement.count)
                candidate[unread] = 0
                if let scalar = unencodableAt[q + unread] { return (0xFFFD, .notInTable(scalar, bytes: 1)) }
                return (0xFFFD, .unreadBytes(sequence: UpToFourBytes(candidate), at: UpToFourBytes(CollectionOfOne(UInt8(unread))), guess: nil))
            }
            candidate[unread] = best.byte
            return (best.scalar, .unreadBytes(sequence: UpToFourBytes(candidate), at: UpToFourBytes(CollectionOfOne(UInt8(unread))), guess: best.scalar))
        }
        while q < bytes.count {
            if q + 1 < bytes.count, nextGap < gaps.count, gaps[nextGap] == q + 1, bytes[q] >= 0x81, !actual.readsAlone(bytes[q]) {
                // A lead whose trail is in the gap: the decoder, out of step, could not read
                // that trail as a lead before the byte after it.
                nextGap += 1
                let (scalar, loss) = guess([bytes[q], 0], unread: 1, after: q + 2 < bytes.count ? bytes[q + 2] : nil, atEnd: q + 2 >= bytes.count)
                replacement.append(scalar)
                losses.append(loss)
                q += 2
                continue
            }
            guard nextGap < gaps.count, gaps[nextGap] == q else {
                guard let (scalar, length) = actual.decode(at: q, in: bytes) else { return nil }
                // A pair ending in an ASCII byte is a rare extension of GBK; in its common
                // characters both bytes are high.
                if length == 2, bytes[q + 1] < 0x80, actual.hasHighPairs { return nil }
                replacement.append(scalar)
                q += length
                continue
            }
            nextGap += 1
            let trailIsGap = nextGap < gaps.count && gaps[nextGap] == q + 1
            guard q + 1 < bytes.count, !trailIsGap else {
                // Nothing after the unread lead, or the byte after it unread too.
                let length = q + 1 < bytes.count ? 2 : 1
                if trailIsGap { nextGap += 1 }
                lostMarks.append(replacement.count)
                replacement.append(0xFFFD)
                if let scalar = unencodableAt[q] ?? unencodableAt[q + length - 1] {
                    losses.append(.notInTable(scalar, bytes: (q..<(q + length)).count { unencodableAt[$0] != nil }))
                } else {
                    losses.append(.unreadBytes(sequence: UpToFourBytes(SIMD4(), count: length), at: UpToFourBytes(SIMD4(0, 1, 2, 3), count: length), guess: nil))
                }
                q += length
                continue
            }
            let trail = bytes[q + 1]
            let (scalar, loss) = guess([0, trail], unread: 0, after: trail)
            replacement.append(scalar)
            losses.append(loss)
            q += 2
        }
        stretches.append((line.count, replacement.count, losses))
    }
}
