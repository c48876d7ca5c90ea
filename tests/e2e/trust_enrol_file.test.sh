#!/usr/bin/env bash
# Enrolment files (issue 15 item 1, docs/TRUST.md): a kiosk enrolled with the file a
# coordinator hands over on a stick (no program key on the kiosk or the stick) is a kiosk of
# the program: its receipts verify and its records are taken by a kiosk enrolled with the
# program key, and the other way. The file's PIN becomes the admin PIN of a kiosk without
# one. An edited, foreign or broken file enrols nothing (an expired one: e2e.admin_enrol_en);
# revoking the file's grant withdraws every kiosk it enrolled. Through a real PostgreSQL too.
# usage: bash trust_enrol_file.test.sh BUILD_DIR SOURCE_DIR
BUILD=$(cd "$1" && pwd)
SRC=$(cd "$2" && pwd)
source "$SRC/tests/e2e/sync_lib.sh"
cd "$WORK"
"$K" program-key new --out "$PROGRAM_KEY" >prog.txt 2>/dev/null || fail "program-key new"

step "the file: private, never written over, without the program's secret"
mkdir usb
line=$(echo 135792 | "$K" program-key enrolment-file --program-key "$PROGRAM_KEY" --out usb/a.enrol --days 5 --pin) \
  || fail "enrolment-file"
[[ "$line" =~ ^enrolment-file\ ([0-9A-Z]{8})\ program\ $(cut -d' ' -f2 prog.txt)\ until\ [0-9]+$ ]] || fail "printed '$line'"
grant=${BASH_REMATCH[1]}
[ "$(stat -c %a usb/a.enrol)" = 600 ] || fail "mode $(stat -c %a usb/a.enrol)"
before=$(md5sum <usb/a.enrol)
"$K" program-key enrolment-file --program-key "$PROGRAM_KEY" --out usb/a.enrol >/dev/null 2>&1 && fail "a file was written over"
[ "$(md5sum <usb/a.enrol)" = "$before" ] || fail "the file changed"
grep -qi "$(od -An -tx1 "$PROGRAM_KEY" | tr -d ' \n')" usb/a.enrol && fail "the program's secret is in the file"
grep -qi "$(od -An -tx1 -N32 "$PROGRAM_KEY" | tr -d ' \n')" usb/a.enrol && fail "the program's seed is in the file"

step "an edited, foreign or broken file enrols nothing"
stranger_kiosk X.db
for edit in 's/^until \([0-9]*\)/until 9\1/' 's/^program f/program e/;t;s/^program ./program f/' \
            's/^grant-secret 0/grant-secret 1/;t;s/^grant-secret ./grant-secret 0/' \
            's/^grant-sig 0/grant-sig 1/;t;s/^grant-sig ./grant-sig 0/' \
            's/^kiosk-enrolment 1/kiosk-enrolment 2/' '$a extra line'; do
  sed "$edit" usb/a.enrol >bad.enrol
  out=$("$K" --db X.db enrol --file bad.enrol 2>&1) && fail "an edited file ($edit) enrolled: $out"
  echo "$out" | grep -q "not an enrolment file" || fail "the refusal does not say why: $out"
done
head -c 5000 /dev/zero | tr '\0' 'a' >big.enrol
"$K" --db X.db enrol --file big.enrol >/dev/null 2>&1 && fail "a 5000-byte file enrolled"
ln -s usb/a.enrol link.enrol
"$K" --db X.db enrol --file link.enrol >/dev/null 2>&1 && fail "a symlink was followed"
"$K" program-key new --out other.key >/dev/null 2>&1
"$K" program-key enrolment-file --program-key other.key --out other.enrol >/dev/null 2>&1
new_kiosk B.db
out=$("$K" --db B.db enrol --file other.enrol 2>&1) && fail "a kiosk of this program joined another: $out"
echo "$out" | grep -q "another program" || fail "the refusal does not say why: $out"
[ "$(sqlite3 X.db 'SELECT count(*) FROM enrolments')" = 0 ] || fail "X got an enrolment"
[ -z "$(sqlite3 X.db "SELECT value FROM meta WHERE key='trust.program_key'")" ] || fail "X got a program"

step "A enrolled with the file (no program key): B (program key) takes its receipts and records"
stranger_kiosk A.db
out=$("$K" --db A.db enrol --file usb/a.enrol) || fail "enrol --file: $out"
echo "$out" | grep -q "through enrolment file $grant; admin PIN set from the file" || fail "printed '$out'"
[ "$(sqlite3 A.db "SELECT count(*) FROM settings WHERE key='admin_pin_hash' AND value LIKE '\$argon2id\$%'")" = 1 ] \
  || fail "the file's PIN was not set"
out=$("$K" --db A.db enrol --file usb/a.enrol) || fail "second enrol --file"
echo "$out" | grep -q "already enrolled" || fail "a second enrolment: $out"
[ "$(sqlite3 A.db 'SELECT count(*) FROM enrolments')" = 1 ] || fail "a second enrolment row"
seed_program A.db
seed_people A.db 5 a001
ta=$(receipt_on A.db 0a000000000000000000000000000001)
out=$("$K" --db A.db sync --with B.db) || fail "A-B sync: $out"
echo "$out" | grep -q "refused" && fail "B refused A's records: $out"
verifies B.db "$ta" || fail "B refuses A's receipt: $("$K" --db B.db receipt verify "$ta" 2>&1)"
[ "$(count B.db checkins)" = 5 ] || fail "B holds $(count B.db checkins) of A's 5 check-ins"
"$K" --db B.db keys list | grep -q "$(own_key A.db)	enrolled" || fail "B does not list A's key as enrolled"
tb=$(receipt_on B.db 09000000000000000000000000000001) # B's first person: its own receipt
"$K" --db A.db sync --with B.db >/dev/null || fail "A-B sync 2"
verifies A.db "$tb" || fail "A refuses B's receipt"

step "through PostgreSQL: a new kiosk C (program key) pulls A's records and verifies its receipt"
start_server
"$K" --db A.db sync --with "$KIOSK_PG" >/dev/null || fail "A to the server"
new_kiosk C.db
out=$("$K" --db C.db sync --with "$KIOSK_PG") || fail "C from the server: $out"
echo "$out" | grep -q "refused" && fail "C refused A's records from the server: $out"
[ "$(count C.db checkins)" = 5 ] || fail "C holds $(count C.db checkins) of A's 5 check-ins"
verifies C.db "$ta" || fail "C refuses A's receipt"

step "revoking the file's grant withdraws A everywhere the revocation goes"
"$K" --db B.db keys revoke "$grant" --program-key "$PROGRAM_KEY" >/dev/null || fail "revoke the grant"
verifies B.db "$ta" && fail "A's receipt still verifies on B after its grant was revoked"
"$K" --db B.db keys list | grep -q "$(own_key A.db)	revoked" || fail "B does not list A's key as revoked"
seed_people A.db 2 a002
out=$("$K" --db B.db sync --with A.db) || fail "B-A sync after the revocation: $out"
[ "$(sqlite3 B.db "SELECT count(*) FROM people WHERE id LIKE 'a002%'")" = 0 ] || fail "B took rows A wrote after its grant was revoked"
verifies B.db "$tb" || fail "B's own receipts stopped verifying"

echo "PASS trust_enrol_file"
