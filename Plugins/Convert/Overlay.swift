import FixTextCore

/// Entries that take priority over OpenCC's: the user's dictionary and fixtext's own
/// corrections, in OpenCC's text format (`KEY<TAB>VALUE`, further values after spaces are
/// alternatives and ignored; blank lines and lines starting with `#` are skipped).
///
/// Matched, once frozen, as a compiled dictionary like OpenCC's.
final class Overlay: @unchecked Sendable {
    enum Origin: UInt8, Sendable {
        case user
        case fix
    }

    private struct Node {
        var valueStart: Int32 = -1
        var valueLength: Int32 = 0
        var origin: Origin = .user
        var children: [UInt32: Int32] = [:]
    }

    private var nodes: [Node] = [Node()]
    private var valuePool: [UInt8] = []
    private var usedCharacters: Set<UInt32> = []
    private(set) var maxKeyCharacters = 0
    private(set) var isEmpty = true
    /// The entries, compiled into the layout of the embedded dictionaries once added.
    private(set) var dictionary: CompiledDictionary?
    private var storage: UnsafeMutableRawBufferPointer?

    init() {}

    deinit { storage?.deallocate() }

    /// Adds the entries of `text`; keys already present keep their value.
    ///
    /// - Parameters:
    ///   - normalize: maps each key character as the text is mapped before matching.
    ///   - source: names the file in errors, which name the line.
    func add(_ text: String, origin: Origin, source: String, normalize: (UInt32) -> UInt32) throws(OverlayError) {
        precondition(dictionary == nil, "add after freeze")
        var number = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            var line = Substring(line)
            if line.hasSuffix("\r") { line = line.dropLast() }
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else {
                throw OverlayError(source: source, line: number, message: "expected KEY<TAB>VALUE, found no tab")
            }
            let key = parts[0]
            guard !key.isEmpty else {
                throw OverlayError(source: source, line: number, message: "the key is empty")
            }
            guard let value = parts[1].split(separator: " ", omittingEmptySubsequences: true).first else {
                throw OverlayError(source: source, line: number, message: "the value of '\(key)' is empty")
            }
            if key.unicodeScalars.contains(where: { $0.value == 0x20 }) {
                throw OverlayError(source: source, line: number, message: "the key '\(key)' contains a space")
            }
            if key.unicodeScalars.first!.value >= 0x40000 {
                throw OverlayError(source: source, line: number, message: "the key '\(key)' starts beyond U+3FFFF")
            }
            insert(key.unicodeScalars.map { normalize($0.value) }, Array(value.utf8), origin)
        }
    }

    private func insert(_ key: [UInt32], _ value: [UInt8], _ origin: Origin) {
        var node = 0
        for c in key {
            if let next = nodes[node].children[c] {
                node = Int(next)
            } else {
                nodes.append(Node())
                nodes[node].children[c] = Int32(nodes.count - 1)
                node = nodes.count - 1
            }
        }
        guard nodes[node].valueStart < 0 else { return }
        nodes[node].valueStart = Int32(valuePool.count)
        nodes[node].valueLength = Int32(value.count)
        nodes[node].origin = origin
        valuePool.append(contentsOf: value)
        maxKeyCharacters = max(maxKeyCharacters, key.count)
        usedCharacters.formUnion(key)
        isEmpty = false
    }

    /// Ends adding: compiles the entries into the layout `Tools/opencc-data/compile.py`
    /// writes, so the overlay is matched by the same fast code as OpenCC's dictionaries.
    func freeze() {
        guard !isEmpty else { return }
        func flagged(_ i: Int) -> UInt32 {
            UInt32(i) | (nodes[i].valueStart >= 0 ? CompiledDictionary.hasValueBit : 0)
                | (nodes[i].children.isEmpty ? 0 : CompiledDictionary.hasChildrenBit)
        }
        var pageOf: [Int: [UInt32]] = [:]
        for (c, child) in nodes[0].children {
            pageOf[Int(c >> 7), default: [UInt32](repeating: 0, count: 128)][Int(c & 127)] = flagged(Int(child))
        }
        var pageIndex = [UInt16](repeating: 0, count: CompiledDictionary.pageSlots)
        var pages = [UInt32](repeating: 0, count: 128)
        for slot in pageOf.keys.sorted() {
            pageIndex[slot] = UInt16(pages.count / 128)
            pages += pageOf[slot]!
        }
        var edgeList: [(UInt32, UInt32, UInt32)] = []
        for parent in 1..<nodes.count {
            for (c, child) in nodes[parent].children { edgeList.append((UInt32(parent), c, flagged(Int(child)))) }
        }
        var hashBits = 4
        while 1 << hashBits < 2 * edgeList.count { hashBits += 1 }
        var filterBits = 12
        while 1 << filterBits < 16 * edgeList.count && filterBits < 19 { filterBits += 1 }
        var edges = [UInt32](repeating: 0, count: 3 << hashBits)
        var filter = [UInt64](repeating: 0, count: (1 << filterBits) / 64)
        for (parent, c, child) in edgeList {
            var slot = CompiledDictionary.hash(parent, c, shift: UInt64(64 - hashBits))
            while edges[slot * 3] != 0 { slot = (slot + 1) & ((1 << hashBits) - 1) }
            edges[slot * 3] = parent; edges[slot * 3 + 1] = c; edges[slot * 3 + 2] = child
            let bit = CompiledDictionary.hash(parent, c, shift: UInt64(64 - filterBits))
            filter[bit >> 6] |= 1 << UInt64(bit & 63)
        }
        var used = [UInt64](repeating: 0, count: CompiledDictionary.usedWords)
        for c in usedCharacters where c < 0x40000 { used[Int(c >> 6)] |= 1 << UInt64(c & 63) }
        var nodeWords: [UInt32] = []
        for node in nodes {
            nodeWords += [UInt32(max(0, node.valueStart)), UInt32(node.valueLength)]
        }
        var bytes: [UInt8] = []
        func put<T>(_ array: [T]) { array.withUnsafeBytes { bytes += $0 } }
        put(Array("DICT".utf8))
        put([UInt32(nodes.count), UInt32(hashBits), UInt32(valuePool.count), UInt32(maxKeyCharacters),
             UInt32(pages.count / 128), UInt32(filterBits)])
        put(filter); put(used); put(pageIndex); put(pages); put(nodeWords); put(edges); put(valuePool)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 16)
        bytes.withUnsafeBytes { buffer.copyMemory(from: $0) }
        storage = buffer
        dictionary = try! CompiledDictionary(at: UnsafeRawPointer(buffer.baseAddress!), length: bytes.count)
    }

    func origin(_ node: UInt32) -> Origin { nodes[Int(node & CompiledDictionary.indexMask)].origin }
}

/// A line of a user dictionary that cannot be read.
public struct OverlayError: FixTextError, Equatable {
    public var source: String
    public var line: Int
    public var message: String

    public var exitStatus: ExitStatus { .usage }

    public var description: String { "\(source): line \(line): \(message)" }
}
