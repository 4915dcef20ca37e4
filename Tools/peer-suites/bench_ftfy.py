#!/usr/bin/env python3
"""Speed of fixtext's `mojibake` beside ftfy's fix_text and fix_encoding, in one run.

Both clean text (../shared/corpora) and heavily garbled text (the garbled side of
Fixtures/mojibake/cases.jsonl, every kind at once; and corpus lines garbled whole by
Python's strict gbk and cp1252 decoders) are timed. fixtext runs as a process over a file (its
start-up included, so use inputs of several MB); ftfy runs in this process line by line,
as it is used. Ratios from the same run are what to compare.

    swift build -c release --product fixtext
    python3 Tools/peer-suites/bench_ftfy.py [--repeat 4]
"""
import argparse, gzip, json, os, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def mb_per_s(size, seconds):
    return size / seconds / 1e6


def time_fixtext(command, text, repeat):
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt", delete=False) as f:
        f.write(text)
        path = f.name
    try:
        best = float("inf")
        for _ in range(repeat):
            start = time.perf_counter()
            subprocess.run(command + [path], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            best = min(best, time.perf_counter() - start)
        return best
    finally:
        os.unlink(path)


def time_python(function, lines):
    start = time.perf_counter()
    for line in lines:
        function(line)
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    # One core, as ftfy has: `fixtext run` would otherwise clean inputs of 4 MB or more on
    # all of them.
    parser.add_argument("--command", default=os.path.join(ROOT, ".build/release/fixtext") + " -c mojibake --jobs 1")
    args = parser.parse_args()
    try:
        import ftfy
    except ImportError:
        sys.exit("bench_ftfy: pip install ftfy==6.3.1 first")
    clean = []
    for name in ("zh-headlines.txt.gz", "zh-legal.txt.gz"):
        path = os.path.join(ROOT, "..", "shared", "corpora", name)
        if os.path.exists(path):
            with gzip.open(path, "rt", encoding="utf-8") as f:
                clean += [line.rstrip("\n") for line in f]
    garbled = []
    with open(os.path.join(ROOT, "Fixtures", "mojibake", "cases.jsonl"), encoding="utf-8") as f:
        for line in f:
            garbled.append(json.loads(line)["garbled"].replace("\n", " "))
    # Whole lines garbled, as whole pages are: 2 million characters of court rulings read
    # by Python's strict decoders, which write U+FFFD for what they cannot read.
    rulings = [line for line in clean if len(line) > 40][::2]
    whole = "\n".join(rulings)[:2_000_000].split("\n")
    garbled_whole = [
        ("gbk-whole", [line.encode("utf-8").decode("gbk", errors="replace") for line in whole]),
        ("1252-whole", [line.encode("utf-8").decode("cp1252", errors="replace") for line in whole]),
    ]
    command = args.command.split()
    print(f"{'text':10} {'MB':>6} {'fixtext MB/s':>13} {'fix_text':>9} {'fix_encoding':>13} {'ratio to fix_text':>18} {'to fix_encoding':>16}")
    for label, lines in [("clean", clean), ("garbled", garbled * 4)] + garbled_whole:
        if not lines:
            continue
        text = "\n".join(lines) + "\n"
        size = len(text.encode("utf-8"))
        ours = mb_per_s(size, time_fixtext(command, text, args.repeat))
        fix_text = mb_per_s(size, time_python(ftfy.fix_text, lines))
        fix_encoding = mb_per_s(size, time_python(ftfy.fix_encoding, lines))
        print(f"{label:10} {size / 1e6:6.1f} {ours:13.1f} {fix_text:9.1f} {fix_encoding:13.1f} {ours / fix_text:18.1f} {ours / fix_encoding:16.1f}")


if __name__ == "__main__":
    main()
