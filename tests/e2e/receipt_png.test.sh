#!/usr/bin/env bash
# A receipt saved with `kioskctl receipt png` decodes (zbarimg) to exactly the receipt
# text, that text verifies, and a changed one does not; under its QR the picture carries the
# receipt screen's words (class, place and code, the session to come to, the short code) in
# Vietnamese or English. Pictures: build/shots/receipt_png/.
# usage: receipt_png.test.sh BUILD_DIR [SOURCE_DIR]
set -u
build=$1
ctl=$build/kioskctl
fixture=$build/tests/test_receipt_fixture
work=$(mktemp -d /tmp/kiosk-receipt-png.XXXXXX)
trap 'rm -rf "$work"' EXIT
db=$work/kiosk.db
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# A demo database when `init --demo` exists; the fixture adds its own rows otherwise.
"$ctl" --db "$db" init --demo >/dev/null 2>&1 || rm -f "$db"
line=$("$fixture" "$db" 2>"$work/err") || fail "cannot issue a receipt: $(cat "$work/err")"
code=${line%%$'\t'*}
text=${line#*$'\t'}
[[ $code =~ ^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$ ]] || fail "short code '$code'"
ok

# The code as a person might type it: lower case, no dash.
typed=$(echo "${code/-/}" | tr 'A-Z' 'a-z')
"$ctl" --db "$db" receipt png "$typed" --out "$work/r.png" >"$work/out" 2>&1 ||
  fail "receipt png $typed: $(cat "$work/out")"
ok
[ "$(stat -c %a "$work/r.png")" = 644 ] || fail "png mode $(stat -c %a "$work/r.png")"
decoded=$(zbarimg --raw -q "$work/r.png" 2>/dev/null) || fail "zbarimg could not read $work/r.png"
[ "$decoded" = "$text" ] || fail "decoded '$decoded', issued '$text'"
ok
# The QR on top (8 px modules, a quiet zone of 4: a square of (modules + 8) * 8 px, a version
# <= 6 is <= 41 modules), the receipt screen's words under it (issue 17 item 7).
read -r width height < <(identify -format '%w %h\n' "$work/r.png")
grep -q "(${width}x${height} px" "$work/out" || fail "kioskctl said $(cat "$work/out"), the file is ${width}x$height"
[ "$height" -gt $((width + 100)) ] || fail "png ${width}x$height: no room for words under the QR"
ok
# Ink under the QR: the rows below it are not blank, and hold lines of text (bands of rows
# with ink, blank rows between them).
text_area() { # PNG WIDTH HEIGHT: the rows under the top square, one mean grey a row
  convert "$1" -crop "$2x$(($3 - $2))+0+$2" +repage -scale "1x$(($3 - $2))!" -depth 8 gray:- |
    od -An -tu1 -v | tr -s ' ' '\n' | grep -v '^$'
}
bands() { awk '{ink = $1 < 250} ink && !prev {n++} {prev = ink} END {print n + 0}'; }
attendance_bands=$(text_area "$work/r.png" "$width" "$height" | bands)
[ "$attendance_bands" -ge 4 ] || fail "only $attendance_bands lines of ink under the QR"
ok
"$ctl" --db "$db" receipt verify "$decoded" >"$work/v" 2>&1 || fail "verify: $(cat "$work/v")"
grep -q "^kind: " "$work/v" && grep -q "^event: " "$work/v" && grep -q "^issued: " "$work/v" &&
  grep -q "^kiosk: " "$work/v" && grep -q "^session: " "$work/v" || fail "verify printed: $(cat "$work/v")"
ok

# The list has it: code, kind, person, text.
"$ctl" --db "$db" receipt list >"$work/list" || fail "receipt list"
awk -F'\t' -v c="$code" -v t="$text" '$1 == c && $4 == t && $3 != "" && NF == 4' "$work/list" |
  grep -q . || fail "receipt list lacks '$code': $(cat "$work/list")"
ok

# One changed character: exit 1 and one line saying why.
changed=${text:0:20}$([ "${text:20:1}" = A ] && echo B || echo A)${text:21}
"$ctl" --db "$db" receipt verify "$changed" >/dev/null 2>"$work/why" && fail "a changed text verified"
[ "$(wc -l <"$work/why")" = 1 ] && grep -q "bad signature" "$work/why" || fail "why: $(cat "$work/why")"
ok
"$ctl" --db "$db" receipt verify "not a receipt" >/dev/null 2>"$work/why" && fail "junk verified"
grep -q "malformed" "$work/why" || fail "why: $(cat "$work/why")"
ok
"$ctl" --db "$db" receipt png ZZZZ-ZZZZ --out "$work/none.png" >/dev/null 2>"$work/why" &&
  fail "png of an unknown code"
[ ! -e "$work/none.png" ] || fail "png written for an unknown code"
ok
# A sign-up receipt's picture also says when to come (the first session): more lines than
# the attendance receipt's; in English the words differ and the QR is the same.
printf 'Họ và tên,Năm sinh,Số điện thoại,Xã/Phường\nNguyễn Thị Hóa,1990,,xã Nhơn Ái\n' >"$work/r.csv"
"$ctl" --db "$db" roster import --event DDN-CD "$work/r.csv" >/dev/null 2>&1 || fail "roster import"
signup=$("$ctl" --db "$db" receipt list --event DDN-CD | awk -F'\t' '$2 == "sign-up" {print $1; exit}')
[ -n "$signup" ] || fail "no sign-up receipt after the roster import"
"$ctl" --db "$db" receipt png "$signup" --out "$work/s.png" >/dev/null 2>&1 || fail "png $signup"
"$ctl" --db "$db" receipt png "$signup" --lang en --out "$work/s-en.png" >/dev/null 2>&1 ||
  fail "png $signup --lang en"
for f in s s-en; do
  zbarimg --raw -q "$work/$f.png" 2>/dev/null | grep -q . || fail "zbarimg could not read $f.png"
done
read -r sw sh < <(identify -format '%w %h\n' "$work/s.png")
signup_bands=$(text_area "$work/s.png" "$sw" "$sh" | bands)
[ "$signup_bands" -gt "$attendance_bands" ] ||
  fail "the sign-up picture has $signup_bands lines of ink, the attendance one $attendance_bands"
ok
top=$(compare -metric AE -crop "${sw}x${sw}+0+0" "$work/s.png" "$work/s-en.png" null: 2>&1)
words=$(compare -metric AE "$work/s.png" "$work/s-en.png" null: 2>&1)
[ "$top" = 0 ] && [ "$words" != 0 ] || fail "vi and en pictures: QR differs by $top px, all by $words"
ok
mkdir -p "$build/shots/receipt_png" && cp "$work/r.png" "$work/s.png" "$work/s-en.png" "$build/shots/receipt_png/"
finish_tests
