import FixTextCore

/// Undoes GBK, Big5 or EUC-KR read as windows-1252 and then partly read again as UTF-8, which is
/// what ftfy's `fix_text` does to such text: wherever two or three of its windows-1252
/// characters are the bytes of a UTF-8 character, ftfy takes them for mojibake and decodes
/// them (系统 read as windows-1252 is ÏµÍ³, which ftfy makes ϵͳ; 液压, ÒºÑ¹, becomes Һѹ).
/// Crawls cleaned with ftfy hold pages of it, and no one codec undoes it: ϵ has no
/// windows-1252 byte.
///
/// Each character of such a run was one byte, its windows-1252 one, or the bytes of its
/// UTF-8, where ftfy made it: a character windows-1252 lacks was UTF-8; one it has may have
/// been either (ÿ is FF, or C3 BF, 每, which ftfy read as UTF-8). Of the byte strings these
/// choices make, the one that decodes as the double-byte encoding at the least cost is
/// found by dynamic programming over the characters, with the lead byte left waiting for
/// its second as the state.
struct FtfyRereading {
    let evidence: Evidence
    let windows1252: LegacyCodec
    /// Built at the first character windows-1252 lacks: most lines never ask.
    let windows1250: BuiltOnFirstUse<LegacyCodec>
    let actuals: [BuiltOnFirstUse<LegacyCodec>]
    /// The single-byte encodings ftfy tries when it rereads: the characters it took for
    /// UTF-8 read as one of them (×Æ, D7 AF in windows-1257, made ׯ, U+05EF).
    let rereadAs: [BuiltOnFirstUse<LegacyCodec>]
    /// The bytes each character above ASCII may have been, worked out once: a run weighs
    /// them for each encoding, and text repeats its characters.
    private let bytesOf = BytesOfCharacter()

    private final class BytesOfCharacter {
        var known: [UInt32: [(length: Int, bytes: [UInt8])]] = [:]
    }

    /// How the misreading is named in chains (see ``Misreading/displayName(_:)``).
    static let readAs = "windows-1252+ftfy"

    init(evidence: Evidence) throws {
        self.evidence = evidence
        windows1252 = try LegacyCodec.named(LegacyCodec.sloppyWindows1252)
        windows1250 = try BuiltOnFirstUse.codec("windows-1250")
        // (Korean last: GBK's and Big5's readings are the common ones, and one sure enough
        // leaves the rest unweighed. EUC-KR's: 한글 read as windows-1252 is ÇÑ±Û, which
        // ftfy, or a UTF-8 decoder falling back to Latin-1, makes ÇѱÛ.)
        actuals = try ["windows-936-2000", "windows-950-2000", "windows-949-2000"].map { try BuiltOnFirstUse.codec($0) }
        rereadAs = try [
            "windows-1251", "windows-1250", "windows-1253", "windows-1254", "windows-1257", "iso-8859-2", "macintosh", "ibm-437",
        ].map { try BuiltOnFirstUse.codec($0) }
    }

    /// Whether ftfy could have made `scalar` of two or three windows-1252 characters: its
    /// UTF-8 is that long. Chinese, Japanese and Korean characters and punctuation are left
    /// out: a run would otherwise take in the clean text around it. (ftfy leaves no
    /// full-width or half-width forms: it makes them ASCII and kana.)
    static func isRereadable(_ scalar: UInt32) -> Bool {
        (0x80...0x2E7F).contains(scalar) || (0xA000...0xABFF).contains(scalar) || (0xD7B0...0xD7FF).contains(scalar)
            || (0xE000...0xF8FF).contains(scalar) || (0xFB00...0xFEFF).contains(scalar) || (0xFFF0...0xFFFC).contains(scalar)
    }

    /// Whether `scalars` has a sign of ftfy's rereading: a character windows-1252 lacks that
    /// ftfy makes, beside one windows-1252 has above ASCII.
    func isRereadLine(_ scalars: [UInt32]) -> Bool {
        var sawRereadOnly = false, sawHigh = false
        for scalar in scalars where scalar >= 0x80 {
            if windows1252.canEncode(scalar) {
                sawHigh = true
            } else if !sawRereadOnly, isRereadOnly(scalar) {
                // (Asked until one is found: the Chinese characters of a line garbled as
                // anything else would each ask it.)
                sawRereadOnly = true
            }
            if sawRereadOnly && sawHigh { return true }
        }
        return false
    }

    /// Whether `scalars` may be double-byte text read as windows-1252 that ftfy reread only
    /// into characters windows-1252 has (拿出来 read as windows-1252 is ÄÃ³öÀ´, which ftfy
    /// makes ÄóöÀ´): four characters of windows-1252 above ASCII at least. Asked only where
    /// the misreadings that need no rereading have left something unexplained.
    func mayBeReread(_ scalars: [UInt32]) -> Bool {
        scalars.count { $0 >= 0x80 && windows1252.canEncode($0) } >= 4
    }

