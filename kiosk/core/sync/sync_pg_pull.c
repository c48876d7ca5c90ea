/* Pull: the rows other kiosks sent, past this kiosk's srv_seq mark per table (sync_pg.h).
 * Read after the server committed this sync's push, in batches of bounded rows and bytes;
 * each batch is written in one local transaction together with its table's mark and the
 * shadow, so a pull that fails or is cut keeps whole batches and resumes after the last. */
#include "sync_pg_feed.h"
#include "sync_trust.h"

#include "store/trust_rows.h"
#include "trust/trust.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int col_index(const struct sync_table *t, const char *name)
{
    for (int i = 0; i < t->ncols; i++) {
        if (strcmp(t->cols[i].name, name) == 0)
            return i;
    }
    return -1;
}

kiosk_status pg_pull_cut(struct pg_sync *p)
{
    char sql[4096];
    kiosk_strlcpy(sql, "SELECT ", sizeof sql);
    size_t n = strlen(sql);
    for (int ti = 0; ti < SYNC_TABLES && n < sizeof sql; ti++) {
        kiosk_fmt(sql + n, sizeof sql - n,
                  /* sql-ident: */ "%s(SELECT coalesce(max(srv_seq), 0) FROM %s)", ti ? ", " : "",
                  sync_tables[ti].name);
        n += strlen(sql + n);
    }
    PGresult *r = pg_query(p, sql, 0, NULL);
    if (!r)
        return KIOSK_E_IO;
    for (int ti = 0; ti < SYNC_TABLES; ti++) {
        struct pg_table_state *ts = &p->t[ti];
        char mk[160];
        pg_mark_key(p->server_id, ti, "pull", mk, sizeof mk);
        ts->pull_mark = store_meta_get_i64(p->s, mk, 0);
        ts->cut = strtoll(PQgetvalue(r, 0, ti), NULL, 10);
        ts->min_held = INT64_MAX;
        ts->key_col = col_index(&sync_tables[ti], sync_tables[ti].key);
        ts->kiosk_col = col_index(&sync_tables[ti], "kiosk_id");
        ts->ua_col = col_index(&sync_tables[ti], "updated_at");
        ts->ub_col = col_index(&sync_tables[ti], "updated_by");
    }
    PQclear(r);
    return KIOSK_OK;
}

/* Counts one written row; a row held back (its parent missing here) is pulled again. */
static void count_row(struct pg_sync *p, int ti, enum store_pulled what, int64_t seq)
{
    struct pg_table_state *ts = &p->t[ti];
    if (what == STORE_PULLED_REFUSED)
        p->c->refused[ti]++;
    else if (what == STORE_PULLED_NEW)
        p->c->received[ti]++;
    else if (what == STORE_PULLED_ELSEWHERE)
        p->c->already[ti]++; /* the same fact is here under another id */
    else if (what == STORE_PULLED_HELD) {
        p->c->held[ti]++;
        if (seq < ts->min_held)
            ts->min_held = seq;
    }
}

static void value_text(const struct store_value *v, char *out, size_t cap)
{
    size_t n = v->null ? 0 : v->len < cap - 1 ? v->len : cap - 1;
    memcpy(out, v->p, n);
    out[n] = '\0';
}

/* Writes one pulled row (v: the table's columns; why: its verdict) and notes it in the
 * shadow. */
