#!/usr/bin/env python3
"""Builds the character statistics that the `mojibake` transform uses to tell real text
from mojibake, and writes them to Plugins/Mojibake/LanguageModelData.swift.

Run by hand (see README.md next to this file); the build never runs it. It needs the PyPI
packages `wordfreq` and `opencc` and the corpora in ../shared/corpora.

Model, per language (simplified Chinese, traditional Chinese, Japanese, Korean, Latin, and
the alphabetic scripts of script_languages.py: Cyrillic, Greek, Hebrew, Arabic, Indic, Thai):
the cost of every BMP scalar, -log2 P(char) in quarter bits, capped at UNSEEN_COST. P is
the observed frequency, smoothed with a class prior (Han, kana, Hangul, PUA, box
drawing, ...) so that a rare but real character costs far less than the scripts that
mojibake is made of. Plus a Bloom filter of frequent Chinese bigrams and a bitset of
common Han characters. Binary layout: see `serialize` (mirrored by LanguageModel.swift).
"""

import base64
import collections
import datetime
import gzip
import math
import os
import sys
import textwrap
from importlib.metadata import version

import opencc
import wordfreq

import script_languages

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
CORPORA = os.path.normpath(os.path.join(REPO, "..", "shared", "corpora"))
OUTPUT = os.path.join(REPO, "Plugins", "Mojibake", "LanguageModelData.swift")

LANGUAGES = ["simplifiedChinese", "traditionalChinese", "japanese", "korean", "latin"
             ] + script_languages.SCRIPT_LANGUAGES
FORMAT_VERSION = 2
UNSEEN_COST = 160          # 40 bits: must equal LanguageModel.unseenCost
BLOOM_LOG2_BITS = 20       # 1 Mi bits = 128 KiB
BLOOM_HASHES = 8
BIGRAMS_PER_SCRIPT = 32000  # top bigrams of simplified and of traditional text
COMMON_HAN_PER_SCRIPT = 3500
HAN_START, HAN_END = 0x4E00, 0xA000
OPENCC_CONFIG = "s2tw"
# The other traditional standards whose forms of common characters count as common.
VARIANT_CONFIGS = ("s2t",)
LATIN_WEIGHTS = {"en": 0.30, "fr": 0.08, "de": 0.08, "es": 0.08, "pt": 0.06, "it": 0.06,
                 "nl": 0.05, "pl": 0.05, "cs": 0.04, "tr": 0.05, "vi": 0.05, "sv": 0.02,
                 "da": 0.02, "nb": 0.02, "fi": 0.02, "hu": 0.02, "ro": 0.02, "id": 0.02}


def is_han(c):
    return 0x3400 <= c <= 0x4DBF or 0x4E00 <= c <= 0x9FFF or 0xF900 <= c <= 0xFAFF