    /// The repairs of the runs of `scalars` that ftfy reread, each the likeliest of its
    /// double-byte readings that the evidence prefers to the run as it stands. Unless
    /// `anyRun`, only runs with a character windows-1252 lacks are weighed.
    func repairs(of scalars: [UInt32], anyRun: Bool = false) -> [Repair] {
        var result: [Repair] = []
        var i = 0
        while i < scalars.count {
            guard isByte(i, in: scalars) else {
                i += 1
                continue
            }
            var end = i
            var rereadOnly = false, high = 0, letters = 0
            while end < scalars.count, isByte(end, in: scalars) {
                if scalars[end] >= 0x80 {
                    high += 1
                    if isRereadOnly(scalars[end]) { rereadOnly = true }
                    if (0xC0...0xFF).contains(scalars[end]), scalars[end] != 0xD7, scalars[end] != 0xF7 { letters += 1 }
                }
                end += 1
            }
            // ASCII at the start is itself (text before the run). At the end it may be the
            // second byte of the last pair (？ is A1 48 in Big5, "¡H"): the repair keeps
            // only what its decoding changes.
            var start = i
            while start < end, scalars[start] < 0x80 { start += 1 }
            let lastHigh = scalars[start..<end].lastIndex { $0 >= 0x80 } ?? start
            end = min(end, lastHigh + 2)
            // GBK's first bytes are mostly windows-1252's letters (À–ÿ): a run of its text has
            // some, where symbols alone (······, B7 B7 is 贩) are text of their own. Without
            // a character only a rereading makes, a third of the run must be letters.
            let lettered = rereadOnly ? letters >= 2 : letters >= 4 && 3 * letters >= high
            if rereadOnly || anyRun, high >= 2, lettered, let repair = bestRepair(start..<end, in: scalars) { result.append(repair) }
            i = max(end, i + 1)
        }
        return result
    }

    /// Whether only ftfy's rereading makes `scalar` in a run: windows-1252 lacks it, and so
    /// does windows-1250, whose letters (ř, ő) GBK read as windows-1250 has, and which that
    /// misreading undoes.
    private func isRereadOnly(_ scalar: UInt32) -> Bool {
        scalar >= 0x100 && Self.isRereadable(scalar) && !windows1252.canEncode(scalar) && !windows1250.value.canEncode(scalar)
    }

    /// Whether `scalar` can stand for bytes of the run: ASCII, a windows-1252 character, or
    /// one ftfy rereads.
    private func isByte(_ scalar: UInt32) -> Bool {
        (0x20...0x7E).contains(scalar) || scalar == 0x09 || windows1252.canEncode(scalar) || Self.isRereadable(scalar)
    }

    /// Whether the character at `i` can stand for bytes of a run: as ``isByte(_:)``, or a
    /// Chinese or Korean character between two characters above ASCII that can (ftfy makes
    /// 鶦 of é¶¦, 룬 of ë£¬; clean text beside a run stays out of it).
    private func isByte(_ i: Int, in scalars: [UInt32]) -> Bool {
        let scalar = scalars[i]
        if isByte(scalar) { return true }
        guard (0x2E80...0x9FFF).contains(scalar) || (0xAC00...0xD7A3).contains(scalar) || (0xF900...0xFAFF).contains(scalar),
              i > 0, i + 1 < scalars.count
        else { return false }
        return scalars[i - 1] >= 0x80 && isByte(scalars[i - 1]) && scalars[i + 1] >= 0x80 && isByte(scalars[i + 1])
    }

