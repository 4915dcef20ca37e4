#!/usr/bin/env python3
"""Checks the WARC outputs of `fixtext bulk` with an outside reader, warcio.

    Tools/bulk-check/setup.sh                      # once: a venv with warcio and fastwarc
    Tools/bulk-check/.venv/bin/python Tools/bulk-check/check_with_warcio.py IN.warc.gz OUT.warc.gz [...]

Arguments are pairs of input and output. For each output it checks that:
- warcio reads every record;
- Content-Length and WARC-Block-Digest (sha1, base32) match the block, and
  WARC-Payload-Digest the HTTP payload where there is one;
- a gzipped output is one gzip member per record;
- the first record is fixtext's warcinfo, and the other records are the input's, in order
  (records dropped by the chain may be missing), with the same WARC-Type,
  WARC-Target-URI, WARC-Date and WARC-Refers-To (when warcio can read the input: damaged
  test inputs are checked for the output's validity only).
Exits 1 on the first failure, printing it; prints one line per pair otherwise.
"""
import base64
import hashlib
import sys
import zlib

from warcio.archiveiterator import ArchiveIterator


def b32sha1(data):
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode()


def records(path, lenient=False):
    """The records warcio reads; with lenient, those before the first it cannot read,
    and whether it read them all."""
    out = []
    try:
        _read(path, out)
    except Exception as error:
        if not lenient:
            raise
        return out, str(error).splitlines()[0]
    return (out, None) if lenient else out


def _read(path, out):
    with open(path, "rb") as f:
        for rec in ArchiveIterator(f, no_record_parse=True):
            block = rec.raw_stream.read()
            h = rec.rec_headers
            out.append({
                "type": h.get_header("WARC-Type"),
                "uri": h.get_header("WARC-Target-URI"),
                "date": h.get_header("WARC-Date"),
                "refers": h.get_header("WARC-Refers-To"),
                "length": h.get_header("Content-Length"),
                "digest": h.get_header("WARC-Block-Digest"),
                "payload_digest": h.get_header("WARC-Payload-Digest"),
                "block": block,
            })


def members(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:2] != b"\x1f\x8b":
        return None
    count = 0
    while data:
        d = zlib.decompressobj(31)
        plain = d.decompress(data)
        if not plain.startswith(b"WARC/"):
            raise AssertionError(f"{path}: gzip member {count} does not start with a WARC record")
        if plain.count(b"\r\nWARC/1.0\r\n") > 0:
            raise AssertionError(f"{path}: gzip member {count} holds more than one record")
        data = d.unused_data
        count += 1
    return count


def fail(message):
    print("FAIL:", message)
    sys.exit(1)


def check(inp, out):
    (ins, broken), outs = records(inp, lenient=True), records(out)
    for i, r in enumerate(outs):
        if r["length"] is None or int(r["length"]) != len(r["block"]):
            fail(f"{out}: record {i}: Content-Length {r['length']} but {len(r['block'])} bytes")
        if r["digest"] != b32sha1(r["block"]):
            fail(f"{out}: record {i}: WARC-Block-Digest {r['digest']} is not {b32sha1(r['block'])}")
        if r["payload_digest"] and r["type"] == "response":
            payload = r["block"].split(b"\r\n\r\n", 1)[1]
            if r["payload_digest"] != b32sha1(payload):
                fail(f"{out}: record {i}: WARC-Payload-Digest does not match the payload")
    n = members(out)
    if n is not None and n != len(outs):
        fail(f"{out}: {n} gzip members for {len(outs)} records")
    if not outs or outs[0]["type"] != "warcinfo" or b"software: fixtext/" not in outs[0]["block"]:
        fail(f"{out}: the first record is not fixtext's warcinfo")
    if broken:
        print(f"ok: {out}: {len(outs) - 1} records, digests verify; warcio cannot read the input itself ({broken}), so order is not compared")
        return
    key = lambda r: (r["type"], r["uri"], r["date"], r["refers"])
    want = [key(r) for r in ins]
    j = 0
    for r in outs[1:]:
        while j < len(want) and want[j] != key(r):
            j += 1
        if j == len(want):
            fail(f"{out}: record {key(r)} is not in the input, or out of order")
        j += 1
    print(f"ok: {out}: {len(outs) - 1} records of {len(ins)} in order, digests verify"
          + (f", {n} gzip members" if n is not None else ""))


def main(args):
    if len(args) % 2 or not args:
        print(__doc__)
        sys.exit(2)
    for inp, out in zip(args[::2], args[1::2]):
        check(inp, out)


if __name__ == "__main__":
    main(sys.argv[1:])
