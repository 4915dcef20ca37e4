#!/usr/bin/env python3
"""Writes Fixtures/mojibake/ftfy-reread.jsonl: Chinese text in GBK read as windows-1252,
then put through ftfy's `fix_text`, as crawls cleaned with ftfy hold it.

    pip install ftfy==6.3.1 && python3 Tools/peer-suites/make_ftfy_reread_cases.py

ftfy repairs no CJK encoding, but where two or three of the windows-1252 characters are
the bytes of a UTF-8 character it reads them as one (系统 read as windows-1252 is ÏµÍ³,
which ftfy makes ϵͳ): the text is then garbled twice over, and no single codec undoes it.
Web pages stored this way are easy to find (液压系统 as Һѹϵͳ).

The lines are the same as make_strict_cases.py takes: every 400th line of
../shared/corpora/zh-headlines.txt.gz and every 40th of zh-legal.txt.gz (cut after the last
full stop within 160 characters), those GBK can encode. Each case has the original, the
garbled line, and how many of its characters windows-1252 lacks (ftfy's rereadings that no
windows-1252 byte gives back); the windows-1252 reading is browsers' (the five bytes it
leaves undefined as C1 controls, as ftfy's "sloppy" codec has them).
"""
import ftfy

from make_strict_cases import DROPPED, cut, encodes, lines, read_as_windows_1252, write_cases


def lacks_windows_1252(c):
    if ord(c) < 0x80 or ord(c) in DROPPED:
        return False
    try:
        c.encode("cp1252")
        return False
    except UnicodeEncodeError:
        return True


def main():
    assert ftfy.__version__ == "6.3.1", f"made with ftfy 6.3.1, not {ftfy.__version__}"
    originals = lines("zh-headlines.txt.gz", 400, 100) + [cut(line) for line in lines("zh-legal.txt.gz", 40, 50)]
    cases = []
    for original in originals:
        if not encodes(original, "gbk"):
            continue
        garbled = ftfy.fix_text(read_as_windows_1252(original.encode("gbk")))
        cases.append({"original": original, "garbled": garbled, "reread": sum(map(lacks_windows_1252, garbled))})
    write_cases("ftfy-reread", cases)


if __name__ == "__main__":
    main()
