/* Internal to kiosk/core/sync: pulled rows read from the server one batch at a time
 * (docs/TRUST.md, "Server sync"), so what a kiosk holds in memory is bounded whatever the
 * server holds: a batch is one COPY (SELECT ...) TO STDOUT (FORMAT binary) of the rows past a
 * srv_seq, at most PG_BATCH_ROWS rows and PG_BATCH_BYTES bytes (plus its last row). A row
 * larger than PG_ROW_MAX_BYTES never crosses the wire: the server sends its id and writer
 * cut short, and the kiosk refuses it (sets it aside) without blocking the rows after it. */
#ifndef KIOSK_SYNC_PG_BATCH_H
#define KIOSK_SYNC_PG_BATCH_H

#include "sync_pg.h"

#define PG_BATCH_ROWS 20000
#define PG_BATCH_BYTES (8L << 20)
/* The largest row a kiosk writes is a check-in with a signature's strokes and its picture
 * (2 MiB each, records.c) and a seal (trust_seal_own cuts them at 2 MiB of hashes). */
#define PG_ROW_MAX_BYTES (6L << 20)

struct pg_cell {
    size_t off, len;
    int null;
};

struct pg_batch_row {
    int64_t seq;   /* srv_seq */
    int64_t bytes; /* the row's size on the server */
    int big;       /* over PG_ROW_MAX_BYTES: only its id and kiosk_id came, cut short */
};

struct pg_batch {
    int ti;
    char *buf; /* every value of the batch, each followed by a NUL */
    size_t len, cap;
    struct pg_cell *cells; /* ncols per row */
    size_t capcells;
    struct pg_batch_row *rows;
    size_t nrows, caprows;
    int header_seen;
};

/* Reads the next batch of table ti: rows with srv_seq in (after, upto], in srv_seq order.
 * b->nrows == 0: none left. On failure p->err says why. */
kiosk_status pg_batch_read(struct pg_sync *p, int ti, int64_t after, int64_t upto,
                           struct pg_batch *b);
/* Row r's values, in sync_tables' column order (integers as decimal text, blobs raw). */
void pg_batch_values(const struct pg_batch *b, size_t r, struct store_value *v);
void pg_batch_free(struct pg_batch *b);

#endif
