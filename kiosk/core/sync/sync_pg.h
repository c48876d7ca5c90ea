/* Internal to kiosk/core/sync: one PostgreSQL sync in progress, shared by the connection and
 * schema code (sync_pg.c), the push (sync_pg_push.c) and the pull (sync_pg_pull.c). */
#ifndef KIOSK_SYNC_PG_H
#define KIOSK_SYNC_PG_H

#include "sync_internal.h"

#include "sync/pq_lazy.h" /* libpq, opened by connect_server */

#include <stdatomic.h>

/* A row this kiosk pushed from a SHADOW table, with the version it sent. */
struct pg_pushed {
    char id[80];
    int64_t updated_at;
    char updated_by[80];
};

struct pg_table_state {
    int64_t pull_mark;        /* srv_seq pulled up to (local meta) */
    int64_t cut;              /* max srv_seq before this sync's push: the pull takes
                               * (pull_mark, cut], rows other kiosks committed before */
    int64_t pull_mark_after;  /* max srv_seq once this sync's push is in */
    int64_t min_held;         /* lowest srv_seq of a pulled row held back (INT64_MAX: none) */
    int key_col, kiosk_col;   /* column indexes (-1: none) */
    int ua_col, ub_col;       /* updated_at, updated_by (versioned tables) */
    int64_t push_mark;        /* MARK tables: rowid pushed up to (local meta) */
    int64_t push_max;         /* MARK tables: max rowid when the push read the table */
    int64_t covered;          /* MARK tables: rowids up to here are on the server (push_max,
                               * then past pulled rows written right after it) */
    PGresult *newer;          /* versioned: server versions newer than the ones pushed */
    struct pg_pushed *pushed; /* SHADOW tables: what was pushed */
    size_t npushed, cap;
};

struct trust_check;
struct pg_sync {
    PGconn *conn;
    struct trust_check *check; /* while pulled rows are written: what is trusted */
    store *s;
    char server_id[80];
    char target_hash[17]; /* names the conninfo in local meta (sync.target.<hash>) */
    struct pg_table_state t[SYNC_TABLES];
    struct sync_counts *c;
    char *err;
    size_t errlen;
    atomic_int *stop; /* set: the pull's reader stops waiting for the server (may be NULL) */
};

/* Runs a command on the server; on failure err gets the server's one-line message. */
kiosk_status pg_command(struct pg_sync *p, const char *sql, int nparams, const char *const *params);
/* Runs a query returning rows; NULL on failure (err filled). */
PGresult *pg_query(struct pg_sync *p, const char *sql, int nparams, const char *const *params);
long pg_cmd_tuples(PGresult *r);

/* Push: sends what the server lacks of every table (inside the server transaction, reading
 * the local database in one read transaction). */
kiosk_status pg_push_all(struct pg_sync *p);
/* Pull, in three steps (docs/TRUST.md, "Server sync"). Before the push, inside the server
 * transaction: how far each table goes (cut). After the server committed: the rows of
 * (mark, cut] in batches (sync_pg_batch.h), each batch one local transaction with its mark,
 * so a pull that stops resumes where the last batch ended; then one local transaction for
 * what the push learnt (the shadow of what was sent, newer versions, the final marks). */
kiosk_status pg_pull_cut(struct pg_sync *p);
kiosk_status pg_pull_batches(struct pg_sync *p);
kiosk_status pg_pull_finish(struct pg_sync *p);

/* The server schema (sync_pg_schema.c): inside the sync's transaction, takes the sync lock,
 * creates or migrates the tables and reads the server's id into p->server_id. */
int sync_pg_schema_latest(void);
kiosk_status sync_pg_schema_prepare(struct pg_sync *p, const char **why_key);

/* Meta keys: "sync.pg.<server_id>.<table>.<what>". */
void pg_mark_key(const char *server_id, int table, const char *what, char *out, size_t cap);

#endif
