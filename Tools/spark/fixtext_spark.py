#!/usr/bin/env python3
"""Run `fixtext bulk` over many crawl archives on a Spark cluster.

Two modes:

  files  One Spark task per input archive (local paths, or HDFS/S3/... URIs that the
         cluster's Hadoop connectors can read). Each task runs `fixtext bulk` on its file
         and puts the output and a per-file JSON report under the output location; the
         driver merges the reports into one summary, OUTPUT/_fixtext_summary.json.

             spark-submit --files .build/release/fixtext Tools/spark/fixtext_spark.py \\
                 files -c default,boilerplate -o hdfs:///clean/ hdfs:///crawl/*.wet.gz

  jsonl  Records already in JSONL: text files are read by Spark (split as Spark splits
         them), piped through `fixtext bulk --stdin-format jsonl`, saved as text.

             spark-submit --files .build/release/fixtext Tools/spark/fixtext_spark.py \\
                 jsonl -c default,t2s -o hdfs:///clean-jsonl/ hdfs:///pages/*.jsonl.gz

Reruns of `files` skip inputs that are complete: for local (or shared) output folders
fixtext itself skips outputs that exist; for other file systems the per-file report,
written last, marks a complete input. A file whose task fails is retried by Spark
(spark.task.maxFailures, or F in local[N,F]); on its last attempt the failure is
recorded in the summary instead of failing the job.

From Python, `clean_jsonl_rdd(rdd, chain)` cleans an RDD of JSON strings (the same as
`rdd.pipe` with `fixtext bulk --stdin-format jsonl`, with fixtext's exit status checked).
"""

import argparse
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import xml.sax.saxutils

REPORTS_FOLDER = "_fixtext_reports"
SUMMARY_NAME = "_fixtext_summary.json"
PROBLEMS_KEPT = 50  # as in fixtext's report


# ---------------------------------------------------------------------------------------
# Locations: a local path, file:// URI, or a URI of a Hadoop file system.


def scheme(uri):
    match = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*)://", uri)
    return match.group(1).lower() if match else None


def is_local(uri):
    return scheme(uri) in (None, "file")


def local_path(uri):
    """The path of a local location (a plain path or file:///...)."""
    if scheme(uri) == "file":
        rest = uri[len("file://"):]
        return rest if rest.startswith("/") else "/" + rest.split("/", 1)[-1]
    return uri


def join(base, name):
    return base.rstrip("/") + "/" + name


def basename(uri):
    return uri.rstrip("/").rsplit("/", 1)[-1]


