#!/usr/bin/env python3
"""Reads (and rewrites) a .warc.gz with warcio or fastwarc, for Tools/bulk-check/benchmark.sh.

    bench_python.py warcio-read|warcio-rewrite|fastwarc-read FILE [OUT]

Prints: records seconds
"""
import sys
import time


def warcio_read(path, out):
    from warcio.archiveiterator import ArchiveIterator
    n = 0
    with open(path, "rb") as f:
        for rec in ArchiveIterator(f):
            rec.content_stream().read()
            n += 1
    return n


def warcio_rewrite(path, out):
    from warcio.archiveiterator import ArchiveIterator
    from warcio.warcwriter import WARCWriter
    n = 0
    with open(path, "rb") as f, open(out, "wb") as o:
        writer = WARCWriter(o, gzip=True)
        for rec in ArchiveIterator(f):
            writer.write_record(rec)
            n += 1
    return n


def fastwarc_read(path, out):
    from fastwarc.warc import ArchiveIterator, WarcRecordType
    n = 0
    with open(path, "rb") as f:
        for rec in ArchiveIterator(f, record_types=WarcRecordType.any_type, parse_http=False):
            rec.reader.read()
            n += 1
    return n


if __name__ == "__main__":
    mode, path = sys.argv[1], sys.argv[2]
    out = sys.argv[3] if len(sys.argv) > 3 else "/dev/null"
    start = time.perf_counter()
    n = {"warcio-read": warcio_read, "warcio-rewrite": warcio_rewrite, "fastwarc-read": fastwarc_read}[mode](path, out)
    print(n, round(time.perf_counter() - start, 3))
