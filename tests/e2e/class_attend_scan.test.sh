#!/usr/bin/env bash
# Check-in by scanning the sign-up receipt: the receipt comes from a sign-up played first
# (class_signup_mdn_mk.kscript). usage: class_attend_scan.test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
e2e=$2/tests/e2e
exec bash "$e2e/plugin_gen.sh" "$1" "$2" "$e2e/class_attend_scan.kscript.in" \
  "$e2e/class_signup_mdn_mk.kscript" \
  "SELECT r.text FROM receipts r JOIN people p ON p.id=r.person_id WHERE r.kind=1 AND p.full_name='Lê Thị Ngọc Hân'"
