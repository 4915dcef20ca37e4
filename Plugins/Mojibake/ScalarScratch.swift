/// A buffer reused to put a candidate together with the line around it, so that weighing
/// one of the thousands of candidates a garbled line makes allocates nothing. One per
/// repairer, which works on one line at a time.
final class ScalarScratch {
    private var buffer: [UInt32] = []

    /// `a`, `b` and `c` one after another, valid until the next call.
    func joined(_ a: ArraySlice<UInt32>, _ b: ArraySlice<UInt32>, _ c: ArraySlice<UInt32>) -> ArraySlice<UInt32> {
        buffer.removeAll(keepingCapacity: true)
        buffer.append(contentsOf: a)
        buffer.append(contentsOf: b)
        buffer.append(contentsOf: c)
        return buffer[...]
    }
}
