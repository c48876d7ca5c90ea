#!/usr/bin/env python3
"""Builds vn-admin-names.txt: every province, district and commune name of Vietnam,
before and after the 2025 reorganisation, names only (no "Tỉnh", "Xã"...), NFC,
deduplicated and sorted. Arguments: the JSON files named in README.md, in any order."""
import json
import sys
import unicodedata

PREFIXES = ("Thành phố ", "Tỉnh ", "Quận ", "Huyện ", "Thị xã ", "Thị trấn ",
            "Phường ", "Xã ", "Đặc khu ")


def strip_type(name):
    for p in PREFIXES:
        if name.startswith(p):
            return name[len(p):]
    return name


def walk(node, out):
    if isinstance(node, dict):
        for key in ("name",):
            if isinstance(node.get(key), str):
                out.add(strip_type(node[key]))
        for v in node.values():
            walk(v, out)
    elif isinstance(node, list):
        for v in node:
            walk(v, out)


def main():
    names = set()
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8") as f:
            walk(json.load(f), names)
    names = {unicodedata.normalize("NFC", " ".join(n.split())) for n in names}
    names = sorted(n for n in names if any(c.isalpha() for c in n))
    sys.stdout.write("".join(n + "\n" for n in names))


main()
