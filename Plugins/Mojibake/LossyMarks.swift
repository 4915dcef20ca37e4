import FixTextCore

/// Marks that stand where text was lost for good: they cannot be repaired, only found,
/// reported, and removed on request.
///
/// - 锟斤拷: the UTF-8 bytes of two U+FFFD read as GBK; text was replaced by U+FFFD before
///   it was garbled, so nothing of it remains. With a character or two that stood between
///   the U+FFFD, as 锟侥革拷.
/// - 烫烫烫 and 屯屯屯: 0xCC and 0xCD, the fill of uninitialised memory in Microsoft's debug
///   builds, read as GBK.
/// - Runs of U+FFFD: a decoder replaced what it could not read.
/// - 閿熸枻鎷烽敓鏂ゆ嫹: 锟斤拷 itself, in UTF-8, read as GBK once more.
/// - 嚙踝蕭 and 占쏙옙: the same bytes as 锟斤拷 read as Big5 and as Korean code page 949,
///   as Taiwanese and Korean pages show them.
enum LossyMarks {
    static let kun: UInt32 = 0x951F, jin: UInt32 = 0x65A4, kao: UInt32 = 0x62F7
    static let tang: UInt32 = 0x70EB, tun: UInt32 = 0x5C6F
    /// 嚙踝蕭 and 占쏙옙: EF BF BD EF BF BD read as Big5 and as code page 949, in order.
    static let otherReadings: [(cycle: [UInt32], description: String)] = [
        ([0x5699, 0x8E1D, 0x856D], "嚙踝蕭: U+FFFD replacement characters read as Big5; the text they replaced is lost"),
        ([0x5360, 0xC3D9, 0xC619], "占쏙옙: U+FFFD replacement characters read as Korean (code page 949); the text they replaced is lost"),
    ]
    /// 锟斤拷锟斤拷 in UTF-8 read as GBK: nine characters that repeat, since 锟斤拷 is nine
    /// bytes and GBK reads them in pairs.
    static let kunJinKaoAgain: [UInt32] = [0x95BF, 0x71B8, 0x67BB, 0x93B7, 0x70FD, 0x6553, 0x93C2, 0x3086, 0x5AF9]

    struct Mark {
        var range: Range<Int>
        var description: String
    }

    /// Whether a mark can start with `scalar`, by its low 12 bits: most characters, which
    /// start none, are let go with one table read (the few others that share the bits are
    /// looked at in full).
    @inline(__always)
    private static func mayStartMark(_ scalar: UInt32) -> Bool {
        markStartBits[Int(scalar & 0xFFF)]
    }

    /// Whether `scalars` may hold a mark: a character a mark starts with is there.
    static func mayHaveMarks(_ scalars: [UInt32]) -> Bool {
        scalars.contains { mayStartMark($0) }
    }

    private static let markStartBits: [Bool] = {
        var bits = [Bool](repeating: false, count: 0x1000)
        for scalar in [0xFFFD, kun, tang, tun] + kunJinKaoAgain + otherReadings.map(\.cycle[0]) { bits[Int(scalar & 0xFFF)] = true }
        return bits
    }()

    /// Where U+FFFD read as GBK ends, from the 锟 at `start`, when a character or two stood
    /// between the U+FFFD: "锟侥革拷" is EF BF BD C4 B8 EF BF BD, U+FFFD, ĸ and U+FFFD, what a
    /// GBK page read as UTF-8 leaves (ĸ is two of its bytes that happened to be UTF-8), read
    /// as GBK again. The characters from `start` must encode in GBK to UTF-8 that starts and
    /// ends with U+FFFD on their own boundaries, with no more other characters than U+FFFD,
    /// and none of them ASCII.
    private static func endOfReplacementsReadAsGBK(from start: Int, in scalars: [UInt32]) -> Int? {
        guard let gbk = try? LegacyCodec.named("windows-936-2000") else { return nil }
        var bytes: [UInt8] = []
        var ends: [Int] = []  // where each character's bytes end
        var k = start
        while k < scalars.count, k - start < 12, gbk.byteCount(scalars[k]) == 2, gbk.encode(scalars[k], into: &bytes) {
            ends.append(bytes.count)
            k += 1
        }
        var best: Int?
        var q = 0, marks = 0, others = 0
        while q < bytes.count {
            guard let (scalar, length) = bytes.withUnsafeBufferPointer({ UTF8Scalars.decode(at: q, in: $0, limit: $0.count) }),
                  scalar >= 0x80
            else { break }
            if q == 0 && scalar != 0xFFFD { return nil }
            if scalar == 0xFFFD { marks += 1 } else { others += 1 }
            q += length
            if scalar == 0xFFFD, marks >= 2, others <= marks, let characters = ends.firstIndex(of: q) {
                best = start + characters + 1
            }
        }
        return best
    }

    /// The lossy marks of a line of scalars.
    static func find(in scalars: [UInt32]) -> [Mark] {
        var marks: [Mark] = []
        var i = 0
        while i < scalars.count {
            let scalar = scalars[i]
            guard mayStartMark(scalar) else {
                i += 1
                continue
            }
            var end = i
            let description: String?
            // (U+FFFD first: a strict decoder writes many, and the cases are apart.)
            switch scalar {
            case 0xFFFD:
                while end < scalars.count, scalars[end] == 0xFFFD { end += 1 }
                description = "U+FFFD: a decoder replaced bytes it could not read; the text is lost"
            case kun:
                // 锟斤拷 repeated, possibly cut at either end, or with what stood between the
                // U+FFFD (see `endOfReplacementsReadAsGBK(from:in:)`).
                while end < scalars.count, [kun, jin, kao].contains(scalars[end]) { end += 1 }
                if end - i < 2, let wider = endOfReplacementsReadAsGBK(from: i, in: scalars) {
                    end = wider
                    while end < scalars.count, [kun, jin, kao].contains(scalars[end]) { end += 1 }
                }
                description = end - i >= 2 ? "锟斤拷: U+FFFD replacement characters read as GBK; the text they replaced is lost" : nil
            case _ where otherReadings.contains(where: { $0.cycle[0] == scalar }):
                // Repeated, possibly cut at the end; two characters at least (蕭 is a
                // surname, 占 a common character).
                let reading = otherReadings.first { $0.cycle[0] == scalar }!
                var position = 0
                while end < scalars.count, scalars[end] == reading.cycle[position] {
                    end += 1
                    position = (position + 1) % reading.cycle.count
                }
                description = end - i >= 2 ? reading.description : nil
            case tang, tun:
                while end < scalars.count, scalars[end] == scalar { end += 1 }
                description = end - i >= 3
                    ? "\(scalar == tang ? "烫烫烫" : "屯屯屯"): uninitialised memory (0x\(scalar == tang ? "CC" : "CD") bytes) read as GBK; no text was there, or it is lost"
                    : nil
            case _ where kunJinKaoAgain.contains(scalar):
                // Three or more in the order of the cycle, starting anywhere in it.
                var position = kunJinKaoAgain.firstIndex(of: scalar)!
                while end < scalars.count, scalars[end] == kunJinKaoAgain[position] {
                    end += 1
                    position = (position + 1) % kunJinKaoAgain.count
                }
                description = end - i >= 3 ? "閿熸枻鎷: 锟斤拷 read as GBK again; the text it stood for is lost" : nil
            default:
                description = nil
            }
            if let description {
                marks.append(Mark(range: i..<end, description: description))
                i = end
            } else {
                i += 1
            }
        }
        return marks
    }
}
