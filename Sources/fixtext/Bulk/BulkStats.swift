import FixTextCore
import FoundationEssentials

/// What `fixtext bulk` did to one input, or to all of them: the counts of the report.
struct BulkStats: Sendable, Decodable {
    var recordsIn = 0
    var recordsOut = 0
    /// Records whose text the chain changed.
    var recordsChanged = 0
    /// Records left empty by the chain and so not written.
    var recordsDropped = 0
    /// Records that could not be read (cut off, malformed) and are not in the output.
    var recordsFailed = 0
    /// Records with a problem (binary or undeclared non-UTF-8 payload, bad JSON) written
    /// unchanged.
    var recordsPassedThrough = 0
    /// Records with no text to clean (requests, metadata, HTML responses…), written unchanged.
    var recordsNotText = 0
    /// Records decoded from a declared charset.
    var recordsDecoded = 0
    /// Records read leniently: a wrong or missing Content-Length, header lines without a colon.
    var recordsReadLeniently = 0
    var bytesIn = 0
    var bytesOut = 0
    var textBytesIn = 0
    var textBytesOut = 0
    /// Warnings from the chain (lost text, invalid bytes).
    var chainWarnings = 0
    var recordsChangedByTransform: [String: Int] = [:]
    var mojibakeRepairsByKind: [String: Int] = [:]
    var boilerplateLinesByClass: [String: Int] = [:]
    var problemCount = 0
    var problems: [String] = []
    static let problemsKept = 50
    /// Keep every problem's message, not only the first ``problemsKept`` (a batch's
    /// counts, whose messages are all printed as it is written).
    var keepsAllProblems = false
    /// The chain that made the output, in the counts kept beside it.
    var chain: String?

    /// Problems that make the exit status 3.
    var reported: Int { problemCount + chainWarnings }

    mutating func problem(_ message: String) {
        problemCount += 1
        if keepsAllProblems || problems.count < Self.problemsKept { problems.append(message) }
    }

    mutating func add(_ other: BulkStats) {
        recordsIn += other.recordsIn
        recordsOut += other.recordsOut
        recordsChanged += other.recordsChanged
        recordsDropped += other.recordsDropped
        recordsFailed += other.recordsFailed
        recordsPassedThrough += other.recordsPassedThrough
        recordsNotText += other.recordsNotText
        recordsDecoded += other.recordsDecoded
        recordsReadLeniently += other.recordsReadLeniently
        bytesIn += other.bytesIn
        bytesOut += other.bytesOut
        textBytesIn += other.textBytesIn
        textBytesOut += other.textBytesOut
        chainWarnings += other.chainWarnings
        recordsChangedByTransform.merge(other.recordsChangedByTransform, uniquingKeysWith: +)
        mojibakeRepairsByKind.merge(other.mojibakeRepairsByKind, uniquingKeysWith: +)
        boilerplateLinesByClass.merge(other.boilerplateLinesByClass, uniquingKeysWith: +)
        problemCount += other.problemCount
        for message in other.problems where problems.count < Self.problemsKept { problems.append(message) }
    }

    /// Counts the changes of one record.
    mutating func count(_ changes: [Change]) {
        var transforms = Set<String>()
        for change in changes {
            transforms.insert(change.transform)
            if change.reason.hasPrefix("mojibake: ") {
                mojibakeRepairsByKind[String(change.reason.dropFirst("mojibake: ".count)), default: 0] += 1
            } else if change.reason.hasPrefix("boilerplate: ") {
                boilerplateLinesByClass[Self.boilerplateClass(change.reason), default: 0] += 1
            }
        }
        for transform in transforms { recordsChangedByTransform[transform, default: 0] += 1 }
    }

    static let boilerplateClasses = [
        "headline prefix", "navigation", "metadata", "image note", "photo caption with credit", "tail marker",
        "SEO spam", "SEO keyword run", "title bar", "tail block",
    ]

    static func boilerplateClass(_ reason: String) -> String {
        var what = Substring(reason.dropFirst("boilerplate: ".count))
        if what.hasPrefix("line "), let colon = what.firstIndex(of: ":") {
            what = what[what.index(after: colon)...].drop { $0 == " " }
        }
        return boilerplateClasses.first { what.hasPrefix($0) } ?? "other"
    }

