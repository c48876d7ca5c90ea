#!/usr/bin/env bash
# The coordinator's files from the demo program after some check-ins (test_export_fixture
# makes them through the store), opened the way the office opens them: LibreOffice turns the
# XLSX into CSV (names in the official order, Có mặt / Muộn / Vắng, totals, the summary's
# figures) and into PDF, whose first page is kept as a PNG to look at
# (build/shots/export/). Also: CSV exports (BOM, CRLF), modes 0600, refusals.
# usage: export_xlsx.test.sh BUILD_DIR [SOURCE_DIR]
set -u
build=$1
ctl=$build/kioskctl
fixture=$build/tests/test_export_fixture
work=$(mktemp -d /tmp/kiosk-export-e2e.XXXXXX)
trap 'rm -rf "$work"' EXIT
shots=$build/shots/export
mkdir -p "$shots"
db=$work/kiosk.db
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# LibreOffice with a private profile (never the user's), tab-separated UTF-8 out.
office() { # FILTER OUTDIR FILE...
  local filter=$1 out=$2
  shift 2
  HOME=$work timeout 180 soffice -env:UserInstallation=file://$work/lo-profile --headless \
    --convert-to "$filter" --outdir "$out" "$@" >"$work/soffice.log" 2>&1 ||
    fail "soffice: $(cat "$work/soffice.log")"
}
TSV='csv:Text - txt - csv (StarCalc):9,34,76,1'
# Field N of the row whose first field is KEY (tab-separated).
field() { awk -F'\t' -v k="$1" -v n="$2" '$1 == k { print $n; exit }' "$3"; }

"$ctl" --db "$db" init --demo >/dev/null || fail "init --demo"
"$fixture" "$db" >"$work/facts" || fail "fixture: $(cat "$work/facts")"

for f in mdn-mk:MDN-MK mdn-pd:MDN-PD; do
  "$ctl" --db "$db" export --event "${f#*:}" --format xlsx --out "$work/${f%%:*}.xlsx" >"$work/out" ||
    fail "export ${f#*:} xlsx"
done
grep -q 'Đã ghi' "$work/out" || fail "no report on stdout: $(cat "$work/out")"
"$ctl" --db "$db" export --summary --format xlsx --out "$work/summary.xlsx" >/dev/null || fail "summary"
"$ctl" --db "$db" export --leads --event HC-DT --format xlsx --out "$work/leads.xlsx" >/dev/null ||
  fail "leads"
for f in mdn-mk mdn-pd summary leads; do
  [ "$(stat -c %a "$work/$f.xlsx")" = 600 ] || fail "$f.xlsx mode $(stat -c %a "$work/$f.xlsx")"
done
ok

office "$TSV" "$work/csv" "$work/mdn-mk.xlsx" "$work/summary.xlsx" "$work/leads.xlsx"
# LibreOffice quotes every text cell; none of the cells checked holds a quote of its own
for f in mdn-mk summary leads; do
  [ -s "$work/csv/$f.csv" ] || fail "LibreOffice did not open $f.xlsx"
  sed -i 's/"//g' "$work/csv/$f.csv"
done
sheet=$work/csv/mdn-mk.csv
grep -q 'TRUNG TÂM KHUYẾN CÔNG VÀ TƯ VẤN' "$sheet" || fail "no letterhead"
grep -q 'DANH SÁCH ĐIỂM DANH HỌC VIÊN' "$sheet" || fail "no title"
grep -q 'Lớp: May và đan dây nhựa (MDN-MK)' "$sheet" || fail "no class line"
grep -q 'Địa điểm: xã Mỹ Khánh, huyện Phong Điền, TP Cần Thơ' "$sheet" || fail "no place line"
ok

# The official order: given name, family, middle (namesakes by birth year); Loan left the
# attendance box unticked: attendance is recorded under the reporting duty, she is on it.
names=$(awk -F'\t' '$1 ~ /^[0-9]+$/ { print $2 " " $3 }' "$sheet")
want="Lê Thị Ánh 1990
Trần Văn Bình 1980
Đặng Văn Đức 1975
Nguyễn Ngọc Hân 1995
Nguyễn Thị Hoa 1985
Nguyễn Thị Hòa 1978
Nguyễn Thị Hòa 1992
Trương Thị Diễm Hương 1993
Võ Thị Kim Loan 1983
Huỳnh Văn Tâm 1970
Phạm Thị Thu Trang 1988"
[ "$names" = "$want" ] || fail "order on the sheet:
$names
wanted:
$want"
ok

