#!/usr/bin/env python3
"""End-to-end test of fixtext_spark.py in Spark's local mode, against plain `fixtext bulk`.

    python test_fixtext_spark.py BINDIR     # BINDIR holds fixtext and bulk-testdata

Run with a python that has pyspark (Tools/spark/setup.sh makes one); .ci/run does it.
Each check is counted; the last line is 'N passed, N failed'; the exit status is 1 when a
check failed or pyspark is missing.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DRIVER = os.path.join(HERE, "fixtext_spark.py")
CHAIN = "default,boilerplate,t2s"
INPUTS = ["sample.warc.gz", "sample.wet.gz", "sample.jsonl.gz", "sample.txt", "bad.warc", "bad-middle.warc.gz"]

passed = 0
failed = 0


def check(condition, what):
    global passed, failed
    if condition:
        passed += 1
    else:
        failed += 1
        print("FAILED: " + what, flush=True)


def run(command, **kwargs):
    started = time.time()
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kwargs)
    result.seconds = time.time() - started
    return result


def read(path):
    with open(path, "rb") as f:
        return f.read()


class Driver:
    """fixtext_spark.py run in this process's SparkContext, as spark-submit would run it,
    with what it prints on standard error kept."""

    def __init__(self, sc):
        self.sc = sc

    def __call__(self, args):
        import contextlib
        import io

        import fixtext_spark

        errors = io.StringIO()
        started = time.time()
        with contextlib.redirect_stderr(errors):
            try:
                status = fixtext_spark.main(args, sc=self.sc)
            except SystemExit as exit:
                status = exit.code if isinstance(exit.code, int) else 2
                print(exit.code, file=errors)
        result = subprocess.CompletedProcess(args, status, b"", errors.getvalue().encode())
        print("  %s %s: exit %d in %.1f s" % (self.sc.master, " ".join(args[:2]), status, time.time() - started), flush=True)
        return result


def context(master, **conf):
    from pyspark import SparkConf, SparkContext

    settings = SparkConf().setMaster(master).setAppName("fixtext_spark test")
    settings.set("spark.ui.enabled", "false").set("spark.ui.showConsoleProgress", "false")
    for key, value in conf.items():
        settings.set(key, value)
    sc = SparkContext(conf=settings)
    sc.setLogLevel("WARN")
    return sc


def tail(result):
    return result.stderr.decode("utf-8", "replace")[-3000:]


def by_input(summary):
    return {os.path.basename(entry["input"]): entry for entry in summary["inputs"]}


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    bindir = os.path.abspath(sys.argv[1])
    fixtext = os.path.join(bindir, "fixtext")
    try:
        import pyspark  # noqa: F401
    except ImportError:
        print("pyspark is missing: run this with the python of Tools/spark/setup.sh")
        print("0 passed, 1 failed")
        return 1
    root = tempfile.mkdtemp(prefix="fixtext-spark-test-")
    try:
        test(root, bindir, fixtext)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed or not passed else 0


def test(root, bindir, fixtext):
    sys.path.insert(0, HERE)
    made = run([os.path.join(bindir, "bulk-testdata"), root + "/in", "--records", "60"])
    check(made.returncode == 0, "bulk-testdata: " + tail(made))
    inputs = [root + "/in/" + name for name in INPUTS]

    # The reference: one plain local run over the same files.
    plain = run([fixtext, "bulk", "-c", CHAIN, "-o", root + "/plain", "--report", root + "/plain.json", "--jobs", "2"] + inputs)
    check(plain.returncode == 3, "plain fixtext bulk exits 3 (the bad archives): %d %s" % (plain.returncode, tail(plain)))
    want = json.loads(read(root + "/plain.json"))
    check(want["total"]["records_changed"] > 50 and want["total"]["records_failed"] > 0, "the reference run changed and failed records")

    # 1. files, local[2]: one task per input; a missing input fails alone. The binary
    # comes as with spark-submit --files (which sets spark.files).
    sc = context("local[2]", **{"spark.files": fixtext})
    spark_submit = Driver(sc)
    missing = root + "/in/missing.wet.gz"
    first = spark_submit(["files", "-c", CHAIN, "-o", root + "/spark"] + inputs + [missing])
    check(first.returncode == 0, "a failing input does not fail the job: " + tail(first))
    summary = json.loads(read(root + "/spark/_fixtext_summary.json"))
    for name in INPUTS:
        check(read(root + "/spark/" + name) == read(root + "/plain/" + name), "output %s is the plain run's" % name)
        check(os.path.exists(root + "/spark/_fixtext_reports/" + name + ".json"), "per-file report of " + name)
    check(summary["total"] == want["total"], "merged total == plain run's total:\n%s\n%s" % (summary["total"], want["total"]))
    check((summary["fixtext"], summary["chain"]) == (want["fixtext"], want["chain"]), "summary names fixtext's version and the chain")
    entries = by_input(summary)
    check(all(entries[name]["status"] == "done" and entries[name]["attempts"] == 1 for name in INPUTS), "all done in one attempt")
    wanted_counts = {os.path.basename(e["input"]): e["counts"] for e in want["inputs"]}
    check(all(entries[name]["counts"] == wanted_counts[name] for name in INPUTS), "per-input counts are the plain run's")
    check(entries["missing.wet.gz"]["status"] == "failed" and "missing.wet.gz" in entries["missing.wet.gz"]["error"],
          "the missing input is reported failed with fixtext's message: %s" % entries["missing.wet.gz"])
    check((summary["inputs_done"], summary["inputs_skipped"], summary["inputs_failed"]) == (6, 0, 1), "counts of inputs")
    check(summary["spark"]["tasks"] == 7 and summary["spark"]["max_attempts"] == 1, "one task per input")
    check(b"FAILED after 1 attempts" in first.stderr, "the failure is on standard error")

    # 2. A rerun: fixtext skips the complete outputs; the summary still covers them.
    stamps = {name: os.stat(root + "/spark/" + name).st_mtime_ns for name in INPUTS}
    second = spark_submit(["files", "-c", CHAIN, "-o", root + "/spark", "--fixtext", fixtext] + inputs)
    check(second.returncode == 0, "rerun: " + tail(second))
    summary = json.loads(read(root + "/spark/_fixtext_summary.json"))
    check(all(e["status"] == "skipped: output complete" for e in summary["inputs"]), "rerun skips every input")
    check(all(os.stat(root + "/spark/" + name).st_mtime_ns == stamps[name] for name in INPUTS), "rerun leaves outputs alone")
    check(summary["total"] == want["total"], "rerun's total == plain run's total")

    # 3. Through Hadoop's file system shell (as for hdfs:// or s3a://), here on file://:
    # copied in, cleaned, copied out; the same bytes; a rerun skips by the report.
    remote = ["sample.wet.gz", "sample.jsonl.gz"]
    uris = ["file://" + root + "/in/" + name for name in remote]
    third = spark_submit(["files", "--transfer", "hadoop", "-c", CHAIN, "-o", "file://" + root + "/hadoop", "--fixtext", fixtext] + uris)
    check(third.returncode == 0, "hadoop transfer: " + tail(third))
    summary = json.loads(read(root + "/hadoop/_fixtext_summary.json"))
    for name in remote:
        check(read(root + "/hadoop/" + name) == read(root + "/plain/" + name), "copied through FsShell: %s is the plain run's" % name)
    check([e["status"] for e in summary["inputs"]] == ["done", "done"], "hadoop transfer: done")
    check(summary["inputs"][0]["input"] == uris[0], "entries name the URIs")
    again = spark_submit(["files", "--transfer", "hadoop", "-c", CHAIN, "-o", "file://" + root + "/hadoop", "--fixtext", fixtext] + uris)
    summary = json.loads(read(root + "/hadoop/_fixtext_summary.json"))
    check(again.returncode == 0 and [e["status"] for e in summary["inputs"]] == ["skipped: output complete"] * 2,
          "hadoop transfer rerun skips: " + tail(again))
    expected = {}
    for entry in want["inputs"]:
        if os.path.basename(entry["input"]) in remote:
            for key, value in entry["counts"].items():
                if isinstance(value, int):
                    expected[key] = expected.get(key, 0) + value
    check(all(summary["total"][key] == value for key, value in expected.items()), "hadoop transfer: total counts")

    # 4. JSONL records in Spark: the jsonl mode (textFile, pipe through fixtext, save),
    # and RDD.pipe itself, give the plain run's lines.
    lines = subprocess.run(["gzip", "-dc", root + "/in/sample.jsonl.gz"], stdout=subprocess.PIPE, check=True).stdout
    with open(root + "/pages.jsonl", "wb") as f:
        f.write(lines + b'not json\n{"text": 5}\n')
    reference = run([fixtext, "bulk", "-c", CHAIN, "-o", root + "/plain-jsonl", root + "/pages.jsonl"])
    check(reference.returncode == 3, "plain run over the JSONL reports its two bad lines")
    want_lines = read(root + "/plain-jsonl/pages.jsonl").decode("utf-8").splitlines()
    fourth = spark_submit(["jsonl", "-c", CHAIN, "-o", "file://" + root + "/jsonl-out", "--partitions", "3", "--fixtext", fixtext,
                           root + "/pages.jsonl"])
    check(fourth.returncode == 0, "jsonl mode: " + tail(fourth))
    parts = sorted(p for p in os.listdir(root + "/jsonl-out") if p.startswith("part-"))
    got_lines = []
    for part in parts:
        got_lines += read(root + "/jsonl-out/" + part).decode("utf-8").splitlines()
    check(len(parts) >= 3, "jsonl mode: %d partitions" % len(parts))
    check(got_lines == want_lines, "jsonl mode: the plain run's lines (%d and %d)" % (len(got_lines), len(want_lines)))

    # 5. RDD.pipe itself, and the helper that checks fixtext's exit status.
    records = sc.textFile(root + "/pages.jsonl", minPartitions=3)
    piped = records.pipe("%s bulk --stdin-format jsonl -c %s --jobs 1" % (fixtext, CHAIN)).collect()
    check(piped == want_lines, "RDD.pipe through fixtext bulk --stdin-format jsonl gives the plain run's lines")
    import fixtext_spark

    check(fixtext_spark.clean_jsonl_rdd(records, CHAIN).collect() == want_lines, "clean_jsonl_rdd gives the plain run's lines")
    broken = sc.parallelize(['{"text":"x"}'], 1)
    try:
        fixtext_spark.clean_jsonl_rdd(broken, CHAIN, extra=["--max-record-mb", "0"]).collect()
        check(False, "clean_jsonl_rdd fails the task when fixtext fails")
    except Exception as error:
        check("exit status 2" in str(error), "clean_jsonl_rdd: fixtext's failure fails the task: %s" % str(error)[-300:])

    # 6. Retries, local[2,3]: a file that fails once is retried and done; one that keeps
    # failing is reported after its third attempt.
    sc.stop()
    sc = context("local[2,3]")
    print("  (the task errors Spark logs next are the failures this part makes on purpose)", flush=True)
    os.makedirs(root + "/flaky")
    shutil.copy(root + "/in/sample.wet.gz", root + "/flaky/flaky.wet.gz")
    wrapper = root + "/flaky/fixtext-flaky"
    with open(wrapper, "w") as f:
        f.write('#!/bin/sh\n'
                'case "$*" in *flaky.wet.gz*) [ -e "%s/failed-once" ] || { touch "%s/failed-once"; echo crash >&2; exit 134; } ;; esac\n'
                'exec "%s" "$@"\n' % (root + "/flaky", root + "/flaky", fixtext))
    os.chmod(wrapper, 0o755)
    retry = Driver(sc)(["files", "-c", CHAIN, "-o", root + "/retry", "--fixtext", wrapper, root + "/flaky/flaky.wet.gz", missing])
    check(retry.returncode == 0, "retry run: " + tail(retry))
    entries = by_input(json.loads(read(root + "/retry/_fixtext_summary.json")))
    check(entries["flaky.wet.gz"]["status"] == "done" and entries["flaky.wet.gz"]["attempts"] == 2,
          "a file that failed once is done on the second attempt: %s" % entries["flaky.wet.gz"])
    check(entries["missing.wet.gz"]["status"] == "failed" and entries["missing.wet.gz"]["attempts"] == 3,
          "a file that keeps failing is reported after 3 attempts: %s" % entries["missing.wet.gz"])
    strict = Driver(sc)(["files", "--strict", "-c", CHAIN, "-o", root + "/retry", "--fixtext", wrapper, missing])
    sc.stop()
    check(strict.returncode == 1, "--strict: exit 1 when an input failed")


if __name__ == "__main__":
    sys.exit(main())
