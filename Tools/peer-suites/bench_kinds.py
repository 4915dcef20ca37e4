#!/usr/bin/env python3
"""Speed of `mojibake` on each kind of garbled text in the generated suite, apart.

The garbled side of Fixtures/mojibake/cases.jsonl is split by kind and by scope (lines
garbled whole, and garbled stretches inside clean lines); each part is timed in process
by fixtext-benchmark, one core, best of runs over --seconds (a fresh chain each run),
beside a copy of the same bytes in the same run. Each case is there once: repeated lines
would find their guesses remembered (GuessCache) and flatter the slow kinds. What a
mixture of kinds averages hides the kinds that are slow; this shows them.

    swift build -c release --product fixtext-benchmark
    python3 Tools/peer-suites/bench_kinds.py [--seconds 1] [--kinds utf8-as-gbk,misaligned-gbk]

The fixture has 50-62 cases of each part, a few KB, where making the chain weighs on the
fast kinds; for larger parts, generate more cases (new ones, from another seed) and time
those:

    swift run -c release mojibake-suite --out /tmp/suite --seed 2 --per-kind 1000
    python3 Tools/peer-suites/bench_kinds.py --cases /tmp/suite/cases.jsonl

--cases may be given more than once. The extra fixtures, whose cases have no kind (such as
Fixtures/mojibake/ftfy-reread.jsonl or strict-gbk.jsonl), are one kind each, named for the
file, of whole lines.
"""
import argparse, collections, json, os, re, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=1.0)
    parser.add_argument("--kinds", help="comma-separated kinds to time (default: all)")
    parser.add_argument("--cases", action="append", help="a cases file (repeatable; default: the fixture suite)")
    parser.add_argument("--benchmark", default=os.path.join(ROOT, ".build/release/fixtext-benchmark"))
    args = parser.parse_args()
    if not os.path.exists(args.benchmark):
        sys.exit("bench_kinds: build it first: swift build -c release --product fixtext-benchmark")
    parts = collections.defaultdict(list)
    for cases in args.cases or [os.path.join(ROOT, "Fixtures", "mojibake", "cases.jsonl")]:
        stem = os.path.splitext(os.path.basename(cases))[0]
        with open(cases, encoding="utf-8") as f:
            for line in f:
                case = json.loads(line)
                parts[(case.get("kind", stem), case.get("scope", "line"))].append(case["garbled"].replace("\n", " "))
    wanted = set(args.kinds.split(",")) if args.kinds else None
    pattern = re.compile(r"^mojibake(?: \(output \d+ B\))?\s+([\d.]+)\s+([\d.e+-]+)", re.M)
    print(f"{'kind':<24}{'scope':<6}{'KB':>6}{'MB/s':>9}{'÷ copy':>11}")
    with tempfile.TemporaryDirectory() as directory:
        for (kind, scope), lines in sorted(parts.items()):
            if wanted and kind not in wanted:
                continue
            path = os.path.join(directory, f"{kind}-{scope}.txt")
            with open(path, "w", encoding="utf-8") as out:
                out.write("\n".join(lines) + "\n")
            result = subprocess.run(
                [args.benchmark, "-c", "mojibake", "--corpus", path, "--seconds", str(args.seconds)],
                capture_output=True, text=True, check=False,
            )
            found = pattern.search(result.stdout)
            if result.returncode != 0 or not found:
                sys.exit(f"bench_kinds: fixtext-benchmark failed on {kind} {scope}:\n{result.stdout}{result.stderr}")
            size = os.path.getsize(path) / 1000
            print(f"{kind:<24}{scope:<6}{size:>6.1f}{float(found.group(1)):>9.2f}{float(found.group(2)):>11.2e}")


if __name__ == "__main__":
    main()
