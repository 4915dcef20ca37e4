import FixTextCore

/// `normalize`: tidies Unicode without touching what Chinese text needs.
///
/// What it does, each part an option that can be turned off:
/// - puts text in Unicode normalization form NFC (`form=nfc`, the default), or NFKC
///   (`form=nfkc`), or leaves the form alone (`form=none`). CJK compatibility ideographs
///   are kept: NFC would swap them for unified ideographs with another glyph (涼 U+F979
///   becomes 凉 U+51C9), and clean Chinese text has them; `ideographs=unify` gives strict
///   NFC;
/// - turns no-break spaces and the other odd spaces into plain spaces (`spaces`);
/// - removes control characters other than tab and newline (`controls`);
/// - removes byte order marks, and zero-width spaces and joiners that sit beside Chinese or
///   ASCII text, where they are garbage; between emoji or in scripts that need them, they
///   stay (`invisibles`);
/// - turns CRLF and lone CR line endings into LF (`newlines`);
/// - with `width=true`, turns full-width ASCII letters and digits into half-width ones.
///
/// It never touches CJK punctuation: ，。：“”！？ and the ideographic space stay as they are,
/// even under NFKC, which would otherwise fold the full-width forms to ASCII (the width fix
/// of some other tools damages Chinese text this way). Clean text passes through
/// byte-identical, at close to memory speed: only characters that may change are looked at
/// with ICU.
///
/// Examples:
///   fixtext -c normalize                       NFC, spaces, controls, invisibles, newlines
///   fixtext -c 'normalize(form=nfkc)'          fold compatibility characters too
///   fixtext -c 'normalize(width=true)'         ＡＢＣ１２３ → ABC123, ，stays
public enum NormalizePlugin: TransformPlugin {
    public static var transforms: [TransformDescriptor] {
        [
            TransformDescriptor(
                name: "normalize",
                summary: "Unicode NFC, odd spaces, controls, invisibles and line endings; CJK punctuation untouched",
                options: NormalizeOptions.specs,
                origin: .builtin(module: "FixTextNormalize"),
                // Every rule looks at a character and its neighbours, and "\n" ends a
                // normalization segment. The one thing carried over, the character before
                // the input, is "\n" at a line start, which the zero-width rule treats as it
                // treats the start of the stream (ASCII context); "\n" itself is never
                // changed or removed. (A BOM at offset 0 is removed like any U+FEFF; only
                // the reason `explain` gives differs, and explain runs serially.)
                linesAreIndependent: { _ in true },
                make: { options in try NormalizeTransform(NormalizeOptions(options)) }
            ),
        ]
    }
}
