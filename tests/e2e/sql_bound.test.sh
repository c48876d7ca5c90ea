#!/usr/bin/env bash
# SQL is only ever built with bound parameters: no SQL text is formatted from data.
# Flags any printf-style call whose format holds an SQL keyword and a conversion, and any
# sqlite3_mprintf / sqlite3_snprintf / PQescape* use. A line that formats only identifiers
# or numbers from the program's own static tables says so with the marker "sql-ident:".
set -u
src=${2:-$(dirname "$0")/../..}
cd "$src" || exit 2
hits=$(grep -rnE --include='*.c' --include='*.h' \
  -e '(printf|kiosk_fmt)\s*\(.*"[^"]*\b(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|WHERE|VALUES|PRAGMA|COPY)\b[^"]*%[-0-9.]*[sdluxq]' \
  -e 'sqlite3_v?(m|sn)printf' -e 'PQescape' \
  kiosk plugins 2>/dev/null | grep -v 'sql-ident:')
if [ -n "$hits" ]; then
  echo "SQL built from formatted text (bind parameters instead, or mark static identifiers with 'sql-ident:'):"
  echo "$hits"
  echo "0 passed, 1 failed"
  exit 1
fi
n=$(grep -rlE --include='*.c' 'sqlite3_prepare|PQexecParams|PQprepare' kiosk plugins 2>/dev/null | wc -l)
echo "files preparing SQL: $n; none formats SQL from data"
echo "1 passed, 0 failed"
