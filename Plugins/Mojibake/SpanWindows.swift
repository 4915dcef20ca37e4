import FixTextCore
/// The stretches of a run that may be a misreading: where the run's bytes (in the
/// encoding the text was wrongly read as) decode as valid text in the actual encoding,
/// from a character boundary to a character boundary on both sides.
///
/// Each stretch comes as a group of alternatives that leave out its first or last
/// characters, in case clean text next to the mojibake happened to decode too (the GBK
/// bytes of 一 are valid UTF-8 for һ).
struct SpanWindows {
    /// (Variable only so that its buffers can be given back when the search is done.)
    var run: RunBytes
    let scalars: [UInt32]
    /// The actual encoding; nil for UTF-8.
    let actual: LegacyCodec?
    /// Whether the misreading is common enough that one repaired character is evidence:
    /// UTF-8 read as windows-1252, Latin-1 or windows-1251.
    let trustsSingleCharacters: Bool
    /// UTF-8 read as windows-1252, whose C1 controls may have been removed since (see
    /// ``decodeWithDroppedControl(at:)``).
    let mayHaveDroppedControls: Bool
    let evidence: Evidence
    let suspicion: SuspicionTable
    /// Buffers reused from one call to the next.
    let scratch: SpanScratch

    /// The most characters left out at either end of a stretch, as alternatives.
    static let trimmed = 2
    /// The most characters left out at the start of a stretch read as Shift-JIS.
    static let trimmedBeforeShiftJIS = 8
    /// A character this costly in every language is as good as never seen in real text.
    static let rareCost = 100

    static let question = UInt32(UInt8(ascii: "?"))
    static let realignMargin = 4
    static let asciiInStretchCost = 40

    func groups() -> [[Repair]] {
        var result: [[Repair]] = []
        let bytes = run.bytes
        // Taken from the scratch for the call and given back at its end (see SpanScratch).
        var decoded = SpanScratch.take(&scratch.decoded), boundaries = SpanScratch.take(&scratch.boundaries)
        var ends = SpanScratch.take(&scratch.ends)
        defer { scratch.decoded = decoded; scratch.boundaries = boundaries; scratch.ends = ends }
        var p = 0
        while p < bytes.count {
            guard run.isCharacterStart(p), bytes[p] >= 0x80 else {
                p += 1
                continue
            }
            p = aligned(p)
            // Decode as far as the bytes stay valid, noting where both sides are at a
            // character boundary.
            var q = p
            // Most stretches end before they start (the first character does not
            // decode), and leave these empty: emptied only when needed, since emptying is
            // a call that costs as much as such a stretch.
            if !decoded.isEmpty { decoded.removeAll(keepingCapacity: true) }
            if !boundaries.isEmpty { boundaries.removeAll(keepingCapacity: true) }
            // A stretch may end at the first boundary after a character beyond ASCII; ASCII
            // that follows is the same either way, and is left out (but not an ASCII byte
            // that was half of a garbled character: "瀛梉" is 字 and "[").
            var changedSinceBoundary = false
            // Bytes put back into decoded characters (see SpanWindows+LostBytes), by where:
            // those guesses are reported. Most stretches have none.
            var restored: [(decoded: Int, bytes: Int)] = []
            while q < bytes.count, let (scalar, length) = decode(at: q) {
                if actual == nil, scalar != 0xFFFD, UTF8Scalars.length(of: scalar) > length {
                    restored.append((decoded.count, UTF8Scalars.length(of: scalar) - length))
                }
                decoded.append(scalar)
                q += length
                if scalar >= 0x80 { changedSinceBoundary = true }
                if changedSinceBoundary && run.isCharacterStart(q) {
                    boundaries.append((q, decoded.count))
                    changedSinceBoundary = false
                }
            }
            // Where decoding stopped, a Windows decoder may have met the first bytes of a
            // character without their end and written "?" for them: the character is
            // lost, and U+FFFD marks where it was.
            let tail = actual == nil ? lostTail(from: q) : nil
            guard !boundaries.isEmpty || tail != nil else {
                p += 1
                continue
            }
            if !ends.isEmpty { ends.removeAll(keepingCapacity: true) }
            if let tail {
                ends.append((q, tail.end, decoded.count, true))
            }
            for end in boundaries.suffix(Self.trimmed + 1).reversed() {
                ends.append((end.byte, run.scalarIndex(atByte: end.byte), end.decoded, false))
            }
            var group: [Repair] = []
            // Shift-JIS reads most of GBK's bytes alone as half-width katakana, so a stretch
            // of Japanese read as GBK may start far back in the Chinese before it, out of step
            // until the kana (文件名：偙偺僼傽 read from 文 gets in step only at 偙): more of its
            // start may be left out.
            let leadingTrims = actual?.isShiftJIS == true ? Self.trimmedBeforeShiftJIS : Self.trimmed
            // An alternative that leaves garbled characters as they are is never the better
            // one: trims are for clean text beside the mojibake that happened to decode.
            let stretchStart = run.scalarIndex(atByte: p)
            let fullest = ends.first?.upper ?? stretchStart
            for end in ends {
                if end.upper < fullest, scalars[end.upper..<fullest].contains(where: suspicion.isSuspicious) { continue }
                var startByte = p
                for k in 0...leadingTrims where k < max(1, end.decoded) {
                    if k > 0 { startByte += byteLength(of: decoded[k - 1]) }
                    guard run.isCharacterStart(startByte) else { continue }
                    if k > 0, scalars[stretchStart..<run.scalarIndex(atByte: startByte)].contains(where: suspicion.isSuspicious) { break }
                    var replacement = Array(decoded[min(k, end.decoded)..<end.decoded])
                    if end.tail { replacement.append(0xFFFD) }
                    let range = run.scalarIndex(atByte: startByte)..<end.upper
                    guard isEnoughEvidence(original: scalars[range], replacement: replacement),
                          isCredible(replacement, around: range)
                    else { continue }
                    var lost: [Loss] = []
                    let put = restored.reduce(0) { (min(k, end.decoded)..<end.decoded).contains($1.decoded) ? $0 + $1.bytes : $0 }
                    if put > 0 { lost.append(.restoredBytes(count: put)) }
                    if end.tail, let tail { lost.append(tail.loss) }
                    group.append(Repair(range: range, replacement: replacement, chain: [], confidence: 0, lost: lost))
                }
            }
            var next = tail.map { $0.end < run.offset + run.count ? run.byteOffset(ofScalar: $0.end) : bytes.count } ?? boundaries.last!.byte
            // ASCII puts a double-byte decoder back in step, so garbled text after ASCII
            // is also a stretch of its own: "ä¸­æ–‡ and ÖÐÎÄ" read from its start is no
            // GBK, but "ÖÐÎÄ" is 中文. The two compete.
            if let actual, actual.isMultiByte, !run.isDoubleByte, let restart = restart(after: p, before: next) { next = restart }
            if !group.isEmpty { result.append(group) }
            p = next
        }
        return result
    }

