#!/usr/bin/env bash
# Power cuts during the coordinator's commands: `kioskctl sync --with FILE.db` and
# `kioskctl roster import` killed (SIGKILL) at random moments.
# - sync: two kiosks with their own new rosters (300 trainees each, with sign-up receipts)
#   sync; each kill leaves each side whole (every table at its count before the sync or
#   after it, all tables alike: each direction is one transaction), integrity ok, nothing
#   twice; the rerun after the last kill completes, and a sync after that moves nothing.
# - import: each kill leaves all of the roster or none of it (registrations and receipts),
#   integrity ok; an import that finished has every row.
# Kill delays are spread over the time one whole run takes on this machine.
# usage: powercut_sync.test.sh BUILD_DIR SOURCE_DIR
# env: POWERCUT_SYNC_KILLS (default 60 each; 20 on the ASan build), POWERCUT_SEED (default 2018)
set -u
build=$1
src=${2:-$(dirname "$0")/../..}
ctl=$build/kioskctl
kills_wanted=${POWERCUT_SYNC_KILLS:-60}
grep -qs '^KIOSK_SANITIZE:BOOL=ON' "$build/CMakeCache.txt" && kills_wanted=${POWERCUT_SYNC_KILLS:-20}
RANDOM=${POWERCUT_SEED:-2018}
work=$(mktemp -d /tmp/kiosk-powercut-sync.XXXXXX)
pid=
trap '[ -n "$pid" ] && kill -9 "$pid" 2>/dev/null; rm -rf "$work"' EXIT
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
. "$src/tests/e2e/powercut_lib.sh"
roster_names "$src" 600
roster_csv 0 300 >"$work/roster-a.csv"
roster_csv 300 300 >"$work/roster-b.csv"
t0=$SECONDS

