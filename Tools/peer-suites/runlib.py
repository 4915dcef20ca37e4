"""Shared by the peer-suite runners: run a text-repair command on many independent
texts, and compare the outputs.

A case must not see another case's text (a repair may learn from its whole input), so by
default every text gets its own process; `--batch` feeds all of them to one process, one
per line, which is much faster but only valid for single-line texts and a command that
treats lines independently (the runners check the line count and say so).
"""

import concurrent.futures
import os
import shlex
import subprocess

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class CommandFailed(Exception):
    """The command could not run at all (missing binary, unknown transform, ...)."""


def add_command_arguments(parser, default):
    parser.add_argument("--command", default=default,
                        help=f"repair command, reads stdin, writes stdout (default: {default!r})")
    parser.add_argument("--jobs", type=int, default=2, help="processes at once (default 2)")
    parser.add_argument("--batch", action="store_true",
                        help="one process for all single-line texts, one per line")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per process")


def run_one(argv, text, timeout):
    """The command's stdout for `text` on stdin, without a trailing newline that the
    input did not have; raises CommandFailed if it exits with an error."""
    try:
        done = subprocess.run(argv, input=text.encode("utf-8"), capture_output=True,
                              timeout=timeout, cwd=REPO)
    except FileNotFoundError as error:
        raise CommandFailed(str(error)) from error
    except subprocess.TimeoutExpired as error:
        raise CommandFailed(f"timed out after {timeout}s") from error
    # Exit 3 means "finished, with reported problems in the input": output is valid.
    if done.returncode not in (0, 3):
        message = done.stderr.decode("utf-8", "replace").strip()
        raise CommandFailed(f"exit {done.returncode}: {message[:300]}")
    output = done.stdout.decode("utf-8", "surrogateescape")
    if output.endswith("\n") and not text.endswith("\n"):
        output = output[:-1]
    return output


def probe(command, timeout=30.0):
    """None if the command runs on a sample, else why not (so that a runner can report
    the failure once and still print the baselines)."""
    try:
        run_one(shlex.split(command), "用户", timeout)
        return None
    except CommandFailed as error:
        return str(error)


def run_all(command, texts, jobs=2, batch=False, timeout=30.0):
    """Outputs for `texts`, in order. A text whose process failed gives None."""
    argv = shlex.split(command)
    if batch:
        if any("\n" in text or "\r" in text for text in texts):
            raise ValueError("--batch needs single-line texts")
        joined = "".join(text + "\n" for text in texts)
        output = run_one(argv, joined, timeout * max(1, len(texts) // 100))
        lines = output.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        if len(lines) != len(texts):
            raise CommandFailed(f"--batch: {len(texts)} lines in, {len(lines)} out")
        return lines

    def one(text):
        try:
            return run_one(argv, text, timeout)
        except CommandFailed:
            return None

    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        return list(pool.map(one, texts))


def import_ftfy():
    """The ftfy module, or None (the baselines are then skipped, not faked)."""
    try:
        import ftfy  # noqa: PLC0415 - optional dependency
        return ftfy
    except ImportError:
        return None


def edit_distance(a, b):
    """Levenshtein distance in code points (for character error rates)."""
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]
