#!/usr/bin/env bash
# Fails when a C file under kiosk/, plugins/ or tests/ is not as .clang-format wants it
# (run by scripts/test.sh and as the ctest test lint.format). Fix with:
#   clang-format -i FILE...
set -uo pipefail
cd "$(dirname "$0")/.."
command -v clang-format >/dev/null || {
  echo "SKIP: clang-format is not installed (scripts/packages-test.txt)"
  exit 77
}
mapfile -t files < <(git ls-files -co --exclude-standard -- 'kiosk/*.[ch]' 'plugins/*.[ch]' 'tests/*.[ch]')
# one clang-format for all files; each complaint starts with "FILE:LINE:COL: error"
mapfile -t bad < <(clang-format --dry-run --Werror "${files[@]}" 2>&1 | sed -n 's/^\([^:]*\):[0-9]*:[0-9]*: error.*/\1/p' | sort -u)
if [ ${#bad[@]} -gt 0 ]; then
  printf 'not formatted: %s\n' "${bad[@]}"
  echo "fix with: clang-format -i ${bad[*]}"
  echo "0 passed, ${#bad[@]} failed"
  exit 1
fi
echo "${#files[@]} passed, 0 failed"
