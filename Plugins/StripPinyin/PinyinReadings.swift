import FixTextCore

/// Every Mandarin reading of every Han character that Unihan knows, from the table
/// `Tools/pinyin-readings/build_readings.py` compiles (see its README for the layout).
///
/// Decoded once, the first time a gloss after a Han character has to be looked at:
/// text without one never pays for it.
final class PinyinReadings: Sendable {
    static let shared: PinyinReadings = {
        guard let bytes = Base64.decode(PinyinReadingsData.base64), let readings = PinyinReadings(table: bytes) else {
            preconditionFailure("PinyinReadingsData.swift is corrupt: run Tools/pinyin-readings/build_readings.py")
        }
        return readings
    }()

    /// The syllables, toneless ASCII with "v" for ü, by index.
    let syllables: [String]
    /// Syllable index by ``key(_:)`` of its letters.
    private let syllableIndex: [UInt64: UInt16]
    /// The characters with readings, ascending.
    private let characters: [UInt32]
    /// Where each character's syllables start in `words`; one more entry than characters.
    private let starts: [UInt32]
    /// A syllable index times 32 plus a mask of its tones (bit 0 tone 1 … bit 4 neutral).
    private let words: [UInt16]

    init?(table: [UInt8]) {
        var cursor = Cursor(bytes: table)
        guard cursor.take(4).map(Array.init) == Array("PYRD".utf8), cursor.next() == 1,
              let syllableCount = cursor.varint() else { return nil }
        var syllables: [String] = []
        var syllableIndex: [UInt64: UInt16] = [:]
        for index in 0..<syllableCount {
            guard let length = cursor.next(), let letters = cursor.take(Int(length)),
                  let key = Self.key(letters) else { return nil }
            syllables.append(String(decoding: letters, as: UTF8.self))
            syllableIndex[key] = UInt16(index)
        }
        guard let characterCount = cursor.varint() else { return nil }
        var characters: [UInt32] = [], starts: [UInt32] = [0], words: [UInt16] = []
        characters.reserveCapacity(characterCount)
        starts.reserveCapacity(characterCount + 1)
        var scalar: UInt32 = 0
        for _ in 0..<characterCount {
            guard let head = cursor.next() else { return nil }
            var gap = Int(head & 0x1F), count = Int(head >> 5)
            if gap == 0 { gap = cursor.varint() ?? 0 }
            if count == 0 { count = cursor.varint() ?? 0 }
            guard gap > 0, count > 0 else { return nil }
            scalar += UInt32(gap)
            for _ in 0..<count {
                guard let high = cursor.next(), let low = cursor.next() else { return nil }
                let word = UInt16(high) << 8 | UInt16(low)
                guard Int(word >> 5) < syllables.count else { return nil }
                words.append(word)
            }
            characters.append(scalar)
            starts.append(UInt32(words.count))
        }
        guard cursor.isAtEnd else { return nil }
        self.syllables = syllables
        self.syllableIndex = syllableIndex
        self.characters = characters
        self.starts = starts
        self.words = words
    }

    /// The index of the syllable whose letters pack to `key` (see ``key(_:)``), if it
    /// is one.
    func syllable(letters key: UInt64) -> UInt16? {
        syllableIndex[key]
    }

    /// Whether `syllable` with `tone` (1–4; 0 for unmarked, 5 for neutral, either of which
    /// matches any tone) is a reading of `scalar`. Nil when the table has no readings of
    /// `scalar` at all.
    func reads(_ scalar: UInt32, as syllable: UInt16, tone: UInt8) -> Bool? {
        guard let slot = slot(of: scalar) else { return nil }
        for word in words[Int(starts[slot])..<Int(starts[slot + 1])] where word >> 5 == syllable {
            return tone == 0 || tone == 5 || word & (1 << (tone - 1)) != 0
        }
        return false
    }

    /// The readings of `scalar` in pinyin with tone marks ("xíng xìng háng"), for
    /// explanations.
    func readings(of scalar: UInt32) -> [String] {
        guard let slot = slot(of: scalar) else { return [] }
        return words[Int(starts[slot])..<Int(starts[slot + 1])].flatMap { word in
            (1...5).compactMap { tone in
                word & (1 << (tone - 1)) != 0 ? Self.spell(syllables[Int(word >> 5)], tone: tone) : nil
            }
        }
    }

    /// "qu", 1 → "qū": the mark goes on a or e, on the o of ou, else on the last vowel.
    static func spell(_ syllable: String, tone: Int) -> String {
        let letters = Array(syllable.replacing("v", with: "ü"))
        let marks: [Character: [Character]] = [
            "a": ["ā", "á", "ǎ", "à"], "e": ["ē", "é", "ě", "è"], "i": ["ī", "í", "ǐ", "ì"],
            "o": ["ō", "ó", "ǒ", "ò"], "u": ["ū", "ú", "ǔ", "ù"], "ü": ["ǖ", "ǘ", "ǚ", "ǜ"],
            "n": ["n\u{304}", "ń", "ň", "ǹ"], "m": ["m\u{304}", "ḿ", "m\u{30C}", "m\u{300}"],
        ]
        guard (1...4).contains(tone) else { return String(letters) }
        let target = letters.firstIndex { $0 == "a" || $0 == "e" }
            ?? (syllable.contains("ou") ? letters.firstIndex(of: "o") : nil)
            ?? letters.lastIndex { "iouü".contains($0) }
            ?? letters.firstIndex { $0 == "n" || $0 == "m" }
        guard let target, let marked = marks[letters[target]] else { return String(letters) }
        var spelled = letters
        spelled[target] = marked[tone - 1]
        return String(spelled)
    }

    private func slot(of scalar: UInt32) -> Int? {
        var low = 0, high = characters.count
        while low < high {
            let middle = (low + high) / 2
            if characters[middle] < scalar { low = middle + 1 } else { high = middle }
        }
        return low < characters.count && characters[low] == scalar ? low : nil
    }

    /// Up to twelve letters a–z packed five bits each; nil for anything else.
    static func key(_ letters: some Collection<UInt8>) -> UInt64? {
        guard !letters.isEmpty, letters.count <= 12 else { return nil }
        var key: UInt64 = 0
        for letter in letters {
            guard letter >= UInt8(ascii: "a"), letter <= UInt8(ascii: "z") else { return nil }
            key = key << 5 | UInt64(letter - UInt8(ascii: "a") + 1)
        }
        return key
    }
}

/// Reads the table front to back; every read is nil past the end.
private struct Cursor {
    let bytes: [UInt8]
    var offset = 0

    var isAtEnd: Bool { offset == bytes.count }

    mutating func next() -> UInt8? {
        guard offset < bytes.count else { return nil }
        offset += 1
        return bytes[offset - 1]
    }

    mutating func take(_ count: Int) -> ArraySlice<UInt8>? {
        guard bytes.count - offset >= count else { return nil }
        offset += count
        return bytes[(offset - count)..<offset]
    }

    /// A little-endian base-128 number of at most four bytes.
    mutating func varint() -> Int? {
        var value = 0
        for shift in stride(from: 0, to: 28, by: 7) {
            guard let byte = next() else { return nil }
            value |= Int(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
        }
        return nil
    }
}
