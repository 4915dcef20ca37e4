#!/usr/bin/env python3
"""The plugin overhead target of issue 8: fixtext with an identity .so plugin in its chain,
as a whole process, beside cat on the same 100 MB file.

    python3 Tools/plugin-overhead/benchmark.py [--megabytes 100] [--rounds 9] [--sink pipe|file|null] [--dynamic]

Builds fixtext in release, as shipped: with the Swift standard library linked in
(`--static-swift-stdlib`, in .build-static; `--dynamic` measures the ordinary build in .build
instead, which loads the Swift libraries at start-up), and compiles Plugins/Examples/CPlugin/identity.c with the system
C compiler, makes the input from ../shared/corpora (real Chinese text, repeated up to the
size, in a temporary folder), then runs, in alternation, round after round:

  cat                 cat FILE
  identity            fixtext --plugin identity.so -c identity FILE          (answers "unchanged")
  identity(copy)      fixtext --plugin identity.so -c 'identity(copy=true)' FILE  (output copied)
  identity x4         four identity stages, the fourth copying

fixtext reads the file through a memory map, as it does any regular file of 1 MB or more;
written just before, the file sits in the page cache in large pieces, which the map takes
with few page faults (a file read cold is brought in the same way: fixtext asks for huge
pages). Each reads the file (warm in the page cache after the first round) and writes to a pipe
that this script reads and discards (--sink pipe, the default), to a file in the
temporary folder (--sink file), or to /dev/null (--sink null, only where /dev/null is the
character device: in some sandboxes it is a regular file, and writing to it costs what
writing a file does). For each command it prints the median wall-clock MB/s and CPU time
(user + system, of the command alone) over the rounds, and its throughput as a fraction
of cat's: the median, over rounds, of the ratio between the two runs of the same round,
so a busy moment of the machine slows both. On a shared machine, the CPU-time ratio is the
steadier of the two. The last line is fixtext's start-up alone (the same chain over an
empty file), which every run pays.
"""
import argparse
import fcntl
import gzip
import os
import stat
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
CORPORA = os.path.join(ROOT, "..", "shared", "corpora")


def build(static):
    flags = ["-c", "release"] + (["--static-swift-stdlib", "--scratch-path", os.path.join(ROOT, ".build-static")] if static else [])
    subprocess.check_call(["swift", "build", *flags, "--product", "fixtext"], cwd=ROOT, stdout=subprocess.DEVNULL)
    bin_path = subprocess.check_output(["swift", "build", *flags, "--show-bin-path"], cwd=ROOT).decode().strip()
    return os.path.join(bin_path, "fixtext")


