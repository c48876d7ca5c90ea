#!/usr/bin/env bash
# Plays an e2e script whose text needs what is only known at run time: a receipt the
# kiosk signed (its text is what the scanner sends) and today's or yesterday's date.
# usage: plugin_gen.sh BUILD_DIR SOURCE_DIR TEMPLATE.kscript.in [PREP SQL]
#   PREP (a .kscript, or a .kscript.in filled like the template) is played first on a
#   fresh demo database, as a person would have done earlier; SQL run on that database
#   then gives @RECEIPT@ (and @FORGED@: the same text with its last character changed).
#   The template's own `#! setup:` line copies that database ($PREP_DB) into place.
#   @TODAY@ and @YESTERDAY@ are local dates (YYYY-MM-DD) for `clock`.
# The filled template is played by run-script.sh under the template's name, so its
# screenshots land in build/shots/<name>/ and its `#! after:` checks run as usual.
set -euo pipefail
build=$1 src=$2 template=$3 prep=${4:-} sql=${5:-}
kiosk=$build/kiosk
kioskctl=$build/kioskctl
name=$(basename "$template" .kscript.in)
gen=$(mktemp -d /tmp/kiosk-gen.XXXXXX)
trap 'rm -rf "$gen"' EXIT
export SDL_VIDEODRIVER=${SDL_VIDEODRIVER:-dummy} SDL_RENDER_DRIVER=software SDL_AUDIODRIVER=dummy
export KIOSK_BUILD_DIR=${KIOSK_BUILD_DIR:-$build}
today=$(date +%F)
yesterday=$(date -d yesterday +%F)

fill() { # fill IN OUT: dates and receipts into a script
  sed -e "s|@TODAY@|$today|g" -e "s|@YESTERDAY@|$yesterday|g" \
    -e "s|@RECEIPT@|${receipt:-}|g" -e "s|@FORGED@|${forged:-}|g" "$1" >"$2"
}

receipt="" forged=""
if [ -n "$prep" ]; then
  PREP_DB=$gen/prep.db
  export PREP_DB
  prep_script=$gen/$(basename "$prep" .in)
  fill "$prep" "$prep_script"
  "$kioskctl" --db "$PREP_DB" init --demo >/dev/null
  : >"$gen/prep.ini"
  while IFS= read -r line; do
    case "$line" in "#! config:"*) echo "${line#\#! config: }" >>"$gen/prep.ini" ;; esac
  done <"$prep_script"
  mkdir -p "$gen/prep-shots"
  if ! (cd "$gen/prep-shots" && "$kiosk" --db "$PREP_DB" --config "$gen/prep.ini" \
    --window 1280x800 --script "$prep_script"); then
    echo "FAIL: $name: preparing with $(basename "$prep") did not go through" >&2
    exit 1
  fi
  receipt=$(sqlite3 "$PREP_DB" "$sql")
  if [ -z "$receipt" ]; then
    echo "FAIL: $name: no receipt stored by $(basename "$prep") ($sql)" >&2
    exit 1
  fi
  last=${receipt: -1}
  if [ "$last" = A ]; then forged="${receipt%?}B"; else forged="${receipt%?}A"; fi
fi
fill "$template" "$gen/$name.kscript"
bash "$src/tests/e2e/run-script.sh" "$kiosk" "$kioskctl" "$gen/$name.kscript"
