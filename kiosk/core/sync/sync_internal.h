/* Internal to kiosk/core/sync: what each synced table looks like, SQL text built from those
 * constant descriptions (never from data), and small helpers shared by the file and server sinks.
 */
#ifndef KIOSK_SYNC_INTERNAL_H
#define KIOSK_SYNC_INTERNAL_H

#include "sync.h"

#include <sqlite3.h>

enum sync_col_type {
    SYNC_TEXT,      /* TEXT NOT NULL */
    SYNC_TEXT_NULL, /* TEXT, may be NULL */
    SYNC_INT,       /* INTEGER NOT NULL (bigint on the server) */
    SYNC_BLOB_NULL  /* BLOB, may be NULL (bytea on the server) */
};

struct sync_col {
    const char *name;
    enum sync_col_type type;
};

struct sync_parent {
    const char *column; /* e.g. "event_id" */
    int table;          /* enum sync_table_id of the parent */
    int nullable;       /* NULL means no parent */
};

/* How a server sync knows what the server already holds of this table:
 * MARK: append-only facts that are never deleted: a rowid high-water mark per server.
 * SHADOW: tables that change (versions) or may lose a row: the set of ids (and versions)
 * known to be on the server, in the sync_shadow table. */
enum sync_track { SYNC_MARK, SYNC_SHADOW };

struct sync_table {
    const char *name;
    const char *key; /* the id column */
    int versioned;   /* last writer wins by (updated_at, updated_by) */
    enum sync_track track;
    const struct sync_col *cols;
    int ncols;
    struct sync_parent parents[3];
    int nparents;
};

extern const struct sync_table sync_tables[SYNC_TABLES];

/* "a, b, c" (prefix "q." gives "q.a, q.b, q.c"); skip_key leaves the id column out. */
void sync_cols(const struct sync_table *t, const char *prefix, int skip_key, char *out, size_t cap);

/* Sleeps KIOSK_SYNC_TEST_DELAY_MS (test_hooks.h) between steps (0 unless tests set it),
 * so a test's kill -9 lands in the middle of a sync. */
void sync_test_pause(void);

/* Runs SQL on the store's connection; err gets sqlite's message on failure. */
kiosk_status sync_exec(sqlite3 *db, const char *sql, char *err, size_t errlen);
/* One integer from a query with up to one text parameter (NULL: none); 0 when no row. */
kiosk_status sync_query_i64(sqlite3 *db, const char *sql, const char *param, int64_t *out);

/* Integers kept in the local meta table (not synced): marks per server. */
int64_t sync_meta_get_i64(sqlite3 *db, const char *key, int64_t fallback);
kiosk_status sync_meta_set_i64(sqlite3 *db, const char *key, int64_t value);
kiosk_status sync_meta_get(sqlite3 *db, const char *key, char *out, size_t cap);
kiosk_status sync_meta_set(sqlite3 *db, const char *key, const char *value);

/* The two sinks (sync.c picks one). */
kiosk_status sync_file_run(store *s, const char *path, struct sync_counts *c, const char **why_key,
                           char *err, size_t errlen);
kiosk_status sync_pg_run(store *s, const char *conninfo, struct sync_counts *c,
                         const char **why_key, char *err, size_t errlen);
long sync_pg_waiting(store *s, const char *conninfo);

/* Local bookkeeping of what a server holds (sync_marks.c). */
kiosk_status sync_shadow_ensure(sqlite3 *db, char *err, size_t errlen);
/* A short stable name for a server target that never holds its password: hash of conninfo. */
void sync_target_hash(const char *target, char out[17]);

#endif
