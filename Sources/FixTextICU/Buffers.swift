/// Memory a wrapper reuses from call to call, so that converting a short span allocates
/// nothing. Contents are not kept when it grows.
struct ScratchBuffer<Element: BitwiseCopyable>: ~Copyable {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var capacity: Int

    init(capacity: Int) {
        precondition(capacity > 0)
        base = .allocate(capacity: capacity)
        self.capacity = capacity
    }

    /// Makes room for at least `minimumCapacity` elements, discarding the contents.
    mutating func reserve(_ minimumCapacity: Int) {
        guard minimumCapacity > capacity else { return }
        let newCapacity = max(minimumCapacity, capacity * 2)
        base.deallocate()
        base = .allocate(capacity: newCapacity)
        capacity = newCapacity
    }

    var limit: UnsafeMutablePointer<Element> { base + capacity }

    deinit { base.deallocate() }
}

/// ICU measures text in `int32_t`; fixtext hands it chunks far below 2 GiB.
@inline(__always)
func icuLength(_ count: Int) -> Int32 {
    precondition(count <= Int(Int32.max), "ICU cannot take more than Int32.max units at once")
    return Int32(truncatingIfNeeded: count)
}

extension Array where Element: BitwiseCopyable & ExpressibleByIntegerLiteral {
    /// Appends `count` elements and lets `body` fill them, then keeps only the first
    /// `body`-returned number of them. Used to let C write straight into an array.
    mutating func appendUninitialized(
        _ count: Int, _ body: (UnsafeMutablePointer<Element>) -> Int
    ) {
        let start = self.count
        append(contentsOf: repeatElement(0, count: count))
        let kept = withUnsafeMutableBufferPointer { body($0.baseAddress! + start) }
        removeLast(count - Swift.max(0, Swift.min(kept, count)))
    }
}