# Character classes and, per language, the probability mass that unseen members of the
# class get (spread evenly over the class). It encodes what real text of the language
# may contain that the samples missed; the scripts mojibake produces get tiny masses.
CLASSES = [  # (name, ranges) - first match wins
    ("control", [(0x00, 0x08), (0x0B, 0x1F), (0x7F, 0x9F)]),
    ("ascii", [(0x09, 0x0A), (0x20, 0x7E)]),
    ("latin1Letter", [(0xC0, 0xD6), (0xD8, 0xF6), (0xF8, 0xFF)]),
    ("latin1Symbol", [(0xA0, 0xBF), (0xD7, 0xD7), (0xF7, 0xF7)]),
    ("latinExt", [(0x100, 0x24F), (0x1E00, 0x1EFF)]),
    ("combining", [(0x300, 0x36F)]),
    ("greekCyrillic", [(0x370, 0x52F)]),
    ("jamo", [(0x1100, 0x11FF), (0x3130, 0x318F)]),
    ("punct", [(0x2000, 0x206F)]),
    ("enclosed", [(0x2460, 0x24FF), (0x3200, 0x32FF)]),
    ("box", [(0x2500, 0x259F)]),
    ("symbol", [(0x2070, 0x245F), (0x25A0, 0x2BFF)]),
    ("cjkPunct", [(0x3000, 0x303F)]),
    ("kana", [(0x3040, 0x30FF)]),
    ("bopomofo", [(0x3100, 0x312F), (0x31A0, 0x31BF)]),
    ("hanExtA", [(0x3400, 0x4DBF)]),
    ("han", [(0x4E00, 0x9FFF)]),
    ("hangul", [(0xAC00, 0xD7A3)]),
    ("pua", [(0xE000, 0xF8FF)]),
    ("hanCompat", [(0xF900, 0xFAFF)]),
    ("fullwidth", [(0xFF01, 0xFF60), (0xFFE0, 0xFFEE)]),
    ("halfKana", [(0xFF61, 0xFF9F)]),
    ("other", [(0x0, 0xFFFF)]),
]
_ZH = {"ascii": 1e-4, "latin1Letter": 1e-7, "latin1Symbol": 1e-7, "latinExt": 1e-8,
       "greekCyrillic": 1e-7, "punct": 1e-5, "enclosed": 1e-7, "box": 1e-9, "symbol": 1e-7,
       "cjkPunct": 1e-5, "kana": 1e-6, "bopomofo": 1e-9, "hanExtA": 1e-6, "han": 2e-4,
       "hangul": 1e-7, "hanCompat": 1e-8, "fullwidth": 1e-5, "halfKana": 1e-10,
       "jamo": 1e-10, "combining": 1e-9}
PRIORS = {
    "simplifiedChinese": _ZH,
    "traditionalChinese": dict(_ZH, bopomofo=1e-7, hanExtA=3e-6),
    "japanese": dict(_ZH, kana=1e-4, han=2e-4, halfKana=1e-8, bopomofo=1e-10),
    "korean": dict(_ZH, hangul=2e-4, jamo=1e-7, han=1e-5, kana=1e-7),
    "latin": {"ascii": 1e-4, "latin1Letter": 2e-5, "latin1Symbol": 1e-6, "latinExt": 2e-5,
              "combining": 1e-6, "greekCyrillic": 1e-5, "punct": 1e-5, "symbol": 1e-6,
              "enclosed": 1e-9, "box": 1e-9, "han": 1e-9, "kana": 1e-9, "hangul": 1e-9,
              "cjkPunct": 1e-9, "fullwidth": 1e-8},
}
# Scalars beyond the BMP: costs stored per language for Han extensions B-G and emoji.
ASTRAL_HAN = {"simplifiedChinese": 1e-7, "traditionalChinese": 3e-7, "japanese": 1e-7,
              "korean": 1e-8, "latin": 1e-10,
              **{lang: 1e-10 for lang in script_languages.SCRIPT_LANGUAGES}}
ASTRAL_HAN_SIZE = 0x3134F - 0x20000
ASTRAL_EMOJI = 1e-4
ASTRAL_EMOJI_SIZE = 0x1FAFF - 0x1F000

# Characters that word lists lack (punctuation, spaces, digits), as occurrences per word.
LATIN_EXTRA = {" ": 1.0, ".": 0.05, ",": 0.05, "'": 0.01, '"': 0.006, "-": 0.01,
               ":": 0.005, ";": 0.002, "!": 0.003, "?": 0.004, "(": 0.003, ")": 0.003,
               "/": 0.002, "’": 0.004, "“": 0.001, "”": 0.001, "–": 0.001, "—": 0.0005,
               "…": 0.0005, "«": 0.0003, "»": 0.0003, "°": 0.0001, "€": 0.0001,
               "&": 0.0005, "%": 0.0005, "\n": 0.01, "\t": 0.0005, "@": 0.0002,
               "#": 0.0002, "*": 0.0003, "_": 0.0001, "=": 0.0002, "+": 0.0002,
               "[": 0.0002, "]": 0.0002, "$": 0.0002, "<": 0.0001, ">": 0.0001,
               "|": 0.0001, "~": 0.00005, "^": 0.00002, "`": 0.00003, "\\": 0.00003,
               "{": 0.00005, "}": 0.00005, "©": 0.00002, "·": 0.00005, "£": 0.00003}
