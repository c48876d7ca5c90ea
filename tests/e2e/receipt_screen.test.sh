#!/usr/bin/env bash
# The receipt on the kiosk's screen, as a trainee gets it after checking in: the screenshot
# decodes (zbarimg) to exactly the stored receipt text, which verifies; the name is on the
# screen, never in the text. With a printer set: printing to a file sends the text in the
# QR command; an unplugged printer gives a message and the receipt stays on screen.
# usage: receipt_screen.test.sh BUILD_DIR [SOURCE_DIR]
set -u
build=$(cd "$1" && pwd)
work=$(mktemp -d /tmp/kiosk-receipt-screen.XXXXXX)
trap 'rm -rf "$work"' EXIT
db=$work/kiosk.db
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
export SDL_VIDEODRIVER=dummy SDL_RENDER_DRIVER=software SDL_AUDIODRIVER=dummy

"$build/kioskctl" --db "$db" init --demo >"$work/init" 2>&1 || fail "init --demo: $(cat "$work/init")"
# A trainee of the Mỹ Khánh class (demo data), checking in at 08:00 today.
checkin() {
  cat <<EOS
clock "$(date +%Y-%m-%d)T08:00"
tap "Điểm danh lớp học"
tap "Chọn lớp"
tap "xã Mỹ Khánh, huyện Phong Điền"
tap "Gõ tên của bạn (không cần dấu)"
type "tran van binh"
tap "Trần Văn Bình"
tap "Đúng là tôi"
tap "Nhận biên nhận"
expect "Biên nhận điểm danh"
expect "Trần Văn Bình"
expect "Xong"
EOS
}
run() { # config script log
  (cd "$work" && "$build/kiosk" --db "$db" --config "$1" --window 1280x800 --script "$2") >"$3" 2>&1
}

{ checkin; echo 'expect-not "In biên nhận"'; echo 'shot receipt.png'; echo 'tap "Xong"'; echo 'expect-not "Biên nhận điểm danh"'; } >"$work/a.kscript"
: >"$work/none.ini"
run "$work/none.ini" "$work/a.kscript" "$work/a.log" || fail "script: $(cat "$work/a.log")"
ok
line=$("$build/kioskctl" --db "$db" receipt list --event MDN-MK | grep -P '\tTrần Văn Bình\t') ||
  fail "no stored receipt for Trần Văn Bình"
text=$(echo "$line" | cut -f4)
code=$(echo "$line" | cut -f1)
decoded=$(zbarimg --raw -q "$work/receipt.png" 2>/dev/null) || fail "zbarimg could not read the screenshot"
[ "$decoded" = "$text" ] || fail "screen QR '$decoded', stored '$text'"
ok
"$build/kioskctl" --db "$db" receipt verify "$decoded" >"$work/v" 2>&1 || fail "verify: $(cat "$work/v")"
grep -q "^kind: attendance" "$work/v" && grep -q "^event: MDN-MK" "$work/v" || fail "verify printed $(cat "$work/v")"
ok

# A printer that is a file: the stream holds the receipt text; the same receipt again.
: >"$work/lp0"
echo "printer = $work/lp0" >"$work/file.ini"
{ checkin; echo "expect \"$code\""; echo 'tap "In biên nhận"'; echo 'printing'; echo 'expect "Đã in biên nhận"'; } >"$work/b.kscript"
run "$work/file.ini" "$work/b.kscript" "$work/b.log" || fail "print script: $(cat "$work/b.log")"
grep -qF "$text" "$work/lp0" || fail "the printed stream lacks the receipt text"
grep -qa "Trần" "$work/lp0" && fail "the printed stream holds the name as text"
ok

# An unplugged printer: a message, the receipt still on screen.
echo "printer = $work/usb/lp0" >"$work/gone.ini"
{ checkin; echo 'tap "In biên nhận"'; echo 'printing'; echo 'expect "Máy in chưa sẵn sàng"'; echo "expect \"$code\""; echo 'expect "Trần Văn Bình"'; echo 'shot unplugged.png'; } >"$work/c.kscript"
run "$work/gone.ini" "$work/c.kscript" "$work/c.log" || fail "unplugged script: $(cat "$work/c.log")"
[ ! -e "$work/usb/lp0" ] || fail "a file was made where the printer should be"
[ "$(zbarimg --raw -q "$work/unplugged.png" 2>/dev/null)" = "$text" ] || fail "QR gone after a failed print"
ok

# A printer that does not answer (a pipe whose reader never reads, one page of buffer): the
# screen says it is printing at once and stays touchable; "Xong" works while the printer
# still has the stream; the receipt on screen was readable all along.
mkfifo "$work/silent"
python3 -c 'import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDONLY | os.O_NONBLOCK)
fcntl.fcntl(fd, 1031, 4096)  # F_SETPIPE_SZ: one page
open(sys.argv[1] + ".ready", "w").close()
time.sleep(60)' "$work/silent" &
holder=$!
for _ in $(seq 100); do [ -e "$work/silent.ready" ] && break; sleep 0.1; done
[ -e "$work/silent.ready" ] || fail "the silent printer's reader did not start"
echo "printer = $work/silent" >"$work/silent.ini"
{ checkin; echo 'tap "In biên nhận"'; echo 'expect "Đang in biên nhận..."'; echo 'expect-not "Máy in chưa sẵn sàng"'; echo 'shot printing.png'; echo 'tap "Xong"'; echo 'expect-not "Đang in biên nhận..."'; } >"$work/d.kscript"
run "$work/silent.ini" "$work/d.kscript" "$work/d.log" || fail "silent printer script: $(cat "$work/d.log")"
kill "$holder" 2>/dev/null || true
[ "$(zbarimg --raw -q "$work/printing.png" 2>/dev/null)" = "$text" ] || fail "QR not readable while printing"
mkdir -p "$build/shots/receipt_screen" && cp "$work/printing.png" "$build/shots/receipt_screen/"
ok
finish_tests
