#!/usr/bin/env bash
# kioskctl program template|import as a coordinator uses them (docs/PROGRAM.md): the template
# imports back unchanged; the same program as CSV and as XLSX (LibreOffice converts the CSV
# here) gives identical events and sessions; a second import changes nothing; a changed row
# moves, adds and cancels sessions; --dry-run changes nothing; every bad input is refused
# with FILE:LINE: reason (Vietnamese, or English with --lang en), exit 1, every table
# unchanged.
# usage: program_import.test.sh BUILD_DIR SOURCE_DIR
set -u
build=$(cd "$1" && pwd)
src=${2:-$(dirname "$0")/../..}
ctl=$build/kioskctl
work=$(mktemp -d /tmp/kiosk-program-e2e.XXXXXX)
trap 'rm -rf "$work"' EXIT
passed=0
fail() {
  echo "FAIL: $*"
  echo "$passed passed, 1 failed"
  exit 1
}
ok() { passed=$((passed + 1)); }
fingerprint() { sqlite3 "$1" .dump | sha256sum | cut -c1-64; }
# What the program is: events and their sessions, without ids or times of writing.
program() {
  sqlite3 "$1" "SELECT e.code, e.kind, e.title, e.place, e.commune, e.district, e.province,
    e.capacity, e.signature_required, e.late_after_min, replace(e.interests, char(10), '|'),
    e.cancelled, s.number, datetime(s.starts_at / 1000, 'unixepoch', 'localtime'),
    datetime(s.ends_at / 1000, 'unixepoch', 'localtime'), s.cancelled
    FROM events e LEFT JOIN sessions s ON s.event_id = e.id ORDER BY e.code, s.number"
}
K() { "$ctl" --db "$db" "$@"; }

# The template, CSV and XLSX, into two new kiosks: the same program; again: nothing changes.
cd "$work" || exit 1
"$ctl" program template --out t.csv >/dev/null || fail "template csv"
"$ctl" program template --out t.xlsx >/dev/null || fail "template xlsx"
for f in t.csv t.xlsx; do
  db=$work/$f.db
  K init >/dev/null
  K program import "$f" >out 2>err || fail "import $f: $(cat err)"
  grep -q '2 sự kiện mới' out || fail "$f report: $(cat out)"
  fp=$(fingerprint "$db")
  K program import "$f" >out 2>err || fail "second import $f: $(cat err)"
  grep -q '0 sự kiện mới, 0 sự kiện sửa, 2 giữ nguyên' out || fail "$f again: $(cat out)"
  [ "$(fingerprint "$db")" = "$fp" ] || fail "a second import of $f changed the database"
done
[ "$(program t.csv.db)" = "$(program t.xlsx.db)" ] || fail "template CSV and XLSX differ:
$(diff <(program t.csv.db) <(program t.xlsx.db))"
[ "$(sqlite3 t.csv.db "SELECT count(*) FROM sessions")" = 7 ] || fail "template sessions"
ok

# A program written by hand (comma CSV), and LibreOffice's XLSX of it: identical.
cat >p.csv <<'CSV'
Mã,Loại,Tên,Xã/Phường,Quận/Huyện,Tỉnh/Thành phố,Số chỗ,Ký tên,Muộn sau (phút),Các buổi,Nội dung quan tâm
LOP-A,lớp học,Đan bội hoa kiểng,xã Trường Thắng,huyện Thới Lai,TP Cần Thơ,2,có,10,"02/03/2027 07:30-11:00; 03/03/2027 07:30-11:00
04/03/2027 13:30-16:30",
LOP-B,Class,Khởi sự doanh nghiệp,,,TP Cần Thơ,,no,,9/3/2027 7:30-11:00,
HC-X,hội chợ,Hội chợ công thương,,,tỉnh Kiên Giang,0,không,0,"20/03/2027 08:00-17:00;21/03/2027 08:00 – 17:00",may mặc; bội hoa kiểng
CSV
HOME=$work soffice --headless --infilter="CSV:44,34,76,1" --convert-to xlsx p.csv >/dev/null 2>&1
[ -s p.xlsx ] || fail "LibreOffice wrote no p.xlsx"
for f in p.csv p.xlsx; do
  db=$work/$f.db
  K init >/dev/null
  K program import "$f" >out 2>err || fail "import $f: $(cat err)"
done
[ "$(program p.csv.db)" = "$(program p.xlsx.db)" ] || fail "CSV and XLSX differ:
$(diff <(program p.csv.db) <(program p.xlsx.db))"
program p.csv.db | grep -q '^LOP-A|1|Đan bội hoa kiểng|xã Trường Thắng, huyện Thới Lai|.*|2|1|10||0|3|2027-03-04 13:30:00|2027-03-04 16:30:00|0$' ||
  fail "LOP-A as stored: $(program p.csv.db)"