JA_EXTRA = {"、": 0.05, "。": 0.04, "「": 0.01, "」": 0.01, "（": 0.004, "）": 0.004,
            "・": 0.003, "！": 0.003, "？": 0.003, "ー": 0.0, "『": 0.002, "』": 0.002,
            "…": 0.001, "〜": 0.001, "：": 0.001, " ": 0.01, "\n": 0.01, "　": 0.002}
KO_EXTRA = {" ": 0.7, ".": 0.05, ",": 0.03, "?": 0.005, "!": 0.004, "'": 0.003,
            '"': 0.005, "(": 0.003, ")": 0.003, "~": 0.002, "…": 0.001, "·": 0.001,
            "\n": 0.01, "-": 0.003, ":": 0.002, "%": 0.001}
DIGITS_PER_WORD = 0.03     # word lists fold numbers into 0s
ASCII_SHARE_IN_CJK = 0.03  # mixed text: this share of a CJK line may be Latin script
UPPERCASE_SHARE = 0.05     # word lists are lowercased


def classify_all(classes=CLASSES):
    """Maps every BMP scalar to its class name."""
    table = [None] * 0x10000
    for name, ranges in classes:
        for lo, hi in ranges:
            for c in range(lo, hi + 1):
                if table[c] is None:
                    table[c] = name
    return table


def normalized(counts):
    total = float(sum(counts.values()))
    return {c: n / total for c, n in counts.items() if n > 0}


def read_corpus():
    lines = []
    for name in ("zh-headlines.txt.gz", "zh-legal.txt.gz"):
        with gzip.open(os.path.join(CORPORA, name), "rt", encoding="utf-8") as f:
            lines.extend(line.rstrip("\n") for line in f)
    return lines


def text_counts(lines):
    """Character and adjacent Han-bigram counts of real text."""
    chars, bigrams = collections.Counter(), collections.Counter()
    for line in lines:
        chars.update(line)
        chars["\n"] += 1
        for a, b in zip(line, line[1:]):
            if is_han(ord(a)) and is_han(ord(b)):
                bigrams[a + b] += 1
    return chars, bigrams


def word_counts(words, extra=None, digits=0.0, uppercase=False):
    """Character counts from a {word: frequency} list, plus what word lists lack."""
    counts = collections.Counter()
    total = 0.0
    for word, freq in words.items():
        if any(ch.isdigit() for ch in word):
            continue
        total += freq
        for ch in word:
            counts[ch] += freq
    for ch, per_word in (extra or {}).items():
        counts[ch] += per_word * total
    for d in "0123456789":
        counts[d] += digits * total / 10
    if uppercase:
        for ch, n in list(counts.items()):
            up = ch.upper()
            if len(up) == 1 and up != ch:
                counts[up] += n * UPPERCASE_SHARE
                counts[ch] = n * (1 - UPPERCASE_SHARE)
    return counts


def clean_chinese_words(words, corpus_chars):
    """wordfreq's Chinese list, Han-only words, less single-character "words" that are
    mojibake picked up from the web (鍙, 鐢, 戝): a lone character is kept only if it
    also occurs in a longer word of the list or a few times in the corpora."""
    han_words = {w: f for w, f in words.items() if all(is_han(ord(c)) for c in w)}
    in_longer = {c for w in han_words if len(w) > 1 for c in w}
    return {w: f for w, f in han_words.items()
            if len(w) > 1 or w in in_longer or corpus_chars[w] >= 3}


def chinese_distribution(corpus_chars, wf_words):
    """Corpus frequencies, with the Han part mixed 60/40 with wordfreq's Chinese list
    (the corpora are news and court rulings; the word list widens the vocabulary)."""
    p_corpus = normalized(corpus_chars)
    han_total = sum(p for c, p in p_corpus.items() if is_han(ord(c)))
    p_wf = normalized(word_counts(wf_words))
    mixed = {c: p for c, p in p_corpus.items() if not is_han(ord(c))}
    corpus_han = {c: p / han_total for c, p in p_corpus.items() if is_han(ord(c))}
    for c in set(corpus_han) | set(p_wf):
        mixed[c] = han_total * (0.6 * corpus_han.get(c, 0.0) + 0.4 * p_wf.get(c, 0.0))
    return mixed


