/// Which clean text a kind garbles.
enum TextSource: String {
    case simplified, traditional, japanese, korean
}

/// A kind of mojibake made by one misreading of clean text.
struct MisreadingKind {
    var name: String
    var text: TextSource
    var misreading: Misreading
    /// Line lengths (in characters) for whole-line cases: layered kinds grow fast.
    var lineLengths: ClosedRange<Int> = 8...60
}

extension Codecs {
    /// Every kind made by decoding with the wrong codec, in the order of the README.
    var misreadingKinds: [MisreadingKind] {
        [
            MisreadingKind(name: "utf8-as-gbk", text: .simplified, misreading: Misreading(source: utf8, wrong: gbk)),
            MisreadingKind(name: "utf8-as-gb18030", text: .simplified, misreading: Misreading(source: utf8, wrong: gb18030)),
            MisreadingKind(name: "utf8-as-big5", text: .traditional, misreading: Misreading(source: utf8, wrong: big5)),
            MisreadingKind(name: "utf8-as-shift_jis", text: .simplified, misreading: Misreading(source: utf8, wrong: shiftJIS)),
            MisreadingKind(name: "utf8-as-latin1", text: .simplified, misreading: Misreading(source: utf8, wrong: latin1)),
            MisreadingKind(name: "utf8-as-cp1252", text: .simplified, misreading: Misreading(source: utf8, wrong: cp1252)),
            MisreadingKind(
                name: "utf8-as-cp1252-x2", text: .simplified,
                misreading: Misreading(source: utf8, wrong: cp1252, layers: [cp1252]), lineLengths: 6...30),
            MisreadingKind(
                name: "utf8-as-cp1252-x3", text: .simplified,
                misreading: Misreading(source: utf8, wrong: cp1252, layers: [cp1252, cp1252]),
                lineLengths: 4...16),
            MisreadingKind(name: "gbk-as-latin1", text: .simplified, misreading: Misreading(source: gbk, wrong: latin1)),
            MisreadingKind(name: "gbk-as-cp1252", text: .simplified, misreading: Misreading(source: gbk, wrong: cp1252)),
            MisreadingKind(name: "gbk-as-cp1250", text: .simplified, misreading: Misreading(source: gbk, wrong: cp1250)),
            MisreadingKind(name: "big5-as-gbk", text: .traditional, misreading: Misreading(source: big5, wrong: gbk)),
            MisreadingKind(name: "gbk-as-big5", text: .simplified, misreading: Misreading(source: gbk, wrong: big5)),
            MisreadingKind(name: "euckr-as-latin1", text: .korean, misreading: Misreading(source: eucKR, wrong: latin1)),
            MisreadingKind(name: "sjis-as-latin1", text: .japanese, misreading: Misreading(source: shiftJIS, wrong: latin1)),
        ]
    }
}

/// Draws clean lines of each source and makes the cases of each kind.
struct CaseMaker {
    var corpus: Corpus
    var traditionalize: Traditionalizer
    var codecs: Codecs
    /// Cases per kind; half whole-line, half span (misaligned-gbk: see there).
    var perKind: Int
    var random: SeededRandom

    /// Candidate lines of a source: many more than needed, drawn deterministically.
    func lines(_ source: TextSource, lengths: ClosedRange<Int>, count: Int, label: String) -> [String] {
        var random = random.derived(label)
        switch source {
        case .japanese: return random.shuffled(Samples.japanese)
        case .korean: return random.shuffled(Samples.korean)
        case .simplified, .traditional:
            // Mostly headlines (short, everyday words), some legal text (formal register).
            let legalCount = count / 5
            var lines =
                Corpus.sample(corpus.headlines, count: count - legalCount, lengths: lengths, random: &random)
                + Corpus.sample(corpus.legal, count: legalCount, lengths: lengths, random: &random)
            if source == .traditional { lines = lines.map { traditionalize($0) } }
            return random.shuffled(lines)
        }
    }

