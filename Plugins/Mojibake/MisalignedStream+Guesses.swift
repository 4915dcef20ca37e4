import FixTextCore

/// How the character a "?" cut short before a slipped run is guessed.
extension MisalignedStream {
    /// The character starting with `lead` between `previous` and `next` (nil at the end of
    /// the line) that is clearly likelier than every other: the language model's cost, less
    /// a bigram bonus for each neighbour it makes a known pair with. At the end of a line,
    /// punctuation that does not end a sentence is no candidate.
    ///
    /// A bracket whose partner stands unmatched in the rest of the line (（ before "2015）")
    /// counts as making two words: a pairing tells more than a neighbour. On the suite's
    /// slipped lines, four "(?2015）" come back as （ instead of ，.
    func likeliest(lead: UInt8, after previous: UInt32?, before next: UInt32?, in language: TextLanguage, line: Brackets) -> UInt32? {
        var likeliest = Likeliest<(scalar: UInt32, words: Int)>()
        // Two pairs and a partner take off at most this much: once a candidate cannot come
        // within the margin of the best even so, neither can any after it.
        let pairs = PairBonuses.shared
        let maximumBonus = 2 * pairs.largestBonus + 2 * evidence.model.bigramBonus
        for (scalar, cost) in Self.cheapestFirstWithLead[Int(lead) * 2 + (language == .traditionalChinese ? 1 : 0)] {
            if let best = likeliest.best, cost - maximumBonus >= best.cost + Self.likelier { break }
            if next == nil, WholeLineUndo.continuesSentence(scalar) { continue }
            if line.isUnpairedClosing(scalar) { continue }
            var (cost, words) = pairs.lessBonuses(cost, for: scalar, after: previous, before: next, model: evidence.model)
            if line.isPartnered(scalar) {
                cost -= 2 * evidence.model.bigramBonus
                words += 1
            }
            likeliest.weigh((scalar, words), cost: cost)
        }
        // A Chinese character must make a word with a neighbour; punctuation has none.
        guard let best = likeliest.clear(by: Self.likelier), best.words > 0 || !LanguageModel.isHan(best.scalar) else { return nil }
        return best.scalar
    }

    /// How much cheaper (in quarter bits) the character a "?" cut short must be than the
    /// next best: twice as likely. Its first byte and its neighbours are known, which
    /// leaves few candidates. On the suite's slipped lines, this margin makes 25 right
    /// guesses and 7 wrong ones that eight times as likely would leave as U+FFFD.
    static let likelier = 4

    /// Built once: the Chinese characters and punctuation of each GBK lead byte with their
    /// costs, cheapest first, in simplified Chinese (at `lead * 2`) and in traditional (at
    /// `lead * 2 + 1`). A guess weighs them only until the rest cannot come near the best,
    /// instead of all of some 190.
    private static let cheapestFirstWithLead: [[(scalar: UInt32, cost: Int)]] = {
        let model = LanguageModel.shared
        // (No stream is made when GBK's tables cannot be built: its init throws first.)
        let byLead = (try? byLeadAndTrail.get().lead) ?? []
        return byLead.flatMap { scalars in
            [TextLanguage.simplifiedChinese, .traditionalChinese].map { language in
                // (Sorted stably: among equal costs, GBK's order, as they were weighed.)
                scalars.enumerated().map { (scalar: $1, cost: model.cost($1, in: language), order: $0) }
                    .sorted { ($0.cost, $0.order) < ($1.cost, $1.order) }
                    .map { (scalar: $0.scalar, cost: $0.cost) }
            }
        }
    }()
}
