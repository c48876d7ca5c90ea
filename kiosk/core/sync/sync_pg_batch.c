/* Pulled rows, one at a time (sync_pg_batch.h): keyset pages of the table by srv_seq, read
 * as binary COPY (no text escapes to undo, blobs as they are). */
#include "sync_pg_batch.h"

#include "store/foreign.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How much of a text column of a row too large to take still comes: enough to name it. */
#define PG_BIG_ROW_TEXT 80
/* How often a wait for the server looks at the sync's stop. */
#define PG_STOP_POLL_MS 100

/* The columns as the server sends them: integers as bigint, texts as text, blobs as bytea;
 * a row over PG_ROW_MAX_BYTES with its texts cut short and its blobs left out. */
static void select_cols(const struct sync_table *t, char *out, size_t cap)
{
    size_t n = 0;
    out[0] = '\0';
    for (int c = 0; c < t->ncols && n < cap; c++) {
        const char *name = t->cols[c].name, *sep = c ? ", " : "";
        if (t->cols[c].type == SYNC_INT)
            kiosk_fmt(out + n, cap - n, "%s%s::bigint AS %s", sep, name, name);
        else if (t->cols[c].type == SYNC_BLOB_NULL)
            kiosk_fmt(out + n, cap - n,
                      "%sCASE WHEN pull_sz > %ld THEN NULL ELSE %s::bytea END AS %s", sep,
                      PG_ROW_MAX_BYTES, name, name);
        else
            kiosk_fmt(out + n, cap - n,
                      "%sCASE WHEN pull_sz > %ld THEN left(%s::text, %d) ELSE %s::text END AS %s",
                      sep, PG_ROW_MAX_BYTES, name, PG_BIG_ROW_TEXT, name, name);
        n += strlen(out + n);
    }
}

/* The bytes of a row's texts and blobs on the server. */
static void size_expr(const struct sync_table *t, char *out, size_t cap)
{
    size_t n = 0;
    out[0] = '\0';
    for (int c = 0; c < t->ncols && n < cap; c++) {
        if (t->cols[c].type == SYNC_INT)
            continue;
        kiosk_fmt(out + n, cap - n, "coalesce(octet_length(%s), 0)::bigint + ", t->cols[c].name);
        n += strlen(out + n);
    }
    kiosk_fmt(out + n, cap - n, "0");
}

