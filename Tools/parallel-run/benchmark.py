#!/usr/bin/env python3
"""`fixtext run --jobs`: one large garbled input through the same release binary with
--jobs 1 and --jobs 2 (or the counts given), in alternation, and the ratio of their times.

    python3 Tools/parallel-run/benchmark.py BINARY CORPUS.txt.gz [CORPUS…] [--megabytes 20] [--rounds 5] [--chain mojibake] [--jobs 1,2]

BINARY is a release build of fixtext (`swift build -c release`, then
`.build/release/fixtext`). The input is made from clean Chinese text (the CORPUS files, gzip
or not, one text a line): each line is encoded as UTF-8 and decoded as GBK with errors
replaced, the commonest mojibake of the Chinese web, with every line garbled, and repeated
up to the size. That is mojibake's slowest case (about 2 MB/s a core), where cores pay
most. The output goes to a pipe that this script reads and discards.

For each job count it prints the median wall-clock time and CPU time (user + system) over
the rounds, and, for each count after the first, the median over rounds of the ratio of the
first count's time to its time in the same round (a busy moment of a shared machine slows
both runs of a round), each round's ratio, and the ratio of the best times. Two threads
need two idle cores: where another program keeps one busy, a round shows no gain, so
read the rounds as well as the median. It checks that every count gives the same bytes.
"""
import argparse
import gzip
import hashlib
import os
import statistics
import subprocess
import sys
import tempfile
import time


def read_lines(paths):
    lines = []
    for path in paths:
        opener = gzip.open if path.endswith(".gz") else open
        with opener(path, "rb") as f:
            lines += [line for line in f.read().decode("utf-8", "replace").split("\n") if line.strip()]
    if not lines:
        sys.exit("no text in the corpus files")
    return lines


def make_input(path, lines, megabytes):
    garbled = [line.encode("utf-8").decode("gbk", errors="replace").encode("utf-8") + b"\n" for line in lines]
    target = megabytes * 1_000_000
    written = 0
    with open(path, "wb") as out:
        while written < target:
            for line in garbled:
                out.write(line)
                written += len(line)
                if written >= target:
                    break
    return written


def run(binary, chain, jobs, path):
    """Wall-clock seconds, CPU seconds of the child, and a digest of its output."""
    before = os.times()
    start = time.perf_counter()
    process = subprocess.Popen([binary, "-c", chain, "--jobs", str(jobs), path], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    digest = hashlib.sha256()
    while True:
        block = process.stdout.read(1 << 20)
        if not block:
            break
        digest.update(block)
    process.wait()
    wall = time.perf_counter() - start
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    if process.returncode not in (0, 3):
        sys.exit(f"fixtext --jobs {jobs} failed with status {process.returncode}")
    return wall, cpu, digest.hexdigest()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("binary")
    parser.add_argument("corpus", nargs="+")
    parser.add_argument("--megabytes", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--chain", default="mojibake")
    parser.add_argument("--jobs", default="1,2", help="job counts, comma-separated; the first is the baseline")
    args = parser.parse_args()
    counts = [int(n) for n in args.jobs.split(",")]
    lines = read_lines(args.corpus)
    with tempfile.TemporaryDirectory(prefix="fixtext-parallel-") as folder:
        path = os.path.join(folder, "garbled.txt")
        size = make_input(path, lines, args.megabytes)
        print(f"input: {size / 1e6:.1f} MB of UTF-8 read as GBK ({len(lines)} corpus lines); chain {args.chain}; {os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f}")
        times = {n: [] for n in counts}
        digests = set()
        for _ in range(args.rounds):
            for n in counts:
                wall, cpu, digest = run(args.binary, args.chain, n, path)
                times[n].append((wall, cpu))
                digests.add(digest)
        if len(digests) != 1:
            sys.exit("the job counts gave different output")
        base = counts[0]
        for n in counts:
            walls = [w for w, _ in times[n]]
            cpus = [c for _, c in times[n]]
            line = f"--jobs {n}: {statistics.median(walls):.2f} s wall ({size / 1e6 / statistics.median(walls):.1f} MB/s), {statistics.median(cpus):.2f} s CPU"
            if n != base:
                ratios = [b[0] / t[0] for b, t in zip(times[base], times[n])]
                best = min(w for w, _ in times[base]) / min(walls)
                line += f"; {statistics.median(ratios):.2f}x --jobs {base} (rounds: {', '.join(f'{r:.2f}' for r in ratios)}; best against best: {best:.2f}x)"
            print(line)
        print(f"load average after: {os.getloadavg()[0]:.1f}; output identical for every count")


if __name__ == "__main__":
    main()
