import FixTextCore

extension Repairer {
    /// The whole stretch of Han and kana around a small ゃ, ゅ or ょ out of place in `run`,
    /// read back as `actual`, as one candidate: such kana are Big5's commonest characters
    /// read as GBK (中文 is いゅ), so the stretch they stand in was Big5 throughout, where
    /// the labelling weighs each character in the line's script and may keep the rest
    /// (`f.writeLine("いゅ代刚")` came back as 中文代刚). Nil where there is none, or the
    /// stretch does not read back as Chinese throughout.
    func swapStretchAroundKana(in run: Range<Int>, of scalars: [UInt32], readAs: LegacyCodec, actual: LegacyCodec, _ recipe: Recipe) -> Repair? {
        guard let sign = run.first(where: { SuspicionTable.isKanaOutOfPlace(scalars[$0], after: $0 > 0 ? scalars[$0 - 1] : 0) }) else { return nil }
        // Han and kana around it: punctuation after the stretch is more likely the text's
        // own (…, which Big5 would make ＃ of).
        let isPart = { (scalar: UInt32) in LanguageModel.isHan(scalar) || (0x3040...0x30FF).contains(scalar) }
        var lower = sign, upper = sign + 1
        while lower > run.lowerBound, isPart(scalars[lower - 1]) { lower -= 1 }
        while upper < run.upperBound, isPart(scalars[upper]) { upper += 1 }
        var bytes: [UInt8] = []
        for scalar in scalars[lower..<upper] { guard readAs.encode(scalar, into: &bytes) else { return nil } }
        guard let back = actual.decodeStrictly(bytes[...]), back.count >= 2,
              back.allSatisfy({ LanguageModel.isHan($0) || (0x3000...0x303F).contains($0) || (0xFF01...0xFF5E).contains($0) })
        else { return nil }
        return Repair(range: lower..<upper, replacement: back, chain: [recipe.misreading], confidence: 0)
    }
}
