#!/usr/bin/env bash
# File sync between kiosks: A -> USB stick -> B and back, a rerun that changes nothing, the
# same person edited on two kiosks, a sync killed half-way then rerun, files refused.
# usage: bash sync_file.test.sh BUILD_DIR SOURCE_DIR
BUILD=$(cd "$1" && pwd)
SRC=$(cd "$2" && pwd)
source "$SRC/tests/e2e/sync_lib.sh"
cd "$WORK"

step "two kiosks: A holds the program and 12 trainees, B 7 of its own"
new_kiosk A.db
new_kiosk B.db
seed_program A.db
# B got the program from the coordinator's kiosk (a first sync); then each signed up people.
"$K" --db B.db sync --with A.db >/dev/null || fail "first sync B <-> A"
seed_people A.db 12 a001
seed_people B.db 7 b002
[ "$(count A.db people)" = 12 ] && [ "$(count B.db people)" = 7 ] || fail "setup counts"

step "A -> usb.db (a fresh USB stick) -> B -> usb.db -> A"
out=$("$K" --db A.db sync --with usb.db) || fail "sync A with a new usb.db"
echo "$out"
echo "$out" | grep -q "sent:" || fail "A sent nothing to usb.db: $out"
[ "$(count usb.db checkins)" = 12 ] || fail "usb.db should hold A's 12 check-ins"
out=$("$K" --db B.db sync --with usb.db) || fail "sync B with usb.db"
echo "$out"
echo "$out" | grep -q "received: .*checkins" || fail "B received no check-ins: $out"
"$K" --db A.db sync --with usb.db >/dev/null || fail "sync A with usb.db again"
same_everywhere A.db B.db usb.db
[ "$(count A.db checkins)" = 19 ] || fail "A should count 19 check-ins, has $(count A.db checkins)"
[ "$(sqlite3 B.db "SELECT own FROM keys WHERE key_id='$(own_key A.db)'")" = 0 ] || fail "A's key on B must not be B's own"
[ "$(sqlite3 A.db "SELECT own FROM keys WHERE key_id='$(own_key A.db)'")" = 1 ] || fail "A's own key lost its mark"
nfd=$(sqlite3 B.db "SELECT hex(full_name) FROM people WHERE id='a001$(printf '%028d' 3)'")
[ "$nfd" = "$(sqlite3 A.db "SELECT hex(full_name) FROM people WHERE id='a001$(printf '%028d' 3)'")" ] || fail "an NFD name changed on the way"

step "a second run changes nothing"
before=$(sums_kiosk A.db; sums_kiosk B.db)
out=$("$K" --db A.db sync --with B.db) || fail "rerun"
echo "$out"
echo "$out" | grep -q "nothing to exchange" || fail "a rerun moved rows: $out"
[ "$before" = "$(sums_kiosk A.db; sums_kiosk B.db)" ] || fail "a rerun changed a table"

step "the same person edited on A, then later on B: the later edit wins on both"
p=a001$(printf '%028d' 2)
ka=$(kid A.db); kb=$(kid B.db)
sql A.db "UPDATE people SET phone='+84901111111', updated_at=9000, updated_by='$ka' WHERE id='$p'"
sql B.db "UPDATE people SET phone='+84902222222', updated_at=9500, updated_by='$kb' WHERE id='$p'"
"$K" --db A.db sync --with B.db >/dev/null || fail "sync after edits"
[ "$(sqlite3 A.db "SELECT phone FROM people WHERE id='$p'")" = "+84902222222" ] || fail "A kept its older edit"
[ "$(sqlite3 B.db "SELECT phone FROM people WHERE id='$p'")" = "+84902222222" ] || fail "B lost its later edit"
# Same time on both: the larger kiosk id wins, the same way on both sides.
sql A.db "UPDATE people SET organisation='HTX A', updated_at=9900, updated_by='$ka' WHERE id='$p'"
sql B.db "UPDATE people SET organisation='HTX B', updated_at=9900, updated_by='$kb' WHERE id='$p'"
"$K" --db B.db sync --with A.db >/dev/null || fail "sync after same-time edits"
want=$([ "$ka" \> "$kb" ] && echo "HTX A" || echo "HTX B")
[ "$(sqlite3 A.db "SELECT organisation FROM people WHERE id='$p'")" = "$want" ] || fail "tie: A has the wrong version"
same_everywhere A.db B.db

