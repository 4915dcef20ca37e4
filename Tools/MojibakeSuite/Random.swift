import FixTextCore
/// The core's SplitMix64, whose output depends only on its seed, so that the suite
/// regenerates byte for byte on any machine and Swift version; with generators derived
/// per part of the suite.
struct SeededRandom: RandomNumberGenerator {
    private var source: SplitMix64

    init(seed: UInt64) { source = SplitMix64(seed: seed) }

    mutating func next() -> UInt64 { source.next() }

    /// A generator for one part of the suite, so that changing how many cases one kind
    /// draws does not reshuffle every other kind.
    func derived(_ label: String) -> SeededRandom {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325  // FNV-1a: stable, unlike Hasher
        for byte in label.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3
        }
        return SeededRandom(seed: source.state ^ hash)
    }

    /// `Int.random(in:using:)`'s algorithm is not promised to stay the same across Swift
    /// versions; this one is.
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    mutating func int(_ range: Range<Int>) -> Int { int(range.lowerBound...(range.upperBound - 1)) }

    mutating func chance(_ probability: Double) -> Bool {
        Double(next() >> 11) / Double(1 << 53) < probability
    }

    mutating func pick<T>(_ items: [T]) -> T { items[int(0..<items.count)] }

    /// Fisher–Yates with ``int(_:)-1x3pj``, for the same reason.
    mutating func shuffled<T>(_ items: [T]) -> [T] {
        var items = items
        guard items.count > 1 else { return items }
        for index in stride(from: items.count - 1, to: 0, by: -1) {
            items.swapAt(index, int(0...index))
        }
        return items
    }
}
