/* A database file from outside (a USB stick, another machine) is untrusted until checked
 * (docs/TRUST.md): it is read on its own read-only connection with SQLite's defensive settings
 * (SQLITE_DBCONFIG_DEFENSIVE, trusted_schema off, tight limits, a progress handler with a
 * deadline), must pass PRAGMA quick_check, and may hold only what a kiosk's own schema holds:
 * no view, no virtual table, no trigger a kiosk never made. */
#ifndef KIOSK_STORE_FOREIGN_H
#define KIOSK_STORE_FOREIGN_H

#include "store.h"

/* KIOSK_OK when path is safe to open as a kiosk file (or does not exist yet); else
 * KIOSK_E_CORRUPT (damaged, or a schema a kiosk never makes) or KIOSK_E_UNAVAILABLE (the
 * check ran longer than timeout_ms), with one line in err naming what is wrong. */
kiosk_status store_foreign_check(const char *path, int64_t timeout_ms, char *err, size_t errlen);

/* While a sync runs on this kiosk's connection: trusted_schema off (the attached file's
 * schema runs no function with side effects) and a progress handler that stops any statement
 * running longer than timeout_ms from now (0: clear both). */
void store_sync_guard(store *s, int64_t timeout_ms);

/* on: the sync worker is stopping (SIGTERM): the statement a sync runs, and every later one,
 * stops once STORE_SYNC_STOP_GRACE_MS have passed (a last small sync still completes); the
 * sync fails, its transaction rolls back. off: syncs run unhurried again. Any thread. */
#define STORE_SYNC_STOP_GRACE_MS 3000
void store_sync_cancel(int on);
/* 1 once a stop asked by store_sync_cancel is past its grace: a sync waiting for a server
 * gives up then, as a statement does. Any thread. */
int store_sync_stopping(void);

#endif