program p.csv.db | grep -q '^HC-X|2|.*|may mặc|bội hoa kiểng|0|2|2027-03-21 08:00:00|2027-03-21 17:00:00|0$' ||
  fail "HC-X as stored: $(program p.csv.db)"
ok

# A changed row: session 2 moved, session 3 left out (cancelled, kept); title changed. Then a
# session added.
db=$work/p.csv.db
sed -e 's/^LOP-A,lớp học,Đan bội hoa kiểng,/LOP-A,lớp học,Đan bội hoa kiểng nâng cao,/' \
  -e 's|"02/03/2027 07:30-11:00; 03/03/2027 07:30-11:00|"02/03/2027 07:30-11:00; 05/03/2027 07:30-11:00"|' \
  -e '/^04\/03\/2027 13:30-16:30",$/d' p.csv >p2.csv
fp=$(fingerprint "$db")
K program import p2.csv --dry-run >out 2>err || fail "dry run: $(cat err)"
[ "$(fingerprint "$db")" = "$fp" ] || fail "a dry run changed the database"
grep -q '~ LOP-A: đổi Tên' out || fail "dry run report: $(cat out)"
K program import p2.csv >out 2>err || fail "changed import: $(cat err)"
grep -q '~ LOP-A buổi 2: dời sang 05/03/2027 07:30-11:00' out || fail "move: $(cat out)"
grep -q -- '- LOP-A buổi 3: hủy (04/03/2027 13:30-16:30)' out || fail "cancel: $(cat out)"
sed 's|"02/03/2027 07:30-11:00; 05/03/2027 07:30-11:00"|"02/03/2027 07:30-11:00; 05/03/2027 07:30-11:00; 06/03/2027 07:30-11:00"|' p2.csv >p3.csv
K program import p3.csv >out 2>err || fail "added session: $(cat err)"
grep -q '+ LOP-A buổi 4: 06/03/2027 07:30-11:00' out || fail "add: $(cat out)"
[ "$(sqlite3 "$db" "SELECT count(*) FROM sessions s JOIN events e ON e.id = s.event_id
  WHERE e.code = 'LOP-A' AND s.cancelled = 1")" = 1 ] || fail "cancelled session not kept"
[ "$(sqlite3 "$db" "SELECT count(*) FROM log WHERE kind LIKE 'program.%'")" -ge 5 ] || fail "no log rows"
ok

# The sheet shows them: session 2 at its new day, session 3 marked cancelled.
K export --event LOP-A --format csv --out sheet.csv >/dev/null 2>err || fail "export: $(cat err)"
grep -q 'Buổi 1 02/03,Buổi 3 04/03 (đã hủy),Buổi 2 05/03,Buổi 4 06/03' sheet.csv ||
  fail "sheet headings: $(grep STT sheet.csv)"
ok

# Single changes (kioskctl event|session): a class held yesterday and the day before, one
# trainee; the day before cancelled: her cell there is blank, never absent; yesterday absent.
d1=$(date -d '-2 day' +%d/%m/%Y) d2=$(date -d '-1 day' +%d/%m/%Y)
K event add LOP-P --kind 'lớp học' --title 'Đan lục bình' --province 'TP Cần Thơ' \
  --sessions "$d1 07:30-11:00; $d2 07:30-11:00" >out 2>err || fail "event add: $(cat err)"
printf 'Họ và tên,Năm sinh\nLê Thị Mai,1988\n' >one.csv
K roster import --event LOP-P one.csv >/dev/null 2>err || fail "roster: $(cat err)"
K session cancel LOP-P 1 >out 2>err || fail "session cancel: $(cat err)"
grep -q -- "- LOP-P buổi 1: hủy ($d1 07:30-11:00)" out || fail "cancel report: $(cat out)"
K export --event LOP-P --format csv --out past.csv >/dev/null 2>err || fail "export: $(cat err)"
grep -q "^1,Lê Thị Mai,1988,,,,Vắng,0" past.csv || fail "cancelled day counted: $(cat past.csv)"
K event add LOP-P --kind class --title x 2>err && fail "a second LOP-P added"
grep -q 'mã "LOP-P" đã có' err || fail "exists message: $(cat err)"
fp=$(fingerprint "$db")
K session move LOP-P 2 "31/02/2027 07:30-11:00" 2>err && fail "31/02 accepted"
grep -q 'ngày 31/02/2027 không có trong lịch' err || fail "move 31/02: $(cat err)"
K event edit LOP-P --capacity abc 2>err && fail "capacity abc accepted"
K session add LOP-P "$d2 08:00-09:00" 2>err && fail "overlap accepted"
grep -q 'trùng giờ' err || fail "overlap message: $(cat err)"
[ "$(fingerprint "$db")" = "$fp" ] || fail "a refused change changed the database"
ok

