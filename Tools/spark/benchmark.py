#!/usr/bin/env python3
"""Throughput of fixtext_spark.py in Spark's local mode beside plain `fixtext bulk`.

    python benchmark.py BINDIR [--files 8] [--records 4000] [--rounds 2] [--cores 2]

BINDIR holds fixtext (a release build) and bulk-testdata. Makes FILES WET files of
RECORDS pages each, then alternates, ROUNDS times: plain `fixtext bulk --jobs CORES` over
them, and the driver's files mode in local[CORES] (one task per file, `--jobs 1` each);
then the same for JSONL: `fixtext bulk` on the files, `--stdin-format jsonl` through a
pipe, and the driver's jsonl mode (RDD pipes). Spark's start-up is timed apart. Run it
with the python of setup.sh.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CHAIN = "default,boilerplate"


def timed(body):
    started = time.time()
    body()
    return time.time() - started


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("bindir")
    parser.add_argument("--files", type=int, default=8)
    parser.add_argument("--records", type=int, default=4000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--cores", type=int, default=2)
    args = parser.parse_args()
    fixtext = os.path.join(os.path.abspath(args.bindir), "fixtext")
    sys.path.insert(0, HERE)
    import fixtext_spark
    from pyspark import SparkConf, SparkContext

    root = tempfile.mkdtemp(prefix="fixtext-spark-bench-")
    try:
        wet, jsonl = [], []
        for i in range(args.files):
            folder = "%s/gen%d" % (root, i)
            subprocess.run([os.path.join(args.bindir, "bulk-testdata"), folder, "--records", str(args.records), "--seed", str(i + 1)],
                           check=True, stdout=subprocess.DEVNULL)
            os.makedirs(root + "/in", exist_ok=True)
            os.rename(folder + "/sample.wet.gz", "%s/in/part%d.wet.gz" % (root, i))
            with open("%s/in/part%d.jsonl" % (root, i), "wb") as out:
                out.write(subprocess.run(["gzip", "-dc", folder + "/sample.jsonl.gz"], stdout=subprocess.PIPE, check=True).stdout)
            wet.append("%s/in/part%d.wet.gz" % (root, i))
            jsonl.append("%s/in/part%d.jsonl" % (root, i))
        records = args.files * (args.records + 1)
        size = sum(os.path.getsize(p) for p in wet) / 1e6
        jsonl_size = sum(os.path.getsize(p) for p in jsonl) / 1e6
        print("%d WET files, %d records, %.1f MB gzipped; %d JSONL files, %.1f MB; chain %s; %d cores"
              % (args.files, records, size, args.files, jsonl_size, CHAIN, args.cores), flush=True)

        started = time.time()
        conf = SparkConf().setMaster("local[%d]" % args.cores).setAppName("fixtext bench")
        conf.set("spark.ui.enabled", "false").set("spark.ui.showConsoleProgress", "false")
        sc = SparkContext(conf=conf)
        sc.setLogLevel("ERROR")
        print("Spark start-up (JVM and context): %.1f s" % (time.time() - started), flush=True)
        results = {}

        def add(name, seconds):
            results.setdefault(name, []).append(seconds)
            print("  %-44s %6.2f s" % (name, seconds), flush=True)

        def quiet(argv):
            with open(os.devnull, "w") as null:
                saved, sys.stderr = sys.stderr, null
                try:
                    fixtext_spark.main(argv, sc=sc)
                finally:
                    sys.stderr = saved

        for round in range(args.rounds):
            for folder in ("plain", "spark", "plain-jsonl", "spark-jsonl"):
                shutil.rmtree("%s/%s" % (root, folder), ignore_errors=True)
            add("WET: fixtext bulk --jobs %d" % args.cores, timed(lambda: subprocess.run(
                [fixtext, "bulk", "-c", CHAIN, "--jobs", str(args.cores), "-o", root + "/plain"] + wet,
                check=True, stderr=subprocess.DEVNULL)))
            add("WET: fixtext_spark files, local[%d]" % args.cores, timed(lambda: quiet(
                ["files", "-c", CHAIN, "-o", root + "/spark", "--fixtext", fixtext] + wet)))
            add("JSONL: fixtext bulk --jobs %d" % args.cores, timed(lambda: subprocess.run(
                [fixtext, "bulk", "-c", CHAIN, "--jobs", str(args.cores), "-o", root + "/plain-jsonl"] + jsonl,
                check=True, stderr=subprocess.DEVNULL)))

            def stream():
                for path in jsonl:
                    with open(path, "rb") as source, open(os.devnull, "wb") as sink:
                        subprocess.run([fixtext, "bulk", "--stdin-format", "jsonl", "-c", CHAIN, "--jobs", str(args.cores)],
                                       stdin=source, stdout=sink, stderr=subprocess.DEVNULL, check=True)
            add("JSONL: --stdin-format jsonl --jobs %d, a pipe" % args.cores, timed(stream))
            add("JSONL: fixtext_spark jsonl, local[%d]" % args.cores, timed(lambda: quiet(
                ["jsonl", "-c", CHAIN, "-o", root + "/spark-jsonl", "--fixtext", fixtext] + jsonl)))
        sc.stop()
        print("\nbest of %d rounds (records/s; per core):" % args.rounds)
        for name, times in results.items():
            best = min(times)
            print("  %-44s %6.2f s  %7.0f records/s  %6.0f per core" % (name, best, records / best, records / best / args.cores))
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
