#!/usr/bin/env bash
# The script player itself: a failed line prints the file and line number, the command,
# why, and every visible text, and the run exits 1 at once; a bad script is refused before
# anything runs, naming its line; a good run exits 0.
# usage: runtime_script.test.sh BUILD_DIR SOURCE_DIR
set -u
build=$(cd "$1" && pwd)
work=$(mktemp -d /tmp/kiosk-script.XXXXXX)
trap 'rm -rf "$work"' EXIT
export SDL_VIDEODRIVER=dummy SDL_RENDER_DRIVER=software SDL_AUDIODRIVER=dummy
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
play() { # script text; sets rc, output in $work/err
  printf '%s\n' "$1" >"$work/s.kscript"
  (cd "$work" && "$build/kiosk" --db "$work/k.db" --config /dev/null --window 1280x800 \
    --plugin-dir "$build/test-plugins" --script "$work/s.kscript" >"$work/out" 2>"$work/err")
  rc=$?
}
has() { grep -qF -- "$1" "$work/err"; }

play '# a comment
tap "Điểm danh thử"   # opens the test plugin
expect "Nhập họ và tên"
shot ok.png'
[ $rc = 0 ] && ok || bad "a good script: exit $rc: $(cat "$work/err")"
[ -s "$work/ok.png" ] && ok || bad "shot wrote no PNG"
head -c 8 "$work/ok.png" | grep -q PNG && ok || bad "ok.png is not a PNG"

play 'expect "Điểm danh thử"
tap "Điểm danh thử"
expect "Không có đâu"
tap "Trang chủ"'
[ $rc = 1 ] && ok || bad "a failing expect: exit $rc, want 1"
has "s.kscript:3: expect \"Không có đâu\"" && ok || bad "no file:line and command"
has "\"Không có đâu\" is not visible" && ok || bad "no reason"
has "visible texts (" && ok || bad "no list of visible texts"
has "  \"Trang chủ\" at " && ok || bad "the visible texts miss 'Trang chủ'"
has "  \"Nhập họ và tên của bạn\" at " && ok || bad "the visible texts miss the heading"
has "4 commands" && bad "it went on after the failed line" || ok

# NFD text in a script matches the NFC on screen
play "$(printf 'expect "Đie\xcc\x82\xcc\x89m danh thu\xcc\x9b\xcc\x89"')"
[ $rc = 0 ] && ok || bad "an NFD expect did not match: $(cat "$work/err")"

play 'tap "thử"'
[ $rc = 1 ] && ok || bad "an ambiguous tap: exit $rc"
has "2 texts contain \"thử\"" && ok || bad "ambiguity not explained: $(cat "$work/err")"
play 'tap "Hội chợ"
expect "Trang chủ"'
[ $rc = 0 ] && ok || bad "tap by the only text containing the label: $(cat "$work/err")"
play 'osk "a"'
[ $rc = 1 ] && has "no on-screen keyboard is shown" && ok || bad "osk without a keyboard"
play 'expect-not "Điểm danh thử"'
[ $rc = 1 ] && has "\"Điểm danh thử\" is visible" && ok || bad "expect-not"

for bad_line in 'frobnicate "x"' 'tap 10' 'wait soon' 'key Enter' 'clock "tomorrow"' \
  'expect "not closed' 'drag 1 2 3'; do
  play "expect \"Điểm danh thử\"
$bad_line"
  [ $rc = 1 ] && ok || bad "'$bad_line': exit $rc, want 1"
  has "s.kscript:2:" && ok || bad "'$bad_line': line not named: $(cat "$work/err")"
  has "all held" && bad "'$bad_line': the script ran" || ok
done
finish_tests
