#!/usr/bin/env bash
# Broken plugins on purpose (tests/plugins: not a shared object, no entry symbol, another
# ABI major, a newer minor, a repeated id, an entry returning NULL): the kiosk, run
# headless on that folder, refuses each with one log line naming the file and the reason,
# and still shows the good plugins' tiles.
# usage: loader_broken.test.sh BUILD_DIR SOURCE_DIR
set -u
build=$(cd "$1" && pwd)
dir=$build/test-plugins
work=$(mktemp -d /tmp/kiosk-loader.XXXXXX)
trap 'rm -rf "$work"' EXIT
cat >"$work/home.kscript" <<'SCRIPT'
expect "Điểm danh thử"
expect "Hội chợ thử"
tap "Điểm danh thử"
expect "Nhập họ và tên của bạn"
SCRIPT
export SDL_VIDEODRIVER=dummy SDL_RENDER_DRIVER=software SDL_AUDIODRIVER=dummy
"$build/kiosk" --db "$work/k.db" --config /dev/null --window 1280x800 --plugin-dir "$dir" \
  --script "$work/home.kscript" 2>"$work/log"
rc=$?
pass=0 fail=0
check() { # what, then a grep -E pattern that must match exactly one log line
  local n
  n=$(grep -cE "$2" "$work/log")
  if [ "$n" = 1 ]; then pass=$((pass + 1)); else
    fail=$((fail + 1)); echo "FAIL: $1: $n log lines match /$2/ (want 1)"; fi
}
if [ $rc = 0 ]; then pass=$((pass + 1)); else
  fail=$((fail + 1)); echo "FAIL: the kiosk did not show the good plugins (exit $rc)"; fi
check "not a shared object" "plugin '$dir/bad.so' refused: not a shared object"
check "no entry symbol" "plugin '$dir/test_no_entry.so' refused: it has no 'kiosk_plugin_entry' symbol"
check "another ABI major" "plugin '$dir/test_abi_major.so' refused: built for plugin ABI 1\.0, this kiosk speaks 2\."
check "a newer minor" "plugin '$dir/test_abi_minor.so' refused: built for plugin ABI 2\.[0-9]+, newer than this kiosk's"
check "a repeated id" "plugin '$dir/test_twin.so' refused: it repeats the plugin id 'test_good' already loaded from 'test_good.so'"
check "entry returned NULL" "plugin '$dir/test_null_entry.so' refused: kiosk_plugin_entry returned NULL"
check "the good ones load" "2 plugin\(s\) loaded from '$dir'"
refusals=$(grep -c "refused:" "$work/log")
if [ "$refusals" = 6 ]; then pass=$((pass + 1)); else
  fail=$((fail + 1)); echo "FAIL: $refusals refusal lines, want 6 (one a broken file)"; fi
if [ $fail -gt 0 ]; then echo "--- kiosk log:"; cat "$work/log"; fi
echo "$pass passed, $fail failed"
[ $fail = 0 ]
