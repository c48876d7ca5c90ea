/* Pull: the rows other kiosks sent, past this kiosk's srv_seq mark per table, read inside the
 * server transaction and written locally in one transaction once the server committed,
 * together with the marks and the shadow, so a crash between the two only repeats work. */
#include "sync_pg.h"

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
        ts->pull_mark = sync_meta_get_i64(p->db, mk, 0);
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

struct applier {
    sqlite3_stmt *ins;    /* insert (or upsert by version) one row */
    sqlite3_stmt *exists; /* is this id here? */
    sqlite3_stmt *dedup;  /* registrations: drop a later one for the same person and event */
    sqlite3_stmt *shadow;
};

static void applier_free(struct applier *a)
{
    sqlite3_finalize(a->ins);
    sqlite3_finalize(a->exists);
    sqlite3_finalize(a->dedup);
    sqlite3_finalize(a->shadow);
}

static kiosk_status prepare(struct pg_sync *p, const char *sql, sqlite3_stmt **out)
{
    if (sqlite3_prepare_v2(p->db, sql, -1, out, NULL) == SQLITE_OK)
        return KIOSK_OK;
    kiosk_fmt(p->err, p->errlen, "cannot write the pulled rows: %s", sqlite3_errmsg(p->db));
    return KIOSK_E_IO;
}

static kiosk_status applier_init(struct pg_sync *p, int ti, struct applier *a)
{
    const struct sync_table *t = &sync_tables[ti];
    char sql[8192], cols[2048], params[512];
    sync_cols(t, NULL, 0, cols, sizeof cols);
    size_t n = 0;
    params[0] = '\0';
    for (int i = 0; i < t->ncols; i++) {
        kiosk_fmt(params + n, sizeof params - n, "%s?%d", i ? ", " : "", i + 1);
        n += strlen(params + n);
    }
    if (t->versioned) {
        char set[2048] = "";
        size_t m = 0;
        for (int i = 0; i < t->ncols; i++) {
            if (strcmp(t->cols[i].name, t->key) == 0)
                continue;
            kiosk_fmt(set + m, sizeof set - m, "%s%s = excluded.%s", m ? ", " : "", t->cols[i].name,
                      t->cols[i].name);
            m += strlen(set + m);
        }
        const char *guard = ti == SYNC_EVENTS ? " AND NOT EXISTS (SELECT 1 FROM main.events AS o "
                                                "WHERE o.code = excluded.code AND o.id <> "
                                                "excluded.id)"
                                              : "";
        kiosk_fmt(sql, sizeof sql,
                  "INSERT OR IGNORE INTO main.%s (%s) VALUES (%s) ON CONFLICT(%s) DO UPDATE SET "
                  "%s WHERE (excluded.updated_at, excluded.updated_by) > (%s.updated_at, "
                  "%s.updated_by)%s",
                  t->name, cols, params, t->key, set, t->name, t->name, guard);
    } else {
        kiosk_fmt(sql, sizeof sql,
                  /* sql-ident: */ "INSERT OR IGNORE INTO main.%s (%s) VALUES (%s)", t->name, cols,
                  params);
    }
    kiosk_status st = prepare(p, sql, &a->ins);
    if (st == KIOSK_OK) {
        kiosk_fmt(sql, sizeof sql, /* sql-ident: */ "SELECT 1 FROM main.%s WHERE %s = ?1", t->name,
                  t->key);
        st = prepare(p, sql, &a->exists);
    }
    if (st == KIOSK_OK && ti == SYNC_REGISTRATIONS)
        st = prepare(p,
                     "DELETE FROM main.registrations WHERE event_id = ?1 AND person_id = ?2 AND "
                     "id <> ?3 AND (created_at, id) > (?4, ?3) AND EXISTS (SELECT 1 FROM "
                     "main.events WHERE id = ?1) AND EXISTS (SELECT 1 FROM main.people WHERE id "
                     "= ?2)",
                     &a->dedup);
    if (st == KIOSK_OK && t->track == SYNC_SHADOW)
        st = prepare(p,
                     "INSERT INTO main.sync_shadow(server_id, tbl, id, updated_at, updated_by) "
                     "VALUES(?1, ?2, ?3, ?4, ?5) ON CONFLICT(server_id, tbl, id) DO UPDATE SET "
                     "updated_at = excluded.updated_at, updated_by = excluded.updated_by",
                     &a->shadow);
    return st;
}

static int col_index(const struct sync_table *t, const char *name)
{
    for (int i = 0; i < t->ncols; i++) {
        if (strcmp(t->cols[i].name, name) == 0)
            return i;
    }
    return -1;
}

