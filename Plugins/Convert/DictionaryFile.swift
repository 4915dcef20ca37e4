import CFixTextConvertData

/// One compiled dictionary in the embedded data: a trie over code points whose first level
/// is a two-level table, so the common question "does any key start with this character?"
/// costs two loads. See `Tools/opencc-data/compile.py` for the layout.
///
/// Every pointer points into the read-only data embedded in the binary; nothing is copied.
struct CompiledDictionary: @unchecked Sendable {
    static let pageBits: UInt32 = 7
    static let pageSlots = 0x40000 >> 7
    static let hasValueBit: UInt32 = 1 << 31
    static let hasChildrenBit: UInt32 = 1 << 30
    static let indexMask: UInt32 = (1 << 30) - 1

    /// A bit for every edge, by ``hash(_:_:shift:)`` of parent and code point.
    let filter: UnsafePointer<UInt64>
    let filterShift: UInt64
    /// A bit for each code point below U+40000 that occurs in some key.
    let used: UnsafePointer<UInt64>
    static let usedWords = 0x40000 / 64
    let pageIndex: UnsafePointer<UInt16>
    /// Nodes of one-character keys, flagged (see ``hasValue(_:)``).
    let pages: UnsafePointer<UInt32>
    /// Two words a node: value offset, value length.
    let nodes: UnsafePointer<UInt32>
    /// Three words a slot: parent, code point, flagged child. Parent 0: empty.
    let edges: UnsafePointer<UInt32>
    let edgeMask: Int
    let hashShift: UInt64
    let values: UnsafePointer<UInt8>
    /// The longest key, in characters.
    let maxKeyCharacters: Int

    init(at base: UnsafeRawPointer, length: Int) throws(ConvertDataError) {
        guard length >= 24, base.loadUnaligned(as: UInt32.self) == 0x5443_4944 else { // "DICT"
            throw .corrupt("dictionary header")
        }
        func word(_ i: Int) -> Int { Int(base.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)) }
        let nodeCount = word(1), hashBits = word(2), valueBytes = word(3), pageCount = word(5), filterBits = word(6)
        guard (4...30).contains(hashBits), (12...22).contains(filterBits) else { throw .corrupt("hash size") }
        maxKeyCharacters = word(4)
        edgeMask = (1 << hashBits) - 1
        hashShift = UInt64(64 - hashBits)
        var offset = 28
        filter = (base + offset).assumingMemoryBound(to: UInt64.self)
        filterShift = UInt64(64 - filterBits)
        offset += 1 << (filterBits - 3)
        used = (base + offset).assumingMemoryBound(to: UInt64.self)
        offset += Self.usedWords * 8
        pageIndex = (base + offset).assumingMemoryBound(to: UInt16.self)
        offset += 2 * Self.pageSlots
        pages = (base + offset).assumingMemoryBound(to: UInt32.self)
        offset += 4 * 128 * pageCount
        nodes = (base + offset).assumingMemoryBound(to: UInt32.self)
        offset += 8 * nodeCount
        edges = (base + offset).assumingMemoryBound(to: UInt32.self)
        offset += 12 << hashBits
        values = (base + offset).assumingMemoryBound(to: UInt8.self)
        offset += valueBytes
        guard offset <= length else { throw .corrupt("dictionary sizes") }
    }

    /// The flagged node of the one-character key `c`, or 0.
    @inline(__always)
    func root(_ c: UInt32) -> UInt32 {
        guard c < 0x40000 else { return 0 }
        let page = UInt32(pageIndex[Int(c &>> Self.pageBits)])
        return pages[Int(page &<< Self.pageBits | c & 127)]
    }

    @inline(__always)
    static func hash(_ a: UInt32, _ b: UInt32, shift: UInt64) -> Int {
        let key = (UInt64(a) &<< 21) ^ UInt64(b)
        return Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) &>> shift)
    }

    /// False when flagged `node` has no child by `c`; true when it may have one. The
    /// small bitmap that answers most lookups before the big table is read.
    @inline(__always)
    func mayHaveChild(_ node: UInt32, _ c: UInt32) -> Bool {
        let bit = Self.hash(node & Self.indexMask, c, shift: filterShift)
        return filter[bit &>> 6] & (1 &<< UInt64(bit & 63)) != 0
    }

    /// The flagged child of flagged `node` by `c`, or 0.
    @inline(__always)
    func child(of node: UInt32, _ c: UInt32) -> UInt32 {
        // Most lookups miss: the small bitmap says so before the big table is read.
        if !mayHaveChild(node, c) { return 0 }
        let parent = node & Self.indexMask
        var slot = Self.hash(parent, c, shift: hashShift)
        while true {
            let entry = edges + slot &* 3
            let p = entry[0]
            if p == parent && entry[1] == c { return entry[2] }
            if p == 0 { return 0 }
            slot = (slot &+ 1) & edgeMask
        }
    }

    @inline(__always)
    func hasChildren(_ node: UInt32) -> Bool { node & Self.hasChildrenBit != 0 }

    @inline(__always)
    func hasValue(_ node: UInt32) -> Bool { node & Self.hasValueBit != 0 }

    /// The UTF-8 value of `node`, which must have one.
    @inline(__always)
    func value(_ node: UInt32) -> UnsafeBufferPointer<UInt8> {
        let n = Int(node & Self.indexMask) &* 2
        return UnsafeBufferPointer(start: values + Int(nodes[n]), count: Int(nodes[n &+ 1]))
    }
}

