# Install layout (GNUInstallDirs) and the Debian package (CPack).
#   bin/kiosk, bin/kioskctl
#   lib/kiosk/plugins/*.so                  (kiosk_add_plugin installs each plugin)
#   share/kiosk/{assets,fonts}              read-only data
#   include/kiosk/plugin.h, lib/pkgconfig/kiosk-plugin.pc   for plugins built out of tree
#   lib/systemd/system/kiosk.service, etc/kiosk/kiosk.ini   the appliance setup
install(TARGETS kiosk kioskctl RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY assets DESTINATION ${CMAKE_INSTALL_DATADIR}/kiosk)
install(DIRECTORY fonts DESTINATION ${CMAKE_INSTALL_DATADIR}/kiosk)
install(FILES kiosk/include/kiosk/plugin.h DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/kiosk)
configure_file(packaging/kiosk-plugin.pc.in ${CMAKE_BINARY_DIR}/kiosk-plugin.pc @ONLY)
install(FILES ${CMAKE_BINARY_DIR}/kiosk-plugin.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
install(FILES packaging/kiosk.service DESTINATION lib/systemd/system)
install(TARGETS kiosk-vtlock RUNTIME DESTINATION ${CMAKE_INSTALL_LIBEXECDIR}/kiosk)
# The console's own keys on a kiosk: SysRq off, Ctrl+Alt+Del does nothing (docs/HARDENING.md).
install(FILES packaging/etc/90-kiosk-sysrq.conf DESTINATION lib/sysctl.d)
install(FILES packaging/etc/kiosk-ctrl-alt-del.conf DESTINATION lib/systemd/system.conf.d)
# /etc/kiosk/kiosk.ini is written by the kiosk itself from its table of settings, so it
# documents every setting there is, with its default, and never goes stale.
add_custom_command(OUTPUT ${CMAKE_BINARY_DIR}/kiosk.ini
  COMMAND ${CMAKE_COMMAND} -E env ASAN_OPTIONS=detect_leaks=0 $<TARGET_FILE:kiosk> --sample-config > ${CMAKE_BINARY_DIR}/kiosk.ini
  DEPENDS kiosk COMMENT "kiosk.ini from the kiosk's settings table")
add_custom_target(kiosk_ini ALL DEPENDS ${CMAKE_BINARY_DIR}/kiosk.ini)
if(CMAKE_INSTALL_PREFIX STREQUAL "/usr")
  set(KIOSK_INI_DIR /etc/kiosk) # the .deb: a conffile in /etc
else()
  set(KIOSK_INI_DIR ${CMAKE_INSTALL_SYSCONFDIR}/kiosk) # under the prefix
endif()
install(FILES ${CMAKE_BINARY_DIR}/kiosk.ini DESTINATION ${KIOSK_INI_DIR})

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME kiosk)
set(CPACK_PACKAGE_VENDOR "Trung tâm Khuyến công Cần Thơ")
set(CPACK_PACKAGE_CONTACT "kiosk maintainers <kiosk@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "check-in kiosk for training classes and trade-fair booths")
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# opened on first use (kiosk/core/lazy_lib.h), so shlibdeps cannot see them: libzbar0 (a
# camera), libpq5 (a server sync), libxlsxwriter4 + libminizip1 (XLSX out; minizip for the
# second pass of a sheet with signatures), libzip4 + libexpat1 (XLSX in), libicu72
# (collation); tests/e2e/startup_libs.test.sh checks each is named here
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "adduser, systemd, libzbar0, libpq5, libxlsxwriter4, libminizip1, libzip4, libexpat1, libicu72")
# libespeak-ng1 (with espeak-ng-data) speaks for `voice = on` (docs/VOICE.md), opened on first
# use: a kiosk without it runs silent, so it is recommended, not required
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libespeak-ng1, espeak-ng-data")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${CMAKE_SOURCE_DIR}/packaging/debian/postinst
    ${CMAKE_SOURCE_DIR}/packaging/debian/prerm
    ${CMAKE_SOURCE_DIR}/packaging/debian/postrm
    ${CMAKE_SOURCE_DIR}/packaging/debian/conffiles)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
install(FILES README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