step "the same trainee registered on A and on B before they met: one registration, the earliest"
sql A.db "INSERT INTO people(id,kiosk_id,created_at,updated_at,updated_by,full_name,name_key) VALUES('c0ffee00000000000000000000000001','$ka',7000,7000,'$ka','Võ Thị Thu','vo thi thu')"
"$K" --db A.db sync --with B.db >/dev/null || fail "sync of the walk-in"
sql A.db "INSERT INTO registrations(id,kiosk_id,created_at,event_id,person_id,status) VALUES('aa000000000000000000000000000001','$ka',7100,'$E1','c0ffee00000000000000000000000001',1)"
sql B.db "INSERT INTO registrations(id,kiosk_id,created_at,event_id,person_id,status) VALUES('bb000000000000000000000000000001','$kb',7050,'$E1','c0ffee00000000000000000000000001',1)"
"$K" --db A.db sync --with B.db || fail "sync of two registrations"
for db in A.db B.db; do
  [ "$(sqlite3 $db "SELECT id FROM registrations WHERE person_id='c0ffee00000000000000000000000001'")" = bb000000000000000000000000000001 ] \
    || fail "$db does not keep the earliest registration"
done
same_everywhere A.db B.db

step "a sync killed at random points, then rerun: complete, nothing twice"
new_kiosk C.db
seed_people A.db 40 a003
for attempt in 1 2 3 4 5; do
  KIOSK_SYNC_TEST_DELAY_MS=40 "$K" --db C.db sync --with A.db >/dev/null 2>&1 &
  pid=$!
  sleep "0.$((RANDOM % 8))$((RANDOM % 10))"
  kill -9 $pid 2>/dev/null || true
  wait $pid 2>/dev/null || true
  # Whatever was written is whole: no check-in without its person or session.
  orphans=$(sqlite3 C.db "SELECT count(*) FROM checkins WHERE person_id NOT IN (SELECT id FROM people) OR session_id NOT IN (SELECT id FROM sessions)")
  [ "$orphans" = 0 ] || fail "attempt $attempt left $orphans check-ins without parents"
done
"$K" --db C.db sync --with A.db >/dev/null || fail "rerun after kills"
"$K" --db C.db sync --with B.db >/dev/null || fail "C with B"
"$K" --db A.db sync --with B.db >/dev/null || fail "A with B"
same_everywhere A.db B.db C.db
[ "$(count C.db checkins)" = "$(sqlite3 C.db 'SELECT count(DISTINCT id) FROM checkins')" ] || fail "duplicated check-ins"
[ "$(count C.db checkins)" = 59 ] || fail "C should count 12+7+40 check-ins, has $(count C.db checkins)"
out=$("$K" --db C.db sync --with A.db) || fail "last rerun"
echo "$out" | grep -q "nothing to exchange" || fail "a rerun after recovery moved rows: $out"

step "a kiosk of the demo program and one of this program: neither takes the other's records"
"$K" --db demo.db init --demo >/dev/null
new_kiosk fresh.db
out=$("$K" --db fresh.db sync --with demo.db) || fail "fresh with demo"
echo "$out" | grep -q "refused (set aside" || fail "the demo's records were not refused: $out"
for t in events sessions people registrations; do
  [ "$(count fresh.db $t)" = 0 ] || fail "a kiosk of this program took the demo's $t"
done
[ "$(count fresh.db quarantine)" -gt 0 ] || fail "nothing set aside"
step "two kiosks filled with the demo apart: one program, the same trainees once"
"$K" --db demo2.db init --demo >/dev/null
out=$("$K" --db demo2.db sync --with demo.db) || fail "two demo kiosks: the sync failed"
echo "$out" | grep -q "programs made apart" && fail "a clash between two demo programs: $out"
for t in events sessions people registrations; do
  [ "$(count demo2.db $t)" = "$(count demo.db $t)" ] || fail "two demo kiosks differ in $t"
done
step "an event typed apart on two kiosks (same code, other ids): the sync works and says why"
for db in demo.db demo2.db; do
  id=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
  sqlite3 $db "INSERT INTO events(id, kiosk_id, created_at, updated_at, updated_by, code, kind,
    title) VALUES('$id', '$(kid $db)', 1, 1, '$(kid $db)', 'EXTRA-1', 1, 'Lớp thêm')"
done
out=$("$K" --db demo2.db sync --with demo.db) || fail "two programs made apart: the sync failed"
echo "$out" | grep -q "programs made apart" || fail "no hint about the clash: $out"
[ "$(count demo2.db events)" = "$(count demo.db events)" ] || fail "the clash added events"

step "files that are not a kiosk database are refused in one line, nothing changed"
before=$(sums_kiosk A.db)
echo "danh sách" >notes.txt
sqlite3 other.db "CREATE TABLE t(x)"
for bad in notes.txt other.db A.db; do
  set +e
  err=$("$K" --db A.db sync --with $bad 2>&1 >/dev/null); rc=$?
  set -e
  [ $rc = 1 ] || fail "sync with $bad: exit $rc, want 1"
  [ "$(echo "$err" | wc -l)" = 1 ] || fail "sync with $bad: more than one line: $err"
  echo "  $bad: $err"
done
[ "$(cat notes.txt)" = "danh sách" ] || fail "notes.txt was changed"
[ "$(sqlite3 other.db 'SELECT count(*) FROM sqlite_master')" = 1 ] || fail "other.db was changed"
[ "$before" = "$(sums_kiosk A.db)" ] || fail "a refused sync changed A"

echo "PASS sync_file"
