#!/usr/bin/env bash
# A stick's 100,000 check-ins into a new kiosk (docs/TRUST.md, staging): `kioskctl sync --with
# STICK` from exec to exit (copy into the private staging file, every row's seal and typed
# checks, the merge, this kiosk's few rows sent back), and of it how long the kiosk's write
# lock is held (the merge: the kiosk's own log line), beside the floor: SQLite itself copying
# the same rows from the stick into a new kiosk's file with INSERT ... SELECT in one
# transaction, by the sqlite3 shell (what a straight copy would hold the lock for).
# Runs interleaved, KIOSK_BENCH_RUNS times (default 3).
# usage: bench_sync_file.sh BUILD_DIR [SOURCE_DIR]
# Prints TSV rows (figure, median, p99_or_max, baseline, ratio, target); details on stderr.
set -euo pipefail
build=$(cd "$1" && pwd)
runs=${KIOSK_BENCH_RUNS:-3}
K=$build/kioskctl
[ -x "$K" ] || { echo "bench_sync_file: no kioskctl in '$build' (build first)" >&2; exit 1; }
work=$(mktemp -d /tmp/kiosk-bench-file.XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$work"

# The other kiosk: 2,000 trainees, 50 sessions of one class, everyone at every session.
"$K" program-key new --out program.key >/dev/null 2>&1
"$K" --db seed.db init >/dev/null 2>&1
"$K" --db seed.db enrol --program-key program.key >/dev/null
k=$(sqlite3 seed.db "SELECT value FROM settings WHERE key='kiosk_id'")
sqlite3 -bail seed.db "
  PRAGMA foreign_keys=ON;
  INSERT INTO events(id,kiosk_id,created_at,updated_at,updated_by,code,kind,title,commune)
    VALUES('e0000000000000000000000000000001','$k',1,1,'$k','MDN-MK',1,'May và đan dây nhựa','Mỹ Khánh');
  WITH RECURSIVE i(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM i WHERE x < 50)
  INSERT INTO sessions(id,kiosk_id,created_at,event_id,number,starts_at,ends_at,updated_at,updated_by)
    SELECT printf('5%031d', x), '$k', 1, 'e0000000000000000000000000000001', x,
           1700000000000 + x * 86400000, 1700012600000 + x * 86400000, 1, '$k' FROM i;
  WITH RECURSIVE i(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM i WHERE x < 2000)
  INSERT INTO people(id,kiosk_id,created_at,updated_at,updated_by,full_name,name_key,birth_year,phone,commune)
    SELECT printf('a%031d', x), '$k', x, x, '$k', 'Nguyễn Thị Hoa ' || x, 'nguyen thi hoa ' || x,
           1960 + x % 40, '+8490' || printf('%07d', x), 'Mỹ Khánh' FROM i;
  INSERT INTO checkins(id,kiosk_id,created_at,session_id,person_id,kind,late,walkin,signature)
    SELECT lower(hex(randomblob(16))), '$k', 1700000000000 + s.rowid * 86400000 + p.rowid * 1000,
           s.id, p.id, 1, p.rowid % 7 = 0, 0,
           CASE WHEN p.rowid % 10 = 0 THEN randomblob(240) END
    FROM sessions s CROSS JOIN people p;"
"$K" --db seed.db sync --with stick0.db >/dev/null 2>&1 # the stick (sealed rows), untimed
n=$(sqlite3 stick0.db "SELECT count(*) FROM checkins")
[ "$n" = 100000 ] || { echo "bench_sync_file: the stick holds $n check-ins, not 100000" >&2; exit 1; }
"$K" --db empty.db init >/dev/null 2>&1
"$K" --db empty.db enrol --program-key program.key >/dev/null
"$K" --db empty.db sync --with nothing.db >/dev/null 2>&1 # its own rows sealed once

ms() { # wall time of a command in ms (bash's own clock); its stderr to last.err
  local t0=$EPOCHREALTIME
  "$@" >/dev/null 2>last.err
  awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f\n", (b - a) * 1000 }'
}
fresh() { rm -f "$1" "$1-wal" "$1-shm"; cp empty.db "$1"; cp empty.db.key "$1.key"; }
floor() {
  sqlite3 floor.db "PRAGMA foreign_keys=ON; ATTACH 'stick.db' AS s; BEGIN;
    INSERT INTO events SELECT * FROM s.events; INSERT INTO sessions SELECT * FROM s.sessions;
    INSERT INTO people SELECT * FROM s.people; INSERT INTO checkins SELECT * FROM s.checkins;
    COMMIT;"
}
: >sync.ms; : >lock.ms; : >floor.ms
for r in $(seq "$runs"); do
  fresh kiosk.db; fresh floor.db; cp stick0.db stick.db
  if [ $((r % 2)) = 1 ]; then
    ms "$K" --db kiosk.db sync --with stick.db >>sync.ms; cp last.err sync.err
    ms floor >>floor.ms
  else
    ms floor >>floor.ms
    ms "$K" --db kiosk.db sync --with stick.db >>sync.ms; cp last.err sync.err
  fi
  [ "$(sqlite3 kiosk.db 'SELECT count(*) FROM checkins')" = 100000 ] || { echo "bench_sync_file: the kiosk did not take 100000 check-ins: $(cat sync.err)" >&2; exit 1; }
  sed -n 's/.*merged in \([0-9]*\) ms.*/\1/p' sync.err >>lock.ms
  grep "staged in" sync.err | sed 's/^/bench_sync_file: /' >&2
done

median() { sort -g "$1" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
maxof() { sort -g "$1" | tail -1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
sm=$(median sync.ms); lm=$(median lock.ms); fm=$(median floor.ms)
printf 'sync.file_in_ms: 100,000 check-ins from a stick into a new kiosk (staged, checked, merged), ms (vs SQLite INSERT...SELECT)\t%s\t%s\t%s\t%s\t%s\n' \
  "$sm" "$(maxof sync.ms)" "$fm" "$(ratio "$sm" "$fm")" "-"
printf 'sync.file_lock_ms: of it, the kiosk write-locked (the merge), ms (vs SQLite INSERT...SELECT)\t%s\t%s\t%s\t%s\t%s\n' \
  "$lm" "$(maxof lock.ms)" "$fm" "$(ratio "$lm" "$fm")" "-"
for f in sync lock floor; do echo "bench_sync_file: $f ms: $(sort -g $f.ms | tr '\n' ' ')" >&2; done
echo "bench_sync_file: load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