def make_input(path, megabytes):
    texts = []
    for name in sorted(os.listdir(CORPORA)) if os.path.isdir(CORPORA) else []:
        if name.endswith(".txt.gz"):
            with gzip.open(os.path.join(CORPORA, name), "rb") as f:
                texts.append(f.read())
    if not texts:
        raise SystemExit(f"no corpora in {CORPORA} (zh-headlines.txt.gz, zh-legal.txt.gz)")
    one = b"".join(t if t.endswith(b"\n") else t + b"\n" for t in texts)
    size = megabytes * 1_000_000
    data = one * (size // len(one) + 1)
    cut = data.rfind(b"\n", 0, size) + 1
    with open(path, "wb") as f:
        f.write(data[:cut])
    return cut


def run(argv, sink):
    """Wall-clock seconds and CPU seconds (user + system) of one run; `sink` is a path,
    or None for a pipe read here."""
    out = open(sink, "wb") if sink else subprocess.PIPE
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=out, stderr=subprocess.PIPE)
    if sink:
        out.close()
    else:
        if hasattr(fcntl, "F_SETPIPE_SZ"):
            try:
                fcntl.fcntl(process.stdout.fileno(), fcntl.F_SETPIPE_SZ, 1 << 20)
            except OSError:
                pass
        while os.read(process.stdout.fileno(), 1 << 20):
            pass
        process.stdout.close()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    errors = process.stderr.read()
    process.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"{' '.join(argv)} exited with {code}: {errors.decode(errors='replace')}")
    return wall, usage.ru_utime + usage.ru_stime


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--sink", choices=["pipe", "file", "null"], default="pipe")
    parser.add_argument("--dynamic", action="store_true", help="build without --static-swift-stdlib")
    parser.add_argument("--fixtext", help="a fixtext binary to measure instead of building one")
    args = parser.parse_args()

    fixtext = args.fixtext or build(static=not args.dynamic)
    with tempfile.TemporaryDirectory() as work:
        plugin = os.path.join(work, "identity.so")
        subprocess.check_call([os.environ.get("CC", "cc"), "-O2", "-shared", "-fPIC",
                               "-I", os.path.join(ROOT, "Sources", "CFixTextPlugin", "include"),
                               os.path.join(ROOT, "Plugins", "Examples", "CPlugin", "identity.c"), "-o", plugin])
        text = os.path.join(work, "input.txt")
        size = make_input(text, args.megabytes)
        if args.sink == "null" and not stat.S_ISCHR(os.stat(os.devnull).st_mode):
            raise SystemExit(f"{os.devnull} is not a character device here; use --sink pipe or file")
        sink = {"pipe": None, "file": os.path.join(work, "output.txt"), "null": os.devnull}[args.sink]
        commands = [
            ("cat", ["cat", text]),
            ("identity", [fixtext, "--plugin", plugin, "-c", "identity", text]),
            ("identity(copy=true)", [fixtext, "--plugin", plugin, "-c", "identity(copy=true)", text]),
            ("identity x4, last copying", [fixtext, "--plugin", plugin, "-c",
                                           "identity,identity,identity,identity(copy=true)", text]),
        ]
        # The output must be the input: check once.
        for name, argv in commands:
            check = os.path.join(work, "check.txt")
            run(argv, check)
            if os.path.getsize(check) != size or open(check, "rb").read() != open(text, "rb").read():
                raise SystemExit(f"{name}: the output differs from the input")
            os.remove(check)

        empty = os.path.join(work, "empty.txt")
        open(empty, "wb").close()
        startup = [fixtext, "--plugin", plugin, "-c", "identity", empty]
        walls = {name: [] for name, _ in commands}
        cpus = {name: [] for name, _ in commands}
        startups = []
        for _ in range(args.rounds):
            for name, argv in commands:
                wall, cpu = run(argv, sink)
                walls[name].append(wall)
                cpus[name].append(cpu)
            startups.append(run(startup, sink))

        mb = size / 1e6
        where = {"pipe": "a pipe", "file": "a file", "null": "/dev/null"}[args.sink]
        print(f"fixtext: {os.path.relpath(fixtext, ROOT) if not args.fixtext else fixtext}")
        print(f"input: {mb:.1f} MB of ../shared/corpora text; output to {where}; "
              f"{args.rounds} alternating rounds; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        print(f"{'command':28}{'wall MB/s':>11}{'CPU s':>9}{'wall ratio':>12}{'CPU ratio':>11}   (to cat; median of per-round ratios)")
        for name, _ in commands:
            wall_ratio = statistics.median(c / w for c, w in zip(walls["cat"], walls[name]))
            cpu_ratio = statistics.median(c / w for c, w in zip(cpus["cat"], cpus[name]))
            print(f"{name:28}{mb / statistics.median(walls[name]):11.0f}{statistics.median(cpus[name]):9.3f}"
                  f"{wall_ratio:12.2f}{cpu_ratio:11.2f}")
        print(f"{'fixtext start-up (empty file)':28}{statistics.median(w for w, _ in startups) * 1000:8.0f} ms"
              f"{statistics.median(c for _, c in startups):9.3f}")


if __name__ == "__main__":
    sys.exit(main())
