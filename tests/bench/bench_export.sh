#!/usr/bin/env bash
# Export of 1,000,000 check-ins (a class of 50,000 people over 25 sessions, 80% attendance,
# some late, a third agreed to be contacted, 1% took back their attendance consent):
#  - CSV attendance sheet, timed beside `sqlite3 -csv` printing the same sheet (one row a
#    person, everyone registered: attendance is kept under the reporting duty, not by
#    consent; name, year, address, phone with consent, a mark a session, the count) from the
#    same file in the same run; target: no slower than sqlite3;
#  - XLSX attendance sheet: time and peak RSS (/usr/bin/time -f %M); target < 64 MiB;
#  - the same with signatures (a class that signs): peak RSS beside the plain sheet's.
# Prints TSV rows: figure, median, max, baseline, ratio, target.
# usage: bench_export.sh [BUILD_DIR]   (RUNS=3 by default)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../../build}
ctl=$build/kioskctl
runs=${RUNS:-3}
people=${PEOPLE:-50000}
sessions=${SESSIONS:-25}
work=$(mktemp -d /tmp/kiosk-bench-export.XXXXXX)
[ -n "${KEEP:-}" ] || trap 'rm -rf "$work"' EXIT
db=$work/kiosk.db

"$ctl" --db "$db" init >/dev/null
# Names from real Vietnamese parts; ids random like the kiosk's.
sqlite3 "$db" >/dev/null <<SQL
PRAGMA journal_mode=WAL;
BEGIN;
CREATE TEMP TABLE fam(i INTEGER PRIMARY KEY, v TEXT);
CREATE TEMP TABLE mid(i INTEGER PRIMARY KEY, v TEXT);
CREATE TEMP TABLE giv(i INTEGER PRIMARY KEY, v TEXT);
INSERT INTO fam(v) VALUES ('Nguyễn'),('Trần'),('Lê'),('Phạm'),('Hoàng'),('Huỳnh'),('Phan'),('Vũ'),
  ('Võ'),('Đặng'),('Bùi'),('Đỗ'),('Hồ'),('Ngô'),('Dương'),('Lý'),('Châu'),('Lâm'),('Trương');
INSERT INTO mid(v) VALUES ('Thị'),('Văn'),('Ngọc'),('Minh'),('Thu'),('Hữu'),('Kim'),('Thanh'),
  ('Thị Mỹ'),('Văn Út'),('Đức');
INSERT INTO giv(v) VALUES ('An'),('Ánh'),('Bình'),('Chi'),('Dũng'),('Đức'),('Hà'),('Hân'),('Hoa'),
  ('Hòa'),('Hương'),('Khánh'),('Lan'),('Linh'),('Loan'),('Lợi'),('Mai'),('Nam'),('Ngọc'),('Oanh'),
  ('Phúc'),('Quang'),('Sơn'),('Tâm'),('Thảo'),('Trang'),('Tuấn'),('Uyên'),('Vy'),('Xuân'),('Yến');
INSERT INTO events(id, kiosk_id, created_at, updated_at, updated_by, code, kind, title, place,
  commune, district, province, signature_required)
  VALUES ('b0000000000000000000000000000001', 'bench', 0, 0, 'bench', 'BENCH', 1,
  'May và đan dây nhựa', 'xã Mỹ Khánh, huyện Phong Điền', 'xã Mỹ Khánh', 'huyện Phong Điền',
  'TP Cần Thơ', 0);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $sessions)
INSERT INTO sessions(id, kiosk_id, created_at, event_id, number, starts_at, ends_at)
  SELECT printf('5%031x', i), 'bench', 0, 'b0000000000000000000000000000001', i,
         1778463000000 + (i - 1) * 86400000, 1778463000000 + (i - 1) * 86400000 + 12600000 FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $people)
INSERT INTO people(id, kiosk_id, created_at, updated_at, updated_by, full_name, name_key,
  birth_year, phone, commune, district, province)
  SELECT printf('%08x', i) || lower(hex(randomblob(12))), 'bench', 0, 0, 'bench',
         (SELECT v FROM fam WHERE fam.i = 1 + (i * 7) % 19) || ' ' ||
         (SELECT v FROM mid WHERE mid.i = 1 + (i * 3) % 11) || ' ' ||
         (SELECT v FROM giv WHERE giv.i = 1 + (i * 13) % 31),
         'name ' || i, 1950 + i % 50, printf('+8491%07d', i), 'xã Mỹ Khánh', 'huyện Phong Điền',
         'TP Cần Thơ' FROM n;