static kiosk_status apply_row(struct pg_sync *p, int ti, store_sync_applier *a,
                              const struct store_value *v, int64_t seq, const char *why)
{
    const struct sync_table *t = &sync_tables[ti];
    const struct pg_table_state *ts = &p->t[ti];
    enum store_pulled what = STORE_PULLED_NEW;
    char id[128], kiosk[KIOSK_ID_LEN], by[KIOSK_ID_LEN];
    int kc = ts->kiosk_col, ua = ts->ua_col;
    value_text(&v[ts->key_col], id, sizeof id);
    kiosk_status st;
    if (why) {
        value_text(kc >= 0 ? &v[kc] : &(struct store_value){"", 0, 1}, kiosk, sizeof kiosk);
        st = store_quarantine_add(p->s, "main", t->name, id, kiosk, why, "server");
        what = STORE_PULLED_REFUSED;
    } else {
        st = store_sync_apply(a, v, &what, p->err, p->errlen);
    }
    if (st != KIOSK_OK)
        return st;
    count_row(p, ti, what, seq);
    if (!t->versioned)
        return store_sync_shadow_put(a, p->server_id, id, 0, NULL, p->err, p->errlen);
    value_text(&v[ts->ub_col], by, sizeof by);
    return store_sync_shadow_put(a, p->server_id, id, strtoll(v[ua].p, NULL, 10), by, p->err,
                                 p->errlen);
}

static kiosk_status feed_row(struct pg_sync *p, const struct pg_row *r, void *ctx)
{
    (void)ctx;
    if (r && !r->big)
        trust_check_feed(p->check, r->ti, r->v);
    return KIOSK_OK;
}

/* The checker for pulled rows: this kiosk's program, with the certificates, revocations and
 * seals it holds and those the server holds past its marks (read once more, before any row
 * is written, so every row can be checked against every seal). */
static kiosk_status open_check(struct pg_sync *p, struct pg_row *row)
{
    char program[65];
    trust_program_of(p->s, program);
    kiosk_status st = sync_trust_check_open(p->s, program, NULL, &p->check);
    static const int fed[] = {SYNC_ENROLMENTS, SYNC_REVOCATIONS, SYNC_SEALS};
    for (size_t i = 0; st == KIOSK_OK && program[0] && i < KIOSK_ARRAY_LEN(fed); i++) {
        const struct pg_table_state *ts = &p->t[fed[i]];
        st = pg_rows_read(p, fed[i], ts->pull_mark, ts->cut, row, feed_row, NULL);
    }
    if (st == KIOSK_OK)
        st = trust_check_finish(p->check);
    if (st != KIOSK_OK && !p->err[0])
        kiosk_fmt(p->err, p->errlen, "cannot read the certificates and seals: %s",
                  kiosk_status_name(st));
    return st;
}

/* Table ti's pull mark once rows up to seq are written: never past a row held back, never
 * back. */
static kiosk_status save_pull_mark(struct pg_sync *p, int ti, int64_t seq)
{
    struct pg_table_state *ts = &p->t[ti];
    char mk[160];
    if (ts->min_held != INT64_MAX && ts->min_held - 1 < seq)
        seq = ts->min_held - 1;
    if (seq < ts->pull_mark)
        seq = ts->pull_mark;
    pg_mark_key(p->server_id, ti, "pull", mk, sizeof mk);
    return store_meta_set_i64(p->s, mk, seq);
}

/* own_parents: the batch checks its rows' parents itself (store_sync_own_parents). */
static kiosk_status local_begin(struct pg_sync *p, int own_parents)
{
    char err[256] = "";
    kiosk_status st = own_parents ? store_sync_own_parents(p->s, 1) : KIOSK_OK;
    if (st == KIOSK_OK)
        st = store_sync_tx(p->s, "BEGIN IMMEDIATE", err, sizeof err);
    if (st != KIOSK_OK) {
        store_sync_own_parents(p->s, 0);
        kiosk_fmt(p->err, p->errlen, "cannot write to this kiosk's database: %s", err);
    }
    return st;
}

static kiosk_status local_end(struct pg_sync *p, kiosk_status st)
{
    char err[256] = "";
    if (st == KIOSK_OK)
        st = store_sync_tx(p->s, "COMMIT", err, sizeof err);
    if (st != KIOSK_OK) {
        store_sync_rollback(p->s);
        if (!p->err[0])
            kiosk_fmt(p->err, p->errlen, "cannot write to this kiosk's database: %s", err);
    }
    if (store_sync_own_parents(p->s, 0) != KIOSK_OK && st == KIOSK_OK)
        st = KIOSK_E_IO;
    return st;
}

