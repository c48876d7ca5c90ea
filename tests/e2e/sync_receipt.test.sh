#!/usr/bin/env bash
# Sign up on kiosk A, sign in on kiosk B with A's receipt: B verifies it offline because A's
# public key came with the sync (through the centre's PostgreSQL server), B's check-in goes
# back to A, and a receipt from a kiosk that never synced, or of no program, stays refused.
# usage: bash sync_receipt.test.sh BUILD_DIR SOURCE_DIR
BUILD=$(cd "$1" && pwd)
SRC=$(cd "$2" && pwd)
source "$SRC/tests/e2e/sync_lib.sh"
cd "$WORK"
fixture=$BUILD/tests/test_receipt_fixture
[ -x "$fixture" ] || fail "no receipt fixture in '$BUILD/tests'"
start_server
sync() { "$K" --db "$1" sync --with "$KIOSK_PG"; }

step "the program reaches both kiosks"
new_kiosk A.db
new_kiosk B.db
seed_program A.db
sync A.db >/dev/null && sync B.db >/dev/null || fail "first syncs"

step "a trainee signs up on A and gets a receipt"
ka=$(kid A.db)
sql A.db "
  INSERT INTO people(id,kiosk_id,created_at,updated_at,updated_by,full_name,given_name,name_key,birth_year,phone,commune)
    VALUES('0a000000000000000000000000000001','$ka',1500,1500,'$ka','Huỳnh Thị Ngọc Bích','Bích','huynh thi ngoc bich',1988,'+84907123456','Tân Thới');
  INSERT INTO registrations(id,kiosk_id,created_at,event_id,person_id,status,source)
    VALUES('0a000000000000000000000000000002','$ka',1500,'$E1','0a000000000000000000000000000001',1,'kiosk');"
line=$("$fixture" A.db) || fail "A cannot issue a receipt"
code=${line%%$'\t'*}
text=${line#*$'\t'}
echo "  receipt $code"
"$K" --db A.db receipt verify "$text" >/dev/null || fail "A does not accept its own receipt"

step "before the next sync, B already trusts A's key (its certificate came with the program) but lacks the row"
"$K" --db B.db receipt verify "$text" >verify.txt || fail "B refuses a key certified by its program: $(cat verify.txt)"
grep -q "stored here: no" verify.txt || fail "verify printed: $(cat verify.txt)"

step "after A and B sync, B verifies it offline and finds the trainee"
sync A.db >/dev/null && sync B.db >/dev/null || fail "syncs"
"$K" --db B.db receipt verify "$text" >verify.txt || fail "B refuses A's receipt after sync: $(cat verify.txt)"
grep -q "^valid receipt $code" verify.txt || fail "verify printed: $(cat verify.txt)"
grep -q "stored here: yes" verify.txt || fail "the receipt row did not come with the sync: $(cat verify.txt)"
grep -q "this kiosk" verify.txt && fail "B thinks A's key is its own"
"$K" --db B.db receipt list | grep -q "Huỳnh Thị Ngọc Bích" || fail "B does not find the trainee of the receipt"

step "B checks her in (by the receipt); A sees it after the next sync"
kb=$(kid B.db)
person=$(sqlite3 B.db "SELECT person_id FROM receipts WHERE short_code='$code'")
[ "$person" = 0a000000000000000000000000000001 ] || fail "the receipt on B names '$person'"
sql B.db "INSERT INTO checkins(id,kiosk_id,created_at,session_id,person_id,kind) VALUES('0b000000000000000000000000000001','$kb',1700000100000,'$S1','$person',1)"
sync B.db >/dev/null && sync A.db >/dev/null || fail "syncs after the check-in"
[ "$(sqlite3 A.db "SELECT kiosk_id FROM checkins WHERE person_id='$person'")" = "$kb" ] || fail "A does not see B's check-in"
same_everywhere A.db B.db server

step "a kiosk of the program that never synced, and a stranger: their receipts stay refused on B"
stranger_kiosk Y.db
line=$("$fixture" Y.db) || fail "Y cannot issue a receipt"
set +e
"$K" --db B.db receipt verify "${line#*$'\t'}" >/dev/null 2>&1; rc=$?
set -e
[ $rc = 1 ] || fail "B accepted a receipt from a stranger kiosk"
new_kiosk X.db
line=$("$fixture" X.db) || fail "X cannot issue a receipt"
set +e
"$K" --db B.db receipt verify "${line#*$'\t'}" >/dev/null 2>&1; rc=$?
set -e
[ $rc = 1 ] || fail "B accepted a receipt from a kiosk it never synced with"

echo "PASS sync_receipt"
