#!/usr/bin/env bash
# Fails on a production function (kiosk/, plugins/) longer than 60 lines, counted from the
# first line of its signature to its closing brace (run as the ctest test lint.funclen).
# Functions are found as the house writes them: the body's braces alone in column 0.
set -uo pipefail
cd "$(dirname "$0")/.."
command -v python3 >/dev/null || {
  echo "SKIP: python3 is not installed (scripts/packages-test.txt)"
  exit 77
}
git ls-files -co --exclude-standard -- 'kiosk/*.c' 'plugins/*.c' | python3 -c '
import re, sys
LIMIT = 60
long = []
files = sys.stdin.read().split()
for f in files:
    lines = open(f, encoding="utf-8", errors="replace").read().split("\n")
    i = 0
    while i < len(lines):
        if lines[i] == "{":
            j = i - 1
            while j >= 0 and "(" not in lines[j]:
                j -= 1
            k = j
            while k > 0 and lines[k - 1].strip() and not lines[k - 1].rstrip().endswith(
                    (";", "}", "*/")) and not lines[k - 1].startswith(("#", "//")):
                k -= 1
            m = re.search(r"(\w+)\s*\(", " ".join(lines[k:i]))
            e = i + 1
            while e < len(lines) and lines[e] != "}":
                e += 1
            if e - k + 1 > LIMIT:
                long.append((e - k + 1, "%s:%d" % (f, k + 1), m.group(1) if m else "?"))
            i = e
        i += 1
for n, where, name in sorted(long, reverse=True):
    print("%s: %s is %d lines (at most %d: split it where it reads well)" % (where, name, n, LIMIT))
print("%d passed, %d failed" % (len(files) - len({w.split(":")[0] for _, w, _ in long}),
                                len({w.split(":")[0] for _, w, _ in long})))
sys.exit(1 if long else 0)
'
