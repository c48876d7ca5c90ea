#!/usr/bin/env bash
# Every refusal says what is wrong and changes nothing. Bad inputs that other tests check
# only for their message are checked here for both: the message (file and line where there
# is one) and the stored data (every row of the database, and no file left behind).
# - roster files: bad rows, an unknown column, not UTF-8 (an old Excel "CSV"), empty, only
#   headings, NUL bytes, missing, an unknown class code
# - receipts: one changed character, another kiosk's untrusted receipt, junk
# - exports: a folder that does not exist, an unknown class; PINs that are not 6-12 digits
# - the kiosk with broken plugins and with a settings file full of mistakes: it runs, says
#   which file or key is wrong, and the database is as it was
# The other refusals, tested where their feature is (message and data both checked):
#   roster row with a year out of range: roster_import (FILE:LINE, dump unchanged)
#   forged receipt at the door: class_attend_scan (message, no check-in stored)
#   bad phone at the fair: fair_bad_phone (field message, nothing stored)
#   not SQLite / another program's file / newer schema: store_refusal, runtime_db (byte for
#   byte); read-only folder: store_refusal; full disk, folder gone: fulldisk
#   sync with a file that is no kiosk database: sync_file; unreachable PostgreSQL, wrong
#   password: sync_pg (dump unchanged); untrusted or bad key files: receipt_keys
#   wrong PIN five times: admin_lock; bad script lines: runtime_script, fuzz_script
# usage: tamper_refusals.test.sh BUILD_DIR SOURCE_DIR
set -u
build=$1
src=${2:-$(dirname "$0")/../..}
ctl=$build/kioskctl
kiosk=$build/kiosk
rosters=$src/tests/data/rosters
work=$(mktemp -d /tmp/kiosk-refusals.XXXXXX)
trap 'rm -rf "$work"' EXIT
export SDL_VIDEODRIVER=dummy SDL_RENDER_DRIVER=software SDL_AUDIODRIVER=dummy
db=$work/kiosk.db
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# every row of every table, and the names of the files beside the database
fingerprint() { { sqlite3 "$db" .dump; ls -a "$work"; } | sha256sum | cut -c1-64; }
# refused LABEL WANT-IN-MESSAGE CMD...: exit 1, WANT on stderr, nothing changed
refused() {
  local label=$1 want=$2 before rc
  shift 2
  before=$(fingerprint)
  "$@" >"$work/.out" 2>"$work/.err"
  rc=$?
  [ $rc = 1 ] || bad "$label: exit $rc, want 1 ($(cat "$work/.err"))"
  grep -qF -- "$want" "$work/.err" || bad "$label: the message does not say '$want': $(cat "$work/.err")"
  rm -f "$work/.out" "$work/.err"
  [ "$(fingerprint)" = "$before" ] && ok || bad "$label: the stored data changed"
}

"$ctl" --db "$db" init --demo >/dev/null || bad "init --demo"
"$ctl" --db "$db" roster import --event DDN-TT --lang en "$rosters/english-headings.csv" >/dev/null 2>&1 ||
  bad "a good roster"

# ---- roster files
for f in many-bad-rows unknown-column one-bad-row; do
  refused "roster $f" "$rosters/$f.csv:" "$ctl" --db "$db" roster import --event DDN-CD "$rosters/$f.csv"
done
grep -c "many-bad-rows.csv:[0-9]*: " <("$ctl" --db "$db" roster import --event DDN-CD \
  "$rosters/many-bad-rows.csv" 2>&1) | grep -qx 5 && ok || bad "not every bad row is listed"
printf 'H\xe1\xbb\x8d v\xc3\xa0 t\xc3\xaan,N\xc4\x83m sinh\nNguy\xean Th\xef Hoa,1980\n' >"$work/cp1258.csv.in"
mv "$work/cp1258.csv.in" "$work/cp1258.csv"
refused "roster not UTF-8" "cp1258.csv:2: " "$ctl" --db "$db" roster import --event DDN-CD "$work/cp1258.csv"
: >"$work/empty.csv"
refused "roster empty" "empty.csv" "$ctl" --db "$db" roster import --event DDN-CD "$work/empty.csv"
printf 'Họ và tên,Năm sinh\n' >"$work/headings.csv"
refused "roster headings only" "headings.csv" "$ctl" --db "$db" roster import --event DDN-CD "$work/headings.csv"
printf 'Họ và tên,Năm sinh\nNguyễn Thị Hoa\000,1980\n' >"$work/nul.csv"
refused "roster with NUL bytes" "nul.csv:2" "$ctl" --db "$db" roster import --event DDN-CD "$work/nul.csv"
printf 'Họ và tên,Năm sinh\nLê Thị Ánh,1980\n123,1985\n...,1990\n' >"$work/no-letters.csv"
refused "roster names without letters" "no-letters.csv:3: " \
  "$ctl" --db "$db" roster import --event DDN-CD "$work/no-letters.csv"
