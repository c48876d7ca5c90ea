#!/usr/bin/env bash
# The kiosk's startup and idle cost under Xvfb (1280x800), beside a bare SDL2 + SDL_ttf
# program that draws one line of text with the same hints (tests/bench/bare_sdl.c):
#   - time from exec to the first presented frame of `kiosk --demo` (KIOSK_EXIT_AFTER_FIRST_FRAME=1
#     makes it exit right after that present; the bare program exits after its own), median
#     and max over KIOSK_BENCH_RUNS runs (default 30), the two interleaved so they share
#     the machine's noise; the demo database exists already (made by a first, untimed run);
#   - peak RSS of the same runs (/usr/bin/time %M), median over 7 runs;
#   - CPU used by an idle kiosk on its home screen over 10 s (/proc/PID/task/*/schedstat,
#     ns of CPU time, so well below one clock tick can be seen).
# usage: bench_startup.sh BUILD_DIR [SOURCE_DIR]
# Prints TSV rows (figure, median, p99_or_max, baseline, ratio, target); details on stderr.
set -u
build=$(cd "$1" && pwd)
src=${2:-$(cd "$(dirname "$0")/../.." && pwd)}
runs=${KIOSK_BENCH_RUNS:-30}
size=1280x800
kiosk_bin=$build/kiosk
bare_bin=$build/tests/bench/bare_sdl
font=$src/fonts/NotoSans-Regular.ttf
for f in "$kiosk_bin" "$bare_bin" "$font"; do
  [ -e "$f" ] || { echo "bench_startup: missing '$f' (build first)" >&2; exit 1; }
done
command -v Xvfb >/dev/null || { echo "bench_startup: Xvfb is not installed (xvfb)" >&2; exit 1; }

work=$(mktemp -d /tmp/kiosk-bench.XXXXXX)
d=$(( (RANDOM % 400) + 500 ))
while [ -e "/tmp/.X11-unix/X$d" ]; do d=$((d + 1)); done
Xvfb ":$d" -screen 0 "${size}x24" -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
kpid=
cleanup() {
  [ -n "$kpid" ] && kill "$kpid" 2>/dev/null
  kill "$xvfb" 2>/dev/null
  wait 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X$d" ] && break; sleep 0.1; done
export DISPLAY=":$d" SDL_VIDEODRIVER=x11
unset SDL_RENDER_DRIVER
# the kiosk's own files stay in the work dir (crash guard, keys)
export XDG_DATA_HOME=$work XDG_CONFIG_HOME=$work

kiosk=("$kiosk_bin" --demo --db "$work/demo.db" --config /dev/null)
bare=("$bare_bin" "$font")
KIOSK_EXIT_AFTER_FIRST_FRAME=1 "${kiosk[@]}" 2>"$work/first.log" ||
  { echo "bench_startup: the kiosk did not start:" >&2; cat "$work/first.log" >&2; exit 1; }

ms_of() { # run a command, print its wall time in ms (bash's clock: no fork to measure)
  local t0 t1
  t0=$EPOCHREALTIME
  KIOSK_EXIT_AFTER_FIRST_FRAME=1 "$@" >/dev/null 2>&1
  t1=$EPOCHREALTIME
  echo "$t0 $t1" | awk '{ printf "%.2f\n", ($2 - $1) * 1000 }'
}
: >"$work/kiosk.ms"
: >"$work/bare.ms"
for _ in 1 2 3; do ms_of "${kiosk[@]}" >/dev/null; ms_of "${bare[@]}" >/dev/null; done # warm caches
for _ in $(seq "$runs"); do
  ms_of "${kiosk[@]}" >>"$work/kiosk.ms"
  ms_of "${bare[@]}" >>"$work/bare.ms"
done
: >"$work/kiosk.kb"
: >"$work/bare.kb"
for _ in $(seq 7); do
  KIOSK_EXIT_AFTER_FIRST_FRAME=1 /usr/bin/time -f %M -a -o "$work/kiosk.kb" "${kiosk[@]}" \
    >/dev/null 2>&1
  /usr/bin/time -f %M -a -o "$work/bare.kb" "${bare[@]}" >/dev/null 2>&1
done

median() { sort -g "$1" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
p99() { sort -g "$1" | awk '{ v[NR] = $1 } END { i = int(NR * 0.99 + 0.999); print v[i] }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

km=$(median "$work/kiosk.ms")
bm=$(median "$work/bare.ms")
printf 'startup: exec to first frame, ms (kiosk --demo, Xvfb %s)\t%s\t%s\t%s\t%s\t%s\n' \
  "$size" "$km" "$(p99 "$work/kiosk.ms")" "$bm" "$(ratio "$km" "$bm")" "<= 1.5x bare"
kk=$(median "$work/kiosk.kb")
bk=$(median "$work/bare.kb")
printf 'startup: peak RSS, KiB (kiosk --demo to first frame)\t%s\t%s\t%s\t%s\t%s\n' \
  "$kk" "$(p99 "$work/kiosk.kb")" "$bk" "$(ratio "$kk" "$bk")" "<= 1.5x bare"

# idle: the home screen, nobody touching it
"${kiosk[@]}" 2>"$work/idle.log" &
kpid=$!
sleep 3
cpu_ns() { cat /proc/"$kpid"/task/*/schedstat 2>/dev/null | awk '{ s += $1 } END { print s + 0 }'; }
a=$(cpu_ns)
sleep 10
b=$(cpu_ns)
if ! kill -0 "$kpid" 2>/dev/null; then
  echo "bench_startup: the idle kiosk died:" >&2
  cat "$work/idle.log" >&2
  exit 1
fi
idle=$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.4f", (b - a) / 10e9 * 100 }')
printf 'idle CPU over 10 s, %% of one core (home screen, Xvfb)\t%s\t%s\t-\t-\t%s\n' \
  "$idle" "$idle" "< 0.1 %"
echo "bench_startup: $runs timed runs each; kiosk ms: $(sort -g "$work/kiosk.ms" | tr '\n' ' ')" >&2
echo "bench_startup: bare ms: $(sort -g "$work/bare.ms" | tr '\n' ' ')" >&2
