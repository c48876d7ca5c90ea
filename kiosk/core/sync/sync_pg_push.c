/* Push: what the server lacks, table by table in foreign-key order, streamed with COPY into
 * a temporary table and merged with INSERT ... ON CONFLICT DO NOTHING (facts), or by
 * version (people, events: last writer wins by updated_at, then updated_by). */
#include "sync_pg.h"

#include "store/trust_rows.h"
#include "trust/records.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COPY_FLUSH_BYTES (256 * 1024)

struct copybuf {
    char *p;
    size_t n, cap;
    int failed;
};

static char *cb_room(struct copybuf *b, size_t more)
{
    if (b->failed)
        return NULL;
    if (b->n + more > b->cap) {
        size_t cap = b->cap ? b->cap : 64 * 1024;
        while (cap < b->n + more)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p) {
            b->failed = 1;
            return NULL;
        }
        b->p = p;
        b->cap = cap;
    }
    return b->p + b->n;
}

/* COPY text format: backslash, tab, newline and carriage return are escaped. */
static void cb_text(struct copybuf *b, const unsigned char *s, size_t len)
{
    char *o = cb_room(b, len * 2);
    if (!o)
        return;
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = s[i];
        if (ch == '\\' || ch == '\t' || ch == '\n' || ch == '\r') {
            *o++ = '\\';
            *o++ = ch == '\t' ? 't' : ch == '\n' ? 'n' : ch == '\r' ? 'r' : '\\';
        } else {
            *o++ = (char)ch;
        }
    }
    b->n = (size_t)(o - b->p);
}

static void cb_raw(struct copybuf *b, const char *s)
{
    size_t len = strlen(s);
    char *o = cb_room(b, len);
    if (!o)
        return;
    memcpy(o, s, len);
    b->n += len;
}

/* bytea as hex ("\x0a0b"), its backslash escaped for COPY. */
static void cb_bytea(struct copybuf *b, const unsigned char *s, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    char *o = cb_room(b, 3 + len * 2);
    if (!o)
        return;
    *o++ = '\\';
    *o++ = '\\';
    *o++ = 'x';
    for (size_t i = 0; i < len; i++) {
        *o++ = hex[s[i] >> 4];
        *o++ = hex[s[i] & 15];
    }
    b->n = (size_t)(o - b->p);
}

static kiosk_status cb_flush(struct pg_sync *p, struct copybuf *b)
{
    if (b->failed)
        return KIOSK_E_NOMEM;
    if (b->n && PQputCopyData(p->conn, b->p, (int)b->n) != 1) {
        kiosk_fmt(p->err, p->errlen, "sending to the server failed: %s", PQerrorMessage(p->conn));
        return KIOSK_E_UNAVAILABLE;
    }
    b->n = 0;
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

static kiosk_status remember_pushed(struct pg_table_state *ts, store_rows *q, int ki, int ua,
                                    int ub)
{
    if (ts->npushed == ts->cap) {
        size_t cap = ts->cap ? ts->cap * 2 : 256;
        struct pg_pushed *n = realloc(ts->pushed, cap * sizeof *n);
        if (!n)
            return KIOSK_E_NOMEM;
        ts->pushed = n;
        ts->cap = cap;
    }
    struct pg_pushed *r = &ts->pushed[ts->npushed++];
    store_rows_copy(q, ki, r->id, sizeof r->id);
    r->updated_at = ua >= 0 ? store_rows_i64(q, ua) : 0;
    kiosk_strlcpy(r->updated_by, ub >= 0 ? store_rows_text(q, ub, NULL) : "", sizeof r->updated_by);
    return KIOSK_OK;
}

/* The local rows the server does not hold yet, by this kiosk's bookkeeping. */
static kiosk_status select_unsent(struct pg_sync *p, int ti, store_rows **out)
{
    const struct sync_table *t = &sync_tables[ti];
    struct pg_table_state *ts = &p->t[ti];
    if (t->track == SYNC_MARK) {
        char mk[160];
        pg_mark_key(p->server_id, ti, "push", mk, sizeof mk);
        ts->push_mark = store_meta_get_i64(p->s, mk, 0);
        if (store_sync_max_rowid(p->s, t, &ts->push_max) != KIOSK_OK)
            return KIOSK_E_IO;
    }
    kiosk_status st = store_sync_unsent(p->s, t, p->server_id, ts->push_mark, ts->push_max, out);
    if (st != KIOSK_OK) {
        kiosk_fmt(p->err, p->errlen, "cannot read '%s': %s", t->name, kiosk_status_name(st));
        return KIOSK_E_IO;
    }
    return KIOSK_OK;
}

/* One row of q as a line of COPY's text format. */
static void copy_line(struct copybuf *b, const struct sync_table *t, store_rows *q)
{
    for (int c = 0; c < t->ncols; c++) {
        if (c)
            cb_raw(b, "\t");
        if (store_rows_null(q, c)) {
            cb_raw(b, "\\N");
        } else if (t->cols[c].type == SYNC_INT) {
            char num[24];
            kiosk_fmt(num, sizeof num, "%lld", (long long)store_rows_i64(q, c));
            cb_raw(b, num);
        } else if (t->cols[c].type == SYNC_BLOB_NULL) {
            size_t len = 0;
            const void *blob = store_rows_blob(q, c, &len);
            cb_bytea(b, blob, len);
        } else {
            size_t len = 0;
            const char *text = store_rows_text(q, c, &len);
            cb_text(b, (const unsigned char *)text, len);
        }
    }
    cb_raw(b, "\n");
}

/* Ends the COPY (aborted unless st is KIOSK_OK) and reads the server's verdict. */
static kiosk_status copy_end(struct pg_sync *p, const struct sync_table *t, kiosk_status st,
                             int *unique_clash)
{
    PGresult *r;
    PQputCopyEnd(p->conn, st == KIOSK_OK ? NULL : "kiosk sync stopped");
    while ((r = PQgetResult(p->conn)) != NULL) {
        if (st == KIOSK_OK && PQresultStatus(r) != PGRES_COMMAND_OK) {
            const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
            if (unique_clash && state && strcmp(state, "23505") == 0) {
                *unique_clash = 1;
            } else {
                kiosk_fmt(p->err, p->errlen, "the server refused the data of '%s': %s", t->name,
                          PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY));
            }
            st = KIOSK_E_IO;
        }
        PQclear(r);
    }
    return st;
}

