/* The store's one prepare-bind-step-copy skeleton: every query the store runs for another
 * module binds its arguments by a type string and hands its rows out through store_rows. */
#include "store_internal.h"

#include <stdlib.h>

void store_bindv(sqlite3_stmt *st, const char *types, va_list ap)
{
    for (int i = 0; types && types[i]; i++) {
        int idx = i + 1;
        switch (types[i]) {
        case 't': {
            const char *v = va_arg(ap, const char *);
            if (v)
                sqlite3_bind_text(st, idx, v, -1, SQLITE_TRANSIENT);
            else
                sqlite3_bind_null(st, idx);
            break;
        }
        case 's': {
            const char *v = va_arg(ap, const char *);
            sqlite3_bind_text(st, idx, v ? v : "", -1, SQLITE_TRANSIENT);
            break;
        }
        case 'i':
            sqlite3_bind_int(st, idx, va_arg(ap, int));
            break;
        case 'I':
            sqlite3_bind_int64(st, idx, va_arg(ap, int64_t));
            break;
        default:
            sqlite3_bind_null(st, idx);
            break;
        }
    }
}

kiosk_status store_rows_openv(store *s, const char *sql, const char *what, store_rows *r,
                              const char *types, va_list ap)
{
    r->s = s;
    r->what = what;
    r->err = KIOSK_OK;
    r->heap = 0;
    int rc = sqlite3_prepare_v2(store_db(s), sql, -1, &r->st, NULL);
    if (rc != SQLITE_OK) {
        r->st = NULL;
        return r->err = store_status_from_sqlite(s, rc, what);
    }
    store_bindv(r->st, types, ap);
    return KIOSK_OK;
}

kiosk_status store_rows_open(store *s, const char *sql, const char *what, store_rows **out,
                             const char *types, ...)
{
    *out = NULL;
    store_rows *r = calloc(1, sizeof *r);
    if (!r)
        return KIOSK_E_NOMEM;
    va_list ap;
    va_start(ap, types);
    kiosk_status st = store_rows_openv(s, sql, what, r, types, ap);
    va_end(ap);
    if (st != KIOSK_OK) {
        free(r);
        return st;
    }
    r->heap = 1;
    *out = r;
    return KIOSK_OK;
}

/* one: only the first row, and KIOSK_E_NOT_FOUND when there is none. */
static kiosk_status queryv(store *s, const char *sql, const char *what, store_row_fn fn, void *ctx,
                           int one, const char *types, va_list ap)
{
    store_rows r;
    kiosk_status st = store_rows_openv(s, sql, what, &r, types, ap);
    if (st != KIOSK_OK)
        return st;
    int rows = 0;
    while (st == KIOSK_OK && !(one && rows) && store_rows_next(&r) == 1) {
        rows++;
        st = fn ? fn(&r, ctx) : KIOSK_OK;
    }
    if (st == KIOSK_OK)
        st = r.err != KIOSK_OK ? r.err : one && !rows ? KIOSK_E_NOT_FOUND : KIOSK_OK;
    store_rows_close(&r);
    return st;
}

kiosk_status store_query(store *s, const char *sql, const char *what, store_row_fn fn, void *ctx,
                         const char *types, ...)
{
    va_list ap;
    va_start(ap, types);
    kiosk_status st = queryv(s, sql, what, fn, ctx, 0, types, ap);
    va_end(ap);
    return st;
}

kiosk_status store_query_one(store *s, const char *sql, const char *what, store_row_fn fn,
                             void *ctx, const char *types, ...)
{
    va_list ap;
    va_start(ap, types);
    kiosk_status st = queryv(s, sql, what, fn, ctx, 1, types, ap);
    va_end(ap);
    return st;
}

static kiosk_status copy_i64(store_rows *r, void *ctx)
{
    *(int64_t *)ctx = store_rows_i64(r, 0);
    return KIOSK_OK;
}

kiosk_status store_query_i64(store *s, const char *sql, const char *what, int64_t *out,
                             const char *types, ...)
{
    *out = 0;
    va_list ap;
    va_start(ap, types);
    kiosk_status st = queryv(s, sql, what, copy_i64, out, 1, types, ap);
    va_end(ap);
    return st == KIOSK_E_NOT_FOUND ? KIOSK_OK : st;
}

static int run_rcv(store *s, const char *sql, const char *types, va_list ap)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return rc;
    store_bindv(st, types, ap);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? SQLITE_DONE : rc;
}