def word_bigrams(words):
    """Han bigrams inside the words of a word list, weighted by word frequency."""
    bigrams = collections.Counter()
    for word, freq in words.items():
        for a, b in zip(word, word[1:]):
            bigrams[a + b] += freq
    return bigrams


def top_bigrams(corpus_bigrams, wf_bigrams, count):
    """The most frequent bigrams of the corpora and the word list mixed 60/40."""
    p_corpus, p_wf = normalized(corpus_bigrams), normalized(wf_bigrams)
    score = {k: 0.6 * p_corpus.get(k, 0.0) + 0.4 * p_wf.get(k, 0.0)
             for k in set(p_corpus) | set(p_wf)}
    return sorted(score, key=lambda k: (-score[k], k))[:count], score


def with_ascii(dist, latin):
    """Lets CJK text carry some Latin-script words, digits and ASCII punctuation."""
    out = dict(dist)
    for c in range(0x20, 0x7F):
        ch = chr(c)
        out[ch] = max(out.get(ch, 0.0), ASCII_SHARE_IN_CJK * latin.get(ch, 0.0))
    return out


def cost_table(dist, priors, classes):
    """Quarter-bit costs of every BMP scalar: observed frequency smoothed by the prior."""
    sizes = collections.Counter(classes)
    prior_mass = sum(priors.values())
    table = bytearray(0x10000)
    for c in range(0x10000):
        cls = classes[c]
        p = (1 - prior_mass) * dist.get(chr(c), 0.0)
        p += priors.get(cls, 0.0) / sizes[cls]
        table[c] = UNSEEN_COST if p <= 0 else min(UNSEEN_COST, max(1, round(-4 * math.log2(p))))
    return table


def quarter_bits(p):
    return min(UNSEEN_COST, max(1, round(-4 * math.log2(p))))


def rle(data):
    """Varint header h, then: h odd -> h>>1 copies of one byte; even -> h>>1 literals."""
    out, i, n = bytearray(), 0, len(data)

    def varint(v):
        while v >= 0x80:
            out.append(0x80 | (v & 0x7F))
            v >>= 7
        out.append(v)

    literal_start = 0
    while i < n:
        j = i
        while j < n and data[j] == data[i]:
            j += 1
        if j - i >= 4:
            if literal_start < i:
                varint((i - literal_start) << 1)
                out += data[literal_start:i]
            varint(((j - i) << 1) | 1)
            out.append(data[i])
            literal_start = j
        i = j
    if literal_start < n:
        varint((n - literal_start) << 1)
        out += data[literal_start:n]
    return bytes(out)


def bloom_positions(a, b):
    """Must match LanguageModel.isKnownChineseBigram: splitmix64 of (a << 21 | b); its
    high half picks a 512-bit block (one cache line), its low half the bits in it by
    double hashing."""
    mask = (1 << 64) - 1
    z = (((a << 21) | b) + 0x9E3779B97F4A7C15) & mask
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & mask
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & mask
    z ^= z >> 31
    block = (z >> 32) & ((1 << (BLOOM_LOG2_BITS - 9)) - 1)
    h1, h2 = z & 0xFFFF, ((z >> 16) & 0xFFFF) | 1
    return [(block << 9) | ((h1 + i * h2) & 511) for i in range(BLOOM_HASHES)]


def serialize(tables, astral, bigram_bonus, common_han, bloom):
    out = bytearray(b"FTLM")
    out += bytes([FORMAT_VERSION, len(LANGUAGES), UNSEEN_COST, bigram_bonus, BLOOM_LOG2_BITS,
                  BLOOM_HASHES])
    for han, emoji in astral:
        out += bytes([han, emoji])
    out += common_han
    for table in tables:
        packed = rle(table)
        out += len(packed).to_bytes(4, "little") + packed
    out += bloom
    return bytes(out)