/* Streams the rows of q (already stepped onto its first row) with COPY into dest (the table
 * itself, or its sync_in_ twin). *unique_clash: the server refused a row it already holds. */
/* A row PostgreSQL can take: every text valid UTF-8 without NUL (a log line with broken bytes
 * would otherwise stop every later sync). A row that is not is set aside in the quarantine. */
static int row_sendable(struct pg_sync *p, int ti, store_rows *q, int ki, kiosk_status *st)
{
    const struct sync_table *t = &sync_tables[ti];
    for (int c = 0; c < t->ncols; c++) {
        if (t->cols[c].type == SYNC_INT || t->cols[c].type == SYNC_BLOB_NULL ||
            store_rows_null(q, c))
            continue;
        size_t len = 0;
        const char *s = store_rows_text(q, c, &len);
        if (trust_text_sendable(s, len))
            continue;
        p->c->refused[ti]++;
        char kiosk[KIOSK_ID_LEN];
        store_rows_copy(q, col_index(t, "kiosk_id"), kiosk, sizeof kiosk);
        *st = store_quarantine_add(p->s, "main", t->name, store_rows_text(q, ki, NULL), kiosk,
                                   "not sent: text that is not UTF-8", "this kiosk");
        return 0;
    }
    return 1;
}

static kiosk_status copy_rows(struct pg_sync *p, int ti, store_rows *q, const char *dest,
                              int remember, long *copied, int *unique_clash)
{
    const struct sync_table *t = &sync_tables[ti];
    struct pg_table_state *ts = &p->t[ti];
    char sql[4096], cols[2048];
    sync_cols(t, NULL, 0, cols, sizeof cols);
    kiosk_fmt(sql, sizeof sql, /* sql-ident: */ "COPY %s (%s) FROM STDIN", dest, cols);
    PGresult *r = PQexec(p->conn, sql);
    if (PQresultStatus(r) != PGRES_COPY_IN) {
        PQclear(r);
        kiosk_fmt(p->err, p->errlen, "the server refused the data of '%s': %s", t->name,
                  PQerrorMessage(p->conn));
        return KIOSK_E_IO;
    }
    PQclear(r);
    int ki = col_index(t, t->key);
    int ua = t->versioned ? col_index(t, "updated_at") : -1;
    int ub = t->versioned ? col_index(t, "updated_by") : -1;
    struct copybuf b = {0};
    kiosk_status st = KIOSK_OK;
    int rc = 1;
    *copied = 0;
    for (; st == KIOSK_OK && rc == 1; rc = store_rows_next(q)) {
        if (!row_sendable(p, ti, q, ki, &st))
            continue; /* set aside here: the server cannot hold it, later rows still go */
        copy_line(&b, t, q);
        (*copied)++;
        if (remember)
            st = remember_pushed(ts, q, ki, ua, ub);
        if (st == KIOSK_OK && b.n >= COPY_FLUSH_BYTES)
            st = cb_flush(p, &b);
    }
    if (st == KIOSK_OK && rc != 0) {
        kiosk_fmt(p->err, p->errlen, "cannot read '%s': %s", t->name,
                  kiosk_status_name(store_rows_error(q)));
        st = KIOSK_E_IO;
    }
    if (st == KIOSK_OK)
        st = cb_flush(p, &b);
    free(b.p);
    return copy_end(p, t, st, unique_clash);
}

