#!/usr/bin/env bash
# The program corrected on two kiosks and carried by a real PostgreSQL server (issue 13):
# kiosk A imports the program sheet; B gets it by sync; then A moves a session and changes a
# capacity, B cancels another session, adds one and cancels a fair, C (a third kiosk, by
# file from B) moves a session too; after the syncs every side holds the same events and
# sessions as the server, each change where it was made, and a rerun changes nothing.
# usage: bash program_sync.test.sh BUILD_DIR SOURCE_DIR
BUILD=$(cd "$1" && pwd)
SRC=$(cd "$2" && pwd)
source "$SRC/tests/e2e/sync_lib.sh"
cd "$WORK"
start_server
SERVER="$KIOSK_PG"
sync() { "$K" --db "$1" sync --with "${2:-$SERVER}" >/dev/null || fail "sync $1 with ${2:-server}"; }
K_() { local db=$1; shift; "$K" --db "$db" "$@" >/dev/null 2>err || fail "$db $*: $(cat err)"; }
when() { sqlite3 "$1" "SELECT strftime('%d/%m/%Y %H:%M', s.starts_at / 1000, 'unixepoch', 'localtime')
  || '|' || s.cancelled FROM sessions s JOIN events e ON e.id = s.event_id
  WHERE e.code = '$2' AND s.number = $3"; }

step "A imports the program; B and C are new kiosks"
for k in A B C; do new_kiosk $k.db; done
cat >p.csv <<'CSV'
Mã,Loại,Tên,Tỉnh/Thành phố,Số chỗ,Các buổi
LOP-A,lớp học,Đan bội hoa kiểng,TP Cần Thơ,20,02/03/2027 07:30-11:00; 03/03/2027 07:30-11:00; 04/03/2027 07:30-11:00
HC-X,hội chợ,Hội chợ công thương,tỉnh Kiên Giang,0,20/03/2027 08:00-17:00; 21/03/2027 08:00-17:00
CSV
K_ A.db program import p.csv
sync A.db
sync B.db
sync C.db B.db
sync B.db
sync A.db
same_everywhere A.db B.db C.db server

step "edits on A, B and C before any of them syncs"
K_ A.db session move LOP-A 2 "05/03/2027 07:30-11:00"
K_ A.db event edit LOP-A --capacity 25
K_ B.db session cancel LOP-A 3
K_ B.db session add LOP-A "06/03/2027 13:30-16:30"
K_ B.db event cancel HC-X
K_ C.db session move LOP-A 1 "01/03/2027 07:30-11:00"
sync A.db
sync B.db
sync C.db B.db
sync B.db
sync A.db
sync C.db B.db
same_everywhere A.db B.db C.db server
[ "$(when A.db LOP-A 1)" = "01/03/2027 07:30|0" ] || fail "C's move: $(when A.db LOP-A 1)"
[ "$(when A.db LOP-A 2)" = "05/03/2027 07:30|0" ] || fail "A's move: $(when A.db LOP-A 2)"
[ "$(when A.db LOP-A 3)" = "04/03/2027 07:30|1" ] || fail "B's cancel: $(when A.db LOP-A 3)"
[ "$(when A.db LOP-A 4)" = "06/03/2027 13:30|0" ] || fail "B's new session: $(when A.db LOP-A 4)"
[ "$(sqlite3 C.db "SELECT cancelled FROM events WHERE code = 'HC-X'")" = 1 ] || fail "fair not cancelled on C"
[ "$(sqlite3 C.db "SELECT capacity FROM events WHERE code = 'LOP-A'")" = 25 ] || fail "A's capacity on C"
[ "$(sqlite3 A.db "SELECT count(*) FROM log WHERE kind LIKE 'program.%'")" -ge 6 ] || fail "changes not logged"

step "the same edit on two kiosks: the later one wins everywhere"
K_ A.db session move LOP-A 4 "07/03/2027 13:30-16:30"
sleep 0.05
K_ B.db session move LOP-A 4 "08/03/2027 13:30-16:30"
sync A.db
sync B.db
sync A.db
sync C.db
same_everywhere A.db B.db C.db server
[ "$(when C.db LOP-A 4)" = "08/03/2027 13:30|0" ] || fail "the later move lost: $(when C.db LOP-A 4)"

step "a rerun changes nothing"
before=$(sums_kiosk A.db)
sync A.db
[ "$(sums_kiosk A.db)" = "$before" ] || fail "a second sync changed A"
echo "PASS program_sync"