class HadoopFS:
    """Hadoop's file system shell on an executor: `hadoop fs`, or where that command is
    missing (as on Kubernetes images) Hadoop's FsShell run from Spark's own jars. `config`
    holds the job's spark.hadoop.* settings (the S3A keys, say): given to `hadoop fs` as
    -D options, and to FsShell as the core-site.xml of a folder put first on its class
    path, in `scratch`."""

    def __init__(self, command, config, scratch):
        self.command = list(command)
        if self.command and self.command[0] == "fsshell":
            confdir = os.path.join(scratch, "hadoop-conf")
            os.makedirs(confdir, exist_ok=True)
            fd = os.open(os.path.join(confdir, "core-site.xml"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w") as out:
                out.write("<?xml version=\"1.0\"?>\n<configuration>\n")
                for key, value in sorted(config.items()):
                    out.write("  <property><name>%s</name><value>%s</value></property>\n"
                              % (xml.sax.saxutils.escape(key), xml.sax.saxutils.escape(value)))
                out.write("</configuration>\n")
            java, jars = self.command[1], self.command[2]
            # A short-lived tool: start quickly rather than optimise.
            self.command = [java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                            confdir + os.pathsep + os.path.join(jars, "*"), "org.apache.hadoop.fs.FsShell"]
        else:
            for key, value in sorted(config.items()):
                self.command += ["-D", "%s=%s" % (key, value)]

    @staticmethod
    def default_command():
        """`hadoop fs`, or ["fsshell", JAVA, SPARK_JARS] for FsShell from Spark's jars."""
        if shutil.which("hadoop"):
            return ["hadoop", "fs"]
        java = os.path.join(os.environ["JAVA_HOME"], "bin", "java") if os.environ.get("JAVA_HOME") else "java"
        if os.environ.get("SPARK_HOME") and os.path.isdir(os.path.join(os.environ["SPARK_HOME"], "jars")):
            jars = os.path.join(os.environ["SPARK_HOME"], "jars")
        else:
            import pyspark

            jars = os.path.join(os.path.dirname(pyspark.__file__), "jars")
        return ["fsshell", java, jars]

    def _run(self, args, check=True):
        result = subprocess.run(self.command + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if check and result.returncode != 0:
            raise RuntimeError("%s failed (exit %d): %s" % (" ".join(["fs"] + args), result.returncode,
                                                          result.stderr.decode("utf-8", "replace")[-2000:]))
        return result

    def cat(self, uri):
        """The file's bytes, or None when it does not exist (or cannot be read)."""
        result = self._run(["-cat", uri], check=False)
        return result.stdout if result.returncode == 0 else None

    def get(self, uri, path):
        # -p keeps the modification time, which fixtext's warcinfo record takes as its date.
        self._run(["-get", "-p", uri, path])

    def put(self, paths, folder_uri):
        self._run(["-put", "-f"] + list(paths) + [folder_uri.rstrip("/") + "/"])


# ---------------------------------------------------------------------------------------
# The binary on an executor.


def executor_binary(name):
    """The absolute path of the fixtext binary shipped with --files / addFile."""
    from pyspark import SparkFiles

    path = SparkFiles.get(name)
    if not os.path.isfile(path):
        raise RuntimeError("fixtext binary '%s' was not shipped: give --files PATH/fixtext to spark-submit, "
                           "or --fixtext PATH to this driver" % name)
    if not os.access(path, os.X_OK):
        # Some deployments fetch files without their mode: a private executable copy.
        copy = os.path.join(tempfile.gettempdir(), "fixtext-%d-%s" % (os.getpid(), name))
        if not os.path.exists(copy):
            shutil.copyfile(path, copy + ".tmp")
            os.chmod(copy + ".tmp", 0o755)
            os.replace(copy + ".tmp", copy)
        path = copy
    return path


def task_attempt():
    from pyspark import TaskContext

    context = TaskContext.get()
    return context.attemptNumber() if context else 0


# ---------------------------------------------------------------------------------------
# files: one task per input.


class InputFailed(Exception):
    pass


def run_fixtext(binary, chain, jobs, extra, input_path, outdir, report, force):
    command = [binary, "bulk", "-c", chain, "-o", outdir, "--report", report, "--jobs", str(jobs), "--no-progress"]
    command += (["--force"] if force else []) + list(extra) + ["--", input_path]
    result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    # 0: clean; 3: finished, with problems counted in the report. Anything else failed.
    if result.returncode not in (0, 3):
        how = ("exit status %d" % result.returncode) if result.returncode > 0 else ("signal %d" % -result.returncode)
        raise InputFailed("fixtext bulk failed (%s): %s" % (how, result.stderr.decode("utf-8", "replace").strip()[-2000:]))
    with open(report, "rb") as f:
        return json.load(f)


def per_file_entry(report, uri, output_uri):
    """The one input's entry of a per-file report, named by URIs rather than scratch paths."""
    entries = report.get("inputs") or []
    if len(entries) != 1:
        raise InputFailed("the report names %d inputs, not 1" % len(entries))
    entry = dict(entries[0])
    entry["input"] = uri
    entry["output"] = output_uri
    return entry


def clean_file(job, uri):
    """One task: `fixtext bulk` on one input. Returns its summary entry; raises (so that
    Spark retries) on a failure before the last attempt."""
    attempt = task_attempt()
    name = basename(uri)
    output_uri = join(job["output"], name)
    report_uri = join(join(job["output"], REPORTS_FOLDER), name + ".json")
    try:
        binary = executor_binary(job["binary"])
        if job["transfer"] == "local":
            report = run_fixtext(binary, job["chain"], job["jobs"], job["extra"], local_path(uri),
                                 local_path(job["output"]), local_path(report_uri), job["force"])
            entry = per_file_entry(report, uri, output_uri)
        else:
            entry = clean_remote_file(job, binary, uri, name, output_uri, report_uri)
        entry["attempts"] = attempt + 1
        return entry
    except Exception as error:
        if attempt + 1 < job["max_attempts"]:
            raise
        return {"input": uri, "output": output_uri, "status": "failed", "attempts": attempt + 1,
                "error": str(error) or type(error).__name__}


def scratch_folder(given):
    """Where a task copies its input: --scratch, else the executor's local folders (YARN's
    LOCAL_DIRS, Spark's SPARK_LOCAL_DIRS), else the temporary folder."""
    if given:
        return given
    for variable in ("SPARK_LOCAL_DIRS", "LOCAL_DIRS"):
        folders = [f for f in os.environ.get(variable, "").split(",") if f and os.path.isdir(f)]
        if folders:
            return folders[0]
    return None


def clean_remote_file(job, binary, uri, name, output_uri, report_uri):
    """Downloads the input to local scratch space, cleans it there, uploads the output,
    the counts kept beside it and, last, the report that marks the input complete."""
    scratch = tempfile.mkdtemp(prefix="fixtext-spark-", dir=scratch_folder(job["scratch"]))
    try:
        fs = HadoopFS(job["fs_command"] or HadoopFS.default_command(), job["hadoop_config"], scratch)
        previous = None if job["force"] else fs.cat(report_uri)
        if previous is not None:
            entry = per_file_entry(json.loads(previous), uri, output_uri)
            entry["status"] = "skipped: output complete"
            return entry
        os.makedirs(os.path.join(scratch, "in"))
        local_input = os.path.join(scratch, "in", name)
        fs.get(uri, local_input)
        outdir = os.path.join(scratch, "out")
        report_path = os.path.join(scratch, name + ".json")
        report = run_fixtext(binary, job["chain"], job["jobs"], job["extra"], local_input, outdir, report_path, True)
        entry = per_file_entry(report, uri, output_uri)
        report["inputs"] = [entry]
        with open(report_path, "w") as f:
            json.dump(report, f, ensure_ascii=False, indent=2)
        # The output and the counts kept beside it, then the report that marks it complete.
        fs.put([os.path.join(outdir, name), os.path.join(outdir, "." + name + ".fixtext-counts.json")], job["output"])
        fs.put([report_path], join(job["output"], REPORTS_FOLDER))
        return entry
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def add_counts(total, counts):
    """Adds one input's counts (as in fixtext's report) into `total`."""
    for key, value in counts.items():
        if key == "first_problems":
            kept = total.setdefault(key, [])
            kept.extend(value[: max(0, PROBLEMS_KEPT - len(kept))])
        elif isinstance(value, dict):
            into = total.setdefault(key, {})
            for k, v in value.items():
                into[k] = into.get(k, 0) + v
        elif isinstance(value, int):
            total[key] = total.get(key, 0) + value


def merge(entries, chain, fixtext_version, spark_info):
    """The summary of a whole job from the entries of its files, in input order."""
    total = {}
    for entry in entries:
        if "counts" in entry:
            add_counts(total, entry["counts"])
    if "records_changed_by_transform" in total:
        for key in ("records_changed_by_transform", "mojibake_repairs_by_kind", "boilerplate_lines_removed_by_class"):
            total[key] = dict(sorted(total.get(key, {}).items()))
    status = {}
    for entry in entries:
        kind = entry["status"].split(":")[0]
        status[kind] = status.get(kind, 0) + 1
    return {
        "fixtext": fixtext_version,
        "chain": chain,
        "spark": spark_info,
        "inputs_done": status.get("done", 0),
        "inputs_skipped": status.get("skipped", 0),
        "inputs_failed": status.get("failed", 0),
        "total": total,
        "inputs": entries,
    }


def max_task_attempts(sc):
    """How many times Spark runs a task before it gives up: F in local[N,F] (local mode
    makes one attempt otherwise), spark.task.maxFailures elsewhere."""
    master = sc.master
    match = re.match(r"^local\[\s*(\d+|\*)\s*,\s*(\d+)\s*\]$", master)
    if match:
        return int(match.group(2))
    if master.startswith("local"):
        return 1
    return int(sc.getConf().get("spark.task.maxFailures", "4"))


def read_inputs(sc, args):
    inputs = list(args.inputs)
    if args.inputs_from:
        if is_local(args.inputs_from):
            with open(local_path(args.inputs_from), encoding="utf-8") as f:
                lines = f.read().splitlines()
        else:
            lines = sc.textFile(args.inputs_from).collect()
        inputs += [line.strip() for line in lines if line.strip() and not line.strip().startswith("#")]
    return inputs


def make_folder(sc, uri):
    if is_local(uri):
        os.makedirs(local_path(uri), exist_ok=True)
        return
    jvm = sc._jvm
    path = jvm.org.apache.hadoop.fs.Path(uri)
    path.getFileSystem(sc._jsc.hadoopConfiguration()).mkdirs(path)


def write_text(sc, uri, text):
    if is_local(uri):
        target = local_path(uri)
        with open(target + ".tmp", "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(target + ".tmp", target)
        return
    jvm = sc._jvm
    path = jvm.org.apache.hadoop.fs.Path(uri)
    out = path.getFileSystem(sc._jsc.hadoopConfiguration()).create(path, True)
    out.write(bytearray(text.encode("utf-8")))
    out.close()


def check_chain(binary, chain, extra):
    """Runs the chain once on the driver, on no input, so that a bad chain or option stops
    the job before any task starts. Returns fixtext's version and the chain in full."""
    with tempfile.TemporaryDirectory(prefix="fixtext-spark-") as folder:
        report = os.path.join(folder, "report.json")
        result = subprocess.run([binary, "bulk", "--stdin-format", "jsonl", "-c", chain, "--report", report] + list(extra),
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if result.returncode not in (0, 3):
            sys.exit("fixtext_spark: fixtext bulk -c %s %s: %s" % (chain, " ".join(extra), result.stderr.decode("utf-8", "replace").strip()))
        with open(report, "rb") as f:
            made = json.load(f)
        return made.get("fixtext"), made.get("chain", chain)


def binary_setup(sc, args):
    """Ships the binary (--fixtext) or finds the one given to spark-submit --files.
    Returns the name to look up with SparkFiles.get, and a local path to it on the driver."""
    if args.fixtext:
        sc.addFile(os.path.abspath(args.fixtext))
        return os.path.basename(args.fixtext), os.path.abspath(args.fixtext)
    from pyspark import SparkFiles

    local = SparkFiles.get(args.fixtext_name)
    return args.fixtext_name, local if os.path.isfile(local) else None


def ship_module(sc):
    """Imported as a module (not run by spark-submit), this file must reach the Python
    workers too, which import it to run the tasks' functions."""
    if __name__ != "__main__":
        sc.addPyFile(os.path.abspath(__file__))


def start(sc, args, extra):
    """What both modes do first: ship this module, list the inputs, ship the binary and
    check the chain on the driver. Returns the inputs, the binary's name on the
    executors, fixtext's version and the chain in full (None and the chain as given when
    the driver has no binary to run), and how many cores each task's fixtext uses."""
    ship_module(sc)
    inputs = read_inputs(sc, args)
    if not inputs:
        sys.exit("fixtext_spark: no inputs")
    binary_name, driver_binary = binary_setup(sc, args)
    version, chain = check_chain(driver_binary, args.chain, extra) if driver_binary else (None, args.chain)
    jobs = args.jobs_per_task or int(sc.getConf().get("spark.task.cpus", "1"))
    return inputs, binary_name, version, chain, jobs


def run_files(sc, args, extra):
    inputs, binary_name, version, chain, jobs = start(sc, args, extra)
    names = {}
    for uri in inputs:
        other = names.setdefault(basename(uri), uri)
        if other != uri:
            sys.exit("fixtext_spark: '%s' and '%s' would both be written as '%s'" % (other, uri, basename(uri)))
    transfer = args.transfer
    if transfer == "auto":
        transfer = "local" if is_local(args.output) and all(is_local(uri) for uri in inputs) else "hadoop"
    # Local paths are made absolute here, for executors that start elsewhere; through
    # Hadoop's shell they are file:// URIs (a bare path would be on the default FS).
    def place(uri):
        if not is_local(uri):
            return uri
        path = os.path.abspath(local_path(uri))
        return path if transfer == "local" else "file://" + path
    inputs = [place(uri) for uri in inputs]
    output = place(args.output.rstrip("/") or "/")
    if transfer == "local" and not is_local(output):
        sys.exit("fixtext_spark: --transfer local needs a local output folder")
    make_folder(sc, output)
    make_folder(sc, join(output, REPORTS_FOLDER))
    conf = sc.getConf()
    job = {
        "binary": binary_name,
        "chain": args.chain,
        "output": output,
        "extra": extra,
        "jobs": jobs,
        "force": args.force,
        "transfer": transfer,
        "max_attempts": max_task_attempts(sc),
        "scratch": args.scratch,
        # Without --hadoop-fs, each executor finds its own shell (its PATH, SPARK_HOME).
        "fs_command": shlex.split(args.hadoop_fs) if args.hadoop_fs else None,
        "hadoop_config": {key[len("spark.hadoop."):]: value for key, value in conf.getAll() if key.startswith("spark.hadoop.")},
    }
    # One partition, and so one task, per input.
    rdd = sc.parallelize(inputs, len(inputs))
    entries = rdd.map(lambda uri: clean_file(job, uri)).collect()
    spark_info = {"master": sc.master, "application_id": sc.applicationId, "tasks": len(inputs),
                  "max_attempts": job["max_attempts"], "jobs_per_task": job["jobs"]}
    summary = merge(entries, chain, version, spark_info)
    write_text(sc, join(output, SUMMARY_NAME), json.dumps(summary, ensure_ascii=False, indent=2) + "\n")
    for entry in entries:
        if entry["status"] == "failed":
            print("fixtext_spark: FAILED after %d attempts: %s: %s" % (entry["attempts"], entry["input"], entry["error"]), file=sys.stderr)
    total = summary["total"]
    print("fixtext_spark: %d inputs cleaned, %d skipped (complete), %d FAILED; records: %d in, %d out, %d changed; summary: %s"
          % (summary["inputs_done"], summary["inputs_skipped"], summary["inputs_failed"], total.get("records_in", 0),
             total.get("records_out", 0), total.get("records_changed", 0), join(output, SUMMARY_NAME)), file=sys.stderr)
    return 1 if args.strict and summary["inputs_failed"] else 0


# ---------------------------------------------------------------------------------------
# jsonl: records in Spark, through `fixtext bulk --stdin-format jsonl`.


def clean_jsonl_partition(binary_name, chain, jobs, extra):
    """A mapPartitions function: the partition's JSON strings through fixtext, cleaned
    lines out, in order. Problems go to the executor's log; exit statuses other than 0
    and 3 fail the task, so that Spark retries it."""

    def run(records):
        binary = executor_binary(binary_name)
        command = [binary, "bulk", "--stdin-format", "jsonl", "-c", chain, "--jobs", str(jobs)] + list(extra)
        process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        failure = []

        def feed():
            try:
                for record in records:
                    process.stdin.write(record.encode("utf-8") if isinstance(record, str) else record)
                    process.stdin.write(b"\n")
            except BrokenPipeError:
                pass
            except Exception as error:  # reported after fixtext's exit
                failure.append(error)
            finally:
                try:
                    process.stdin.close()
                except BrokenPipeError:
                    pass

        writer = threading.Thread(target=feed, daemon=True)
        writer.start()
        for line in process.stdout:
            yield line.rstrip(b"\n").decode("utf-8", "surrogateescape")
        writer.join()
        status = process.wait()
        if failure:
            raise failure[0]
        if status not in (0, 3):
            raise RuntimeError("fixtext bulk --stdin-format jsonl failed with exit status %d" % status)

    return run


def clean_jsonl_rdd(rdd, chain, binary_name="fixtext", jobs=1, extra=()):
    """An RDD of JSON strings, cleaned by fixtext (shipped with --files or addFile)."""
    return rdd.mapPartitions(clean_jsonl_partition(binary_name, chain, jobs, list(extra)))


def run_jsonl(sc, args, extra):
    inputs, binary_name, _, _, jobs = start(sc, args, extra)
    records = sc.textFile(",".join(inputs), minPartitions=args.partitions or None)
    codec = "org.apache.hadoop.io.compress.GzipCodec" if args.gzip else None
    clean_jsonl_rdd(records, args.chain, binary_name, jobs, extra).saveAsTextFile(args.output, codec)
    print("fixtext_spark: cleaned JSONL written to %s" % args.output, file=sys.stderr)
    return 0


# ---------------------------------------------------------------------------------------


def parse(argv):
    parser = argparse.ArgumentParser(
        prog="fixtext_spark.py",
        description="Run fixtext bulk over many archives on Spark. Arguments after -- go to fixtext bulk "
                    "(e.g. -- --text-field content --keep-empty).")
    modes = parser.add_subparsers(dest="mode", required=True)
    for mode in ("files", "jsonl"):
        sub = modes.add_parser(mode, help="one task per archive" if mode == "files" else "JSONL records through RDD pipes")
        sub.add_argument("inputs", nargs="*", help="input archives: paths or URIs (hdfs://, s3a://, file://)")
        sub.add_argument("--inputs-from", help="a file (path or URI) with more inputs, one a line")
        sub.add_argument("-c", "--chain", default="default", help="the chain (default: fixtext's default chain)")
        sub.add_argument("-o", "--output", required=True, help="the output folder: a path or URI")
        sub.add_argument("--fixtext", help="the fixtext binary to ship (instead of spark-submit --files)")
        sub.add_argument("--fixtext-name", default="fixtext", help="the name of the binary given to --files")
        sub.add_argument("--jobs-per-task", type=int, help="fixtext --jobs in each task (default: spark.task.cpus)")
        if mode == "files":
            sub.add_argument("--force", action="store_true", help="redo inputs that are complete")
            sub.add_argument("--strict", action="store_true", help="exit 1 when an input failed (default: reported, exit 0)")
            sub.add_argument("--transfer", choices=["auto", "local", "hadoop"], default="auto",
                             help="local: fixtext reads and writes the paths itself (local or shared file systems); "
                                  "hadoop: copy through Hadoop's file system shell; auto: local for paths and file://")
            sub.add_argument("--hadoop-fs", help="the file system shell command (default: 'hadoop fs', else FsShell from Spark's jars)")
            sub.add_argument("--scratch", help="the executors' folder for local copies (default: SPARK_LOCAL_DIRS, "
                                               "LOCAL_DIRS, else the temporary folder)")
        else:
            sub.add_argument("--partitions", type=int, help="the minimum number of partitions to read")
            sub.add_argument("--gzip", action="store_true", help="gzip the output part files")
    extra = []
    if "--" in argv:
        at = argv.index("--")
        argv, extra = argv[:at], argv[at + 1:]
    return parser.parse_args(argv), extra


def main(argv=None, sc=None):
    """Runs the driver; with `sc`, in that SparkContext (left running)."""
    args, extra = parse(sys.argv[1:] if argv is None else argv)
    if sc is not None:
        return run_files(sc, args, extra) if args.mode == "files" else run_jsonl(sc, args, extra)
    from pyspark import SparkConf, SparkContext

    sc = SparkContext.getOrCreate(SparkConf().setAppName("fixtext %s" % args.mode))
    try:
        return run_files(sc, args, extra) if args.mode == "files" else run_jsonl(sc, args, extra)
    finally:
        sc.stop()


if __name__ == "__main__":
    sys.exit(main())