    /// The likeliest double-byte reading of `run` that the evidence prefers to it, weighed
    /// with the characters around; nil if none. What it leaves as it was at the end is
    /// left out of the repair.
    private func bestRepair(_ run: Range<Int>, in scalars: [UInt32]) -> Repair? {
        let contextStart = max(0, run.lowerBound - Repairer.context)
        let contextEnd = min(scalars.count, run.upperBound + Repairer.context)
        let original = scalars[contextStart..<contextEnd]
        let originalCost = evidence.cost(original)
        var best: Repair?
        // The ways of each character, the same for every encoding.
        let characters = Array(scalars[run])
        let ways = characters.indices.map { options(at: $0, of: characters) }
        for actual in actuals {
            // A reading as GBK that is sure enough leaves Big5 unweighed.
            if let best, best.confidence >= Self.sureEnough { break }
            guard var decoded = likeliestDecoding(of: ways, as: actual.value) else { continue }
            // Korean comes back as Hangul syllables throughout: EUC-KR's other rows
            // (Cyrillic, symbols) are what its reading of Latin mojibake makes (It's
            // garbled thrice, ItÃ?Â¢â?¬â?¢s, read so is It횄?짖창?р?쥀).
            // And only the syllables of EUC-KR proper, both bytes A1–FE: Windows' code page
            // 949 adds 8,822 more with second bytes below A1, which Latin mojibake read so
            // makes (“Hello” read as code page 437, ΓÇ£HelloΓÇ¥, was 뚯픈쥹ello뚯표).
            if !actual.value.isChinese, !decoded.allSatisfy({ scalar in
                guard scalar >= 0x80 else { return true }
                let packed = actual.value.packedBytes(scalar)
                return (0xAC00...0xD7A3).contains(scalar) && packed >> 24 == 2 && packed & 0xFF >= 0xA1 && packed >> 8 & 0xFF >= 0xA1
            }) {
                continue
            }
            let candidate = scalars[contextStart..<run.lowerBound] + decoded + scalars[run.upperBound..<contextEnd]
            guard let verdict = evidence.judge(original: original, candidate: candidate[...], replaced: run.count, originalCost: originalCost),
                  verdict.saving > (best?.saving ?? .min)
            else { continue }
            var range = run
            while range.count > 1, decoded.count > 1, decoded.last == scalars[range.upperBound - 1] {
                decoded.removeLast()
                range = range.lowerBound..<(range.upperBound - 1)
            }
            best = Repair(
                range: range, replacement: decoded,
                chain: [Misreading(actual: actual.value.name, readAs: Self.readAs)],
                confidence: verdict.confidence, saving: verdict.saving
            )
        }
        return best
    }

    /// The confidence of a repair as GBK that leaves Big5 unweighed (on the ftfy fixture,
    /// skipping Big5 so loses no line, and 48 Big5 headlines still come back as before).
    static let sureEnough = 0.8

    /// One way of reading the run so far: what it costs, the lead byte waiting for its
    /// second (0 for none), the last character it gave, and how it came to be.
    private struct Reading {
        var cost: Int
        var pendingLead: UInt8
        var last: UInt32
        var from: (position: Int, reading: Int, option: Int)?
    }

    /// What the characters from `i` of `run` may have been: how many characters each way
    /// takes, and its bytes. A character is its windows-1252 byte, or its UTF-8 where ftfy
    /// may have reread it. ftfy's other fixes are undone too: its straight quotes were
    /// curly ones (“ is 93), its ASCII was full-width (ｈ, EF BD 88, is "h" after ftfy), its
    /// space an ideographic one, its "ij" and "fi" ligatures (ĳ is C4 B3), and two
    /// combining marks side by side may stand in the order Unicode normalization put them
    /// in (通知 is CD A8 D6 AA, which ftfy reads as U+0368 U+05AA and its NFC writes the
    /// other way round).
    private func options(at i: Int, of run: [UInt32]) -> [(length: Int, bytes: [UInt8])] {
        let scalar = run[i]
        var result: [(length: Int, bytes: [UInt8])] = []
        if scalar < 0x80 {
            result.append((1, [UInt8(scalar)]))
            switch scalar {
            case 0x22: result += [(1, [0x93]), (1, [0x94])]
            case 0x27: result += [(1, [0x91]), (1, [0x92])]
            case 0x20: result.append((1, UTF8Scalars.encode([0x3000])))
            default: break
            }
            if (0x21...0x7E).contains(scalar) { result.append((1, UTF8Scalars.encode([scalar - 0x21 + 0xFF01]))) }
            for (letters, ligature) in Self.ligatures where run[i...].starts(with: letters) {
                result.append((letters.count, UTF8Scalars.encode([ligature])))
            }
            return result
        }
        if let known = bytesOf.known[scalar] {
            result = known
        } else {
            result = bytes(of: scalar).map { (1, $0) }
            bytesOf.known[scalar] = result
        }
        if i + 1 < run.count, Self.isCombiningMark(scalar), Self.isCombiningMark(run[i + 1]) {
            result.append((2, UTF8Scalars.encode([run[i + 1], scalar])))
        }
        return result
    }

    /// The bytes `scalar`, above ASCII, may have been: its windows-1252 byte, or what ftfy
    /// read as it.
    private func bytes(of scalar: UInt32) -> [[UInt8]] {
        var result: [[UInt8]] = []
        var single: [UInt8] = []
        if windows1252.encode(scalar, into: &single) { result.append(single) }
        let utf8 = UTF8Scalars.encode([scalar])
        // The characters ftfy reread: its UTF-8 read as windows-1252, or as another code page
        // (each then in windows-1252's bytes). One of them may have been reread before (ϵ
        // for 下第, CF C2 B5: ftfy made µ of Âµ, then ϵ of Ïµ), so each above ASCII may also
        // stand for its own UTF-8.
        // (A character windows-1252 has was reread, if at all, from windows-1252's own
        // characters: ÿ from Ã¿. The other code pages make what windows-1252 lacks.)
        let codecs = single.isEmpty ? [windows1252] + rereadAs.map(\.value) : [windows1252]
        for codec in codecs {
            var expansions: [[UInt8]] = [[]]
            for byte in utf8 {
                guard let (character, _) = codec.decode(at: 0, in: [byte]) else {
                    expansions = []
                    break
                }
                var single: [UInt8] = []
                guard windows1252.encode(character, into: &single) else {
                    expansions = []
                    break
                }
                let ways = character >= 0x80 && character < 0x800 ? [single, UTF8Scalars.encode([character])] : [single]
                expansions = expansions.flatMap { prefix in ways.map { prefix + $0 } }
            }
            for bytes in expansions where !result.contains(bytes) { result.append(bytes) }
        }
        return result
    }

