#!/usr/bin/env bash
# Plays one e2e script on a fresh demo database, headless (SDL dummy driver).
# usage: run-script.sh KIOSK KIOSKCTL SCRIPT.kscript
# Directives in the script's comments:
#   #! args: ARGS           extra kiosk arguments (e.g. --window 1024x600 --lang en);
#                           ${BUILD} is replaced by the build dir (--plugin-dir ${BUILD}/test-plugins)
#   #! config: KEY = VALUE  a line of the settings file the kiosk gets ($WORK is replaced);
#                           camera = none unless the script sets camera
#   #! setup: COMMAND       a shell command run before the kiosk, with $KIOSKCTL, $DB, $WORK
#   #! after: COMMAND       a shell command run after a passing script (checks the stored data)
#   #! env: NAME=VALUE      an environment variable the kiosk gets (a test hook of test_hooks.h)
# Screenshots (`shot x.png`) land in $KIOSK_SHOT_DIR (default: build/shots/<script>/).
set -euo pipefail
kiosk=$1; kioskctl=$2; script=$3
name=$(basename "$script" .kscript)
WORK=$(mktemp -d /tmp/kiosk-e2e.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
DB=$WORK/kiosk.db
KIOSKCTL=$kioskctl
export DB WORK KIOSKCTL
shots=${KIOSK_SHOT_DIR:-${KIOSK_BUILD_DIR:-$WORK}/shots}/$name
mkdir -p "$shots"
: >"$WORK/kiosk.ini"
args=()
while IFS= read -r line; do
  case "$line" in
    "#! args:"*) a=${line#\#! args:}; a=${a//'${BUILD}'/${KIOSK_BUILD_DIR:-.}}
                 read -r -a more <<<"$a"; args+=("${more[@]}") ;;
    "#! config:"*) l=${line#\#! config: }; echo "${l//\$WORK/$WORK}" >>"$WORK/kiosk.ini" ;;
    "#! env:"*) export "${line#\#! env: }" ;;
  esac
done <"$script"
# a webcam on the test machine must not change what a script sees: no camera unless asked
grep -q '^camera *=' "$WORK/kiosk.ini" || echo "camera = none" >>"$WORK/kiosk.ini"
"$kioskctl" --db "$DB" init --demo >/dev/null
while IFS= read -r line; do
  case "$line" in "#! setup:"*) (cd "$WORK" && eval "${line#\#! setup: }") ;; esac
done <"$script"
export SDL_VIDEODRIVER=${SDL_VIDEODRIVER:-dummy} SDL_RENDER_DRIVER=software SDL_AUDIODRIVER=dummy
(cd "$shots" && "$kiosk" --db "$DB" --config "$WORK/kiosk.ini" --window 1280x800 "${args[@]}" --script "$script")
while IFS= read -r line; do
  case "$line" in "#! after:"*) (cd "$WORK" && eval "${line#\#! after: }") ;; esac
done <"$script"
