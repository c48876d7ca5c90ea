#!/usr/bin/env bash
# Stopping the kiosk (systemctl stop sends SIGTERM; Ctrl+C sends SIGINT) is a clean exit:
# status 0, and the crash-loop guard records no crash even with a plugin on screen.
# A SIGKILL is a crash: the next start counts it against the plugin that was shown.
# usage: runtime_signal.test.sh BUILD_DIR SOURCE_DIR
set -u
set -m # background jobs get the default SIGINT (without job control bash ignores it for them)
build=$(cd "$1" && pwd)
work=$(mktemp -d /tmp/kiosk-signal.XXXXXX)
kpid=
trap '[ -n "$kpid" ] && kill -9 "$kpid" 2>/dev/null; rm -rf "$work"' EXIT
export SDL_VIDEODRIVER=dummy SDL_RENDER_DRIVER=software SDL_AUDIODRIVER=dummy
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
start() {
  "$build/kiosk" --db "$work/k.db" --config /dev/null --window 800x600 \
    --plugin-dir "$build/test-plugins" 2>>"$work/log" &
  kpid=$!
  for _ in $(seq 100); do [ -e "$work/k.db.guard" ] && break; sleep 0.05; done
  sleep 1
}
rc=
stop_with() { # signal; waits up to 5 s; sets rc to the exit status ("timeout")
  kill -"$1" "$kpid"
  for _ in $(seq 100); do kill -0 "$kpid" 2>/dev/null || break; sleep 0.05; done
  if kill -0 "$kpid" 2>/dev/null; then
    kill -9 "$kpid"
    wait "$kpid"
    rc=timeout
  else
    wait "$kpid"
    rc=$?
  fi
  kpid=
}
for sig in TERM INT; do
  start
  stop_with $sig
  [ "$rc" = 0 ] && ok || bad "SIG$sig: exit status $rc, want 0"
  grep -q "^state clean" "$work/k.db.guard" && ok || bad "SIG$sig: guard says $(head -1 "$work/k.db.guard")"
done
# a plugin on screen when the kiosk is killed: the next start says so
sed -i 's/^active .*/active test_good/; s/^state .*/state running/' "$work/k.db.guard"
start
stop_with TERM
[ "$rc" = 0 ] && ok || bad "after a crash: exit status $rc"
grep -q "crash while plugin 'test_good' was on screen (1 in a row)" "$work/log" && ok ||
  bad "the crash was not counted"
finish_tests
