/* The pull's reader thread and its queue of chunks (sync_pg_feed.h). */
#include "sync_pg_feed.h"

#include "trust/records.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

struct pg_feed {
    struct pg_sync rp; /* the reader's view of the sync: its own message buffer */
    char err[512];
    pthread_t thread;
    int started;
    pthread_mutex_t mu;
    pthread_cond_t changed;
    struct pg_chunk *head, *tail, *filling;
    int64_t queued; /* bytes in the queue */
    int done;       /* the reader has handed over its last chunk */
    atomic_int stop;
};

/* A row in a chunk: this header, then per column a 4-byte length (-1: NULL) and the bytes
 * with a NUL after them. */
struct row_head {
    int64_t seq, bytes;
    const char *why;
    int32_t big, ncols;
};

const char *pg_row_verdict(const struct pg_sync *p, int ti, const struct store_value *v, int big)
{
    if (big)
        return "a row larger than a kiosk writes (not taken from the server)";
    return p->check ? trust_check_row(p->check, ti, &sync_tables[ti], v) : NULL;
}

void pg_chunk_free(struct pg_chunk *c)
{
    if (c)
        free(c->buf);
    free(c);
}

/* Hands chunk c to the applier: waits while the queue is full (unless it is empty, so one
 * large row always passes). 0: the feed is stopping (c freed). */
static int put(struct pg_feed *f, struct pg_chunk *c)
{
    pthread_mutex_lock(&f->mu);
    while (f->head && f->queued + (int64_t)c->used > PG_FEED_MAX_BYTES && !f->stop)
        pthread_cond_wait(&f->changed, &f->mu);
    int stopping = f->stop;
    if (!stopping) {
        c->next = NULL;
        if (f->tail)
            f->tail->next = c;
        else
            f->head = c;
        f->tail = c;
        f->queued += (int64_t)c->used;
        pthread_cond_broadcast(&f->changed);
    }
    pthread_mutex_unlock(&f->mu);
    if (stopping)
        pg_chunk_free(c);
    return !stopping;
}

static struct pg_chunk *chunk_new(enum pg_chunk_kind kind, int ti, kiosk_status st)
{
    struct pg_chunk *c = calloc(1, sizeof *c);
    if (c) {
        c->kind = kind;
        c->ti = ti;
        c->st = st;
    }
    return c;
}

static int append(struct pg_chunk *c, const void *p, size_t n)
{
    if (!kiosk_grow((void **)&c->buf, &c->cap, c->used + n, 1))
        return 0;
    memcpy(c->buf + c->used, p, n);
    c->used += n;
    return 1;
}

/* Hands over the rows gathered so far (if any), then a chunk of kind (unless ROWS_OF); an END
 * that failed carries the reader's message. */
static int flush(struct pg_feed *f, enum pg_chunk_kind kind, int ti, kiosk_status st)
{
    struct pg_chunk *c = f->filling;
    f->filling = NULL;
    if (c && !put(f, c))
        return 0;
    if (kind == PG_CHUNK_ROWS_OF)
        return 1;
    c = chunk_new(kind, ti, st);
    if (c && kind == PG_CHUNK_END && st != KIOSK_OK && !append(c, f->err, strlen(f->err) + 1))
        c->used = 0;
    return c && put(f, c);
}

static kiosk_status add_row(struct pg_chunk *c, const struct sync_table *t, const struct pg_row *r,
                            const char *why)
{
    struct row_head h = {
        .seq = r->seq, .bytes = r->bytes, .why = why, .big = r->big, .ncols = t->ncols};
    int ok = append(c, &h, sizeof h);
    for (int i = 0; ok && i < t->ncols; i++) {
        int32_t len = r->v[i].null ? -1 : (int32_t)r->v[i].len;
        ok = append(c, &len, sizeof len) && (len < 0 || append(c, r->v[i].p, (size_t)len + 1));
    }
    c->nrows++;
    return ok ? KIOSK_OK : KIOSK_E_NOMEM;
}

/* pg_row_fn of the reader: checks the row and adds it to the chunk being filled (r NULL: the
 * server is late: what is gathered goes now, with a word to write it). */
