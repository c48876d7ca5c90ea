#!/usr/bin/env bash
# Settings: a bad file never stops the kiosk (the bad keys keep their defaults and the
# log names them), `kiosk --check-config` lists every problem by file, line and key and
# exits 1; a good file checks out with exit 0. Bad command lines are usage errors (2).
# usage: runtime_config.test.sh BUILD_DIR SOURCE_DIR
set -u
build=$(cd "$1" && pwd)
work=$(mktemp -d /tmp/kiosk-config.XXXXXX)
trap 'rm -rf "$work"' EXIT
export SDL_VIDEODRIVER=dummy SDL_RENDER_DRIVER=software SDL_AUDIODRIVER=dummy
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cat >"$work/bad.ini" <<'INI'
[kiosk]
lang = en
idle_timeout_s = never
colour = blue
input_method = dvorak
INI
"$build/kiosk" --check-config --config "$work/bad.ini" >"$work/out" 2>&1
[ $? = 1 ] && ok || bad "--check-config on a bad file: want exit 1"
grep -q "bad.ini:3: bad value for 'idle_timeout_s'" "$work/out" && ok || bad "line 3 not named"
grep -q "bad.ini:4: unknown setting 'colour'" "$work/out" && ok || bad "line 4 not named"
grep -q "bad.ini:5: bad value for 'input_method': 'dvorak' is not one of telex|vni|off" \
  "$work/out" && ok || bad "line 5 not named"
[ "$(wc -l <"$work/out")" = 3 ] && ok || bad "want 3 lines: $(cat "$work/out")"

# the kiosk itself comes up with that file: English (a good key) and the rest by default
printf 'expect "Tap a tile to start"\n' >"$work/en.kscript"
"$build/kiosk" --db "$work/k.db" --config "$work/bad.ini" --window 800x600 \
  --plugin-dir "$build/test-plugins" --script "$work/en.kscript" 2>"$work/err"
[ $? = 0 ] && ok || bad "the kiosk did not come up with a bad settings file: $(cat "$work/err")"
grep -q "unknown setting 'colour'" "$work/err" && ok || bad "the kiosk's log does not name 'colour'"

printf '# fine\n[kiosk]\nlang = vi\nidle_timeout_s = 120\n' >"$work/good.ini"
"$build/kiosk" --check-config --config "$work/good.ini" >"$work/out" 2>&1
[ $? = 0 ] && ok || bad "--check-config on a good file: $(cat "$work/out")"
grep -q "good.ini': ok" "$work/out" && ok || bad "no ok line"
"$build/kiosk" --check-config --config "$work/missing.ini" >"$work/out" 2>&1
[ $? = 1 ] && ok || bad "--check-config on a missing file: want exit 1"
grep -q "cannot read settings '$work/missing.ini'" "$work/out" && ok || bad "missing file not named"
"$build/kiosk" --sample-config >"$work/sample.ini" && ok || bad "--sample-config"
sed -i 's/^#\([a-z_]* = \)/\1/' "$work/sample.ini"
"$build/kiosk" --check-config --config "$work/sample.ini" >"$work/out" 2>&1
[ $? = 0 ] && ok || bad "the sample with every key set does not check out: $(cat "$work/out")"

for args in "--lang fr" "--window big" "--db" "--frobnicate"; do
  # shellcheck disable=SC2086
  "$build/kiosk" $args >/dev/null 2>&1
  [ $? = 2 ] && ok || bad "'kiosk $args' is not a usage error"
done
"$build/kiosk" --version | grep -q "^kiosk [0-9]" && ok || bad "--version"
"$build/kiosk" --help | grep -q -- "--plugin-dir DIR" && ok || bad "--help"
finish_tests
