#!/usr/bin/env bash
# Makes (once) a Python venv with pyspark for the Spark driver and its test, outside the
# clone so that it survives between CI runs: $FIXTEXT_CI_CACHE (default
# ~/.cache/fixtext-ci)/pyspark-VERSION. Prints the venv's python on standard output.
# pyspark is a large download (a ~450 MB sdist); later runs reuse the venv.
set -euo pipefail
version="${PYSPARK_VERSION:-4.3.0}"
cache="${FIXTEXT_CI_CACHE:-$HOME/.cache/fixtext-ci}"
venv="$cache/pyspark-$version"
python="${PYTHON:-python3}"

mkdir -p "$cache"
# One install at a time; the marker file is written last, so an interrupted install is
# never taken for a complete one.
exec 9>"$cache/.pyspark-$version.lock"
flock 9
if [ ! -f "$venv/.fixtext-complete" ]; then
  if ! command -v java >/dev/null; then
    # pyspark 4 needs Java 17 or later.
    echo "setup.sh: installing Java 17" >&2
    sudo_cmd=""
    [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq >&2
    $sudo_cmd apt-get install -y -qq openjdk-17-jre-headless >&2
  fi
  echo "setup.sh: installing pyspark $version into $venv (once; later runs reuse it)" >&2
  rm -rf "$venv"
  "$python" -m venv "$venv" >&2
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "pyspark==$version" >&2
  "$venv/bin/python" -c 'import pyspark' >&2
  touch "$venv/.fixtext-complete"
fi
echo "$venv/bin/python"