def main():
    classes = classify_all()
    corpus = read_corpus()
    converter = opencc.OpenCC(OPENCC_CONFIG)
    traditional = converter.convert("\n".join(corpus)).split("\n")
    s_chars, s_bigrams = text_counts(corpus)
    t_chars, t_bigrams = text_counts(traditional)

    zh_words = clean_chinese_words(wordfreq.get_frequency_dict("zh", "best"), s_chars)
    zh_keys = list(zh_words)
    t_keys = converter.convert("\n".join(zh_keys)).split("\n")
    zht_words = collections.Counter()
    for s, t in zip(zh_keys, t_keys):
        zht_words[t] += zh_words[s]

    latin_counts = collections.Counter()
    for lang, weight in LATIN_WEIGHTS.items():
        counts = word_counts(wordfreq.get_frequency_dict(lang, "best"), LATIN_EXTRA,
                             DIGITS_PER_WORD, uppercase=True)
        for c, p in normalized(counts).items():
            latin_counts[c] += weight * p
    latin = normalized(latin_counts)
    ja = normalized(word_counts(wordfreq.get_frequency_dict("ja", "best"), JA_EXTRA,
                                DIGITS_PER_WORD / 3))
    ko = normalized(word_counts(wordfreq.get_frequency_dict("ko", "best"), KO_EXTRA,
                                DIGITS_PER_WORD))
    dists = {
        "simplifiedChinese": with_ascii(chinese_distribution(s_chars, zh_words), latin),
        "traditionalChinese": with_ascii(chinese_distribution(t_chars, zht_words), latin),
        "japanese": with_ascii(ja, latin),
        "korean": with_ascii(ko, latin),
        "latin": latin,
    }
    script_classes = classify_all(script_languages.SCRIPT_CLASSES + CLASSES)
    for lang in script_languages.SCRIPT_LANGUAGES:
        dist = script_languages.distribution(lang, wordfreq, word_counts, normalized)
        dists[lang] = with_ascii(dist, latin)
    tables = [cost_table(dists[lang], PRIORS[lang], classes) if lang in PRIORS else
              cost_table(dists[lang], script_languages.PRIORS[lang], script_classes)
              for lang in LANGUAGES]
    astral = [(quarter_bits(ASTRAL_HAN[lang] / ASTRAL_HAN_SIZE),
               quarter_bits(ASTRAL_EMOJI / ASTRAL_EMOJI_SIZE)) for lang in LANGUAGES]

    common = set()
    for dist in (dists["simplifiedChinese"], dists["traditionalChinese"]):
        han = sorted((c for c in dist if HAN_START <= ord(c) < HAN_END), key=lambda c: (-dist[c], c))
        common.update(han[:COMMON_HAN_PER_SCRIPT])
    # Traditional text is not only Taiwan's: what OpenCC's own traditional standard makes
    # of the common simplified characters is common there too (爲, 裏, 衆, 羣), though the
    # s2tw text above never has it.
    simplified = sorted((c for c in dists["simplifiedChinese"] if HAN_START <= ord(c) < HAN_END),
                        key=lambda c: (-dists["simplifiedChinese"][c], c))[:COMMON_HAN_PER_SCRIPT]
    taiwan = opencc.OpenCC(OPENCC_CONFIG)
    for config in VARIANT_CONFIGS:
        converter = opencc.OpenCC(config)
        for c in simplified:
            # Only the forms Taiwan's standard writes otherwise (爲 for 為): the rest of
            # the traditional characters are ranked by the s2tw text itself.
            t = converter.convert(c)
            if len(t) == 1 and HAN_START <= ord(t) < HAN_END and t != taiwan.convert(c):
                common.add(t)
    common_han = bytearray((HAN_END - HAN_START) // 8)
    for c in common:
        i = ord(c) - HAN_START
        common_han[i >> 3] |= 1 << (i & 7)

    chosen, pmis = set(), []
    for dist, corpus_bigrams, words in ((dists["simplifiedChinese"], s_bigrams, zh_words),
                                        (dists["traditionalChinese"], t_bigrams, zht_words)):
        top, score = top_bigrams(corpus_bigrams, word_bigrams(words), BIGRAMS_PER_SCRIPT)
        chosen.update(top)
        pmis += [math.log2(score[k] / (dist[k[0]] * dist[k[1]])) for k in top]
    bloom = bytearray((1 << BLOOM_LOG2_BITS) // 8)
    for pair in chosen:
        for bit in bloom_positions(ord(pair[0]), ord(pair[1])):
            bloom[bit >> 3] |= 1 << (bit & 7)
    pmis.sort()
    # The median pointwise mutual information of the chosen pairs ("known" is all we
    # keep of each). Half of it was too weak to tell 度假 from 度安 in Big5/GBK mix-ups;
    # the Bloom filter's false positives are rare at this size (8 hashes, ~0.6 bits set
    # per 10).
    bigram_bonus = max(4, min(24, round(4 * pmis[len(pmis) // 2])))

    model = serialize(tables, astral, bigram_bonus, common_han, bloom)
    write_swift(model, {
        "corpus lines": len(corpus), "corpus chars": sum(s_chars.values()),
        "bigrams": len(chosen), "bigram bonus": bigram_bonus, "common Han": len(common),
        "seen": {lang: sum(1 for c in range(0x10000) if chr(c) in dists[lang])
                 for lang in LANGUAGES},
    })


def write_swift(model, stats):
    b64 = base64.b64encode(model).decode("ascii")
    stats_text = "\n// ".join(textwrap.wrap("Stats: " + ", ".join(
        f"{k} {v}" for k, v in stats.items()), 84, break_on_hyphens=False))
    lines = [b64[i:i + 100] for i in range(0, len(b64), 100)]
    cyrillic, arabic, indic = (" ".join(script_languages.SOURCES[k])
                               for k in ("cyrillic", "arabic", "indic"))
    header = f"""// GENERATED by Tools/mojibake-model/build_model.py on {datetime.date.today()}: do not edit.
//
// Character statistics for the mojibake transform (see LanguageModel.swift), as a
// {len(model)}-byte binary model in {len(b64)} characters of base64.
// {stats_text}
//
// Provenance and licences:
// - Simplified Chinese: ../shared/corpora zh-headlines (GitHub ClydeKuo/cnn, cnews)
//   and zh-legal (GitHub lr12/textcnnrnn), see shared/corpora/README.md, mixed 60/40
//   for Han characters with the Chinese list of the PyPI package wordfreq {version('wordfreq')}.
// - Traditional Chinese: the same text converted with OpenCC (PyPI `opencc` {version('opencc')},
//   Apache-2.0, config `{OPENCC_CONFIG}`).
// - Japanese, Korean and Latin script:\n//   {" ".join(LATIN_WEIGHTS)};
//   Cyrillic ({cyrillic}; sr is wordfreq's
//   sh list transliterated to Serbian Cyrillic), Greek (el), Hebrew (he), Arabic
//   script ({arabic}), Indic scripts ({indic}):
//   character frequencies derived from wordfreq's word frequency lists ("best").
//   wordfreq's code is Apache-2.0; its data is CC-BY-SA 4.0 (built from Wikipedia,
//   OpenSubtitles, SUBTLEX, Google Books Ngrams, Leeds Internet Corpus and others; see
//   its README). These derived statistics are shared under CC-BY-SA 4.0 accordingly.
// - Thai: wordfreq has no Thai list; Thai letters, vowels and marks share one hand-set
//   probability evenly (no frequency data).
// - Smoothing priors per character class: hand-set in build_model.py and
//   script_languages.py.

enum LanguageModelData {{
    static let base64 = \"\"\"
"""
    body = "\n".join("        " + line for line in lines)
    with open(OUTPUT, "w", encoding="utf-8") as f:
        f.write(header + body + "\n        \"\"\"\n}\n")
    print(f"wrote {OUTPUT}: {len(model)} bytes, {len(b64)} base64 chars; {stats}")


if __name__ == "__main__":
    sys.exit(main())
