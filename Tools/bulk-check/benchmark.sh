#!/bin/sh
# The bulk benchmark: fixtext bulk beside warcio and fastwarc, reading (and rewriting)
# the same .warc.gz files in the same run. Release builds only.
#
#   Tools/bulk-check/setup.sh && Tools/bulk-check/benchmark.sh [PAGES]
#
# Makes PAGES pages (default 20000) with bulk-testdata: a WET file (one conversion record
# per page) and a WARC file (requests, text and HTML responses, resources). Prints
# records/s and MB/s (of the decompressed input) for each reader and for fixtext bulk
# with one and with all cores, with the default chain and with the full chain.
set -e
cd "$(dirname "$0")/../.."
PAGES=${1:-20000}
swift build -c release --product fixtext >/dev/null
swift build -c release --product bulk-testdata >/dev/null
BIN=$(swift build -c release --show-bin-path)
PY=Tools/bulk-check/.venv/bin/python
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
"$BIN/bulk-testdata" "$WORK/in" --records "$PAGES" >/dev/null
CORES=$(nproc)
FULL="mojibake,normalize,strip-pinyin,boilerplate"

for FILE in sample.wet.gz sample.warc.gz; do
    IN="$WORK/in/$FILE"
    MB=$(gzip -dc "$IN" | wc -c | awk '{printf "%.1f", $1 / 1e6}')
    echo "== $FILE: $(du -k "$IN" | cut -f1) KB gzipped, $MB MB of WARC"
    for MODE in fastwarc-read warcio-read warcio-rewrite; do
        set -- $("$PY" Tools/bulk-check/bench_python.py "$MODE" "$IN" "$WORK/py.warc.gz")
        awk -v m="$MODE" -v n="$1" -v s="$2" -v mb="$MB" 'BEGIN { printf "%-34s %7d records %7.2f s %8.0f records/s %6.1f MB/s\n", m, n, s, n / s, mb / s }'
    done
    for CHAIN in default "$FULL"; do
        for JOBS in 1 $CORES; do
            rm -rf "$WORK/out"
            START=$(date +%s.%N)
            /usr/bin/time -f "%M" -o "$WORK/rss" "$BIN/fixtext" bulk -c "$CHAIN" --jobs "$JOBS" --no-progress -o "$WORK/out" --report "$WORK/report.json" "$IN" 2>/dev/null || true
            END=$(date +%s.%N)
            N=$("$PY" -c "import json; print(json.load(open('$WORK/report.json'))['total']['records_in'])")
            NAME=$(printf "fixtext bulk -c %.12s --jobs %s" "$CHAIN" "$JOBS")
            awk -v m="$NAME" -v n="$N" -v s="$(echo "$END - $START" | bc)" -v mb="$MB" -v rss="$(cat "$WORK/rss")" 'BEGIN { printf "%-34s %7d records %7.2f s %8.0f records/s %6.1f MB/s  max RSS %d MB\n", m, n, s, n / s, mb / s, rss / 1024 }'
        done
    done
    "$PY" Tools/bulk-check/check_with_warcio.py "$IN" "$WORK/out/$FILE"
done
echo "load average while it ran: $(cut -d' ' -f1-3 /proc/loadavg) on $CORES cores"