/// The dictionaries one OpenCC config uses, flattened: see `Tools/opencc-data/compile.py`.
struct ConfigDictionaries: @unchecked Sendable {
    var name: String
    var normalization: CompiledDictionary?
    var segmentation: CompiledDictionary?
    var stages: [CompiledDictionary]
    /// The stages with the dictionaries OpenCC marks may_output_tofu (characters that many
    /// fonts lack), which its command line leaves out unless asked.
    var tofuStages: [CompiledDictionary]
    /// For one-stage configs, the stage with fixtext's corrections merged in (without and
    /// with the tofu dictionaries); the plain stage elsewhere.
    var fixedStage: CompiledDictionary
    var fixedTofuStage: CompiledDictionary
    /// fixtext's own corrections for this config, in OpenCC's text format.
    var fixes: String
    /// The stage in use has the corrections merged in (one-stage configs).
    var fixesMerged = false
}

enum ConvertDataError: Error, Sendable {
    case corrupt(String)
}

/// The embedded file of every config's dictionaries, read once, on first use.
enum ConvertData {
    static let configs: Result<[String: ConfigDictionaries], ConvertDataError> = Result { () throws(ConvertDataError) in
        try read(UnsafeRawPointer(cfixtext_opencc_data()), length: cfixtext_opencc_data_size())
    }

    static func read(_ base: UnsafeRawPointer, length: Int) throws(ConvertDataError) -> [String: ConfigDictionaries] {
        guard length >= 24, Array(UnsafeRawBufferPointer(start: base, count: 8)) == Array("FXTCONV1".utf8) else {
            throw .corrupt("file header")
        }
        func word(_ byteOffset: Int) -> Int { Int(base.loadUnaligned(fromByteOffset: byteOffset, as: UInt32.self)) }
        let dictCount = word(8), configCount = word(12)
        var dictionaries: [CompiledDictionary] = []
        for i in 0..<dictCount {
            let offset = word(24 + 8 * i), size = word(28 + 8 * i)
            guard offset + size <= length else { throw .corrupt("dictionary \(i) bounds") }
            dictionaries.append(try CompiledDictionary(at: base + offset, length: size))
        }
        func dictionary(_ index: Int) throws(ConvertDataError) -> CompiledDictionary? {
            if index == 0xFFFF_FFFF { return nil }
            guard index < dictionaries.count else { throw .corrupt("dictionary index") }
            return dictionaries[index]
        }
        var configs: [String: ConfigDictionaries] = [:]
        var record = 24 + 8 * dictCount
        for _ in 0..<configCount {
            let nameBytes = UnsafeRawBufferPointer(start: base + record, count: 8).prefix { $0 != 0 }
            let name = String(decoding: nameBytes, as: UTF8.self)
            let fixesOffset = word(record + 40), fixesLength = word(record + 44)
            guard fixesOffset + fixesLength <= length else { throw .corrupt("fixes bounds") }
            let fixes = String(decoding: UnsafeRawBufferPointer(start: base + fixesOffset, count: fixesLength), as: UTF8.self)
            var stages: [CompiledDictionary] = [], tofuStages: [CompiledDictionary] = []
            for slot in [16, 20] {
                if let stage = try dictionary(word(record + slot)) { stages.append(stage) }
                if let stage = try dictionary(word(record + slot + 8)) { tofuStages.append(stage) }
            }
            configs[name] = ConfigDictionaries(
                name: name,
                normalization: try dictionary(word(record + 8)),
                segmentation: try dictionary(word(record + 12)),
                stages: stages,
                tofuStages: tofuStages,
                fixedStage: try dictionary(word(record + 32)) ?? stages[0],
                fixedTofuStage: try dictionary(word(record + 36)) ?? tofuStages[0],
                fixes: fixes
            )
            record += 48
        }
        return configs
    }
}
