#!/usr/bin/env bash
# Runs every benchmark and prints ONE table: figure, median, p99 (or max), the baseline
# measured beside it in the same run, the ratio, the target, and a note (what is measured,
# what the baseline is).
#   usage: tests/bench/run.sh BUILD_DIR [FILTER]
# A benchmark is either a script tests/bench/bench_*.sh (run as `bash X.sh BUILD_DIR
# SOURCE_DIR`) or an executable BUILD_DIR/tests/bench/bench_* (built from
# tests/bench/bench_*.c, run from the source dir). Each prints its rows on stdout as TSV
# lines of six fields, or seven with the note:
#   figure<TAB>median<TAB>p99_or_max<TAB>baseline<TAB>ratio<TAB>target[<TAB>note]
# ("-" for a field that does not apply). The figure is a bare name (the issues' names, e.g.
# frame.p99_ms_busy_day), never with words in brackets: those go to the note. Anything
# else it prints (stdout lines that are
# not rows, and stderr) goes to BUILD_DIR/bench.log. FILTER (a substring) runs only the
# benchmarks whose name contains it. Benchmarks are not tests: the machines are shared and
# noisy, so read the ratios beside their baselines, not the absolute numbers.
# Exit status: 1 when a benchmark failed (named on stderr), else 0.
set -u
[ $# -ge 1 ] || { echo "usage: $0 BUILD_DIR [FILTER]" >&2; exit 2; }
build=$(cd "$1" && pwd) || exit 2
filter=${2:-}
src=$(cd "$(dirname "$0")/../.." && pwd)
log=$build/bench.log
rows=$(mktemp /tmp/kiosk-bench-rows.XXXXXX)
trap 'rm -f "$rows" "$rows.out"' EXIT
: >"$log"
status=0

run_one() { # name, command...
  local name=$1
  shift
  case "$name" in *"$filter"*) ;; *) return ;; esac
  echo "running $name ..." >&2
  echo "== $name" >>"$log"
  if (cd "$src" && "$@") >"$rows.out" 2>>"$log"; then
    awk -F'\t' 'NF == 6 || NF == 7' "$rows.out" >>"$rows"
    awk -F'\t' 'NF != 6 && NF != 7' "$rows.out" >>"$log"
  else
    echo "$name failed (see $log)" >&2
    cat "$rows.out" >>"$log"
    awk -F'\t' 'NF == 6 || NF == 7' "$rows.out" >>"$rows"
    status=1
  fi
}

for script in "$src"/tests/bench/bench_*.sh; do
  [ -e "$script" ] || continue
  run_one "$(basename "$script" .sh)" bash "$script" "$build" "$src"
done
for exe in "$build"/tests/bench/bench_*; do
  [ -f "$exe" ] && [ -x "$exe" ] || continue
  run_one "$(basename "$exe")" "$exe"
done

# one table, columns as wide as their longest cell
awk -F'\t' '
  BEGIN { h[1] = "figure"; h[2] = "median"; h[3] = "p99/max"; h[4] = "baseline";
          h[5] = "ratio"; h[6] = "target"; h[7] = "note"; for (i = 1; i <= 7; i++) w[i] = length(h[i]) }
  { n++; for (i = 1; i <= 7; i++) { c[n, i] = $i; if (length($i) > w[i]) w[i] = length($i) } }
  END {
    line = ""
    for (i = 1; i <= 7; i++) line = line cell(i, h[i])
    print line
    sep = ""
    for (i = 1; i <= 7; i++) { s = sprintf("%*s", w[i], ""); gsub(/ /, "-", s); sep = sep (i > 1 ? "  " : "") s }
    print sep
    for (r = 1; r <= n; r++) {
      line = ""
      for (i = 1; i <= 7; i++) line = line cell(i, c[r, i])
      sub(/ +$/, "", line)
      print line
    }
  }
  function cell(i, v) { return i == 1 ? sprintf("%-*s", w[i], v) : i == 7 ? "  " v : sprintf("  %*s", w[i], v) }' "$rows"
echo "(details: $log)"
exit $status
