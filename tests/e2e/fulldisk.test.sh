#!/usr/bin/env bash
# Bad storage while the kiosk runs: the database on a tiny filesystem (a 4 MB tmpfs made by
# the test) that fills up, and a database folder that goes away (a USB stick pulled out,
# the folder removed). Each time the kiosk says so on screen in Vietnamese, confirms no
# check-in it did not store ("Có mặt" never shows for that tap), keeps running, and when
# the space or the folder comes back the next check-in is confirmed and stored.
# The script waits (wait-file) while the test fills the disk or moves the folder.
# usage: fulldisk.test.sh BUILD_DIR SOURCE_DIR
set -u
build=$1
kiosk=$build/kiosk
ctl=$build/kioskctl
work=$(mktemp -d /tmp/kiosk-fulldisk.XXXXXX)
mnt=$work/mnt
pid=
cleanup() {
  [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null
  umount "$mnt" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
export SDL_VIDEODRIVER=dummy SDL_RENDER_DRIVER=software SDL_AUDIODRIVER=dummy
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
on_fail() { [ -f "$work/err" ] && { echo "--- kiosk stderr"; tail -30 "$work/err"; }; }
mkdir -p "$mnt"
if ! mount -t tmpfs -o size=4m,mode=0700 tmpfs "$mnt" 2>/dev/null; then
  skip "cannot mount a tmpfs here (needs root; CI runs as root)"
fi
printf 'served_event = MDN-MK\ninput_method = off\nidle_timeout_s = 3600\n' >"$work/kiosk.ini"

# check_in NAME FOLDED: the lines that find a trainee by her typed name and check her in
check_in() {
  printf '%s\n' 'clock "T07:35"' 'tap "Gõ tên của bạn (không cần dấu)"' "type \"$2\"" \
    "tap \"$1\"" 'tap "Đúng là tôi"'
}
# start_kiosk DB SCRIPT: in the background; the script's wait-file lines are cues
start_kiosk() {
  "$kiosk" --db "$1" --config "$work/kiosk.ini" --window 1024x600 --script "$2" \
    >"$work/out" 2>"$work/err" &
  pid=$!
}
# before_cue SCRIPT NAME: wait until the script has passed the line before its
# `wait-file ".../NAME"` (an expect: its "ok LINE" shows), up to 5 minutes
before_cue() {
  local line i
  line=$(grep -n "^wait-file \"$work/$2\"" "$1" | cut -d: -f1)
  line=$((line - 1))
  for ((i = 0; i < 3000; i++)); do
    grep -q "^ok $line " "$work/out" && return 0
    kill -0 "$pid" 2>/dev/null || fail "the kiosk stopped before line $line of $1: $(cat "$work/out")"
    sleep 0.1
  done
  fail "the kiosk never reached line $line of $1"
}
finish() {
  wait "$pid" 2>/dev/null
  local rc=$?
  pid=
  [ $rc = 0 ] || fail "$1: the script failed (exit $rc): $(cat "$work/err")"
}
count_checkins() { # DB NAME
  sqlite3 "$1" "SELECT count(*) FROM checkins c JOIN people p ON p.id = c.person_id
                WHERE p.full_name = '$2' AND c.kind = 1"
}

# ---- 1. the disk fills up
db=$mnt/kiosk.db
"$ctl" --db "$db" init --demo >/dev/null || fail "init --demo"
{
  echo 'clock "T07:35"'
  echo 'tap "Điểm danh lớp học"'
  check_in "Trần Văn Bình" "tran van binh"
  echo 'expect "Có mặt lúc"'
  echo 'tap "Xong"'
  echo 'expect "Gõ tên của bạn"'
  echo "wait-file \"$work/full\""
  check_in "Lê Thị Ánh" "le thi anh"         # lines 11-15
  echo 'expect "Bộ nhớ máy đã đầy"'          # the check-in screen says it was not saved
  echo 'expect "Bộ nhớ đã đầy: thông tin mới chưa được lưu"' # the banner under the header
  echo 'expect-not "Có mặt"'
  echo 'expect "Lê Thị Ánh"'
  echo 'tap "Quay lại"'
  echo 'scan "KC1.NOT-A-RECEIPT"'            # the kiosk goes on answering
  echo 'expect "Mã QR không hợp lệ"'
  check_in "Nguyễn Ngọc Hân" "nguyen ngoc han" # a second try while full: refused too
  echo 'expect "Bộ nhớ máy đã đầy"'
  echo 'expect-not "Có mặt"'
  echo 'tap "Quay lại"'
  echo 'expect "Bộ nhớ đã đầy"'              # the banner stays until a write works
  echo "wait-file \"$work/freed\""
  check_in "Lê Thị Ánh" "le thi anh"
  echo 'expect "Có mặt lúc"'
  echo 'expect "Lê Thị Ánh"'
  echo 'expect-not "Bộ nhớ đã đầy"'          # the banner goes with the first good write
  echo 'tap "Xong"'
} >"$work/full.kscript"
start_kiosk "$db" "$work/full.kscript"
before_cue "$work/full.kscript" full
[ "$(count_checkins "$db" "Trần Văn Bình")" = 1 ] || fail "the first check-in is not stored"
dd if=/dev/zero of="$mnt/filler" bs=4k 2>/dev/null # until the disk is full
avail=$(df --output=avail "$mnt" | tail -1 | tr -d ' ')
[ "$avail" = 0 ] || fail "the disk is not full: $avail KB free"
touch "$work/full"
before_cue "$work/full.kscript" freed
ok
[ "$(count_checkins "$db" "Lê Thị Ánh")" = 0 ] || fail "a check-in refused on screen was stored"
[ "$(count_checkins "$db" "Nguyễn Ngọc Hân")" = 0 ] || fail "a check-in refused on screen was stored"
kill -0 "$pid" 2>/dev/null || fail "the kiosk stopped on a full disk"
rm -f "$mnt/filler"
touch "$work/freed"
finish "full disk"
ok
[ "$(count_checkins "$db" "Lê Thị Ánh")" = 1 ] || fail "the check-in after space came back is not stored once"
[ "$(count_checkins "$db" "Nguyễn Ngọc Hân")" = 0 ] || fail "the refused check-in appeared later"
[ "$(count_checkins "$db" "Trần Văn Bình")" = 1 ] || fail "the first check-in changed"
[ "$(sqlite3 "$db" "PRAGMA integrity_check")" = ok ] || fail "integrity_check after the full disk"
ok
echo "full disk: refused twice on screen with the banner, nothing stored, recovered"

# ---- 2. the database's folder goes away (moved: a USB stick pulled out), then comes back;
# then it is removed for good
dir=$work/stick
mkdir -p "$dir"
db=$dir/kiosk.db
"$ctl" --db "$db" init --demo >/dev/null || fail "init --demo in the folder"
{
  echo 'clock "T07:35"'
  echo 'tap "Điểm danh lớp học"'
  check_in "Trần Văn Bình" "tran van binh"
  echo 'expect "Có mặt lúc"'
  echo 'tap "Xong"'
  echo 'expect "Gõ tên của bạn"'
  echo "wait-file \"$work/gone\""
  check_in "Lê Thị Ánh" "le thi anh"
  echo 'expect "Không ghi được vào bộ nhớ máy: chưa lưu được"'
  echo 'expect "Không ghi được vào bộ nhớ: thông tin mới chưa được lưu"' # the banner
  echo 'expect-not "Có mặt"'
  echo 'tap "Quay lại"'
  echo 'expect "Gõ tên của bạn"'             # still running, on the check-in screen
  echo "wait-file \"$work/back\""
  check_in "Lê Thị Ánh" "le thi anh"
  echo 'expect "Có mặt lúc"'
  echo 'expect-not "Không ghi được"'
  echo 'tap "Xong"'
  echo 'expect "Gõ tên của bạn"'
  echo "wait-file \"$work/removed\""
  check_in "Nguyễn Ngọc Hân" "nguyen ngoc han"
  echo 'expect "Không ghi được vào bộ nhớ máy: chưa lưu được"'
  echo 'expect-not "Có mặt"'
  echo 'tap "Quay lại"'
  echo 'expect "Gõ tên của bạn"'
} >"$work/gone.kscript"
start_kiosk "$db" "$work/gone.kscript"
before_cue "$work/gone.kscript" gone
mv "$dir" "$dir.away"
touch "$work/gone"
before_cue "$work/gone.kscript" back
[ "$(count_checkins "$dir.away/kiosk.db" "Lê Thị Ánh")" = 0 ] ||
  fail "a check-in refused on screen was stored in the moved file"
mv "$dir.away" "$dir"
touch "$work/back"
before_cue "$work/gone.kscript" removed
[ "$(count_checkins "$db" "Lê Thị Ánh")" = 1 ] || fail "the check-in after the folder came back is not stored"
ok
rm -rf "$dir"
touch "$work/removed"
finish "folder gone"
ok
echo "folder gone: refused on screen, nothing confirmed; back: stored; removed: refused, still running"

# ---- 3. the filesystem turns read-only under the running kiosk (a worn SD card locks
# itself). Linux refuses such a remount while a file is open for writing, as the kiosk's
# database always is; where it is allowed, the kiosk must refuse on screen and recover.
db=$mnt/kiosk.db
{
  echo 'clock "T07:35"'
  echo 'tap "Điểm danh lớp học"'
  echo 'expect "Gõ tên của bạn"'
  echo "wait-file \"$work/ro\""
  check_in "Võ Thị Kim Loan" "vo thi kim loan"
  echo 'expect "Không ghi được vào bộ nhớ"'
  echo 'expect-not "Có mặt"'
  echo 'tap "Quay lại"'
  echo 'expect "Gõ tên của bạn"'
  echo "wait-file \"$work/rw\""
  check_in "Võ Thị Kim Loan" "vo thi kim loan"
  echo 'expect "Có mặt lúc"'
} >"$work/ro.kscript"
start_kiosk "$db" "$work/ro.kscript"
before_cue "$work/ro.kscript" ro
if LC_ALL=C mount -o remount,ro "$mnt" 2>"$work/mount.err"; then
  touch "$work/ro"
  before_cue "$work/ro.kscript" rw
  mount -o remount,rw "$mnt" || fail "remount rw"
  [ "$(count_checkins "$db" "Võ Thị Kim Loan")" = 0 ] || fail "a check-in on a read-only disk was stored"
  touch "$work/rw"
  finish "read-only disk"
  [ "$(count_checkins "$db" "Võ Thị Kim Loan")" = 1 ] || fail "the check-in after rw is not stored"
  ok
  echo "read-only disk: refused on screen, nothing stored; writable again: stored"
else
  grep -q busy "$work/mount.err" || fail "remount ro failed for another reason: $(cat "$work/mount.err")"
  kill -9 "$pid"
  wait "$pid" 2>/dev/null
  pid=
  ok
  echo "read-only disk: the kernel refuses to make it read-only while the kiosk has its" \
    "database open ($(head -1 "$work/mount.err"))"
fi
finish_tests
