#!/usr/bin/env python3
"""Writes Fixtures/mojibake/strict-CODEC.jsonl: Chinese text whose UTF-8 bytes were read by
Python's codecs `gbk` (as Java's reads too), `shift_jis` and `cp932`, with errors="replace".

    python3 Tools/peer-suites/make_strict_cases.py

Unlike Windows (windows-936, which the main suite's generator reproduces with ICU), a strict
decoder has no character for the byte 80 alone, nor for the pairs of GBK's user-defined rows,
and writes U+FFFD for the first byte of each and goes on with the next byte. Such text is
what `s.encode("utf-8").decode("gbk", errors="replace")` makes, the commonest way garbled
test data is made by hand. Python's `shift_jis` has JIS X 0208 only and writes U+FFFD for
each byte it cannot read, one at a time; its `cp932` is Microsoft's, which reads 80, A0 and
FD-FF alone (as U+0080 and private use U+F8F0-U+F8F3) and has NEC's and IBM's extensions.

Also Fixtures/mojibake/strict-gbk-as-big5.jsonl: the same lines in GBK read by Python's
strict `big5`; dropped-c1.jsonl: the same lines read as windows-1252 by a browser,
with the C1 controls it made of 81, 8D, 8F, 90 and 9D taken out afterwards; and
private-use-removed.jsonl: the same lines' UTF-8 read as windows-936 (by ICU's `uconv`,
from the icu-devtools package), with the private use it made of GBK's user-defined rows
taken out afterwards, as text cleaners and search indexes do (most lines have some); and
windows-932-dots.jsonl: the same lines' UTF-8 read as Windows and .NET read code page
932, "・" for each lead byte and the byte after it that make no character.

The lines are every 400th line of ../shared/corpora/zh-headlines.txt.gz and every 40th of
zh-legal.txt.gz (cut after the last full stop within 160 characters), 150 in all; each case
has the original, the garbled line and how many U+FFFD it has.
"""
import gzip
import json
import os
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
CORPORA = os.path.join(ROOT, "..", "shared", "corpora")
CODECS = ["gbk", "shift_jis", "cp932"]
DROPPED = {0x81, 0x8D, 0x8F, 0x90, 0x9D}


def lines(name, every, limit):
    with gzip.open(os.path.join(CORPORA, name), "rt", encoding="utf-8") as f:
        chosen = [line.rstrip("\n") for k, line in enumerate(f) if k % every == 0 and line.strip()]
    return chosen[:limit]


def cut(line, most=160):
    if len(line) <= most:
        return line
    stop = line.rfind("。", 0, most)
    return line[: stop + 1] if stop > 0 else line[:most]


def write_cases(name, cases):
    """Writes Fixtures/mojibake/NAME.jsonl, one case per line, with ids NAME-000..."""
    path = os.path.join(ROOT, "Fixtures", "mojibake", f"{name}.jsonl")
    with open(path, "w", encoding="utf-8") as out:
        for k, case in enumerate(cases):
            out.write(json.dumps({"id": f"{name}-{k:03d}", **case}, ensure_ascii=False) + "\n")
    print(f"{len(cases)} cases written to {os.path.relpath(path, ROOT)}")


def strict_case(original, encoding, codec):
    garbled = original.encode(encoding).decode(codec, errors="replace")
    return {"original": original, "garbled": garbled, "replacements": garbled.count("\ufffd")}


def read_as_windows_1252(data):
    """`data` read as browsers read windows-1252: its five undefined bytes as C1 controls."""
    return "".join(chr(b) if b in DROPPED else bytes([b]).decode("cp1252") for b in data)


def dropped_case(original):
    read = read_as_windows_1252(original.encode("utf-8"))
    garbled = "".join(c for c in read if ord(c) not in DROPPED)
    return {"original": original, "garbled": garbled, "dropped": len(read) - len(garbled)}


def private_use_removed_case(original):
    # (A space after the line: an odd last byte pairs with it, not with the next line.)
    read = subprocess.run(
        ["uconv", "-f", "windows-936-2000", "-t", "UTF-8", "--callback", "substitute"],
        input=(original + " ").encode("utf-8"), capture_output=True, check=True,
    ).stdout.decode("utf-8")
    read = read[:-1] if read.endswith(" ") else read
    garbled = "".join(c for c in read if not 0xE000 <= ord(c) <= 0xF8FF)
    return {"original": original, "garbled": garbled, "removed": len(read) - len(garbled)}


def read_as_windows_932(data):
    """`data` read as Windows and .NET read code page 932: "・" for a lead byte and the byte
    after it when the two make no character (and for a byte that is no character alone)."""
    out, k = [], 0
    while k < len(data):
        b = data[k]
        if 0x81 <= b <= 0x9F or 0xE0 <= b <= 0xFC:
            try:
                out.append(data[k:k + 2].decode("cp932"))
            except UnicodeDecodeError:
                out.append("\u30fb")
            k += 2
        else:
            try:
                out.append(bytes([b]).decode("cp932"))
            except UnicodeDecodeError:
                out.append("\u30fb")
            k += 1
    return "".join(out)


def dotted_case(original):
    garbled = read_as_windows_932(original.encode("utf-8"))
    return {"original": original, "garbled": garbled, "dots": garbled.count("\u30fb") - original.count("\u30fb")}


def encodes(text, encoding):
    try:
        text.encode(encoding)
        return True
    except UnicodeEncodeError:
        return False


def main():
    originals = lines("zh-headlines.txt.gz", 400, 100) + [cut(line) for line in lines("zh-legal.txt.gz", 40, 50)]
    for codec in CODECS:
        write_cases(f"strict-{codec}", [strict_case(original, "utf-8", codec) for original in originals])
    # GBK read by Python's strict big5: U+FFFD for each lead it cannot read, then out of
    # step. (Lines with characters GBK lacks are left out.)
    write_cases("strict-gbk-as-big5", [strict_case(o, "gbk", "big5") for o in originals if encodes(o, "gbk")])
    # UTF-8 read as windows-1252 the way browsers read it (its five undefined bytes as C1
    # controls), and the controls taken out afterwards, as text cleaners and copy and
    # paste do: 不 (E4 B8 8D) is left as "ä¸".
    write_cases("dropped-c1", [dropped_case(original) for original in originals])
    # UTF-8 read as windows-936, its private use taken out afterwards: 端口 (E7 AB AF E5
    # 8F A3) is left as 绔彛, the pair AF E5 gone with a byte of each character.
    write_cases("private-use-removed", [private_use_removed_case(original) for original in originals])
    # UTF-8 read as code page 932 by Windows: "・" for each lead and the byte after it that
    # make no character, so 。" at a string's end is 縲・ and the quote is gone.
    write_cases("windows-932-dots", [dotted_case(original) for original in originals])


if __name__ == "__main__":
    main()
