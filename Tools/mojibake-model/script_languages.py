"""The alphabetic-script languages of the model (Cyrillic, Greek, Hebrew, Arabic, Indic,
Thai): their character classes, smoothing priors and character distributions. Imported
by build_model.py, which owns the shared helpers (word_counts, normalized, with_ascii).

They use a finer classification than the first five languages (one class per script
instead of one Greek-and-Cyrillic class and "other"), applied only to their own tables,
so the costs of the first five languages do not depend on anything here.
"""

import collections

SCRIPT_LANGUAGES = ["cyrillic", "greek", "hebrew", "arabic", "indic", "thai"]

# Prepended to build_model.CLASSES for these languages (first match wins).
SCRIPT_CLASSES = [
    ("greek", [(0x370, 0x3FF), (0x1F00, 0x1FFF)]),
    ("cyrillic", [(0x400, 0x52F)]),
    ("hebrew", [(0x591, 0x5F4), (0xFB1D, 0xFB4F)]),
    ("arabic", [(0x600, 0x6FF), (0x750, 0x77F), (0x8A0, 0x8FF)]),
    ("arabicForms", [(0xFB50, 0xFDFF), (0xFE70, 0xFEFF)]),
    ("indic", [(0x900, 0xDFF)]),
    ("thai", [(0xE01, 0xE3A), (0xE3F, 0xE5B)]),
]

# wordfreq lists and their weights within each language of the model. "sr" is wordfreq's
# Serbo-Croatian ("sh", Latin script) transliterated to Serbian Cyrillic.
SOURCES = {
    "cyrillic": {"ru": 0.50, "uk": 0.20, "bg": 0.12, "sr": 0.10, "mk": 0.08},
    "greek": {"el": 1.0},
    "hebrew": {"he": 1.0},
    "arabic": {"ar": 0.60, "fa": 0.25, "ur": 0.15},
    "indic": {"hi": 0.45, "bn": 0.30, "ta": 0.25},
}

_BASE_EXTRA = {" ": 1.0, ".": 0.05, ",": 0.05, "-": 0.01, ":": 0.005, ";": 0.002,
               "!": 0.003, "?": 0.004, "(": 0.003, ")": 0.003, '"': 0.006, "/": 0.002,
               "–": 0.001, "—": 0.001, "…": 0.0005, "%": 0.0005, "\n": 0.01, "\t": 0.0005}
# Characters that word lists lack, as occurrences per word (see build_model.LATIN_EXTRA).
EXTRA = {
    "cyrillic": dict(_BASE_EXTRA, **{"«": 0.003, "»": 0.003, "—": 0.005, "№": 0.0002,
                                    "'": 0.002, "’": 0.002}),
    "greek": dict(_BASE_EXTRA, **{";": 0.004, "?": 0.0, "«": 0.002, "»": 0.002,
                                 "·": 0.0005, "\u0387": 0.0002, "'": 0.002, "’": 0.002}),
    "hebrew": dict(_BASE_EXTRA, **{"'": 0.004, "\u05F3": 0.001, "\u05F4": 0.001,
                                  "\u05BE": 0.0005}),
    "arabic": dict(_BASE_EXTRA, **{",": 0.01, ";": 0.0, "?": 0.0, "\u060C": 0.04,
                                  "\u061B": 0.002, "\u061F": 0.004, "«": 0.002, "»": 0.002,
                                  "\u200C": 0.02, "\u0640": 0.0005}),
    "indic": dict(_BASE_EXTRA, **{"\u0964": 0.04, "\u0965": 0.001, "'": 0.002}),
    "thai": {" ": 0.3, ".": 0.01, ",": 0.005, "\"": 0.004, "(": 0.003, ")": 0.003,
             "-": 0.005, ":": 0.002, "!": 0.002, "?": 0.003, "\n": 0.01,
             "\u0E46": 0.01, "\u0E2F": 0.002},
}
# Digits per word: ASCII, and Arabic-Indic (U+0660) and Persian (U+06F0) for Arabic.
DIGITS = {"cyrillic": 0.03, "greek": 0.03, "hebrew": 0.03, "arabic": 0.015,
          "indic": 0.03, "thai": 0.03}
