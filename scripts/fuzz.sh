#!/usr/bin/env bash
# Runs every libFuzzer target (tests/fuzz/fuzz_*.c) for SECONDS each (default 60), with
# clang, ASan and UBSan. The corpus grows in build-fuzz/corpus/<target>; an input that
# crashes a target is copied to tests/fuzz/corpus/<target>/ so ctest replays it forever.
# usage: scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
scripts/deps.sh scripts/packages-run.txt scripts/packages-test.txt
CC=clang cmake -S . -B build-fuzz -DKIOSK_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build-fuzz -j"$(nproc)" >/dev/null
status=0
for src in tests/fuzz/fuzz_*.c; do
  name=$(basename "$src" .c); short=${name#fuzz_}
  work=build-fuzz/corpus/$short; crashes=build-fuzz/crashes/$short
  mkdir -p "$work" "$crashes" "tests/fuzz/corpus/$short"
  log=build-fuzz/$short.log
  if build-fuzz/tests/fuzz/"$name" -max_total_time="$secs" -artifact_prefix="$crashes/" \
       -print_final_stats=1 "$work" "tests/fuzz/corpus/$short" >"$log" 2>&1; then
    result=ok
  else
    result=CRASH; status=1
    cp "$crashes"/* "tests/fuzz/corpus/$short/" 2>/dev/null || true
  fi
  execs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}')
  printf '%-12s %-6s %8s executions in %s s\n' "$short" "$result" "${execs:-?}" "$secs"
done
exit $status
