/// Buffers reused by ``SpanWindows/groups()``, ``RunBytes``,
/// ``ChineseSwapSegments/groups()`` and ``WholeLineUndo`` from one stretch, run and line
/// to the next: a garbled line has many runs, each with several stretches, and allocating
/// these afresh for each was a good part of the span search's time. One per repairer,
/// which works on one line at a time.
///
/// A user takes a buffer (leaving an empty one behind) and gives it back when done, so
/// the buffer is never shared while in use and appending to it never copies it; a nested
/// user, if there ever were one, would only find an empty buffer and allocate its own.
final class SpanScratch {
    /// The characters a stretch decodes to in the actual encoding.
    var decoded: [UInt32] = []
    /// Where both sides of a stretch are at a character boundary.
    var boundaries: [(byte: Int, decoded: Int)] = []
    /// Where the alternatives of a stretch end.
    var ends: [(byte: Int, upper: Int, decoded: Int, tail: Bool)] = []
    /// The buffers of the last ``RunBytes`` given back.
    var runBytes: [UInt8] = []
    var runStarts: [Int] = []
    var runIsStart: [Bool] = []
    /// The swapped characters, best-path steps and labelling of a run in
    /// ``ChineseSwapSegments/groups()``.
    var swapped: [UInt32] = []
    var from: [UInt8] = []
    var isSwapped: [Bool] = []
    /// The bytes a line garbled whole was read from, and where each of its characters
    /// starts in them (``WholeLineUndo/init(utf8ReadAs:_:model:scratch:)``).
    var lineBytes: [UInt8] = []
    var lineStarts: [Int] = []
    /// What weighing the candidates for unread bytes found, case by case.
    lazy var guesses = GuessCache()

    /// `buffer`, with an empty array left in its place: the taker holds the only
    /// reference, so appending copies nothing. It is given back by assigning it to
    /// `buffer` again. It still holds what was last put in it: the taker empties it when
    /// it needs it empty (emptying is a call of its own, which most uses never need).
    @inline(__always)
    static func take<Element>(_ buffer: inout [Element]) -> [Element] {
        var taken: [Element] = []
        swap(&taken, &buffer)
        return taken
    }

    /// Makes `buffer` `count` long, keeping its storage, for a taker that writes every
    /// element through a pointer and then cuts it to what it wrote.
    static func resize<Element: FixedWidthInteger>(_ buffer: inout [Element], to count: Int) {
        if buffer.count < count {
            buffer.append(contentsOf: repeatElement(0, count: count - buffer.count))
        } else {
            buffer.removeLast(buffer.count - count)
        }
    }
}
