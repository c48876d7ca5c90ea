#!/usr/bin/env bash
# A new kiosk's first pull from PostgreSQL (issue 18 item 3, docs/TRUST.md "Server sync"): a
# big table that is empty here comes in one bulk transaction, its read-only indexes dropped
# and built again before the commit, while a reader thread streams and checks the rows.
# - 20,000 check-ins of kiosk A on the server, with hostile rows among them written there by
#   someone who is not a kiosk (a check-in A never sealed, one of A's changed on the server,
#   one dated 2100, one whose id is a path): B's pull is killed (kill -9) inside the bulk
#   transaction: B's database is whole (integrity_check), holds none of the check-ins and
#   still has the table's index, the tables pulled before are whole with their marks;
# - the server's connection cut inside another new kiosk's bulk transaction: the sync fails
#   saying the server did, the database holds none or all of the check-ins, a rerun completes;
# - the rerun completes: B holds every check-in of A but the changed one, the four hostile
#   rows are set aside once each with their reasons, the index is back, and a third sync
#   moves and sets aside nothing.
# - A running kiosk whose first pull waits on a stalled server (its server process stopped
#   with SIGSTOP: no statement_timeout can end that wait) stops on SIGTERM within the sync's
#   grace (3 s) and a little more, its database whole (whole batches with their mark: the bulk
#   batch commits when the server's rows stop coming, as every batch does), and a later sync
#   completes the pull.
# usage: bash sync_pg_new_kiosk.test.sh BUILD_DIR SOURCE_DIR
BUILD=$(cd "$1" && pwd)
SRC=$(cd "$2" && pwd)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || {
  echo "SKIP: no PostgreSQL server binaries (scripts/packages-test.txt)"
  exit 77
}
source "$SRC/tests/e2e/sync_lib.sh"
cd "$WORK"
admin() { psql -X -q -At -d "$KIOSK_PG_ADMIN" -v ON_ERROR_STOP=1 "$@"; }
quarantined() { sqlite3 "$1" "SELECT count(*) FROM quarantine WHERE tbl = 'checkins' AND $2"; }
# Whole batches only (the bulk batch, or one that committed when the server's rows stopped
# coming: a kiosk never holds its write lock waiting for the network), with their mark: the
# rows held and set aside are the server's up to the check-ins' pull mark.
whole_batches() { # db
  local mark n want
  mark=$(sqlite3 "$1" "SELECT value FROM meta WHERE key = 'sync.pg.$server.checkins.pull'")
  n=$(count "$1" checkins)
  echo "  $1 holds $n check-ins, its pull mark ${mark:-none}"
  want=$(admin -c "SELECT count(*) FROM checkins WHERE srv_seq <= ${mark:-0}")
  [ $((n + $(quarantined "$1" 1))) = "$want" ] ||
    fail "$1 holds $n check-ins and set aside $(quarantined "$1" 1), the server $want up to its mark: not whole batches"
}
has_index() { sqlite3 "$1" "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = 'checkins_session'"; }

# A's check-ins: 400 trainees x 50 sessions of one class; sessions 1-30 first, 31-50 later.
checkins_of_sessions() { # db from to
  sql "$1" "INSERT INTO checkins(id,kiosk_id,created_at,session_id,person_id,kind,late,walkin,signature)
    SELECT lower(hex(randomblob(16))), '$ka', 1700000000000 + s.number * 86400000 + p.rowid * 1000,
           s.id, p.id, 1, p.rowid % 7 = 0, 0, CASE WHEN p.rowid % 10 = 0 THEN randomblob(240) END
    FROM sessions s CROSS JOIN people p WHERE s.number BETWEEN $2 AND $3"
}
new_kiosk A.db
ka=$(kid A.db)
sql A.db "
  INSERT INTO events(id,kiosk_id,created_at,updated_at,updated_by,code,kind,title,commune)
    VALUES('$E1','$ka',1,1,'$ka','MDN-MK',1,'May và đan dây nhựa','Mỹ Khánh');
  WITH RECURSIVE i(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM i WHERE x < 50)
  INSERT INTO sessions(id,kiosk_id,created_at,event_id,number,starts_at,ends_at,updated_at,updated_by)
    SELECT printf('5%031d', x), '$ka', 1, '$E1', x, 1700000000000 + x * 86400000,
           1700012600000 + x * 86400000, 1, '$ka' FROM i;
  WITH RECURSIVE i(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM i WHERE x < 400)
  INSERT INTO people(id,kiosk_id,created_at,updated_at,updated_by,full_name,name_key,birth_year,phone,commune)
    SELECT printf('a%031d', x), '$ka', x, x, '$ka', 'Nguyễn Thị Hoa ' || x, 'nguyen thi hoa ' || x,
           1960 + x % 40, '+8490' || printf('%07d', x), 'Mỹ Khánh' FROM i"
checkins_of_sessions A.db 1 30
start_server
"$K" --db A.db sync --with "$KIOSK_PG" >/dev/null 2>&1 || fail "A's first sync"

