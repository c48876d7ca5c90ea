#!/usr/bin/env bash
# Installs the Debian packages listed in the given files that are not installed yet.
# usage: scripts/deps.sh scripts/packages-run.txt [scripts/packages-test.txt]
set -euo pipefail
want=()
for f in "$@"; do
  while read -r p; do
    p=${p%%#*}; p=${p//[[:space:]]/}
    [ -n "$p" ] || continue
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || want+=("$p")
  done <"$f"
done
[ ${#want[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "installing: ${want[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${want[@]}"
