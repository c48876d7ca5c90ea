#!/usr/bin/env bash
# Starting plugins: a create that refuses, and a plugin's own data migrated once (its
# version and what migrate wrote checked in the database); a failed migration and data
# newer than the plugin knows leave the plugin out, each with one log line, and the good
# plugin beside them still shows.
# usage: plugin_start.test.sh BUILD_DIR SOURCE_DIR
set -u
build=$(cd "$1" && pwd)
dir=$build/test-start-plugins
work=$(mktemp -d /tmp/kiosk-start.XXXXXX)
trap 'rm -rf "$work"' EXIT
export SDL_VIDEODRIVER=dummy SDL_RENDER_DRIVER=software SDL_AUDIODRIVER=dummy
printf 'expect "Điểm danh thử"\n' >"$work/home.kscript"
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
run() { # log file, then env assignments
  local log=$1; shift
  env "$@" "$build/kiosk" --db "$work/k.db" --config /dev/null --window 1280x800 \
    --plugin-dir "$dir" --script "$work/home.kscript" 2>"$log" || bad "kiosk failed ($log)"
}
lines() { grep -cE "$2" "$1"; }
setting() { sqlite3 "$work/k.db" "SELECT value FROM settings WHERE key='$1'"; }

run "$work/1.log"
[ "$(lines "$work/1.log" "plugin 'test_create_fails' not started: create failed \(unavailable\): the test asked create to fail")" = 1 ] && ok || bad "create's refusal not logged once"
[ "$(lines "$work/1.log" "plugin 'test_migrates': its data migrated 0 -> 2")" = 1 ] && ok || bad "migration not logged"
[ "$(setting plugin.test_migrates.data_version)" = 2 ] && ok || bad "data version not recorded"
[ "$(setting plugin.test_migrates.migrated)" = 0-2 ] && ok || bad "migrate's write not stored"
[ "$(lines "$work/1.log" "2 plugin\(s\) loaded")" = 1 ] && ok || bad "want 2 plugins started"

run "$work/2.log" # a second start: nothing to migrate
[ "$(lines "$work/2.log" "migrated")" = 0 ] && ok || bad "migrated again"

sqlite3 "$work/k.db" "UPDATE settings SET value='1' WHERE key='plugin.test_migrates.data_version'"
run "$work/3.log" KIOSK_TEST_MIGRATE_FAIL=1
[ "$(lines "$work/3.log" "plugin 'test_migrates' not started: migrating its data 1 -> 2 failed .*the test asked migrate to fail")" = 1 ] && ok || bad "failed migration not logged"
[ "$(setting plugin.test_migrates.data_version)" = 1 ] && ok || bad "a failed migration changed the version"
[ "$(lines "$work/3.log" "1 plugin\(s\) loaded")" = 1 ] && ok || bad "want only the good plugin"

sqlite3 "$work/k.db" "UPDATE settings SET value='3' WHERE key='plugin.test_migrates.data_version'"
run "$work/4.log"
[ "$(lines "$work/4.log" "plugin 'test_migrates' not started: this kiosk holds its data version 3, newer than the 2 it knows")" = 1 ] && ok || bad "newer data not refused"
[ "$(setting plugin.test_migrates.data_version)" = 3 ] && ok || bad "newer data version touched"

if [ $failed -gt 0 ]; then for f in "$work"/*.log; do echo "--- $f"; cat "$f"; done; fi
finish_tests
