#!/usr/bin/env bash
# The program sheet and XLSX in (issue 13):
#  - kioskctl program import of 500 classes x 20 sessions (CSV, then the same as XLSX written
#    by LibreOffice), timed beside sqlite3 loading the same events and sessions as plain
#    INSERTs in one transaction (what the rows cost without the checks);
#  - the same file again (nothing changes: every row compared);
#  - kioskctl roster import of 10,000 trainees as XLSX, beside the same roster as CSV (one
#    run each by default, ROSTER_RUNS: at 10,000 rows the import itself takes minutes, the
#    XLSX reading is a small part of it; measured 2026-12-06: 237 s CSV, 222 s XLSX).
# Prints TSV rows: figure, median, max, baseline, ratio, target.
# usage: bench_program.sh [BUILD_DIR]   (RUNS=3 by default)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-$here/../../build}" && pwd)
ctl=$build/kioskctl
runs=${RUNS:-3}
work=$(mktemp -d /tmp/kiosk-bench-program.XXXXXX)
[ -n "${KEEP:-}" ] || trap 'rm -rf "$work"' EXIT
command -v soffice >/dev/null || { echo "no soffice: XLSX rows left out" >&2; }
cd "$work"

python3 - <<'PY'
import random
random.seed(13)
titles = ["May và đan dây nhựa", "Đan bội hoa kiểng", "Khởi sự doanh nghiệp", "Tin học văn phòng"]
with open("program.csv", "w") as f, open("plain.sql", "w") as q:
    f.write("Mã,Loại,Tên,Xã/Phường,Quận/Huyện,Tỉnh/Thành phố,Số chỗ,Ký tên,Muộn sau (phút),Các buổi\n")
    q.write("BEGIN;\n")
    for c in range(500):
        code = "LOP-%03d" % c
        day0 = 1 + c % 200
        items = []
        for s in range(20):
            d = day0 + s
            m, dd = 1 + (d - 1) // 28, 1 + (d - 1) % 28
            items.append("%02d/%02d/2027 07:30-11:00" % (dd, m))
            q.write("INSERT INTO sessions(id,kiosk_id,created_at,event_id,number,starts_at,ends_at,updated_at,updated_by) VALUES('%032x','b',0,'%032x',%d,%d,%d,0,'b');\n"
                    % (random.getrandbits(128), c + 1, s + 1, 1800000000000 + s * 86400000, 1800000000000 + s * 86400000 + 12600000))
        t = titles[c % 4]
        f.write('%s,lớp học,%s %d,xã Mỹ Khánh,huyện Phong Điền,TP Cần Thơ,30,không,15,"%s"\n' % (code, t, c, "; ".join(items)))
        q.write("INSERT INTO events(id,kiosk_id,created_at,updated_at,updated_by,code,kind,title,place,commune,district,province,capacity) VALUES('%032x','b',0,0,'b','%s',1,'%s %d','xã Mỹ Khánh, huyện Phong Điền','xã Mỹ Khánh','huyện Phong Điền','TP Cần Thơ',30);\n" % (c + 1, code, t, c))
    q.write("COMMIT;\n")
fam = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Võ", "Đặng", "Bùi"]
mid = ["Thị", "Văn", "Ngọc", "Minh", "Thu", "Hữu"]
giv = ["An", "Ánh", "Bình", "Chi", "Dũng", "Hà", "Hoa", "Hòa", "Lan", "Mai", "Nam", "Yến"]
with open("roster.csv", "w") as f:
    f.write("Họ và tên,Năm sinh,Số điện thoại,Xã/Phường\n")
    for i in range(10000):
        f.write("%s %s %s,%d,09%08d,xã Mỹ Khánh\n" % (fam[i % 10], mid[i % 6], giv[i % 12], 1960 + i % 45, i))
PY
if command -v soffice >/dev/null; then
  HOME=$work soffice --headless --infilter="CSV:44,34,76,1" --convert-to xlsx program.csv >/dev/null 2>&1 || true
  # phones as text (column 3 format 2), so Calc keeps their leading 0
  HOME=$work soffice --headless --infilter="CSV:44,34,76,1,1/1/2/1/3/2/4/1" --convert-to xlsx roster.csv >/dev/null 2>&1 || true
fi

now_ms() { date +%s%3N; }
median_max() { sort -n | awk '{ v[NR] = $1 } END { printf "%d\t%d", v[int((NR + 1) / 2)], v[NR] }'; }
time_runs() { # command... (a fresh database each run: $db)
  local i t0
  for i in $(seq "$runs"); do
    rm -f "$work"/k.db*
    "$ctl" --db "$work/k.db" init >/dev/null 2>&1
    [ -n "${SETUP:-}" ] && eval "$SETUP"
    t0=$(now_ms)
    "$@" >/dev/null 2>>"$work/err" || { echo "failed: $* $(cat "$work/err")" >&2; exit 1; }
    echo $(($(now_ms) - t0))
  done
}
row() { # figure, "median max", baseline median, target
  local med=${2%%$'\t'*} max=${2##*$'\t'} ratio="-"
  [ "$3" != "-" ] && [ "$3" -gt 0 ] && ratio=$(awk -v a="$med" -v b="$3" 'BEGIN { printf "%.2fx", a / b }')
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$med" "$max" "$3" "$ratio" "$4"
}

plain=$(time_runs sqlite3 "$work/k.db" ".read plain.sql" | median_max)
csv=$(time_runs "$ctl" --db "$work/k.db" program import program.csv | median_max)
row "program.import_500x20_csv_ms" "$csv" "${plain%%$'\t'*}" "< 10x plain INSERTs"
if [ -s program.xlsx ]; then
  xlsx=$(time_runs "$ctl" --db "$work/k.db" program import program.xlsx | median_max)
  row "program.import_500x20_xlsx_ms" "$xlsx" "${csv%%$'\t'*}" "~1x the CSV"
fi
SETUP='"$ctl" --db "$work/k.db" program import program.csv >/dev/null'
again=$(time_runs "$ctl" --db "$work/k.db" program import program.csv | median_max)
row "program.reimport_unchanged_ms" "$again" "${csv%%$'\t'*}" "< the first import"
SETUP='"$ctl" --db "$work/k.db" event add BENCH --kind class --title Bench --sessions "01/03/2027 07:30-11:00" >/dev/null'
runs=${ROSTER_RUNS:-1}
rcsv=$(time_runs "$ctl" --db "$work/k.db" roster import --event BENCH roster.csv | median_max)
row "roster.import_10k_csv_ms" "$rcsv" "-" "-"
if [ -s roster.xlsx ]; then
  rxlsx=$(time_runs "$ctl" --db "$work/k.db" roster import --event BENCH roster.xlsx | median_max)
  row "roster.import_10k_xlsx_ms" "$rxlsx" "${rcsv%%$'\t'*}" "~1x the CSV"
fi
