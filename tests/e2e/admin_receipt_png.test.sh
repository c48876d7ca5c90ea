#!/usr/bin/env bash
# Issue 17 item 7 from the admin screen: the coordinator types a trainee's receipt code in
# the export tab and saves its picture to the stick ("Lưu ảnh biên nhận (PNG)"); the picture
# is her QR (zbarimg reads the receipt text) with the receipt screen's words under it, in the
# kiosk's font (1280x800 in Vietnamese, 1024x600 in English). The code is typed as it is, Telex
# on: "uwaas" stays "uwaas", not "ứâ". Pictures: build/shots/admin_receipt_png/.
# usage: admin_receipt_png.test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
build=$(cd "$1" && pwd)
command -v zbarimg >/dev/null || skip "zbarimg (zbar-tools) is not installed"
command -v convert >/dev/null || skip "ImageMagick (convert) is not installed"
work=$(mktemp -d /tmp/kiosk-admin-receipt.XXXXXX)
trap 'rm -rf "$work"' EXIT
ctl=$build/kioskctl prep=$work/prep.db
"$ctl" --db "$prep" init --demo >/dev/null 2>&1
echo 246813 | "$ctl" --db "$prep" pin set >/dev/null 2>&1
printf 'Họ và tên,Năm sinh,Số điện thoại,Xã/Phường\nNguyễn Thị Hóa,1990,,xã Nhơn Ái\n' >"$work/r.csv"
"$ctl" --db "$prep" roster import --event DDN-CD "$work/r.csv" >/dev/null 2>&1 || fail "roster import"
line=$("$ctl" --db "$prep" receipt list --event DDN-CD | awk -F'\t' '$2 == "sign-up"' | head -1)
code=${line%%$'\t'*} text=${line##*$'\t'}
[ -n "$code" ] || fail "no sign-up receipt"
export SDL_VIDEODRIVER=dummy SDL_RENDER_DRIVER=software SDL_AUDIODRIVER=dummy
shots=$build/shots/admin_receipt_png
mkdir -p "$shots"
for run in 1280x800:vi 1024x600:en; do
  win=${run%%:*} lang=${run##*:} db=$work/$lang.db usb=$work/usb-$lang
  sqlite3 "$prep" ".backup '$db'" && cp "$prep.key" "$db.key"
  mkdir -p "$usb"
  printf 'export_dir = %s\ncamera = none\n' "$usb" >"$work/$lang.ini"
  if [ "$lang" = vi ]; then tab="Xuất file" field="Mã biên nhận (8 ký tự)" save="Lưu ảnh biên nhận (PNG)" said="Đã lưu"
  else tab="Export" field="Receipt code (8 characters)" save="Save receipt picture (PNG)" said="Saved"; fi
  cat >"$work/$lang.kscript" <<KS
clock "T08:00"
$([ "$lang" = en ] && echo 'tap "English"')
hold 20 20 3200
tap "$([ "$lang" = vi ] && echo 'Mã PIN' || echo 'PIN')"
osk "2" "4" "6" "8" "1" "3"
tap "$([ "$lang" = vi ] && echo Vào || echo Enter)"
checking
tap "$tab"
tap "$field"
type "uwaas"
expect "uwaas"
key BackSpace
key BackSpace
key BackSpace
key BackSpace
key BackSpace
type "$code"
tap "$save"
osk "$([ "$lang" = vi ] && echo Xong || echo Done)"
expect "$said"
shot admin-$win-$lang.png
KS
  (cd "$shots" && "$build/kiosk" --db "$db" --config "$work/$lang.ini" --window "$win" \
    --script "$work/$lang.kscript") >"$work/$lang.log" 2>&1 ||
    { grep -v "tap target" "$work/$lang.log" | tail -40; fail "$lang: the picture was not saved"; }
  pic=$(ls "$usb"/*.png 2>/dev/null | head -1)
  [ -n "$pic" ] || fail "$lang: no picture on the stick"
  [ "$(zbarimg --raw -q "$pic" 2>/dev/null)" = "$text" ] || fail "$lang: the QR does not read as her receipt"
  read -r w h < <(identify -format '%w %h\n' "$pic")
  [ "$h" -gt $((w + 150)) ] || fail "$lang: ${w}x$h: no words under the QR"
  ink=$(convert "$pic" -crop "${w}x$((h - w))+0+$w" +repage -format '%[fx:mean < 0.97]' info:)
  [ "$ink" = 1 ] || fail "$lang: nothing written under the QR"
  cp "$pic" "$shots/picture-$lang.png"
  ok
done
finish_tests
