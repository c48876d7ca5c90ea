#!/usr/bin/env bash
# Tamper-evident records (issue 15 item 2, docs/TRUST.md): a stick edited after an enrolled
# kiosk wrote it (six "Có mặt" for one trainee, future sessions included; a registration
# replaced by a cancelled one dated 1970; a rename with updated_at = INT64_MAX), a stranger's
# rows, rows of a revoked key: the receiving kiosk takes none of them, sets them aside (counted,
# listed by kioskctl sync) and still takes every genuine row, before and after. A log line with
# broken UTF-8 never stops the server sync.
# usage: bash trust_records.test.sh BUILD_DIR SOURCE_DIR
BUILD=$(cd "$1" && pwd)
SRC=$(cd "$2" && pwd)
source "$SRC/tests/e2e/sync_lib.sh"
cd "$WORK"
P=a001$(printf '%028d' 1)        # a trainee of A
INT64_MAX=9223372036854775807
checkins_of() { sqlite3 "$1" "SELECT count(*) FROM checkins WHERE person_id = '$2'"; }
name_of() { sqlite3 "$1" "SELECT full_name || '|' || updated_at FROM people WHERE id = '$2'"; }

step "A (enrolled) writes the program and three trainees; B takes them from a stick"
new_kiosk A.db
new_kiosk B.db
seed_program A.db
seed_people A.db 3 a001
ka=$(kid A.db)
"$K" --db A.db sync --with usb.db >/dev/null || fail "A -> usb"
"$K" --db B.db sync --with usb.db >/dev/null || fail "usb -> B"
for t in events sessions people registrations consents checkins; do
  [ "$(sum_kiosk A.db $t)" = "$(sum_kiosk B.db $t)" ] || fail "B's $t differ from A's"
done
[ "$(checkins_of B.db $P)" = 1 ] || fail "B: $(checkins_of B.db $P) check-ins of the trainee"

step "A registers a fourth trainee; the stick carries it; someone edits the stick"
R4=a0010000000000000000000000000044
P4=a001$(printf '%028d' 4)
sql A.db "INSERT INTO people(id,kiosk_id,created_at,updated_at,updated_by,full_name,given_name,name_key,birth_year,phone)
    VALUES('$P4','$ka',5000,5000,'$ka','Đặng Văn Lộc','Lộc','dang van loc',1985,'+84901234567');
  INSERT INTO registrations(id,kiosk_id,created_at,event_id,person_id,status,source)
    VALUES('$R4','$ka',5001,'$E1','$P4',1,'kiosk')"
"$K" --db A.db sync --with usb.db >/dev/null || fail "A -> usb again"
future=$(( ($(date +%s) + 30 * 86400) * 1000 ))
sql usb.db "
  INSERT INTO sessions(id,kiosk_id,created_at,event_id,number,starts_at,ends_at,updated_at,updated_by) VALUES
    ('5f000000000000000000000000000003','$ka',1000,'$E1',3,$future,$((future + 12600000)),1000,'$ka'),
    ('5f000000000000000000000000000004','$ka',1000,'$E1',4,$((future + 86400000)),$((future + 99000000)),1000,'$ka');
  INSERT INTO checkins(id,kiosk_id,created_at,session_id,person_id,kind,late,walkin) VALUES
    ('c0000000000000000000000000000001','$ka',1700000200000,'$S1','$P',1,0,0),
    ('c0000000000000000000000000000002','$ka',1700000300000,'$S2','$P',1,0,0),
    ('c0000000000000000000000000000003','$ka',1700000400000,'$S2','$P',1,0,0),
    ('c0000000000000000000000000000004','$ka',1700000500000,'5f000000000000000000000000000003','$P',1,0,0),
    ('c0000000000000000000000000000005','$ka',$future,'5f000000000000000000000000000004','$P',1,0,0),
    ('c0000000000000000000000000000006','$ka',1700000600000,'5f000000000000000000000000000004','$P',1,0,0);
  DELETE FROM registrations WHERE id = '$R4';
  INSERT INTO registrations(id,kiosk_id,created_at,event_id,person_id,status,source)
    VALUES('$R4','$ka',0,'$E1','$P4',4,'kiosk');
  UPDATE people SET full_name = 'Kẻ Mạo Danh', updated_at = $INT64_MAX WHERE id = '$P';"
before_name=$(name_of B.db $P)

