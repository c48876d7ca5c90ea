#!/usr/bin/env bash
# Installs into a temporary prefix, builds a plugin out of tree against the installed
# header and kiosk-plugin.pc, and runs the installed kiosk headless: it must show the
# installed plugins and the new one.
set -euo pipefail
build=$1; src=$2
work=$(mktemp -d /tmp/kiosk-install.XXXXXX)
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix
cmake --install "$build" --prefix "$prefix" >"$work/install.log"
for f in bin/kiosk bin/kioskctl include/kiosk/plugin.h share/kiosk/fonts/NotoSans-Regular.ttf; do
  [ -e "$prefix/$f" ] || { echo "not installed: $f"; exit 1; }
done
pc=$(find "$prefix" -name kiosk-plugin.pc | head -1)
[ -n "$pc" ] || { echo "kiosk-plugin.pc not installed"; exit 1; }
export PKG_CONFIG_PATH=$(dirname "$pc")
cflags=$(pkg-config --define-prefix --cflags kiosk-plugin)
plugindir=$(pkg-config --define-prefix --variable=plugindir kiosk-plugin)
case "$plugindir" in "$prefix"/*) ;; *) echo "plugindir '$plugindir' is not under the prefix"; exit 1 ;; esac
# shellcheck disable=SC2086
cc -std=c17 -Wall -Wextra -Werror -shared -fPIC $cflags \
   "$src/tests/external-plugin/hello_external.c" -o "$work/hello_external.so"
install -m 0644 "$work/hello_external.so" "$plugindir/"
ls "$plugindir"
cat >"$work/check.kscript" <<'SCRIPT'
expect "Lời chào từ đối tác"
expect "Điểm danh lớp học"
expect "Đăng ký lớp học"
expect "Gian hàng hội chợ"
tap "Lời chào từ đối tác"
expect "Plugin này được biên dịch bên ngoài."
SCRIPT
SDL_VIDEODRIVER=dummy SDL_RENDER_DRIVER=software \
  "$prefix/bin/kiosk" --db "$work/kiosk.db" --demo --window 1280x800 --script "$work/check.kscript"
echo "1 passed, 0 failed"
