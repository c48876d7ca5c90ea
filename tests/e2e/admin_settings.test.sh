#!/usr/bin/env bash
# Where the kiosk syncs and exports, set on the admin screen (issue 13 item 4): three scripts
# on one kiosk database. admin_settings.kscript (1280x800, Vietnamese): an export folder and a
# sync folder, bad ones refused with nothing saved, good ones saved and used; after a restart
# admin_settings_again.kscript finds them; admin_settings_small.kscript (1024x600) refuses
# under the field; admin_settings_server.kscript (1024x600, English)
# against a real PostgreSQL: no answer and a wrong password refused, the right login saved,
# the password never on the screen. The saved file is checked after each (0600, atomic: no
# temporary file left).
# usage: admin_settings.test.sh BUILD_DIR SOURCE_DIR
set -u
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
build=$(cd "$1" && pwd) src=$(cd "$2" && pwd)
command -v sqlite3 >/dev/null || skip "sqlite3 CLI missing"
T=$(mktemp -d /tmp/kiosk-admin-settings.XXXXXX)
chmod 755 "$T"
PG_DIR=""
cleanup() {
  [ -n "$PG_DIR" ] && "$src/scripts/pg-test-cluster.sh" stop "$PG_DIR" >/dev/null 2>&1
  [ "${KEEP:-}" ] || rm -rf "$T" ${PG_DIR:+"$PG_DIR"}
}
trap cleanup EXIT
shots=${KIOSK_SHOT_DIR:-$build/shots}
export SDL_VIDEODRIVER=dummy SDL_RENDER_DRIVER=software SDL_AUDIODRIVER=dummy
DB=$T/kiosk.db SAVED=$T/screen-settings.ini
"$build/kioskctl" --db "$DB" init --demo >/dev/null || fail "init --demo"
echo 246813 | "$build/kioskctl" --db "$DB" pin set >/dev/null || fail "pin set"
echo "camera = none" >"$T/kiosk.ini"
mkdir -p "$T/usb" "$T/stick" "$T/bad"
echo "not a kiosk database" >"$T/bad/dong-bo.db"
SOCK="" PASS=""

play() { # NAME: plays tests/e2e/NAME.kscript.in with @DIR@, @SOCK@, @PASS@ filled in
  local name=$1
  mkdir -p "$shots/$name"
  sed -e "s|@DIR@|$T|g" -e "s|@SOCK@|$SOCK|g" -e "s|@PASS@|$PASS|g" \
    "$src/tests/e2e/$name.kscript.in" >"$T/$name.kscript"
  local args
  args=$(sed -n 's/^#! args: //p' "$T/$name.kscript")
  # shellcheck disable=SC2086
  if ! (cd "$shots/$name" && env -u PGPASSWORD -u PGHOST -u PGUSER -u PGDATABASE \
    "$build/kiosk" --db "$DB" --config "$T/kiosk.ini" --window 1280x800 $args \
    --script "$T/$name.kscript") >"$T/$name.log" 2>&1; then
    cat "$T/$name.log"
    fail "$name.kscript"
  fi
  ok
}
saved() { sed -n "s/^$1 = \"\(.*\)\"\$/\1/p" "$SAVED"; }
check_file() { # the saved file: private, replaced whole (no temporary left beside it)
  [ "$(stat -c %a "$SAVED")" = 600 ] && ok || bad "screen-settings.ini mode $(stat -c %a "$SAVED")"
  ls "$T"/screen-settings.ini.* >/dev/null 2>&1 && bad "a temporary file was left" || ok
}

play admin_settings
[ "$(saved export_dir)" = "$T/usb" ] && ok || bad "export_dir saved as '$(saved export_dir)'"
[ "$(saved sync)" = "$T/stick/dong-bo.db" ] && ok || bad "sync saved as '$(saved sync)'"
grep -q "khong-co\|$T/bad" "$SAVED" && bad "a refused folder was saved" || ok
ls "$T"/usb/bao-cao-tong-hop_*.csv >/dev/null 2>&1 && ok || bad "no export in the saved folder"
[ "$(cat "$T/bad/dong-bo.db")" = "not a kiosk database" ] && ok || bad "the foreign file was changed"
check_file

play admin_settings_again
play admin_settings_small
[ "$(saved export_dir)" = "$T/usb" ] && ok || bad "a refused folder replaced the saved one"

PG_DIR=$(mktemp -d /tmp/kiosk-settings-pg.XXXXXX)
env=$("$src/scripts/pg-test-cluster.sh" start "$PG_DIR") || fail "cannot start a test PostgreSQL cluster"
eval "$env"
SOCK=$PGHOST PASS=$PGPASSWORD
play admin_settings_server
target=$(saved sync)
case "$target" in
  *"host='$SOCK'"*"dbname='kiosk'"*"user='kiosk'"*"password='$PASS'"*) ok ;;
  *) bad "sync saved as '$target'" ;;
esac
check_file
# the kiosk's own lines (not the player's echo of the script, which types it)
grep -v '^ok ' "$T/admin_settings_server.log" | grep -q "$PASS" && bad "the password is in the kiosk's log" || ok
# the saved target works: kioskctl syncs with it
"$build/kioskctl" --db "$DB" sync --with "$target" >/dev/null 2>&1 && ok || bad "sync with the saved target"
finish_tests
