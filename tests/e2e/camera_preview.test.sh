#!/usr/bin/env bash
# The camera's live picture where a scan is invited: a person aiming a receipt (its code
# still half out of view, so nothing is read yet) sees it under the home screen's tiles with
# a caption, under the class check-in's (once its keyboard is put away: it opens to typing)
# and the fair booth's "scan your receipt" (ui_scan_view),
# at 1280x800 in Vietnamese and 1024x600 in English; every button still fits on the screen.
# Screenshots: build/shots/camera_preview/.
# usage: camera_preview.test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
build=$(cd "$1" && pwd) src=$(cd "$2" && pwd)
command -v convert >/dev/null || skip "ImageMagick (convert) is not installed"
work=$(mktemp -d /tmp/kiosk-camera-preview.XXXXXX)
trap 'rm -rf "$work"' EXIT
export KIOSK_BUILD_DIR=${KIOSK_BUILD_DIR:-$build}
"$build/kioskctl" --db "$work/k.db" init --demo >/dev/null 2>&1
line=$("$build/tests/test_receipt_fixture" "$work/k.db" 2>/dev/null)
"$build/kioskctl" --db "$work/k.db" receipt png "${line%%$'\t'*}" --out "$work/r.png" >/dev/null 2>&1
# the receipt coming into view from the right: half of the code is still outside the frame
convert -size 640x480 'xc:#8f887c' \
  \( "$work/r.png" -resize 300x300 -bordercolor white -border 24 -background none -rotate 8 \) \
  -geometry +460+70 -composite -colorspace Gray "$work/aiming.png"
if zbarimg -q --raw "$work/aiming.png" >/dev/null 2>&1; then
  fail "the aiming picture already reads as a code"
fi
for size in 1280x800:vi 1024x600:en; do
  win=${size%%:*} lang=${size##*:}
  vi=0; [ "$lang" = vi ] && vi=1
  pick() { if [ $vi = 1 ]; then echo "$1"; else echo "$2"; fi; }
  cat >"$work/camera_preview.kscript" <<KS
#! config: camera = file:$work/aiming.png
#! config: served_event = MDN-MK
#! args: --window $win --lang $lang
clock "T07:38"
camera
expect "$(pick 'Có biên nhận? Đưa mã QR vào trước máy ảnh này' 'Have a receipt? Hold its QR code up to this camera')"
shot home-$win-$lang.png
tap "$(pick 'Điểm danh lớp học' 'Class check-in')"
expect "$(pick 'Không có tên trong danh sách?' 'Not on the list?')"
shot attendance-typing-$win-$lang.png
osk "$(pick 'Xong' 'Done')"
expect "$(pick 'Không có tên trong danh sách?' 'Not on the list?')"
shot attendance-$win-$lang.png
tap "$(pick 'Trang chủ' 'Home')"
tap "$(pick 'Gian hàng hội chợ' 'Fair booth')"
expect "$(pick 'Tôi đã đăng ký (số điện thoại)' 'I registered before (phone number)')"
shot fair-$win-$lang.png
KS
  bash "$src/tests/e2e/run-script.sh" "$build/kiosk" "$build/kioskctl" "$work/camera_preview.kscript" ||
    fail "the prompts with the picture at $win ($lang)"
  ok
done
finish_tests
