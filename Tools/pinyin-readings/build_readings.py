#!/usr/bin/env python3
"""Compiles the Mandarin readings of Han characters for the strip-pinyin transform.

Reads Unihan_Readings.txt and Unihan_Variants.txt (plain or .bz2) of the Unicode
Character Database, as Debian's `unicode-data` package installs them in
/usr/share/unicode, and writes Plugins/StripPinyin/PinyinReadingsData.swift: every
reading of every character, as a compact binary table in base64, decoded by
PinyinReadings.swift the first time a gloss has to be checked.

    apt-get install unicode-data
    python3 Tools/pinyin-readings/build_readings.py            # writes the Swift file
    python3 Tools/pinyin-readings/build_readings.py --check    # fails if it is stale

See README.md beside this file for the fields used and the table's layout.
"""

import argparse
import base64
import bz2
import os
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OUTPUT = os.path.join(ROOT, "Plugins", "StripPinyin", "PinyinReadingsData.swift")
DEFAULT_SOURCE = "/usr/share/unicode"

# The fields that give Mandarin readings, most authoritative first. kHanyuPinlu lists
# readings by frequency in modern text, neutral tones included; kXHC1983 and kTGHZ2013
# give the readings of two standard dictionaries (with tone sandhi of 一 and 不);
# kHanyuPinyin those of the Hanyu Da Zidian, which covers traditional forms.
FIELDS = ("kMandarin", "kHanyuPinlu", "kXHC1983", "kTGHZ2013", "kHanyuPinyin")

# A simplified character and its traditional forms may each be written for the other
# by a converter (发 → 發 in 頭發): each gets the readings of the others.
VARIANT_FIELDS = ("kSimplifiedVariant", "kTraditionalVariant")

FORMAT_VERSION = 1
# Tones as stored: 1–4, and 5 for the neutral tone (a syllable written without a mark in
# kHanyuPinlu or a dictionary field).
NEUTRAL = 5
MARKS = {"\u0304": 1, "\u0301": 2, "\u030C": 3, "\u0300": 4}


def open_text(directory, name):
    plain = os.path.join(directory, name)
    if os.path.exists(plain):
        return open(plain, encoding="utf-8")
    packed = plain + ".bz2"
    if os.path.exists(packed):
        return bz2.open(packed, "rt", encoding="utf-8")
    sys.exit(f"build_readings: {name}(.bz2) not found in {directory}; "
             "install Debian's unicode-data or pass --source")


def records(directory, name, fields):
    header = []
    with open_text(directory, name) as lines:
        for line in lines:
            if line.startswith("#"):
                header.append(line.rstrip("\n"))
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 3 and parts[1] in fields:
                yield int(parts[0][2:], 16), parts[1], parts[2]
    records.headers[name] = header


records.headers = {}


def syllable_and_tone(reading):
    """'qū' → ('qu', 1); 'lǘ' → ('lv', 2); 'de' → ('de', 5); None for what is not
    plain pinyin (ê with marks, for one)."""
    decomposed = unicodedata.normalize("NFD", reading.strip())
    tone = NEUTRAL
    letters = []
    for ch in decomposed:
        if ch in MARKS:
            if tone != NEUTRAL:
                return None
            tone = MARKS[ch]
        elif ch == "\u0308":  # diaeresis: ü
            if not letters or letters[-1] != "u":
                return None
            letters[-1] = "v"
        elif "a" <= ch <= "z":
            letters.append(ch)
        else:
            return None
    if not letters:
        return None
    return "".join(letters), tone


def readings_of_field(field, value):
    if field == "kHanyuPinlu":
        return [item.split("(")[0] for item in value.split()]
    if field == "kMandarin":
        return value.split()
    # kHanyuPinyin, kXHC1983, kTGHZ2013: "location[,location]:reading[,reading] ..."
    found = []
    for item in value.split():
        if ":" in item:
            found.extend(item.split(":", 1)[1].split(","))
    return found


def load(directory):
    readings = {}
    skipped = set()
    for code, field, value in records(directory, "Unihan_Readings.txt", FIELDS):
        for reading in readings_of_field(field, value):
            parsed = syllable_and_tone(reading)
            if parsed is None:
                skipped.add(reading)
                continue
            readings.setdefault(code, set()).add(parsed)
    variants = {}
    for code, _, value in records(directory, "Unihan_Variants.txt", VARIANT_FIELDS):
        for item in value.split():
            other = int(item.split("<")[0][2:], 16)
            if other != code:
                variants.setdefault(code, set()).add(other)
    own = {code: set(values) for code, values in readings.items()}
    borrowed = 0
    for code, others in variants.items():
        for other in others:
            extra = own.get(other, set()) - readings.get(code, set())
            if extra:
                readings.setdefault(code, set()).update(extra)
                borrowed += len(extra)
    return readings, skipped, borrowed