/* Rows written right after the rowids known to be on the server are on the server too (they
 * came from it): the push mark may pass them, unless the screen wrote rows in between. */
static kiosk_status rows_written(struct pg_sync *p, int ti, int64_t before)
{
    int64_t after = 0;
    if (sync_tables[ti].track != SYNC_MARK)
        return KIOSK_OK;
    if (store_sync_max_rowid(p->s, &sync_tables[ti], &after) != KIOSK_OK)
        return KIOSK_E_IO;
    if (before == p->t[ti].covered)
        p->t[ti].covered = after;
    return KIOSK_OK;
}

/* A local batch: one transaction of at most PG_BATCH_ROWS rows and PG_BATCH_BYTES bytes of
 * one table, with the table's pull mark; committed early when the server's next row is late. */
struct batch {
    int ti, open;
    long rows;
    int64_t bytes, before, last;
    store_sync_applier *a;
    char *bulk; /* a bulk batch (store_sync_bulk_begin): the indexes to make before it commits */
    int64_t commit_us; /* time spent committing (the pull's log line) */
    int commits;
};

static int64_t now_us(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000000 + t.tv_nsec / 1000;
}

/* A batch into an empty table with at least PG_BULK_MIN_ROWS to come (a new kiosk's first
 * pull) is a bulk batch: the table's read-only indexes are dropped and built again, sorted,
 * before the one commit of up to PG_BULK_ROWS rows (or PG_BULK_BYTES), so a pull stopped
 * there leaves the table as it was and the next one starts it again. */
static kiosk_status bulk_begin(struct pg_sync *p, struct batch *b)
{
    const struct pg_table_state *ts = &p->t[b->ti];
    if (ts->cut - ts->pull_mark < PG_BULK_MIN_ROWS)
        return KIOSK_OK;
    kiosk_status st = store_sync_bulk_begin(p->s, &sync_tables[b->ti], &b->bulk, p->err, p->errlen);
    if (st == KIOSK_OK && b->bulk) {
        kiosk_log(KIOSK_LOG_INFO,
                  "pulling '%s' into an empty table: one transaction, its indexes "
                  "built after the rows",
                  sync_tables[b->ti].name);
        sync_test_pause(); /* tests stop a pull inside a bulk batch */
    }
    return st;
}

static int batch_full(const struct batch *b)
{
    if (b->bulk)
        return b->rows >= PG_BULK_ROWS || b->bytes >= PG_BULK_BYTES;
    return b->rows >= PG_BATCH_ROWS || b->bytes >= PG_BATCH_BYTES;
}

static kiosk_status batch_begin(struct pg_sync *p, struct batch *b)
{
    const struct sync_table *t = &sync_tables[b->ti];
    kiosk_status st = local_begin(p, 1);
    if (st != KIOSK_OK)
        return st;
    b->open = 1;
    b->rows = 0;
    b->bytes = 0;
    if (t->track == SYNC_MARK && store_sync_max_rowid(p->s, t, &b->before) != KIOSK_OK)
        st = KIOSK_E_IO;
    if (st == KIOSK_OK)
        st = bulk_begin(p, b);
    if (st == KIOSK_OK)
        st = store_sync_applier_open(p->s, t, &b->a, p->err, p->errlen);
    if (st == KIOSK_OK)
        st = store_sync_applier_parents(b->a, sync_tables, p->err, p->errlen);
    return st;
}

/* Commits the open batch with its mark (st KIOSK_OK), else rolls it back. */
static kiosk_status batch_end(struct pg_sync *p, struct batch *b, kiosk_status st)
{
    if (!b->open)
        return st;
    int64_t t0 = now_us();
    store_sync_applier_close(b->a);
    b->a = NULL;
    b->open = 0;
    if (st == KIOSK_OK)
        st = store_sync_bulk_end(p->s, b->bulk, p->err, p->errlen);
    free(b->bulk);
    b->bulk = NULL;
    if (st == KIOSK_OK)
        st = rows_written(p, b->ti, b->before);
    if (st == KIOSK_OK)
        st = save_pull_mark(p, b->ti, b->last);
    st = local_end(p, st);
    b->commit_us += now_us() - t0;
    b->commits++;
    if (st == KIOSK_OK)
        sync_test_pause(); /* tests stop a pull between batches */
    return st;
}

