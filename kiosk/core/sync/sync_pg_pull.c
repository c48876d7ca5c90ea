/* Pull: the rows other kiosks sent, past this kiosk's srv_seq mark per table, read inside the
 * server transaction and written locally in one transaction once the server committed,
 * together with the marks and the shadow, so a crash between the two only repeats work. */
#include "sync_pg.h"
#include "sync_trust.h"

#include "store/trust_rows.h"
#include "trust/trust.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

kiosk_status pg_pull_read(struct pg_sync *p)
{
    for (int ti = 0; ti < SYNC_TABLES; ti++) {
        const struct sync_table *t = &sync_tables[ti];
        struct pg_table_state *ts = &p->t[ti];
        char mk[160], sql[4096], cols[2048], mark[24];
        pg_mark_key(p->server_id, ti, "pull", mk, sizeof mk);
        ts->pull_mark = store_meta_get_i64(p->s, mk, 0);
        kiosk_fmt(mark, sizeof mark, "%lld", (long long)ts->pull_mark);
        sync_cols(t, NULL, 0, cols, sizeof cols);
        kiosk_fmt(sql, sizeof sql,
                  "SELECT %s, srv_seq FROM %s WHERE srv_seq > $1::bigint ORDER BY srv_seq", cols,
                  t->name);
        ts->pulled = pg_query(p, sql, 1, (const char *const[]){mark});
        if (!ts->pulled)
            return KIOSK_E_IO;
    }
    return KIOSK_OK;
}

static int col_index(const struct sync_table *t, const char *name)
{
    for (int i = 0; i < t->ncols; i++) {
        if (strcmp(t->cols[i].name, name) == 0)
            return i;
    }
    return -1;
}

