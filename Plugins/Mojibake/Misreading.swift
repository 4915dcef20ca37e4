import FixTextCore

/// How text came to be garbled: bytes in one encoding were decoded as another.
///
/// Repairing undoes it: the garbled text is encoded back with the encoding it was wrongly
/// read as, which gives the original bytes, and those are decoded with the encoding they
/// really were in.
struct Misreading: Sendable, Hashable, CustomStringConvertible {
    /// The encoding the bytes were really in: "utf-8", or an ICU converter name.
    var actual: String
    /// The encoding they were decoded with, an ICU converter name.
    var readAs: String

    var actualIsUTF8: Bool { actual == "utf-8" }

    /// `utf-8 → windows-936 (read as)`, for explanations.
    var description: String { "\(Self.displayName(actual)) → \(readAsDescription)" }

    /// The exact ICU tables are named for their Windows code pages here. ICU's plain
    /// aliases ("windows-936", "big5") may name IBM tables with other mappings, so the
    /// repairer uses the exact names, and explanations the familiar ones.
    static func displayName(_ name: String) -> String {
        switch name {
        case "windows-936-2000": "windows-936"
        case "windows-950-2000": "windows-950 (Big5)"
        case "ibm-943_P15A-2003": "windows-31j (Shift-JIS)"
        case "windows-949-2000": "windows-949 (EUC-KR)"
        case FtfyRereading.readAs: "windows-1252 then ftfy"
        default: name
        }
    }

    /// The misreading as it is told: a sloppy windows-1252 reading of `garbled` was
    /// windows-1252, unless the text has C1 controls where windows-1252 has characters,
    /// which only a Latin-1 decoder makes.
    func told(for garbled: ArraySlice<UInt32>) -> Misreading {
        guard readAs == LegacyCodec.sloppyWindows1252 else { return self }
        let latin1 = garbled.contains { (0x80...0x9F).contains($0) && ![0x81, 0x8D, 0x8F, 0x90, 0x9D].contains($0) }
        return Misreading(actual: actual, readAs: latin1 ? "iso-8859-1" : "windows-1252")
    }

    /// A stream read as its own encoding, but one byte out of step.
    var isMisaligned: Bool { actual == readAs }

    var readAsDescription: String {
        isMisaligned ? "\(Self.displayName(readAs)) (read one byte out of step)" : "\(Self.displayName(readAs)) (read as)"
    }

    /// The misreadings tried, most common first. Windows-style decoders made most real
    /// mojibake, so their ICU names come first: windows-936 maps 0x80 to € and the
    /// user-defined areas to private use; windows-1252 keeps its undefined bytes as C1
    /// controls, as browsers do.
    static let utf8Misreadings: [Misreading] = [
        Misreading(actual: "utf-8", readAs: LegacyCodec.sloppyWindows1252),
        Misreading(actual: "utf-8", readAs: "windows-936-2000"),
        Misreading(actual: "utf-8", readAs: "gb18030"),
        Misreading(actual: "utf-8", readAs: "windows-950-2000"),
        Misreading(actual: "utf-8", readAs: "ibm-943_P15A-2003"),
        Misreading(actual: "utf-8", readAs: "windows-949-2000"),
        Misreading(actual: "utf-8", readAs: "windows-1251"),
        Misreading(actual: "utf-8", readAs: "windows-1250"),
        Misreading(actual: "utf-8", readAs: "windows-1257"),
        // Turkish Windows: windows-1252 but for six letters, which UTF-8's leads of four
        // bytes (F0, ğ) and of Hebrew and Arabic (D0, DD, DE) fall on: 😃 is ğŸ˜ƒ.
        Misreading(actual: "utf-8", readAs: "windows-1254"),
        Misreading(actual: "utf-8", readAs: "iso-8859-2"),
        Misreading(actual: "utf-8", readAs: "macintosh"),
        Misreading(actual: "utf-8", readAs: "ibm-437"),
        // Russian DOS (Ошибка is ╨Ю╤И╨╕╨▒╨║╨░), as consoles on Russian Windows show UTF-8.
        Misreading(actual: "utf-8", readAs: "ibm-866"),
    ]