ARABIC_INDIC_DIGITS_PER_WORD = 0.008
PERSIAN_DIGITS_PER_WORD = 0.007
CASED = {"cyrillic", "greek"}

# wordfreq has no Thai list: Thai letters, vowels and marks share this mass evenly.
THAI_LETTER_MASS = 0.9

# Unseen members of a class, per language (see build_model.PRIORS): the language's own
# script and ASCII are plausible, the scripts mojibake is made of are not.
_COMMON = {"ascii": 1e-4, "latin1Letter": 1e-7, "latin1Symbol": 1e-7, "latinExt": 1e-8,
           "combining": 1e-8, "punct": 1e-5, "symbol": 1e-7, "enclosed": 1e-9,
           "box": 1e-9, "cjkPunct": 1e-9, "fullwidth": 1e-9, "han": 1e-9, "kana": 1e-9,
           "hangul": 1e-9}
PRIORS = {
    "cyrillic": dict(_COMMON, cyrillic=1e-4, greek=1e-8),
    "greek": dict(_COMMON, greek=1e-4, cyrillic=1e-8, combining=1e-7),
    "hebrew": dict(_COMMON, hebrew=1e-4),
    "arabic": dict(_COMMON, arabic=1e-4, arabicForms=1e-6),
    "indic": dict(_COMMON, indic=1e-4),
    "thai": dict(_COMMON, thai=1e-4),
}

_SERBIAN = [("lj", "љ"), ("nj", "њ"), ("dž", "џ"), ("a", "а"), ("b", "б"), ("c", "ц"),
            ("č", "ч"), ("ć", "ћ"), ("d", "д"), ("đ", "ђ"), ("e", "е"), ("f", "ф"),
            ("g", "г"), ("h", "х"), ("i", "и"), ("j", "ј"), ("k", "к"), ("l", "л"),
            ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"), ("r", "р"), ("s", "с"),
            ("š", "ш"), ("t", "т"), ("u", "у"), ("v", "в"), ("z", "з"), ("ž", "ж")]


def serbian_cyrillic(word):
    """Serbian Latin spelling to Cyrillic (digraphs first); None for other letters."""
    out, i = [], 0
    while i < len(word):
        for latin, cyrillic in _SERBIAN:
            if word.startswith(latin, i):
                out.append(cyrillic)
                i += len(latin)
                break
        else:
            return None
    return "".join(out)


def word_list(code, wordfreq):
    if code == "sr":
        words = collections.Counter()
        for word, freq in wordfreq.get_frequency_dict("sh", "best").items():
            cyrillic = serbian_cyrillic(word)
            if cyrillic:
                words[cyrillic] += freq
        return words
    words = wordfreq.get_frequency_dict(code, "best")
    if code == "el":  # wordfreq folds final sigma: "τησ" for "της"
        words = {(w[:-1] + "ς" if w.endswith("σ") else w): f for w, f in words.items()}
    return words


def distribution(language, wordfreq, word_counts, normalized):
    """Character probabilities of `language` before the ASCII mix (build_model.with_ascii)."""
    if language == "thai":
        letters = [chr(c) for lo, hi in SCRIPT_CLASSES[-1][1] for c in range(lo, hi + 1)]
        dist = {ch: THAI_LETTER_MASS / len(letters) for ch in letters}
        rest = normalized(collections.Counter(EXTRA["thai"]))
        digits = DIGITS["thai"] / 10
        for d in "0123456789":
            rest[d] = digits
        total = sum(rest.values())
        for ch, p in rest.items():
            dist[ch] = dist.get(ch, 0.0) + (1 - THAI_LETTER_MASS) * p / total
        return dist
    mixed = collections.Counter()
    for code, weight in SOURCES[language].items():
        counts = word_counts(word_list(code, wordfreq), EXTRA[language], DIGITS[language],
                             uppercase=language in CASED)
        if language == "arabic":
            total = sum(f for w, f in word_list(code, wordfreq).items()
                        if not any(ch.isdigit() for ch in w))
            for k in range(10):
                counts[chr(0x660 + k)] += ARABIC_INDIC_DIGITS_PER_WORD * total / 10
                counts[chr(0x6F0 + k)] += PERSIAN_DIGITS_PER_WORD * total / 10
        for c, p in normalized(counts).items():
            mixed[c] += weight * p
    return normalized(mixed)
