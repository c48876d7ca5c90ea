# The shell tests' shared verdicts (sourced by tests/e2e/*.test.sh after `set -u`):
#   . "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# ok             one check passed
# bad MSG        one check failed; the test goes on
# fail MSG       one check failed; the test stops here (exit 1). A test may define on_fail()
#                to print what helps (a log's tail) before it exits.
# skip MSG       the test cannot run on this machine: exit 77, which ctest shows as skipped
#                (SKIP_RETURN_CODE 77), never as passed
# finish_tests   the closing line "N passed, N failed"; exit 1 when a check failed, else 0
passed=0 failed=0
ok() { passed=$((passed + 1)); }
bad() {
  failed=$((failed + 1))
  echo "FAIL: $*"
}
fail() {
  echo "FAIL: $*"
  if declare -F on_fail >/dev/null; then on_fail; fi
  echo "$passed passed, $((failed + 1)) failed"
  exit 1
}
skip() {
  echo "SKIP: $*"
  exit 77
}
finish_tests() {
  echo "$passed passed, $failed failed"
  [ "$failed" = 0 ] || exit 1
  exit 0
}