def varint(n, out):
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return


def encode(readings):
    """The binary table:
    "PYRD", a version byte;
    varint syllable count, then each syllable as a length byte and ASCII ("v" for ü),
    most used first;
    varint character count, then each character in code point order: a head byte, the
    gap from the previous code point (the first from 0) in its low 5 bits and the number
    of its syllables in its high 3 bits (either 0 when too large: a varint follows, the
    gap first), then each syllable as a big-endian 16-bit word, the syllable's index
    times 32 plus a mask of its tones (bit 0 for tone 1 ... bit 4 for the neutral tone)."""
    use = {}
    for values in readings.values():
        for syllable, _ in values:
            use[syllable] = use.get(syllable, 0) + 1
    syllables = sorted(use, key=lambda s: (-use[s], s))
    assert len(syllables) < 2048
    index = {s: i for i, s in enumerate(syllables)}
    out = bytearray(b"PYRD")
    out.append(FORMAT_VERSION)
    varint(len(syllables), out)
    for syllable in syllables:
        out.append(len(syllable))
        out.extend(syllable.encode("ascii"))
    varint(len(readings), out)
    previous = 0
    for code in sorted(readings):
        masks = {}
        for syllable, tone in readings[code]:
            masks[index[syllable]] = masks.get(index[syllable], 0) | 1 << (tone - 1)
        gap = code - previous
        previous = code
        head_gap = gap if gap < 32 else 0
        head_count = len(masks) if len(masks) < 8 else 0
        out.append(head_count << 5 | head_gap)
        if head_gap == 0:
            varint(gap, out)
        if head_count == 0:
            varint(len(masks), out)
        for i in sorted(masks):
            word = i << 5 | masks[i]
            out.extend(word.to_bytes(2, "big"))
    return bytes(out), syllables


def swift_source(blob, syllables, readings, skipped, borrowed, directory):
    text = base64.b64encode(blob).decode("ascii")
    width = 100
    lines = [text[i:i + width] for i in range(0, len(text), width)]
    version = next((h for h in records.headers["Unihan_Readings.txt"] if "Unicode version" in h), "#")
    date = next((h for h in records.headers["Unihan_Readings.txt"] if "Date:" in h), "#")
    total = sum(len(v) for v in readings.values())
    body = "\n".join(lines)
    return f'''// GENERATED by Tools/pinyin-readings/build_readings.py: do not edit.
//
// The Mandarin readings of {len(readings)} Han characters ({total} readings, {len(syllables)} syllables),
// for checking that a gloss is a reading of its character: a {len(blob)}-byte table in
// {len(text)} characters of base64, decoded on first use by PinyinReadings.swift.
//
// Source: the Unihan database of the Unicode Character Database
// ({version.lstrip("# ").strip()}; {date.lstrip("# ").strip()}), files Unihan_Readings.txt and
// Unihan_Variants.txt as Debian's unicode-data package installs them. Fields:
// {", ".join(FIELDS)}; each character also has the readings of its
// {" and ".join(VARIANT_FIELDS)} characters ({borrowed} readings added so).
// {len(skipped)} readings that are not plain pinyin (ê with tone marks, m̀ and the like) are left out.
//
// Modified from the Unihan data files: only these fields are kept, reduced to toneless
// syllables and tone numbers. © 2022 Unicode®, Inc. Unicode and the Unicode Logo are
// registered trademarks of Unicode, Inc. in the U.S. and other countries. Distributed
// under the Unicode licence (Tools/pinyin-readings/UNICODE-LICENSE.txt; see
// https://www.unicode.org/terms_of_use.html).

enum PinyinReadingsData {{
    static let base64 = """
{body}
"""
}}
'''


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source", default=DEFAULT_SOURCE,
                        help="folder with Unihan_Readings.txt and Unihan_Variants.txt (.bz2 or plain)")
    parser.add_argument("--output", default=OUTPUT)
    parser.add_argument("--check", action="store_true", help="fail if the output is not up to date")
    args = parser.parse_args()
    readings, skipped, borrowed = load(args.source)
    blob, syllables = encode(readings)
    source = swift_source(blob, syllables, readings, skipped, borrowed, args.source)
    if args.check:
        with open(args.output, encoding="utf-8") as f:
            if f.read() != source:
                sys.exit(f"{args.output} is stale: run {os.path.relpath(__file__, ROOT)}")
        print("up to date")
        return
    os.makedirs(os.path.dirname(args.output), exist_ok=True)
    with open(args.output, "w", encoding="utf-8") as f:
        f.write(source)
    print(f"{len(readings)} characters, {sum(len(v) for v in readings.values())} readings, "
          f"{len(syllables)} syllables: {len(blob)} bytes → {os.path.relpath(args.output, ROOT)}")


if __name__ == "__main__":
    main()
