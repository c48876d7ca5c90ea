#!/usr/bin/env bash
# The kiosk maps at start only what its screens need: libpq (with OpenSSL, GnuTLS, Kerberos),
# libxlsxwriter (with libcrypto), ICU (with the C++ runtime) and libzip (XLSX in; expat comes with SDL anyway) are opened on first use
# (kiosk/core/lazy_lib.h), ~8 MB of a first frame otherwise (issue 2: peak RSS within 1.5x of
# a bare SDL program). kioskctl still names them, so the .deb depends on their packages.
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
needed=$(readelf -d "$build/kioskctl" | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p')
for lib in libpq.so.5 libxlsxwriter.so libicui18n.so libzip.so.4 libexpat.so.1; do
  if ! grep -q "^$lib" <<<"$needed"; then
    echo "FAIL: kioskctl does not name $lib: the .deb would not depend on its package" \
      "(dpkg-shlibdeps reads DT_NEEDED), and the kiosk's dlopen would fail on a clean machine"
    fail=1
  fi
done
[ $fail = 0 ] && echo "PASS startup_libs"
exit $fail
