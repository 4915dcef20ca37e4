import FixTextCore

/// Folds text to the keys rules are matched against, so that one rule matches a line in
/// simplified or traditional characters, with full-width or half-width punctuation, with
/// or without spaces, and with or without inline pinyin glosses (區(qū) matches 区).
///
/// A key keeps, for each character that counts, the folded scalar; spaces are dropped,
/// traditional characters become simplified (ICU's Traditional-Simplified, character by
/// character, generated into `FoldData.swift`), full-width ASCII becomes ASCII, Latin capitals become small letters, and
/// 〔〕﹝﹞ become brackets.
final class HanFold: Sendable {
    /// The folded scalar for each BMP scalar: allocated once for the process's one
    /// instance (``shared``), and never freed.
    nonisolated(unsafe) let pointer: UnsafePointer<UInt16>

    static let shared = HanFold()

    private init() {
        var table = [UInt16](repeating: 0, count: 0x10000)
        for scalar in 0..<0x10000 { table[scalar] = UInt16(scalar) }
        for scalar in 0xFF01...0xFF5E { table[scalar] = UInt16(scalar - 0xFEE0) }
        for scalar in 0x41...0x5A { table[scalar] = UInt16(scalar + 0x20) }
        for scalar in 0xFF21...0xFF3A { table[scalar] = UInt16(scalar - 0xFEE0 + 0x20) }
        for (from, to) in [(0x3014, 0x5B), (0x3015, 0x5D), (0xFE5D, 0x5B), (0xFE5E, 0x5D),
                           (0x3010, 0x3010), (0x203A, 0x3E), (0xBB, 0x3E), (0x2192, 0x3E),
                           (0x2014, 0x2D), (0x2013, 0x2D), (0xFE30, 0x3A), (0xFE55, 0x3A)] {
            table[from] = UInt16(to)
        }
        Self.foldTraditional(into: &table)
        let pointer = UnsafeMutablePointer<UInt16>.allocate(capacity: table.count)
        pointer.initialize(from: table, count: table.count)
        self.pointer = UnsafePointer(pointer)
    }

    /// Traditional → simplified, from the pairs generated from ICU's Traditional-Simplified
    /// (`FoldData.swift`, by `Tools/boilerplate-fold/generate_fold.py`).
    private static func foldTraditional(into table: inout [UInt16]) {
        var pending: UInt32?
        for scalar in FoldData.pairs.unicodeScalars where scalar.value >= 0x3400 {
            if let source = pending {
                table[Int(source)] = UInt16(scalar.value)
                pending = nil
            } else {
                pending = scalar.value
            }
        }
    }

    /// Whether `scalar` is dropped from keys: spaces of every kind.
    @inline(__always)
    static func isSpace(_ scalar: UInt32) -> Bool {
        scalar == 0x20 || scalar == 0x09 || scalar == 0x0D || scalar == 0xA0 || scalar == 0x3000
            || (scalar >= 0x2000 && scalar <= 0x200B) || scalar == 0xFEFF || scalar == 0x202F
    }

    @inline(__always)
    static func isHan(_ scalar: UInt32) -> Bool {
        (scalar >= 0x4E00 && scalar <= 0x9FFF) || (scalar >= 0x3400 && scalar <= 0x4DBF)
            || (scalar >= 0xF900 && scalar <= 0xFAFF) || (scalar >= 0x20000 && scalar <= 0x3134F)
    }

    @inline(__always)
    func fold(_ scalar: UInt32) -> UInt32 {
        scalar < 0x10000 ? UInt32(pointer[Int(scalar)]) : scalar
    }

    /// The key of a rule's text.
    func key(of text: String) -> [UInt32] {
        let bytes = Array(text.utf8)
        var key: [UInt32] = []
        var offsets: [Int32] = []
        var spaced: [Bool] = []
        bytes.withUnsafeBufferPointer { buffer in
            let scan = KeyBuilder(fold: self)
            scan.append(buffer, from: 0, to: buffer.count, key: &key, offsets: &offsets, spaced: &spaced)
        }
        return key
    }
}

/// Builds the key of a stretch of UTF-8, with the byte offset of each key scalar.
struct KeyBuilder {
    let fold: HanFold

    init(fold: HanFold) {
        self.fold = fold
    }

    /// Appends the key of `bytes[from..<to]`; invalid bytes become U+FFFD.
    func append(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int, key: inout [UInt32], offsets: inout [Int32], spaced: inout [Bool]) {
        var i = from
        var previousIsHan = false
        var pendingSpace = false
        while i < to {
            let scalar: UInt32, length: Int
            let lead = bytes[i]
            if lead < 0x80 {
                scalar = UInt32(lead); length = 1
            } else if let decoded = UTF8Scalars.decode(at: i, in: bytes, limit: to) {
                (scalar, length) = decoded
            } else {
                scalar = 0xFFFD; length = 1
            }
            if HanFold.isSpace(scalar) || scalar < 0x20 {
                pendingSpace = true
                previousIsHan = false
                i += length
                continue
            }
            if previousIsHan && (scalar == 0x28 || scalar == 0xFF08), let end = Self.glossEnd(bytes, after: i + length, limit: to) {
                // An inline pinyin gloss: 區(qū).
                i = end
                continue
            }
            previousIsHan = HanFold.isHan(scalar)
            key.append(fold.fold(scalar))
            offsets.append(Int32(i))
            spaced.append(pendingSpace)
            pendingSpace = false
            i += length
        }
    }

    /// If a pinyin syllable and a closing parenthesis start at `start`, where they end.
    static func glossEnd(_ bytes: UnsafeBufferPointer<UInt8>, after start: Int, limit: Int) -> Int? {
        var i = start
        var letters = 0
        while i < limit, letters <= 7 {
            guard let (scalar, length) = UTF8Scalars.decode(at: i, in: bytes, limit: limit) else { return nil }
            if scalar == 0x29 || scalar == 0xFF09 {
                return letters > 0 ? i + length : nil
            }
            guard isPinyinLetter(scalar) else { return nil }
            letters += 1
            i += length
        }
        return nil
    }

    @inline(__always)
    static func isPinyinLetter(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x61...0x7A: true
        // Tone-marked vowels and ü: àáèéìíòóùúü āēěīńňōūǎǐǒǔǖǘǚǜǹḿ.
        case 0xE0, 0xE1, 0xE8, 0xE9, 0xEC, 0xED, 0xF2, 0xF3, 0xF9, 0xFA, 0xFC: true
        case 0x101, 0x113, 0x11B, 0x12B, 0x144, 0x148, 0x14D, 0x16B: true
        case 0x1CE, 0x1D0, 0x1D2, 0x1D4, 0x1D6, 0x1D8, 0x1DA, 0x1DC, 0x1F9, 0x1E3F: true
        default: false
        }
    }
}
