#!/usr/bin/env bash
# A scanned receipt lands where it belongs, from any screen and whatever the kiosk is set
# to (issue 16.1, host_scan_route): a trainee's class sign-up receipt marks her present in
# her own class when scanned on home, on the class list, in another class of the same
# title, at the fair booth and on a kiosk set to another class; after the day's sessions it
# says when and where the next one is; a fair visitor's receipt welcomes her back at that
# fair from the class screen; only a kiosk set to serve the fair takes a class receipt into
# the fair's fast lane. Each case on its own copy of one prepared database, checked there.
# usage: scan_routing.test.sh BUILD_DIR SOURCE_DIR
set -u
build=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)
work=$(mktemp -d /tmp/kiosk-route.XXXXXX)
trap 'rm -rf "$work"' EXIT
export SDL_VIDEODRIVER=dummy SDL_RENDER_DRIVER=software SDL_AUDIODRIVER=dummy
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# The day's people: Hân signs up for MDN-MK (sign-up receipt), Toàn registers at the
# Đồng Tháp fair (visit receipt), both played as people do it.
prep=$work/prep.db
"$build/kioskctl" --db "$prep" init --demo >/dev/null
for s in class_signup_mdn_mk fair_register; do
  (cd "$work" && "$build/kiosk" --db "$prep" --config /dev/null --window 1280x800 \
    --script "$src/tests/e2e/$s.kscript" >"$work/prep-$s.log" 2>&1) ||
    { echo "FAIL: preparing with $s"; cat "$work/prep-$s.log"; exit 1; }
done
q() { sqlite3 "$1" "$2"; }
class_receipt=$(q "$prep" "SELECT r.text FROM receipts r JOIN people p ON p.id=r.person_id WHERE r.kind=1 AND p.full_name='Lê Thị Ngọc Hân'")
fair_receipt=$(q "$prep" "SELECT r.text FROM receipts r JOIN people p ON p.id=r.person_id WHERE r.kind=3 AND p.phone='+84987654321'")
[ -n "$class_receipt" ] && [ -n "$fair_receipt" ] || { echo "FAIL: no receipts prepared"; exit 1; }
tomorrow=$(date -d tomorrow +%d/%m/%Y)

# play NAME CONFIG_LINE SCRIPT [KIOSK ARGS]: a copy of the prepared database, the kiosk on it
play() {
  local name=$1 config=$2 script=$3
  shift 3
  db=$work/$name.db
  sqlite3 "$prep" ".backup '$db'" && cp "$prep.key" "$db.key"
  printf '%s\n' "$config" >"$work/$name.ini"
  printf '%s\n' "$script" | sed -e "s|@CLASS@|$class_receipt|g" -e "s|@FAIR@|$fair_receipt|g" \
    >"$work/$name.kscript"
  if (cd "$work" && "$build/kiosk" --db "$db" --config "$work/$name.ini" --window 1280x800 \
    "$@" --script "$work/$name.kscript" >"$work/$name.log" 2>&1); then ok; else
    bad "$name: the screen was not as expected"; grep -v "^kiosk: debug" "$work/$name.log" | tail -15
  fi
}
# Hân's check-ins by event code, "CODE:kind,..." (empty: none)
han_checkins() {
  q "$db" "SELECT coalesce(group_concat(e.code||':'||c.kind, ','), '') FROM checkins c JOIN sessions s ON s.id=c.session_id JOIN events e ON e.id=s.event_id JOIN people p ON p.id=c.person_id WHERE p.full_name='Lê Thị Ngọc Hân'"
}
han_at_fair() {
  q "$db" "SELECT count(*) FROM registrations r JOIN events e ON e.id=r.event_id JOIN people p ON p.id=r.person_id WHERE e.code='HC-DT' AND p.full_name='Lê Thị Ngọc Hân'"
}
want() { # what, got, wanted
  if [ "$2" = "$3" ]; then ok; else bad "$1: got '$2', want '$3'"; fi
}

# 1. on the home screen, no class set for the kiosk (the demo's default)
play home "" 'clock "T07:38"
scan "@CLASS@"
expect "Lê Thị Ngọc Hân"
expect "Có mặt lúc 07:38"
shot home.png'
want "home: present in MDN-MK" "$(han_checkins)" "MDN-MK:1"
want "home: not a fair visitor" "$(han_at_fair)" 0

# 2. on the search across the classes running now (after it, the next trainee gets that
# search again), and on the class list ("Chọn lớp")
play across "" 'clock "T07:40"
tap "Điểm danh lớp học"
expect "Điểm danh — các lớp đang học"
scan "@CLASS@"
expect "Có mặt lúc 07:40"
expect-not "Không nhận ra mã vừa quét"
tap "Xong"
expect "Điểm danh — các lớp đang học"'
want "search across classes: present in MDN-MK" "$(han_checkins)" "MDN-MK:1"
play list "" 'clock "T07:40"
tap "Điểm danh lớp học"
tap "Chọn lớp"
expect "Bạn học lớp nào?"
scan "@CLASS@"
expect "Có mặt lúc 07:40"
expect-not "Không nhận ra mã vừa quét"'
want "class list: present in MDN-MK" "$(han_checkins)" "MDN-MK:1"

