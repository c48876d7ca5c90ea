#!/usr/bin/env bash
# The kiosk's voice (issue 17 item 9, docs/VOICE.md) rendered to WAV with `kioskctl voice say`:
# prompts and outcomes from the string tables, in Vietnamese and English, are WAV files of
# plausible speech for their syllables, not silence; the same text differs between the two
# voices, as do a prompt and its translation; times are said as people say them. Without the
# speech data the command says what to install (exit 3). Skips (77) when this machine has no
# libespeak-ng or no espeak-ng-data.
# usage: voice_wav.test.sh BUILD_DIR SOURCE_DIR
set -u
build=$1
src=$2
ctl=$build/kioskctl
check=$src/tests/e2e/wav_check.py
work=$(mktemp -d /tmp/kiosk-voice-wav.XXXXXX)
trap 'rm -rf "$work"' EXIT
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

"$ctl" voice say --lang vi --out "$work/probe.wav" "xin chào" >"$work/out" 2>&1
rc=$?
[ $rc = 3 ] && skip "no speech here: $(cat "$work/out")"
[ $rc = 0 ] || fail "voice say: rc $rc: $(cat "$work/out")"

# say LANG NAME TEXT: renders, then listens; the spoken text is what kioskctl printed.
say() {
  local wav=$work/$1_$2.wav
  "$ctl" voice say --lang "$1" --out "$wav" "$3" >"$work/out" 2>&1 ||
    { bad "voice say $1 '$3': $(cat "$work/out")"; return; }
  local spoken
  spoken=$(sed -n 's/^[^:]*: [0-9]* samples at [0-9]* Hz ([0-9.]* s): //p' "$work/out")
  python3 "$check" speech "$wav" "$1" "$spoken" >"$work/heard" 2>&1 ||
    { bad "$1 '$3': $(cat "$work/heard")"; return; }
  echo "$1 $2: $(cat "$work/heard") (seconds syllables rms): $spoken"
  ok
}
say vi present "Có mặt lúc 07:40. Chúc bạn học tốt!"
say en present "Present at 07:40. Enjoy the class!"
say vi step "Bước 1/4: Thông tin của bạn"
say en step "Step 1 of 4: about you"
say vi type "Gõ tên của bạn (không cần dấu)"
say en type "Type your name (accents optional)"
say vi home "Chạm vào một ô để bắt đầu"
say en home "Tap a tile to start"
say vi session "Buổi 1: 07:30 – 11:00"
say en thanks "Thank you for registering! Take a photo of this QR code."

# The same written text in both voices, and a prompt and its translation, sound different.
"$ctl" voice say --lang en --out "$work/vi_text_in_en.wav" "Có mặt lúc 07:40. Chúc bạn học tốt!" \
  >/dev/null 2>&1 || bad "en voice of a Vietnamese text"
python3 "$check" differ "$work/vi_present.wav" "$work/vi_text_in_en.wav" >/dev/null 2>"$work/d" ||
  bad "vi and en voices: $(cat "$work/d")"
ok
python3 "$check" differ "$work/vi_present.wav" "$work/en_present.wav" >/dev/null 2>"$work/d" ||
  bad "vi prompt and its translation: $(cat "$work/d")"
ok

# Times as people say them: the spoken form, and "7 giờ 40" lasts about as long as the words.
[ "$("$ctl" voice spoken --lang vi "Có mặt lúc 07:40")" = "Có mặt lúc 7 giờ 40" ] || bad "vi time"
ok
[ "$("$ctl" voice spoken --lang en "Present at 07:40")" = "Present at 7:40" ] || bad "en time"
ok
"$ctl" voice say --lang vi --as-is --out "$work/digits.wav" "7 giờ 40" >"$work/a" 2>&1 &&
  "$ctl" voice say --lang vi --as-is --out "$work/words.wav" "bảy giờ bốn mươi" >"$work/b" 2>&1 ||
  bad "vi time rendering"
secs() { sed -n 's/.*(\([0-9.]*\) s).*/\1/p' "$1"; }
python3 -c "import sys; a, b = float(sys.argv[1]), float(sys.argv[2]); sys.exit(0 if abs(a - b) < 0.35 * b else 1)" \
  "$(secs "$work/a")" "$(secs "$work/b")" ||
  bad "'7 giờ 40' lasts $(secs "$work/a") s, 'bảy giờ bốn mươi' $(secs "$work/b") s: digits read otherwise"
ok

# No speech data: a message naming the package, exit 3, no file.
mkdir -p "$work/empty/espeak-ng-data"
ESPEAK_DATA_PATH=$work/empty "$ctl" voice say --out "$work/none.wav" "xin chào" >"$work/out" 2>&1
rc=$?
[ $rc = 3 ] || bad "without speech data: rc $rc"
grep -q "espeak-ng-data" "$work/out" || bad "without speech data: $(cat "$work/out")"
[ ! -e "$work/none.wav" ] || bad "a WAV written without speech data"
ok
finish_tests