/* One row into the open batch (r NULL: the server's next row is late, commit now). */
static kiosk_status batch_row(struct pg_sync *p, struct batch *b, const struct pg_fed_row *r)
{
    if (!r)
        return batch_end(p, b, KIOSK_OK);
    kiosk_status st = b->open ? KIOSK_OK : batch_begin(p, b);
    if (st == KIOSK_OK)
        st = apply_row(p, b->ti, b->a, r->v, r->seq, r->why);
    if (st != KIOSK_OK)
        return batch_end(p, b, st);
    b->last = r->seq;
    b->rows++;
    b->bytes += r->big ? 0 : r->bytes;
    if (batch_full(b))
        return batch_end(p, b, KIOSK_OK);
    return KIOSK_OK;
}

/* One chunk from the reader: rows into table c->ti's batch, a late server's word to commit,
 * or the end of the table (its batch committed, or rolled back if its read failed). */
static kiosk_status take_chunk(struct pg_sync *p, struct batch *b, const struct pg_chunk *c)
{
    if (c->kind == PG_CHUNK_LATE)
        return batch_row(p, b, NULL);
    if (c->kind == PG_CHUNK_END) {
        if (c->st != KIOSK_OK && c->used && !p->err[0]) /* the server's word, not the rollback's */
            kiosk_strlcpy(p->err, (const char *)c->buf, p->errlen);
        kiosk_status st = batch_end(p, b, c->st);
        sync_step(); /* a table pulled (the sync's bar); tests stop a pull between tables */
        return st;
    }
    b->ti = c->ti;
    struct pg_fed_row r;
    size_t at = 0;
    kiosk_status st = KIOSK_OK;
    while (st == KIOSK_OK && pg_chunk_row(c, &at, &r))
        st = batch_row(p, b, &r);
    return st;
}

/* The rows of every table past its mark: read, parsed and checked on the reader's thread
 * (sync_pg_feed.h) while this one writes them. */
static kiosk_status pull_tables(struct pg_sync *p)
{
    struct pg_feed *f = NULL;
    struct batch b = {0};
    kiosk_status st = pg_feed_start(p, &f);
    struct pg_chunk *c;
    int64_t start = now_us(), waited = 0, t = start;
    while (st == KIOSK_OK && (c = pg_feed_next(f)) != NULL) {
        waited += now_us() - t;
        st = take_chunk(p, &b, c);
        pg_chunk_free(c);
        t = now_us();
    }
    st = batch_end(p, &b, st);
    pg_feed_stop(f, p->err, p->errlen);
    int64_t all = now_us() - start;
    kiosk_log(KIOSK_LOG_INFO,
              "pulled in %lld ms: writing %lld ms (of which committing %d batches %lld ms), "
              "waiting for the server's rows %lld ms",
              (long long)all / 1000, (long long)(all - waited) / 1000, b.commits,
              (long long)b.commit_us / 1000, (long long)waited / 1000);
    return st;
}

kiosk_status pg_pull_batches(struct pg_sync *p)
{
    struct pg_row row = {0};
    int64_t rows = 0;
    for (int ti = 0; ti < SYNC_TABLES; ti++) {
        p->t[ti].covered = p->t[ti].push_max;
        rows += p->t[ti].cut - p->t[ti].pull_mark; /* at most */
    }
    /* A big pull inserts random ids into several indexes: with SQLite's small default cache
     * the pages spill to the WAL over and over. A larger cache while it runs (given back
     * when it is set back). */
    int64_t cache = store_sync_cache_size(p->s);
    if (rows > 5000)
        store_sync_set_cache_size(p->s, -65536);
    /* Each page is read in srv_seq order from its index, so its first rows come at once
     * instead of after a sort of the whole page (which spills to the server's disk). */
    kiosk_status st = pg_command(p, "SET enable_sort = off; SET enable_bitmapscan = off", 0, NULL);
    if (st == KIOSK_OK)
        st = open_check(p, &row);
    pg_row_free(&row);
    if (st == KIOSK_OK)
        st = pull_tables(p);
    store_sync_set_cache_size(p->s, cache);
    return st;
}

