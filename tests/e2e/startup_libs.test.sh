#!/usr/bin/env bash
# The kiosk maps at start only what its screens need: libpq (with OpenSSL, GnuTLS, Kerberos),
# libxlsxwriter (with libcrypto), ICU (with the C++ runtime) and libzip (XLSX in; expat comes with SDL anyway) are opened on first use
# (kiosk/core/lazy_lib.h), ~8 MB of a first frame otherwise (issue 2: peak RSS within 1.5x of
# a bare SDL program). kioskctl too (an export's peak RSS, issue 18 item 4): the .deb names
# their packages in cmake/install.cmake instead.
# usage: startup_libs.test.sh BUILD_DIR SOURCE_DIR
set -u
build=$(cd "$1" && pwd)
fail=0
loaded=$(ldd "$build/kiosk" | awk '{ print $1 }')
cxx=libstdc++
# the ASan+UBSan build: the sanitizer runtimes bring the C++ runtime themselves
grep -q '^libasan\.so' <<<"$loaded" && cxx=
for lib in libpq libxlsxwriter libicui18n libicuuc libicudata libcrypto libssl libgnutls \
  $cxx libminizip libzbar libv4l2 libzip; do
  if grep -q "^$lib\.so" <<<"$loaded"; then
    echo "FAIL: the kiosk loads $lib at start (link it only into kioskctl; the kiosk opens it" \
      "on first use, see kiosk/core/lazy_lib.h)"
    fail=1
  fi
done
ctl_loaded=$(ldd "$build/kioskctl" | awk '{ print $1 }')
for lib in libpq libxlsxwriter libminizip libicui18n libzip libexpat; do
  if grep -q "^$lib\.so" <<<"$ctl_loaded"; then
    echo "FAIL: kioskctl loads $lib at start (the core opens it on first use)"
    fail=1
  fi
done
src=${2:-$(dirname "$0")/../..}
depends=$(sed -n '/CPACK_DEBIAN_PACKAGE_DEPENDS/,/)/p' "$src/cmake/install.cmake")
for pkg in libpq5 libxlsxwriter4 libminizip1 libzip4 libexpat1 libicu72 libzbar0; do
  if ! grep -q "$pkg" <<<"$depends"; then
    echo "FAIL: the .deb does not depend on $pkg (opened on first use: shlibdeps cannot see it," \
      "and the dlopen would fail on a clean machine)"
    fail=1
  fi
done
[ $fail = 0 ] && echo "PASS startup_libs"
exit $fail