    /// The first byte above ASCII after an ASCII character that follows one above ASCII,
    /// between `start` and `end`; nil if none.
    private func restart(after start: Int, before end: Int) -> Int? {
        let bytes = run.bytes
        var q = start
        while q < end, bytes[q] >= 0x80 { q += 1 }
        guard q > start else { return nil }
        while q < end, bytes[q] < 0x80 { q += 1 }
        return q < end && run.isCharacterStart(q) ? q : nil
    }

    /// Where a stretch of double-byte text read as a single-byte encoding starts: at `p`,
    /// or a byte later when the byte at `p` is not part of it and would put every
    /// following pair out of step. Only a byte below 0xA1 is in doubt: GB2312, Big5 and
    /// EUC-KR characters are made of higher bytes, so such a byte (a real curly quote or
    /// dash, read as windows-1252) starts a GBK character only in its rare extensions.
    /// The alignment whose first characters are commoner text wins.
    private func aligned(_ p: Int) -> Int {
        guard let actual, actual.isMultiByte, !run.isDoubleByte, !actual.isShiftJIS,
              run.bytes[p] < 0xA1, p + 2 < run.bytes.count, run.bytes[p + 1] >= 0xA1
        else { return p }
        return alignmentCost(p + 1, actual) + Self.realignMargin < alignmentCost(p, actual) ? p + 1 : p
    }

    /// The mean cost of the first characters decoded from `start`, up to where decoding
    /// stops; unseen when not even one character decodes.
    private func alignmentCost(_ start: Int, _ actual: LegacyCodec) -> Int {
        let characters = 6
        var q = start, total = 0, count = 0
        while count < characters, q < run.bytes.count, let (scalar, length) = actual.decode(at: q, in: run.bytes) {
            // An ASCII character inside garbled double-byte text is a sign of pairs out of
            // step (a lead byte left without its partner), so it is not free.
            total += scalar < 0x80 ? Self.asciiInStretchCost : evidence.model.cheapestCost(scalar)
            q += length
            count += 1
        }
        return count == 0 ? LanguageModel.unseenCost : total / count
    }

