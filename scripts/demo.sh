#!/usr/bin/env bash
# Installs what is missing, builds, and starts the kiosk on the demo program.
# Extra arguments go to the kiosk (e.g. --window 1280x800, --lang en).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh scripts/packages-run.txt
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)"
db=${KIOSK_DEMO_DB:-${XDG_DATA_HOME:-$HOME/.local/share}/kiosk/demo.db}
exec build/kiosk --demo --db "$db" "$@"
