/// Decoding more than one character, and what ICU's decoder writes for bytes it cannot read.
extension LegacyCodec {
    /// The sum of the cheapest costs in `model` of what `bytes` decode to here, with
    /// ``LanguageModel/unseenCost`` for each byte that is no character: how likely the
    /// bytes are to be text in this encoding, at a glance. ASCII read alone costs nothing:
    /// every encoding weighed reads it the same.
    func cheapestCost(of bytes: UnsafeBufferPointer<UInt8>, in model: LanguageModel) -> Int {
        var total = 0, q = 0
        while q < bytes.count {
            if bytes[q] < 0x80 {
                q += 1
            } else if let (scalar, length) = decode(at: q, in: bytes) {
                total += model.cheapestCost(scalar)
                q += length
            } else {
                total += LanguageModel.unseenCost
                q += 1
            }
        }
        return total
    }

    /// Decodes `bytes` strictly: nil if any of them is no character.
    func decodeStrictly(_ bytes: ArraySlice<UInt8>) -> [UInt32]? {
        bytes.withUnsafeBufferPointer { bytes in
            var result: [UInt32] = []
            var q = 0
            while q < bytes.count {
                guard let (scalar, length) = decode(at: q, in: bytes) else { return nil }
                // (Room is made once the first character decodes: most calls fail sooner.)
                if result.isEmpty { result.reserveCapacity(bytes.count - q) }
                result.append(scalar)
                q += length
            }
            return result
        }
    }

    /// What a "?" that ICU's converter writes for bytes it cannot read stands for.
    enum QuestionMark {
        /// One byte, the decoder going on with the next: GB18030's (on the suite, taking it
        /// so brings 5 more lines of UTF-8 read as GB18030 to the best repair there is).
        case oneByte
        /// A lead byte, and the byte after it when the two make no pair: Shift-JIS's and
        /// Big5's. In UTF-8 read so, that is the end of one character and the start of the
        /// next; taking it for one byte in a character's middle makes more lines worse
        /// than better.
        case leadAndNextByte
        /// One byte or two, not told apart (windows-936, EUC-KR, single-byte encodings).
        case oneOrTwoBytes

        init(encoding name: String) {
            switch name {
            case "gb18030": self = .oneByte
            case LegacyCodec.shiftJIS, "windows-950-2000": self = .leadAndNextByte
            default: self = .oneOrTwoBytes
            }
        }
    }

    /// The one byte of `scalar`, or nil when it has none or two.
    @inline(__always)
    func singleByteCode(_ scalar: UInt32) -> UInt8? {
        let packed = packedBytes(scalar)
        return packed >> 24 == 1 ? UInt8(truncatingIfNeeded: packed) : nil
    }
}
