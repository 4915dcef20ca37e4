/// How a sentence reads, for guessing the last character of a line that a decoder lost:
/// whether it asks a question, and which punctuation ends or continues a sentence.
extension WholeLineUndo {
    /// ！ or ？ for `scalar` when it is either, as the sentence `asks` or not.
    ///
    /// In UTF-8 they differ in their last byte only (EF BC 81, EF BC 9F), which is the one
    /// a strict decoder could not read at the end of a line. Characters alone tell them
    /// apart poorly: ！ is the likelier. On 4,000 corpus lines read by Python's `gbk`, 120
    /// of the 1,039 guesses of either were a ？ taken for ！; with the sentence's words, 69
    /// are wrong (47 ？ taken for ！, 22 the other way).
    static func exclamationOrQuestion(_ scalar: UInt32, asks: Bool) -> UInt32 {
        guard scalar == 0xFF01 || scalar == 0xFF1F else { return scalar }
        return asks ? 0xFF1F : 0xFF01
    }

    /// Whether the last sentence of `text` asks a question: it has a question word (谁,
    /// 什么, 怎么, 为何, 如何, 哪, 多少, 是否, 难道...) or a question particle (吗, 呢), in
    /// simplified or traditional characters. Only that sentence is read (from after the
    /// last mark that ends one), and a pair is looked up only after the first character of
    /// a question word (a slipped stream's guess asks this of each start of a run).
    static func asksQuestion(_ text: [UInt32]) -> Bool {
        asksQuestion(text[...], then: [])
    }

    /// Whether the last sentence of `head` followed by `tail` asks a question (see
    /// ``asksQuestion(_:)``), without putting the two together.
    static func asksQuestion(_ head: ArraySlice<UInt32>, then tail: ArraySlice<UInt32>) -> Bool {
        if let end = tail.lastIndex(where: endsSentence) { return asks(tail[(end + 1)...], after: 0) }
        let start = head.lastIndex(where: endsSentence).map { $0 + 1 } ?? head.startIndex
        return asks(head[start...], after: 0) || asks(tail, after: head.last ?? 0)
    }

    /// Whether `sentence` has a question character or word, `previous` standing before it.
    private static func asks(_ sentence: ArraySlice<UInt32>, after previous: UInt32) -> Bool {
        var previous = previous
        for scalar in sentence {
            if isQuestionCharacter(scalar) || (questionWordStarts.contains(previous) && questionWords.contains(UInt64(previous) << 32 | UInt64(scalar))) {
                return true
            }
            previous = scalar
        }
        return false
    }

    /// 吗嗎呢谁誰哪啥咋.
    private static func isQuestionCharacter(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x5417, 0x55CE, 0x5462, 0x8C01, 0x8AB0, 0x54EA, 0x5565, 0x548B: true
        default: false
        }
    }

    private static let questionWordList = ["什么", "什麼", "甚麼", "怎么", "怎麼", "为何", "為何", "如何", "多少", "是否", "难道", "難道", "可否"]
    private static let questionWords: Set<UInt64> = Set(questionWordList.map { word in
        let scalars = word.unicodeScalars.map { UInt64($0.value) }
        return scalars[0] << 32 | scalars[1]
    })

    /// The first characters of the question words, looked through before a pair is hashed.
    private static let questionWordStarts: [UInt32] = Array(Set(questionWordList.map { $0.unicodeScalars.first!.value }))

    /// ， 、 ； ： and opening brackets and quotes: what no line ends with.
    static func continuesSentence(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0xFF0C, 0x3001, 0xFF1B, 0xFF1A, 0xFF08, 0xFF3B, 0xFF5B, 0x300A, 0x3008, 0x300C, 0x300E, 0x3010, 0x3014, 0x3016, 0x201C, 0x2018:
            true
        default:
            false
        }
    }

    /// 。！？ and the ellipsis: what a line of Chinese ends with.
    static func endsSentence(_ scalar: UInt32) -> Bool {
        scalar == 0x3002 || scalar == 0xFF01 || scalar == 0xFF1F || scalar == 0x2026
    }

    /// The Chinese script the characters decided so far are written in, from their last
    /// ``scriptContext`` Han characters; nil when neither is clearly cheaper, or when kana
    /// or Hangul come first (Japanese or Korean text) (a guess then
    /// weighs each candidate in the script that finds it likelier). In simplified text a
    /// traditional character is no likely guess: 地址 lost its 9D to a strict windows-1252
    /// decoder, and 地區 is a word too.
    static func chineseScript(of decided: ArraySlice<UInt32>, model: LanguageModel) -> TextLanguage? {
        var simplified = 0, traditional = 0, han = 0
        var k = decided.endIndex
        while k > decided.startIndex {
            k -= 1
            let scalar = decided[k]
            // (Han first: it is most of what is read here.)
            guard LanguageModel.isHan(scalar) else {
                // Kana or Hangul: the text is Japanese or Korean, whose guesses are weighed
                // in any language.
                if (0x3041...0x30FF).contains(scalar) || WholeLineUndo.isHangul(scalar) { return nil }
                continue
            }
            simplified += model.cost(scalar, in: .simplifiedChinese)
            traditional += model.cost(scalar, in: .traditionalChinese)
            han += 1
            if han == scriptContext { break }
        }
        guard abs(simplified - traditional) >= scriptMargin else { return nil }
        return simplified < traditional ? .simplifiedChinese : .traditionalChinese
    }

    /// How many Han characters before a guess say which script the line is in, and by how
    /// many quarter bits one script must read them cheaper.
    static let scriptContext = 32, scriptMargin = 16

    /// The cost of `scalar` as a guess in a line written in `script` (see
    /// ``chineseScript(of:model:)``): Han characters in that script; the rest, and every
    /// character when the script is unknown, as `fallback` weighs them.
    @inline(__always)
    static func guessCost(_ scalar: UInt32, in script: TextLanguage?, model: LanguageModel, fallback: (UInt32) -> Int) -> Int {
        if let script, LanguageModel.isHan(scalar) { return model.cost(scalar, in: script) }
        return fallback(scalar)
    }
}
