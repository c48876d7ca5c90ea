#!/usr/bin/env bash
# A missing camera: camera_missing.kscript plays (the admin screen's note, the kiosk going
# on) and the kiosk's log names the device and what happened, once, not once a retry.
# usage: camera_missing.test.sh BUILD_DIR SOURCE_DIR
set -u
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
build=$(cd "$1" && pwd) src=$(cd "$2" && pwd)
tmp=$(mktemp -d /tmp/kiosk-camera-missing.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
log=$tmp/log
cp "$src/tests/e2e/camera_missing.kscript.in" "$tmp/camera_missing.kscript" # shots: build/shots/camera_missing/
export KIOSK_BUILD_DIR=${KIOSK_BUILD_DIR:-$build}
if ! bash "$src/tests/e2e/run-script.sh" "$build/kiosk" "$build/kioskctl" \
  "$tmp/camera_missing.kscript" >"$log" 2>&1; then
  cat "$log"
  fail "camera_missing.kscript"
fi
ok
n=$(grep -c "warning: camera: /dev/video-unplugged: no such device; trying again every 3 s" "$log")
if [ "$n" != 1 ]; then
  cat "$log"
  fail "the log says the camera is missing $n times, not once"
fi
ok
finish_tests