/* One row of a text result (cols..., srv_seq) as values; blobs unescaped (free_values). */
static kiosk_status row_values(const struct sync_table *t, PGresult *r, int row,
                               struct store_value *v)
{
    for (int c = 0; c < t->ncols; c++) {
        v[c] = (struct store_value){"", 0, 1};
        if (PQgetisnull(r, row, c))
            continue; /* stays NULL */
        const char *s = PQgetvalue(r, row, c);
        v[c] = (struct store_value){s, (size_t)PQgetlength(r, row, c), 0};
        if (t->cols[c].type == SYNC_BLOB_NULL) {
            size_t len = 0;
            unsigned char *blob = PQunescapeBytea((const unsigned char *)s, &len);
            if (!blob)
                return KIOSK_E_NOMEM;
            v[c] = (struct store_value){(const char *)blob, len, 0};
        }
    }
    return KIOSK_OK;
}

static void free_values(const struct sync_table *t, struct store_value *v)
{
    for (int c = 0; c < t->ncols; c++)
        if (t->cols[c].type == SYNC_BLOB_NULL && !v[c].null)
            PQfreemem((void *)v[c].p);
}

/* What the push learnt about table ti: what this kiosk sent is on the server now (or lost
 * there to a newer version, which came back in ts->newer and is written after it). */
static kiosk_status finish_table(struct pg_sync *p, int ti)
{
    const struct sync_table *t = &sync_tables[ti];
    struct pg_table_state *ts = &p->t[ti];
    int64_t before = 0;
    if (t->track == SYNC_MARK && store_sync_max_rowid(p->s, t, &before) != KIOSK_OK)
        return KIOSK_E_IO;
    store_sync_applier *a = NULL;
    kiosk_status st = store_sync_applier_open(p->s, t, &a, p->err, p->errlen);
    for (size_t i = 0; st == KIOSK_OK && i < ts->npushed; i++)
        st = store_sync_shadow_put(a, p->server_id, ts->pushed[i].id, ts->pushed[i].updated_at,
                                   ts->pushed[i].updated_by, p->err, p->errlen);
    for (int row = 0; st == KIOSK_OK && ts->newer && row < PQntuples(ts->newer); row++) {
        struct store_value v[64];
        st = row_values(t, ts->newer, row, v);
        if (st == KIOSK_OK)
            st = apply_row(p, ti, a, v, strtoll(PQgetvalue(ts->newer, row, t->ncols), NULL, 10),
                           pg_row_verdict(p, ti, v, 0));
        free_values(t, v);
    }
    store_sync_applier_close(a);
    if (st == KIOSK_OK)
        st = rows_written(p, ti, before);
    /* The rows past cut are this sync's own push: the pull mark passes them. */
    if (st == KIOSK_OK)
        st = save_pull_mark(p, ti, ts->pull_mark_after);
    if (st == KIOSK_OK && t->track == SYNC_MARK) {
        char mk[160];
        pg_mark_key(p->server_id, ti, "push", mk, sizeof mk);
        st = store_meta_set_i64(p->s, mk, ts->covered);
    }
    return st;
}

kiosk_status pg_pull_finish(struct pg_sync *p)
{
    kiosk_status st = local_begin(p, 0);
    if (st != KIOSK_OK)
        return st;
    for (int ti = 0; ti < SYNC_TABLES && st == KIOSK_OK; ti++) {
        sync_step();
        st = finish_table(p, ti);
    }
    if (st == KIOSK_OK) {
        char hkey[64];
        kiosk_fmt(hkey, sizeof hkey, "sync.target.%s", p->target_hash);
        st = store_meta_set(p->s, hkey, p->server_id);
    }
    return local_end(p, st);
}
