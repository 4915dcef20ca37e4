/// Why a line goes.
enum Removal: Equatable {
    /// A rule of the class matched (nav, meta, image, credit, or a tail marker alone).
    case rule(Int)
    /// Several spam words and no sentence: `count` seo-word matches, the first `rule`.
    case seoWords(count: Int, rule: Int)
    /// A keyword-stuffed line above the article: short items joined by _ or |.
    case keywordRun(segments: Int)
    /// A title joined to section and site names above the headline.
    case titleBar(segments: Int)
    /// A short line with a date and metadata words (来源, 作者, 点击).
    case dateMeta(rule: Int?)
    /// A line of menu items.
    case menuLine(items: Int)
    /// Home > section > … without a rule's prefix.
    case breadcrumb
    /// One of a run of short menu lines.
    case menuRun(lines: Int)
    /// In the tail block that starts at the marker on `markerLine` (1-based).
    case tailBlock(markerLine: Int, rule: Int)
}

/// What becomes of a line.
enum Verdict: Equatable {
    case keep
    /// Kept whatever else matches: a `keep` rule, or bytes that are not UTF-8.
    case locked
    /// A photo caption with its credit, kept under `captions=keep`.
    case caption(rule: Int)
    case remove(Removal)
    /// A headline with a farm's prefix: the bytes before the line's `prefixCut` go.
    case stripPrefix(rule: Int)

    var isRemoved: Bool {
        if case .remove = self { return true }
        return false
    }
}

/// Decides, for each line of a page, whether it is furniture, from its facts, the rules
/// that match it, its place on the page and its neighbours.
struct PageClassifier {
    let rules: [Rule]
    let removeCaptions: Bool

    /// Limits, in characters (spaces not counted).
    static let shortLine = 40
    static let navLine = 60
    static let metaLine = 100
    static let captionLine = 100
    static let headlineLine = 60
    static let menuItem = 8
    static let tailItem = 50
    /// A tail block starts no further from the end than this many bytes, or half the page.
    static let tailReach = 4096

    /// - Parameter fullHits: the hits of a line from its whole key, for lines longer than
    ///   the key limit, when a decision needs words anywhere in them.
    func classify(_ scan: PageScan, into verdicts: inout [Verdict], fullHits: (Int) -> LineHits) {
        var hits = scan.hits
        let lines = scan.lines
        verdicts.removeAll(keepingCapacity: true)
        verdicts.reserveCapacity(lines.count)
        for (n, facts) in lines.enumerated() {
            // A long line may be SEO spam only when it has no sentence, or joints.
            if facts.keyTruncated && (facts.sentenceEnds == 0 || facts.joints >= 2) { hits[n] = fullHits(n) }
            verdicts.append(local(facts, hits[n]))
        }
        keywordRunsAboveArticle(lines, &verdicts)
        menuRuns(lines, hits, &verdicts)
        tailBlock(lines, &hits, &verdicts, fullHits)
    }

    /// What a line is on its own.
    private func local(_ f: LineFacts, _ h: LineHits) -> Verdict {
        if f.isBlank { return .keep }
        // Most lines match no rule, and only rules remove a line on its own.
        if h.isEmpty { return f.hasInvalid ? .locked : .keep }
        if f.hasInvalid || h.rule(.keep) != nil { return .locked }
        if let rule = h.rule(.image), f.length <= Self.shortLine { return .remove(.rule(rule)) }
        if let rule = h.rule(.nav), f.length <= Self.navLine, f.sentenceEnds <= 1 { return .remove(.rule(rule)) }
        if let rule = h.rule(.meta), f.length <= Self.navLine, f.sentenceEnds == 0 { return .remove(.rule(rule)) }
        // A date with a metadata word, or two different metadata words in a list of
        // fields (spaces or colons, no clauses): 收藏 分享 打印, 作者：… 点击：….
        let metaWords = h.distinct(.metaWord)
        if f.sentenceEnds == 0 && f.length <= Self.metaLine && f.clauses <= 2
            && ((f.hasDate && metaWords >= 1) || (metaWords >= 2 && f.clauses == 0 && (f.gaps >= 1 || f.colons >= 1)))
        {
            return .remove(.dateMeta(rule: h.rule(.metaWord)))
        }
        let spam = h.count(.seoWord)
        // Keywords joined by _ | , or spaces; a headline with two such words is not enough.
        let joined = f.joints + f.gaps + f.clauses >= 1
        if let rule = h.rule(.seoWord), (spam >= 2 && f.sentenceEnds == 0 && (joined || spam >= 3)) || (spam >= 3 && f.joints >= 2) {
            return .remove(.seoWords(count: spam, rule: rule))
        }
        if let rule = h.rule(.tail), f.length <= Self.shortLine, f.sentenceEnds == 0 { return .remove(.rule(rule)) }
        let navWords = h.count(.navWord)
        if f.sentenceEnds == 0 && f.clauses == 0 && f.length <= Self.navLine {
            let items = f.gaps + f.separators + 1
            if items >= 3 && navWords >= 2 && f.longestSegment <= Self.menuItem + 4 { return .remove(.menuLine(items: items)) }
            if f.arrows >= 1 && navWords >= 1 && f.length <= 50 { return .remove(.breadcrumb) }
        }
        if let rule = h.rule(.credit), f.length <= Self.captionLine {
            return removeCaptions ? .remove(.rule(rule)) : .caption(rule: rule)
        }
        if let rule = h.rule(.headlinePrefix), f.prefixCut > f.start, f.length <= Self.headlineLine, f.sentenceEnds <= 1 {
            return .stripPrefix(rule: rule)
        }
        return .keep
    }

