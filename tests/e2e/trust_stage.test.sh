#!/usr/bin/env bash
# A stick's rows pass through a staging database (issue 15 item 3, docs/TRUST.md): while a
# slow stick is copied and checked, check-ins on the kiosk commit within a second (the kiosk's
# write lock is held only for the final merge); a sync stopped while staging (kill -9, the
# running kiosk's SIGTERM) leaves the kiosk and the stick as they were and no staging file;
# an edited row is refused in the staging copy and never reaches the kiosk.
# usage: bash trust_stage.test.sh BUILD_DIR SOURCE_DIR
BUILD=$(cd "$1" && pwd)
SRC=$(cd "$2" && pwd)
source "$SRC/tests/e2e/sync_lib.sh"
cd "$WORK"
new_kiosk A.db
new_kiosk B.db
seed_program B.db
seed_people B.db 1000 b001
ka=$(kid A.db)
"$K" --db B.db sync --with stick.db >/dev/null || fail "B to the stick"
"$K" --db A.db sync --with empty.db >/dev/null || fail "A's own rows sealed once"
before_a=$(sums_kiosk A.db)
before_stick=$(sums_kiosk stick.db)

# One check-in on A by another connection that waits at most 1 s for the write lock.
checkin_a() { # $1 a number for the id
  sqlite3 A.db "PRAGMA busy_timeout=1000; INSERT INTO log(id,kiosk_id,created_at,kind,subject,detail)
    VALUES(printf('%032x', $1), '$ka', 1700000000000 + $1, 'checkin', 'test', '')" >/dev/null 2>&1
}
stage_seen() { # waits up to 10 s for a staging file of $1 made after the file 'mark'
  for _ in $(seq 200); do [ "$1.stage" -nt mark ] && return 0; sleep 0.05; done
  return 1
}

step "a sync stopped by kill -9 while staging: the kiosk and the stick as they were"
touch mark; sleep 0.01
KIOSK_SYNC_TEST_DELAY_MS=300 "$K" --db A.db sync --with stick.db >/dev/null 2>&1 &
pid=$!
stage_seen A.db || fail "no staging file while the sync runs"
sleep 1
kill -9 $pid; wait $pid 2>/dev/null || true
[ "$before_a" = "$(sums_kiosk A.db)" ] || fail "A changed by a sync stopped while staging"
[ "$before_stick" = "$(sums_kiosk stick.db)" ] || fail "the stick changed by a sync stopped while staging"
[ "$(sqlite3 A.db 'PRAGMA integrity_check')" = ok ] || fail "A damaged"
[ -e A.db.stage ] || fail "kill -9 left no staging file (was it staging?)"

step "the running kiosk, staging a slow stick, stops on SIGTERM: nothing changed, no staging file"
export SDL_VIDEODRIVER=dummy SDL_RENDER_DRIVER=software SDL_AUDIODRIVER=dummy
printf 'sync = %s\nsync_interval_s = 1\n' "$WORK/stick.db" >kiosk.ini
touch mark; sleep 0.01
KIOSK_SYNC_TEST_DELAY_MS=1000 "$BUILD/kiosk" --db A.db --config kiosk.ini --window 800x600 2>kiosk.log &
kpid=$!
stage_seen A.db || { kill -9 $kpid; fail "the kiosk did not start staging: $(tail -5 kiosk.log)"; }
sleep 1
t0=$(date +%s%N)
kill -TERM $kpid
for _ in $(seq 200); do kill -0 $kpid 2>/dev/null || break; sleep 0.05; done
if kill -0 $kpid 2>/dev/null; then kill -9 $kpid; fail "the kiosk ignored SIGTERM while staging"; fi
wait $kpid || fail "the kiosk's exit status after SIGTERM: $?"
echo "  stopped $((($(date +%s%N) - t0) / 1000000)) ms after SIGTERM"
[ ! -e A.db.stage ] || fail "the staging file was left behind"
sums_no_log() { sums_kiosk "$1" | grep -vE "^(log|seals) "; } # the kiosk logs (and seals) its start
[ "$(sums_no_log A.db)" = "$(echo "$before_a" | grep -vE "^(log|seals) ")" ] || fail "A changed by a stopped sync"
[ "$before_stick" = "$(sums_kiosk stick.db)" ] || fail "the stick changed by a stopped sync"
"$K" --db A.db sync --with empty.db >/dev/null || fail "A's log rows sealed"
before_a=$(sums_kiosk A.db)

step "check-ins go on while a slow stick is staged; then the sync completes"
touch mark; sleep 0.01
KIOSK_SYNC_TEST_DELAY_MS=300 "$K" --db A.db sync --with stick.db >sync.out 2>&1 &
pid=$!
stage_seen A.db || fail "no staging file while the sync runs"
[ "$(stat -c %a A.db.stage)" = 600 ] || fail "the staging file is not private: $(stat -c %a A.db.stage)"
ok=0
for i in $(seq 1 8); do
  t0=$(date +%s%N)
  checkin_a $((900 + i)) || fail "check-in $i failed while the stick was staged (database locked)"
  ms=$((($(date +%s%N) - t0) / 1000000))
  [ -e A.db.stage ] && ok=$((ok + 1))
  echo "  check-in $i committed in $ms ms"
  sleep 0.25
done
[ $ok -ge 4 ] || fail "only $ok check-ins ran while staging (the test proves nothing)"
wait $pid || fail "the sync failed: $(cat sync.out)"
[ ! -e A.db.stage ] || fail "the staging file was left behind"
[ "$(count A.db people)" = 1000 ] || fail "A holds $(count A.db people) people, not 1000"
[ "$(count A.db checkins)" = 1000 ] || fail "A holds $(count A.db checkins) check-ins, not 1000"
[ "$(sqlite3 A.db "SELECT count(*) FROM log WHERE id LIKE '00000000000000000000000000000%'")" = 8 ] \
  || fail "the check-ins made during the sync are not all there"
[ "$(sqlite3 A.db 'PRAGMA integrity_check')" = ok ] || fail "A damaged"

step "an edited row is refused in the staging copy: set aside, never in the kiosk"
new_kiosk C.db
"$K" --db B.db sync --with stick2.db >/dev/null || fail "B to stick2"
sqlite3 stick2.db "UPDATE people SET full_name = 'Kẻ Giả Mạo' WHERE id = 'b001$(printf '%028d' 7)'"
out=$("$K" --db C.db sync --with stick2.db) || fail "C with the edited stick: $out"
[ "$(sqlite3 C.db "SELECT count(*) FROM people WHERE full_name = 'Kẻ Giả Mạo'")" = 0 ] \
  || fail "the edited row reached the kiosk"
[ "$(sqlite3 C.db "SELECT count(*) FROM quarantine WHERE tbl = 'people' AND row_id = 'b001$(printf '%028d' 7)'")" = 1 ] \
  || fail "the edited row was not set aside"
[ "$(count C.db people)" = 999 ] || fail "C should hold the 999 other people, holds $(count C.db people)"
[ ! -e C.db.stage ] || fail "the staging file was left behind"

echo "PASS trust_stage"
