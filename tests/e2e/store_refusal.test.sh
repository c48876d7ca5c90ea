#!/usr/bin/env bash
# A database the kiosk must not touch is refused, by kioskctl and by the kiosk, with a clear
# message, and stays byte-for-byte as it was: random bytes, another program's SQLite file,
# a file from a newer schema (user_version 99). A folder that cannot be written is named.
# usage: store_refusal.test.sh BUILD_DIR SOURCE_DIR
set -uo pipefail
build=$1
kioskctl=$build/kioskctl
kiosk=$build/kiosk
work=$(mktemp -d /tmp/kiosk-refusal.XXXXXX)
trap 'umount "$work/ro" 2>/dev/null; chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

head -c 16384 /dev/urandom >"$work/random.db"
sqlite3 "$work/other.db" "CREATE TABLE notes(id INTEGER PRIMARY KEY, text TEXT);
  INSERT INTO notes(text) VALUES ('danh sách khách hàng');" || bad "cannot make other.db"
"$kioskctl" --db "$work/newer.db" init >/dev/null || bad "kioskctl init failed"
sqlite3 "$work/newer.db" "PRAGMA user_version=99;" || bad "cannot set user_version"
[ -e "$work/newer.db-wal" ] && bad "newer.db still has a WAL after sqlite3 closed it"

# the kiosk is checked once it is more than the placeholder main.c
kiosk_real=0
if "$kiosk" --help 2>&1 | grep -q -- "--db"; then kiosk_real=1; fi

check() { # FILE WORD-IN-MESSAGE
  local f=$work/$1 want=$2
  cp "$f" "$f.orig"
  local out rc
  out=$("$kioskctl" --db "$f" event list 2>&1 >/dev/null); rc=$?
  [ "$rc" = 1 ] || bad "kioskctl event list on $1: exit $rc, want 1"
  grep -q -- "$f" <<<"$out" || bad "kioskctl's message does not name $f: $out"
  grep -qi -- "$want" <<<"$out" || bad "kioskctl's message on $1 does not say '$want': $out"
  cmp -s "$f" "$f.orig" || bad "kioskctl changed $1"
  for side in -wal -shm -journal; do
    [ -e "$f$side" ] && bad "kioskctl left $1$side beside it"
  done
  echo "kioskctl refused $1: $out"
  if [ "$kiosk_real" = 1 ]; then
    out=$(SDL_VIDEODRIVER=dummy SDL_RENDER_DRIVER=software SDL_AUDIODRIVER=dummy \
          timeout 30 "$kiosk" --db "$f" --config /dev/null --window 800x600 2>&1 >/dev/null); rc=$?
    [ "$rc" != 0 ] && [ "$rc" != 124 ] || bad "kiosk on $1: exit $rc, want a refusal"
    grep -q -- "$f" <<<"$out" || bad "kiosk's message does not name $f: $out"
    grep -qi -- "$want" <<<"$out" || bad "kiosk's message on $1 does not say '$want': $out"
    cmp -s "$f" "$f.orig" || bad "kiosk changed $1"
    echo "kiosk refused $1: $(tail -n 1 <<<"$out")"
  else
    echo "note: $kiosk is still the placeholder; its refusal is not checked"
  fi
}
check random.db "not a kiosk database"
check other.db "another program"
check newer.db "newer"

# A folder that cannot be written: named in the message. Root writes anywhere, so as root
# the folder is a read-only tmpfs (no other user needs to reach the build tree); otherwise
# its mode says so.
mkdir -p "$work/ro"
use_mount=0
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=4m tmpfs "$work/ro" 2>/dev/null; then
  use_mount=1
fi
make_ro() { if [ $use_mount = 1 ]; then mount -o remount,ro "$work/ro"; else chmod 555 "$work/ro"; fi; }
make_rw() { if [ $use_mount = 1 ]; then mount -o remount,rw "$work/ro"; else chmod 755 "$work/ro"; fi; }
if [ "$(id -u)" = 0 ] && [ $use_mount = 0 ]; then
  ro_skipped=1
else
  make_ro
  out=$("$kioskctl" --db "$work/ro/kiosk.db" init 2>&1); rc=$?
  [ "$rc" = 1 ] || bad "kioskctl init in a read-only folder: exit $rc, want 1 ($out)"
  grep -q -- "'$work/ro'" <<<"$out" || bad "the message does not name the folder: $out"
  [ -e "$work/ro/kiosk.db" ] && bad "a database appeared in the read-only folder"
  echo "kioskctl refused the read-only folder: $out"
  if [ "$kiosk_real" = 1 ]; then
    out=$(SDL_VIDEODRIVER=dummy SDL_RENDER_DRIVER=software SDL_AUDIODRIVER=dummy \
          timeout 30 "$kiosk" --db "$work/ro/kiosk.db" --config /dev/null \
          --window 800x600 2>&1 >/dev/null); rc=$?
    [ "$rc" != 0 ] && [ "$rc" != 124 ] || bad "kiosk in a read-only folder: exit $rc, want a refusal"
    grep -q -- "'$work/ro'" <<<"$out" || bad "the kiosk's message does not name the folder: $out"
    echo "kiosk refused the read-only folder: $(tail -n 1 <<<"$out")"
  fi

  # An existing kiosk database in a folder that became read-only: named too.
  make_rw
  "$kioskctl" --db "$work/ro/kiosk.db" init >/dev/null || bad "init failed"
  make_ro
  out=$("$kioskctl" --db "$work/ro/kiosk.db" event list 2>&1); rc=$?
  [ "$rc" = 1 ] || bad "event list in a read-only folder: exit $rc, want 1 ($out)"
  grep -q -- "'$work/ro'" <<<"$out" || bad "the message does not name the folder: $out"
  echo "kioskctl refused the database in a read-only folder: $out"
fi

# the read-only folder checks could not run: the test shows as skipped, not passed
[ "$failed" = 0 ] && [ "${ro_skipped:-0}" = 1 ] &&
  skip "the read-only folder checks (root, and tmpfs cannot be mounted here)"
finish_tests
