#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test: all of them on the normal build,
# then the unit tests, fuzz-corpus replays and the scripted kiosk runs (e2e scripts) again
# on an ASan+UBSan build with LeakSanitizer on. (The shell e2e tests drive the same
# binaries through servers and files; they run once, on the normal build.) The lint tests
# fail on C files .clang-format would change and on SQL outside kiosk/core/store.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh scripts/packages-run.txt scripts/packages-test.txt
jobs=$(nproc)
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$jobs"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DKIOSK_SANITIZE=ON >/dev/null
cmake --build build-asan -j"$jobs"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp
status=0
echo "== tests (release build)"
ctest --test-dir build --output-on-failure -j"$jobs" || status=1
echo "== tests (ASan+UBSan build)"
ctest --test-dir build-asan --output-on-failure -j"$jobs" -L 'unit|script' || status=1
exit $status