    /// The character at byte `q` of the run in the actual encoding, and its length.
    private func decode(at q: Int) -> (UInt32, Int)? {
        if let actual {
            guard let decoded = actual.decode(at: q, in: run.bytes) else { return nil }
            // GB2312 and KS X 1001 characters, nearly all of real GBK and EUC-KR text, are
            // made of two bytes above ASCII; a pair ending in an ASCII byte is one of their
            // rare extensions, or a letter of the text around ("鈥渕ismatched").
            if decoded.1 == 2, !run.isDoubleByte, run.bytes[q + 1] < 0x80, actual.hasHighPairs {
                return nil
            }
            return decoded
        }
        let bytes = run.bytes
        // CESU-8: a character beyond the BMP written as two encoded surrogates, as Java
        // and old MySQL did; emoji garbled this way are common.
        if bytes[q] == 0xED, q + 5 < bytes.count, (0xA0...0xAF).contains(bytes[q + 1]), bytes[q + 2] & 0xC0 == 0x80,
           bytes[q + 3] == 0xED, (0xB0...0xBF).contains(bytes[q + 4]), bytes[q + 5] & 0xC0 == 0x80
        {
            let high = 0xD000 | UInt32(bytes[q + 1] & 0x3F) << 6 | UInt32(bytes[q + 2] & 0x3F)
            let low = 0xD000 | UInt32(bytes[q + 4] & 0x3F) << 6 | UInt32(bytes[q + 5] & 0x3F)
            return (0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00), 6)
        }
        if let decoded = bytes.withUnsafeBufferPointer({ UTF8Scalars.decode(at: q, in: $0, limit: $0.count) }) {
            // A character one of whose bytes became U+FFFD is lost ("Ñ�" was с, э or я).
            return run.hasPlaceholder(in: q..<(q + decoded.1)) ? (0xFFFD, decoded.1) : decoded
        }
        // Only a single-byte reading made 0xA0 a no-break space; double-byte ones have no
        // character for it alone.
        if run.isDoubleByte { return nil }
        if let decoded = decodeWithLostNoBreakSpace(at: q) { return decoded }
        return mayHaveDroppedControls ? decodeWithDroppedControl(at: q) : nil
    }

    private func byteLength(of scalar: UInt32) -> Int {
        actual?.byteCount(scalar) ?? UTF8Scalars.length(of: scalar)
    }

    /// One repaired character is too little evidence when the read-as encoding is
    /// double-byte: two rare characters of clean text re-decode to one common character
    /// and an ASCII letter often enough ("璇如" → "梦p").
    private func isEnoughEvidence(original: ArraySlice<UInt32>, replacement: [UInt32]) -> Bool {
        let nonASCII = replacement.count { $0 >= 0x80 && $0 != 0xFFFD }
        guard nonASCII >= 1 else {
            // "ï¿½" is U+FFFD itself read as windows-1252: three characters for each.
            let marks = replacement.count { $0 == 0xFFFD }
            // So is a lead byte before a U+FFFD that took its partner ("Ä�" was č).
            return actual == nil && !run.isDoubleByte && marks > 0 && (original.count >= 3 * marks || original.contains(0xFFFD))
        }
        // A character the language model has never seen in any language is evidence on
        // its own: 梉, 瀛 are not what clean text is made of.
        let hasUnseen = original.contains { scalar in
            LanguageModel.isHan(scalar) && evidence.model.cheapestCost(scalar) >= Self.rareCost
        }
        if hasUnseen { return true }
        if actual != nil && run.isDoubleByte {
            // Big5 read as GBK or the reverse: Chinese both ways. Only a long stretch that
            // reads far better the other way is evidence enough.
            return original.count >= 4 && original.allSatisfy(Self.isEastAsian) && replacement.count(where: LanguageModel.isHan) >= 3
        }
        if actual != nil {
            // Letter soup, not a row of one symbol: "ÖÐÎÄ" yes; "——" or "······" (which are
            // bytes of GBK too) no; but four of Latin-1's symbols in a row, three of them
            // different, beside East Asian text, which GBK's characters with leads A1–BF make
            // (¡£±¾ is 。本) and its text hardly has ("½¼¾² fractions" stays). C1 controls
            // and ‚ ƒ „ (the bytes 82–84, which lead Shift-JIS kana and GBK characters) are no
            // text's symbols either.
            return original.contains { (0xC0...0x24F).contains($0) && $0 != 0xD7 && $0 != 0xF7 }
                || original.contains { (0x80...0x9F).contains($0) || (0x201A...0x201E).contains($0) && $0 != 0x201C && $0 != 0x201D || $0 == 0x192 }
                || Repairer.mixesBoxDrawingAndLetters(original)
                || WholeLineUndo.hasSymbolRun(original) && isBesideEastAsian(original)
                || isPunctuationBetweenHan(original: original, replacement: replacement)
        }
        guard run.isDoubleByte else { return true }
        // UTF-8 read as a double-byte encoding makes Han, kana, Hangul and private use
        // characters; a window of Latin letters is some other mix-up ("’Ã©" is not GBK).
        // ASCII is the same either way and does not count: "Caf챕 r챕sum챕" is Latin text
        // read as EUC-KR.
        let eastAsian = original.count(where: Self.isEastAsian)
        // One character is evidence where half-width katakana stand in what it replaces:
        // in Chinese, only UTF-8 read as Shift-JIS makes them (年 is 蟷ｴ). (Japanese that
        // writes them has kana elsewhere in the line, and is let go.)
        let minimum = original.contains(where: { (0xFF61...0xFF9F).contains($0) }) && !scalars.contains(where: { (0x3040...0x30FF).contains($0) }) ? 1 : 2
        return nonASCII >= minimum && eastAsian * 2 >= original.count { $0 >= 0x80 }
    }

    /// Whether a repair that gives one character beyond ASCII from text read as a
    /// single-byte encoding is credible where it stands.
    ///
    /// A lone character can come out of two or three innocent symbols by chance ("×…" is
    /// the UTF-8 of a Hebrew point, "ë…”" of a Hangul syllable, "√π" read as MacRoman of
    /// ù), so one is taken only when it fits: from the common misreadings (UTF-8 read as
    /// windows-1252, Latin-1 or windows-1251) a Latin letter or a symbol, or a character of
    /// no other script than the nearest letters; from the rest, a Latin letter or symbol
    /// right after a Latin letter, or a character of the same script as the nearest
    /// letters (年 in "2017Äê4月").
    private func isCredible(_ replacement: [UInt32], around range: Range<Int>) -> Bool {
        var repaired = replacement.lazy.filter { $0 >= 0x80 && $0 != 0xFFFD }.makeIterator()
        guard let scalar = repaired.next() else { return true }
        if actual != nil, isInsideLatinWord(range), replacement.count(where: { $0 >= 0x80 }) <= 2 { return false }
        // UTF-8 read as a double-byte encoding has its own test (isEnoughEvidence).
        guard !(actual == nil && run.isDoubleByte) else { return true }
        guard repaired.next() == nil else { return trustsSingleCharacters || actual != nil || areCredibleLetters(replacement, after: range.lowerBound) || isConsolePunctuation(range) }
        // A letter before ’ or ™ is how text is written ("Ã’s", "AHÅ™"): two characters
        // ending so are no evidence of a misreading, but for "Ã™", the commonest lead
        // before a trademark sign's byte (Ù in "OÃ™", where "Ã" alone is no word).
        if range.count == 2 {
            let first = scalars[range.lowerBound], last = scalars[range.upperBound - 1]
            if last == 0x2019 || (last == 0x2122 && first != 0xC3) { return false }
        }
        let script = ScriptClass(scalar)
        let neighbours = [nearestLetter(before: range.lowerBound), nearestLetter(after: range.upperBound)].compactMap { $0 }
        let besideItsOwn = neighbours.contains(script)
        let isLatinOrSymbol = script == .latin || script == .punctuation || Self.isSymbol(scalar)
            || (script == .greek && neighbours.contains(.latin))
        guard trustsSingleCharacters || isConsolePunctuation(range) else {
            // From the rarer misreadings, a small Latin letter or a symbol only right after a
            // small Latin letter, inside or at the end of a word: "wei√ü" is weiß, "K√∂nig"
            // König (a letter before, a small one after); "= √π" is no ù, "HÅØYA" no
            // HŨYA; and small letters alone are the word's own ("Zvlášť" is Czech, not ṻ
            // read as ISO-8859-2).
            if isLatinOrSymbol, !Self.isUppercase(scalar), range.lowerBound > 0, Self.isLowercaseLatin(scalars[range.lowerBound - 1])
                || ScriptClass(scalars[range.lowerBound - 1]) == .latin && range.upperBound < scalars.count && Self.isLowercaseLatin(scalars[range.upperBound]),
               !scalars[range].allSatisfy(Self.isLowercaseLatin)
            {
                return true
            }
            return besideItsOwn && script != .latin && script != .punctuation
        }
        if isLatinOrSymbol { return true }
        if range.count <= 2 { return besideItsOwn }
        return neighbours.allSatisfy { $0 == script }
    }

    /// Whether the stretch at `range` holds an ASCII letter and runs on into a Latin word
    /// at either end, a letter before its first or after its last, or has two ASCII
    /// letters in a row inside: the "ët" of "Moët" (Big5 褮 with "t" for a second byte),
    /// the "ée" of "brûlée" and the "Šk" of "Škoda" are letters of the word, not
    /// double-byte text read as windows-1252. (ÊÖ»ú after "iPhone" has no ASCII letter,
    /// and stays a candidate.)
    private func isInsideLatinWord(_ range: Range<Int>) -> Bool {
        guard scalars[range].contains(where: Self.isASCIILetter) else { return false }
        let startsInside = range.lowerBound > 0 && ScriptClass(scalars[range.lowerBound - 1]) == .latin
            && ScriptClass(scalars[range.lowerBound]) == .latin
        let endsInside = range.upperBound < scalars.count && Self.isASCIILetter(scalars[range.upperBound]) && Self.isASCIILetter(scalars[range.upperBound - 1])
        // Two ASCII letters in a row between others are a word's middle ("gstr" in
        // "Ångström"); a double-byte character has at most one.
        var letters = 0, sandwiched = false
        for scalar in scalars[range] {
            if Self.isASCIILetter(scalar) { letters += 1 } else { if letters >= 2 && scalar >= 0x80 { sandwiched = true }; letters = 0 }
        }
        return startsInside || endsInside || sandwiched
    }

    /// Whether a repair from one of the rarer misreadings of UTF-8 that gives lone
    /// characters between ASCII gives, at least half the time, a Latin letter or symbol
    /// inside a word: after a Latin letter (but no capital after a capital) or before a
    /// small one, as repaired words do ("gâteaux", "l'Hôpital", "įdomu"); "HŨYA ER BLŨYD"
    /// and "ôaſaſ" do not.
    private func areCredibleLetters(_ replacement: [UInt32], after start: Int) -> Bool {
        var previous = start > 0 ? scalars[start - 1] : 0x20
        var lone = 0, credible = 0, runLength = 0
        for (k, scalar) in replacement.enumerated() {
            if scalar >= 0x80 && scalar != 0xFFFD {
                runLength += 1
                // Only characters that stand alone between ASCII are looked at.
                let next = k + 1 < replacement.count ? replacement[k + 1] : 0x20
                if runLength == 1 && (next < 0x80 || next == 0xFFFD) {
                    lone += 1
                    let inWord = (ScriptClass(previous) == .latin && !(Self.isUppercase(scalar) && Self.isUppercase(previous)))
                        || Self.isLowercaseLatin(next)
                    let fits = (Self.isSymbol(scalar) || ScriptClass(scalar) == .latin) && inWord
                    if fits { credible += 1 }
                }
            } else {
                runLength = 0
            }
            previous = scalar
        }
        return lone == 0 || credible * 2 >= lone
    }

    /// The script of the nearest letter within a few characters before `index`.
    private func nearestLetter(before index: Int) -> ScriptClass? {
        scalars[max(0, index - Self.neighbourhood)..<index].reversed().lazy.map(ScriptClass.init).first { $0 != .punctuation }
    }

    /// The script of the nearest letter within a few characters from `index` on.
    private func nearestLetter(after index: Int) -> ScriptClass? {
        scalars[index..<min(scalars.count, index + Self.neighbourhood)].lazy.map(ScriptClass.init).first { $0 != .punctuation }
    }

    static let neighbourhood = 4

    /// At byte `end`, where decoding stopped: the start of a UTF-8 sequence whose last
    /// bytes were replaced by "?" — the scalar index just past the "?" and a description.
    private func lostTail(from end: Int) -> (end: Int, loss: Loss)? {
        let bytes = run.bytes
        guard end < bytes.count else { return nil }
        let needed = UTF8Boundaries.sequenceLength(lead: bytes[end])
        guard needed > 1 else { return nil }
        var k = end + 1
        while k < bytes.count, k - end < needed, bytes[k] & 0xC0 == 0x80 { k += 1 }
        guard k - end < needed, run.isCharacterStart(k) else { return nil }
        let questionIndex = run.scalarIndex(atByte: k)
        // (A decoder that writes U+FFFD for what it cannot read, as browsers and Python do, leaves that.)
        guard questionIndex < scalars.count, scalars[questionIndex] == Self.question || scalars[questionIndex] == 0xFFFD else { return nil }
        return (questionIndex + 1, .truncatedCharacter(known: UpToFourBytes(bytes[end..<k]), missing: needed - (k - end)))
    }

}