/* Facts past the mark are, nearly always, new to the server: COPY them straight into the
 * table (the bulk path, as fast as psql's \copy). If the server holds one already (a row
 * that reached it by another kiosk), that COPY is undone and the careful path runs. */
static kiosk_status copy_direct(struct pg_sync *p, int ti, store_rows *q, int *done)
{
    const struct sync_table *t = &sync_tables[ti];
    *done = 0;
    kiosk_status st = pg_command(p, "SAVEPOINT sync_direct", 0, NULL);
    if (st != KIOSK_OK)
        return st;
    long copied = 0;
    int clash = 0;
    st = copy_rows(p, ti, q, t->name, 0, &copied, &clash);
    if (st == KIOSK_OK) {
        *done = 1;
        p->c->sent[ti] += copied;
        return pg_command(p, "RELEASE SAVEPOINT sync_direct", 0, NULL);
    }
    if (!clash)
        return st;
    p->err[0] = '\0';
    return pg_command(p, "ROLLBACK TO SAVEPOINT sync_direct", 0, NULL);
}

/* The careful path: into sync_in_<table>, then merged (merge_rows). */
static kiosk_status copy_staged(struct pg_sync *p, int ti, store_rows *q, long *copied)
{
    const struct sync_table *t = &sync_tables[ti];
    char sql[4096], cols[2048], dest[64];
    sync_cols(t, NULL, 0, cols, sizeof cols);
    kiosk_fmt(sql, sizeof sql,
              "CREATE TEMP TABLE sync_in_%s ON COMMIT DROP AS SELECT %s FROM %s WITH NO DATA",
              t->name, cols, t->name);
    kiosk_status st = pg_command(p, sql, 0, NULL);
    if (st != KIOSK_OK)
        return st;
    kiosk_fmt(dest, sizeof dest, "sync_in_%s", t->name);
    return copy_rows(p, ti, q, dest, t->track == SYNC_SHADOW, copied, NULL);
}

/* Versioned tables: newer versions sent win on the server; the server's newer ones come back
 * with the pull (ts->newer). */
static kiosk_status merge_versions(struct pg_sync *p, int ti, long *updated, long *newer)
{
    const struct sync_table *t = &sync_tables[ti];
    struct pg_table_state *ts = &p->t[ti];
    char sql[8192];
    PGresult *r;
    char set_cols[2048], set_vals[2048], tcols[2048];
    sync_cols(t, NULL, 1, set_cols, sizeof set_cols);
    sync_cols(t, "f.", 1, set_vals, sizeof set_vals);
    const char *guard = ti == SYNC_EVENTS ? " AND NOT EXISTS (SELECT 1 FROM events AS o "
                                            "WHERE o.code = f.code AND o.id <> f.id)"
                                          : "";
    kiosk_fmt(sql, sizeof sql,
              "UPDATE %s AS t SET (%s) = (%s), srv_seq = nextval(pg_get_serial_sequence("
              "'%s', 'srv_seq')) FROM sync_in_%s AS f WHERE f.%s = t.%s AND "
              "(f.updated_at, f.updated_by COLLATE \"C\") > (t.updated_at, t.updated_by "
              "COLLATE \"C\")%s",
              t->name, set_cols, set_vals, t->name, t->name, t->key, t->key, guard);
    if (!(r = pg_query(p, sql, 0, NULL)))
        return KIOSK_E_IO;
    *updated = pg_cmd_tuples(r);
    PQclear(r);
    /* Versions on the server newer than the ones this kiosk sent come back with the pull. */
    sync_cols(t, "t.", 0, tcols, sizeof tcols);
    kiosk_fmt(sql, sizeof sql,
              "SELECT %s, t.srv_seq FROM %s AS t JOIN sync_in_%s AS f ON f.%s = t.%s WHERE "
              "(t.updated_at, t.updated_by COLLATE \"C\") > (f.updated_at, f.updated_by "
              "COLLATE \"C\")",
              tcols, t->name, t->name, t->key, t->key);
    if (!(ts->newer = pg_query(p, sql, 0, NULL)))
        return KIOSK_E_IO;
    *newer = PQntuples(ts->newer);
    return KIOSK_OK;
}