    /// Double-byte text read as a single-byte Western encoding: ÖÐÎÄ for 中文.
    static let legacyMisreadings: [Misreading] = {
        var list: [Misreading] = []
        for actual in ["windows-936-2000", "windows-950-2000", "windows-949-2000", "ibm-943_P15A-2003"] {
            list.append(Misreading(actual: actual, readAs: LegacyCodec.sloppyWindows1252))
        }
        // Russian and the other Cyrillic languages in windows-1251 read as windows-1252
        // (Привет is Ïðèâåò): every byte a letter of Latin-1 soup, which a double-byte
        // reading would otherwise take for Chinese or Korean (Âõîä read as GBK is 찢賊).
        // Greek (windows-1253) and Hebrew (windows-1255) alike: their letters are À–þ too,
        // and each alphabet is weighed against the others (שלום read so is ùìåí, and as
        // Cyrillic щмен).
        for alphabet in ["windows-1251", "windows-1253", "windows-1255"] {
            list.append(Misreading(actual: alphabet, readAs: LegacyCodec.sloppyWindows1252))
        }
        list.append(Misreading(actual: "windows-936-2000", readAs: "windows-1250"))
        // Turkish Windows: windows-1252 but for Ğ İ Ş ğ ı ş where it has Ð Ý Þ ð ý þ
        // (对不起 is ¶Ô²»Æğ; 읽음, Korean, is ÀĞÀ½).
        list.append(Misreading(actual: "windows-936-2000", readAs: "windows-1254"))
        list.append(Misreading(actual: "windows-949-2000", readAs: "windows-1254"))
        // ISO-8859-15 (Latin-9), windows-1252's letters but for eight of A4–BE (件 is BC FE:
        // Œþ there, ¼þ in windows-1252); weighed only where one of those stands in the soup.
        list.append(Misreading(actual: "windows-936-2000", readAs: "iso-8859-15"))
        // File names in a zip archive made on Chinese Windows, read as code page 437 (the
        // format's default) by unzip: 中文.txt is ╓╨╬─.txt.
        list.append(Misreading(actual: "windows-936-2000", readAs: "ibm-437"))
        // ...and by Russian DOS, code page 866, whose box drawing is 437's and whose
        // letters are Cyrillic (中文 is ╓╨╬─, 对不起 ╢╘▓╗╞Ё).
        list.append(Misreading(actual: "windows-936-2000", readAs: "ibm-866"))
        // ...and Japanese and Korean names read by the same US DOS (新しいフォルダ is
        // ÉVé╡éóâtâHâïâ_, 책선물용 ├Ñ╝▒╣░┐δ), and Chinese and Japanese by Western European
        // DOS, 850 (Ä×èÈÄÄî▒è¤ô is 時間試験観点).
        list.append(Misreading(actual: "ibm-943_P15A-2003", readAs: "ibm-437"))
        list.append(Misreading(actual: "windows-949-2000", readAs: "ibm-437"))
        list.append(Misreading(actual: "windows-936-2000", readAs: "ibm-850"))
        list.append(Misreading(actual: "ibm-943_P15A-2003", readAs: "ibm-850"))
        return list
    }()

    /// Japanese read as GBK, as Chinese Windows shows it (file names in archives, game
    /// text): 偙傫偵偪偼 is こんにちは in Shift-JIS. (Korean read so, 茄惫绢 for 한국어, is
    /// common characters of GB2312 that nothing marks as suspicious: not sought.)
    static let foreignReadAsGBK: [Misreading] = [
        Misreading(actual: "ibm-943_P15A-2003", readAs: "windows-936-2000"),
    ]

    /// Chinese read as the other Chinese encoding: both sides look like Chinese.
    static let chineseSwaps: [Misreading] = [
        Misreading(actual: "windows-950-2000", readAs: "windows-936-2000"),
        Misreading(actual: "windows-936-2000", readAs: "windows-950-2000"),
    ]
}

/// One repair of a span of a line.
struct Repair {
    /// The scalars of the line that are replaced.
    var range: Range<Int>
    var replacement: [UInt32]
    /// The misreadings undone, outermost first.
    var chain: [Misreading]
    /// How sure the repair is, from 0 to 1.
    var confidence: Double
    /// What could not be recovered; empty when nothing was lost.
    var lost: [Loss] = []
    /// How much cheaper the evidence finds the repaired text, in quarter bits: what
    /// competing repairs of the same characters are ranked by.
    var saving = 0

    /// `utf-8 → windows-1252 (read as) → utf-8 → windows-1252 (read as) → utf-8`.
    var chainDescription: String {
        var parts: [String] = []
        for misreading in chain.reversed() {
            if parts.isEmpty { parts.append(Misreading.displayName(misreading.actual)) }
            parts.append(misreading.readAsDescription)
            parts.append("utf-8")
        }
        return parts.joined(separator: " → ")
    }
}