# 3. in the wrong class: Tân Thới's, of the same title
play wrong "" 'clock "T07:41"
tap "Điểm danh lớp học"
tap "Chọn lớp"
tap "xã Tân Thới"
expect "Gõ tên của bạn (không cần dấu)"
scan "@CLASS@"
expect "Có mặt lúc 07:41"
expect "“May và đan dây nhựa” (xã Mỹ Khánh, huyện Phong Điền · mã MDN-MK)"
shot wrong-class.png'
want "wrong class: present in her own class" "$(han_checkins)" "MDN-MK:1"
play wrong_small_en "lang = en" 'clock "T07:41"
tap "Class check-in"
tap "Choose a class"
tap "xã Tân Thới"
scan "@CLASS@"
expect "Present at 07:41"
expect "“May và đan dây nhựa” (xã Mỹ Khánh, huyện Phong Điền · code MDN-MK)"
tap "Get a receipt"
expect "xã Mỹ Khánh, huyện Phong Điền · code MDN-MK"
expect "Lê Thị Ngọc Hân"
shot wrong-class-1024-en.png' --window 1024x600
want "wrong class (1024x600, English): present in her own class" "$(han_checkins)" "MDN-MK:1"

# 4. on a kiosk set to the other class of that title
play served_class "served_event = MDN-TT" 'clock "T07:42"
tap "Điểm danh lớp học"
scan "@CLASS@"
expect "Có mặt lúc 07:42"'
want "kiosk set to MDN-TT: present in MDN-MK" "$(han_checkins)" "MDN-MK:1"

# 5. at the fair booth (no fair set for the kiosk): the class receipt is the class's
play at_fair "" 'clock "T09:00"
tap "Gian hàng hội chợ"
scan "@CLASS@"
expect "Lê Thị Ngọc Hân"
expect-not "Xác nhận thông tin của bạn"'
want "at the fair: not a fair visitor" "$(han_at_fair)" 0
want "at the fair: her class check-in" "$(han_checkins)" "MDN-MK:1"

# 6. after the day's last session: when and where the next one is, nothing stored
play next "" 'clock "T17:30"
scan "@CLASS@"
expect "“May và đan dây nhựa” (xã Mỹ Khánh, huyện Phong Điền · mã MDN-MK)"
expect "không còn buổi học nào hôm nay. Buổi tiếp theo: 07:30 ngày '"$tomorrow"', tại xã Mỹ Khánh, huyện Phong Điền"
shot next-session.png'
want "no session: nothing stored" "$(han_checkins)" ""
play next_en "lang = en" 'clock "T17:30"
scan "@CLASS@"
expect "The class “May và đan dây nhựa” (xã Mỹ Khánh, huyện Phong Điền · code MDN-MK) has no more sessions today. The next one: 07:30 on '"$tomorrow"', at xã Mỹ Khánh, huyện Phong Điền."
shot next-session-en.png'
want "no session (English): nothing stored" "$(han_checkins)" ""

# 7. a fair visitor's receipt on the class screen: back at her fair
play fair_back "" 'clock "T14:05"
tap "Điểm danh lớp học"
scan "@FAIR@"
expect "Chào mừng trở lại, Nguyễn Văn Toàn!"'
want "fair receipt: one registration" "$(q "$db" "SELECT count(*) FROM registrations r JOIN people p ON p.id=r.person_id WHERE p.phone='+84987654321'")" 1
want "fair receipt: no class check-in" "$(q "$db" "SELECT count(*) FROM checkins c JOIN sessions s ON s.id=c.session_id JOIN events e ON e.id=s.event_id JOIN people p ON p.id=c.person_id WHERE p.phone='+84987654321' AND e.kind=1")" 0

# 8. a kiosk set to serve the fair: the class receipt opens the fair's fast lane
play served_fair "served_event = HC-DT" 'clock "T10:00"
scan "@CLASS@"
expect "Xác nhận thông tin của bạn"
expect "Lê Thị Ngọc Hân"
tap "sản phẩm đan dây nhựa"
tap "Đúng, đăng ký"
expect "Cảm ơn bạn đã đăng ký"'
want "served fair: a fair visitor" "$(han_at_fair)" 1
want "served fair: no class check-in" "$(han_checkins)" "HC-DT:1"

# 9. a receipt with one payload character changed: refused with the reason, nothing stored;
# a broken one (the receipt's start, then junk) likewise, whatever the screen
c=${class_receipt:10:1}
forged="${class_receipt:0:10}$([ "$c" = A ] && echo B || echo A)${class_receipt:11}"
play forged "" 'clock "T07:45"
scan "'"$forged"'"
expect "Mã QR không hợp lệ: Biên nhận không hợp lệ: nội dung đã bị thay đổi"
tap "Gian hàng hội chợ"
scan "KC1.NOT-A-RECEIPT"
expect "Mã QR không hợp lệ: Mã này không phải là biên nhận của chương trình"'
want "forged: nothing stored" "$(han_checkins)" ""

# 10. a kiosk without class attendance: the receipt is no one's here, and it says whose
play unclaimed "" 'clock "T07:50"
scan "@CLASS@"
expect "Biên nhận của “May và đan dây nhựa” (xã Mỹ Khánh, huyện Phong Điền · mã MDN-MK) không dùng được ở máy này"
tap "Điểm danh thử"
scan "TEST-1"
expect "Đã quét mã: TEST-1"' --plugin-dir "$build/test-plugins"
want "unclaimed: nothing stored" "$(han_checkins)" ""

echo "$pass passed, $fail failed"
[ $fail = 0 ]
