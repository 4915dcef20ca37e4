#!/usr/bin/env python3
"""Builds how much more often pairs of Han characters stand together than chance says, for
the `mojibake` transform's guesses of lost characters, and writes it to
Plugins/Mojibake/PairBonusData.swift.

The language model's Bloom filter of known bigrams says yes or no, and a guess weighs a
candidate by its own frequency less one bonus for each known pair it makes. Between
candidates that both make a known pair with the character before, the commoner one then
wins: 直 + (是 or 视) gives 直是, 变 + (了 or 脸) 变了, though 直视 and 变脸 are the words.
What tells them apart is how much likelier the pair is than its characters apart, the
pointwise mutual information log2(P(ab) / (P(a) P(b))): that is the bonus here, in quarter
bits, for every pair of Han characters seen at least MINIMUM_COUNT times in a script's
text whose pair is likelier than chance. A pair in both scripts takes the larger bonus.

Sources: ../shared/corpora (zh-headlines, zh-legal), and the same text converted with
OpenCC (PyPI `opencc`, config s2tw) for traditional characters. News and court rulings lack
the words of software (浏览, 邮件, 发送), where much real mojibake is found: the pairs inside
the words of wordfreq's Chinese list (PyPI `wordfreq`, the list the language model mixes
in) count too, each word weighted by its frequency, with the pairs of words that make up
at least WORD_LIST_MINIMUM of the list; where both sources have a pair, the larger bonus. Output: sorted pair keys
(first character << 16 | second) as LEB128 deltas, each followed by its bonus in one byte,
base64-encoded.

Run by hand (see README.md next to this file):
    /tmp/mm/bin/python Tools/mojibake-model/build_pair_bonuses.py [--even-lines]
--even-lines counts only the corpora's even-numbered lines (to measure on the odd ones).
"""

import argparse
import base64
import collections
import datetime
import math
import os
import textwrap

import opencc
import wordfreq

# The corpora are read as the neighbour bonuses read them.
from build_neighbour_bonuses import REPO, is_han, read_lines
from build_model import clean_chinese_words

OUTPUT = os.path.join(REPO, "Plugins", "Mojibake", "PairBonusData.swift")

MINIMUM_COUNT = 8
# A pair from the word list counts once the words it is inside make up this share of the
# list's running words: about once in a million (浏览 2.4e-5, 邮件 2.3e-5).
WORD_LIST_MINIMUM = 1e-6
LARGEST_BONUS = 255


def pmi_bonuses(chars, pairs, is_frequent):
    """log2(P(ab) / (P(a) P(b))) of each pair `is_frequent` keeps, in quarter bits (capped),
    for the pairs likelier together than apart; `chars` and `pairs` are counts or weights."""
    total_chars, total_pairs = sum(chars.values()), sum(pairs.values())
    result = {}
    for pair, n in pairs.items():
        if not is_frequent(n):
            continue
        pmi = math.log2((n / total_pairs) / ((chars[pair[0]] / total_chars) * (chars[pair[1]] / total_chars)))
        bonus = min(LARGEST_BONUS, round(4 * pmi))
        if bonus > 0:
            result[pair] = bonus
    return result


def bonuses(lines):
    """The PMI bonus of each pair of Han characters seen MINIMUM_COUNT times, in quarter bits."""
    chars, pairs = collections.Counter(), collections.Counter()
    for line in lines:
        chars.update(line)
        for a, b in zip(line, line[1:]):
            if is_han(a) and is_han(b):
                pairs[a + b] += 1
    return pmi_bonuses(chars, pairs, lambda n: n >= MINIMUM_COUNT)


def word_list_bonuses(words):
    """The PMI bonus of each pair of Han characters inside the words of `words` (word to
    frequency), the list read as running text of its words, in quarter bits."""
    chars, pairs = collections.Counter(), collections.Counter()
    for word, frequency in words.items():
        for c in word:
            chars[c] += frequency
        for a, b in zip(word, word[1:]):
            pairs[a + b] += frequency
    total_words = sum(words.values())
    return pmi_bonuses(chars, pairs, lambda weight: weight / total_words >= WORD_LIST_MINIMUM)


def leb128(n):
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--even-lines", action="store_true")
    parser.add_argument("--no-word-list", action="store_true", help="the corpora's pairs only")
    parser.add_argument("--output", default=OUTPUT)
    args = parser.parse_args()
    simplified = read_lines("zh-headlines.txt.gz") + read_lines("zh-legal.txt.gz")
    if args.even_lines:
        simplified = read_lines("zh-headlines.txt.gz")[::2] + read_lines("zh-legal.txt.gz")[::2]
    converter = opencc.OpenCC("s2tw")
    traditional = [converter.convert(line) for line in simplified]
    merged = bonuses(simplified)
    for pair, bonus in bonuses(traditional).items():
        merged[pair] = max(bonus, merged.get(pair, 0))
    if not args.no_word_list:
        corpus_chars = collections.Counter(c for line in simplified for c in line)
        words = clean_chinese_words(wordfreq.get_frequency_dict("zh", "best"), corpus_chars)
        keys = list(words)
        traditional_words = collections.Counter()
        for s, t in zip(keys, converter.convert("\n".join(keys)).split("\n")):
            traditional_words[t] += words[s]
        for source in (words, traditional_words):
            for pair, bonus in word_list_bonuses(source).items():
                merged[pair] = max(bonus, merged.get(pair, 0))
    data = bytearray()
    previous = 0
    for pair in sorted(merged, key=lambda p: ord(p[0]) << 16 | ord(p[1])):
        key = ord(pair[0]) << 16 | ord(pair[1])
        data += leb128(key - previous)
        data.append(merged[pair])
        previous = key
    encoded = base64.b64encode(bytes(data)).decode("ascii")
    lines = textwrap.wrap(encoded, 100)
    with open(args.output, "w", encoding="utf-8") as out:
        out.write(f"// GENERATED by Tools/mojibake-model/build_pair_bonuses.py on {datetime.date.today()}: do not edit.\n")
        out.write("//\n")
        out.write("// For each pair of Han characters seen at least "
                  f"{MINIMUM_COUNT} times in a script's text and likelier\n")
        out.write("// together than apart, log2(P(ab) / (P(a) P(b))) in quarter bits (see PairBonuses.swift):\n")
        out.write("// sorted keys (first << 16 | second) as LEB128 deltas, each followed by its bonus byte.\n")
        out.write("// Counted in ../shared/corpora (zh-headlines: GitHub ClydeKuo/cnn, cnews; zh-legal: GitHub\n")
        out.write("// lr12/textcnnrnn; see shared/corpora/README.md) and in the same text converted with OpenCC\n")
        out.write(f"// (PyPI `opencc` {opencc.__version__ if hasattr(opencc, '__version__') else '1.4.2'}, Apache-2.0, config s2tw)")
        if not args.no_word_list:
            out.write(f";\n// and inside the words of wordfreq's Chinese list (PyPI `wordfreq` 3.1.1,\n")
            out.write("// data CC-BY-SA 4.0, Robyn Speer), and that list converted the same way")
        out.write(f". {len(merged)} pairs.\n\n")
        out.write("enum PairBonusData {\n")
        out.write(f"    static let pairs = {len(merged)}\n")
        out.write('    static let base64 = """\n')
        for line in lines:
            out.write(f"        {line}\n")
        out.write('        """\n')
        out.write("}\n")
    print(f"{len(merged)} pairs, {len(data)} bytes, written to {os.path.relpath(args.output, REPO)}")


if __name__ == "__main__":
    main()