extension [Repair] {
    /// Appends `repairs`; into an empty array, by taking their buffer as it is. (Appending
    /// copies each repair, which retains its three arrays, and most appends are the first.)
    mutating func append(adopting repairs: [Repair]) {
        if isEmpty { self = repairs } else { self += repairs }
    }
}

/// What a repair could not recover. Kept as data and described only when an explanation
/// is asked for: candidates are made by the thousand on garbled text. (Bytes are kept in
/// ``UpToFourBytes``, so that a loss needs no allocation and its copies no reference counts.)
enum Loss: CustomStringConvertible {
    /// A UTF-8 character of which only these first bytes survived; a "?" stood for the rest.
    case truncatedCharacter(known: UpToFourBytes, missing: Int)
    /// A UTF-8 character of which only these first bytes survived: a decoder met its last
    /// byte alone at the end of the line and wrote "?" or U+FFFD. It was taken to be
    /// `guess`, whose last byte is `byte`.
    case lastByteGuessed(known: UpToFourBytes, byte: UInt8, guess: UInt32)
    /// A UTF-8 character the line ends inside, with no mark: its last `missing` bytes were
    /// cut off with the rest of the text, or were in a pair read as private use and taken
    /// out since. It was taken to be `guess`.
    case cutAtLineEnd(known: UpToFourBytes, missing: Int, guess: UInt32)
    /// The last bytes of a character whose first bytes were in a pair that was taken out
    /// of the text (windows-936 read it as private use, which was then removed).
    case headlessCharacter(known: UpToFourBytes)
    /// Bytes the text had lost since it was misread, put back: windows-1252's 81, 8D, 8F,
    /// 90 and 9D, which browsers show as control characters that cleaners drop, or A0, a
    /// no-break space that became a space or nothing. Each is the one that makes the
    /// likeliest character where it was missing.
    case restoredBytes(count: Int)
    /// A character of which these bytes are left: a strict decoder that ignored what it
    /// could not read (Python's `gbk`, `gb18030` or `shift_jis` with errors="ignore", as
    /// crawlers decode pages) dropped the rest: bytes that start no character there, such
    /// as GBK's 80 and a last byte before ASCII, a lead with nothing to pair with. Taken
    /// to be `guess` where one is clearly the likeliest between its neighbours; else lost.
    case droppedByStrictDecoder(known: UpToFourBytes, guess: UInt32?)
    /// Shift-JIS punctuation (81 and `trail`) whose lead windows-1252's reading dropped,
    /// having no character for it: put back as `guess` (see
    /// ``Repairer/restoringDroppedShiftJISLeads(_:in:)``).
    case droppedShiftJISLead(trail: UInt8, guess: UInt32)
    /// `bytes` of the character's bytes were in `character`, which the decoder that
    /// misread the text read from them and a neighbour's, and which ICU's table of that
    /// encoding lacks (Python's Big5 reads ETEN's ィ and Ё from C6 FA and C7 B3): they are
    /// unknown, and the character is lost.
    case notInTable(UInt32, bytes: Int)
    /// The last bytes of a character whose lead a "?" took with the end of the character
    /// before it (ICU's Shift-JIS and Big5 write one "?" for a pair they cannot read).
    case startTakenByQuestionMark(known: UpToFourBytes)
    /// Byte `at` of the character `sequence` was in a pair windows-936 read as private use,
    /// which was taken out of the text; it was taken to be the byte that makes `guess`.
    case removedPairGuess(sequence: UpToFourBytes, at: Int, guess: UInt32)
    /// The last two bytes of a character's `sequence` were a pair windows-936 read as
    /// private use, which was taken out of the text; they were taken to make `guess`.
    case removedPairInside(sequence: UpToFourBytes, guess: UInt32)
    /// Byte `at` of the character `sequence` went into the "?" (or "・") a decoder wrote
    /// for a lead byte and the byte after it; it was taken to be the byte that makes `guess`.
    case unreadPairGuess(sequence: UpToFourBytes, at: Int, guess: UInt32)
    /// A character whose three bytes went into two marks a decoder wrote, the second of
    /// which took a byte after it, an ASCII character: both are lost.
    case unreadWithNextByte
    /// The "?" a decoder wrote for a lead byte took the byte after it too, the `"` that
    /// closed the string the line leaves open: put back.
    case swallowedQuote
    /// The last byte of a character whose first byte a slipped stream lost.
    case orphanByte(UInt8)
    /// The byte before the first character of a slipped run at a line's start or after
    /// full-width punctuation, left out: a byte the stream gained, or the end of a
    /// character it lost.
    case leadingByte(UInt8)
    /// A byte a slipped stream gained, left out: half of no character of the text around it.
    case strayByte(UInt8)
    /// A byte a slipped stream gained: the characters on either side of it make a word
    /// without it, so it was left out.
    case extraByte(UInt8)
    /// The byte before a slipped run that follows no Chinese character, taken to be half
    /// of `guess` (its first byte when `isLead`), the one character with it clearly
    /// likeliest before the next; it may as well have been a byte the stream gained.
    case guessedHalfAfterNoWord(byte: UInt8, isLead: Bool, guess: UInt32)
    /// The character a slip cut in half before a run that follows no Chinese character,
    /// taken to be `guess`, the one opening bracket with `byte` whose partner closes later.
    case guessedBracket(byte: UInt8, guess: UInt32)
    /// A byte a slipped stream gained between the two bytes of `character`, which it had
    /// paired with the first; left out, which makes `character` whole again. (Taken where
    /// `character` makes a known word with a neighbour, or where the run read so is the
    /// likeliest.)
    case gainedInside(byte: UInt8, character: UInt32)
    /// A slipped stream lost one byte of a character; the other (`byte`, its first when
    /// `isLead`) was left, and the character was taken to be `guess`, clearly the likeliest
    /// with that byte between its neighbours.
    case guessedHalf(byte: UInt8, isLead: Bool, guess: UInt32)
    /// The first byte of a character was lost and it was taken to be `guess`, the
    /// likeliest character ending in `trail`.
    case guessedStart(trail: UInt8, guess: UInt32)
    /// The last byte of a character was lost (a "?" stood for it) and it was taken to be
    /// `guess`, the likeliest character starting with `lead` between its neighbours.
    case guessedEnd(lead: UInt8, guess: UInt32)
    /// Bytes of a character's `sequence` (at the offsets `at`) were written as U+FFFD by a
    /// decoder that could not read them alone; they were taken to make `guess`, the
    /// likeliest of the characters they can make, or the character is lost (nil; the
    /// sequence shows 00 for them).
    case unreadBytes(sequence: UpToFourBytes, at: UpToFourBytes, guess: UInt32?)

