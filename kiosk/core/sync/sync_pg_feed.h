/* Internal to kiosk/core/sync: the pull's reader thread (docs/TRUST.md, "Server sync"). While
 * the sync's own thread writes rows into the kiosk's database, a reader thread streams the
 * next rows from the server (sync_pg_batch.h), checks each one as an arriving row is checked
 * (trust_check_row: its seal and the typed-input rules) and hands them over in chunks through
 * a queue of bounded bytes: the network, the parsing and the checks overlap the writes, and
 * the kiosk still holds a few MiB of rows whatever the server holds. The reader alone uses the
 * server connection until pg_feed_stop returns; it never touches the kiosk's database. */
#ifndef KIOSK_SYNC_PG_FEED_H
#define KIOSK_SYNC_PG_FEED_H

#include "sync_pg_batch.h"

/* What the queue holds at most (a single larger row still passes, alone). */
#define PG_FEED_MAX_BYTES (4L << 20)
/* A chunk is handed over at this many rows or bytes. */
#define PG_CHUNK_ROWS 256
#define PG_CHUNK_BYTES (256L << 10)

enum pg_chunk_kind {
    PG_CHUNK_ROWS_OF, /* rows of table ti */
    PG_CHUNK_LATE,    /* the server's next row is late: write what you have now */
    PG_CHUNK_END      /* table ti is read (st: how its read ended; when it failed, buf holds
                       * the reader's message, if any) */
};

struct pg_chunk {
    struct pg_chunk *next;
    enum pg_chunk_kind kind;
    int ti;
    kiosk_status st;
    size_t nrows;
    unsigned char *buf; /* the rows, one after another (pg_chunk_row) */
    size_t used, cap;
};

/* One row taken out of a chunk: v points into the chunk (valid until it is freed). */
struct pg_fed_row {
    int64_t seq;
    int big;
    int64_t bytes;   /* its size on the server */
    const char *why; /* the check's reason to refuse it (a constant), NULL: taken */
    struct store_value v[64];
};

struct pg_feed;

/* Why a pulled row is refused (NULL: taken), as a stick's rows are checked (docs/TRUST.md):
 * refused rows are set aside and the pull mark passes them, so they never block the rows after
 * them. big: a row too large to take, of which only the id and writer came. Any thread. */
const char *pg_row_verdict(const struct pg_sync *p, int ti, const struct store_value *v, int big);

/* Starts the reader over every synced table, each (pull_mark, cut] in order. p->check must be
 * finished (trust_check_finish) or NULL. */
kiosk_status pg_feed_start(struct pg_sync *p, struct pg_feed **out);
/* The next chunk, in order (free with pg_chunk_free); NULL once every table's END came. */
struct pg_chunk *pg_feed_next(struct pg_feed *f);
/* Row after *at of chunk c (*at: 0 for the first); 0 when there is none. */
int pg_chunk_row(const struct pg_chunk *c, size_t *at, struct pg_fed_row *out);
void pg_chunk_free(struct pg_chunk *c);
/* Stops the reader (if it still runs), waits for it and frees f. The reader's message, if it
 * failed, goes into err when err is still empty. */
void pg_feed_stop(struct pg_feed *f, char *err, size_t errlen);

#endif
