#!/usr/bin/env bash
# XLSX in (kiosk/core/sheet): a roster saved as XLSX by LibreOffice (from a CSV, here)
# imports as its CSV does; files that are no XLSX and zip bombs (a part packed 1000:1,
# thousands of entries) are refused with a clear reason, exit 1, the database unchanged.
# usage: sheet_xlsx.test.sh BUILD_DIR SOURCE_DIR
set -u
build=$1
src=${2:-$(dirname "$0")/../..}
ctl=$build/kioskctl
work=$(mktemp -d /tmp/kiosk-sheet-e2e.XXXXXX)
trap 'rm -rf "$work"' EXIT
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
command -v soffice >/dev/null || { echo "SKIP: no soffice (LibreOffice)"; exit 77; }
command -v python3 >/dev/null || { echo "SKIP: no python3"; exit 77; }
fingerprint() { sqlite3 "$1" .dump | sha256sum | cut -c1-64; }
people() { sqlite3 "$1" "SELECT full_name, birth_year, phone, commune FROM people ORDER BY full_name"; }

# The same roster as CSV and as LibreOffice's XLSX: the same trainees.
cp "$src/tests/data/rosters/bom-semicolon-crlf.csv" "$work/roster.csv"
(cd "$work" && HOME=$work soffice --headless --infilter="CSV:59,34,76,1" --convert-to xlsx roster.csv \
  >/dev/null 2>&1)
[ -s "$work/roster.xlsx" ] || fail "LibreOffice wrote no XLSX"
for kind in csv xlsx; do
  "$ctl" --db "$work/$kind.db" init --demo >/dev/null || fail "init"
  "$ctl" --db "$work/$kind.db" roster import --event DDN-CD "$work/roster.$kind" >"$work/out" \
    2>"$work/err" || fail "$kind import: $(cat "$work/err")"
  grep -q '5 học viên mới' "$work/out" || fail "$kind report: $(cat "$work/out")"
done
[ "$(people "$work/csv.db")" = "$(people "$work/xlsx.db")" ] || fail "CSV and XLSX differ:
$(diff <(people "$work/csv.db") <(people "$work/xlsx.db"))"
ok

db=$work/xlsx.db
refused() { # FILE PATTERN: exit 1, the pattern on stderr, nothing changed
  local fp
  fp=$(fingerprint "$db")
  "$ctl" --db "$db" roster import --event DDN-CD "$1" >"$work/out" 2>"$work/err"
  local rc=$?
  [ $rc -eq 1 ] || fail "$1: exit $rc, want 1"
  grep -q "$2" "$work/err" || fail "$1: message: $(cat "$work/err")"
  [ "$(fingerprint "$db")" = "$fp" ] || fail "$1 changed the database"
  ok
}

# a CSV named .xlsx; a zip that is no workbook
cp "$work/roster.csv" "$work/named.xlsx"
refused "$work/named.xlsx" "named.xlsx: tệp không phải bảng tính XLSX"
python3 - "$work" <<'PY'
import sys, zipfile
w = sys.argv[1]
with zipfile.ZipFile(w + "/photos.xlsx", "w") as z:
    z.writestr("photo.jpg", b"\xff\xd8" * 100)
wb = ('<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
      '<sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets></workbook>')
rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
def book(name, sheet, extra=0):
    with zipfile.ZipFile(w + "/" + name, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", wb)
        z.writestr("xl/_rels/workbook.xml.rels", rels)
        z.writestr("xl/worksheets/sheet1.xml", sheet)
        for i in range(extra):
            z.writestr("junk/%d" % i, "")
# 200 MB of spaces packed ~1000:1
head = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
book("bomb.xlsx", head + " " * (200 << 20) + "</sheetData></worksheet>")
book("entries.xlsx", head + "</sheetData></worksheet>", extra=5000)
book("entity.xlsx", '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>' + head + "</sheetData></worksheet>")
book("badxml.xlsx", head + "<row><c>")
PY
refused "$work/photos.xlsx" "photos.xlsx: tệp không phải bảng tính XLSX"
refused "$work/bomb.xlsx" "bomb.xlsx: .*bom zip"
refused "$work/entries.xlsx" "entries.xlsx: .*bom zip"
refused "$work/entity.xlsx" "entity.xlsx: tệp XLSX bị hỏng"
refused "$work/badxml.xlsx" "badxml.xlsx: tệp XLSX bị hỏng (xl/worksheets/sheet1.xml"
finish_tests