static kiosk_status shadow_put(struct pg_sync *p, struct applier *a, int ti, const char *id,
                               int versioned, int64_t ua, const char *ub)
{
    sqlite3_reset(a->shadow);
    sqlite3_bind_text(a->shadow, 1, p->server_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(a->shadow, 2, sync_tables[ti].name, -1, SQLITE_STATIC);
    sqlite3_bind_text(a->shadow, 3, id, -1, SQLITE_STATIC);
    if (versioned) {
        sqlite3_bind_int64(a->shadow, 4, ua);
        sqlite3_bind_text(a->shadow, 5, ub, -1, SQLITE_STATIC);
    } else {
        sqlite3_bind_null(a->shadow, 4);
        sqlite3_bind_null(a->shadow, 5);
    }
    if (sqlite3_step(a->shadow) != SQLITE_DONE) {
        kiosk_fmt(p->err, p->errlen, "cannot note what the server holds: %s",
                  sqlite3_errmsg(p->db));
        return KIOSK_E_IO;
    }
    return KIOSK_OK;
}

static kiosk_status bind_row(struct pg_sync *p, const struct sync_table *t, PGresult *r, int row,
                             sqlite3_stmt *ins)
{
    sqlite3_reset(ins);
    sqlite3_clear_bindings(ins);
    for (int c = 0; c < t->ncols; c++) {
        if (PQgetisnull(r, row, c))
            continue; /* stays NULL */
        const char *v = PQgetvalue(r, row, c);
        if (t->cols[c].type == SYNC_INT) {
            sqlite3_bind_int64(ins, c + 1, strtoll(v, NULL, 10));
        } else if (t->cols[c].type == SYNC_BLOB_NULL) {
            size_t len = 0;
            unsigned char *blob = PQunescapeBytea((const unsigned char *)v, &len);
            if (!blob)
                return KIOSK_E_NOMEM;
            sqlite3_bind_blob(ins, c + 1, blob, (int)len, SQLITE_TRANSIENT);
            PQfreemem(blob);
        } else {
            sqlite3_bind_text(ins, c + 1, v, PQgetlength(r, row, c), SQLITE_STATIC);
        }
    }
    (void)p;
    return KIOSK_OK;
}

/* Writes the rows of r (cols..., srv_seq) into the table; *min_held gets the lowest srv_seq of
 * a row whose parent is missing here. */
static kiosk_status apply_rows(struct pg_sync *p, int ti, struct applier *a, PGresult *r,
                               int64_t *min_held)
{
    const struct sync_table *t = &sync_tables[ti];
    int ki = col_index(t, t->key);
    int ua = t->versioned ? col_index(t, "updated_at") : -1;
    int ub = t->versioned ? col_index(t, "updated_by") : -1;
    int rows = r ? PQntuples(r) : 0;
    for (int row = 0; row < rows; row++) {
        const char *id = PQgetvalue(r, row, ki);
        if (a->dedup) {
            sqlite3_reset(a->dedup);
            sqlite3_bind_text(a->dedup, 1, PQgetvalue(r, row, col_index(t, "event_id")), -1,
                              SQLITE_STATIC);
            sqlite3_bind_text(a->dedup, 2, PQgetvalue(r, row, col_index(t, "person_id")), -1,
                              SQLITE_STATIC);
            sqlite3_bind_text(a->dedup, 3, id, -1, SQLITE_STATIC);
            sqlite3_bind_int64(a->dedup, 4,
                               strtoll(PQgetvalue(r, row, col_index(t, "created_at")), NULL, 10));
            if (sqlite3_step(a->dedup) != SQLITE_DONE)
                return KIOSK_E_IO;
        }
        kiosk_status st = bind_row(p, t, r, row, a->ins);
        if (st != KIOSK_OK)
            return st;
        int rc = sqlite3_step(a->ins);
        if (rc == SQLITE_DONE) {
            int changed = sqlite3_changes(p->db);
            p->c->received[ti] += changed;
            if (!changed) { /* absent by id yet not taken: a clash on another unique key */
                sqlite3_reset(a->exists);
                sqlite3_bind_text(a->exists, 1, id, -1, SQLITE_STATIC);
                if (sqlite3_step(a->exists) != SQLITE_ROW)
                    p->c->already[ti]++; /* the same fact is here under another id */
            }
        } else if (rc == SQLITE_CONSTRAINT_FOREIGNKEY) {
            p->c->held[ti]++;
            int64_t seq = strtoll(PQgetvalue(r, row, t->ncols), NULL, 10);
            if (seq < *min_held)
                *min_held = seq;
        } else {
            kiosk_fmt(p->err, p->errlen, "cannot write a pulled row of '%s': %s", t->name,
                      sqlite3_errmsg(p->db));
            return KIOSK_E_IO;
        }
        if (a->shadow) {
            st = shadow_put(p, a, ti, id, t->versioned,
                            ua >= 0 ? strtoll(PQgetvalue(r, row, ua), NULL, 10) : 0,
                            ub >= 0 ? PQgetvalue(r, row, ub) : NULL);
            if (st != KIOSK_OK)
                return st;
        }
    }
    return KIOSK_OK;
}

static kiosk_status apply_table(struct pg_sync *p, int ti)
{
    const struct sync_table *t = &sync_tables[ti];
    struct pg_table_state *ts = &p->t[ti];
    char sql[256];
    int64_t before = 0, after = 0, min_held = INT64_MAX;
    kiosk_fmt(sql, sizeof sql, /* sql-ident: */ "SELECT coalesce(max(rowid), 0) FROM main.%s",
              t->name);
    if (t->track == SYNC_MARK && sync_query_i64(p->db, sql, NULL, &before) != KIOSK_OK)
        return KIOSK_E_IO;
    struct applier a = {0};
    kiosk_status st = applier_init(p, ti, &a);
    /* What this kiosk sent is on the server now (or lost there to a newer version, which
     * comes back in ts->newer and is noted after it). */
    for (size_t i = 0; st == KIOSK_OK && a.shadow && i < ts->npushed; i++)
        st = shadow_put(p, &a, ti, ts->pushed[i].id, t->versioned, ts->pushed[i].updated_at,
                        ts->pushed[i].updated_by);
    if (st == KIOSK_OK)
        st = apply_rows(p, ti, &a, ts->pulled, &min_held);
    if (st == KIOSK_OK)
        st = apply_rows(p, ti, &a, ts->newer, &min_held);
    applier_free(&a);
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
    st = sync_meta_set_i64(p->db, mk, pull);
    if (st == KIOSK_OK && t->track == SYNC_MARK) {
        /* Rows pulled just now are on the server: the mark may pass them, unless the screen
         * wrote rows after the push read the table (those are not on the server yet). */
        if (sync_query_i64(p->db, sql, NULL, &after) != KIOSK_OK)
            return KIOSK_E_IO;
        int64_t push = before == ts->push_max ? after : ts->push_max;
        pg_mark_key(p->server_id, ti, "push", mk, sizeof mk);
        st = sync_meta_set_i64(p->db, mk, push);
    }
    return st;
}

static void restore_cache(sqlite3 *db, int64_t pages)
{
    char sql[64];
    kiosk_fmt(sql, sizeof sql, "PRAGMA main.cache_size = %lld", (long long)pages); /* sql-ident: */
    sqlite3_exec(db, sql, NULL, NULL, NULL);
}

kiosk_status pg_apply_local(struct pg_sync *p)
{
    char err[256];
    /* A big pull inserts random ids into several indexes in one transaction: with SQLite's
     * small default cache the pages spill to the WAL over and over. A larger cache for this
     * transaction only (memory is given back when it is set back). */
    int64_t cache = -2000;
    sync_query_i64(p->db, "PRAGMA main.cache_size", NULL, &cache);
    int big = 0;
    for (int ti = 0; ti < SYNC_TABLES; ti++)
        big += p->t[ti].pulled ? PQntuples(p->t[ti].pulled) : 0;
    if (big > 5000)
        sqlite3_exec(p->db, "PRAGMA main.cache_size = -65536", NULL, NULL, NULL);
    kiosk_status st = sync_exec(p->db, "BEGIN IMMEDIATE", err, sizeof err);
    if (st != KIOSK_OK) {
        kiosk_fmt(p->err, p->errlen, "cannot write to this kiosk's database: %s", err);
        restore_cache(p->db, cache);
        return st;
    }
    for (int ti = 0; ti < SYNC_TABLES && st == KIOSK_OK; ti++) {
        sync_test_pause();
        st = apply_table(p, ti);
    }
    if (st == KIOSK_OK) {
        char hkey[64];
        kiosk_fmt(hkey, sizeof hkey, "sync.target.%s", p->target_hash);
        st = sync_meta_set(p->db, hkey, p->server_id);
    }
    if (st == KIOSK_OK)
        st = sync_exec(p->db, "COMMIT", err, sizeof err);
    if (st != KIOSK_OK) {
        if (!sqlite3_get_autocommit(p->db))
            sqlite3_exec(p->db, "ROLLBACK", NULL, NULL, NULL);
        if (!p->err[0])
            kiosk_fmt(p->err, p->errlen, "cannot write to this kiosk's database: %s", err);
    }
    restore_cache(p->db, cache);
    return st;
}