step "hostile rows on the server, among A's check-ins"
changed=$(admin -c "SELECT id FROM checkins ORDER BY srv_seq LIMIT 1 OFFSET 5000")
admin -c "UPDATE checkins SET late = 1 - late WHERE id = '$changed'"
p1=a0000000000000000000000000000001
s1=50000000000000000000000000000001
admin -c "INSERT INTO checkins(id,kiosk_id,created_at,session_id,person_id,kind,late,walkin,extra) VALUES
  ('ba000000000000000000000000000001','$ka',1700000000000,'$s1','$p1',1,0,0,'{}'),
  ('ba000000000000000000000000000002','$ka',4102444800000,'$s1','$p1',1,0,0,'{}'),
  ('../../ba00000000000000000000003','$ka',1700000000000,'$s1','$p1',1,0,0,'{}')"
checkins_of_sessions A.db 31 50
"$K" --db A.db sync --with "$KIOSK_PG" >/dev/null 2>&1 || fail "A's second sync"
[ "$(count A.db checkins)" = 20000 ] || fail "A holds $(count A.db checkins) check-ins, not 20000"
[ "$(admin -c "SELECT count(*) FROM checkins WHERE srv_seq > (SELECT srv_seq FROM checkins WHERE id = '../../ba00000000000000000000003')")" = 8000 ] ||
  fail "the hostile rows are not in the middle of the pull"
ok

step "a new kiosk's pull killed inside its bulk transaction"
new_kiosk B.db
KIOSK_SYNC_TEST_DELAY_MS=800 "$K" --db B.db sync --with "$KIOSK_PG" >out.txt 2>err.txt &
pid=$!
for _ in $(seq 1500); do
  grep -q "pulling 'checkins' into an empty table" err.txt && break
  kill -0 $pid 2>/dev/null || break
  sleep 0.02
done
grep -q "pulling 'checkins' into an empty table" err.txt || fail "no bulk pull of the check-ins: $(cat err.txt)"
kill -9 $pid 2>/dev/null || fail "the pull ended before it was killed"
wait $pid 2>/dev/null || true
[ "$(sqlite3 B.db 'PRAGMA integrity_check')" = ok ] || fail "B's database is damaged after the kill"
[ "$(count B.db checkins)" = 0 ] || fail "B holds $(count B.db checkins) check-ins after a kill inside the bulk transaction"
[ "$(has_index B.db)" = 1 ] || fail "the check-ins' index is gone after the kill"
[ "$(quarantined B.db 1)" = 0 ] || fail "check-ins set aside by a transaction that never committed"
[ "$(sum_kiosk B.db people)" = "$(sum_kiosk A.db people)" ] || fail "the people pulled before the kill are not whole"
server=$(admin -c 'SELECT server_id FROM schema_version')
[ "$(sqlite3 B.db "SELECT value FROM meta WHERE key = 'sync.pg.$server.people.pull'")" = "$(admin -c 'SELECT max(srv_seq) FROM people')" ] ||
  fail "the people's pull mark is not at their last row"
[ -z "$(sqlite3 B.db "SELECT value FROM meta WHERE key = 'sync.pg.$server.checkins.pull'")" ] ||
  fail "the check-ins' pull mark moved without its rows"
ok

step "the server's connection cut inside the bulk transaction: the sync says so, nothing half"
new_kiosk D.db
KIOSK_SYNC_TEST_DELAY_MS=800 "$K" --db D.db sync --with "$KIOSK_PG" >out.txt 2>err.txt &
pid=$!
for _ in $(seq 1500); do
  grep -q "pulling 'checkins' into an empty table" err.txt && break
  kill -0 $pid 2>/dev/null || break
  sleep 0.02
done
grep -q "pulling 'checkins' into an empty table" err.txt || fail "no bulk pull of the check-ins: $(cat err.txt)"
admin -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'kiosk'" >/dev/null
wait $pid && fail "the sync whose connection was cut succeeded"
grep -v "^kiosk: info" out.txt err.txt | grep -q "the server's rows of" ||
  fail "the sync does not say the server failed: $(cat out.txt err.txt)"
grep -q "cannot write to this kiosk's database" out.txt err.txt &&
  fail "a server failure reported as this kiosk's: $(cat out.txt err.txt)"
echo "  $(grep -h "the server's rows of" out.txt err.txt | head -1)"
[ "$(sqlite3 D.db 'PRAGMA integrity_check')" = ok ] || fail "D's database is damaged"
whole_batches D.db
"$K" --db D.db sync --with "$KIOSK_PG" >out.txt 2>&1 || fail "D's rerun: $(cat out.txt)"
[ "$(count D.db checkins)" = 19999 ] || fail "D's rerun did not complete the pull"
ok

