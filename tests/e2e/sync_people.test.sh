#!/usr/bin/env bash
# One person, one row (docs/IDENTITY.md), through real syncs: Nguyễn Thị Hòa signs up on B,
# is imported typed without accents on A and comes again with another birth year on C; her
# namesakes Hoa (own phone) and Hóa (no phone) stay apart. Synced by file (a shared USB
# file) and through a real PostgreSQL server, in every order of the three kiosks: each
# kiosk's sheet lists each person once, the summary's count equals the sheet's rows, the
# survivor is the same everywhere. Then the coordinator merges a probable duplicate on A and
# unmerges it on B: both travel and show on every sheet; a correction made on A shows on B's.
# usage: bash sync_people.test.sh BUILD_DIR SOURCE_DIR
BUILD=$(cd "$1" && pwd)
SRC=$(cd "$2" && pwd)
source "$SRC/tests/e2e/sync_lib.sh"
cd "$WORK"

roster() { # $1 db, then CSV lines
  local db=$1 f; f=$WORK/roster-$RANDOM.csv; shift
  { echo "Họ và tên,Năm sinh,Số điện thoại,Xã/Phường"; printf '%s\n' "$@"; } >"$f"
  "$K" --db "$db" roster import --event MDN-MK "$f" >/dev/null || fail "roster import on $db"
}
# The sheet's people (name and year a line) and the summary's count of registered people.
sheet() { # $1 db
  "$K" --db "$1" export --event MDN-MK --format csv --out "$WORK/sheet.csv" >/dev/null || fail "export on $1"
  python3 - "$WORK/sheet.csv" <<'PY'
import csv, sys
for row in csv.reader(open(sys.argv[1], encoding="utf-8-sig")):
    if row and row[0].isdigit():
        print(row[1], row[2])
PY
}
registered() { # $1 db
  "$K" --db "$1" export --summary --format csv --out "$WORK/summary.csv" >/dev/null || fail "summary on $1"
  python3 - "$WORK/summary.csv" <<'PY'
import csv, sys
for row in csv.reader(open(sys.argv[1], encoding="utf-8-sig")):
    if len(row) > 8 and row[1] == "MDN-MK":
        print(row[8])
PY
}
check_sheets() { # $1 expected people (sorted lines), then dbs
  local want=$1 k got; shift
  for k in "$@"; do
    got=$(sheet "$k" | sort)
    [ "$got" = "$want" ] || fail "$k's sheet:
$got
wanted:
$want"
    [ "$(registered "$k")" = "$(echo "$want" | wc -l)" ] || fail "$k's summary counts $(registered "$k"), its sheet $(echo "$want" | wc -l)"
  done
}
survivor_of() { # $1 db, $2 person id
  sqlite3 "$1" "SELECT coalesce((SELECT survivor_id FROM person_alias WHERE id='$2'), '$2')"
}

step "three kiosks, one program; Hòa made on each, namesakes beside her"
for k in A B C; do new_kiosk base-$k.db; done
seed_program base-A.db
"$K" --db base-B.db sync --with base-A.db >/dev/null || fail "B takes the program"
"$K" --db base-C.db sync --with base-A.db >/dev/null || fail "C takes the program"
roster base-B.db "Nguyễn Thị Hòa,1985,0912 345 678,xã Mỹ Khánh"
roster base-A.db "Nguyen Thi Hoa,1985,0912345678," "Nguyễn Thị Hoa,1985,0977 111 222,xã Tân Thới"
roster base-C.db "Nguyễn Thị Hoà,1986,+84 912 345 678," "Nguyễn Thị Hóa,1985,,xã Mỹ Khánh"
hoa_b=$(sqlite3 base-B.db "SELECT id FROM people WHERE phone='+84912345678'")
hoa_a=$(sqlite3 base-A.db "SELECT id FROM people WHERE phone='+84912345678'")
[ -n "$hoa_b" ] && [ -n "$hoa_a" ] || fail "no Hòa on A or B"
want="Nguyễn Thị Hoa 1985
Nguyễn Thị Hòa 1985
Nguyễn Thị Hóa 1985"
want=$(echo "$want" | sort)