    /// Where the counts of an output are kept: a hidden file beside it.
    static func sidecarPath(for output: String) -> String {
        let slash = output.lastIndex(of: "/")
        let folder = slash.map { String(output[...$0]) } ?? ""
        let name = slash.map { String(output[output.index(after: $0)...]) } ?? output
        return folder + "." + name + ".fixtext-counts.json"
    }

    /// The counts written by ``json(indent:)``; fails when the JSON has no `records_in`.
    /// Other fields that are missing or of another type count as 0 (or empty).
    init(from decoder: any Decoder) throws {
        let object = try decoder.container(keyedBy: Key.self)
        func int(_ key: String) -> Int? { try? object.decodeIfPresent(Int.self, forKey: Key(key)) }
        func map(_ key: String) -> [String: Int] { (try? object.decodeIfPresent([String: Int].self, forKey: Key(key))) ?? [:] }
        recordsIn = try object.decode(Int.self, forKey: Key("records_in"))
        recordsOut = int("records_out") ?? 0
        recordsChanged = int("records_changed") ?? 0
        recordsDropped = int("records_dropped") ?? 0
        recordsFailed = int("records_failed") ?? 0
        recordsPassedThrough = int("records_passed_through") ?? 0
        recordsNotText = int("records_not_text") ?? 0
        recordsDecoded = int("records_decoded_from_charset") ?? 0
        recordsReadLeniently = int("records_read_leniently") ?? 0
        bytesIn = int("bytes_in") ?? 0
        bytesOut = int("bytes_out") ?? 0
        textBytesIn = int("text_bytes_in") ?? 0
        textBytesOut = int("text_bytes_out") ?? 0
        chainWarnings = int("chain_warnings") ?? 0
        recordsChangedByTransform = map("records_changed_by_transform")
        mojibakeRepairsByKind = map("mojibake_repairs_by_kind")
        boilerplateLinesByClass = map("boilerplate_lines_removed_by_class")
        problemCount = int("problems") ?? 0
        problems = (try? object.decodeIfPresent([String].self, forKey: Key("first_problems"))) ?? []
        chain = try? object.decodeIfPresent(String.self, forKey: Key("chain"))
    }

    private struct Key: CodingKey {
        var stringValue: String
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }

    init() {}

    /// The counts kept beside an output by an earlier run, if any.
    static func load(besideOutput output: String) -> BulkStats? {
        guard let data = FileManager.default.contents(atPath: sidecarPath(for: output)) else { return nil }
        return try? JSONDecoder().decode(BulkStats.self, from: data)
    }

    /// The counts as a JSON object, keys in a fixed order.
    func json(indent: String) -> String {
        func map(_ m: [String: Int]) -> String {
            "{" + m.keys.sorted().map { "\(JSONText.quoted($0)): \(m[$0]!)" }.joined(separator: ", ") + "}"
        }
        let fields: [(String, String)] = [
            ("records_in", "\(recordsIn)"), ("records_out", "\(recordsOut)"), ("records_changed", "\(recordsChanged)"),
            ("records_dropped", "\(recordsDropped)"), ("records_failed", "\(recordsFailed)"),
            ("records_passed_through", "\(recordsPassedThrough)"), ("records_not_text", "\(recordsNotText)"),
            ("records_decoded_from_charset", "\(recordsDecoded)"),
            ("records_read_leniently", "\(recordsReadLeniently)"),
            ("bytes_in", "\(bytesIn)"), ("bytes_out", "\(bytesOut)"),
            ("text_bytes_in", "\(textBytesIn)"), ("text_bytes_out", "\(textBytesOut)"),
            ("chain_warnings", "\(chainWarnings)"),
            ("records_changed_by_transform", map(recordsChangedByTransform)),
            ("mojibake_repairs_by_kind", map(mojibakeRepairsByKind)),
            ("boilerplate_lines_removed_by_class", map(boilerplateLinesByClass)),
            ("problems", "\(problemCount)"),
            ("first_problems", "[" + problems.map(JSONText.quoted).joined(separator: ", ") + "]"),
        ] + (chain.map { [("chain", JSONText.quoted($0))] } ?? [])
        return "{\n" + fields.map { "\(indent)  \"\($0.0)\": \($0.1)" }.joined(separator: ",\n") + "\n\(indent)}"
    }
}