INSERT INTO registrations(id, kiosk_id, created_at, event_id, person_id, status, source)
  SELECT lower(hex(randomblob(16))), 'bench', 0, 'b0000000000000000000000000000001', id, 1,
         'import' FROM people;
INSERT INTO consents(id, kiosk_id, created_at, person_id, purpose, granted, text_version)
  SELECT lower(hex(randomblob(16))), 'bench', 1, id, 2, 1, 'v1' FROM people WHERE rowid % 3 = 0;
INSERT INTO consents(id, kiosk_id, created_at, person_id, purpose, granted, text_version)
  SELECT lower(hex(randomblob(16))), 'bench', 1, id, 1, 0, 'v1' FROM people WHERE rowid % 100 = 7;
INSERT INTO checkins(id, kiosk_id, created_at, session_id, person_id, kind, late, walkin)
  SELECT lower(hex(randomblob(16))), 'bench', s.starts_at + 60000, s.id, p.id, 1,
         (p.rowid + s.number) % 9 = 0, 0
  FROM people p CROSS JOIN sessions s WHERE (p.rowid * 7 + s.number * 13) % 5 <> 0;
COMMIT;
SQL
# A second class that signs: the same people and check-ins; every SIGNED_EVERY-th check-in
# (default 50: 20,000 pictures at 1M check-ins) with its signature, one small picture as the
# pad makes. The pictures are placed in a second pass (docs/EXPORTS.md): identical ones are
# stored once, and each distinct one costs ~70 bytes of the zip's directory at the end.
sig=$(cd "$here/../.." && pwd)/tests/data/signature.png
sqlite3 "$db" >/dev/null <<SQL
PRAGMA journal_mode=WAL;
BEGIN;
INSERT INTO events(id, kiosk_id, created_at, updated_at, updated_by, code, kind, title, place,
  commune, district, province, signature_required)
  SELECT 'b0000000000000000000000000000002', kiosk_id, created_at, updated_at, updated_by,
         'BENCH-KY', kind, title, place, commune, district, province, 1
  FROM events WHERE code = 'BENCH';
INSERT INTO sessions(id, kiosk_id, created_at, event_id, number, starts_at, ends_at)
  SELECT printf('6%031x', number), kiosk_id, created_at, 'b0000000000000000000000000000002',
         number, starts_at, ends_at FROM sessions WHERE event_id = 'b0000000000000000000000000000001';
INSERT INTO registrations(id, kiosk_id, created_at, event_id, person_id, status, source)
  SELECT lower(hex(randomblob(16))), 'bench', 0, 'b0000000000000000000000000000002', person_id, 1,
         'import' FROM registrations WHERE event_id = 'b0000000000000000000000000000001';
INSERT INTO checkins(id, kiosk_id, created_at, session_id, person_id, kind, late, walkin,
  signature_png)
  SELECT lower(hex(randomblob(16))), 'bench', c.created_at, '6' || substr(c.session_id, 2),
         c.person_id, 1, c.late, 0,
         CASE WHEN c.rowid % ${SIGNED_EVERY:-50} = 0 THEN readfile('$sig') END
  FROM checkins c;
COMMIT;
SQL
checkins=$(sqlite3 "$db" "SELECT count(*) FROM checkins WHERE session_id LIKE '5%'")
want=$((people * sessions * 4 / 5))
[ "$checkins" = "$want" ] || { echo "bench_export: made $checkins check-ins, not $want" >&2; exit 1; }

# The same sheet by sqlite3 alone: a CASE a session, absent when no check-in.
marks=""
for i in $(seq 1 $sessions); do
  marks="$marks, COALESCE(max(CASE WHEN s.number = $i THEN CASE WHEN c.late THEN 'Muộn' ELSE 'Có mặt' END END), 'Vắng')"
done
cat >"$work/sheet.sql" <<SQL
SELECT row_number() OVER (ORDER BY p.name_key, p.birth_year, p.id), p.full_name, p.birth_year,
  p.commune || ', ' || p.district,
  CASE WHEN COALESCE((SELECT k.granted FROM consents k WHERE k.person_id = p.id AND k.purpose = 2
    ORDER BY k.created_at DESC, k.id DESC LIMIT 1), 0) = 1 THEN p.phone ELSE '' END
  $marks, count(c.id)
