/// Bonuses by character (or by characters, packed), looked up in a few instructions: the
/// guesses weigh up to 64 candidates a lost byte, and a Dictionary's hashing cost more than
/// the rest of the weighing. Open addressing, linear probing.
struct BonusTable: Sendable {
    /// Open addressing, linear probing; a key of 0 marks an empty slot.
    private let keys: [UInt64]
    private let values: [UInt8]
    private let shift: UInt64
    let largestBonus: Int

    init(_ bonuses: [UInt32: Int]) {
        self.init(Dictionary(uniqueKeysWithValues: bonuses.map { (UInt64($0.key), $0.value) }))
    }

    init(_ bonuses: [UInt64: Int]) {
        self.init(entries: bonuses.map { (key: $0.key, bonus: $0.value) })
    }

    /// From distinct keys and their bonuses (without a Dictionary's hashing first).
    init(entries bonuses: [(key: UInt64, bonus: Int)]) {
        var bits: UInt64 = 4
        while 1 << bits < 2 * bonuses.count { bits += 1 }
        shift = 64 - bits
        var keys = [UInt64](repeating: 0, count: 1 << bits)
        var values = [UInt8](repeating: 0, count: 1 << bits)
        for (key, bonus) in bonuses {
            var slot = Self.slot(key, shift: shift)
            while keys[slot] != 0 { slot = (slot + 1) & (keys.count - 1) }
            keys[slot] = key
            values[slot] = UInt8(min(bonus, 255))
        }
        self.keys = keys
        self.values = values
        largestBonus = Int(values.max() ?? 0)
    }

    @inline(__always)
    private static func slot(_ key: UInt64, shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    @inline(__always)
    subscript(scalar: UInt32) -> Int {
        self[UInt64(scalar)]
    }

    /// The bonus of `key`; 0 when it has none.
    @inline(__always)
    subscript(key: UInt64) -> Int {
        var slot = Self.slot(key, shift: shift)
        while true {
            let stored = keys[slot]
            if stored == key { return Int(values[slot]) }
            if stored == 0 { return 0 }
            slot = (slot + 1) & (keys.count - 1)
        }
    }
}