    /// ftfy's ligatures and the letters it writes for them, longest first.
    private static let ligatures: [(letters: [UInt32], ligature: UInt32)] = [
        ("ffi", 0xFB03), ("ffl", 0xFB04), ("ff", 0xFB00), ("fi", 0xFB01), ("fl", 0xFB02), ("st", 0xFB06), ("ij", 0x133), ("IJ", 0x132),
    ].map { (Array($0.0.unicodeScalars.map(\.value)), UInt32($0.1)) }

    /// The combining marks of two-byte UTF-8, whose order NFC may have changed: Latin's,
    /// Cyrillic's, Hebrew's, Arabic's, Syriac's and N'Ko's.
    private static func isCombiningMark(_ scalar: UInt32) -> Bool {
        (0x300...0x36F).contains(scalar) || (0x483...0x489).contains(scalar) || (0x591...0x5C7).contains(scalar)
            || (0x610...0x61A).contains(scalar) || (0x64B...0x65F).contains(scalar) || scalar == 0x670
            || (0x6D6...0x6ED).contains(scalar) || scalar == 0x711 || (0x730...0x74A).contains(scalar) || (0x7EB...0x7F3).contains(scalar)
    }

    /// The characters a run reads as in `codec` at the least cost, over every choice of
    /// bytes for its characters (`optionsAt`, by position); nil if no choice decodes
    /// throughout.
    private func likeliestDecoding(of optionsAt: [[(length: Int, bytes: [UInt8])]], as codec: LegacyCodec) -> [UInt32]? {
        let model = evidence.model
        let count = optionsAt.count
        // readings[k]: the cheapest reading of the first k characters for each waiting lead.
        var readings = [[Reading]](repeating: [], count: count + 1)
        readings[0] = [Reading(cost: 0, pendingLead: 0, last: 0, from: nil)]
        for position in 0..<count where !readings[position].isEmpty {
            for (index, reading) in readings[position].enumerated() {
                for (option, (length, bytes)) in optionsAt[position].enumerated() {
                    guard var fed = feed(bytes, to: reading, codec: codec, model: model) else { continue }
                    fed.from = (position, index, option)
                    let target = position + length
                    guard target <= count else { continue }
                    if let k = readings[target].firstIndex(where: { $0.pendingLead == fed.pendingLead }) {
                        if fed.cost < readings[target][k].cost { readings[target][k] = fed }
                    } else {
                        readings[target].append(fed)
                    }
                }
            }
        }
        guard let end = readings[count].firstIndex(where: { $0.pendingLead == 0 }) else { return nil }
        // Back along the choices, then forward through the bytes they make.
        var chosen: [[UInt8]] = []
        var at = (position: count, reading: end)
        while let from = readings[at.position][at.reading].from {
            chosen.append(optionsAt[from.position][from.option].bytes)
            at = (from.position, from.reading)
        }
        return codec.decodeStrictly(chosen.reversed().flatMap { $0 }[...])
    }

    /// `reading` after `bytes`, or nil where they make no character.
    private func feed(_ bytes: [UInt8], to reading: Reading, codec: LegacyCodec, model: LanguageModel) -> Reading? {
        var reading = reading
        for byte in bytes {
            let scalar: UInt32
            if reading.pendingLead != 0 {
                scalar = codec.character(lead: reading.pendingLead, trail: byte)
                guard scalar != 0 else { return nil }
                reading.pendingLead = 0
            } else if byte < 0x80 {
                scalar = UInt32(byte)
            } else if (0x81...0xFE).contains(byte) {
                reading.pendingLead = byte
                continue
            } else {
                guard let alone = codec.character(alone: byte) else { return nil }
                scalar = alone
            }
            var cost: Int
            if codec.isChinese {
                cost = model.chineseCost(scalar)
                if model.makesWord(reading.last, scalar) { cost -= model.bigramBonus }
            } else {
                cost = model.cost(scalar, in: .korean)
            }
            reading.cost += cost
            reading.last = scalar
        }
        return reading
    }
}