FROM registrations r JOIN people p ON p.id = r.person_id
LEFT JOIN checkins c ON c.person_id = p.id AND c.kind = 1
  AND c.session_id IN (SELECT id FROM sessions WHERE event_id = r.event_id)
LEFT JOIN sessions s ON s.id = c.session_id
WHERE r.event_id = 'b0000000000000000000000000000001'
GROUP BY p.id ORDER BY p.name_key, p.birth_year, p.id;
SQL

median_max() { sort -n | awk '{ v[NR] = $1 } END { printf "%d\t%d\n", v[int((NR + 1) / 2)], v[NR] }'; }
# One timed run: appends wall ms, CPU ms (user + system) and peak RSS KiB to $work/NAME.
timed() {
  local name=$1
  shift
  /usr/bin/time -f '%e %U %S %M' -o "$work/one" "$@"
  awk '{ printf "%d %d %d\n", $1 * 1000, ($2 + $3) * 1000, $4 }' "$work/one" >>"$work/$name"
}
for r in $(seq 1 "$runs"); do
  timed sqlite sh -c 'sqlite3 -csv "$1" <"$2" >"$3"' - "$db" "$work/sheet.sql" "$work/sqlite.csv"
  timed csv "$ctl" --db "$db" export --event BENCH --format csv --out "$work/sheet.csv" >/dev/null
  timed xlsx "$ctl" --db "$db" export --event BENCH --format xlsx --out "$work/sheet.xlsx" >/dev/null
  timed signed "$ctl" --db "$db" export --event BENCH-KY --format xlsx --out "$work/signed.xlsx" >/dev/null
done
col() { cut -d' ' -f"$2" "$work/$1" | median_max; }
rows_kiosk=$(($(grep -c '^[0-9]' "$work/sheet.csv")))
rows_sqlite=$(wc -l <"$work/sqlite.csv")
[ "$rows_kiosk" = "$rows_sqlite" ] || {
  echo "bench_export: the sheets differ: $rows_kiosk rows beside sqlite3's $rows_sqlite" >&2
  exit 1
}

read -r csv_med csv_max < <(col csv 1)
read -r sql_med sql_max < <(col sqlite 1)
read -r csv_cpu _ < <(col csv 2)
read -r sql_cpu _ < <(col sqlite 2)
read -r xlsx_med xlsx_max < <(col xlsx 1)
read -r xlsx_cpu _ < <(col xlsx 2)
read -r rss_med rss_max < <(col xlsx 3)
awk -v a="$csv_med" -v b="$csv_max" -v c="$sql_med" 'BEGIN {
  printf "export.csv_1M_checkins_ms\t%d\t%d\t%d\t%.2f\t<= 1.0x sqlite3 -csv\n", a, b, c, a / c }'
awk -v a="$csv_cpu" -v c="$sql_cpu" 'BEGIN {
  printf "export.csv_1M_checkins_cpu_ms\t%d\t-\t%d\t%.2f\t-\tinfo: CPU time, baseline sqlite3 -csv\n", a, c, a / c }'
printf 'export.xlsx_1M_checkins_ms\t%d\t%d\t-\t-\t-\n' "$xlsx_med" "$xlsx_max"
printf 'export.xlsx_1M_checkins_cpu_ms\t%d\t-\t-\t-\t-\tinfo: CPU time\n' "$xlsx_cpu"
awk -v a="$rss_med" -v b="$rss_max" 'BEGIN {
  printf "export.xlsx_peak_rss_MiB\t%.1f\t%.1f\t-\t-\t< 64\n", a / 1024, b / 1024 }'
read -r sig_med sig_max < <(col signed 1)
read -r sig_rss sig_rss_max < <(col signed 3)
printf 'export.xlsx_signatures_1M_checkins_ms\t%d\t%d\t%d\t%.2f\t-\n' "$sig_med" "$sig_max" \
  "$xlsx_med" "$(awk -v a="$sig_med" -v b="$xlsx_med" 'BEGIN { print a / b }')"
# the baseline: the same sheet without pictures
awk -v a="$sig_rss" -v b="$sig_rss_max" -v c="$rss_med" 'BEGIN {
  printf "export.xlsx_signatures_peak_rss_MiB\t%.1f\t%.1f\t%.1f\t%.2f\t< 16\n", a / 1024, b / 1024,
         c / 1024, a / c }'
echo "bench_export: $checkins check-ins, $people people x $sessions sessions, $rows_kiosk rows" \
  "on the sheet, $runs runs (medians; max in column 3)" >&2