    var description: String {
        switch self {
        case .truncatedCharacter(let known, let missing):
            "a character starting with bytes \(Hex.bytes(known)) lost its last \(missing) byte(s)"
        case .droppedShiftJISLead(let trail, let guess):
            "byte 81, the lead of Shift-JIS's \(Unicode.Scalar(guess).map { String($0) } ?? "?") (81 \(Hex.bytes([trail]))), had no character in windows-1252 and was dropped, leaving \"\(Unicode.Scalar(trail))\": put back"
        case .droppedByStrictDecoder(let known, let guess):
            "a strict decoder that ignored what it could not read (such as GBK's 80, or a last byte before ASCII) dropped bytes of the character that \(Hex.bytes(known)) are left of; "
                + (guess.map { "it is taken to be \(Unicode.Scalar($0).map { String($0) } ?? "?"), the likeliest" } ?? "no character is clearly the likeliest, so it is lost")
        case .lastByteGuessed(let known, let byte, let guess):
            "a character starting with bytes \(Hex.bytes(known)) lost its last byte to a decoder at the end of the line; it is taken to be \(Hex.bytes([byte])), which makes \(Unicode.Scalar(guess).map { String($0) } ?? "?"), clearly the likeliest after its neighbour"
        case .cutAtLineEnd(let known, let missing, let guess):
            "the line ends inside a character: bytes \(Hex.bytes(known)) start one whose last \(missing) byte(s) are gone (cut off, or in a pair read as private use and taken out); it is taken to be \(Unicode.Scalar(guess).map { String($0) } ?? "?"), clearly the likeliest after its neighbour"
        case .removedPairGuess(let sequence, let at, let guess):
            "byte \(Hex.bytes([sequence[at]])) of \(Hex.bytes(sequence)) was in a pair read as private use and taken out of the text; it is taken to be that, which makes \(Unicode.Scalar(guess).map { String($0) } ?? "?"), the likeliest"
        case .removedPairInside(let sequence, let guess):
            "bytes \(Hex.bytes(Array(sequence).suffix(2))) of \(Hex.bytes(sequence)) were a pair read as private use and taken out of the text; they are taken to be those, which make \(Unicode.Scalar(guess).map { String($0) } ?? "?"), clearly the likeliest between its neighbours"
        case .unreadPairGuess(let sequence, let at, let guess):
            "byte \(Hex.bytes([sequence[at]])) of \(Hex.bytes(sequence)) went into the mark a decoder wrote for it and the byte beside it, which made no pair; it is taken to be that, which makes \(Unicode.Scalar(guess).map { String($0) } ?? "?"), with its neighbour across the mark the likeliest"
        case .unreadWithNextByte:
            "a character's three bytes went into two marks a decoder wrote for bytes it could not read, the second with the byte after it (an ASCII character): both are lost"
        case .swallowedQuote:
            "the \"?\" a decoder wrote for the last byte also took the byte after it: the \" that closes the string the line leaves open, put back"
        case .headlessCharacter(let known):
            "bytes \(Hex.bytes(known)) end a character whose first bytes are gone (a pair read as private use was taken out of the text)"
        case .notInTable(let character, let bytes):
            "\(bytes) of its bytes went into \(Unicode.Scalar(character).map { String($0) } ?? "?"), which the decoder read and ICU's table of the encoding it read as lacks, so it is lost"
        case .restoredBytes(let count):
            "\(count) byte(s) the text had lost were put back: windows-1252's 81, 8D, 8F, 90 or 9D (browsers show them as control characters, which were then dropped), each the one that makes the likeliest character there, or A0 (a no-break space that vanished)"
        case .startTakenByQuestionMark(let known):
            "bytes \(Hex.bytes(known)) end a character whose first byte went into the \"?\" before them, which a decoder wrote for it and the byte before"
        case .extraByte(let byte):
            "byte \(Hex.bytes([byte])) was taken for an extra byte and left out: the characters on either side of it make a word"
        case .strayByte(let byte):
            "byte \(Hex.bytes([byte])) was taken for a byte the stream gained and left out: no character of simplified Chinese (GB2312) has it"
        case .leadingByte(let byte):
            "byte \(Hex.bytes([byte])) was left out: a byte the stream gained, or the end of a character whose start is lost (with no word before it, nothing tells which)"
        case .guessedHalfAfterNoWord(let byte, let isLead, let guess):
            "byte \(Hex.bytes([byte])) is the \(isLead ? "first" : "second") byte of a character whose other byte was lost, or a byte the stream gained; it is taken to be \(Unicode.Scalar(guess).map { String($0) } ?? "?"), clearly the likeliest with that byte before the next character"
        case .guessedBracket(let byte, let guess):
            "byte \(Hex.bytes([byte])) is half of a character whose other half was lost; it is taken to be \(Unicode.Scalar(guess).map { String($0) } ?? "?"), the one opening bracket with that byte, whose partner closes later in the line"
        case .gainedInside(let byte, let character):
            "byte \(Hex.bytes([byte])) was taken for a byte gained inside \(Unicode.Scalar(character).map { String($0) } ?? "?") and left out, which makes that character whole again"
        case .orphanByte(let byte):
            "byte \(Hex.bytes([byte])), the end of a character whose start is lost"
        case .guessedStart(let trail, let guess):
            "the first byte of the character ending in \(Hex.bytes([trail])) was lost; it is taken to be \(Unicode.Scalar(guess).map { String($0) } ?? "?"), the likeliest"
        case .unreadBytes(let sequence, let at, let guess):
            if let guess {
                "a decoder wrote a mark (U+FFFD, \"?\" or \"・\") for byte(s) \(Hex.bytes(at.map { sequence[Int($0)] })) of \(Hex.bytes(sequence)), which it could not read alone; they are taken to be those, which make \(Unicode.Scalar(guess).map { String($0) } ?? "?"), the likeliest"
            } else {
                "a decoder wrote a mark (U+FFFD, \"?\" or \"・\") for byte(s) of the character \(Hex.bytes(sequence)) (00 there), which it could not read alone; no bytes they can be make a character clearly likelier than the others, so it is lost"
            }
        case .guessedHalf(let byte, let isLead, let guess):
            "the \(isLead ? "second" : "first") byte of the character \(isLead ? "starting" : "ending") with \(Hex.bytes([byte])) was lost; it is taken to be \(Unicode.Scalar(guess).map { String($0) } ?? "?"), clearly the likeliest between its neighbours"
        case .guessedEnd(let lead, let guess):
            "the last byte of the character starting with \(Hex.bytes([lead])) was lost; it is taken to be \(Unicode.Scalar(guess).map { String($0) } ?? "?"), the likeliest between its neighbours"
        }
    }

    /// Several losses in one sentence, or nil for none.
    static func describe(_ losses: [Loss]) -> String? {
        losses.isEmpty ? nil : losses.map(\.description).joined(separator: "; ")
    }
}
