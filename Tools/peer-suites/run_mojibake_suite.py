#!/usr/bin/env python3
"""Runs a fixtext command over the generated mojibake suite (Fixtures/mojibake) and
prints, per kind, how many cases it repaired exactly, character error rates where exact
repair is impossible, and how many clean lines it changed; and the same for ftfy
(`fix_text`, and `fix_encoding`) as a baseline when ftfy is importable.

Columns per tool, per kind:
- exact: output == `original`;
- best: for unrecoverable cases with a `best` field, output == `best` (lost characters as
  U+FFFD) or == `original`;
- same: output == `garbled` (left alone: the right call for lossy kinds);
- CER (kinds that lose text): edit distance to `original` / length of `original`,
  summed over the kind; the `input` row is the CER of the garbled text itself.

The lines that Python's strict codecs garbled (strict-CODEC.jsonl, made by
make_strict_cases.py) are kinds "python-CODEC" here, and the lines read as windows-1252
whose C1 controls were taken out afterwards (dropped-c1.jsonl) kind "dropped-c1", and
the lines read as windows-936 whose private use was taken out (private-use-removed.jsonl)
kind "private-use-removed", and the lines read as Windows reads code page 932 ("・" for
what it cannot read, windows-932-dots.jsonl) kind "windows-932-dots"; each with a CER and
no `best`.

It works before the transform exists: a command that does not run is reported, and
`--command cat` shows what doing nothing scores.
"""

import argparse
import collections
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import runlib  # noqa: E402

FIXTURES = os.path.join(runlib.REPO, "Fixtures", "mojibake")
DEFAULT_COMMAND = ".build/release/fixtext -c mojibake"
# Fixtures made by make_strict_cases.py: kind → (file, whether a case lost nothing).
EXTRA_FIXTURES = {
    **{f"python-{codec}": (f"strict-{codec}.jsonl", lambda case: case["replacements"] == 0)
       for codec in ("gbk", "shift_jis", "cp932")},
    "python-gbk-as-big5": ("strict-gbk-as-big5.jsonl", lambda case: case["replacements"] == 0),
    "dropped-c1": ("dropped-c1.jsonl", lambda case: case["dropped"] == 0),
    "private-use-removed": ("private-use-removed.jsonl", lambda case: case["removed"] == 0),
    "windows-932-dots": ("windows-932-dots.jsonl", lambda case: case["dots"] == 0),
    # Made by make_ftfy_reread_cases.py: GBK read as windows-1252, then ftfy's fix_text.
    "ftfy-reread": ("ftfy-reread.jsonl", lambda case: True),
}
CER_KINDS = (
    "utf8-as-gbk", "utf8-as-gb18030", "utf8-as-big5", "utf8-as-shift_jis", "misaligned-gbk",
    "lossy-kunjinkao", "lossy-tang", "lossy-fffd",
) + tuple(EXTRA_FIXTURES)


def load(path):
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def score(cases, outputs):
    """Per kind: Counter of n, exact, best, same, distance, length, failed."""
    kinds = collections.defaultdict(collections.Counter)
    for case, output in zip(cases, outputs):
        stats = kinds[case["kind"]]
        stats["n"] += 1
        if output is None:
            stats["failed"] += 1
            output = case["garbled"]
        stats["exact"] += output == case["original"]
        if "best" in case:
            stats["best n"] += 1
            stats["best"] += output in (case["best"], case["original"])
        stats["same"] += output == case["garbled"]
        if case["kind"] in CER_KINDS:
            stats["distance"] += runlib.edit_distance(output, case["original"])
            stats["length"] += len(case["original"])
    return kinds


