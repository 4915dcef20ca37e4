#!/usr/bin/env python3
"""Runs ftfy's own test cases (../shared/peer-suites/ftfy-cases.jsonl, the `fix_text`
rows) through a fixtext command, and real ftfy's `fix_encoding` on the same cases as a
baseline, so that the mojibake transform is measured against its best-known peer on that
peer's home ground.

Judging. fixtext's `mojibake` repairs encodings only; ftfy's `fix_text` also unescapes
HTML, straightens curly quotes, fixes line breaks, etc. So each output is judged twice:

- strict: output == `fixed`;
- encoding: output == `fixed-encoding` where the case has one (ftfy's own expectation for
  `fix_encoding`); otherwise output == `fixed` after ftfy's other fixes are applied to it
  (`ftfy.fix_text(output, fix_encoding=False, **case kwargs)`), i.e. "the encoding part
  was right, ftfy's other fixes would do the rest". Without ftfy installed the second half
  falls back to output == `fixed`, and the report says so.

ftfy's `fix_encoding` baseline is judged by the same encoding rule (and `fix_text` by the
strict rule, to check the suite against the published 152/161).
"""

import argparse
import collections
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import runlib  # noqa: E402

DEFAULT_CASES = os.path.join(runlib.REPO, "..", "shared", "peer-suites", "ftfy-cases.jsonl")
DEFAULT_COMMAND = ".build/release/fixtext -c mojibake"


def load_cases(path):
    with open(path, encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return [row for row in rows if row["function"] == "fix_text"]


def encoding_judge(ftfy):
    """The encoding-only comparison described in the module doc."""
    def judge(case, output):
        if output is None:
            return False
        if "fixed-encoding" in case:
            return output == case["fixed-encoding"]
        if output == case["fixed"]:
            return True
        if ftfy is None:
            return False
        kwargs = dict(case.get("kwargs") or {})
        kwargs["fix_encoding"] = False
        return ftfy.fix_text(output, **kwargs) == case["fixed"]
    return judge


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", default=DEFAULT_CASES, help="ftfy-cases.jsonl")
    parser.add_argument("--failures", type=int, default=10,
                        help="how many of the command's encoding failures to show")
    runlib.add_command_arguments(parser, DEFAULT_COMMAND)
    args = parser.parse_args()

    cases = load_cases(args.cases)
    ftfy = runlib.import_ftfy()
    judge = encoding_judge(ftfy)
    originals = [case["original"] for case in cases]

    problem = runlib.probe(args.command, args.timeout)
    outputs = None
    if problem:
        print(f"command {args.command!r} does not run: {problem}")
    else:
        batch = args.batch and all("\n" not in text and "\r" not in text for text in originals)
        if args.batch and not batch:
            print("--batch ignored: some ftfy cases span several lines")
        outputs = runlib.run_all(args.command, originals, args.jobs, batch, args.timeout)

    # (column, expectation) → passes
    counts = collections.Counter()
    totals = collections.Counter(case["expect"] for case in cases)
    failures = []
    for index, case in enumerate(cases):
        expect = case["expect"]
        if outputs is not None:
            output = outputs[index]
            counts["fixtext strict", expect] += output == case["fixed"]
            passed = judge(case, output)
            counts["fixtext encoding", expect] += passed
            if not passed:
                failures.append((case, output))
        if ftfy is not None:
            kwargs = case.get("kwargs") or {}
            counts["ftfy.fix_text strict", expect] += ftfy.fix_text(case["original"], **kwargs) == case["fixed"]
            counts["ftfy.fix_encoding encoding", expect] += judge(case, ftfy.fix_encoding(case["original"]))

    print(f"cases: {len(cases)} fix_text rows of {os.path.relpath(args.cases)} "
          f"({totals['pass']} expected to pass, {totals['known-failure']} known failures of ftfy)")
    if ftfy is None:
        print("ftfy not importable (pip install ftfy==6.3.1): no baseline; "
              "encoding judging falls back to `fixed`")
    else:
        print(f"baseline: ftfy {ftfy.__version__}")
    columns = ["fixtext strict", "fixtext encoding", "ftfy.fix_text strict", "ftfy.fix_encoding encoding"]
    print(f"{'passed by':30} {'all':>9} {'pass':>9} {'known-failure':>14}")
    for column in columns:
        if outputs is None and column.startswith("fixtext"):
            continue
        if ftfy is None and column.startswith("ftfy"):
            continue
        good, bad = counts[column, "pass"], counts[column, "known-failure"]
        print(f"{column:30} {good + bad:>4}/{len(cases):<4} {good:>4}/{totals['pass']:<4} "
              f"{bad:>7}/{totals['known-failure']:<6}")
    for case, output in failures[: args.failures]:
        print(f"\n{case['id']} ({case['label']}):\n  in:   {case['original']!r}"
              f"\n  want: {case.get('fixed-encoding', case['fixed'])!r}\n  got:  {output!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
