#!/usr/bin/env bash
# The layers' rules that grep can check (run as the ctest test lint.layers):
# only kiosk/core/store runs SQL: no sqlite3 call or SQLite header outside it in kiosk/ or
# plugins/ (the SQLite side of sync, export and receipts goes through store functions).
set -uo pipefail
cd "$(dirname "$0")/.."
failed=0
sql=$(git grep -n -e 'sqlite3_' -e '<sqlite3.h>' -- kiosk plugins ':!kiosk/core/store')
if [ -n "$sql" ]; then
  echo "SQL outside kiosk/core/store (add a store function instead):"
  echo "$sql"
  failed=1
fi
echo "$((1 - failed)) passed, $failed failed"
exit $failed
