#!/usr/bin/env bash
# A camera is a scanner: a trainee who signed up at the kiosk (class_signup_mdn_mk.kscript)
# holds her receipt up to the camera at the classroom door and is present. Her receipt's
# picture (`kioskctl receipt png`) is turned into camera photos (tests/camera/make_photos.sh:
# turned 5-15 degrees, blurred, noisy, low contrast, a phone screen with a glare; 640x480);
# each one, read through `camera = file:PHOTO`, checks her in (one check-in row, "Có mặt"
# on the screen; the second `camera` waits for every picture to be read). Then a folder of frames (empty table, her code in view for several frames,
# empty again) is one scan, not one per frame. Held up on the home screen, it checks her in
# too (the scan goes where it belongs).
# usage: camera_checkin.test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
build=$(cd "$1" && pwd) src=$(cd "$2" && pwd)
command -v convert >/dev/null || skip "ImageMagick (convert) is not installed"
work=$(mktemp -d /tmp/kiosk-camera-checkin.XXXXXX)
trap 'rm -rf "$work"' EXIT
export SDL_VIDEODRIVER=${SDL_VIDEODRIVER:-dummy} SDL_RENDER_DRIVER=software SDL_AUDIODRIVER=dummy
export KIOSK_BUILD_DIR=${KIOSK_BUILD_DIR:-$build}
who="p.full_name='Lê Thị Ngọc Hân'"

# She signs up first, as in class_signup_mdn_mk.
prep=$work/prep.db
"$build/kioskctl" --db "$prep" init --demo >/dev/null
: >"$work/prep.ini"
{ grep '^#! config:' "$src/tests/e2e/class_signup_mdn_mk.kscript" || true; } | sed 's/^#! config: //' >"$work/prep.ini"
mkdir -p "$work/prep-shots"
(cd "$work/prep-shots" && "$build/kiosk" --db "$prep" --config "$work/prep.ini" --window 1280x800 \
  --script "$src/tests/e2e/class_signup_mdn_mk.kscript") >"$work/prep.log" 2>&1 ||
  fail "the sign-up did not go through: $(tail -5 "$work/prep.log")"
code=$(sqlite3 "$prep" "SELECT r.short_code FROM receipts r JOIN people p ON p.id=r.person_id WHERE r.kind=1 AND $who")
[ -n "$code" ] || fail "no sign-up receipt stored"
"$build/kioskctl" --db "$prep" receipt png "$code" --out "$work/receipt.png" >/dev/null 2>&1 ||
  fail "receipt png $code"
bash "$src/tests/camera/make_photos.sh" "$work/receipt.png" "$work/photos"

# play NAME CAMERA [home]: a fresh copy of her database, the attendance screen (or the home
# screen), the camera; checks.
play() {
  local name=$1 camera=$2 db=$work/$1.db tile='tap "Điểm danh lớp học"'
  [ "${3:-}" = home ] && tile='expect "Chạm vào một ô để bắt đầu"'
  sqlite3 "$prep" ".backup '$db'" && cp "$prep.key" "$db.key"
  printf 'served_event = MDN-MK\ncamera = %s\nlog_level = debug\n' "$camera" >"$work/$name.ini"
  cat >"$work/$name.kscript" <<KS
clock "T07:38"
$tile
camera
expect "Lê Thị Ngọc Hân"
expect "Có mặt lúc 07:38"
camera
expect "Có mặt lúc 07:38"
KS
  mkdir -p "$build/shots/camera_checkin"
  if ! (cd "$build/shots/camera_checkin" && "$build/kiosk" --db "$db" --config "$work/$name.ini" \
    --window 1280x800 --script "$work/$name.kscript") >"$work/$name.log" 2>&1; then
    echo "--- $name:"; tail -25 "$work/$name.log"
    fail "$name: not checked in through the camera"
  fi
  local n
  n=$(sqlite3 "$db" "SELECT count(*) FROM checkins c JOIN people p ON p.id=c.person_id WHERE $who AND c.kind=1")
  [ "$n" = 1 ] || fail "$name: $n check-ins stored for her"
  [ "$(sqlite3 "$db" "SELECT count(*) FROM checkins")" = 1 ] || fail "$name: other check-ins stored"
  echo "ok $name"
  ok
}

for p in "$work"/photos/*.png; do
  play "$(basename "$p" .png)" "file:$p"
done

# from the home screen: the receipt goes where it belongs without a tap
play home-phone-glare "file:$work/photos/phone-glare.png" home

# frames: nothing, her code in view for 5 frames (a third of a second), nothing
mkdir "$work/frames"
convert -size 640x480 'xc:#8f887c' "$work/frames/00-table.png"
for i in 1 2 3 4 5; do cp "$work/photos/paper-rot06.png" "$work/frames/0$i-code.png"; done
cp "$work/frames/00-table.png" "$work/frames/09-table.png"
play frames "file:$work/frames"
reads=$(grep -c "camera: read a code" "$work/frames.log" || true)
[ "$reads" = 1 ] || fail "frames: the code in view for 5 frames was read $reads times, not once"
ok
finish_tests