step "B syncs with the edited stick: the edits are refused and set aside, the genuine rows come"
out=$("$K" --db B.db sync --with usb.db) || fail "B with the edited stick: $out"
echo "$out"
[ "$(checkins_of B.db $P)" = 1 ] || fail "B took forged check-ins: $(checkins_of B.db $P)"
[ "$(sqlite3 B.db "SELECT count(*) FROM sessions WHERE id LIKE '5f%'")" = 0 ] || fail "B took forged sessions"
[ "$(name_of B.db $P)" = "$before_name" ] || fail "B took the rename: $(name_of B.db $P)"
[ "$(sqlite3 B.db "SELECT count(*) FROM registrations WHERE id = '$R4'")" = 0 ] || fail "B took the replaced registration"
[ "$(sqlite3 B.db "SELECT count(*) FROM people WHERE id = '$P4'")" = 1 ] || fail "B did not take the genuine new trainee"
echo "$out" | grep -q "refused (set aside" || fail "kioskctl sync does not say what it refused"
echo "$out" | grep -q "checkins: 5 refused: not written by an enrolled kiosk" || fail "kioskctl sync does not list the check-ins set aside"
[ "$(sqlite3 B.db "SELECT count(*) FROM quarantine WHERE tbl = 'checkins'")" = 6 ] || fail "quarantine: $(sqlite3 B.db 'SELECT * FROM quarantine')"
sqlite3 B.db "SELECT reason FROM quarantine WHERE tbl = 'people'" | grep -q "later than now" || fail "the INT64_MAX rename is not refused for its time"

step "the refused rows never block later ones: A's next check-in and the genuine registration arrive"
sql A.db "INSERT INTO checkins(id,kiosk_id,created_at,session_id,person_id,kind,late,walkin)
  VALUES('ca000000000000000000000000000009','$ka',1700090000000,'$S2','$P',1,0,0)"
"$K" --db A.db sync --with usb.db >/dev/null || fail "A -> usb third"
"$K" --db B.db sync --with usb.db >/dev/null || fail "usb -> B third"
[ "$(checkins_of B.db $P)" = 2 ] || fail "B lacks A's genuine second check-in: $(checkins_of B.db $P)"
"$K" --db A.db sync --with B.db >/dev/null || fail "A - B"
[ "$(sqlite3 B.db "SELECT status || '|' || created_at FROM registrations WHERE id = '$R4'")" = "1|5001" ] \
  || fail "B does not hold A's genuine registration"
[ "$(name_of A.db $P)" = "$before_name" ] || fail "the rename reached A"

step "a stranger's database (init elsewhere) and rows that claim A: refused"
stranger_kiosk X.db
kx=$(kid X.db)
sql X.db "$(sqlite3 A.db .dump | grep -E '^INSERT INTO (events|sessions)')"
sql X.db "INSERT INTO people(id,kiosk_id,created_at,updated_at,updated_by,full_name,name_key)
  VALUES('0e000000000000000000000000000001','$kx',6000,6000,'$kx','Người Lạ','nguoi la'),
        ('0e000000000000000000000000000002','$ka',6000,6000,'$ka','Giả Danh A','gia danh a')"
out=$("$K" --db B.db sync --with X.db) || fail "B with X: $out"
[ "$(sqlite3 B.db "SELECT count(*) FROM people WHERE id LIKE '0e%'")" = 0 ] || fail "B took the stranger's people"

step "a revoked key: its new rows are refused"
"$K" --db B.db keys revoke "$(own_key A.db)" --program-key "$PROGRAM_KEY" >/dev/null || fail "revoke"
sql A.db "INSERT INTO checkins(id,kiosk_id,created_at,session_id,person_id,kind,late,walkin)
  VALUES('ca00000000000000000000000000000a','$ka',1700190000000,'$S1','$P4',1,0,0)"
"$K" --db A.db sync --with B.db >/dev/null || fail "A - B after the revocation"
[ "$(sqlite3 B.db "SELECT count(*) FROM checkins WHERE id = 'ca00000000000000000000000000000a'")" = 0 ] \
  || fail "B took a row of a revoked key"

step "a log line with broken UTF-8 never stops the server sync"
new_kiosk C.db
new_kiosk D.db
seed_program C.db
start_server
kc=$(kid C.db)
sql C.db "INSERT INTO log(id,kiosk_id,created_at,kind,subject,detail)
  VALUES('1b000000000000000000000000000001','$kc',1700000000000,'checkin','',CAST(X'4CC328FF' AS TEXT))"
out=$("$K" --db C.db sync --with "$KIOSK_PG" 2>&1) || fail "the bad line stopped the sync: $out"
echo "$out" | grep -q "not sent: text that is not UTF-8" || fail "the bad line is not shown: $out"
seed_people C.db 2 c002
"$K" --db C.db sync --with "$KIOSK_PG" >/dev/null || fail "the next sync"
"$K" --db D.db sync --with "$KIOSK_PG" >/dev/null || fail "D's pull"
[ "$(count D.db people)" = 2 ] || fail "D lacks C's later rows: $(count D.db people)"
[ "$(sqlite3 D.db "SELECT count(*) FROM log WHERE id = '1b000000000000000000000000000001'")" = 0 ] || fail "the bad line arrived"

echo "PASS trust_records"
