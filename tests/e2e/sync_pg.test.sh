#!/usr/bin/env bash
# Three kiosks through one real PostgreSQL server (a private cluster in a temporary folder):
# everyone ends with the same rows as the server, a rerun changes nothing, the same person
# edited on two kiosks, syncs killed half-way then rerun, a wrong password and an unreachable
# server (one line, exit 1, the kiosk's database unchanged), a server made anew.
# usage: bash sync_pg.test.sh BUILD_DIR SOURCE_DIR
BUILD=$(cd "$1" && pwd)
SRC=$(cd "$2" && pwd)
source "$SRC/tests/e2e/sync_lib.sh"
cd "$WORK"
start_server
SERVER="$KIOSK_PG"                                        # host=... dbname=kiosk user=kiosk
URI="postgresql://kiosk@/kiosk?host=$PGHOST"              # the same server as a URI
sync() { "$K" --db "$1" sync --with "${2:-$SERVER}"; }

step "A holds the program and 10 trainees; B and C are new"
for k in A B C; do new_kiosk $k.db; done
seed_program A.db
seed_people A.db 10 a001
out=$(sync A.db) || fail "A's first sync"
echo "$out"
echo "$out" | grep -q "sent: events 2, sessions 3, people 10" || fail "A's first sync: $out"
v=$(psql -X -At -d "$KIOSK_PG_ADMIN" -c 'SELECT version FROM schema_version')
[ "${v:-0}" -ge 4 ] || fail "no schema_version on the server (got '$v')"
sync B.db >/dev/null || fail "B's first sync"
sync C.db "$URI" >/dev/null || fail "C's first sync (URI)"
[ "$(count C.db checkins)" = 10 ] || fail "C should hold A's 10 check-ins"

step "B and C sign up their own trainees; everyone syncs"
seed_people B.db 7 b002
seed_people C.db 5 c003
for k in B C A B; do sync $k.db >/dev/null || fail "sync $k"; done
same_everywhere A.db B.db C.db server
[ "$(count A.db checkins)" = 22 ] || fail "A should count 22 check-ins, has $(count A.db checkins)"
want=$(for k in A B C; do echo "$(own_key $k.db):$([ $k = C ] && echo 1 || echo 0)"; done | sort | paste -sd,)
[ "$(sqlite3 C.db "SELECT group_concat(key_id || ':' || own) FROM (SELECT * FROM keys ORDER BY key_id)")" = "$want" ] \
  || fail "C's trusted keys: $(sqlite3 C.db 'SELECT key_id, own FROM keys')"
sig=$(sqlite3 C.db "SELECT hex(signature) FROM checkins WHERE signature IS NOT NULL LIMIT 1")
[ "$sig" = 0001005C09000A0DFFFF ] || fail "a signature changed on the way: $sig"

step "a second run changes nothing"
before=$(for k in A B C; do sums_kiosk $k.db; done; sums_server)
for k in A B C; do
  out=$(sync $k.db) || fail "rerun $k"
  echo "$out" | grep -q "nothing to exchange" || fail "a rerun on $k moved rows: $out"
done
[ "$before" = "$(for k in A B C; do sums_kiosk $k.db; done; sums_server)" ] || fail "a rerun changed a table"

step "the same person edited on A and on C: the later edit wins everywhere"
p=a001$(printf '%028d' 4)
ka=$(kid A.db); kc=$(kid C.db)
sql C.db "UPDATE people SET commune='Tân Thới', updated_at=9500, updated_by='$kc' WHERE id='$p'"
sql A.db "UPDATE people SET commune='Trường Thắng', updated_at=9000, updated_by='$ka' WHERE id='$p'"
sync C.db >/dev/null && sync A.db >/dev/null && sync B.db >/dev/null || fail "syncs after the edits"
for k in A B C; do
  [ "$(sqlite3 $k.db "SELECT commune FROM people WHERE id='$p'")" = "Tân Thới" ] || fail "$k does not hold the later edit"
done
# The older edit synced first this time: it must not overwrite.
sql A.db "UPDATE people SET organisation='HTX Mỹ Khánh', updated_at=12000, updated_by='$ka' WHERE id='$p'"
sql C.db "UPDATE people SET organisation='Tổ hợp tác', updated_at=11000, updated_by='$kc' WHERE id='$p'"
sync A.db >/dev/null && sync C.db >/dev/null && sync B.db >/dev/null && sync A.db >/dev/null || fail "syncs after the second edits"
for k in A B C; do
  [ "$(sqlite3 $k.db "SELECT organisation FROM people WHERE id='$p'")" = "HTX Mỹ Khánh" ] || fail "$k holds the older edit"
done
same_everywhere A.db B.db C.db server

step "syncs killed at random points, then rerun: complete, nothing twice"
new_kiosk D.db
sync D.db >/dev/null || fail "D's first sync"
seed_people D.db 300 d004
seed_people B.db 50 b005
for attempt in 1 2 3 4 5 6; do
  for k in D B; do
    KIOSK_SYNC_TEST_DELAY_MS=30 "$K" --db $k.db sync --with "$SERVER" >/dev/null 2>&1 &
    pid=$!
    sleep "0.$((RANDOM % 7))$((RANDOM % 10))"
    kill -9 $pid 2>/dev/null || true
    wait $pid 2>/dev/null || true
    orphans=$(sqlite3 $k.db "SELECT count(*) FROM checkins WHERE person_id NOT IN (SELECT id FROM people) OR session_id NOT IN (SELECT id FROM sessions)")
    [ "$orphans" = 0 ] || fail "attempt $attempt left $orphans check-ins without parents on $k"
  done
