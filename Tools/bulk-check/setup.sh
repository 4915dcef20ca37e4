#!/bin/sh
# Makes Tools/bulk-check/.venv (git-ignored) with warcio and fastwarc from PyPI, for the
# outside check and the bulk benchmark.
set -e
cd "$(dirname "$0")"
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install -q warcio fastwarc