start_server
orders="ABC ACB BAC BCA CAB CBA"
for mode in file pg; do
  for order in $orders; do
    step "$mode, order $order"
    for k in A B C; do cp base-$k.db $k.db; cp base-$k.db.key $k.db.key 2>/dev/null || true; done
    rm -f hub.db
    if [ $mode = pg ]; then
      psql -X -q -d "host=$PGHOST dbname=postgres user=pgadmin" -c "DROP DATABASE kiosk" \
        -c "CREATE DATABASE kiosk OWNER kiosk" >/dev/null || fail "fresh server"
      target=$KIOSK_PG
    else
      target=$WORK/hub.db
    fi
    for round in 1 2; do
      for ((i = 0; i < 3; i++)); do
        k=${order:$i:1}
        "$K" --db $k.db sync --with "$target" >/dev/null || fail "$mode sync $k (round $round)"
      done
    done
    check_sheets "$want" A.db B.db C.db
    for k in A B C; do
      [ "$(survivor_of $k.db "$hoa_a")" = "$hoa_b" ] || fail "$k: Hòa's survivor is not B's record (made first)"
      [ "$(sqlite3 $k.db "SELECT count(*) FROM people")" = 5 ] || fail "$k: records were lost or added"
    done
    if [ $mode = pg ]; then
      [ "$(psql -X -At -d "$KIOSK_PG_ADMIN" -c "SELECT count(DISTINCT merged_id) FROM person_merges WHERE undo = 0")" = 2 ] ||
        fail "the server does not hold the two merges"
    fi
  done
done

step "A's receipt for its own record of Hòa still verifies after the merge"
text=$(sqlite3 A.db "SELECT text FROM receipts WHERE person_id='$hoa_a'")
"$K" --db A.db receipt verify "$text" >verify.txt || fail "A refuses the receipt of a merged record: $(cat verify.txt)"

step "a probable duplicate: the coordinator merges it on A, unmerges it on B"
roster C.db "Nguyễn Thị Hòa,1985,,xã Tân Thới"
other=$(sqlite3 C.db "SELECT id FROM people WHERE full_name='Nguyễn Thị Hòa' AND phone='' AND commune='xã Tân Thới'")
for k in C A B; do "$K" --db $k.db sync --with "$KIOSK_PG" >/dev/null || fail "sync $k"; done
want4=$(printf '%s\nNguyễn Thị Hòa 1985\n' "$want" | sort)
check_sheets "$want4" A.db B.db C.db
"$K" --db A.db people duplicates --event MDN-MK --lang en >dups.txt || fail "people duplicates"
grep -q "$other" dups.txt && grep -q "another (or no) commune" dups.txt || fail "the pair is not listed: $(cat dups.txt)"
"$K" --db A.db people merge "$other" "$hoa_a" --lang en >merge.txt || fail "people merge: $(cat merge.txt)"
grep -q "Merged: $hoa_b stays" merge.txt || fail "merge message: $(cat merge.txt)"
for k in A B C; do "$K" --db $k.db sync --with "$KIOSK_PG" >/dev/null || fail "sync $k after the merge"; done
check_sheets "$want" A.db B.db C.db
[ "$(sqlite3 C.db "SELECT by_whom FROM person_merges WHERE merged_id='$other' AND undo=0")" = coordinator ] ||
  fail "C does not hold the coordinator's merge"
"$K" --db B.db people unmerge "$other" --lang en >unmerge.txt || fail "people unmerge: $(cat unmerge.txt)"
for k in B C A; do "$K" --db $k.db sync --with "$WORK/usb.db" >/dev/null || fail "file sync $k after the unmerge"; done
check_sheets "$want4" A.db B.db C.db
for k in A B C; do
  [ "$(sqlite3 $k.db "SELECT count(*) FROM person_alias WHERE id='$other'")" = 0 ] || fail "$k still merges her"
  [ "$(sqlite3 $k.db "SELECT count(*) FROM log WHERE kind='person.unmerge'")" = 1 ] || fail "$k: no unmerge in the log"
  [ "$(sqlite3 $k.db "SELECT count(*) FROM person_merges")" -ge 4 ] || fail "$k: merge facts missing"
done
step "a correction on A (Hóa was there without checking in) travels and shows on B's sheet"
hoa_acute=$(sqlite3 C.db "SELECT id FROM people WHERE full_name='Nguyễn Thị Hóa'")
"$K" --db A.db attendance mark --event MDN-MK --session 1 --person "$hoa_acute" present \
  --reason "Có mặt, quên điểm danh" --lang en >mark.txt || fail "attendance mark: $(cat mark.txt)"
for k in A B; do "$K" --db $k.db sync --with "$KIOSK_PG" >/dev/null || fail "sync $k after the correction"; done
"$K" --db B.db export --event MDN-MK --format csv --out "$WORK/b.csv" >/dev/null || fail "export on B"
grep -q '^[0-9]*,Nguyễn Thị Hóa,1985,.*,Có mặt,Vắng,1' "$WORK/b.csv" || fail "B's sheet: $(grep Hóa "$WORK/b.csv")"
[ "$(sqlite3 B.db "SELECT mark || ':' || by_whom FROM attendance_marks WHERE person_id='$hoa_acute'")" = "1:coordinator" ] ||
  fail "B does not hold the correction"
[ "$(psql -X -At -d "$KIOSK_PG_ADMIN" -c "SELECT count(*) FROM attendance_marks")" = 1 ] || fail "the server does not hold the correction"
[ "$(sqlite3 B.db "SELECT count(*) FROM log WHERE kind='attendance.correct'")" = 1 ] || fail "B's log lacks the correction"
echo "PASS"
