#!/usr/bin/env bash
# Power cuts at the classroom door: the kiosk checks trainees in as fast as its script can
# go and is killed (SIGKILL: no exit code runs, like a cut cable) at random moments, then
# started again on the same database. After every kill, on a copy of the files as the
# kill left them: every check-in the screen confirmed is stored, nobody is stored twice,
# and PRAGMA integrity_check says ok. At the end the kiosk recovers the real file and goes
# on checking people in. A kill is followed by what a power cut brings: a new boot.
# The screen's confirmations come from the script player's "ok LINE expect ..." lines
# (written at once, before the next command runs): a block of the script checks one
# trainee in and expects " lúc " ("Có mặt lúc 07:35", or "Bạn đã điểm danh lúc 07:35"
# for the one whose check-in was stored just before a kill) and then her name.
# usage: powercut.test.sh BUILD_DIR SOURCE_DIR
# env: POWERCUT_KILLS (default 200; 40 on the ASan build), POWERCUT_SEED (default 2018), POWERCUT_MAX_DELAY_MS
set -u
build=$1
src=${2:-$(dirname "$0")/../..}
kiosk=$build/kiosk
ctl=$build/kioskctl
kills_wanted=${POWERCUT_KILLS:-200}
# the ASan+UBSan build looks for memory errors, not statistics: fewer (slower) runs
grep -qs '^KIOSK_SANITIZE:BOOL=ON' "$build/CMakeCache.txt" && kills_wanted=${POWERCUT_KILLS:-40}
seed=${POWERCUT_SEED:-2018}
max_delay_ms=${POWERCUT_MAX_DELAY_MS:-500}
work=$(mktemp -d /tmp/kiosk-powercut.XXXXXX)
pid=
cleanup() {
  [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
db=$work/kiosk.db
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
export SDL_VIDEODRIVER=dummy SDL_RENDER_DRIVER=software SDL_AUDIODRIVER=dummy
RANDOM=$seed

# ---- the class: DDN-CD (no capacity limit, a session today 07:30-11:00) and a long roster
. "$src/tests/e2e/powercut_lib.sh"
"$ctl" --db "$db" init --demo >/dev/null || fail "init --demo"
roster_names "$src" "${POWERCUT_POOL:-600}"
roster_csv 0 ${#names[@]} >"$work/roster.csv"
t_imp=$SECONDS
"$ctl" --db "$db" roster import --event DDN-CD "$work/roster.csv" >"$work/import.out" 2>&1 ||
  fail "roster import: $(cat "$work/import.out")"
total=${#names[@]}
# each trainee's sign-up receipt (the QR code she shows at the door)
"$ctl" --db "$db" receipt list --event DDN-CD >"$work/receipts" || fail "receipt list"
declare -A receipt_of
while IFS=$'\t' read -r _ _ who text; do receipt_of[$who]=$text; done <"$work/receipts"
for name in "${names[@]}"; do
  [[ ${receipt_of[$name]:-} == KC1.* ]] || fail "no sign-up receipt for $name"
done
echo "roster: $total trainees imported in $((SECONDS - t_imp)) s"

# ---- one run's script: trainees from index $1 on; map: script line -> trainee index.
# Most show their receipt's QR code to the scanner; every eighth of a run (never the first:
# a run must get somewhere before the next kill) types her name without accents, taps it
# and says it is her.
make_script() {
  local from=$1 count=$2 out=$3 map=$4 i
  local -a cmds=("clock \"T07:35\"" "tap \"Điểm danh lớp học\"" "expect \"Đan dây nhựa\"")
  : >"$map"
  for ((i = from; i < from + count && i < total; i++)); do
    cmds+=("clock \"T07:35\"")
    if [ $(((i - from) % 8)) -eq 7 ]; then
      cmds+=("tap \"Gõ tên của bạn (không cần dấu)\"" "type \"${folded[$i]}\""
        "tap \"${names[$i]}\"" "tap \"Đúng là tôi\"")
    else
      cmds+=("scan \"${receipt_of[${names[$i]}]}\"")
    fi
    cmds+=("expect \" lúc \"")
    echo "${#cmds[@]} $i" >>"$map"
    cmds+=("expect \"${names[$i]}\"" "tap \"Xong\"")
  done
  printf '%s\n' "${cmds[@]}" >"$out"
}
printf 'served_event = DDN-CD\ninput_method = off\nidle_timeout_s = 3600\n' >"$work/kiosk.ini"

# ---- checks, on a copy of the files as the kill left them (the kiosk recovers the real
# one itself on its next start)
confirmed=$work/confirmed # trainee indexes the screen confirmed, one a line
: >"$confirmed"
check_copy() {
  local snap=$work/snap
  rm -rf "$snap" && mkdir -p "$snap"
  cp "$db" "$snap/kiosk.db"
  for x in -wal -shm; do [ -f "$db$x" ] && cp "$db$x" "$snap/kiosk.db$x"; done
  local ic
  ic=$(sqlite3 "$snap/kiosk.db" "PRAGMA integrity_check" 2>&1)
  [ "$ic" = ok ] || fail "after $1: integrity_check: $ic"
  # stored check-ins today in DDN-CD, per name: never two
  sqlite3 -separator '|' "$snap/kiosk.db" \
    "SELECT p.full_name, count(*) FROM checkins c JOIN people p ON p.id = c.person_id
     JOIN sessions s ON s.id = c.session_id JOIN events e ON e.id = s.event_id
     WHERE e.code = 'DDN-CD' AND c.kind = 1 GROUP BY c.person_id" >"$work/stored" ||
    fail "after $1: cannot read the check-ins"
  local twice
  twice=$(awk -F'|' '$2 != 1' "$work/stored")
  [ -z "$twice" ] || fail "after $1: checked in more than once: $twice"
  cut -d'|' -f1 "$work/stored" | sort >"$work/stored.names"
  while read -r i; do echo "${names[$i]}"; done <"$confirmed" | sort -u >"$work/confirmed.names"
  local lost
  lost=$(comm -23 "$work/confirmed.names" "$work/stored.names")
  [ -z "$lost" ] || fail "after $1: confirmed on screen but not stored: $lost"
}

# ---- the last start of a round: the kiosk recovers the file itself, checks the next
# ones in, and the real file (not a copy) passes the checks
finish_round() {
  make_script $next 5 "$work/run.kscript" "$work/run.map"
  "$kiosk" --db "$db" --config "$work/kiosk.ini" --window 1024x600 --script "$work/run.kscript" \
    >"$work/run.out" 2>"$work/run.err" || fail "the run after the last kill: $(tail -30 "$work/run.err")"
  confirmed_in "$work/run.out" >>"$confirmed"
  local ic fk
  ic=$(sqlite3 "$db" "PRAGMA integrity_check")
  [ "$ic" = ok ] || fail "integrity_check at the end of round $round: $ic"
  fk=$(sqlite3 "$db" "PRAGMA foreign_key_check")
  [ -z "$fk" ] || fail "foreign_key_check at the end of round $round: $fk"
  check_copy "round $round"
  n_confirmed=$((n_confirmed + $(sort -u "$confirmed" | wc -l)))
  n_stored=$((n_stored + $(wc -l <"$work/stored")))
}
# trainee indexes whose confirmation ("ok LINE expect " lúc "") is in a run's output
confirmed_in() {
  awk 'NR == FNR { who[$1] = $2; next } $1 == "ok" && ($2 in who) { print who[$2] }' \
    "$work/run.map" "$1"
}

# ---- the runs, in rounds: when the roster runs out (a fast machine checks many people in
# between two kills), the round ends and the next one starts on a fresh copy of the file
cp "$db" "$work/fresh.db"
next=0 kills=0 runs=0 finished=0 round=1 n_confirmed=0 n_stored=0 t0=$SECONDS
while [ $kills -lt "$kills_wanted" ]; do
  if [ $((next + 40)) -gt $total ]; then
    finish_round
    round=$((round + 1)) next=0
    : >"$confirmed"
    rm -f "$db-wal" "$db-shm" "$db.guard"
    cp "$work/fresh.db" "$db"
  fi
  runs=$((runs + 1))
  make_script $next 40 "$work/run.kscript" "$work/run.map"
  out=$work/run.out
  "$kiosk" --db "$db" --config "$work/kiosk.ini" --window 1024x600 \
    --script "$work/run.kscript" >"$out" 2>"$work/run.err" &
  pid=$!
  # most kills after the first screen (mid check-in), some during start-up
  if [ $((RANDOM % 4)) -ne 0 ]; then
    for ((w = 0; w < 3000; w++)); do
      [ -s "$out" ] && break
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.005
    done
  fi
  delay_ms=$((2 + (RANDOM * 32768 + RANDOM) % (max_delay_ms - 1)))
  sleep "$(printf '0.%03d' "$delay_ms")"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  rc=$?
  pid=
  if [ $rc -eq 137 ]; then
    kills=$((kills + 1))
  elif [ $rc -eq 0 ]; then
    finished=$((finished + 1)) # the script ended before the kill
  else
    echo "--- stdout"; cat "$out"
    echo "--- stderr"; tail -40 "$work/run.err"
    fail "run $runs: the kiosk failed (exit $rc) before the kill"
  fi
  # the power comes back: the machine boots again (the crash-loop guard tells a power cut
  # from a crash by the kernel's boot id; a kill within one boot would count as a crash of
  # the plugin on screen)
  [ -f "$db.guard" ] && sed -i "s/^boot .*/boot power-cut-$kills/" "$db.guard"
  confirmed_in "$out" >"$work/run.confirmed"
  cat "$work/run.confirmed" >>"$confirmed"
  # the next run starts with the one after the last confirmed: she may be stored already
  # (killed between the commit and the screen), which the next script's " lúc " accepts
  [ -s "$work/run.confirmed" ] && next=$(($(tail -1 "$work/run.confirmed") + 1))
  check_copy "kill $kills"
  [ -n "${POWERCUT_DEBUG:-}" ] && echo "kill $kills: delay $delay_ms ms: $(wc -l <"$work/run.confirmed") confirmed, next $next"
done
finish_round
[ "$n_confirmed" -gt 0 ] || fail "no check-in was ever confirmed"
echo "powercut: $kills kills in $runs runs ($finished ran to the end, $round round(s)):" \
  "$n_confirmed check-ins confirmed on screen, $n_stored stored, none twice, integrity ok" \
  "after every kill; seed $seed, $((SECONDS - t0)) s"
echo "1 passed, 0 failed"