grep -c "no-letters.csv:[34]: " <("$ctl" --db "$db" roster import --event DDN-CD \
  "$work/no-letters.csv" 2>&1) | grep -qx 2 && ok || bad "both names without letters are not listed"
refused "roster missing" "missing.csv" "$ctl" --db "$db" roster import --event DDN-CD "$work/missing.csv"
refused "roster unknown class" "XX-00" "$ctl" --db "$db" roster import --event XX-00 "$rosters/english-headings.csv"

# ---- receipts
text=$("$ctl" --db "$db" receipt list --event DDN-TT 2>/dev/null | head -1 | cut -f4)
[[ $text == KC1.* ]] && ok || bad "no receipt to change: '$text'"
last=${text: -1}
if [ "$last" = A ]; then forged="${text%?}B"; else forged="${text%?}A"; fi
refused "receipt with a changed character" "receipt refused" "$ctl" --db "$db" receipt verify "$forged"
refused "receipt junk" "not a kiosk receipt" "$ctl" --db "$db" receipt verify "KC1.NOT.A-RECEIPT"
"$ctl" --db "$work/other.db" init --demo >/dev/null 2>&1
"$ctl" --db "$work/other.db" roster import --event DDN-CD "$rosters/english-headings.csv" >/dev/null 2>&1
other=$("$ctl" --db "$work/other.db" receipt list 2>/dev/null | head -1 | cut -f4)
rm -f "$work/other.db" "$work/other.db.key"
refused "receipt of an untrusted kiosk" "receipt refused" "$ctl" --db "$db" receipt verify "$other"

# ---- exports and PINs
refused "export to a missing folder" "$work/nowhere/x.csv" \
  "$ctl" --db "$db" export --event MDN-MK --format csv --out "$work/nowhere/x.csv"
refused "export of an unknown class" "XX-00" \
  "$ctl" --db "$db" export --event XX-00 --format csv --out "$work/x.csv"
echo 246813 | "$ctl" --db "$db" pin set >/dev/null 2>&1 || bad "pin set"
for pin in 12 abcd 2468 12345 1234567890123 "12 34"; do
  refused "PIN '$pin'" "nothing was changed" sh -c "echo '$pin' | '$ctl' --db '$db' pin set"
done

# ---- the kiosk: broken plugins, a bad settings file
printf 'expect "Trung tâm"\n' >"$work/home.kscript"
before=$(fingerprint)
"$kiosk" --db "$db" --config /dev/null --window 800x600 --plugin-dir "$build/test-plugins" \
  --script "$work/home.kscript" >/dev/null 2>"$work/log" || bad "the kiosk with broken plugins did not run"
grep -q "bad.so' refused: not a shared object" "$work/log" && ok || bad "no message names the broken plugin: $(cat "$work/log")"
rm -f "$db.guard" "$work/log"
[ "$(fingerprint)" = "$before" ] && ok || bad "the kiosk with broken plugins changed the data"
printf '[kiosk]\nlang = fr\nidle_timeout_s = 2\nwindow = big\nnot_a_key = 1\nplugin_order = ../../etc\n' \
  >"$work/bad.ini"
before=$(fingerprint)
"$kiosk" --db "$db" --config "$work/bad.ini" --window 800x600 --script "$work/home.kscript" \
  >/dev/null 2>"$work/log" || bad "the kiosk with bad settings did not run: $(cat "$work/log")"
for key in lang idle_timeout_s window not_a_key plugin_order; do
  grep -q "$key" "$work/log" && ok || bad "the log does not name the bad key '$key': $(cat "$work/log")"
done
rm -f "$db.guard" "$work/log"
[ "$(fingerprint)" = "$before" ] && ok || bad "the kiosk with bad settings changed the data"
finish_tests
