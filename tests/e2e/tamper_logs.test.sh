#!/usr/bin/env bash
# The logs never hold a name or a phone number. The flows people go through (a trainee
# typed or scanned, a walk-in with her phone, a fair visitor, a sign-up, a signature, a
# bad phone, the coordinator's exports) run on the demo program with log_level = debug;
# then everything the kiosk wrote to stderr (its log: the journal under systemd), the
# database's log table and the crash guard's file are searched for every person the
# database holds: full name, accentless name, phone in E.164, local and spaced forms.
# Masked forms ("090****501") are fine.
# usage: tamper_logs.test.sh BUILD_DIR SOURCE_DIR
set -u
build=$1
src=${2:-$(dirname "$0")/../..}
work=$(mktemp -d /tmp/kiosk-logs.XXXXXX)
trap 'rm -rf "$work"' EXIT
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
flows="class_attend_typed class_attend_twice class_walkin class_signature class_signup_mdn_mk
  class_signup_waitlist fair_register fair_fast_lane fair_bad_phone fair_staff_view admin_export
  runtime_scan"
: >"$work/stderr"
: >"$work/logtable"
: >"$work/people"
ran=0
for flow in $flows; do
  [ -f "$src/tests/e2e/$flow.kscript" ] || continue
  {
    cat "$src/tests/e2e/$flow.kscript"
    echo "#! config: log_level = debug"
    echo "#! after: sqlite3 -separator ' ' \"\$DB\" \"SELECT kind, subject, detail FROM log\" >>$work/logtable"
    echo "#! after: sqlite3 -separator '|' \"\$DB\" \"SELECT full_name, name_key, phone FROM people\" >>$work/people"
    echo "#! after: cat \"\$DB.guard\" >>$work/logtable 2>/dev/null; true"
  } >"$work/$flow.kscript"
  KIOSK_BUILD_DIR=$build KIOSK_SHOT_DIR=$work/shots bash "$src/tests/e2e/run-script.sh" \
    "$build/kiosk" "$build/kioskctl" "$work/$flow.kscript" >/dev/null 2>>"$work/stderr" ||
    fail "the flow $flow failed: $(tail -20 "$work/stderr")"
  ran=$((ran + 1))
done
[ $ran -ge 6 ] || fail "only $ran flows found"
lines=$(wc -l <"$work/stderr")
[ "$lines" -gt 0 ] || fail "the kiosk logged nothing at debug level"
# what must never appear: every person's name, accentless name and phone in three forms
sort -u "$work/people" >"$work/people.u"
: >"$work/secrets"
while IFS='|' read -r name key phone; do
  [ -n "$name" ] && echo "$name" >>"$work/secrets"
  [ -n "$key" ] && echo "$key" >>"$work/secrets"
  if [ -n "$phone" ]; then
    national=${phone#+84}
    local0=0$national
    printf '%s\n%s\n%s %s %s\n' "$phone" "$national" "${local0:0:4}" "${local0:4:3}" "${local0:7}" \
      >>"$work/secrets"
  fi
done <"$work/people.u"
people=$(wc -l <"$work/people.u")
phones=$(awk -F'|' '$3 != ""' "$work/people.u" | wc -l)
[ "$people" -gt 30 ] && [ "$phones" -gt 20 ] || fail "too few people to look for: $people ($phones phones)"
for f in stderr logtable; do
  leak=$(grep -F -f "$work/secrets" "$work/$f" | head -5)
  [ -z "$leak" ] || fail "the $f holds a name or a phone number: $leak"
done
# case and accents: the log in lower case, without marks, against the accentless names
leak=$(sed 's/.*/\L&/' "$work/stderr" "$work/logtable" | iconv -f utf-8 -t ascii//TRANSLIT 2>/dev/null |
  grep -F -f <(cut -d'|' -f2 "$work/people.u" | grep ' ') | head -5)
[ -z "$leak" ] || fail "the log holds an accentless name: $leak"
echo "logs: $ran flows, $lines lines on stderr and $(wc -l <"$work/logtable") in the log table:" \
  "none of $people people's names or $phones phone numbers"
echo "1 passed, 0 failed"
