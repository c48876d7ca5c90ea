#!/usr/bin/env bash
# Issue 17 item 1 between two kiosks synced by a file (both on the demo program): Bình checks
# in at kiosk A and leaves at 09:00; kiosk B, synced, asks "Bạn quay lại lớp?" and offers
# the undo, and she undoes it there; A, synced back, has her in since 07:40 (no question)
# and took no row into quarantine. She leaves at A at 10:00 and comes back at B at 10:30
# (too late to undo: a return); both kiosks end with the same facts and quarantined none.
set -euo pipefail
build=$1
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
command -v sqlite3 >/dev/null || skip "sqlite3 CLI missing"
work=$(mktemp -d /tmp/kiosk-leavesync.XXXXXX)
trap '[ "${KEEP:-}" ] || rm -rf "$work"' EXIT
ctl=$build/kioskctl
for k in a b; do "$ctl" --db "$work/$k.db" init --demo >/dev/null; done
printf 'served_event = MDN-MK\ncamera = none\n' >"$work/kiosk.ini"
on_fail() { tail -n 30 "$work/out"; }

play() { # db, script lines...
  local db=$1
  shift
  printf '%s\n' "$@" >"$work/s.kscript"
  (cd "$work" && SDL_VIDEODRIVER=dummy SDL_RENDER_DRIVER=software SDL_AUDIODRIVER=dummy \
    "$build/kiosk" --db "$db" --config "$work/kiosk.ini" --window 1280x800 \
    --script "$work/s.kscript") >"$work/out" 2>&1
}
# Yesterday's session (the demo's session 2): every fact is in the past when the sync's
# checks compare it with the real clock (a time later than now is refused).
day=$(date -d yesterday +%F)
find_binh() { # the lines that find her at a time
  printf '%s\n' "clock \"${day}T$1\"" 'tap "Điểm danh lớp học"' 'tap "Gõ tên của bạn (không cần dấu)"' \
    'type "tran van binh"' 'tap "Trần Văn Bình"' 'tap "Đúng là tôi"'
}
q() { sqlite3 "$1" "$2"; }
sync_ab() { "$ctl" --db "$work/a.db" sync --with "$work/b.db" >/dev/null; }

mapfile -t lines < <(find_binh 07:40)
play "$work/a.db" "${lines[@]}" 'expect "Có mặt lúc 07:40"' 'tap "Xong"' && ok || fail "A: check-in"
mapfile -t lines < <(find_binh 09:00)
play "$work/a.db" "${lines[@]}" 'tap "Tôi về sớm / kết thúc buổi học"' 'tap "Đúng, tôi ra về"' \
  'expect "Ra về lúc 09:00"' && ok || fail "A: check-out"
sync_ab
mapfile -t lines < <(find_binh 09:04)
play "$work/b.db" "${lines[@]}" 'expect "Bạn quay lại lớp?"' 'expect "Bạn đã ghi nhận ra về lúc 09:00"' \
  'tap "Tôi chưa về — hủy ra về"' 'expect "Đã hủy ra về: bạn vẫn có mặt từ 07:40."' &&
  ok || fail "B: undo of A's check-out"
sync_ab
[ "$(q "$work/a.db" "SELECT count(*) FROM attendance_marks WHERE mark=4 AND by_whom='trainee'")" = 1 ] &&
  ok || bad "A has not the undo made at B"
[ "$(q "$work/a.db" "SELECT count(*) FROM quarantine")" = 0 ] && ok || bad "A quarantined rows"
[ "$(q "$work/b.db" "SELECT count(*) FROM quarantine")" = 0 ] && ok || bad "B quarantined rows"
mapfile -t lines < <(find_binh 09:10)
play "$work/a.db" "${lines[@]}" 'expect "Bạn đã điểm danh lúc 07:40"' 'expect-not "Bạn quay lại lớp?"' \
  'tap "Tôi về sớm / kết thúc buổi học"' 'tap "Không, tôi còn học"' && ok || fail "A: she is in"
mapfile -t lines < <(find_binh 10:00)
play "$work/a.db" "${lines[@]}" 'tap "Tôi về sớm / kết thúc buổi học"' 'tap "Đúng, tôi ra về"' \
  'expect "Ra về lúc 10:00"' && ok || fail "A: check-out at 10:00"
sync_ab
mapfile -t lines < <(find_binh 10:30)
play "$work/b.db" "${lines[@]}" 'expect "Bạn đã ghi nhận ra về lúc 10:00"' \
  'expect-not "Tôi chưa về — hủy ra về"' 'tap "Đúng, tôi vào lại lớp"' \
  'expect "Chào mừng bạn trở lại: vào lại lúc 10:30."' && ok || fail "B: return"
sync_ab
for k in a b; do
  got=$(q "$work/$k.db" "SELECT group_concat(kind, ',') FROM (SELECT kind FROM checkins ORDER BY created_at)")
  [ "$got" = "1,2,2,3" ] && ok || bad "$k: check-ins $got, want 1,2,2,3 (in, out undone, out, return)"
  [ "$(q "$work/$k.db" "SELECT count(*) FROM quarantine")" = 0 ] && ok || bad "$k quarantined rows"
done
finish_tests