step "the rerun completes; the hostile rows are set aside once each"
"$K" --db B.db sync --with "$KIOSK_PG" >out.txt 2>err.txt || fail "B's rerun: $(cat out.txt err.txt)"
[ "$(sqlite3 B.db 'PRAGMA integrity_check')" = ok ] || fail "B's database is damaged after the rerun"
[ "$(count B.db checkins)" = 19999 ] || fail "B holds $(count B.db checkins) check-ins, not A's 20000 but the changed one"
want=$(sqlite3 A.db "SELECT $(row_expr checkins sqlite) FROM checkins WHERE id <> '$changed' ORDER BY id" | md5sum)
got=$(sqlite3 B.db "SELECT $(row_expr checkins sqlite) FROM checkins ORDER BY id" | md5sum)
[ "$got" = "$want" ] || fail "B's check-ins differ from A's"
[ "$(has_index B.db)" = 1 ] || fail "the check-ins' index is missing after the bulk pull"
[ "$(sqlite3 B.db "SELECT count(*) FROM pragma_index_info('checkins_session')")" = 3 ] ||
  fail "the check-ins' index was not made again as it was"
[ "$(quarantined B.db "row_id = '$changed' AND reason LIKE 'not written by an enrolled kiosk%'")" = 1 ] ||
  fail "the changed check-in is not set aside: $(sqlite3 B.db 'SELECT row_id, reason FROM quarantine')"
[ "$(quarantined B.db "row_id = 'ba000000000000000000000000000001' AND reason LIKE 'not written by an enrolled kiosk%'")" = 1 ] ||
  fail "the unsealed check-in is not set aside"
[ "$(quarantined B.db "row_id = 'ba000000000000000000000000000002' AND reason LIKE 'a time later than now%'")" = 1 ] ||
  fail "the check-in of 2100 is not set aside"
[ "$(quarantined B.db "row_id = '../../ba00000000000000000000003' AND reason LIKE 'an id that is not 32 hex digits%'")" = 1 ] ||
  fail "the check-in with a path for an id is not set aside"
[ "$(quarantined B.db 1)" = 4 ] || fail "B set aside $(quarantined B.db 1) check-ins, not 4"
grep -q "refused.*checkins 4" out.txt || fail "kioskctl sync does not count the refused check-ins: $(cat out.txt)"
ok

step "a third sync moves and sets aside nothing"
"$K" --db B.db sync --with "$KIOSK_PG" >out.txt 2>&1 || fail "B's third sync: $(cat out.txt)"
grep -q "nothing to exchange" out.txt || fail "the third sync moved rows: $(cat out.txt)"
[ "$(quarantined B.db 1)" = 4 ] || fail "the third sync set rows aside again"
ok

step "a running kiosk stops on SIGTERM while its pull waits on a stalled server"
new_kiosk C.db
export SDL_VIDEODRIVER=dummy SDL_RENDER_DRIVER=software SDL_AUDIODRIVER=dummy
printf 'sync = %s\nsync_interval_s = 1\nlog_level = info\n' "$KIOSK_PG" >kiosk.ini
KIOSK_SYNC_TEST_DELAY_MS=300 "$BUILD/kiosk" --db C.db --config kiosk.ini --window 800x600 2>kiosk.log &
kpid=$!
on_fail() { admin -c "SELECT pid FROM pg_stat_activity WHERE usename = 'kiosk'" | xargs -r kill -CONT 2>/dev/null || true; tail -5 kiosk.log; }
for _ in $(seq 1500); do
  grep -q "pulling 'checkins' into an empty table" kiosk.log && break
  kill -0 $kpid 2>/dev/null || break
  sleep 0.02
done
grep -q "pulling 'checkins' into an empty table" kiosk.log || fail "the kiosk did not pull: $(tail -3 kiosk.log)"
backends=$(admin -c "SELECT pid FROM pg_stat_activity WHERE usename = 'kiosk'")
[ -n "$backends" ] || fail "no server process of the kiosk's pull"
kill -STOP $backends
sleep 1
t0=$EPOCHREALTIME
kill -TERM $kpid
for _ in $(seq 300); do kill -0 $kpid 2>/dev/null || break; sleep 0.05; done
waited=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
stuck=0
kill -0 $kpid 2>/dev/null && stuck=1
kill -CONT $backends
if [ $stuck = 1 ]; then kill -9 $kpid; fail "the kiosk still ran ${waited} s after SIGTERM, its pull waiting on the server"; fi
wait $kpid || fail "the kiosk's exit status after SIGTERM: $?"
echo "  stopped ${waited} s after SIGTERM"
[ "$(sqlite3 C.db 'PRAGMA integrity_check')" = ok ] || fail "C's database is damaged after the stop"
whole_batches C.db
"$K" --db C.db sync --with "$KIOSK_PG" >out.txt 2>&1 || fail "C's sync after the stop: $(cat out.txt)"
[ "$(sqlite3 C.db "SELECT $(row_expr checkins sqlite) FROM checkins ORDER BY id" | md5sum)" = "$got" ] ||
  fail "C's check-ins after its later sync differ from B's"
ok
finish_tests