# Marks: columns 6-11 are sessions 1-6 (two days ago, yesterday, this morning, this
# afternoon, tomorrow, after), 12 the count. A session not begun yet is blank: nobody is
# absent from it. Bình came late on day 1; Hòa (1978) came twice on time and late this
# morning; Đức never came; phones only with consent to contact.
if [ "$(date +%H%M)" -ge 1330 ]; then pm=Vắng; else pm=; fi
row() { awk -F'\t' -v n="$1" '$2 == n && $3 == y' y="$2" "$sheet"; }
marks() { row "$1" "$2" | cut -f6-12; }
want_marks() { printf '%s\t%s\t%s\t%s\t\t\t%s' "$1" "$2" "$3" "$pm" "$4"; }
[ "$(marks 'Trần Văn Bình' 1980)" = "$(want_marks Muộn Vắng Vắng 1)" ] || fail "Bình: $(marks 'Trần Văn Bình' 1980)"
[ "$(marks 'Nguyễn Thị Hòa' 1978)" = "$(want_marks 'Có mặt' 'Có mặt' Muộn 3)" ] ||
  fail "Hòa 1978: $(marks 'Nguyễn Thị Hòa' 1978)"
[ "$(marks 'Đặng Văn Đức' 1975)" = "$(want_marks Vắng Vắng Vắng 0)" ] || fail "Đức: $(marks 'Đặng Văn Đức' 1975)"
[ "$(row 'Nguyễn Thị Hòa' 1978 | cut -f5)" = "0918 456 702" ] || fail "Hòa's phone (she agreed)"
[ -z "$(row 'Nguyễn Thị Hoa' 1985 | cut -f5)" ] || fail "Hoa's phone shown without consent"
[ "$(row 'Nguyễn Thị Hòa' 1978 | cut -f4)" = "xã Mỹ Khánh, huyện Phong Điền" ] || fail "address"
[ -z "$(row 'Võ Thị Kim Loan' 1983 | cut -f5)" ] || fail "Loan's phone shown after she took back her consent"
ok

# Totals at the foot: present per session (on time or late), of whom late, absent.
foot() { grep "^$1"$'\t' "$sheet" | cut -f6-12; }
[ "$(foot 'Tổng số có mặt')" = "$(printf '9\t3\t3\t%s\t\t\t15' "${pm:+0}")" ] ||
  fail "present totals: $(foot 'Tổng số có mặt')"
[ "$(foot 'Trong đó đến muộn')" = "$(printf '1\t0\t1\t%s\t\t\t2' "${pm:+0}")" ] ||
  fail "late totals: $(foot 'Trong đó đến muộn')"
[ "$(foot 'Vắng')" = "$(printf '2\t8\t8\t%s\t\t\t%s' "${pm:+11}" "$([ -n "$pm" ] && echo 29 || echo 18)")" ] ||
  fail "absent totals: $(foot 'Vắng')"
grep -q 'Tổng số học viên: 11 người' "$sheet" || fail "people count"
grep -q 'Người lập biểu' "$sheet" && grep -q 'Xác nhận của đơn vị tổ chức' "$sheet" || fail "signature lines"
ok

# The summary: one row an event; the fair's visitors, returning visitors and interests.
summary=$work/csv/summary.csv
[ "$(awk -F'\t' '$2 == "HC-DT" { print $13, $14 }' "$summary")" = "3 1" ] ||
  fail "HC-DT visitors/returning: $(grep HC-DT "$summary")"
[ "$(awk -F'\t' '$2 == "MDN-MK" { print $9, $10, $12 }' "$summary")" = "11 10 1" ] ||
  fail "MDN-MK registered/attended/walk-ins: $(grep MDN-MK "$summary")"
