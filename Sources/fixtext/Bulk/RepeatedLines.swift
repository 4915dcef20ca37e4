import FixTextWARC

/// Cross-document repeated-line removal, after CCNet: lines that occur in more than
/// `threshold` documents of the same host (site menus, copyright lines, a content farm's
/// SEO title on every page) are removed from every document of that host.
///
/// A first pass over all the inputs (also those whose output is already complete, so a
/// rerun decides the same) counts, for each (host, normalised line) hash, the documents it
/// occurs in. The counting is exact, in a hash table of at most `maxEntries` entries
/// (16 bytes each): when the inputs hold more distinct lines than that, the pass is
/// repeated over disjoint slices of the hash space, so memory stays bounded for any number
/// of inputs at the cost of reading them again. Only the hashes over the threshold are
/// kept for the second pass.
///
/// Lines are normalised before hashing: white space dropped, ASCII letters lower-cased,
/// digits (ASCII and full-width) all the same, so "第3页" and "第４页" count as one line.
/// Hashes are 64 bits: two different lines collide with negligible probability.
final class RepeatedLines: @unchecked Sendable {
    let threshold: Int
    private(set) var frequent: Set<UInt64> = []
    /// How many passes over the inputs the count took.
    private(set) var passes = 0

    init(threshold: Int) {
        self.threshold = threshold
    }

    /// Counts documents given by `forEachDocument`, which calls its argument with (host,
    /// text) for each document of every input, and may be called several times.
    func count(maxEntries: Int, forEachDocument: ((String, UnsafeBufferPointer<UInt8>) -> Void) throws -> Void) throws {
        var slices = 1
        while true {
            var overflow = false
            frequent = []
            for slice in 0..<slices {
                passes += 1
                let table = CountTable(capacity: maxEntries)
                var seen = Set<UInt64>()
                try forEachDocument { host, text in
                    guard !overflow else { return }
                    seen.removeAll(keepingCapacity: true)
                    let hostHash = Self.hash(Array(host.utf8)[...], seed: 0xCBF2_9CE4_8422_2325)
                    Self.forEachLineKey(text, hostHash: hostHash) { key, _ in
                        guard let key, key % UInt64(slices) == UInt64(slice), seen.insert(key).inserted else { return }
                        if !table.increment(key) { overflow = true }
                    }
                }
                if overflow { break }
                table.forEach { key, count in if count > threshold { frequent.insert(key) } }
            }
            if !overflow { return }
            slices *= 2
        }
    }

    /// Removes the frequent lines of `text` (a document of `host`); returns the text and
    /// how many lines went.
    func filter(_ text: [UInt8], host: String) -> ([UInt8], Int) {
        guard !frequent.isEmpty else { return (text, 0) }
        let hostHash = Self.hash(Array(host.utf8)[...], seed: 0xCBF2_9CE4_8422_2325)
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var removed = 0
        text.withUnsafeBufferPointer { bytes in
            Self.forEachLineKey(bytes, hostHash: hostHash, includeBlank: true) { key, line in
                if let key, frequent.contains(key) {
                    removed += 1
                } else {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[line]))
                }
            }
        }
        return (out, removed)
    }

    /// Calls `body` with the key of each line and its range (with its line end); blank
    /// lines have no key and are passed only with `includeBlank`.
    static func forEachLineKey(_ text: UnsafeBufferPointer<UInt8>, hostHash: UInt64, includeBlank: Bool = false, _ body: (UInt64?, Range<Int>) -> Void) {
        var start = 0
        while start < text.count {
            var end = start
            while end < text.count && text[end] != 10 { end += 1 }
            let next = min(end + 1, text.count)
            let key = lineKey(text, start..<end, hostHash: hostHash)
            if key != nil || includeBlank { body(key, start..<next) }
            start = next
        }
    }

    /// FNV-1a over the normalised line, seeded by the host; nil for a blank line.
    static func lineKey(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, hostHash: UInt64) -> UInt64? {
        var h = hostHash
        var any = false
        var i = range.lowerBound
        while i < range.upperBound {
            var byte = text[i]
            i += 1
            switch byte {
            case 32, 9, 13, 12: continue
            case 0xC2 where i < range.upperBound && text[i] == 0xA0:
                i += 1
                continue
            case 0xE3 where i + 1 < range.upperBound && text[i] == 0x80 && text[i + 1] == 0x80:
                i += 2
                continue
            case 0xEF where i + 1 < range.upperBound && text[i] == 0xBC && (0x90...0x99).contains(text[i + 1]):
                i += 2
                byte = 48
            case 48...57: byte = 48
            case 65...90: byte += 32
            default: break
            }
            any = true
            h = (h ^ UInt64(byte)) &* 0x100_0000_01B3
        }
        guard any else { return nil }
        // A final mix, so that keys spread evenly over slices and table slots.
        h ^= h >> 33
        h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        return h == 0 ? 1 : h
    }

    static func hash(_ bytes: ArraySlice<UInt8>, seed: UInt64) -> UInt64 {
        var h = seed
        for byte in bytes { h = (h ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return h
    }

    /// The host of a URI, lower-cased; "" when there is none.
    static func host(of uri: String?) -> String {
        guard let uri, let scheme = uri.firstRange(of: "://") else { return "" }
        let rest = uri[scheme.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let hostPort = authority.split(separator: "@").last ?? ""
        return (hostPort.split(separator: ":").first.map(String.init) ?? "").lowercased()
    }
}

/// Open addressing, 64-bit keys (0 = empty) and 32-bit counts, fixed capacity.
final class CountTable {
    private var keys: [UInt64]
    private var counts: [UInt32]
    private let mask: Int
    private let limit: Int
    private var used = 0

    init(capacity: Int) {
        var size = 1024
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        counts = [UInt32](repeating: 0, count: size)
        mask = size - 1
        limit = capacity
    }

    /// Adds one to `key`'s count; false when the table is full.
    func increment(_ key: UInt64) -> Bool {
        var slot = Int(truncatingIfNeeded: key) & mask
        while true {
            if keys[slot] == key {
                counts[slot] &+= counts[slot] == .max ? 0 : 1
                return true
            }
            if keys[slot] == 0 {
                guard used < limit else { return false }
                keys[slot] = key
                counts[slot] = 1
                used += 1
                return true
            }
            slot = (slot + 1) & mask
        }
    }

    func forEach(_ body: (UInt64, Int) -> Void) {
        for slot in keys.indices where keys[slot] != 0 { body(keys[slot], Int(counts[slot])) }
    }
}
