#!/usr/bin/env bash
# A returning fair visitor scans her receipt. usage: fair_return_scan.test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
e2e=$2/tests/e2e
exec bash "$e2e/plugin_gen.sh" "$1" "$2" "$e2e/fair_return_scan.kscript.in" \
  "$e2e/fair_visitor_yesterday.kscript.in" \
  "SELECT r.text FROM receipts r JOIN people p ON p.id=r.person_id WHERE r.kind=3 AND p.phone='+84987654321'"