grep -q 'may mặc' "$summary" || fail "no interest table in the summary"
leads=$work/csv/leads.csv
grep -q 'Dương Thị Kiều' "$leads" && grep -q '0934 555 417' "$leads" || fail "lead Kiều"
grep -q 'Tô Thị Xuân' "$leads" && fail "Xuân never agreed to be contacted"
ok

# Pages to look at: the plain sheet, the one with signatures, the summary with its chart.
office pdf "$work/pdf" "$work/mdn-mk.xlsx" "$work/mdn-pd.xlsx" "$work/summary.xlsx" "$work/leads.xlsx"
for f in mdn-mk mdn-pd summary leads; do
  [ -s "$work/pdf/$f.pdf" ] || fail "no PDF of $f"
  pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$work/pdf/$f.pdf" "$shots/$f-page1" || fail "pdftoppm $f"
  # A4 landscape: 842 x 595 points
  size=$(pdfinfo "$work/pdf/$f.pdf" | awk '/Page size/ { printf "%.0fx%.0f", $3, $5 }')
  [ "$size" = "842x595" ] || fail "$f is not A4 landscape: $size"
done
ok

# The signatures (placed by the export's second pass, kiosk/core/export/xlsx_pictures.h):
# one picture a signed check-in, anchored in the cell of its person and session, showing the
# very PNG the kiosk stored; identical signatures are stored once. The signed cells are read
# from the kiosk's CSV ("Có mặt (đã ký)"), the people of the XLSX's rows from LibreOffice's
# reading of it, the pictures' cells from the drawing, the PNGs from the database.
mkdir -p "$work/pd" && (cd "$work/pd" && unzip -q "$work/mdn-pd.xlsx") || fail "unzip mdn-pd.xlsx"
office "$TSV" "$work/pd" "$work/mdn-pd.xlsx"
"$ctl" --db "$db" export --event MDN-PD --format csv --out "$work/mdn-pd.csv" >/dev/null ||
  fail "mdn-pd csv"
# the first pass's private folder is gone afterwards
mkdir "$work/tmp" && TMPDIR=$work/tmp "$ctl" --db "$db" export --event MDN-PD --format xlsx \
  --out "$work/again.xlsx" >/dev/null || fail "mdn-pd xlsx again"
[ -z "$(ls -A "$work/tmp")" ] || fail "left in TMPDIR: $(ls -A "$work/tmp")"
# no folder for the first pass: a refusal in one line, no file
TMPDIR=$work/none "$ctl" --db "$db" export --event MDN-PD --format xlsx --out "$work/no.xlsx" \
  2>"$work/err" >/dev/null && fail "exported without a temporary folder"
[ "$(wc -l <"$work/err")" = 1 ] && grep -q "không tạo được thư mục tạm trong \"$work/none\"" "$work/err" ||
  fail "no temporary folder: $(cat "$work/err")"
[ ! -e "$work/no.xlsx" ] && [ ! -e "$work/no.xlsx.tmp" ] || fail "a file was left: $(ls "$work")"
python3 - "$work/mdn-pd.csv" "$work/pd" "$db" >"$work/pictures" 2>&1 <<'PY' ||
import csv, glob, re, sqlite3, sys
kiosk, unzipped, db = sys.argv[1:4]
rows = list(csv.reader(open(kiosk, encoding="utf-8-sig")))
sessions = next(r for r in rows if r and r[0] == "STT")[5:-1]
want = sorted((r[1], i + 1) for r in rows if r and r[0].isdigit()
              for i, cell in enumerate(r[5:5 + len(sessions)]) if "đã ký" in cell)
sheet = list(csv.reader(open(unzipped + "/mdn-pd.csv", encoding="utf-8"), delimiter="\t"))
xml = open(unzipped + "/xl/drawings/drawing1.xml", encoding="utf-8").read()
rels = dict(re.findall(r'Id="(rId\d+)"[^>]*Target="../(media/image\d+\.png)"',
                       open(unzipped + "/xl/drawings/_rels/drawing1.xml.rels").read()))
anchors = re.findall(r"<xdr:from><xdr:col>(\d+)</xdr:col><xdr:colOff>\d+</xdr:colOff>"
                     r"<xdr:row>(\d+)</xdr:row>.*?r:embed=\"(rId\d+)\"", xml)
