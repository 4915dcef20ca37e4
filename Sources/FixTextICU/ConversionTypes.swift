/// A run of input bytes that a legacy encoding could not decode, reported so that a
/// repair can say exactly which bytes of the original it had to give up on.
public struct InvalidBytes: Sendable, Hashable {
    /// Where the sequence starts, counted in bytes since the converter was created or
    /// last reset (so it spans `decode` calls).
    public var offset: Int
    /// The bytes ICU rejected (at most a few; a sequence may straddle two calls).
    public var bytes: [UInt8]

    public init(offset: Int, bytes: [UInt8]) {
        self.offset = offset
        self.bytes = bytes
    }
}

/// What decoding does with bytes the encoding cannot map: different consumers of
/// broken text expect different conventions, and mojibake repair must reproduce them.
public enum DecodeInvalidPolicy: Sendable, Hashable {
    /// Write U+FFFD REPLACEMENT CHARACTER, as browsers and ICU's defaults do.
    case replacementCharacter
    /// Write the character with this value (U+0000...U+00FF), typically `?` (0x3F) as
    /// Windows' `MultiByteToWideChar` does without `MB_ERR_INVALID_CHARS`.
    case substitute(UInt8)
    /// Stop: `decode` reports the sequence to its `onInvalid` closure, resets the
    /// converter and throws an ``ICUError`` whose `byteOffset` is where it stopped; the
    /// output holds everything decoded before the sequence.
    case stop
}

/// A character of UTF-8 input that the target encoding has no bytes for.
public struct UnencodableCharacter: Sendable, Hashable {
    /// Where it starts in the UTF-8 input, in bytes.
    public var offset: Int
    /// The character; U+FFFD stands for ill-formed UTF-8 the charset cannot encode.
    public var scalar: Unicode.Scalar

    public init(offset: Int, scalar: Unicode.Scalar) {
        self.offset = offset
        self.scalar = scalar
    }
}