static kiosk_status take_row(struct pg_sync *rp, const struct pg_row *r, void *ctx)
{
    struct pg_feed *f = ctx;
    if (!r)
        return flush(f, PG_CHUNK_LATE, -1, KIOSK_OK) ? KIOSK_OK : KIOSK_E_IO;
    const struct sync_table *t = &sync_tables[r->ti];
    const char *why = pg_row_verdict(rp, r->ti, r->v, r->big);
    if (!f->filling && !(f->filling = chunk_new(PG_CHUNK_ROWS_OF, r->ti, KIOSK_OK)))
        return KIOSK_E_NOMEM;
    kiosk_status st = add_row(f->filling, t, r, why);
    if (st == KIOSK_OK &&
        (f->filling->nrows >= PG_CHUNK_ROWS || f->filling->used >= (size_t)PG_CHUNK_BYTES))
        st = flush(f, PG_CHUNK_ROWS_OF, 0, KIOSK_OK) ? KIOSK_OK : KIOSK_E_IO;
    return st;
}

static void *reader(void *arg)
{
    struct pg_feed *f = arg;
    struct pg_row row = {0};
    kiosk_status st = KIOSK_OK;
    for (int ti = 0; ti < SYNC_TABLES && st == KIOSK_OK && !f->stop; ti++) {
        const struct pg_table_state *ts = &f->rp.t[ti];
        st = sync_tables[ti].ncols > 64 ? KIOSK_E_INVALID : KIOSK_OK;
        if (st == KIOSK_OK)
            st = pg_rows_read(&f->rp, ti, ts->pull_mark, ts->cut, &row, take_row, f);
        if (!flush(f, PG_CHUNK_END, ti, st))
            st = KIOSK_E_IO;
    }
    pg_row_free(&row);
    pg_chunk_free(f->filling);
    f->filling = NULL;
    pthread_mutex_lock(&f->mu);
    f->done = 1;
    pthread_cond_broadcast(&f->changed);
    pthread_mutex_unlock(&f->mu);
    return NULL;
}

kiosk_status pg_feed_start(struct pg_sync *p, struct pg_feed **out)
{
    struct pg_feed *f = calloc(1, sizeof *f);
    *out = f;
    if (!f)
        return KIOSK_E_NOMEM;
    f->rp = *p;
    f->rp.err = f->err;
    f->rp.errlen = sizeof f->err;
    f->rp.stop = &f->stop;
    f->rp.s = NULL; /* the kiosk's database is the applier's alone */
    f->rp.c = NULL;
    pthread_mutex_init(&f->mu, NULL);
    pthread_cond_init(&f->changed, NULL);
    if (pthread_create(&f->thread, NULL, reader, f) != 0)
        return KIOSK_E_NOMEM;
    f->started = 1;
    return KIOSK_OK;
}

struct pg_chunk *pg_feed_next(struct pg_feed *f)
{
    pthread_mutex_lock(&f->mu);
    while (!f->head && !f->done)
        pthread_cond_wait(&f->changed, &f->mu);
    struct pg_chunk *c = f->head;
    if (c) {
        f->head = c->next;
        if (!f->head)
            f->tail = NULL;
        f->queued -= (int64_t)c->used;
        pthread_cond_broadcast(&f->changed);
    }
    pthread_mutex_unlock(&f->mu);
    return c;
}

int pg_chunk_row(const struct pg_chunk *c, size_t *at, struct pg_fed_row *out)
{
    struct row_head h;
    if (c->kind != PG_CHUNK_ROWS_OF || *at + sizeof h > c->used)
        return 0;
    memcpy(&h, c->buf + *at, sizeof h);
    size_t pos = *at + sizeof h;
    for (int i = 0; i < h.ncols; i++) {
        int32_t len;
        memcpy(&len, c->buf + pos, sizeof len);
        pos += sizeof len;
        out->v[i] = (struct store_value){"", 0, 1};
        if (len < 0)
            continue;
        out->v[i] = (struct store_value){(const char *)c->buf + pos, (size_t)len, 0};
        pos += (size_t)len + 1;
    }
    out->seq = h.seq;
    out->bytes = h.bytes;
    out->big = h.big;
    out->why = h.why;
    *at = pos;
    return 1;
}

void pg_feed_stop(struct pg_feed *f, char *err, size_t errlen)
{
    if (!f)
        return;
    pthread_mutex_lock(&f->mu);
    f->stop = 1;
    pthread_cond_broadcast(&f->changed);
    pthread_mutex_unlock(&f->mu);
    if (f->started)
        pthread_join(f->thread, NULL);
    while (f->head) {
        struct pg_chunk *c = f->head;
        f->head = c->next;
        pg_chunk_free(c);
    }
    if (f->err[0] && err && !err[0])
        kiosk_strlcpy(err, f->err, errlen);
    pthread_mutex_destroy(&f->mu);
    pthread_cond_destroy(&f->changed);
    free(f);
}