/* Merges sync_in_<table> into the table. */
static kiosk_status merge_rows(struct pg_sync *p, int ti, long copied)
{
    const struct sync_table *t = &sync_tables[ti];
    char sql[8192], cols[2048];
    sync_cols(t, NULL, 0, cols, sizeof cols);
    kiosk_status st = KIOSK_OK;
    if (ti == SYNC_REGISTRATIONS) {
        /* The earliest registration of a person for an event wins everywhere (see file sync). */
        st = pg_command(
            p,
            "DELETE FROM registrations AS r USING sync_in_registrations AS f WHERE "
            "f.event_id = r.event_id AND f.person_id = r.person_id AND f.id <> r.id "
            "AND (f.created_at, f.id COLLATE \"C\") < (r.created_at, r.id COLLATE \"C\")",
            0, NULL);
        if (st != KIOSK_OK)
            return st;
    }
    kiosk_fmt(sql, sizeof sql,
              "INSERT INTO %s (%s) SELECT %s FROM sync_in_%s ON CONFLICT DO NOTHING", t->name, cols,
              cols, t->name);
    PGresult *r = pg_query(p, sql, 0, NULL);
    if (!r)
        return KIOSK_E_IO;
    long inserted = pg_cmd_tuples(r);
    PQclear(r);
    long updated = 0, newer = 0;
    if (t->versioned && (st = merge_versions(p, ti, &updated, &newer)) != KIOSK_OK)
        return st;
    p->c->sent[ti] += inserted + updated;
    long dup = copied - inserted - updated - newer;
    if (dup > 0 && ti == SYNC_EVENTS) {
        /* Only a code held by another event is news; the same version again is not. */
        if (!(r = pg_query(p,
                           "SELECT count(*) FROM sync_in_events AS f WHERE NOT EXISTS (SELECT 1 "
                           "FROM events AS e WHERE e.id = f.id)",
                           0, NULL)))
            return KIOSK_E_IO;
        p->c->already[ti] += atol(PQgetvalue(r, 0, 0));
        PQclear(r);
    } else if (dup > 0 && !t->versioned) {
        p->c->already[ti] += dup;
    }
    return st;
}

static kiosk_status push_table(struct pg_sync *p, int ti)
{
    store_rows *q = NULL;
    kiosk_status st = select_unsent(p, ti, &q);
    if (st != KIOSK_OK)
        return st;
    int rc = store_rows_next(q);
    long copied = 0;
    int done = 0;
    if (rc == 1 && sync_tables[ti].track == SYNC_MARK) {
        st = copy_direct(p, ti, q, &done);
        if (st == KIOSK_OK && !done) {
            store_rows_rewind(q); /* the same read transaction: the same rows again */
            rc = store_rows_next(q);
        }
    }
    if (st == KIOSK_OK && !done && rc == 1) {
        st = copy_staged(p, ti, q, &copied);
        if (st == KIOSK_OK)
            st = merge_rows(p, ti, copied);
    } else if (st == KIOSK_OK && !done && rc != 0) {
        kiosk_fmt(p->err, p->errlen, "cannot read '%s': %s", sync_tables[ti].name,
                  kiosk_status_name(store_rows_error(q)));
        st = KIOSK_E_IO;
    }
    store_rows_close(q);
    if (st != KIOSK_OK)
        return st;
    char sql[256];
    kiosk_fmt(sql, sizeof sql, /* sql-ident: */ "SELECT coalesce(max(srv_seq), 0) FROM %s",
              sync_tables[ti].name);
    PGresult *r = pg_query(p, sql, 0, NULL);
    if (!r)
        return KIOSK_E_IO;
    p->t[ti].pull_mark_after = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
    PQclear(r);
    return KIOSK_OK;
}

kiosk_status pg_push_all(struct pg_sync *p)
{
    /* One read transaction: every table is read from the same moment, while the kiosk's
     * screen goes on writing (WAL). */
    char err[256];
    kiosk_status st = store_sync_tx(p->s, "BEGIN", err, sizeof err);
    for (int i = 0; i < SYNC_TABLES && st == KIOSK_OK; i++) {
        sync_step();
        st = push_table(p, i);
    }
    store_sync_tx(p->s, st == KIOSK_OK ? "COMMIT" : "ROLLBACK", err, sizeof err);
    return st;
}
