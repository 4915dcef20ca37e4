import FixTextCore

/// The `boilerplate` transform over one document; see ``BoilerplatePlugin``.
struct BoilerplateTransform: Transform {
    let index: RuleIndex
    let fold: HanFold
    let classifier: PageClassifier
    let maxBytes: Int
    private var scan = PageScan()
    private var verdicts: [Verdict] = []
    /// The current document came in pieces and has been reported.
    private var reportedOversize = false

    var context: TransformContext { .document(maxBytes: maxBytes) }

    init(index: RuleIndex, removeCaptions: Bool, maxBytes: Int) {
        self.index = index
        fold = HanFold.shared
        classifier = PageClassifier(rules: index.rules, removeCaptions: removeCaptions)
        self.maxBytes = maxBytes
    }

    mutating func process(_ input: TransformInput, into output: inout TransformOutput) throws -> Int {
        defer { if input.isEnd { reportedOversize = false } }
        let bytes = input.bytes
        if input.isPiece {
            // Over the cap: passed through rather than held without limit.
            if !reportedOversize {
                reportedOversize = true
                output.report(.note, at: 0..<min(bytes.count, 1), of: input,
                              "page longer than \(maxBytes) bytes passed through without removing furniture")
            }
            output.passThrough(0..<bytes.count, of: input)
            return bytes.count
        }
        guard !bytes.isEmpty else { return 0 }
        scan.scan(bytes, fold: fold, index: index)
        let (scan, fold, index) = (self.scan, self.fold, self.index)
        classifier.classify(scan, into: &verdicts) { line in
            scan.fullHits(of: line, in: bytes, fold: fold, index: index)
        }
        write(input, &output)
        return bytes.count
    }

    /// Writes the page without its furniture: each removed line goes with the blank lines
    /// after it; at the end of the page, with the blank lines before it too.
    private func write(_ input: TransformInput, _ output: inout TransformOutput) {
        let lines = scan.lines
        var copied = 0
        var lastKeptNext: Int? = nil
        var i = 0
        while i < lines.count {
            switch verdicts[i] {
            case .stripPrefix(let rule):
                let line = lines[i]
                let cut = line.prefixCut
                output.passThrough(copied..<line.start, of: input)
                // The reason is built only when someone records changes.
                output.replace(line.start..<cut, of: input, with: EmptyCollection(),
                               reason: "boilerplate: headline prefix '\(String(decoding: input.bytes[line.start..<cut], as: UTF8.self))' removed (\(describe(rule)))")
                copied = cut
                lastKeptNext = line.next
                i += 1
            case .remove:
                // The group: removed lines and the blank lines among and after them.
                var members: [Int] = []
                var j = i
                while j < lines.count && (verdicts[j].isRemoved || lines[j].isBlank) {
                    if verdicts[j].isRemoved { members.append(j) }
                    j += 1
                }
                let atEnd = j == lines.count
                let groupEnd = atEnd ? lines[lines.count - 1].next : lines[j].start
                var start = lines[i].start
                if atEnd, let lastKeptNext, lastKeptNext < start { start = lastKeptNext }
                output.passThrough(copied..<start, of: input)
                for (n, member) in members.enumerated() {
                    let end = n + 1 < members.count ? lines[members[n + 1]].start : groupEnd
                    let removal = verdicts[member]
                    output.replace(start..<end, of: input, with: EmptyCollection(),
                                   reason: reason(removal, line: member + 1))
                    start = end
                }
                copied = groupEnd
                i = j
            default:
                if !lines[i].isBlank { lastKeptNext = lines[i].next }
                i += 1
            }
        }
        output.passThrough(copied..<input.bytes.count, of: input)
    }

    private func describe(_ rule: Int) -> String {
        let r = classifier.rules[rule]
        return "\(r.lineClass.rawValue) \(r.match.rawValue) '\(r.text)', \(r.origin)"
    }

    private func reason(_ verdict: Verdict, line: Int) -> String {
        guard case .remove(let removal) = verdict else { return "boilerplate" }
        let what: String
        switch removal {
        case .rule(let rule):
            let name = switch classifier.rules[rule].lineClass {
            case .nav: "navigation"
            case .meta: "metadata"
            case .image: "image note"
            case .credit: "photo caption with credit"
            case .tail: "tail marker"
            default: classifier.rules[rule].lineClass.rawValue
            }
            what = "\(name) (\(describe(rule)))"
        case .seoWords(let count, let rule):
            what = "SEO spam: \(count) spam words, no sentence (first: \(describe(rule)))"
        case .keywordRun(let segments):
            what = "SEO keyword run above the article: \(segments) short items joined by _ or |"
        case .titleBar(let segments):
            what = "title bar above the headline: \(segments) parts joined by _ or |"
        case .dateMeta(let rule):
            what = rule.map { "metadata: a date or metadata words (\(describe($0)))" } ?? "metadata: a date line"
        case .menuLine(let items):
            what = "navigation: a menu line of \(items) short items"
        case .breadcrumb:
            what = "navigation: a breadcrumb (home > section)"
        case .menuRun(let count):
            what = "navigation: a run of \(count) short menu lines"
        case .tailBlock(let markerLine, let rule):
            what = classifier.rules[rule].lineClass == .statement
                ? "tail block from the statement on line \(markerLine) (\(describe(rule)))"
                : "tail block after the marker on line \(markerLine) (\(describe(rule)))"
        }
        return "boilerplate: line \(line): \(what)"
    }
}
