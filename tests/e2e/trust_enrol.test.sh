#!/usr/bin/env bash
# Enrolment (issue 15, docs/TRUST.md): kiosks trust another kiosk's receipt key only with a
# certificate of their own program. A stranger's database synced in, a stick that takes a real
# kiosk's key id, a forged revocation: none of them changes what verifies. A revocation signed
# by the program withdraws a key everywhere it syncs to. The demo enrols itself.
# usage: bash trust_enrol.test.sh BUILD_DIR SOURCE_DIR
BUILD=$(cd "$1" && pwd)
SRC=$(cd "$2" && pwd)
source "$SRC/tests/e2e/sync_lib.sh"
cd "$WORK"

step "the program key: secret 0600, public line printed, never overwritten"
line=$("$K" program-key new --out prog.key) || fail "program-key new"
[[ "$line" =~ ^program-key\ [0-9A-Z]{8}\ [0-9a-f]{64}$ ]] || fail "printed '$line'"
[ "$(stat -c %a prog.key)" = 600 ] || fail "mode $(stat -c %a prog.key)"
[ "$(stat -c %s prog.key)" = 64 ] || fail "size $(stat -c %s prog.key)"
before=$(md5sum <prog.key)
"$K" program-key new --out prog.key >/dev/null 2>&1 && fail "an existing program key was overwritten"
[ "$(md5sum <prog.key)" = "$before" ] || fail "the program key changed"
cp prog.key "$PROGRAM_KEY"

step "two enrolled kiosks: A's receipt verifies on B after a sync"
new_kiosk A.db
new_kiosk B.db
seed_program A.db
ta=$(receipt_on A.db 0a000000000000000000000000000001)
verifies B.db "$ta" && fail "B verified A's receipt before it knew A"
"$K" --db A.db sync --with B.db >/dev/null || fail "A-B sync"
verifies B.db "$ta" || fail "B refuses A's receipt after the sync"
"$K" --db B.db keys list | grep -q "$(sqlite3 A.db "SELECT key_id FROM keys WHERE own=1")	enrolled" \
  || fail "keys list on B: $("$K" --db B.db keys list)"

step "a stranger's database (init elsewhere, never enrolled) synced in: its receipts do not verify"
stranger_kiosk X.db
sql X.db "$(sqlite3 A.db .dump | grep -E '^INSERT INTO (events|sessions)' )"
tx=$(receipt_on X.db 0c000000000000000000000000000001)
verifies X.db "$tx" || fail "X does not verify its own receipt"
"$K" --db X.db sync --with B.db >/dev/null || fail "X-B sync"
verifies B.db "$tx" && fail "B verifies the stranger's receipt"
"$K" --db B.db sync --with A.db >/dev/null || fail "B-A sync"
verifies A.db "$tx" && fail "A verifies the stranger's receipt (through B)"
verifies B.db "$ta" || fail "B no longer verifies A's receipt"
"$K" --db B.db keys list | grep -q "$(sqlite3 X.db "SELECT key_id FROM keys WHERE own=1")	not certified" \
  || fail "the stranger's key is not shown as 'not certified': $("$K" --db B.db keys list)"

step "a stick that takes A's key id (another public key, a forged certificate): A's receipts still verify"
new_kiosk C.db
stranger_kiosk S.db
aid=$(sqlite3 A.db "SELECT key_id FROM keys WHERE own=1")
spk=$(sqlite3 S.db "SELECT public_key FROM keys WHERE own=1")
"$K" program-key new --out other.key >/dev/null 2>&1
opk=$("$K" program-key new --out other2.key 2>/dev/null | cut -d' ' -f3)
sql S.db "INSERT INTO keys(key_id,public_key,kiosk_id,created_at,own) VALUES('$aid','$spk','$(kid A.db)',1,0);
  INSERT INTO enrolments(id,kiosk_id,created_at,key_id,public_key,program_key,cert)
    VALUES('$(rid)','$(kid A.db)',1,'$aid','$spk','$(sqlite3 C.db "SELECT value FROM meta WHERE key='trust.program_key'")','$(rid)$(rid)$(rid)$(rid)');
  INSERT INTO enrolments(id,kiosk_id,created_at,key_id,public_key,program_key,cert)
    VALUES('$(rid)','$(kid A.db)',1,'$aid','$spk','$opk','$(rid)$(rid)$(rid)$(rid)')"
"$K" --db S.db sync --with C.db >/dev/null || fail "S-C sync"
"$K" --db C.db sync --with A.db >/dev/null || fail "C-A sync"
verifies C.db "$ta" || fail "the stick's key id broke A's receipts on C: $("$K" --db C.db receipt verify "$ta" 2>&1)"

step "revocation: signed by the program, refused without it, synced to every kiosk"
"$K" --db B.db keys revoke "$aid" --program-key other.key >/dev/null 2>&1 && fail "revoked with another program's key"
verifies B.db "$ta" || fail "a refused revocation changed B"
sql C.db "INSERT INTO revocations(id,kiosk_id,created_at,key_id,program_key,sig)
  VALUES('$(rid)','$(kid C.db)',1,'$aid','$(sqlite3 C.db "SELECT value FROM meta WHERE key='trust.program_key'")','$(rid)$(rid)$(rid)$(rid)')"
verifies C.db "$ta" || fail "a forged revocation (bad signature) withdrew A's key"
"$K" --db B.db keys revoke "$aid" --program-key prog.key >/dev/null || fail "keys revoke"
verifies B.db "$ta" && fail "B still verifies a revoked key's receipt"
"$K" --db B.db keys list | grep -q "$aid	revoked" || fail "keys list does not show the revocation"
verifies C.db "$ta" || fail "C refused before the revocation reached it"
"$K" --db B.db sync --with C.db >/dev/null || fail "B-C sync"
verifies C.db "$ta" && fail "the revocation did not reach C"
"$K" --db C.db sync --with A.db >/dev/null || fail "C-A sync"
verifies A.db "$ta" && fail "A still verifies its own revoked key's receipt"

step "the demo enrols itself: two demo kiosks verify each other's receipts after a sync"
"$K" --db D1.db init --demo >/dev/null
"$K" --db D2.db init --demo >/dev/null
"$K" --db D1.db keys list | grep -q '^program: [0-9a-f]\{64\}$' || fail "a demo kiosk is not enrolled"
[ "$(sqlite3 D1.db "SELECT value FROM meta WHERE key='trust.program_key'")" = \
  "$(sqlite3 D2.db "SELECT value FROM meta WHERE key='trust.program_key'")" ] || fail "two demo programs"
pid=$(sqlite3 D1.db "SELECT id FROM people LIMIT 1")
line=$("$BUILD/tests/test_receipt_fixture" D1.db) || fail "demo receipt"
td=${line#*$'\t'}
"$K" --db D1.db sync --with D2.db >/dev/null || fail "demo sync"
verifies D2.db "$td" || fail "D2 refuses D1's receipt: $("$K" --db D2.db receipt verify "$td" 2>&1)"
[ -n "$pid" ] || fail "no demo people"

echo "PASS trust_enrol"
