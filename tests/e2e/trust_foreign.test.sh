#!/usr/bin/env bash
# Foreign files are untrusted (issue 15 item 3, docs/TRUST.md): a kiosk file whose `consents`
# is a never-ending recursive view, a file with a trigger a kiosk never makes: the sync ends
# with an error within seconds, both files unchanged, the kiosk's database free for check-ins
# meanwhile; the running kiosk syncing with it still stops on SIGTERM. A server whose sync lock
# another client holds: the sync times out (lock_timeout), both sides unchanged.
# usage: bash trust_foreign.test.sh BUILD_DIR SOURCE_DIR
BUILD=$(cd "$1" && pwd)
SRC=$(cd "$2" && pwd)
source "$SRC/tests/e2e/sync_lib.sh"
cd "$WORK"
new_kiosk A.db
seed_program A.db
seed_people A.db 3 a001
ka=$(kid A.db)

step "a kiosk file whose consents is a recursive view: refused at once, nothing changed"
new_kiosk V.db
sqlite3 V.db "DROP TRIGGER IF EXISTS consents_no_update; DROP TRIGGER IF EXISTS consents_no_delete;
  DROP TABLE consents;
  CREATE VIEW consents AS WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r)
    SELECT printf('%032x', x) AS id, '$ka' AS kiosk_id, x AS created_at, printf('%032x', x) AS person_id,
           1 AS purpose, 1 AS granted, 'v1' AS text_version FROM r;"
before_a=$(sums_kiosk A.db); before_v=$(md5sum <V.db)
t0=$SECONDS
set +e
out=$(timeout 60 "$K" --db A.db sync --with V.db 2>&1); rc=$?
set -e
echo "  exit $rc after $((SECONDS - t0)) s: $out"
[ $rc = 1 ] || fail "sync with the crafted file: exit $rc (124: still running after 60 s)"
[ $((SECONDS - t0)) -le 20 ] || fail "the refusal took $((SECONDS - t0)) s"
echo "$out" | grep -q "view" || fail "the refusal does not say why: $out"
[ "$before_a" = "$(sums_kiosk A.db)" ] || fail "A changed"
[ "$before_v" = "$(md5sum <V.db)" ] || fail "the crafted file changed"
sql A.db "PRAGMA busy_timeout=0; INSERT INTO checkins(id,kiosk_id,created_at,session_id,person_id,kind)
  VALUES('cc000000000000000000000000000001','$ka',1700000000000,'$S1','a001$(printf '%028d' 1)',1)" \
  || fail "A's database is locked after the refused sync"

step "a file with a trigger a kiosk never makes: refused, nothing changed"
new_kiosk T.db
sqlite3 T.db "CREATE TRIGGER t_evil AFTER INSERT ON people BEGIN
  INSERT INTO log(id,kiosk_id,created_at,kind,subject,detail) SELECT lower(hex(randomblob(16))), new.kiosk_id, 1, 'x', '', ''; END;"
before_a=$(sums_kiosk A.db); before_t=$(md5sum <T.db)
"$K" --db A.db sync --with T.db >out.txt 2>&1 && fail "a file with a foreign trigger was synced"
grep -q "trigger" out.txt || fail "the refusal does not say why: $(cat out.txt)"
[ "$before_a" = "$(sums_kiosk A.db)" ] || fail "A changed"
[ "$before_t" = "$(md5sum <T.db)" ] || fail "the crafted file changed"

step "the running kiosk, syncing with the crafted file, stops on SIGTERM"
export SDL_VIDEODRIVER=dummy SDL_RENDER_DRIVER=software SDL_AUDIODRIVER=dummy
printf 'sync = %s\nsync_interval_s = 1\n' "$WORK/V.db" >kiosk.ini
"$BUILD/kiosk" --db A.db --config kiosk.ini --window 800x600 2>kiosk.log &
kpid=$!
sleep 3
kill -TERM $kpid
for _ in $(seq 100); do kill -0 $kpid 2>/dev/null || break; sleep 0.05; done
if kill -0 $kpid 2>/dev/null; then kill -9 $kpid; fail "the kiosk ignored SIGTERM"; fi
wait $kpid || fail "the kiosk's exit status after SIGTERM: $?"
[ "$before_v" = "$(md5sum <V.db)" ] || fail "the crafted file changed"

step "a stalled server lock: the sync times out, both sides unchanged"
start_server
"$K" --db A.db sync --with "$KIOSK_PG" >/dev/null || fail "first sync"
seed_people A.db 2 a002
# (A may seal its new rows before the server answers: a seal is its own bookkeeping over rows
# it holds, not a change of them; every other table must stay as it was.)
sums_no_seals() { sums_kiosk "$1" | grep -v '^seals '; }
before_a=$(sums_no_seals A.db); before_s=$(sums_server)
psql -X -q -d "$KIOSK_PG_ADMIN" -c "BEGIN; SELECT pg_advisory_xact_lock(7402316001); SELECT pg_sleep(8); COMMIT;" >/dev/null 2>&1 &
lpid=$!
sleep 1
short="$KIOSK_PG options='-c lock_timeout=2000'" # the test's own, shorter than the default 30 s
t0=$SECONDS
set +e
out=$(timeout 25 "$K" --db A.db sync --with "$short" 2>&1); rc=$?
set -e
kill $lpid 2>/dev/null || true; wait $lpid 2>/dev/null || true
echo "  exit $rc after $((SECONDS - t0)) s: $out"
[ $rc = 1 ] || fail "sync behind a held lock: exit $rc (124: it waited)"
[ "$before_a" = "$(sums_no_seals A.db)" ] || fail "A changed"
[ "$before_s" = "$(sums_server)" ] || fail "the server changed"
"$K" --db A.db sync --with "$KIOSK_PG" >/dev/null || fail "the sync once the lock is free"

echo "PASS trust_foreign"
