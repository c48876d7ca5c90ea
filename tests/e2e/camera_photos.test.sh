#!/usr/bin/env bash
# The camera's decoder on photos of a receipt (tests/camera/make_photos.sh: turned 5-15
# degrees, blurred, noisy, low contrast, a phone screen with a glare, all 640x480): each
# photo reads back as exactly the receipt's text (test_camera, one fresh decoder a photo),
# and zbarimg agrees on every photo.
# usage: camera_photos.test.sh BUILD_DIR SOURCE_DIR
set -u
build=$1 src=$2
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
command -v convert >/dev/null || skip "ImageMagick (convert) is not installed"
work=$(mktemp -d /tmp/kiosk-camera-photos.XXXXXX)
trap 'rm -rf "$work"' EXIT
"$build/kioskctl" --db "$work/k.db" init --demo >/dev/null 2>&1 || fail "init --demo"
line=$("$build/tests/test_receipt_fixture" "$work/k.db" 2>/dev/null) || fail "no receipt issued"
code=${line%%$'\t'*} text=${line#*$'\t'}
"$build/kioskctl" --db "$work/k.db" receipt png "$code" --out "$work/r.png" >/dev/null 2>&1 ||
  fail "receipt png $code"
bash "$src/tests/camera/make_photos.sh" "$work/r.png" "$work/photos" || fail "make_photos.sh"
n=$(ls "$work/photos" | wc -l)
[ "$n" -ge 7 ] || fail "only $n photos made"
for p in "$work"/photos/*.png; do
  [ "$(identify -format %wx%h "$p")" = 640x480 ] || fail "$(basename "$p") is not 640x480"
  if command -v zbarimg >/dev/null; then
    got=$(zbarimg -q --raw "$p" 2>/dev/null)
    [ "$got" = "$text" ] || fail "zbarimg reads $(basename "$p") as '$got'"
    ok
  fi
done
"$build/tests/test_camera" "$work/photos" "$text" || fail "test_camera on the photos ($n photos)"
ok
finish_tests
