#!/usr/bin/env bash
# Files that hold people's data keep other users of the machine out, whatever the umask:
# with umask 000, the database and its -wal/-shm, the crash guard's file and the receipt
# key are 0600, the folders the kiosk makes (its data folder, the export folder on a USB
# stick) 0700, every export (they hold names and phones) 0600, a sync copy 0600. A receipt
# picture holds only the signed text: it may be read by others, but never written.
# usage: modes.test.sh BUILD_DIR SOURCE_DIR
set -u
build=$1
kiosk=$build/kiosk
ctl=$build/kioskctl
work=$(mktemp -d /tmp/kiosk-modes.XXXXXX)
pid=
trap '[ -n "$pid" ] && kill -9 "$pid" 2>/dev/null; rm -rf "$work"' EXIT
export SDL_VIDEODRIVER=dummy SDL_RENDER_DRIVER=software SDL_AUDIODRIVER=dummy
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
mode_is() { # FILE MODE
  if [ ! -e "$1" ]; then
    bad "'$1' is missing"
  elif [ "$(stat -c %a "$1")" = "$2" ]; then
    ok
  else
    bad "'$1' is $(stat -c %a "$1"), want $2"
  fi
}
umask 000 # the worst a service manager or a careless shell may hand over
export HOME=$work/home XDG_DATA_HOME=$work/home/data XDG_CONFIG_HOME=$work/home/config
data=$XDG_DATA_HOME/kiosk
db=$data/kiosk.db

# the coordinator's first steps with the default paths: init, a PIN
"$ctl" init --demo >/dev/null || bad "kioskctl init --demo"
mode_is "$data" 700
mode_is "$db" 600
echo 246813 | "$ctl" pin set >/dev/null 2>&1 || bad "kioskctl pin set"
sqlite3 "$db" "INSERT INTO settings(key, value, updated_at) VALUES('served_event', 'MDN-MK', 0)
  ON CONFLICT(key) DO UPDATE SET value = excluded.value"

# the kiosk runs: a trainee checks in; while it waits, the files it has open are looked at;
# then the coordinator exports to a USB stick's folder that does not exist yet
mkdir -p "$XDG_CONFIG_HOME/kiosk"
printf 'input_method = off\nexport_dir = %s\n' "$work/usb/kiosk" >"$XDG_CONFIG_HOME/kiosk/kiosk.ini"
cat >"$work/flow.kscript" <<EOF
clock "T07:40"
tap "Điểm danh lớp học"
tap "Gõ tên của bạn (không cần dấu)"
type "tran van binh"
tap "Trần Văn Bình"
tap "Đúng là tôi"
expect "Có mặt lúc"
wait-file "$work/looked"
tap "Xong"
hold 20 20 3500
tap "Mã PIN"
osk "2" "4" "6" "8" "1" "3"
tap "Vào"
checking
tap "Xuất file"
tap "Danh sách điểm danh (XLSX)"
exporting
expect "Đã lưu"
tap "Báo cáo tổng hợp (CSV)"
exporting
expect "bao-cao-tong-hop_"
EOF
"$kiosk" --window 1024x600 --script "$work/flow.kscript" >"$work/out" 2>"$work/err" &
pid=$!
for ((i = 0; i < 3000; i++)); do
  grep -qs '^ok 7 ' "$work/out" && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
grep -q '^ok 7 ' "$work/out" || bad "the kiosk did not check in: $(tail -5 "$work/err")"
for f in "$db" "$db-wal" "$db-shm" "$db.guard"; do mode_is "$f" 600; done
mode_is "$data" 700
touch "$work/looked"
wait "$pid" || bad "the kiosk's flow failed: $(tail -20 "$work/err")"
pid=
mode_is "$work/usb/kiosk" 700
for f in "$work"/usb/kiosk/*; do mode_is "$f" 600; done
[ "$(ls "$work/usb/kiosk" | wc -l)" -ge 2 ] && ok || bad "the admin exports are missing: $(ls -la "$work/usb/kiosk")"

# kioskctl's exports, a sync copy, the key, a receipt picture
out=$work/out-files
mkdir "$out"
"$ctl" export --event MDN-MK --format csv --out "$out/att.csv" >/dev/null || bad "export csv"
"$ctl" export --event MDN-MK --format xlsx --out "$out/att.xlsx" >/dev/null || bad "export xlsx"
"$ctl" export --summary --format csv --out "$out/sum.csv" >/dev/null || bad "summary csv"
"$ctl" export --summary --format xlsx --out "$out/sum.xlsx" >/dev/null || bad "summary xlsx"
"$ctl" export --leads --event HC-DT --format csv --out "$out/leads.csv" >/dev/null || bad "leads csv"
"$ctl" export --leads --event HC-DT --format xlsx --out "$out/leads.xlsx" >/dev/null || bad "leads xlsx"
for f in att.csv att.xlsx sum.csv sum.xlsx leads.csv leads.xlsx; do mode_is "$out/$f" 600; done
grep -q "Trần Văn Bình" "$out/att.csv" && ok || bad "the attendance export does not hold the check-in"
"$ctl" sync --with "$out/copy.db" >/dev/null 2>&1 || bad "sync to a new file"
mode_is "$out/copy.db" 600
"$ctl" keys show >/dev/null 2>&1 || bad "keys show"
mode_is "$db.key" 600
code=$("$ctl" receipt list --event MDN-MK 2>/dev/null | head -1 | cut -f1)
if [ -n "$code" ]; then
  "$ctl" receipt png "$code" --out "$out/receipt.png" >/dev/null 2>&1 || bad "receipt png"
  m=$(stat -c %a "$out/receipt.png")
  [ $((8#$m & 8#022)) = 0 ] && ok || bad "the receipt picture is writable by others ($m)"
fi
finish_tests
