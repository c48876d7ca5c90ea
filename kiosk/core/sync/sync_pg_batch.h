/* Internal to kiosk/core/sync: pulled rows streamed from the server one row at a time
 * (docs/TRUST.md, "Server sync"), so what a kiosk holds in memory is one row whatever the
 * server holds. Each table is read in pages: one COPY (SELECT ...) TO STDOUT (FORMAT binary)
 * of at most PG_PAGE_ROWS rows past a srv_seq; the pull writes them in local batches of at
 * most PG_BATCH_ROWS rows and PG_BATCH_BYTES bytes. A row larger than PG_ROW_MAX_BYTES never
 * crosses the wire: the server sends its id and writer cut short, and the kiosk refuses it
 * (sets it aside) without blocking the rows after it. */
#ifndef KIOSK_SYNC_PG_BATCH_H
#define KIOSK_SYNC_PG_BATCH_H

#include "sync_pg.h"

#define PG_PAGE_ROWS 100000
#define PG_BATCH_ROWS 20000
#define PG_BATCH_BYTES (8L << 20)
/* A new kiosk's first pull of a table (empty here, at least PG_BULK_MIN_ROWS to come) takes
 * up to PG_BULK_ROWS rows or PG_BULK_BYTES in one bulk batch, its read-only indexes built
 * after the rows (sync_pg_pull.c). */
#define PG_BULK_MIN_ROWS 5000
#define PG_BULK_ROWS 100000
#define PG_BULK_BYTES (64L << 20)
/* The largest row a kiosk writes is a check-in with a signature's strokes and its picture
 * (2 MiB each, records.c) and a seal (trust_seal_own cuts them at 2 MiB of hashes). */
#define PG_ROW_MAX_BYTES (6L << 20)
/* How long a batch waits for the server's next row before it commits what it has: the
 * kiosk's write lock is never held longer than this for the network. */
#define PG_BATCH_WAIT_MS 50

/* One pulled row. */
struct pg_row {
    int ti;
    struct store_value v[64]; /* the table's columns (integers as decimal text, blobs raw,
                               * each value followed by a NUL) */
    int64_t seq;              /* srv_seq */
    int64_t bytes;            /* the row's size on the server */
    int big;                  /* over PG_ROW_MAX_BYTES: only its id and kiosk_id came */
    char *buf;                /* the values */
    size_t cap;
    int header_seen;
};

/* Called for each row; and, with row NULL, when the next row is not there yet (wait: the
 * reader then waits for it). */
typedef kiosk_status (*pg_row_fn)(struct pg_sync *p, const struct pg_row *row, void *ctx);

/* Streams table ti's rows with srv_seq in (after, upto], in srv_seq order, to fn. */
kiosk_status pg_rows_read(struct pg_sync *p, int ti, int64_t after, int64_t upto,
                          struct pg_row *row, pg_row_fn fn, void *ctx);
void pg_row_free(struct pg_row *row);

#endif
