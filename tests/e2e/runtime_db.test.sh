#!/usr/bin/env bash
# A database the kiosk must not touch: a file that is not SQLite, and one from a newer
# schema. The kiosk says so in one line on stderr naming the file, exits 1, and leaves
# the file byte for byte as it was. A --demo on an existing program leaves it alone.
# usage: runtime_db.test.sh BUILD_DIR SOURCE_DIR
set -u
build=$(cd "$1" && pwd)
work=$(mktemp -d /tmp/kiosk-db.XXXXXX)
trap 'rm -rf "$work"' EXIT
export SDL_VIDEODRIVER=dummy SDL_RENDER_DRIVER=software SDL_AUDIODRIVER=dummy
printf 'expect "Trung tâm"\n' >"$work/ok.kscript"
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
refused() { # label, db file
  local before after rc
  before=$(sha256sum "$2")
  "$build/kiosk" --db "$2" --config /dev/null --window 800x600 --plugin-dir "$work/none" \
    --script "$work/ok.kscript" >"$work/out" 2>"$work/err"
  rc=$?
  after=$(sha256sum "$2")
  [ $rc = 1 ] && ok || bad "$1: exit $rc, want 1"
  [ "$before" = "$after" ] && ok || bad "$1: the file changed"
  grep -qF "$2" "$work/err" && ok || bad "$1: no message names '$2'"
  [ "$(grep -c . "$work/err")" = 1 ] && ok || bad "$1: want one line on stderr, got: $(cat "$work/err")"
  [ -e "$2-wal" ] && bad "$1: a -wal file was made" || ok
}
head -c 4096 /dev/urandom >"$work/random.db"
refused "not SQLite" "$work/random.db"
printf 'Họ và tên,Năm sinh\nNguyễn Thị Hòa,1980\n' >"$work/roster.db"
refused "a CSV named .db" "$work/roster.db"
sqlite3 "$work/newer.db" "CREATE TABLE x(a); PRAGMA user_version = 9999;" && ok || bad "sqlite3"
refused "a newer schema" "$work/newer.db"

# a good database made by --demo: a second --demo keeps its program as it is
"$build/kiosk" --demo --db "$work/demo.db" --config /dev/null --window 800x600 \
  --plugin-dir "$work/none" --script "$work/ok.kscript" 2>"$work/err" && ok || bad "--demo: $(cat "$work/err")"
n1=$(sqlite3 "$work/demo.db" "SELECT count(*) FROM events")
"$build/kiosk" --demo --db "$work/demo.db" --config /dev/null --window 800x600 \
  --plugin-dir "$work/none" --script "$work/ok.kscript" 2>"$work/err" && ok || bad "--demo again"
n2=$(sqlite3 "$work/demo.db" "SELECT count(*) FROM events")
[ "$n1" -gt 0 ] && [ "$n1" = "$n2" ] && ok || bad "--demo twice: $n1 then $n2 events"
grep -q "already holds a program" "$work/err" && ok || bad "--demo again says nothing"
finish_tests
