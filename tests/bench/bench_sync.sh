#!/usr/bin/env bash
# Sync of 100,000 check-ins to PostgreSQL beside `psql \copy` of the same rows, in the same
# run, against the same private cluster (scripts/pg-test-cluster.sh, Unix socket):
#   - push: `kioskctl sync` of a kiosk holding 100,000 check-ins (2,000 trainees x 50 sessions,
#     one in ten with a signature) to an empty server, wall time from exec to exit; baseline:
#     `psql \copy` of the same check-in rows (a TSV made beforehand) into a table made LIKE the
#     server's checkins (same indexes and srv_seq default), also from exec to exit;
#   - pull: a new kiosk taking those 100,000 check-ins (and their people) from the server;
#     baseline: `psql \copy` of the same rows out of the server into a file (no fsync, no
#     index: a floor, not a like-for-like; the kiosk's side is bound by SQLite's own inserts);
#   - floor: SQLite itself copying the same rows (events, sessions, people, check-ins) from the
#     seed file into a new kiosk's file with INSERT ... SELECT (foreign keys on, one
#     transaction), by the sqlite3 shell: what the kiosk's side of a pull cannot go below;
#   - bulk floor: the same INSERT ... SELECT as a new kiosk's pull writes a big table (its bulk
#     batch, docs/TRUST.md): foreign keys off (the pull checks parents itself), the check-ins'
#     read-only index dropped and built again after the rows, one transaction, the columns
#     named (SELECT * would let SQLite copy the stored records whole, which no pull can): what
#     the writing side of the pull costs without the network, the parsing and the checks;
#   - no-op: a rerun that moves nothing (what the kiosk's worker does every few minutes).
# The pull's row is sync.pull_vs_copy_out_ratio (issue 18); ratios are also taken run by run
# (each pull beside the \copy out of the same run) and printed on stderr.
# Runs interleaved, KIOSK_BENCH_RUNS times (default 3, to stay near two minutes). Each run starts from an empty server.
# usage: bench_sync.sh BUILD_DIR [SOURCE_DIR]
# Prints TSV rows (figure, median, p99_or_max, baseline, ratio, target); details on stderr.
set -euo pipefail
build=$(cd "$1" && pwd)
src=${2:-$(cd "$(dirname "$0")/../.." && pwd)}
runs=${KIOSK_BENCH_RUNS:-3}
K=$build/kioskctl
[ -x "$K" ] || { echo "bench_sync: no kioskctl in '$build' (build first)" >&2; exit 1; }

work=$(mktemp -d /tmp/kiosk-bench-sync.XXXXXX)
pgdir=$(mktemp -d /tmp/kiosk-bench-pg.XXXXXX)
cleanup() {
  "$src/scripts/pg-test-cluster.sh" stop "$pgdir" >/dev/null 2>&1 || true
  rm -rf "$work" "$pgdir"
}
trap cleanup EXIT
eval "$("$src/scripts/pg-test-cluster.sh" start "$pgdir")"
cd "$work"
admin() { psql -X -q -At -d "$KIOSK_PG_ADMIN" -v ON_ERROR_STOP=1 "$@"; }

# The kiosk: 2,000 trainees, 50 sessions of one class, everyone at every session.
# Both kiosks enrolled in one program: the pull checks every row's seal (docs/TRUST.md).
"$K" program-key new --out program.key >/dev/null 2>&1
"$K" --db seed.db init >/dev/null
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
n=$(sqlite3 seed.db "SELECT count(*) FROM checkins")
[ "$n" = 100000 ] || { echo "bench_sync: made $n check-ins, not 100000" >&2; exit 1; }
cols="id, kiosk_id, created_at, session_id, person_id, kind, late, walkin, signature, signature_png, extra"
# The same rows as COPY text (bytea in hex, its backslash escaped; NULL as \N).
sqlite3 -separator $'\t' -nullvalue '\N' seed.db \
  "SELECT id, kiosk_id, created_at, session_id, person_id, kind, late, walkin,
          CASE WHEN signature IS NULL THEN NULL ELSE '\\\\x' || lower(hex(signature)) END,
          CASE WHEN signature_png IS NULL THEN NULL ELSE '\\\\x' || lower(hex(signature_png)) END,
          extra FROM checkins" >checkins.tsv
echo "bench_sync: $(wc -l <checkins.tsv) rows, $(du -k checkins.tsv | cut -f1) KiB of COPY text" >&2

"$K" --db empty.db init >/dev/null
"$K" --db empty.db enrol --program-key program.key >/dev/null
"$K" --db schema.db init >/dev/null
"$K" --db schema.db sync --with "$KIOSK_PG" >/dev/null # makes the server's schema (untimed)
admin -c "CREATE TABLE copy_target (LIKE checkins INCLUDING ALL)"
reset_server() {
  admin -c "TRUNCATE events, sessions, people, registrations, consents, checkins, receipts, log, keys, enrolments, revocations, seals, copy_target"
}