    func make(_ kind: MisreadingKind) -> [MojibakeCase] {
        let wanted = perKind / 2
        var cases: [MojibakeCase] = []
        let how = kind.misreading.how
        for line in lines(kind.text, lengths: kind.lineLengths, count: wanted * 4, label: kind.name + "/line") {
            guard cases.count < wanted else { break }
            guard let result = kind.misreading.apply(to: line) else { continue }
            cases.append(
                MojibakeCase(
                    kind: kind.name, scope: .line, original: line, garbled: result.garbled,
                    recoverable: result.recoverable, lost: result.lost, best: result.best, how: how))
        }
        // Spans: a few words inside a longer clean line. The sample sentences are
        // few, so each is used for several spans at different places.
        var random = random.derived(kind.name + "/span")
        var pool = lines(kind.text, lengths: 12...100, count: wanted * 4, label: kind.name + "/span")
        if kind.text == .japanese || kind.text == .korean { pool += pool + pool + pool }
        for line in pool {
            guard cases.count < 2 * wanted else { break }
            let characters = Array(line)
            guard characters.count >= 6 else { continue }
            let length = random.int(2...min(6, characters.count - 3))
            let start = random.int(1...(characters.count - length - 1))
            let span = String(characters[start..<(start + length)])
            guard span.unicodeScalars.contains(where: { $0.value >= 0x80 }),
                let result = kind.misreading.apply(to: span)
            else { continue }
            let prefix = String(characters[..<start])
            let suffix = String(characters[(start + length)...])
            let original = prefix + span + suffix
            cases.append(
                MojibakeCase(
                    kind: kind.name, scope: .span, original: original,
                    garbled: prefix + result.garbled + suffix, recoverable: result.recoverable,
                    lost: result.lost.map { "in span \"\(span)\": \($0)" },
                    best: result.best.map { prefix + $0 + suffix }, how: how))
        }
        return cases
    }

    /// GBK streams that lost or gained one byte: the decoder reads every pair after it
    /// shifted until an ASCII byte lands where a lead byte is expected. Cases with clean
    /// text left on either side are `span`, wholly garbled lines `line`; each scope with
    /// deletion and with insertion, a quarter each.
    func makeMisaligned() -> [MojibakeCase] {
        var random = random.derived("misaligned-gbk")
        let quarter = max(1, perKind * 5 / 16)  // 120 cases for the default 100 per kind
        var counts: [String: Int] = [:]
        var cases: [MojibakeCase] = []
        let candidates = lines(.simplified, lengths: 10...90, count: perKind * 40, label: "misaligned-gbk")
        for (index, simplified) in candidates.enumerated() {
            guard cases.count < 4 * quarter else { break }
            // Half traditional, as on the content-farm page.
            let line = index % 2 == 0 ? traditionalize(simplified) : simplified
            guard let bytes = codecs.gbk.encode(line) else { continue }
            let high = bytes.indices.filter { bytes[$0] >= 0x80 }
            guard !high.isEmpty else { continue }
            // Some slips in the first character, so that whole lines come out garbled.
            let at = random.chance(0.4) ? high[random.int(0...min(1, high.count - 1))] : random.pick(high)
            let deleting = random.chance(0.5)
            let slip: ByteSlip = deleting ? .delete(at: at) : .insert(UInt8(random.int(0x81...0xFE)), at: at)
            let misreading = Misreading(source: codecs.gbk, wrong: codecs.gbk, slip: slip)
            guard let result = misreading.apply(to: line) else { continue }
            let scope = Self.partlyClean(line, result.garbled) ? MojibakeCase.Scope.span : .line
            let bucket = "\(scope)-\(deleting)"
            guard counts[bucket, default: 0] < quarter else { continue }
            counts[bucket, default: 0] += 1
            cases.append(
                MojibakeCase(
                    kind: "misaligned-gbk", scope: scope, original: line, garbled: result.garbled,
                    recoverable: result.recoverable,
                    lost: result.lost,
                    best: result.best, how: misreading.how))
        }
        return cases
    }

    /// Whether some of the line is still clean: the slip came after its start, or the
    /// decoder got back in step before its end.
    static func partlyClean(_ original: String, _ garbled: String) -> Bool {
        let a = Array(original), b = Array(garbled)
        var prefix = 0
        while prefix < min(a.count, b.count), a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < min(a.count, b.count) - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] {
            suffix += 1
        }
        return prefix > 0 || suffix > 0
    }
}
