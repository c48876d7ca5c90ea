#!/usr/bin/env bash
# Server pulls in batches (issue 15 item 3, docs/TRUST.md "Server sync"): the kiosk streams the
# server's rows one at a time into local batches capped in rows and bytes, so its memory stays
# bounded whatever the server holds.
# - Four 50 MB rows on the server (three log lines and a person, written there by someone who
#   is not a kiosk; before: a pull loaded them whole, 324 MB RSS): a new kiosk pulls with a
#   peak RSS (VmHWM, /usr/bin/time) well under one such row; the four are refused, set aside
#   and counted, the rows after them arrive; a rerun moves nothing and sets nothing aside twice.
# - Twenty rows of 3 MB (over the byte cap together, each under the row cap): they come one
#   by one, in several batches, and are refused by the typed-input checks; the rows after
#   them arrive.
# - A pull of 70,000 log lines (four batches; A seals them in two seals, 65,536 hashes at
#   most) killed after its first batch: the kiosk keeps whole batches only (every row up to
#   its mark, none past it), and the rerun completes.
# usage: bash sync_pg_batches.test.sh BUILD_DIR SOURCE_DIR
BUILD=$(cd "$1" && pwd)
SRC=$(cd "$2" && pwd)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || {
  echo "SKIP: no PostgreSQL server binaries (scripts/packages-test.txt)"
  exit 77
}
[ -x /usr/bin/time ] || { echo "SKIP: /usr/bin/time missing (package time)"; exit 77; }
source "$SRC/tests/e2e/sync_lib.sh"
# Under AddressSanitizer freed memory stays in its quarantine: RSS says nothing there.
rss_max_kb=$((48 * 1024))
grep -qs '^KIOSK_SANITIZE:BOOL=ON' "$BUILD/CMakeCache.txt" && rss_max_kb=$((1024 * 1024))
cd "$WORK"
admin() { psql -X -q -At -d "$KIOSK_PG_ADMIN" -v ON_ERROR_STOP=1 "$@"; }
pulled_tables="events sessions people registrations consents checkins"
a_log() { sqlite3 "$1" "SELECT $(row_expr log sqlite) FROM log WHERE kiosk_id = '$ka' ORDER BY id" | md5sum; }
same_rows() { # db db: the same rows in the tables a pull fills (A's log lines: B has its own)
  local t
  for t in $pulled_tables; do
    [ "$(sum_kiosk "$1" $t)" = "$(sum_kiosk "$2" $t)" ] || fail "$t differs between $1 and $2"
  done
  [ "$(a_log "$1")" = "$(a_log "$2")" ] || fail "A's log lines differ between $1 and $2"
}
quarantined() { sqlite3 "$1" "SELECT count(*) FROM quarantine WHERE reason LIKE '$2%'"; }

new_kiosk A.db
seed_program A.db
seed_people A.db 3 a001
ka=$(kid A.db)
start_server
"$K" --db A.db sync --with "$KIOSK_PG" >/dev/null || fail "A's first sync"

step "four 50 MB rows on the server, then A's next rows"
mb50=$((50 * 1024 * 1024))
for i in 1 2 3; do
  admin -c "INSERT INTO log(id,kiosk_id,created_at,kind,subject,detail)
    VALUES('b000000000000000000000000000000$i','$ka',5000,'checkin','',repeat('x',$mb50))"
done
admin -c "INSERT INTO people(id,kiosk_id,created_at,updated_at,updated_by,full_name,given_name,name_key,birth_year,phone,commune,district,province,organisation,org_kind,extra)
  VALUES('b0000000000000000000000000000004','$ka',5000,5000,'$ka',repeat('H',$mb50),'','',1970,'','','','','',0,'')"
seed_people A.db 2 a002
"$K" --db A.db sync --with "$KIOSK_PG" >/dev/null || fail "A's second sync"
[ "$(admin -c "SELECT count(*) FROM log WHERE srv_seq > (SELECT max(srv_seq) FROM log WHERE id = 'b0000000000000000000000000000003')")" -ge 2 ] ||
  fail "A's later log lines are not after the big ones on the server"

step "a new kiosk pulls: bounded memory, the big rows refused, the later rows there"
new_kiosk B.db
/usr/bin/time -f '%M' -o rss.txt "$K" --db B.db sync --with "$KIOSK_PG" >out.txt 2>&1 ||
  fail "B's pull: $(cat out.txt)"
rss_kb=$(tail -1 rss.txt)
echo "  peak RSS of the pull: $((rss_kb / 1024)) MiB ($(grep -o 'refused[^;]*' out.txt | head -1))"
[ "$rss_kb" -lt "$rss_max_kb" ] || fail "peak RSS $((rss_kb / 1024)) MiB: the big rows were loaded"
[ "$(quarantined B.db 'a row larger than a kiosk writes')" = 4 ] ||
  fail "the four big rows are not all set aside: $(sqlite3 B.db 'SELECT tbl, row_id, reason FROM quarantine')"
[ "$(sqlite3 B.db "SELECT group_concat(tbl || ':' || row_id, ' ') FROM (SELECT tbl, row_id FROM quarantine ORDER BY row_id)")" = \
  "log:b0000000000000000000000000000001 log:b0000000000000000000000000000002 log:b0000000000000000000000000000003 people:b0000000000000000000000000000004" ] ||
  fail "the set-aside rows are not named by table and id"
