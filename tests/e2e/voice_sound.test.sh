#!/usr/bin/env bash
# The voice's sound (issue 17 item 9, docs/VOICE.md), heard through SDL's "disk" audio driver,
# which writes what the sound card would play to a file in real time: a step's prompt
# arrives as speech, and is cut off when the next screen comes (the PIN pad: silence, then
# the home screen's prompt); the idle timeout's return home is not said (nobody is there:
# silence to the end). Without a sound device, and without the speech data, the
# kiosk says so in one log line and goes on: the same script passes, silent.
# Skips (77) where libespeak-ng or its data is missing, or SDL has no disk driver.
# usage: voice_sound.test.sh BUILD_DIR SOURCE_DIR
set -u
build=$(cd "$1" && pwd)
kiosk=$build/kiosk
ctl=$build/kioskctl
work=$(mktemp -d /tmp/kiosk-voice-sound.XXXXXX)
trap 'rm -rf "$work"' EXIT
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
on_fail() { tail -n 20 "$work/log" 2>/dev/null; }

"$ctl" voice say --out "$work/probe.wav" "xin chào" >"$work/out" 2>&1
rc=$?
[ $rc = 3 ] && skip "no speech here: $(cat "$work/out")"
[ $rc = 0 ] || fail "voice say: $(cat "$work/out")"
"$ctl" --db "$work/kiosk.db" init --demo >/dev/null || fail "init --demo"
printf 'voice = on\ncamera = none\nserved_event = MDN-MK\n' >"$work/kiosk.ini"
export SDL_VIDEODRIVER=dummy SDL_RENDER_DRIVER=software

# The attendance search's prompt (~7 s), heard 1.5 s; the PIN pad 1.5 s (silence: the
# coordinator's screens are not said); "Hủy" back home, whose prompt is heard 2 s; the
# attendance search again, left alone until the idle timeout (60 s of kiosk time) takes it
# home: silence for the last 1.5 s.
cat >"$work/cut.kscript" <<'SCRIPT'
clock "T07:35"
tap "Điểm danh lớp học"
said "Gõ tên của bạn"
listen 1500
hold 10 10 3000
expect "Quản trị kiosk"
listen 1500
tap "Hủy"
said "Chạm vào một ô để bắt đầu"
listen 2000
tap "Điểm danh lớp học"
listen 300
wait 70000
expect "Chạm vào một ô để bắt đầu"
listen 1500
SCRIPT
run() { # run SCRIPT [ENV...]: the kiosk plays SCRIPT; its log in $work/log
  local script=$1
  shift
  (cd "$work" && env "$@" "$kiosk" --db "$work/kiosk.db" --config "$work/kiosk.ini" \
    --window 1280x800 --script "$script") >"$work/log" 2>&1
}
run "$work/cut.kscript" SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE="$work/heard.raw" ||
  { grep -q "no audio" "$work/log" && skip "SDL has no disk audio driver: $(grep voice "$work/log")"; fail "voice with the disk driver"; }
ok
grep -q "voice on" "$work/log" || fail "no 'voice on' in the log"
ok

# The whole prompt as the kiosk would say it, for its length.
"$ctl" voice say --out "$work/full.wav" \
  "May và đan dây nhựa. Buổi 3, 7 giờ 30 đến 11 giờ. Gõ tên của bạn (không cần dấu)" \
  >"$work/out" 2>&1 || fail "voice say: $(cat "$work/out")"
full=$(sed -n 's/.*(\([0-9.]*\) s).*/\1/p' "$work/out")

# What was heard, in 50 ms windows: sound (#) or silence (.).
python3 - "$work/heard.raw" "$full" >"$work/heard" 2>&1 <<'PY'
import math, re, struct, sys
raw = open(sys.argv[1], "rb").read()
full = float(sys.argv[2])
s = struct.unpack(f"<{len(raw) // 2}h", raw)
win = 22050 // 20
marks = "".join("#" if math.sqrt(sum(x * x for x in s[i:i + win]) / win) > 300 else "."
                for i in range(0, len(s) - win + 1, win))
print(marks)
runs = [(m.start() * 0.05, len(m.group()) * 0.05) for m in re.finditer(r"#+(?:\.{1,8}#+)*", marks)]
print("sound runs (start s, length s):", [(round(a, 2), round(b, 2)) for a, b in runs], "full prompt", full)
if len(runs) < 2:
    sys.exit("expected the prompt, a silence, then the home screen's prompt")
first, second = runs[0], runs[1]
if not 0.3 <= first[1] <= 0.6 * full or first[1] > 3.0:
    sys.exit(f"the first prompt lasted {first[1]:.2f} s of {full} s: not cut at the next screen")
gap = second[0] - (first[0] + first[1])
if gap < 0.8:
    sys.exit(f"only {gap:.2f} s of silence on the PIN pad")
if second[1] < 0.5:
    sys.exit(f"the home screen's prompt lasted {second[1]:.2f} s")
if "#" in marks[-24:]:
    sys.exit("sound in the last 1.2 s: the idle timeout's return home was said")
PY
[ $? = 0 ] || fail "$(cat "$work/heard")"
cat "$work/heard"
ok

# The same steps without speech (no `said`: the voice is not there).
grep -v '^said' "$work/cut.kscript" | grep -v '^listen' >"$work/silent.kscript"
run "$work/silent.kscript" SDL_AUDIODRIVER=no_such_driver || fail "the kiosk without a sound device"
grep -q "voice: no audio" "$work/log" || fail "no log line for the missing sound device"
ok
[ "$(grep -c "voice:" "$work/log")" = 1 ] || fail "more than one voice line: $(grep voice: "$work/log")"
ok
mkdir -p "$work/empty/espeak-ng-data"
run "$work/silent.kscript" SDL_AUDIODRIVER=dummy ESPEAK_DATA_PATH="$work/empty" ||
  fail "the kiosk without speech data"
grep -q "voice: .*espeak-ng-data" "$work/log" || fail "no log line for the missing speech data"
ok
finish_tests
