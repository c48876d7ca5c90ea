/* The SQLite side of sync (kiosk/core/sync): what a synced table looks like, and every
 * query sync runs on this kiosk's database: the file sync's moves between this database and
 * an attached kiosk file, the rows a server lacks, the pulled rows' writes, the local marks
 * (meta) and the shadow of what a server holds. SQL text is built here from the constant
 * table descriptions (sync/sync_tables.c), never from data. PostgreSQL stays in sync. */
#ifndef KIOSK_STORE_SYNC_IO_H
#define KIOSK_STORE_SYNC_IO_H

#include "rows.h"

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

/* "a, b, c" (prefix "q." gives "q.a, q.b, q.c"); skip_key leaves the id column out. */
void sync_cols(const struct sync_table *t, const char *prefix, int skip_key, char *out, size_t cap);

/* "BEGIN", "BEGIN IMMEDIATE", "COMMIT" or "ROLLBACK" on this kiosk's database; err gets
 * SQLite's message. store_sync_rollback rolls back an open transaction, if any. */
kiosk_status store_sync_tx(store *s, const char *what, char *err, size_t errlen);
void store_sync_rollback(store *s);

/* Values kept in the local meta table (not synced): marks per server. */
kiosk_status store_meta_get(store *s, const char *key, char *out, size_t cap);
kiosk_status store_meta_set(store *s, const char *key, const char *value);
int64_t store_meta_get_i64(store *s, const char *key, int64_t fallback);
kiosk_status store_meta_set_i64(store *s, const char *key, int64_t value);

/* -- file sync: another kiosk file attached as "peer" -- */
kiosk_status store_sync_attach(store *s, const char *path, char *err, size_t errlen);
void store_sync_detach(store *s);
/* Moves every table from -> to ("main" or "peer") in one transaction that write-locks the
 * written side only:
 * new rows whose parents the target holds, then newer versions. Per table: moved, already
 * there, held back (parent missing). refused (NULL: no checks): rows the SQL function
 * kiosk_row_refused (store_sync_set_check, trust_rows.h) refuses, set aside in the target's
 * quarantine and never moved. pause (may be NULL) runs before each table. */
kiosk_status store_sync_move_all(store *s, const struct sync_table *tables, int ntables,
                                 const char *from, const char *to, long *moved, long *already,
                                 long *held, long *refused, void (*pause)(void), char *err,
                                 size_t errlen);

/* Staging (docs/TRUST.md): a foreign file's rows pass through a private database beside
 * this kiosk's (<db>.stage, mode 0600, attached as "stage"; any left by a stopped run is
 * removed first). stage_copy copies the rows of from ("peer") this kiosk lacks and the
 * newer versions of those it holds; stage_check sets aside (stage.quarantine) and deletes the
 * staged rows kiosk_row_refused refuses, counting them per table. Neither writes this kiosk's
 * database. stage_merge moves what is left into it, with the quarantine, in one short write
 * transaction (no check: the rows were checked in the private copy). stage_close detaches
 * and removes the file. pause (may be NULL) runs before each table of the copy. One sync
 * stages for a kiosk at a time (a lock on <db>.stage.lock): another (kioskctl beside the
 * kiosk's worker) gets KIOSK_E_UNAVAILABLE from stage_open and changes nothing. */
kiosk_status store_sync_stage_open(store *s, const struct sync_table *tables, int ntables,
                                   char *err, size_t errlen);
kiosk_status store_sync_stage_copy(store *s, const struct sync_table *tables, int ntables,
                                   const char *from, void (*pause)(void), char *err, size_t errlen);
kiosk_status store_sync_stage_check(store *s, const struct sync_table *tables, int ntables,
                                    long *refused, char *err, size_t errlen);
kiosk_status store_sync_stage_merge(store *s, const struct sync_table *tables, int ntables,
                                    long *moved, long *already, long *held, char *err,
                                    size_t errlen);
void store_sync_stage_close(store *s);

/* -- server sync: what a server holds, and what it sent -- */
/* The sync_shadow table (what each server is known to hold of the SHADOW tables). */
kiosk_status store_sync_shadow_ensure(store *s, char *err, size_t errlen);
kiosk_status store_sync_max_rowid(store *s, const struct sync_table *t, int64_t *out);
/* The rows the server lacks: MARK tables by rowid in (mark, max]; SHADOW tables by the
 * shadow of server_id. Columns: the table's columns in order. */
kiosk_status store_sync_unsent(store *s, const struct sync_table *t, const char *server_id,
                               int64_t mark, int64_t max, store_rows **out);
/* How many rows store_sync_unsent would give (max unbounded); -1 unknown. */
int64_t store_sync_unsent_count(store *s, const struct sync_table *t, const char *server_id,
                                int64_t mark);
/* The page cache for a big pull: the current size (pages, or -KiB) and setting it. */
int64_t store_sync_cache_size(store *s);
void store_sync_set_cache_size(store *s, int64_t size);

/* A pulled row's value: text (decimal for SYNC_INT), bytes for a blob; null for NULL. */
struct store_value {
    const char *p;
    size_t len;
    int null;
};
enum store_pulled {
    STORE_PULLED_NEW,
    STORE_PULLED_SAME,
    STORE_PULLED_ELSEWHERE,
    STORE_PULLED_HELD,
    STORE_PULLED_REFUSED /* set aside by sync's checks (docs/TRUST.md), never written */
};
typedef struct store_sync_applier store_sync_applier;
kiosk_status store_sync_applier_open(store *s, const struct sync_table *t, store_sync_applier **out,
                                     char *err, size_t errlen);
/* Writes one pulled row (values of the table's columns in order): a new or newer row
 * (NEW), one here already (SAME), the same fact under another id (ELSEWHERE), or held back
 * because its parent is missing here (HELD). */
kiosk_status store_sync_apply(store_sync_applier *a, const struct store_value *vals,
                              enum store_pulled *out, char *err, size_t errlen);
/* A server pull's batches check the parents of their rows themselves (a cache of parent ids
 * found, one search per new id) instead of SQLite's foreign keys (two index searches a
 * row): store_sync_own_parents(s, 1) before the batch's BEGIN turns the connection's
 * foreign keys off, (s, 0) after its COMMIT or ROLLBACK turns them on again; appliers
 * opened while they are off check every parent column of tables (sync_tables) and hold a
 * row whose parent is missing, as the foreign key would. */
kiosk_status store_sync_own_parents(store *s, int on);
kiosk_status store_sync_applier_parents(store_sync_applier *a, const struct sync_table *tables,
                                        char *err, size_t errlen);
/* Notes that server_id holds id (at a version for versioned tables). */
kiosk_status store_sync_shadow_put(store_sync_applier *a, const char *server_id, const char *id,
                                   int64_t updated_at, const char *updated_by, char *err,
                                   size_t errlen);
void store_sync_applier_close(store_sync_applier *a);
/* A big pull into an empty table (a new kiosk), inside the pull's open transaction: when
 * main.<t> holds no row, its indexes that only speed reads up (made by CREATE INDEX, not
 * unique) are dropped and their SQL kept in *indexes (free()); store_sync_bulk_end makes them
 * again in the same transaction, one sorted build each instead of an index insert a row.
 * Dropped and made in one transaction: whoever reads sees the table with its indexes, before
 * or after. *indexes NULL: the table holds rows, nothing dropped. */
kiosk_status store_sync_bulk_begin(store *s, const struct sync_table *t, char **indexes, char *err,
                                   size_t errlen);
kiosk_status store_sync_bulk_end(store *s, const char *indexes, char *err, size_t errlen);

#endif
