import FixTextICU

/// The marks of text that is gone: no repair can restore it, and the cases check that
/// a repair leaves them be (or at most turns them into U+FFFD), and does not take the
/// clean text around them for mojibake.
extension CaseMaker {
    /// 锟斤拷: GBK bytes decoded as UTF-8 (each invalid sequence → U+FFFD), saved as
    /// UTF-8 (EF BF BD), and read as GBK again (EF BF 锟, BD EF 斤, BF BD 拷).
    func makeKunJinKao() throws(ICUError) -> [MojibakeCase] {
        let gbkAsUTF8 = try EncodingConverter(name: "UTF-8", invalidPolicy: .replacementCharacter)
        let how = "encode \(codecs.gbk.name); decode UTF-8 with U+FFFD for invalid; encode UTF-8; decode \(codecs.gbk.name) with '?' for invalid"
        return makeLossy(kind: "lossy-kunjinkao", how: how) { text in
            guard let bytes = codecs.gbk.encode(text) else { return nil }
            let replaced = String(decoding: gbkAsUTF8.decode(bytes).utf8, as: UTF8.self)
            // No `best`: the U+FFFD count says little of how many characters were lost.
            return (codecs.gbk.decode(Array(replaced.utf8)).text, nil)
        }
    }

    /// 烫烫烫 / 屯屯屯: text never written into a buffer that MSVC debug builds fill with
    /// 0xCC (stack) or 0xCD (heap), printed as GBK. The length of what is gone is unknown.
    func makeTang() -> [MojibakeCase] {
        var random = random.derived("lossy-tang/fill")
        let how = "replaced by 0xCC or 0xCD bytes decoded as \(codecs.gbk.name)"
        return makeLossy(kind: "lossy-tang", how: how) { text in
            let fill: Character = random.chance(0.7) ? "烫" : "屯"
            let count = max(2, (codecs.gbk.encode(text)?.count ?? 2 * text.count) / 2)
            return (String(repeating: fill, count: count), nil)
        }
    }

    /// U+FFFD runs (GBK read as UTF-8 by a browser or a strict decoder) and `?` runs
    /// (text stored in a Latin-1 database column, each character written as `?`).
    func makeReplacementMarks() throws(ICUError) -> [MojibakeCase] {
        let gbkAsUTF8 = try EncodingConverter(name: "UTF-8", invalidPolicy: .replacementCharacter)
        let latin1 = try EncodingConverter(name: "ISO-8859-1")
        var random = random.derived("lossy-fffd/mark")
        let how = "encode \(codecs.gbk.name), decode UTF-8 with U+FFFD; or encode ISO-8859-1 with '?' for unencodable"
        return makeLossy(kind: "lossy-fffd", how: how) { text in
            if random.chance(0.5) {
                guard let bytes = codecs.gbk.encode(text) else { return nil }
                return (String(decoding: gbkAsUTF8.decode(bytes).utf8, as: UTF8.self), nil)
            }
            var bytes: [UInt8] = []
            let utf8 = Array(text.utf8)
            do {
                try utf8.withUnsafeBufferPointer { (buffer) throws(ICUError) in
                    try latin1.encode(utf8: buffer, into: &bytes, substitute: 0x3F) { _ in }
                }
            } catch { return nil }
            return (String(decoding: bytes.map { UInt16($0) }, as: UTF16.self), nil)
        }
    }

    /// Half whole-line cases, half spans of 2–8 characters inside clean lines; `damage`
    /// gives the marks that replace a text and, if one exists, the best repair of it.
    private func makeLossy(
        kind: String, how: String, damage: (String) -> (garbled: String, best: String?)?
    ) -> [MojibakeCase] {
        var random = random.derived(kind)
        let wanted = perKind / 2
        var cases: [MojibakeCase] = []
        for line in lines(.simplified, lengths: 8...50, count: wanted * 3, label: kind + "/line") {
            guard cases.count < wanted else { break }
            guard let (garbled, best) = damage(line), garbled != line else { continue }
            cases.append(
                MojibakeCase(
                    kind: kind, scope: .line, original: line, garbled: garbled, recoverable: false,
                    lost: "every character the marks stand for", best: best, how: how))
        }
        for line in lines(.simplified, lengths: 12...100, count: wanted * 3, label: kind + "/span") {
            guard cases.count < 2 * wanted else { break }
            let characters = Array(line)
            let length = random.int(2...8)
            let start = random.int(1...(characters.count - length - 1))
            let span = String(characters[start..<(start + length)])
            guard span.unicodeScalars.allSatisfy({ $0.value >= 0x80 }),
                let (garbled, best) = damage(span)
            else { continue }
            let prefix = String(characters[..<start])
            let suffix = String(characters[(start + length)...])
            cases.append(
                MojibakeCase(
                    kind: kind, scope: .span, original: line, garbled: prefix + garbled + suffix,
                    recoverable: false, lost: "\"\(span)\"", best: best.map { prefix + $0 + suffix },
                    how: how))
        }
        return cases
    }
}
