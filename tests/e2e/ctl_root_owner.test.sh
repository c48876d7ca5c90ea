#!/usr/bin/env bash
# kioskctl run as root (sudo) on the service's database leaves every file it made owned by
# the database folder's owner: the service (user kiosk) can still read its signing key, log
# and journals. Before the fix a root-owned 0600 key locked the service out of its receipts.
# Needs root and a second user (nobody); skips (77) otherwise.
set -euo pipefail
build=$1; src=$2
[ "$(id -u)" -eq 0 ] || { echo "SKIP: needs root"; exit 77; }
id nobody >/dev/null 2>&1 || { echo "SKIP: no user 'nobody'"; exit 77; }
work=$(mktemp -d /tmp/kiosk-owner.XXXXXX)
trap 'rm -rf "$work"' EXIT
chmod 0755 "$work"
install -d -m 0700 -o nobody -g nogroup "$work/state" 2>/dev/null ||
  install -d -m 0700 -o nobody "$work/state"
db=$work/state/kiosk.db
ctl=$build/kioskctl
"$ctl" --db "$db" init --demo >/dev/null        # the database
echo 246813 | "$ctl" --db "$db" pin set >/dev/null
# a roster import signs a receipt for each trainee: the signing key is made now, by root
"$ctl" --db "$db" roster import --event DDN-CD "$src/tests/data/rosters/english-headings.csv" >/dev/null
ls -la "$work/state"
[ -e "$db.key" ] || { echo "FAIL: no key was made (the test proves nothing)"; exit 1; }
bad=$(find "$work/state" ! -user nobody)
[ -z "$bad" ] || { echo "FAIL: left owned by another user than the folder's: $bad"; exit 1; }
# the service's user can use what root made: it signs receipts with the key root made
cp "$src/tests/data/rosters/nfd-names.csv" "$work/more.csv"; chmod 0644 "$work/more.csv"
# (a build tree inside a private folder, as a fresh clone in mktemp's 0700 folder: the
# service's user gets its own copy of kioskctl to run)
if ! su -s /bin/sh nobody -c "test -x '$ctl'"; then
  install -d -m 0755 "$work/bin" && install -m 0755 "$ctl" "$work/bin/kioskctl"
  ctl=$work/bin/kioskctl
fi
su -s /bin/sh nobody -c "'$ctl' --db '$db' roster import --event MDN-MK '$work/more.csv'" >/dev/null ||
  { echo "FAIL: the folder's owner cannot sign with the key root made"; exit 1; }
n=$(su -s /bin/sh nobody -c "'$ctl' --db '$db' receipt list --event MDN-MK" | wc -l)
[ "$n" -ge 2 ] || { echo "FAIL: $n receipts signed by the folder's owner"; exit 1; }
echo "1 passed, 0 failed"