    /// Above the first sentence of the article: a line of short items joined by _ or | is
    /// a keyword-stuffed SEO title; a title joined to section and site names by _ or | is
    /// the browser's title bar when another line (the headline) follows before the
    /// article; a date and time with a site name and little else is metadata.
    private func keywordRunsAboveArticle(_ lines: [LineFacts], _ verdicts: inout [Verdict]) {
        guard let firstProse = lines.indices.first(where: { lines[$0].isProse && verdicts[$0] == .keep }) else { return }
        for i in 0..<firstProse {
            let f = lines[i]
            guard verdicts[i] == .keep, f.sentenceEnds == 0 else { continue }
            if f.joints >= 3 && f.longestSegment <= 12 {
                verdicts[i] = .remove(.keywordRun(segments: f.joints + 1))
            } else if f.joints >= 2 && ((i + 1)..<firstProse).contains(where: { !lines[$0].isBlank && verdicts[$0] == .keep }) {
                verdicts[i] = .remove(.titleBar(segments: f.joints + 1))
            } else if f.hasDate && f.colons >= 1 && f.length <= Self.shortLine && f.han <= 6 && f.han * 2 <= f.length
                        && f.clauses == 0
            {
                // A date and time (the colon: 07:00) with a site name; a headline such as
                // 2024年9月1日起施行 has no colon.
                verdicts[i] = .remove(.dateMeta(rule: nil))
            }
        }
    }

    /// Above or below the article, runs of three or more short lines, two of them menu
    /// words, are a menu. (Inside the article such runs are lists, and stay.)
    private func menuRuns(_ lines: [LineFacts], _ hits: [LineHits], _ verdicts: inout [Verdict]) {
        let isProse = { (i: Int) in lines[i].isProse && !verdicts[i].isRemoved }
        let firstProse = lines.indices.first(where: isProse) ?? lines.count
        let lastProse = lines.indices.last(where: isProse) ?? -1
        var run: [Int] = []
        var navWords = 0
        func close() {
            if run.count >= 3 && navWords >= 2 {
                var members = run[...]
                // Above the article, the last short line before it with no menu word is
                // the headline (故乡的秋), unless another line stands between.
                if let last = run.last, last < firstProse, hits[last].count(.navWord) == 0,
                   !((last + 1)..<firstProse).contains(where: { !lines[$0].isBlank && !verdicts[$0].isRemoved })
                {
                    members = members.dropLast()
                }
                for i in members { verdicts[i] = .remove(.menuRun(lines: run.count)) }
            }
            run.removeAll(keepingCapacity: true)
            navWords = 0
        }
        for (i, f) in lines.enumerated() {
            if f.isBlank { continue }
            let isItem = f.length <= Self.menuItem && f.sentenceEnds == 0 && f.clauses == 0
                && (i < firstProse || i > lastProse)
                && (verdicts[i] == .keep || verdicts[i].isRemoved)
            if isItem {
                run.append(i)
                if hits[i].count(.navWord) > 0 { navWords += 1 }
            } else {
                close()
            }
        }
        close()
    }

    /// After a tail marker near the end of the page, below the article, when every line
    /// that follows looks like furniture, the rest of the page goes.
    private func tailBlock(_ lines: [LineFacts], _ hits: inout [LineHits], _ verdicts: inout [Verdict], _ fullHits: (Int) -> LineHits) {
        guard let last = lines.last else { return }
        let pageEnd = last.next
        // furnitureAfter[i]: every line from i on looks like furniture.
        var furnitureAfter = [Bool](repeating: false, count: lines.count + 1)
        furnitureAfter[lines.count] = true
        var i = lines.count - 1
        while i >= 0 {
            // Only the lines at the end of the page are looked at closely.
            if lines[i].keyTruncated && verdicts[i] == .keep { hits[i] = fullHits(i) }
            guard looksLikeFurniture(lines[i], hits[i], verdicts[i]) else { break }
            furnitureAfter[i] = true
            i -= 1
        }
        var articleAbove = false
        for m in lines.indices {
            let h = hits[m]
            if articleAbove && !h.isEmpty {
                // A marker, or a statement: the site speaking of itself with two statement words.
                let f = lines[m]
                let statement = h.count(.statementWord) >= 2 ? h.rule(.statement) : nil
                if let rule = h.rule(.tail) ?? statement, verdicts[m] != .locked,
                   f.length <= Self.shortLine || f.sentenceEnds == 0 || h.count(.statementWord) > 0,
                   pageEnd - f.start <= max(Self.tailReach, pageEnd / 2),
                   furnitureAfter[m + 1]
                {
                    for j in m..<lines.count where !lines[j].isBlank && verdicts[j] != .locked {
                        verdicts[j] = .remove(.tailBlock(markerLine: m + 1, rule: rule))
                    }
                    return
                }
            } else if !articleAbove && lines[m].isProse && (verdicts[m] == .keep || verdicts[m] == .locked) {
                articleAbove = true
            }
        }
    }

    private func looksLikeFurniture(_ f: LineFacts, _ h: LineHits, _ verdict: Verdict) -> Bool {
        if f.isBlank { return true }
        if h.rule(.keep) != nil { return false }
        switch verdict {
        case .locked: return false
        case .remove, .caption: return true
        case .keep, .stripPrefix: break
        }
        let statements = h.count(.statementWord)
        if h.rule(.tail) != nil || statements >= 2 || (statements == 1 && f.length <= 80) { return true }
        // Short lines that do not end a sentence: lists of other headlines. A short line
        // that ends with a full stop may be a paragraph.
        if f.length <= Self.tailItem && f.sentenceEnds <= 1 && !f.endsWithFullStop { return true }
        return f.hasDate && f.length <= Self.navLine
    }
}