grep -q "refused.* log 3" out.txt && grep -q "refused.* people 1" out.txt ||
  fail "kioskctl sync does not count the refused rows: $(cat out.txt)"
[ "$(sqlite3 B.db "SELECT (SELECT count(*) FROM log WHERE id GLOB 'b000000000000000000000000000000[123]')
  + (SELECT count(*) FROM people WHERE id = 'b0000000000000000000000000000004')")" = 0 ] ||
  fail "a big row was written"
same_rows A.db B.db
"$K" --db B.db sync --with "$KIOSK_PG" >out.txt 2>&1 || fail "B's rerun: $(cat out.txt)"
[ "$(sqlite3 B.db 'SELECT count(*) FROM quarantine')" = 4 ] || fail "the rerun set rows aside again"
grep -q "nothing to exchange" out.txt && grep -q "0 in this sync, 4 in all" out.txt ||
  fail "the rerun moved or refused rows again: $(cat out.txt)"

step "twenty 3 MB rows (several batches by bytes), then A's next rows"
admin -c "INSERT INTO log(id,kiosk_id,created_at,kind,subject,detail)
  SELECT 'c' || lpad(x::text, 31, '0'), '$ka', 6000, 'checkin', '', repeat('y', 3 * 1024 * 1024)
  FROM generate_series(1, 20) AS x"
seed_people A.db 2 a003
"$K" --db A.db sync --with "$KIOSK_PG" >/dev/null || fail "A's third sync"
/usr/bin/time -f '%M' -o rss.txt "$K" --db B.db sync --with "$KIOSK_PG" >out.txt 2>&1 ||
  fail "B's pull of the 3 MB rows: $(cat out.txt)"
rss_kb=$(tail -1 rss.txt)
echo "  peak RSS: $((rss_kb / 1024)) MiB for 60 MB of rows"
[ "$rss_kb" -lt "$rss_max_kb" ] || fail "peak RSS $((rss_kb / 1024)) MiB: the rows were loaded at once"
[ "$(quarantined B.db 'a text longer than a kiosk writes')" = 20 ] ||
  fail "the 3 MB rows are not all refused: $(sqlite3 B.db 'SELECT reason, count(*) FROM quarantine GROUP BY 1')"
same_rows A.db B.db

step "a pull killed after its first batch keeps whole batches; the rerun completes"
sql A.db "WITH RECURSIVE i(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM i WHERE x < 70000)
  INSERT INTO log(id,kiosk_id,created_at,kind,subject,detail)
  SELECT lower(hex(randomblob(16))), '$ka', 7000 + x, 'checkin', 'bulk', '' FROM i"
"$K" --db A.db sync --with "$KIOSK_PG" >/dev/null || fail "A's bulk sync"
[ "$(sqlite3 A.db "SELECT count(*) FROM seals WHERE length(hashes) = 65536 * 32")" = 1 ] ||
  fail "70,000 rows not sealed in seals of at most 65,536 hashes"
cp B.db B.before
a_lines() { sqlite3 "$1" "SELECT count(*) FROM log WHERE kiosk_id = '$ka'"; }
before=$(a_lines B.db)
KIOSK_SYNC_TEST_DELAY_MS=700 "$K" --db B.db sync --with "$KIOSK_PG" >/dev/null 2>&1 &
pid=$!
mark_key="sync.pg.$(admin -c 'SELECT server_id FROM schema_version').log.pull"
first=$(sqlite3 B.before "SELECT value FROM meta WHERE key = '$mark_key'")
for _ in $(seq 600); do
  now=$(sqlite3 -cmd '.timeout 2000' B.db "SELECT value FROM meta WHERE key = '$mark_key'" 2>/dev/null || echo "$first")
  [ "$now" != "$first" ] && break
  kill -0 $pid 2>/dev/null || break
  sleep 0.05
done
kill -9 $pid 2>/dev/null || true
wait $pid 2>/dev/null || true
mark=$(sqlite3 B.db "SELECT value FROM meta WHERE key = '$mark_key'")
got=$(a_lines B.db)
echo "  killed with $((got - before)) of 70000 lines taken, log mark $first -> $mark"
[ "$mark" != "$first" ] || fail "the pull was not caught between batches"
[ "$got" -gt "$before" ] && [ "$got" -lt $((before + 70000)) ] || fail "not a part of the pull: $got lines"
[ "$(sqlite3 B.db 'PRAGMA integrity_check')" = ok ] || fail "integrity after the kill"
want=$(admin -c "SELECT count(*) FROM log WHERE srv_seq <= $mark AND kiosk_id = '$ka' AND octet_length(detail) < 65536")
[ "$got" = "$want" ] || fail "B holds $got lines, the server $want up to the mark: not whole batches"
"$K" --db B.db sync --with "$KIOSK_PG" >out.txt 2>&1 || fail "the rerun after the kill: $(cat out.txt)"
same_rows A.db B.db
[ "$(sqlite3 B.db 'SELECT count(*) FROM quarantine')" = 24 ] || fail "the rerun set rows aside again"
echo "PASS sync_pg_batches"