tables="events sessions people registrations consents checkins receipts keys log"
# counts DB: "table=count ..." for the synced tables
counts() {
  local t sql="SELECT ''"
  for t in $tables; do sql+=" || '$t=' || (SELECT count(*) FROM $t) || ' '"; done
  sqlite3 "$1" "$sql"
}
# healthy DB WHAT: integrity ok, and nothing twice that must be once
healthy() {
  local ic dup
  ic=$(sqlite3 "$1" "PRAGMA integrity_check" 2>&1)
  [ "$ic" = ok ] || fail "$2: integrity_check on $(basename "$1"): $ic"
  dup=$(sqlite3 "$1" "SELECT 'check-in', session_id, person_id FROM checkins
      GROUP BY session_id, person_id, kind HAVING count(*) > 1
    UNION ALL SELECT 'receipt', person_id, event_id FROM receipts
      GROUP BY person_id, event_id, kind, session_id HAVING count(*) > 1
    UNION ALL SELECT 'person', full_name, birth_year FROM people
      GROUP BY name_key, birth_year HAVING count(*) > 1 LIMIT 3")
  [ -z "$dup" ] || fail "$2: twice in $(basename "$1"): $dup"
}
# run_killed DELAY_MS CMD...: runs CMD, kills it after DELAY_MS; sets rc (137: killed)
run_killed() {
  local delay=$1
  shift
  "$@" >"$work/cmd.out" 2>&1 &
  pid=$!
  sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  rc=$?
  pid=
}
ms_now() { date +%s%3N; }

# ---- two kiosks of the demo program, synced once; each imports its own roster
"$ctl" --db "$work/a.db" init --demo >/dev/null || fail "init A"
"$ctl" --db "$work/b.db" init --demo >/dev/null || fail "init B" # enrolled in the demo program
"$ctl" --db "$work/a.db" sync --with "$work/b.db" >/dev/null || fail "B from A"
"$ctl" --db "$work/a.db" roster import --event DDN-CD "$work/roster-a.csv" >/dev/null 2>&1 || fail "import A"
"$ctl" --db "$work/b.db" roster import --event DDN-TT "$work/roster-b.csv" >/dev/null 2>&1 || fail "import B"
for x in a b; do
  cp "$work/$x.db" "$work/$x.fresh"
  cp "$work/$x.db.key" "$work/$x.fresh.key"
done
before_a=$(counts "$work/a.db")
before_b=$(counts "$work/b.db")
# the whole sync once, timed, for the counts after it and the spread of the kill delays
start=$(ms_now)
"$ctl" --db "$work/a.db" sync --with "$work/b.db" >"$work/cmd.out" 2>&1 || fail "sync: $(cat "$work/cmd.out")"
sync_ms=$(($(ms_now) - start))
after_a=$(counts "$work/a.db")
after_b=$(counts "$work/b.db")
[ "$after_a" = "$after_b" ] || fail "a whole sync left the sides different: A $after_a / B $after_b"
[ "$before_a" != "$after_a" ] && [ "$before_b" != "$after_b" ] || fail "the sync moved nothing"
"$ctl" --db "$work/a.db" sync --with "$work/b.db" >/dev/null 2>&1 || fail "second sync"
[ "$(counts "$work/a.db")" = "$after_a" ] || fail "a second sync changed A"
restore() {
  local x
  for x in a b; do
    rm -f "$work/$x.db-wal" "$work/$x.db-shm"
    cp "$work/$x.fresh" "$work/$x.db"
  done
}
restore
kills=0 runs=0 partial=0
while [ $kills -lt "$kills_wanted" ]; do
  runs=$((runs + 1))
  run_killed $((1 + RANDOM % sync_ms)) "$ctl" --db "$work/a.db" sync --with "$work/b.db"
  [ $rc = 137 ] && kills=$((kills + 1))
  [ $rc = 0 ] || [ $rc = 137 ] || fail "sync run $runs: exit $rc: $(cat "$work/cmd.out")"
  for x in a b; do
    healthy "$work/$x.db" "sync kill $kills"
    now=$(counts "$work/$x.db")
    eval "b4=\$before_$x"
    [ "$now" = "$b4" ] || [ "$now" = "$after_a" ] ||
      fail "sync kill $kills left $x half-synced: $now (before: $b4; after: $after_a)"
    [ "$now" = "$b4" ] || [ $rc = 0 ] || partial=$((partial + 1))
  done
  # every fourth time, the rerun must complete; else the next kill hits a half-done pair
  if [ $((runs % 4)) = 0 ] || [ $rc = 0 ]; then
    "$ctl" --db "$work/a.db" sync --with "$work/b.db" >"$work/cmd.out" 2>&1 ||
      fail "the sync after kill $kills: $(cat "$work/cmd.out")"
    [ "$(counts "$work/a.db")" = "$after_a" ] && [ "$(counts "$work/b.db")" = "$after_a" ] ||
      fail "the rerun after kill $kills did not complete: A $(counts "$work/a.db") B $(counts "$work/b.db")"
    "$ctl" --db "$work/a.db" sync --with "$work/b.db" >"$work/cmd.out" 2>&1 || fail "sync again"
    [ "$(counts "$work/a.db")" = "$after_a" ] || fail "a sync after a complete one changed A"
    restore
  fi
done
echo "sync: $kills kills in $runs runs (a whole sync: $sync_ms ms; $partial sides caught" \
  "with one direction done), each side whole after every kill, integrity ok, nothing twice"

# ---- roster import: all or none
"$ctl" --db "$work/i.db" init --demo >/dev/null || fail "init"
cp "$work/i.db" "$work/i.fresh"
reg() { sqlite3 "$1" "SELECT count(*) FROM registrations r JOIN events e ON e.id = r.event_id WHERE e.code = 'DDN-CD'"; }
rct() { sqlite3 "$1" "SELECT count(*) FROM receipts r JOIN events e ON e.id = r.event_id WHERE e.code = 'DDN-CD'"; }
reg0=$(reg "$work/i.db")
rct0=$(rct "$work/i.db")
start=$(ms_now)
"$ctl" --db "$work/i.db" roster import --event DDN-CD "$work/roster-a.csv" >/dev/null 2>&1 || fail "import"
import_ms=$(($(ms_now) - start))
reg1=$(reg "$work/i.db")
rct1=$(rct "$work/i.db")
[ "$reg1" = $((reg0 + 300)) ] || fail "a whole import registered $((reg1 - reg0)), want 300"
kills=0 runs=0 whole=0
while [ $kills -lt "$kills_wanted" ]; do
  runs=$((runs + 1))
  rm -f "$work/i.db-wal" "$work/i.db-shm" "$work/i.db.key"
  cp "$work/i.fresh" "$work/i.db"
  run_killed $((1 + RANDOM % import_ms)) "$ctl" --db "$work/i.db" roster import \
    --event DDN-CD "$work/roster-a.csv"
  [ $rc = 137 ] && kills=$((kills + 1))
  [ $rc = 0 ] || [ $rc = 137 ] || fail "import run $runs: exit $rc: $(cat "$work/cmd.out")"
  healthy "$work/i.db" "import kill $kills"
  r=$(reg "$work/i.db")
  c=$(rct "$work/i.db")
  if [ "$r" = "$reg1" ] && [ "$c" = "$rct1" ]; then
    whole=$((whole + 1))
  elif [ "$r" != "$reg0" ] || [ "$c" != "$rct0" ] || [ $rc = 0 ]; then
    fail "import run $runs (exit $rc) left $((r - reg0)) registrations and $((c - rct0)) receipts of 300"
  fi
done
echo "import: $kills kills in $runs runs (a whole import: $import_ms ms; $whole found whole," \
  "the rest untouched), integrity ok; $((SECONDS - t0)) s in all"
echo "2 passed, 0 failed"
