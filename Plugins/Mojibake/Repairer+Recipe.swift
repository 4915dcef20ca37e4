extension Repairer {
    /// A misreading the repairer undoes, with the codecs that undo it. A class: recipes are
    /// handed around for every run of every suspicious line, and each copy of a struct
    /// would count references to each of its strings and codecs.
    final class Recipe {
        let misreading: Misreading
        private let readAsCodec: BuiltOnFirstUse<LegacyCodec>
        private let actualCodec: BuiltOnFirstUse<LegacyCodec>?
        var readAs: LegacyCodec { readAsCodec.value }
        /// The encoding the bytes were really in; nil for UTF-8.
        var actual: LegacyCodec? { actualCodec?.value }
        /// Whether the bytes were really UTF-8 (without building any table).
        var actualIsUTF8: Bool { actualCodec == nil }

        /// Big5 read as GBK or the reverse: never part of a layered repair.
        let isChineseSwap: Bool
        /// Japanese read as GBK (偙傫偵偪偼 for こんにちは): the repair reads as another
        /// language than the garbled text, which is its evidence.
        let isForeignReadAsGBK: Bool
        /// GBK, Big5, EUC-KR or Shift-JIS read as windows-1252 (ÖÐÎÄ).
        let isDoubleByteReadAsWindows1252: Bool
        /// A no-break space ends a run of GBK, Big5 or EUC-KR text read as Latin-1: 0xA0
        /// is no byte of their common characters, and a real no-break space is far
        /// likelier. (In Shift-JIS it is the second byte of あ and others.)
        let breaksAtNoBreakSpace: Bool
        /// UTF-8 read as one of the misreadings common enough that a repair of one
        /// character is credible.
        let trustsSingleCharacters: Bool
        /// Text read as code page 437, which makes box drawing of most lead bytes of GBK
        /// and UTF-8 (中文 is ╓╨╬─ from GBK, Σ╕¡µûç from UTF-8): zip archives' file names,
        /// read as the format's default.
        let readsAsBoxDrawing: Bool
        /// GBK read as windows-1254, Turkish Windows' windows-1252 (see
        /// ``Repairer/isTurkishLetterInSoup(_:in:)``).
        let readsAsTurkish: Bool
        /// Cyrillic, Greek or Hebrew in their Windows code pages read as windows-1252 (see
        /// ``Repairer/isAlphabetSoup(_:in:)``).
        let isAlphabetReadAsLatin: Bool
        /// UTF-8 read as Shift-JIS, whose Windows decoder writes "・" for bytes it cannot
        /// read (see ``Repairer/middleDotsAsUnread(_:)``).
        let writesMiddleDotForUnread: Bool

        init(misreading: Misreading, readAs: BuiltOnFirstUse<LegacyCodec>, actual: BuiltOnFirstUse<LegacyCodec>?) {
            self.misreading = misreading
            readAsCodec = readAs
            actualCodec = actual
            isDoubleByteReadAsWindows1252 = actual != nil && readAs.name == LegacyCodec.sloppyWindows1252
            breaksAtNoBreakSpace = actual.map { $0.name != LegacyCodec.shiftJIS } ?? false
            trustsSingleCharacters = actual == nil && Repairer.singleCharacterReadings.contains(readAs.name)
            readsAsBoxDrawing = ["ibm-437", "ibm-850", "ibm-866"].contains(readAs.name)
            writesMiddleDotForUnread = actual == nil && readAs.name == LegacyCodec.shiftJIS
            readsAsTurkish = actual != nil && readAs.name == "windows-1254"
            isAlphabetReadAsLatin = ["windows-1251", "windows-1253", "windows-1255"].contains(actual?.name ?? "")
            let chinese: Set<String> = ["windows-936-2000", "windows-950-2000"]
            isChineseSwap = actual.map { chinese.contains($0.name) } ?? false && chinese.contains(readAs.name)
            isForeignReadAsGBK = actual.map { !chinese.contains($0.name) } ?? false && readAs.name == "windows-936-2000"
        }
    }
}