done
for k in D B A C D; do sync $k.db >/dev/null || fail "rerun $k after kills"; done
same_everywhere A.db B.db C.db D.db server
[ "$(count D.db checkins)" = 372 ] || fail "D should count 22+300+50 check-ins, has $(count D.db checkins)"
dups=$(psql -X -At -d "$KIOSK_PG_ADMIN" -c "SELECT count(*) - count(DISTINCT id) FROM checkins")
[ "$dups" = 0 ] || fail "$dups duplicated check-ins on the server"
for k in A D; do
  out=$(sync $k.db) || fail "last rerun $k"
  echo "$out" | grep -q "nothing to exchange" || fail "a rerun after recovery moved rows on $k: $out"
done

step "a kiosk that got rows by USB from another then syncs with the server: nothing twice"
new_kiosk E.db
"$K" --db E.db sync --with A.db >/dev/null || fail "E with A's file"
seed_people E.db 4 e007
seed_people A.db 6 a008          # new on A, not on the server yet: E relays them
"$K" --db E.db sync --with A.db >/dev/null || fail "E with A's file again"
out=$(sync E.db) || fail "E with the server"
echo "$out"
echo "$out" | grep -q "checkins 10" || fail "E should send its 4 + A's 6 new check-ins: $out"
out=$(sync A.db) || fail "A after E"
echo "$out" | grep -q "checkins" && echo "$out" | grep -q "sent:.*checkins" && fail "A re-sent check-ins E had relayed: $out"
for k in B C D E; do sync $k.db >/dev/null || fail "sync $k after the relay"; done
same_everywhere A.db B.db C.db D.db E.db server

step "wrong password, unreachable server: one line, exit 1, nothing changed here"
seed_people A.db 3 a006
before=$(sqlite3 A.db .dump | md5sum)
check_refused() { # $1 what, then the command
  local what=$1 rc err; shift
  set +e
  err=$("$@" 2>&1 >/dev/null); rc=$?
  set -e
  [ $rc = 1 ] || fail "$what: exit $rc, want 1 ($err)"
  [ "$(printf '%s\n' "$err" | wc -l)" = 1 ] || fail "$what: more than one line:
$err"
  echo "  $what: $err"
  [ "$(sqlite3 A.db .dump | md5sum)" = "$before" ] || fail "$what changed A's database"
  echo "$err"
}
err=$(PGPASSWORD=not-the-password check_refused "wrong password" "$K" --db A.db sync --with "$SERVER" | tail -1)
echo "$err" | grep -q "password" || fail "the wrong password is not named: $err"
echo "$err" | grep -q "not-the-password" && fail "the password was printed"
err=$(check_refused "unreachable" "$K" --db A.db sync --with "host=$WORK/nowhere dbname=kiosk user=kiosk" | tail -1)
echo "$err" | grep -q "cannot reach" || fail "unreachable is not said: $err"
err=$(check_refused "password in a URI" "$K" --db A.db sync --with "postgresql://kiosk:s3cret-pw@/kiosk?host=$WORK/nowhere" | tail -1)
echo "$err" | grep -q "s3cret-pw" && fail "the password in the URI was printed"
sync A.db >/dev/null || fail "A syncs again once the server is back"

step "the centre makes the server anew: kiosks send everything again"
psql -X -q -d "host=$PGHOST dbname=postgres user=pgadmin" -c "DROP DATABASE kiosk" -c "CREATE DATABASE kiosk OWNER kiosk" >/dev/null
out=$(sync B.db) || fail "B with the new server"
echo "$out" | grep -q "sent: events 2" || fail "B did not send everything to the new server: $out"
for k in A C D E B; do sync $k.db >/dev/null || fail "sync $k with the new server"; done
same_everywhere A.db B.db C.db D.db E.db server

step "a kiosk filled with the demo apart joins: nothing fails, the clash is explained, its rows are refused here"
"$K" --db F.db init --demo >/dev/null
out=$(sync F.db) || fail "the demo kiosk's sync failed"
echo "$out"
echo "$out" | grep -q "already there: events" || fail "the server took a second MDN-MK: $out"
echo "$out" | grep -q "programs made apart" || fail "no hint about the clash: $out"
[ "$(psql -X -At -d "$KIOSK_PG_ADMIN" -c "SELECT count(*) FROM events WHERE code = 'MDN-MK'")" = 1 ] || fail "two MDN-MK on the server"
out=$(sync A.db) || fail "A after the demo kiosk"
echo "$out" | grep -q "refused (set aside" || fail "A should refuse the demo kiosk's rows (another program): $out"
[ "$(sqlite3 A.db "SELECT count(*) FROM events WHERE kiosk_id = '$(kid F.db)'")" = 0 ] || fail "A took an event of another program"
before=$(sums_kiosk A.db)
sync A.db >/dev/null || fail "A again"
[ "$before" = "$(sums_kiosk A.db)" ] || fail "held rows changed A on a rerun"

echo "PASS sync_pg"