/* One pulled row as values (blobs unescaped: free them with free_values). */
static kiosk_status row_values(const struct sync_table *t, PGresult *r, int row,
                               struct store_value *v)
{
    for (int c = 0; c < t->ncols; c++) {
        v[c] = (struct store_value){NULL, 0, 1};
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

/* Writes row of r (cols..., srv_seq) and notes it in the shadow; *min_held gets the lowest
 * srv_seq of a row whose parent is missing here. */
static kiosk_status apply_row(struct pg_sync *p, int ti, store_sync_applier *a, PGresult *r,
                              int row, int64_t *min_held)
{
    const struct sync_table *t = &sync_tables[ti];
    struct store_value v[64] = {{0}};
    enum store_pulled what = STORE_PULLED_NEW;
    if (t->ncols > 64)
        return KIOSK_E_INVALID;
    kiosk_status st = row_values(t, r, row, v);
    /* Checked as a stick's rows are (docs/TRUST.md): refused rows are set aside and the pull
     * mark passes them, so they never block the rows after them. */
    const char *why = st == KIOSK_OK && p->check ? trust_check_row(p->check, ti, t, v) : NULL;
    if (why) {
        char kiosk[KIOSK_ID_LEN] = "";
        int kc = col_index(t, "kiosk_id");
        if (kc >= 0 && !v[kc].null && v[kc].len < sizeof kiosk)
            memcpy(kiosk, v[kc].p, v[kc].len), kiosk[v[kc].len] = '\0';
        st = store_quarantine_add(p->s, "main", t->name, PQgetvalue(r, row, col_index(t, t->key)),
                                  kiosk, why, "server");
        what = STORE_PULLED_REFUSED;
    } else if (st == KIOSK_OK) {
        st = store_sync_apply(a, v, &what, p->err, p->errlen);
    }
    free_values(t, v);
    if (st != KIOSK_OK)
        return st;
    if (what == STORE_PULLED_REFUSED)
        p->c->refused[ti]++;
    else if (what == STORE_PULLED_NEW)
        p->c->received[ti]++;
    else if (what == STORE_PULLED_ELSEWHERE)
        p->c->already[ti]++; /* the same fact is here under another id */
    else if (what == STORE_PULLED_HELD) {
        p->c->held[ti]++;
        int64_t seq = strtoll(PQgetvalue(r, row, t->ncols), NULL, 10);
        if (seq < *min_held)
            *min_held = seq;
    }
    int ua = t->versioned ? col_index(t, "updated_at") : -1;
    int ub = t->versioned ? col_index(t, "updated_by") : -1;
    return store_sync_shadow_put(a, p->server_id, PQgetvalue(r, row, col_index(t, t->key)),
                                 ua >= 0 ? strtoll(PQgetvalue(r, row, ua), NULL, 10) : 0,
                                 ub >= 0 ? PQgetvalue(r, row, ub) : NULL, p->err, p->errlen);
}

static kiosk_status apply_rows(struct pg_sync *p, int ti, store_sync_applier *a, PGresult *r,
                               int64_t *min_held)
{
    int rows = r ? PQntuples(r) : 0;
    kiosk_status st = KIOSK_OK;
    for (int row = 0; row < rows && st == KIOSK_OK; row++)
        st = apply_row(p, ti, a, r, row, min_held);
    return st;
}

static kiosk_status apply_table(struct pg_sync *p, int ti)
{
    const struct sync_table *t = &sync_tables[ti];
    struct pg_table_state *ts = &p->t[ti];
    int64_t before = 0, after = 0, min_held = INT64_MAX;
    if (t->track == SYNC_MARK && store_sync_max_rowid(p->s, t, &before) != KIOSK_OK)
        return KIOSK_E_IO;
    store_sync_applier *a = NULL;
    kiosk_status st = store_sync_applier_open(p->s, t, &a, p->err, p->errlen);
    /* What this kiosk sent is on the server now (or lost there to a newer version, which
     * comes back in ts->newer and is noted after it). */
    for (size_t i = 0; st == KIOSK_OK && i < ts->npushed; i++)
        st = store_sync_shadow_put(a, p->server_id, ts->pushed[i].id, ts->pushed[i].updated_at,
                                   ts->pushed[i].updated_by, p->err, p->errlen);
    if (st == KIOSK_OK)
        st = apply_rows(p, ti, a, ts->pulled, &min_held);
    if (st == KIOSK_OK)
        st = apply_rows(p, ti, a, ts->newer, &min_held);
    store_sync_applier_close(a);
    if (st != KIOSK_OK)
        return st;

    char mk[160];
    /* A row held back (its parent is missing here) is pulled again next time. */
    int64_t pull = ts->pull_mark_after;
    if (min_held != INT64_MAX && min_held - 1 < pull)
        pull = min_held - 1;
    if (pull < ts->pull_mark)
        pull = ts->pull_mark;
    pg_mark_key(p->server_id, ti, "pull", mk, sizeof mk);
    st = store_meta_set_i64(p->s, mk, pull);
    if (st == KIOSK_OK && t->track == SYNC_MARK) {
        /* Rows pulled just now are on the server: the mark may pass them, unless the screen
         * wrote rows after the push read the table (those are not on the server yet). */
        if (store_sync_max_rowid(p->s, t, &after) != KIOSK_OK)
            return KIOSK_E_IO;
        int64_t push = before == ts->push_max ? after : ts->push_max;
        pg_mark_key(p->server_id, ti, "push", mk, sizeof mk);
        st = store_meta_set_i64(p->s, mk, push);
    }
    return st;
}

/* The checker for pulled rows: this kiosk's program, with the certificates, revocations and
 * seals it holds and those the server sent. */
static kiosk_status open_check(struct pg_sync *p)
{
    char program[65];
    trust_program_of(p->s, program);
    kiosk_status st = sync_trust_check_open(p->s, program, NULL, &p->check);
    static const int fed[] = {SYNC_ENROLMENTS, SYNC_REVOCATIONS, SYNC_SEALS};
    for (size_t i = 0; st == KIOSK_OK && program[0] && i < KIOSK_ARRAY_LEN(fed); i++) {
        const struct sync_table *t = &sync_tables[fed[i]];
        PGresult *r = p->t[fed[i]].pulled;
        for (int row = 0; st == KIOSK_OK && r && row < PQntuples(r); row++) {
            struct store_value v[16];
            st = row_values(t, r, row, v);
            if (st == KIOSK_OK)
                trust_check_feed(p->check, fed[i], v);
            free_values(t, v);
        }
    }
    if (st == KIOSK_OK)
        st = trust_check_finish(p->check);
    if (st != KIOSK_OK)
        kiosk_fmt(p->err, p->errlen, "cannot read the certificates and seals: %s",
                  kiosk_status_name(st));
    return st;
}

kiosk_status pg_apply_local(struct pg_sync *p)
{
    char err[256];
    /* A big pull inserts random ids into several indexes in one transaction: with SQLite's
     * small default cache the pages spill to the WAL over and over. A larger cache for this
     * transaction only (memory is given back when it is set back). */
    int64_t cache = store_sync_cache_size(p->s);
    int big = 0;
    for (int ti = 0; ti < SYNC_TABLES; ti++)
        big += p->t[ti].pulled ? PQntuples(p->t[ti].pulled) : 0;
    if (big > 5000)
        store_sync_set_cache_size(p->s, -65536);
    kiosk_status st = store_sync_tx(p->s, "BEGIN IMMEDIATE", err, sizeof err);
    if (st != KIOSK_OK) {
        kiosk_fmt(p->err, p->errlen, "cannot write to this kiosk's database: %s", err);
        store_sync_set_cache_size(p->s, cache);
        return st;
    }
    if (st == KIOSK_OK)
        st = open_check(p);
    for (int ti = 0; ti < SYNC_TABLES && st == KIOSK_OK; ti++) {
        sync_test_pause();
        st = apply_table(p, ti);
    }
    trust_check_free(p->check);
    p->check = NULL;
    if (st == KIOSK_OK) {
        char hkey[64];
        kiosk_fmt(hkey, sizeof hkey, "sync.target.%s", p->target_hash);
        st = store_meta_set(p->s, hkey, p->server_id);
    }
    if (st == KIOSK_OK)
        st = store_sync_tx(p->s, "COMMIT", err, sizeof err);
    if (st != KIOSK_OK) {
        store_sync_rollback(p->s);
        if (!p->err[0])
            kiosk_fmt(p->err, p->errlen, "cannot write to this kiosk's database: %s", err);
    }
    store_sync_set_cache_size(p->s, cache);
    return st;
}
