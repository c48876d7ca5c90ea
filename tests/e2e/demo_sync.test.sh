#!/usr/bin/env bash
# Two kiosks each filled with the demo program on their own, then synced by a file: one
# program, the same trainees once, nothing doubled (the demo's ids come from what the
# records are, not from chance).
set -euo pipefail
build=$1
work=$(mktemp -d /tmp/kiosk-demosync.XXXXXX)
trap 'rm -rf "$work"' EXIT
ctl=$build/kioskctl
"$ctl" --db "$work/a.db" init --demo >/dev/null
"$ctl" --db "$work/b.db" init --demo >/dev/null
count() { sqlite3 "$1" "select (select count(*) from events)||' '||(select count(*) from sessions)||' '||(select count(*) from people)||' '||(select count(*) from registrations)"; }
before=$(count "$work/a.db")
"$ctl" --db "$work/a.db" sync --with "$work/b.db"
after_a=$(count "$work/a.db"); after_b=$(count "$work/b.db")
echo "before: $before; after: A $after_a, B $after_b (events sessions people registrations)"
[ "$after_a" = "$before" ] || { echo "A changed its counts: $before -> $after_a"; echo "0 passed, 1 failed"; exit 1; }
[ "$after_b" = "$before" ] || { echo "B differs from A: $after_b vs $before"; echo "0 passed, 1 failed"; exit 1; }
dups=$(sqlite3 "$work/a.db" "select count(*) from (select name_key, birth_year from people group by 1, 2 having count(*) > 1)")
[ "$dups" = 0 ] || { echo "$dups trainees appear twice"; echo "0 passed, 1 failed"; exit 1; }
echo "1 passed, 0 failed"