int store_run_rc(store *s, const char *sql, const char *types, ...)
{
    va_list ap;
    va_start(ap, types);
    int rc = run_rcv(s, sql, types, ap);
    va_end(ap);
    return rc;
}

kiosk_status store_run(store *s, const char *sql, const char *what, const char *types, ...)
{
    va_list ap;
    va_start(ap, types);
    int rc = run_rcv(s, sql, types, ap);
    va_end(ap);
    return rc == SQLITE_DONE ? KIOSK_OK : store_status_from_sqlite(s, rc, what);
}

int64_t store_cached_i64(store *s, const char *sql)
{
    sqlite3_stmt *st;
    if (store_stmt(s, sql, &st) != SQLITE_OK)
        return -1;
    int64_t v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_reset(st);
    return v;
}

int store_step(store *s, const char *sql, const char *types, ...)
{
    sqlite3_stmt *st;
    int rc = store_stmt(s, sql, &st);
    if (rc != SQLITE_OK)
        return rc;
    va_list ap;
    va_start(ap, types);
    store_bindv(st, types, ap);
    va_end(ap);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc;
}

int store_rows_next(store_rows *r)
{
    if (!r || !r->st)
        return r && r->err != KIOSK_OK ? -1 : 0;
    int rc = sqlite3_step(r->st);
    if (rc == SQLITE_ROW)
        return 1;
    if (rc == SQLITE_DONE)
        return 0;
    r->err = store_status_from_sqlite(r->s, rc, r->what);
    return -1;
}

kiosk_status store_rows_error(const store_rows *r)
{
    return r ? r->err : KIOSK_OK;
}

void store_rows_rewind(store_rows *r)
{
    if (r && r->st)
        sqlite3_reset(r->st);
}

void store_rows_close(store_rows *r)
{
    if (!r)
        return;
    sqlite3_finalize(r->st);
    r->st = NULL;
    if (r->heap)
        free(r);
}

int store_rows_null(store_rows *r, int col)
{
    return sqlite3_column_type(r->st, col) == SQLITE_NULL;
}

int store_rows_int(store_rows *r, int col)
{
    return sqlite3_column_int(r->st, col);
}

int64_t store_rows_i64(store_rows *r, int col)
{
    return sqlite3_column_int64(r->st, col);
}

const char *store_rows_text(store_rows *r, int col, size_t *len)
{
    const unsigned char *v = sqlite3_column_text(r->st, col);
    if (len)
        *len = v ? (size_t)sqlite3_column_bytes(r->st, col) : 0;
    return v ? (const char *)v : "";
}

void store_rows_copy(store_rows *r, int col, char *out, size_t cap)
{
    store_col_text(r->st, col, out, cap);
}

const void *store_rows_blob(store_rows *r, int col, size_t *len)
{
    const void *p = sqlite3_column_blob(r->st, col);
    int n = sqlite3_column_bytes(r->st, col);
    *len = p && n > 0 ? (size_t)n : 0;
    return *len ? p : NULL;
}

void *store_collect(store *s, sqlite3_stmt *st, const char *what, size_t elem,
                    void (*read)(sqlite3_stmt *st, void *item), size_t *count, kiosk_status *status)
{
    *count = 0;
    size_t cap = 0, n = 0;
    unsigned char *arr = NULL;
    kiosk_status r = KIOSK_OK;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 16;
            unsigned char *grown = realloc(arr, ncap * elem);
            if (!grown) {
                r = KIOSK_E_NOMEM;
                break;
            }
            arr = grown;
            cap = ncap;
        }
        read(st, arr + n++ * elem);
    }
    if (r == KIOSK_OK && rc != SQLITE_DONE)
        r = store_status_from_sqlite(s, rc, what);
    sqlite3_reset(st);
    *status = r;
    if (r != KIOSK_OK) {
        free(arr);
        return NULL;
    }
    *count = n;
    return arr;
}

kiosk_status store_collect_one(store *s, sqlite3_stmt *st, const char *what,
                               void (*read)(sqlite3_stmt *st, void *item), void *item)
{
    kiosk_status r = KIOSK_E_NOT_FOUND;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        read(st, item);
        r = KIOSK_OK;
    } else if (rc != SQLITE_DONE) {
        r = store_status_from_sqlite(s, rc, what);
    }
    sqlite3_reset(st);
    return r;
}
