#!/usr/bin/env bash
# A registered trainee in one scan and no touch (issue 17 item 5): the receipt comes from a
# sign-up played first. usage: touches_trainee_scan.test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
e2e=$2/tests/e2e
exec bash "$e2e/plugin_gen.sh" "$1" "$2" "$e2e/touches_trainee_scan.kscript.in" \
  "$e2e/class_signup_mdn_mk.kscript" \
  "SELECT r.text FROM receipts r JOIN people p ON p.id=r.person_id WHERE r.kind=1 AND p.full_name='Lê Thị Ngọc Hân'"
