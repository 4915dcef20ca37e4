#!/usr/bin/env python3
"""Builds what a character's neighbours other than Han characters say of it, for the
`mojibake` transform's guesses of lost characters, and writes it to
Plugins/Mojibake/NeighbourBonusData.swift.

A decoder that meets the last byte of a character before an ASCII byte or at the end of
a line cannot read it: 于2015年11月 read as GBK is 浜?2015骞?11鏈?. The Han bigrams of the
language model say nothing there, but the neighbours do: after a digit come 年, 月, 日,
元; before one 于, 第, （; at a line's end 。. For each of four places (right after an
ASCII digit, right before one, right after full-width punctuation that ends a clause,
last in the line), each character seen there at least
MINIMUM_COUNT times gets its cost there, -log2 P(c | place) in quarter bits, with P the
mean over the two genres (headlines, court rulings) of the likelier script's (simplified
or traditional; the language model's Chinese costs are the cheaper of the two scripts).
Genres differ here: before a digit, headlines have 了 (花了3年) where rulings have 于
(于2015年); the mean makes both likely, and neither a clear guess on that alone. At a
line's end only punctuation and symbols count: which word ends a line is a matter of
genre (headlines end in 了 and 啊), and the Han bigrams know the word already.

A fifth table, atLineEndAfter, is what ends a line after two given Han characters: the
punctuation or symbol p last in the line right after ab, for each ab + p seen at least
MINIMUM_COUNT times, with its cost -log2 P(p | ab, line end) (a genre that never ends a
line after ab has no say). Headlines end in ！ and rulings in ：, so the line-end costs
alone make 裁定如下： 如下！; after 下 alone both genres speak (一下！, 如下：), after 如下
only rulings do.

Sources: ../shared/corpora (zh-headlines, zh-legal), and the same text converted with
OpenCC (PyPI `opencc`, config s2tw) for traditional characters (於, 號). Lines that end
in U+FFFD were cut short by the corpus: their ends are not counted as line ends.

Run by hand (see README.md next to this file):
    /tmp/mm/bin/python Tools/mojibake-model/build_neighbour_bonuses.py [--legal-lines N]
--legal-lines counts only the first N lines of zh-legal (to measure on the rest).
"""

import argparse
import collections
import datetime
import gzip
import math
import os

import opencc

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
CORPORA = os.path.normpath(os.path.join(REPO, "..", "shared", "corpora"))
OUTPUT = os.path.join(REPO, "Plugins", "Mojibake", "NeighbourBonusData.swift")

MINIMUM_COUNT = 8
# How many lines must end after two characters for atLineEndAfter to tell what ends them.
MINIMUM_CONTEXT = 32
PLACES = ["afterDigit", "beforeDigit", "afterPunctuation", "atLineEnd"]
# Full-width punctuation that a clause starts after: ，。、；：！？ (the same as
# NeighbourBonuses.endsClause in Swift; change both together)
CLAUSE_ENDS = "\uff0c\u3002\u3001\uff1b\uff1a\uff01\uff1f"


def read_lines(name, limit=None):
    with gzip.open(os.path.join(CORPORA, name), "rt", encoding="utf-8") as f:
        lines = [line.rstrip("\n") for line in f]
    return lines[:limit] if limit is not None else lines


def is_han(c):
    code = ord(c)
    return 0x3400 <= code <= 0x4DBF or 0x4E00 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF


def count(lines):
    """How often each character (beyond ASCII) stands in each place."""
    places = {place: collections.Counter() for place in PLACES + ["atLineEndAfter"]}
    for line in lines:
        if not line:
            continue
        ends = not line.endswith("\ufffd")
        chars = line.rstrip("\ufffd")
        for i, c in enumerate(chars):
            if ord(c) < 0x80:
                continue
            if i > 0 and chars[i - 1].isascii() and chars[i - 1].isdigit():
                places["afterDigit"][c] += 1
            if i + 1 < len(chars) and chars[i + 1].isascii() and chars[i + 1].isdigit():
                places["beforeDigit"][c] += 1
            if i > 0 and chars[i - 1] in CLAUSE_ENDS:
                places["afterPunctuation"][c] += 1
            if ends and i == len(chars) - 1 and not is_han(c):
                places["atLineEnd"][c] += 1
                if i > 1 and is_han(chars[i - 1]) and is_han(chars[i - 2]):
                    places["atLineEndAfter"][chars[i - 2 : i] + c] += 1
    return places


