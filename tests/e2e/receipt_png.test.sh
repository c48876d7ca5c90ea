#!/usr/bin/env bash
# A receipt saved with `kioskctl receipt png` decodes (zbarimg) to exactly the receipt
# text, that text verifies, and a changed one does not.
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
# Module 8 px, quiet zone 4 modules: width = (modules + 8) * 8; version <= 6 is <= 41 modules.
width=$(identify -format %w "$work/r.png")
modules=$((width / 8 - 8))
[ $((width % 8)) = 0 ] && [ "$modules" -ge 21 ] && [ "$modules" -le 41 ] ||
  fail "png width $width: not 8 px modules of a QR version <= 6"
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
finish_tests
