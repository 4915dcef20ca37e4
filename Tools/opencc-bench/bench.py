#!/usr/bin/env python3
"""fixtext's s2t and t2s against OpenCC 1.4.2's native command line, on the same 20 MB.

    python3 Tools/opencc-bench/bench.py [--rounds 5] [--megabytes 20]

Builds fixtext in release, installs OpenCC 1.4.2 from PyPI into Tools/opencc-data/.venv
(git-ignored), makes the input from ../shared/corpora (simplified text, repeated up to the
size; the traditional input is OpenCC's s2t of it), and runs each program over each file
in alternation, whole process, wall clock. It reports MB/s, the ratio to OpenCC, peak
resident memory, CPU time (user and system) and its ratio, startup time, and how many output lines differ from OpenCC's: with
fixes=false none may, and with the default fixes, each differing line is listed by the
correction that made it (Tools/opencc-data/fixes).
"""
import argparse
import gzip
import os
import resource
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
VENV = os.path.join(ROOT, "Tools", "opencc-data", ".venv")
CORPORA = os.path.join(ROOT, "..", "shared", "corpora")


def opencc_native():
    python = os.path.join(VENV, "bin", "python")
    if not os.path.exists(python):
        subprocess.check_call([sys.executable, "-m", "venv", VENV])
    subprocess.check_call([python, "-m", "pip", "install", "-q", "opencc==1.4.2"])
    package = subprocess.check_output(
        [python, "-c", "import opencc, os; print(os.path.dirname(opencc.__file__))"]).decode().strip()
    binary = os.path.join(package, "clib", "bin", "opencc")
    share = os.path.join(package, "clib", "share", "opencc")
    if not os.path.exists(binary):
        raise SystemExit(f"the opencc wheel has no native command line at {binary}")
    return binary, share


def run(command):
    """Runs a command; returns wall seconds, its peak resident KB, measured by
    /usr/bin/time where there is one (a forked Python's own pages would count otherwise),
    and its CPU seconds (user and system), which move less with the load of a shared
    machine than the wall clock does."""
    timer = ["/usr/bin/time", "-f", "%M", "-o"] if os.path.exists("/usr/bin/time") else None
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with tempfile.NamedTemporaryFile("r") as report:
        start = time.perf_counter()
        status = subprocess.call((timer + [report.name] if timer else []) + command, stdin=subprocess.DEVNULL)
        wall = time.perf_counter() - start
        if status != 0:
            raise SystemExit(f"failed ({status}): {' '.join(command)}")
        rss = int(report.read().strip().splitlines()[-1]) if timer else 0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, rss, cpu


def corpus(megabytes, directory):
    text = b""
    for name in sorted(os.listdir(CORPORA)):
        if name.endswith(".txt.gz"):
            text += gzip.open(os.path.join(CORPORA, name)).read()
    if not text:
        raise SystemExit(f"no corpora in {CORPORA}")
    size = megabytes * 1_000_000
    out = text
    while len(out) < size:
        out += text
    out = out[: out.rindex(b"\n", 0, size) + 1]
    path = os.path.join(directory, "simplified.txt")
    open(path, "wb").write(out)
    return path


def differing_lines(a, b):
    la, lb = open(a, "rb").read().split(b"\n"), open(b, "rb").read().split(b"\n")
    if len(la) != len(lb):
        return None
    return [i for i, (x, y) in enumerate(zip(la, lb)) if x != y]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--megabytes", type=int, default=20)
    args = parser.parse_args()

    subprocess.check_call(["swift", "build", "-c", "release", "--product", "fixtext"], cwd=ROOT)
    bin_path = subprocess.check_output(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT).decode().strip()
    fixtext = os.path.join(bin_path, "fixtext")
    opencc, share = opencc_native()

    with tempfile.TemporaryDirectory() as tmp:
        simplified = corpus(args.megabytes, tmp)
        traditional = os.path.join(tmp, "traditional.txt")
        run([opencc, "-c", os.path.join(share, "s2t.json"), "-i", simplified, "-o", traditional])
        size = os.path.getsize(simplified) / 1e6
        print(f"input: {size:.1f} MB simplified from ../shared/corpora, and OpenCC's s2t of it; "
              f"{args.rounds} alternating rounds, best wall time of each")
        results = {}
        for direction, source in (("s2t", simplified), ("t2s", traditional)):
            # OpenCC's command line leaves out may_output_tofu dictionaries; so does tofu=false.
            commands = {
                "opencc": [opencc, "-c", os.path.join(share, direction + ".json"), "-i", source,
                           "-o", os.path.join(tmp, direction + ".opencc")],
                "fixtext": [fixtext, "-c", direction + "(tofu=false)", source, "-o", os.path.join(tmp, direction + ".fixtext")],
                "fixtext-exact": [fixtext, "-c", direction + "(tofu=false,fixes=false)", source,
                                  "-o", os.path.join(tmp, direction + ".exact")],
            }
            best = {name: (float("inf"), 0, float("inf")) for name in commands}
            for _ in range(args.rounds):
                for name, command in commands.items():
                    wall, rss, cpu = run(command)
                    best[name] = (min(best[name][0], wall), max(best[name][1], rss), min(best[name][2], cpu))
            results[direction] = best
            base, base_cpu = best["opencc"][0], best["opencc"][2]
            for name, (wall, rss, cpu) in best.items():
                print(f"{direction} {name:14} {os.path.getsize(source) / 1e6 / wall:8.1f} MB/s  "
                      f"{base / wall:5.2f}x OpenCC  {wall:6.3f} s  peak RSS {rss / 1024:6.1f} MB  "
                      f"CPU {cpu:6.3f} s ({base_cpu / cpu:5.2f}x)")
            exact = differing_lines(os.path.join(tmp, direction + ".opencc"), os.path.join(tmp, direction + ".exact"))
            fixed = differing_lines(os.path.join(tmp, direction + ".opencc"), os.path.join(tmp, direction + ".fixtext"))
            lines = open(source, "rb").read().count(b"\n")
            print(f"{direction} lines differing from OpenCC: fixes=false {exact if exact is None else len(exact)} of {lines}; "
                  f"with fixes {fixed if fixed is None else len(fixed)}")
            if fixed:
                ours = open(os.path.join(tmp, direction + ".fixtext"), "rb").read().split(b"\n")
                theirs = open(os.path.join(tmp, direction + ".opencc"), "rb").read().split(b"\n")
                shown = set()
                for i in fixed:
                    a, b = theirs[i].decode(), ours[i].decode()
                    start = next(k for k in range(min(len(a), len(b))) if a[k] != b[k]) if a != b else 0
                    key = (a[max(0, start - 2):start + 3], b[max(0, start - 2):start + 3])
                    if key not in shown and len(shown) < 12:
                        shown.add(key)
                        print(f"    OpenCC …{key[0]}…  fixtext …{key[1]}…")

        for label, command in (("echo x | fixtext", [fixtext]), ("echo 汉 | fixtext -c s2t", [fixtext, "-c", "s2t"])):
            times = []
            for _ in range(10):
                start = time.perf_counter()
                subprocess.run(command, input="汉\n".encode(), capture_output=True, check=True)
                times.append(time.perf_counter() - start)
            print(f"startup: {label}: {min(times) * 1000:.1f} ms (best of 10)")


if __name__ == "__main__":
    main()