def pair_costs(genres):
    """-log2 P(p | ab, line end) in quarter bits for each ab + p of atLineEndAfter, with
    P the mean over the genres of the likelier script's; a genre that never ends a line
    after ab has no say."""
    # How many lines end after each two characters, per genre and script.
    totals = [[collections.Counter() for _ in scripts] for scripts in genres]
    for g, scripts in enumerate(genres):
        for k, counts in enumerate(scripts):
            for pair, n in counts["atLineEndAfter"].items():
                totals[g][k][pair[:2]] += n
    # Only two characters that end many lines say what ends them: after a few, what was
    # not seen there (。 after 单身) is no less likely for that.
    pairs = {
        pair for g, scripts in enumerate(genres) for k, counts in enumerate(scripts)
        for pair, n in counts["atLineEndAfter"].items() if n >= MINIMUM_COUNT and totals[g][k][pair[:2]] >= MINIMUM_CONTEXT
    }
    result = {}
    for pair in pairs:
        ps = [
            max(counts["atLineEndAfter"][pair] / totals[g][k][pair[:2]] for k, counts in enumerate(scripts) if totals[g][k][pair[:2]])
            for g, scripts in enumerate(genres)
            if any(totals[g][k][pair[:2]] for k in range(len(scripts)))
        ]
        result[pair] = round(-4 * math.log2(sum(ps) / len(ps)))
    return result


def costs(genres, place):
    """-log2 P(c | place) in quarter bits, with P the mean over the genres of the likelier
    script's."""
    result = {}
    chars = set()
    for scripts in genres:
        for counts in scripts:
            chars |= {c for c, n in counts[place].items() if n >= MINIMUM_COUNT}
    for c in chars:
        p = 0.0
        for scripts in genres:
            p += max(counts[place][c] / max(1, sum(counts[place].values())) for counts in scripts) / len(genres)
        result[c] = round(-4 * math.log2(p))
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--legal-lines", type=int, default=None)
    parser.add_argument("--output", default=OUTPUT)
    args = parser.parse_args()
    converter = opencc.OpenCC("s2tw")
    genres = []
    for genre in [read_lines("zh-headlines.txt.gz"), read_lines("zh-legal.txt.gz", args.legal_lines)]:
        genres.append([count(genre), count([converter.convert(line) for line in genre])])
    tables = {place: costs(genres, place) for place in PLACES}
    tables["atLineEndAfter"] = pair_costs(genres)

    out = [
        f"// GENERATED by Tools/mojibake-model/build_neighbour_bonuses.py on {datetime.date.today()}: do not edit.",
        "//",
        "// The costs in quarter bits of characters right after an ASCII digit, right before",
        "// one, right after ，。、；：！？, last in a line, and last in a line after two given Han",
        "// characters (see NeighbourBonuses.swift), as",
        "// \"character cost\" pairs,",
        "// cheapest first. Counted in ../shared/corpora (zh-headlines: GitHub",
        "// ClydeKuo/cnn, cnews; zh-legal: GitHub lr12/textcnnrnn; see shared/corpora/README.md)",
        "// and in the same text converted with OpenCC (PyPI `opencc` "
        + f"{opencc.__version__ if hasattr(opencc, '__version__') else ''}".rstrip() + ", Apache-2.0, config s2tw).",
        f"// Lines of zh-legal counted: {'all' if args.legal_lines is None else args.legal_lines}; "
        + f"seen at least {MINIMUM_COUNT} times in a place.",
        "",
        "enum NeighbourBonusData {",
    ]
    for place in PLACES + ["atLineEndAfter"]:
        pairs = sorted(tables[place].items(), key=lambda item: (item[1], item[0]))
        body = " ".join(f"{c}{b}" for c, b in pairs)
        out.append(f"    static let {place}: StaticString = \"{body}\"")
    out.append("}")
    with open(args.output, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    for place in PLACES:
        top = sorted(tables[place].items(), key=lambda item: item[1])[:12]
        print(place, len(tables[place]), " ".join(f"{c}{b}" for c, b in top))


if __name__ == "__main__":
    main()
