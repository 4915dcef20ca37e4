/// What the weighing of the candidates for a lost character found, remembered by
/// everything the weighing hangs on: for the unread bytes of
/// ``WholeLineUndo/withUnreadByte(at:character:_:in:starts:line:before:decided:script:readAs:model:guesses:)``
/// the last bytes of ``WholeLineUndo/withLostLastByte(known:missing:after:readAs:model:unseen:guesses:)``,
/// and the end of a slipped GBK run cut short by a "?" (``MisalignedStream``).
///
/// Text read so loses a byte every few characters, and the same ones over and over: the
/// 146,000 unread bytes in a 4 MB page of rulings read as Python's `gbk` are only 8,400
/// different cases (the same bytes, in the same script, with the same neighbours and the
/// same byte after). Weighing one took some 5,000 instructions, a third of repairing such
/// a page; looking it up, a few dozen.
///
/// A table of fixed size, in which a case takes the slot its key hashes to and pushes out
/// what was there: it never grows, however much text streams through (640 KB). One per
/// repairer, made at its first whole-line repair, as its scratch buffers are (a repairer
/// works on one line at a time).
final class GuessCache {
    /// Everything a weighing hangs on: it is a function of these alone.
    struct Key: Equatable {
        private var shape: UInt64
        /// The characters either side (each plus one; 0 for none).
        private var neighbours: UInt64
        /// The codec the text was read as.
        private var codec: ObjectIdentifier

        /// An unread byte or two inside a UTF-8 sequence.
        /// - Parameters:
        ///   - template: the sequence's character with the unread bits clear.
        ///   - after: the byte after the last unread one (nil: the line's end, or a "?").
        ///   - firstBefore: the read byte right after the first unread one, when the two
        ///     are apart (0 otherwise).
        static func unreadBytes(
            template: UInt32, needed: Int, first: Int, second: Int, after: UInt8?, firstBefore: UInt8,
            script: TextLanguage?, previous: UInt32?, following: UInt32?, readAs: LegacyCodec
        ) -> Key {
            let afterCode: UInt64 = after.map { UInt64($0) } ?? 0x100
            var shape = UInt64(template) | UInt64(needed) << 21 | UInt64(first) << 24 | UInt64(second + 1) << 27
            shape |= afterCode << 30 | UInt64(firstBefore) << 39 | scriptCode(script) << 47
            return Key(shape: shape, neighbours: neighbourCode(previous, following), codec: ObjectIdentifier(readAs))
        }

        /// The last bytes of a line's last character, `missing` of them.
        /// - Parameters:
        ///   - template: the character with the missing bits clear.
        ///   - unseen: whether no decoder met them (the line ends inside the character).
        ///   - beforePrevious: the character before `previous`, when it has a say.
        static func lostLastBytes(
            template: UInt32, known: Int, missing: Int, unseen: Bool, script: TextLanguage?, previous: UInt32?, beforePrevious: UInt32?,
            readAs: LegacyCodec
        ) -> Key {
            var shape = UInt64(template) | UInt64(known) << 21 | UInt64(missing) << 24
            shape |= (unseen ? 1 : 0) << 27 | scriptCode(script) << 47 | 1 << 63
            return Key(shape: shape, neighbours: neighbourCode(previous, beforePrevious), codec: ObjectIdentifier(readAs))
        }

        /// The character a slipped GBK run ends with, whose first byte `lead` survived before
        /// a "?" (see ``MisalignedStream/likeliest(lead:after:before:in:line:)``), in a
        /// line without full-width brackets, which would otherwise have a say.
        static func slippedEnd(lead: UInt8, language: TextLanguage, previous: UInt32?, next: UInt32?, codec: LegacyCodec) -> Key {
            let shape = UInt64(lead) | scriptCode(language) << 47 | 1 << 62
            return Key(shape: shape, neighbours: neighbourCode(previous, next), codec: ObjectIdentifier(codec))
        }

        private static func scriptCode(_ script: TextLanguage?) -> UInt64 {
            UInt64(script.map { $0.rawValue + 1 } ?? 0)
        }

        /// Each character plus one in 22 bits (0 for none). Anything beyond Unicode (the
        /// marker of an invalid byte) is one code: it never reaches a weighing.
        private static func neighbourCode(_ previous: UInt32?, _ following: UInt32?) -> UInt64 {
            let code = { (scalar: UInt32?) in scalar.map { UInt64(min($0, 0x11_0000)) + 1 } ?? 0 }
            return code(previous) | code(following) << 22
        }

        fileprivate var slot: Int {
            var hash = shape &* 0x9E37_79B9_7F4A_7C15
            hash ^= (neighbours ^ UInt64(UInt(bitPattern: codec))) &* 0xC2B2_AE3D_27D4_EB4F
            return Int(truncatingIfNeeded: (hash ^ hash >> 29) & UInt64(GuessCache.slotCount - 1))
        }
    }

    /// The character clearly likeliest, if one was, and the bytes that make it: x for the
    /// first lost byte, y for the second (or the only one).
    typealias Verdict = (x: UInt8, y: UInt8, scalar: UInt32)?

    static let slotCount = 1 << 14

    private struct Slot {
        var key: Key?
        var verdict: Verdict
    }

    /// Read and written through a pointer: arrays held by a class are checked for
    /// exclusive access at run time at every use, which cost as much as the look-up.
    private let slots: UnsafeMutablePointer<Slot>

    init() {
        slots = .allocate(capacity: Self.slotCount)
        slots.initialize(repeating: Slot(key: nil, verdict: nil), count: Self.slotCount)
    }

    deinit {
        slots.deinitialize(count: Self.slotCount)
        slots.deallocate()
    }

    /// The verdict remembered for `key`; nil when there is none (a verdict of no guess is
    /// `.some(nil)`).
    @inline(__always)
    func verdict(for key: Key) -> Verdict? {
        let slot = slots + key.slot
        guard slot.pointee.key == key else { return nil }
        return .some(slot.pointee.verdict)
    }

    /// The verdict for `key`, remembered or found by `weigh` (and remembered).
    @inline(__always)
    func verdict(for key: Key, weigh: () -> Verdict) -> Verdict {
        let slot = slots + key.slot
        if slot.pointee.key == key { return slot.pointee.verdict }
        let verdict = weigh()
        slot.pointee = Slot(key: key, verdict: verdict)
        return verdict
    }
}
