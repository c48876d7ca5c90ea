/* The kiosk's store: one SQLite file per kiosk (WAL, synchronous=FULL, foreign keys),
 * its schema and migrations, and the domain records. It never draws or talks to a network. */
#ifndef KIOSK_STORE_H
#define KIOSK_STORE_H

#include "common.h"

typedef struct store store;

/* Opens (creating if missing, migrating if older) the kiosk database at path.
 * Refuses, leaving the file untouched: a file that is not SQLite (KIOSK_E_CORRUPT),
 * one from a newer schema (KIOSK_E_NEWER). A directory that cannot be written gives
 * KIOSK_E_READONLY. err gets one line for people, naming the file. */
kiosk_status store_open(const char *path, store **out, char *err, size_t errlen);
/* Opens an existing kiosk file without creating it (sync peers, exports). */
kiosk_status store_open_existing(const char *path, store **out, char *err, size_t errlen);
void store_close(store *s);

const char *store_kiosk_id(const store *s); /* this kiosk's id (made on first open) */
const char *store_path(const store *s);
int store_schema_version(store *s);
int store_schema_latest(void);

/* Transactions: BEGIN IMMEDIATE / COMMIT / ROLLBACK. Called while a transaction is open
 * (an import or a sync wrapping many domain writes), they become a savepoint: every domain
 * write stays all-or-nothing, and only the outermost commit makes it durable. */
kiosk_status store_begin(store *s);
kiosk_status store_commit(store *s);
void store_rollback(store *s);

/* Maps the last SQLite error to a status (FULL, READONLY, IO...) and logs it. */
kiosk_status store_status_from_sqlite(store *s, int rc, const char *what);

/* Settings kept in the database (what the coordinator picks on the admin screen). */
kiosk_status store_setting_set(store *s, const char *key, const char *value);
/* Copies the value into out; KIOSK_E_NOT_FOUND when unset. */
kiosk_status store_setting_get(store *s, const char *key, char *out, size_t cap);

/* Appends to the log (append-only). detail never holds a name or phone number. */
kiosk_status store_log_add(store *s, const char *kind, const char *subject, const char *detail);

#endif