def cer(stats):
    return stats["distance"] / stats["length"] if stats["length"] else 0.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fixtures", default=FIXTURES, help="folder with cases.jsonl, clean.jsonl")
    parser.add_argument("--kind", action="append", help="only these kinds (repeatable)")
    parser.add_argument("--no-ftfy", action="store_true", help="skip the ftfy baselines")
    parser.add_argument("--show", type=int, default=0, help="show this many failures per kind")
    runlib.add_command_arguments(parser, DEFAULT_COMMAND)
    args = parser.parse_args()

    cases = load(os.path.join(args.fixtures, "cases.jsonl"))
    for kind, (name, lossless) in EXTRA_FIXTURES.items():
        path = os.path.join(args.fixtures, name)
        if os.path.exists(path):
            cases += [dict(case, kind=kind, recoverable=lossless(case)) for case in load(path)]
    if args.kind:
        cases = [case for case in cases if case["kind"] in args.kind]
    clean = load(os.path.join(args.fixtures, "clean.jsonl"))
    garbled = [case["garbled"] for case in cases]
    texts = [line["text"] for line in clean]

    tools = {}  # name → (case outputs, clean outputs)
    problem = runlib.probe(args.command, args.timeout)
    if problem:
        print(f"command {args.command!r} does not run: {problem}")
    else:
        run = lambda items: runlib.run_all(args.command, items, args.jobs, args.batch, args.timeout)
        tools[args.command] = (run(garbled), run(texts))
    ftfy = None if args.no_ftfy else runlib.import_ftfy()
    if ftfy is not None:
        for name in ("fix_text", "fix_encoding"):
            function = getattr(ftfy, name)
            tools[f"ftfy.{name}"] = ([function(t) for t in garbled], [function(t) for t in texts])
    elif not args.no_ftfy:
        print("ftfy not importable (pip install ftfy==6.3.1): no baseline")

    scores = {name: score(cases, outputs) for name, (outputs, _) in tools.items()}
    order = list(dict.fromkeys(case["kind"] for case in cases))
    names = list(tools)
    print(f"{len(cases)} cases, {len(clean)} clean lines, from {os.path.relpath(args.fixtures)}")
    for number, name in enumerate(names, 1):
        print(f"  [{number}] {name}")
    header = "".join(f" | {f'[{n}] exact  best  same':>22}" for n in range(1, len(names) + 1))
    print(f"\n{'kind':20} {'n':>4} {'recov':>5}{header}")
    recoverable = collections.Counter(case["kind"] for case in cases if case["recoverable"])
    for kind in order:
        row = f"{kind:20} {next(iter(scores.values()))[kind]['n'] if scores else 0:>4} {recoverable[kind]:>5}"
        for name in names:
            stats = scores[name][kind]
            best = f"{stats['best']}/{stats['best n']}" if stats["best n"] else "-"
            row += f" | {stats['exact']:>10} {best:>7} {stats['same']:>4}"
            if stats["failed"]:
                row += f" ({stats['failed']} runs failed)"
        print(row)
    # The generated suite's total, as before the strict codecs' lines joined it.
    suite = [kind for kind in order if kind not in EXTRA_FIXTURES]
    print(f"{'all (generated)':20} {sum(scores[names[0]][k]['n'] for k in suite) if names else 0:>4} "
          f"{sum(recoverable[k] for k in suite):>5}"
          + "".join(f" | {sum(s[k]['exact'] for k in suite):>10} {'':>7} {sum(s[k]['same'] for k in suite):>4}"
                    for s in scores.values()))

    print("\ncharacter error rate (edit distance / original length):")
    for kind in (k for k in CER_KINDS if k in order):
        cases_of_kind = [case for case in cases if case["kind"] == kind]
        distance = sum(runlib.edit_distance(c["garbled"], c["original"]) for c in cases_of_kind)
        length = sum(len(c["original"]) for c in cases_of_kind)
        row = f"  {kind:18} input {distance / length:6.3f}"
        for number, name in enumerate(names, 1):
            row += f"   [{number}] {cer(scores[name][kind]):6.3f}"
        print(row)

    print("\nclean lines changed (must be 0):")
    for number, name in enumerate(names, 1):
        outputs = tools[name][1]
        changed = [(line, out) for line, out in zip(clean, outputs) if out != line["text"]]
        print(f"  [{number}] {name}: {len(changed)} of {len(clean)}")
        for line, out in changed[: args.show]:
            print(f"      {line['id']}: {line['text']!r}\n        -> {out!r}")

    if args.show:
        for name in names:
            print(f"\nfailures of {name}:")
            shown = collections.Counter()
            for case, out in zip(cases, tools[name][0]):
                if out != case["original"] and case["recoverable"] and shown[case["kind"]] < args.show:
                    shown[case["kind"]] += 1
                    print(f"  {case['id']}: {case['garbled']!r}\n    -> {out!r}\n    want {case['original']!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
