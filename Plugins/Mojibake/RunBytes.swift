import FixTextCore

/// The legacy bytes of a run of characters, with where each character's bytes start.
struct RunBytes {
    var bytes: [UInt8] = []
    /// `starts[k]` is where character `offset + k` starts; `starts[count]` is the end.
    var starts: [Int] = []
    /// `isStart[b]`: a character starts at byte b (including the end).
    private var isStart: [Bool]
    let offset: Int

    /// Whether the encoding has characters of two bytes (GBK, Big5, Shift-JIS, EUC-KR).
    let isDoubleByte: Bool

    /// The bytes of `scalars`, put in `scratch`'s buffers when given (the span search
    /// makes one of these for every run of every recipe, and gives the buffers back with
    /// ``recycle(into:)``).
    init(_ scalars: ArraySlice<UInt32>, offset: Int, codec: LegacyCodec, reusing scratch: SpanScratch? = nil) {
        self.offset = offset
        isDoubleByte = codec.isMultiByte
        isStart = []
        if let scratch {
            bytes = SpanScratch.take(&scratch.runBytes)
            starts = SpanScratch.take(&scratch.runStarts)
            isStart = SpanScratch.take(&scratch.runIsStart)
            bytes.removeAll(keepingCapacity: true)
            starts.removeAll(keepingCapacity: true)
            isStart.removeAll(keepingCapacity: true)
        }
        bytes.reserveCapacity(scalars.count * (isDoubleByte ? 2 : 1))
        starts.reserveCapacity(scalars.count + 1)
        for scalar in scalars {
            starts.append(bytes.count)
            if !codec.encode(scalar, into: &bytes), scalar == 0xFFFD, !isDoubleByte {
                placeholders.insert(bytes.count)
                bytes.append(Self.placeholder)
            }
        }
        starts.append(bytes.count)
        isStart.append(contentsOf: repeatElement(false, count: bytes.count + 1))
        for start in starts { isStart[start] = true }
    }

    /// Gives the buffers to `scratch` for the next run, leaving this one empty: after
    /// this the scratch holds their only reference, so reusing them copies nothing.
    mutating func recycle(into scratch: SpanScratch) {
        swap(&bytes, &scratch.runBytes)
        swap(&starts, &scratch.runStarts)
        swap(&isStart, &scratch.runIsStart)
        bytes = []
        starts = []
        isStart = []
    }

    var count: Int { starts.count - 1 }

    /// Where a U+FFFD stands for a byte that a decoder could not read (windows-1252's
    /// undefined 81, 8D, 8F, 90, 9D): a continuation byte, whatever it was, so the UTF-8
    /// around it still decodes, and the character it was part of is marked lost.
    private(set) var placeholders: Set<Int> = []
    static let placeholder: UInt8 = 0x81

    func hasPlaceholder(in bytes: Range<Int>) -> Bool {
        !placeholders.isEmpty && bytes.contains { placeholders.contains($0) }
    }

    /// Whether at least two UTF-8 sequences of three or four bytes are well-formed here,
    /// and well-formed sequences hold at least three quarters of the bytes above ASCII.
    /// (Two-byte sequences prove little: a GB2312 character whose bytes are C2–DF and
    /// A1–BF is one, and Chinese text is full of them.)
    var isMostlyUTF8: Bool { Self.isMostlyUTF8(bytes) }

    static func isMostlyUTF8(_ bytes: [UInt8]) -> Bool {
        var sequences = 0, inSequences = 0, high = 0
        var q = 0
        while q < bytes.count {
            let byte = bytes[q]
            guard byte >= 0x80 else {
                q += 1
                continue
            }
            let length = UTF8Boundaries.sequenceLength(lead: byte)
            if length > 1, q + length <= bytes.count, (1..<length).allSatisfy({ bytes[q + $0] & 0xC0 == 0x80 }) {
                if length >= 3 { sequences += 1 }
                inSequences += length
                high += length
                q += length
            } else {
                high += 1
                q += 1
            }
        }
        return sequences >= 2 && inSequences * 4 >= high * 3
    }

    func isCharacterStart(_ byte: Int) -> Bool { byte <= bytes.count && isStart[byte] }

    /// The index in the line of the character that starts at `byte`.
    func scalarIndex(atByte byte: Int) -> Int {
        var low = 0, high = starts.count - 1
        while low < high {
            let mid = (low + high) / 2
            if starts[mid] < byte { low = mid + 1 } else { high = mid }
        }
        return offset + low
    }

    func byteOffset(ofScalar index: Int) -> Int { starts[index - offset] }
}