got = sorted((sheet[int(r)][1], int(c) - 4) for c, r, _ in anchors)
print("signed cells (kiosk CSV):", want)
print("pictures' cells (XLSX):  ", got)
assert len(want) == 5, "the fixture signs 5 check-ins"
assert got == want, "a picture is not beside its row"
con = sqlite3.connect(db)
q = ("SELECT c.signature_png FROM checkins c JOIN sessions s ON s.id = c.session_id "
     "JOIN events e ON e.id = s.event_id JOIN people p ON p.id = c.person_id "
     "WHERE e.code = 'MDN-PD' AND p.full_name = ? AND s.number = ? AND c.kind = 1")
for c, r, rid in anchors:
    name, number = sheet[int(r)][1], int(c) - 4
    stored = con.execute(q, (name, number)).fetchone()[0]
    shown = open(unzipped + "/xl/" + rels[rid], "rb").read()
    assert shown == stored, f"{name}, session {number}: the picture is not her signature"
distinct = con.execute("SELECT count(DISTINCT c.signature_png) FROM checkins c JOIN sessions s "
                       "ON s.id = c.session_id JOIN events e ON e.id = s.event_id "
                       "WHERE e.code = 'MDN-PD'").fetchone()[0]
media = glob.glob(unzipped + "/xl/media/image*.png")
assert len(media) == len(rels) == distinct, f"{len(media)} pictures, {distinct} signatures"
PY
  fail "signatures: $(cat "$work/pictures")"
ok

# CSV: BOM, CRLF, 0600; the same people as the XLSX.
"$ctl" --db "$db" export --event MDN-MK --format csv --out "$work/mdn-mk.csv" >/dev/null || fail "csv export"
[ "$(head -c 3 "$work/mdn-mk.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail "no BOM"
[ "$(grep -c $'\r$' "$work/mdn-mk.csv")" = "$(wc -l <"$work/mdn-mk.csv")" ] || fail "not CRLF"
[ "$(stat -c %a "$work/mdn-mk.csv")" = 600 ] || fail "csv mode"
grep -q '^2,Trần Văn Bình,1980,' "$work/mdn-mk.csv" || fail "csv row 2"
umask 000
"$ctl" --db "$db" export --summary --out "$work/summary.csv" >/dev/null || fail "format from the extension"
[ "$(stat -c %a "$work/summary.csv")" = 600 ] || fail "umask 000 widened the mode"
umask 022
ok

# Refusals: exit 1 and one line for what a person can fix, 2 for usage; no file left.
"$ctl" --db "$db" export --event XX-00 --format csv --out "$work/x.csv" 2>"$work/err" && fail "unknown event"
[ $? -eq 1 ] && [ "$(wc -l <"$work/err")" = 1 ] && grep -q 'XX-00' "$work/err" || fail "unknown event: $(cat "$work/err")"
"$ctl" --db "$db" export --leads --event MDN-MK --format csv --out "$work/x.csv" 2>"$work/err"
[ $? -eq 1 ] || fail "leads of a class"
"$ctl" --db "$db" export --event MDN-MK --format ods --out "$work/x.ods" 2>/dev/null
[ $? -eq 2 ] || fail "format ods"
"$ctl" --db "$db" export --event MDN-MK --format csv 2>/dev/null
[ $? -eq 2 ] || fail "no --out"
"$ctl" --db "$db" export --event MDN-MK --format csv --out "$work/none/x.csv" 2>"$work/err"
[ $? -eq 1 ] && [ "$(wc -l <"$work/err")" = 1 ] || fail "missing folder: $(cat "$work/err")"
ls "$work"/x.* "$work"/*.tmp 2>/dev/null && fail "a refused export left a file"
"$ctl" --db "$db" --help >/dev/null
"$ctl" --db "$db" export --event MDN-MK --format csv --lang en --out "$work/en.csv" >/dev/null || fail "--lang en"
grep -q 'Present' "$work/en.csv" && grep -q 'Full name' "$work/en.csv" || fail "English headings"
ok

finish_tests
