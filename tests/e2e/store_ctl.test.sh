#!/usr/bin/env bash
# kioskctl init [--demo] and event list, as a coordinator uses them: the demo program in a
# new database, readable Vietnamese columns with today's sessions, a second --demo refused
# with the database unchanged, usage errors exit 2.
# usage: store_ctl.test.sh BUILD_DIR SOURCE_DIR
set -uo pipefail
build=$1
kioskctl=$build/kioskctl
work=$(mktemp -d /tmp/kiosk-ctl.XXXXXX)
trap 'rm -rf "$work"' EXIT
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
db=$work/kiosk.db

out=$("$kioskctl" --db "$db" init --demo 2>&1) || bad "init --demo: $out"
grep -q "14 events" <<<"$out" || bad "init --demo does not say what it filled: $out"

list=$("$kioskctl" --db "$db" event list 2>&1) || bad "event list: $list"
echo "$list"
head -n 1 <<<"$list" | grep -q "MÃ.*LOẠI.*TÊN.*ĐỊA ĐIỂM.*NGÀY.*BUỔI.*ĐĂNG KÝ" ||
  bad "no Vietnamese headings"
mk=$(grep "^MDN-MK " <<<"$list")
grep -q "lớp học" <<<"$mk" || bad "MDN-MK is not a class: $mk"
grep -q "May và đan dây nhựa" <<<"$mk" || bad "MDN-MK's title: $mk"
grep -q "xã Mỹ Khánh, huyện Phong Điền" <<<"$mk" || bad "MDN-MK's place: $mk"
grep -q "10/30" <<<"$mk" || bad "MDN-MK's registered/capacity: $mk"
grep "^HC-DT " <<<"$list" | grep -q "hội chợ" || bad "HC-DT is not a fair"
[ "$(grep -c "lớp học" <<<"$list")" = 12 ] || bad "want 12 classes"
# the place column starts where its heading does on every row (accents take no width)
python3 - "$list" <<'PY' || bad "columns are not aligned"
import sys, unicodedata
rows = sys.argv[1].splitlines()
def width(s): return sum(0 if unicodedata.combining(c) else 1 for c in s)
head = rows[0]; at = width(head[:head.index("ĐỊA ĐIỂM")])
for r in rows[1:]:
    i = 0; w = 0
    while w < at: w += 0 if unicodedata.combining(r[i]) else 1; i += 1
    assert r[i - 2:i] == "  " and r[i] != " ", r
PY
# a craft class meets today
sqlite3 "$db" "SELECT count(*) FROM sessions s JOIN events e ON e.id=s.event_id WHERE e.code='MDN-MK'
  AND date(s.starts_at/1000, 'unixepoch', 'localtime') = date('now', 'localtime')
  AND time(s.starts_at/1000, 'unixepoch', 'localtime') = '07:30:00'" | grep -qx 1 ||
  bad "MDN-MK has no 07:30 session today"

before=$(sha256sum "$db")
err=$("$kioskctl" --db "$db" init --demo 2>&1 >/dev/null); rc=$?
[ "$rc" = 1 ] || bad "a second init --demo: exit $rc, want 1"
grep -q "already holds a program" <<<"$err" || bad "a second --demo says: $err"
grep -q -- "$db" <<<"$err" || bad "the refusal does not name the file: $err"
[ "$before" = "$(sha256sum "$db")" ] || bad "a refused --demo changed the database"

"$kioskctl" --db "$db" event >/dev/null 2>&1; rc=$?
[ "$rc" = 2 ] || bad "'event' without 'list': exit $rc, want 2"
"$kioskctl" --db "$db" init --bogus >/dev/null 2>&1; rc=$?
[ "$rc" = 2 ] || bad "'init --bogus': exit $rc, want 2"

out=$("$kioskctl" --db "$work/empty.db" init 2>&1) || bad "init: $out"
out=$("$kioskctl" --db "$work/empty.db" event list 2>&1) || bad "event list on an empty program"
grep -q "init --demo" <<<"$out" || bad "an empty program says: $out"
en=$(KIOSK_LANG=en "$kioskctl" --db "$db" event list 2>&1)
head -n 1 <<<"$en" | grep -q "CODE.*KIND.*TITLE" || bad "English headings: $(head -n 1 <<<"$en")"

finish_tests