# Seats taken: two trainees in LOP-A (capacity 2), then one with a check-in on session 1.
printf 'Họ và tên,Năm sinh\nNguyễn Thị Hoa,1990\nTrần Văn Bình,1985\n' >roster.csv
K roster import --event LOP-A roster.csv >/dev/null 2>err || fail "roster: $(cat err)"
sqlite3 "$db" "INSERT INTO checkins(id, kiosk_id, created_at, session_id, person_id)
  SELECT 'c1', 'k', 1, s.id, r.person_id FROM sessions s JOIN events e ON e.id = s.event_id
  JOIN registrations r ON r.event_id = e.id WHERE e.code = 'LOP-A' AND s.number = 1 LIMIT 1"

refused() { # FILE LINE-PATTERN [--lang en]: exit 1, the message, every table unchanged
  local f=$1 want=$2
  shift 2
  local fp
  fp=$(fingerprint "$db")
  K program import "$f" "$@" >out 2>err
  local rc=$?
  [ $rc -eq 1 ] || fail "$f: exit $rc, want 1 ($(cat out))"
  grep -q -- "$want" err || fail "$f: message: $(cat err)"
  [ "$(fingerprint "$db")" = "$fp" ] || fail "$f changed the database"
  ok
}
head=$(head -1 p.csv)
bad() { printf '%s\n%s\n' "$head" "$2" >"$1"; }
bad d3102.csv 'LOP-C,lớp học,Tin học,,,TP Cần Thơ,,,,31/02/2027 07:30-11:00,'
refused d3102.csv "d3102.csv:2: ngày 31/02/2027 không có trong lịch"
bad endfirst.csv 'LOP-C,lớp học,Tin học,,,TP Cần Thơ,,,,01/02/2027 11:00-07:30,'
refused endfirst.csv "endfirst.csv:2: buổi \"01/02/2027 11:00-07:30\" kết thúc trước khi bắt đầu"
bad overlap.csv 'LOP-C,lớp học,Tin học,,,TP Cần Thơ,,,,01/02/2027 07:30-11:00; 01/02/2027 10:00-12:00,'
refused overlap.csv "overlap.csv:2: buổi 01/02/2027 10:00-12:00 trùng giờ với buổi 01/02/2027 07:30-11:00"
printf '%s\nLOP-C,lớp học,Tin học,,,TP Cần Thơ,,,,01/02/2027 07:30-11:00,\nLOP-C,lớp học,Tin,,,TP Cần Thơ,,,,02/02/2027 07:30-11:00,\n' "$head" >dup.csv
refused dup.csv "dup.csv:3: mã \"LOP-C\" đã có ở dòng 2"
bad kind.csv 'LOP-C,hội thảo,Tin học,,,TP Cần Thơ,,,,01/02/2027 07:30-11:00,'
refused kind.csv "kind.csv:2: loại \"hội thảo\" không rõ"
refused kind.csv "kind.csv:2: unknown kind \"hội thảo\" (use: class, fair)" --lang en
grep -v '^HC-X' p3.csv | sed 's/^LOP-A,lớp học,Đan bội hoa kiểng nâng cao,xã Trường Thắng,huyện Thới Lai,TP Cần Thơ,2,/LOP-A,lớp học,Đan bội hoa kiểng nâng cao,xã Trường Thắng,huyện Thới Lai,TP Cần Thơ,1,/' >cap.csv
refused cap.csv "cap.csv:2: số chỗ 1 ít hơn 2 người đã đăng ký"
bad fair.csv 'HC-Y,hội chợ,Hội chợ,,,TP Cần Thơ,0,,,,may mặc'
refused fair.csv "fair.csv:2: hội chợ \"HC-Y\" chưa có ngày nào"
sed 's|"02/03/2027 07:30-11:00; |"|' p3.csv >checked.csv
refused checked.csv "checked.csv:2: buổi 1 (02/03/2027 07:30-11:00) đã có người điểm danh"
printf '%s\nLOP-C,l\xf4p,Tin h\xf4c,,,TP C\xe2n Th\xf4,,,,01/02/2027 07:30-11:00,\n' "$head" >latin1.csv
refused latin1.csv "latin1.csv:2: tệp không phải UTF-8"
cp p.csv named.xlsx
refused named.xlsx "named.xlsx: tệp không phải bảng tính XLSX"
echo "$passed passed, 0 failed"
