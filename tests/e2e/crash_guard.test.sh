#!/usr/bin/env bash
# The crash-loop guard: a plugin that crashes the kiosk three times in a row while on
# screen is not loaded at the next start; the log and the admin screen say which and why,
# the other plugins still work, and the coordinator can turn it back on.
set -u
build=$(cd "$1" && pwd)
work=$(mktemp -d /tmp/kiosk-crash.XXXXXX)
trap 'rm -rf "$work"' EXIT
export SDL_VIDEODRIVER=dummy SDL_RENDER_DRIVER=software SDL_AUDIODRIVER=dummy
export ASAN_OPTIONS=${ASAN_OPTIONS:-}:handle_segv=0:detect_leaks=0
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
run() { # script -> exit status; stderr appended to the log
  "$build/kiosk" --db "$work/k.db" --config /dev/null --window 1280x800 \
    --plugin-dir "$build/test-crash-plugins" --script "$1" >>"$work/out" 2>>"$work/log"
}
"$build/kioskctl" --db "$work/k.db" init --demo >/dev/null
echo 246813 | "$build/kioskctl" --db "$work/k.db" pin set >/dev/null
cat >"$work/crash.kscript" <<'S'
tap "Chức năng lỗi"
tap "Gây lỗi"
expect "this line is never reached"
S
for i in 1 2 3; do
  run "$work/crash.kscript"; rc=$?
  [ $rc -ge 128 ] && ok || bad "run $i: exit $rc, want a crash (signal)"
done
cat >"$work/after.kscript" <<'S'
expect "Điểm danh thử"
expect-not "Chức năng lỗi"
hold 20 20 3500
tap "Mã PIN"
osk "2" "4" "6" "8" "1" "3"
tap "Vào"
checking
tap "Cài đặt"
expect "\"test_crasher\" đã bị tắt vì kiosk bị lỗi 3 lần liên tiếp"
tap "Bật lại chức năng này"
expect "sẽ được bật lại khi khởi động lại kiosk"
S
run "$work/after.kscript"; rc=$?
[ $rc = 0 ] && ok || { bad "after three crashes: script exit $rc"; tail -20 "$work/log"; }
grep -q "plugin 'test_crasher' is disabled" "$work/log" && ok || bad "the log does not say which plugin was disabled"
cat >"$work/back.kscript" <<'S'
expect "Chức năng lỗi"
expect "Điểm danh thử"
S
run "$work/back.kscript"; rc=$?
[ $rc = 0 ] && ok || bad "the plugin turned back on is not loaded: exit $rc"
finish_tests