/* Only identifiers of sync_tables and numbers of this sync go into the text. */
static void page_sql(const struct sync_table *t, int64_t after, int64_t upto, char *sql, size_t cap)
{
    char sizes[2048], sel[8192];
    size_expr(t, sizes, sizeof sizes);
    select_cols(t, sel, sizeof sel);
    kiosk_fmt(sql, cap,
              /* sql-ident: */
              "COPY (SELECT srv_seq::bigint, pull_sz, %s FROM (SELECT *, %s AS pull_sz FROM %s "
              "WHERE srv_seq > %lld AND srv_seq <= %lld ORDER BY srv_seq LIMIT %d) AS a ORDER BY "
              "srv_seq) TO STDOUT (FORMAT binary)",
              sel, sizes, t->name, (long long)after, (long long)upto, PG_PAGE_ROWS);
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int64_t be64(const unsigned char *p)
{
    return (int64_t)((uint64_t)be32(p) << 32 | be32(p + 4));
}

/* One value into the row's buffer at *at: integers (8 bytes, big-endian) as decimal text. */
static int put_value(struct pg_row *r, size_t *at, int c, int is_int, const unsigned char *p,
                     int32_t len)
{
    r->v[c] = (struct store_value){"", 0, len < 0};
    if (len < 0)
        return 1;
    if ((is_int && len != 8) || !kiosk_grow((void **)&r->buf, &r->cap, *at + (size_t)len + 24, 1))
        return 0;
    if (is_int)
        len = snprintf(r->buf + *at, 24, "%lld", (long long)be64(p));
    else
        memcpy(r->buf + *at, p, (size_t)len);
    r->buf[*at + (size_t)len] = '\0';
    r->v[c].len = (size_t)len;
    r->v[c].p = (const char *)(uintptr_t)*at; /* an offset until the row is whole */
    *at += (size_t)len + 1;
    return 1;
}

/* One tuple at m[*pos]: srv_seq, size, then the table's columns. 0: malformed. */
static int parse_tuple(struct pg_row *r, const struct sync_table *t, const unsigned char *m,
                       size_t n, size_t *pos)
{
    size_t at = *pos, used = 0;
    if (at + 2 > n || (int)((m[at] << 8) | m[at + 1]) != t->ncols + 2)
        return 0;
    at += 2;
    for (int f = 0; f < t->ncols + 2; f++) {
        if (at + 4 > n)
            return 0;
        int32_t len = (int32_t)be32(m + at);
        at += 4;
        if (len > 0 && (size_t)len > n - at)
            return 0;
        if (f < 2) {
            if (len != 8)
                return 0;
            *(f ? &r->bytes : &r->seq) = be64(m + at);
        } else if (!put_value(r, &used, f - 2, t->cols[f - 2].type == SYNC_INT, m + at, len)) {
            return 0;
        }
        at += len > 0 ? (size_t)len : 0;
    }
    for (int c = 0; c < t->ncols; c++)
        if (!r->v[c].null)
            r->v[c].p = r->buf + (uintptr_t)r->v[c].p;
    r->big = r->bytes > PG_ROW_MAX_BYTES;
    *pos = at;
    return 1;
}

/* One CopyData message: the file header first (signature, flags, extension), then tuples,
 * each given to fn; a field count of -1 ends the data. 0: malformed. */
static int parse_message(struct pg_sync *p, struct pg_row *r, const unsigned char *m, size_t n,
                         pg_row_fn fn, void *ctx, long *rows, kiosk_status *st)
{
    static const char sig[11] = "PGCOPY\n\377\r\n";
    const struct sync_table *t = &sync_tables[r->ti];
    size_t pos = 0;
    if (!r->header_seen) {
        if (n < 19 || memcmp(m, sig, sizeof sig) != 0 || be32(m + 15) > n - 19)
            return 0;
        pos = 19 + be32(m + 15);
        r->header_seen = 1;
    }
    while (pos < n && *st == KIOSK_OK) {
        if (pos + 2 <= n && m[pos] == 0xff && m[pos + 1] == 0xff)
            return pos + 2 == n;
        if (!parse_tuple(r, t, m, n, &pos))
            return 0;
        (*rows)++;
        *st = fn(p, r, ctx);
    }
    return 1;
}

static kiosk_status copy_failed(struct pg_sync *p, const struct sync_table *t, const char *what)
{
    if (!p->err[0])
        kiosk_fmt(p->err, p->errlen, "the server's rows of '%s': %s", t->name, what);
    return KIOSK_E_IO;
}

/* After the last row: the COPY's own verdict. */
static kiosk_status copy_result(struct pg_sync *p, const struct sync_table *t)
{
    kiosk_status st = KIOSK_OK;
    PGresult *r;
    while ((r = PQgetResult(p->conn)) != NULL) {
        if (st == KIOSK_OK && PQresultStatus(r) != PGRES_COMMAND_OK) {
            const char *msg = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
            st = copy_failed(p, t, msg ? msg : PQerrorMessage(p->conn));
        }
        PQclear(r);
    }
    return st;
}

/* Waits up to ms for more of the server's data (-1: until it comes; the server's
 * statement_timeout and the keepalives end a stalled one), watching the sync's stop: the
 * pull's reader told to stop, or the kiosk stopping (sync_cancel, past its grace), so a
 * stalled server never keeps the kiosk from stopping. 1: some came; 0: none yet; -1: stopped;
 * -2: the connection failed. */
static int more_data(struct pg_sync *p, int ms)
{
    struct pollfd fd = {.fd = PQsocket(p->conn), .events = POLLIN};
    int64_t until = ms < 0 ? -1 : kiosk_mono_ms() + ms;
    for (;;) {
        if ((p->stop && atomic_load(p->stop)) || store_sync_stopping())
            return -1;
        int slice = PG_STOP_POLL_MS;
        int64_t left = until < 0 ? slice : until - kiosk_mono_ms();
        if (left <= 0)
            return 0;
        int n = poll(&fd, 1, left < slice ? (int)left : slice);
        if (n > 0 || (n < 0 && errno != EINTR))
            return PQconsumeInput(p->conn) ? 1 : -2;
    }
}

static kiosk_status stopped(struct pg_sync *p, const struct sync_table *t, int why)
{
    return copy_failed(p, t, why == -1 ? "the sync was stopped" : PQerrorMessage(p->conn));
}

/* Sends the page's COPY and waits (watching the stop) until the server answers. */
static kiosk_status copy_start(struct pg_sync *p, const struct sync_table *t, const char *sql)
{
    if (!PQsendQuery(p->conn, sql))
        return copy_failed(p, t, PQerrorMessage(p->conn));
    while (PQisBusy(p->conn)) {
        int got = more_data(p, -1);
        if (got < 0)
            return stopped(p, t, got);
    }
    PGresult *res = PQgetResult(p->conn);
    kiosk_status st = KIOSK_OK;
    if (PQresultStatus(res) != PGRES_COPY_OUT) {
        const char *msg = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
        st = copy_failed(p, t, msg ? msg : PQerrorMessage(p->conn));
    }
    PQclear(res);
    return st;
}

/* One page: its COPY, every row to fn. */
static kiosk_status read_page(struct pg_sync *p, struct pg_row *r, int64_t after, int64_t upto,
                              pg_row_fn fn, void *ctx, long *rows)
{
    const struct sync_table *t = &sync_tables[r->ti];
    char sql[16384];
    r->header_seen = 0;
    page_sql(t, after, upto, sql, sizeof sql);
    kiosk_status st = copy_start(p, t, sql);
    int n = 0, ok = 1, got = 1;
    char *m = NULL;
    while (st == KIOSK_OK && ok && (n = PQgetCopyData(p->conn, &m, 1)) != -1 && n != -2) {
        if (n > 0) {
            ok = parse_message(p, r, (const unsigned char *)m, (size_t)n, fn, ctx, rows, &st);
            PQfreemem(m);
        } else if ((got = more_data(p, PG_BATCH_WAIT_MS)) == 0) { /* late: the pull commits */
            st = fn(p, NULL, ctx);
            got = st == KIOSK_OK ? more_data(p, -1) : 1;
        }
        if (got < 0)
            st = stopped(p, t, got);
    }
    /* On a failure here the sync ends and the connection with it (a COPY cannot be left). */
    if (st != KIOSK_OK)
        return st;
    if (!ok)
        return copy_failed(p, t, "malformed data");
    if (n == -2)
        return copy_failed(p, t, PQerrorMessage(p->conn));
    return copy_result(p, t);
}

kiosk_status pg_rows_read(struct pg_sync *p, int ti, int64_t after, int64_t upto,
                          struct pg_row *row, pg_row_fn fn, void *ctx)
{
    kiosk_status st = KIOSK_OK;
    long rows = PG_PAGE_ROWS;
    row->ti = ti;
    row->seq = after;
    while (st == KIOSK_OK && rows == PG_PAGE_ROWS && row->seq < upto) {
        rows = 0;
        st = read_page(p, row, row->seq, upto, fn, ctx, &rows);
    }
    return st;
}

void pg_row_free(struct pg_row *row)
{
    free(row->buf);
    row->buf = NULL;
    row->cap = 0;
}
