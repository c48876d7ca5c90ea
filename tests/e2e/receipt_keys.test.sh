#!/usr/bin/env bash
# Receipts of another kiosk: refused as signed by an unknown key until `keys trust` of the
# file `keys show` printed there; bad key files refused with file and line; the secret key
# file is 0600 and never printed.
# usage: receipt_keys.test.sh BUILD_DIR [SOURCE_DIR]
set -u
build=$1
ctl=$build/kioskctl
fixture=$build/tests/test_receipt_fixture
work=$(mktemp -d /tmp/kiosk-receipt-keys.XXXXXX)
trap 'rm -rf "$work"' EXIT
a=$work/a.db
b=$work/b.db
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

"$fixture" "$a" >/dev/null 2>&1 || fail "fixture a"
line=$("$fixture" "$b" 2>/dev/null) || fail "fixture b"
text=${line#*$'\t'}
[ "$(stat -c %a "$b.key")" = 600 ] || fail "key file mode $(stat -c %a "$b.key")"
ok

"$ctl" --db "$a" receipt verify "$text" >/dev/null 2>"$work/why" && fail "untrusted key accepted"
grep -q "unknown key" "$work/why" || fail "why: $(cat "$work/why")"
ok

"$ctl" --db "$b" keys show >"$work/b.pub" || fail "keys show"
[ "$(wc -l <"$work/b.pub")" = 1 ] && grep -Eq '^kiosk-key [0-9A-Z]{8} [0-9a-f]{64} [0-9a-f]{32}$' "$work/b.pub" ||
  fail "keys show printed: $(cat "$work/b.pub")"
secret=$(od -An -tx1 -v "$b.key" | tr -d ' \n')
grep -q "${secret:0:64}" "$work/b.pub" && fail "keys show printed the secret seed"
ok

# Bad files first: refused with the file and line, nothing added.
printf '# from kiosk b\n%s\nkiosk-key 1234\n' "$(cat "$work/b.pub")" >"$work/bad.pub"
"$ctl" --db "$a" keys trust "$work/bad.pub" >/dev/null 2>"$work/why" && fail "bad file trusted"
grep -q "bad.pub' line 3:" "$work/why" || fail "why: $(cat "$work/why")"
"$ctl" --db "$a" receipt verify "$text" >/dev/null 2>&1 && fail "a refused file added its first key"
ok

"$ctl" --db "$a" keys trust "$work/b.pub" >"$work/out" 2>&1 || fail "keys trust: $(cat "$work/out")"
"$ctl" --db "$a" receipt verify "$text" >"$work/v" 2>&1 || fail "after trust: $(cat "$work/v")"
grep -q "stored here: no" "$work/v" || fail "verify printed: $(cat "$work/v")"
ok
"$ctl" --db "$a" keys trust "$work/b.pub" >"$work/out" 2>&1 || fail "trusting twice: $(cat "$work/out")"
grep -q "already" "$work/out" || fail "trusting twice printed: $(cat "$work/out")"
ok
finish_tests