ms() { # wall time of a command in ms (bash's own clock)
  local t0=$EPOCHREALTIME
  "$@" >/dev/null
  awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f\n", (b - a) * 1000 }'
}
: >push.ms; : >copy_in.ms; : >pull.ms; : >copy_out.ms; : >noop.ms; : >floor.ms; : >bulk.ms
floor() {
  rm -f floor.db floor.db-wal floor.db-shm
  cp empty.db floor.db
  sqlite3 floor.db "PRAGMA foreign_keys=ON; ATTACH 'seed.db' AS s; BEGIN;
    INSERT INTO events SELECT * FROM s.events; INSERT INTO sessions SELECT * FROM s.sessions;
    INSERT INTO people SELECT * FROM s.people; INSERT INTO checkins SELECT * FROM s.checkins;
    COMMIT;"
}
floor_bulk() {
  rm -f floor.db floor.db-wal floor.db-shm
  cp empty.db floor.db
  sqlite3 floor.db "PRAGMA foreign_keys=OFF; PRAGMA cache_size=-65536; ATTACH 'seed.db' AS s; BEGIN;
    INSERT INTO events SELECT * FROM s.events; INSERT INTO sessions SELECT * FROM s.sessions;
    INSERT INTO people SELECT * FROM s.people; DROP INDEX checkins_session;
    INSERT INTO checkins SELECT $cols FROM s.checkins;
    CREATE INDEX checkins_session ON checkins(session_id, person_id, kind); COMMIT;"
}
for r in $(seq "$runs"); do
  reset_server
  cp seed.db kiosk.db
  sqlite3 kiosk.db "DELETE FROM meta WHERE key LIKE 'sync.%'; DROP TABLE IF EXISTS sync_shadow"
  cp seed.db.key kiosk.db.key; cp empty.db.key fresh.db.key
  rm -f kiosk.db-wal kiosk.db-shm fresh.db fresh.db-wal fresh.db-shm
  cp empty.db fresh.db
  if [ $((r % 2)) = 1 ]; then
    ms "$K" --db kiosk.db sync --with "$KIOSK_PG" >>push.ms
    ms psql -X -q -d "$KIOSK_PG_ADMIN" -c "\\copy copy_target ($cols) FROM 'checkins.tsv'" >>copy_in.ms
  else
    ms psql -X -q -d "$KIOSK_PG_ADMIN" -c "\\copy copy_target ($cols) FROM 'checkins.tsv'" >>copy_in.ms
    ms "$K" --db kiosk.db sync --with "$KIOSK_PG" >>push.ms
  fi
  [ "$(admin -c 'SELECT count(*) FROM checkins')" = 100000 ] || { echo "bench_sync: the server did not get 100000 check-ins" >&2; exit 1; }
  [ "$(admin -c 'SELECT count(*) FROM copy_target')" = 100000 ] || { echo "bench_sync: \\copy did not load 100000 rows" >&2; exit 1; }
  ms "$K" --db fresh.db sync --with "$KIOSK_PG" >>pull.ms
  [ "$(sqlite3 fresh.db 'SELECT count(*) FROM checkins')" = 100000 ] || { echo "bench_sync: the new kiosk did not get 100000 check-ins" >&2; exit 1; }
  ms psql -X -q -d "$KIOSK_PG_ADMIN" -c "\\copy (SELECT $cols FROM checkins) TO 'out.tsv'" >>copy_out.ms
  ms floor >>floor.ms
  ms floor_bulk >>bulk.ms
  ms "$K" --db kiosk.db sync --with "$KIOSK_PG" >>noop.ms
done

median() { sort -g "$1" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
maxof() { sort -g "$1" | tail -1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
pm=$(median push.ms); cm=$(median copy_in.ms)
printf 'sync: push 100,000 check-ins to PostgreSQL, ms (kioskctl sync vs psql \\copy in)\t%s\t%s\t%s\t%s\t%s\n' \
  "$pm" "$(maxof push.ms)" "$cm" "$(ratio "$pm" "$cm")" "<= 2x \\copy"
lm=$(median pull.ms); om=$(median copy_out.ms); fm=$(median floor.ms)
printf 'sync.pull_vs_copy_out_ratio\t%s\t%s\t%s\t%s\t%s\n' \
  "$lm" "$(maxof pull.ms)" "$om" "$(ratio "$lm" "$om")" "<= 2x \\copy out"
printf 'sync: SQLite INSERT...SELECT of the same rows into a new kiosk (the floor), ms (vs psql \\copy out)\t%s\t%s\t%s\t%s\t%s\n' \
  "$fm" "$(maxof floor.ms)" "$om" "$(ratio "$fm" "$om")" "-"
bm=$(median bulk.ms)
printf 'sync.pull_bulk_floor_ms\t%s\t%s\t%s\t%s\t%s\t%s\n' \
  "$bm" "$(maxof bulk.ms)" "$om" "$(ratio "$bm" "$om")" "-" \
  "SQLite INSERT...SELECT as the pull bulk batch writes: no foreign keys, index built after; baseline psql \\copy out"
printf 'sync: rerun with nothing to move (100,000 check-ins held), ms\t%s\t%s\t-\t-\t-\n' \
  "$(median noop.ms)" "$(maxof noop.ms)"
for f in push copy_in pull copy_out floor bulk noop; do
  echo "bench_sync: $f ms: $(sort -g $f.ms | tr '\n' ' ')" >&2
done
echo "bench_sync: pull / copy out, run by run: $(paste pull.ms copy_out.ms | awk '{ printf "%.2f ", $1 / $2 }')" >&2
echo "bench_sync: push / copy in, run by run: $(paste push.ms copy_in.ms | awk '{ printf "%.2f ", $1 / $2 }')" >&2
echo "bench_sync: load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
