/* Pulled rows, one batch at a time (sync_pg_batch.h): a keyset page of the table by srv_seq,
 * cut by rows and by bytes on the server, read as binary COPY (no text escapes to undo, blobs
 * as they are). */
#include "sync_pg_batch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How much of a text column of a row too large to take still comes: enough to name it. */
#define PG_BIG_ROW_TEXT 80

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
static void batch_sql(const struct sync_table *t, int64_t after, int64_t upto, char *sql,
                      size_t cap)
{
    char cols[2048], sizes[2048], sel[8192];
    sync_cols(t, NULL, 0, cols, sizeof cols);
    size_expr(t, sizes, sizeof sizes);
    select_cols(t, sel, sizeof sel);
    kiosk_fmt(sql, cap,
              /* sql-ident: */
              "COPY (SELECT srv_seq::bigint, pull_sz::bigint, %s FROM (SELECT srv_seq, pull_sz, "
              "sum(least(pull_sz, %ld)) OVER (ORDER BY srv_seq) AS pull_run, %s FROM (SELECT "
              "srv_seq, %s AS pull_sz, %s FROM %s WHERE srv_seq > %lld AND srv_seq <= %lld ORDER "
              "BY srv_seq LIMIT %d) AS a) AS b WHERE pull_run - least(pull_sz, %ld) < %ld ORDER BY "
              "srv_seq) TO STDOUT (FORMAT binary)",
              cols, PG_ROW_MAX_BYTES, sel, sizes, cols, t->name, (long long)after, (long long)upto,
              PG_BATCH_ROWS, PG_ROW_MAX_BYTES, PG_BATCH_BYTES);
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int64_t be64(const unsigned char *p)
{
    return (int64_t)((uint64_t)be32(p) << 32 | be32(p + 4));
}

/* One value into the batch's buffer: integers (8 bytes, big-endian) as decimal text. */
static int put_value(struct pg_batch *b, struct pg_cell *cell, int is_int, const unsigned char *p,
                     int32_t len)
{
    *cell = (struct pg_cell){b->len, 0, len < 0};
    if (len < 0)
        return 1;
    if ((is_int && len != 8) ||
        !kiosk_grow((void **)&b->buf, &b->cap, b->len + (size_t)len + 24, 1))
        return 0;
    if (is_int)
        len = snprintf(b->buf + b->len, 24, "%lld", (long long)be64(p));
    else
        memcpy(b->buf + b->len, p, (size_t)len);
    b->buf[b->len + (size_t)len] = '\0';
    cell->len = (size_t)len;
    b->len += (size_t)len + 1;
    return 1;
}

/* One tuple at m[*pos]: srv_seq, size, then the table's columns. 0: malformed. */
static int parse_tuple(struct pg_batch *b, const struct sync_table *t, const unsigned char *m,
                       size_t n, size_t *pos)
{
    size_t at = *pos;
    if (at + 2 > n || (int)((m[at] << 8) | m[at + 1]) != t->ncols + 2)
        return 0;
    at += 2;
    if (!kiosk_grow((void **)&b->rows, &b->caprows, b->nrows + 1, sizeof *b->rows) ||
        !kiosk_grow((void **)&b->cells, &b->capcells, (b->nrows + 1) * (size_t)t->ncols,
                    sizeof *b->cells))
        return 0;
    struct pg_batch_row *row = &b->rows[b->nrows];
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
            *(f ? &row->bytes : &row->seq) = be64(m + at);
        } else if (!put_value(b, &b->cells[b->nrows * (size_t)t->ncols + (size_t)(f - 2)],
                              t->cols[f - 2].type == SYNC_INT, m + at, len)) {
            return 0;
        }
        at += len > 0 ? (size_t)len : 0;
    }
    row->big = row->bytes > PG_ROW_MAX_BYTES;
    b->nrows++;
    *pos = at;
    return 1;
}

/* One CopyData message: the file header first (signature, flags, extension), then tuples;
 * a field count of -1 ends the data. */
static int parse_message(struct pg_batch *b, const struct sync_table *t, const unsigned char *m,
                         size_t n)
{
    static const char sig[11] = "PGCOPY\n\377\r\n";
    size_t pos = 0;
    if (!b->header_seen) {
        if (n < 19 || memcmp(m, sig, sizeof sig) != 0 || be32(m + 15) > n - 19)
            return 0;
        pos = 19 + be32(m + 15);
        b->header_seen = 1;
    }
    while (pos < n) {
        if (pos + 2 <= n && m[pos] == 0xff && m[pos + 1] == 0xff)
            return pos + 2 == n;
        if (!parse_tuple(b, t, m, n, &pos))
            return 0;
    }
    return 1;
}

static kiosk_status copy_failed(struct pg_sync *p, const struct sync_table *t, const char *what)
{
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

kiosk_status pg_batch_read(struct pg_sync *p, int ti, int64_t after, int64_t upto,
                           struct pg_batch *b)
{
    const struct sync_table *t = &sync_tables[ti];
    char sql[16384];
    b->ti = ti;
    b->len = b->nrows = 0;
    b->header_seen = 0;
    batch_sql(t, after, upto, sql, sizeof sql);
    PGresult *r = PQexec(p->conn, sql);
    int copying = PQresultStatus(r) == PGRES_COPY_OUT;
    if (!copying) {
        const char *msg = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
        PQclear(r);
        return copy_failed(p, t, msg ? msg : PQerrorMessage(p->conn));
    }
    PQclear(r);
    char *m = NULL;
    int n, ok = 1;
    while ((n = PQgetCopyData(p->conn, &m, 0)) > 0) {
        ok = ok && parse_message(b, t, (const unsigned char *)m, (size_t)n);
        PQfreemem(m);
    }
    if (n == -2)
        return copy_failed(p, t, PQerrorMessage(p->conn));
    kiosk_status st = copy_result(p, t);
    if (st == KIOSK_OK && !ok)
        st = copy_failed(p, t, "malformed data");
    return st;
}

void pg_batch_values(const struct pg_batch *b, size_t r, struct store_value *v)
{
    const struct sync_table *t = &sync_tables[b->ti];
    const struct pg_cell *cell = &b->cells[r * (size_t)t->ncols];
    for (int c = 0; c < t->ncols; c++)
        v[c] = (struct store_value){b->buf + cell[c].off, cell[c].len, cell[c].null};
}

void pg_batch_free(struct pg_batch *b)
{
    free(b->buf);
    free(b->cells);
    free(b->rows);
    memset(b, 0, sizeof *b);
}
