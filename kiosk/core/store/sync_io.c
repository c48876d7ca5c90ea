/* The SQLite side of sync: transactions, the local marks (meta), the shadow of what a server
 * holds, and the rows a server lacks. */
#include "sync_io.h"

#include "store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sync_cols(const struct sync_table *t, const char *prefix, int skip_key, char *out, size_t cap)
{
    size_t n = 0;
    out[0] = '\0';
    for (int i = 0; i < t->ncols; i++) {
        if (skip_key && strcmp(t->cols[i].name, t->key) == 0)
            continue;
        int w = snprintf(out + n, cap - n, /* sql-ident: */ "%s%s%s", n ? ", " : "",
                         prefix ? prefix : "", t->cols[i].name);
        if (w < 0 || (size_t)w >= cap - n)
            return; /* buffers are sized for the widest table; cut output fails loudly in SQL */
        n += (size_t)w;
    }
}

kiosk_status store_sync_exec(store *s, const char *sql, char *err, size_t errlen)
{
    char *msg = NULL;
    int rc = sqlite3_exec(store_db(s), sql, NULL, NULL, &msg);
    if (rc == SQLITE_OK)
        return KIOSK_OK;
    kiosk_fmt(err, errlen, "%s", msg ? msg : sqlite3_errstr(rc));
    kiosk_log(KIOSK_LOG_DEBUG, "sync: sql failed: %s", msg ? msg : sqlite3_errstr(rc));
    sqlite3_free(msg);
    int base = rc & 0xff;
    if (base == SQLITE_FULL)
        return KIOSK_E_FULL;
    if (base == SQLITE_READONLY || base == SQLITE_CANTOPEN || base == SQLITE_PERM)
        return KIOSK_E_READONLY;
    if (base == SQLITE_NOTADB || base == SQLITE_CORRUPT)
        return KIOSK_E_CORRUPT;
    return KIOSK_E_IO;
}

kiosk_status store_sync_tx(store *s, const char *what, char *err, size_t errlen)
{
    return store_sync_exec(s, what, err, errlen);
}

void store_sync_rollback(store *s)
{
    if (!sqlite3_get_autocommit(store_db(s)))
        sqlite3_exec(store_db(s), "ROLLBACK", NULL, NULL, NULL);
}

static kiosk_status copy_value(store_rows *r, void *ctx)
{
    struct {
        char *out;
        size_t cap;
    } *o = ctx;
    store_rows_copy(r, 0, o->out, o->cap);
    return KIOSK_OK;
}

kiosk_status store_meta_get(store *s, const char *key, char *out, size_t cap)
{
    out[0] = '\0';
    struct {
        char *out;
        size_t cap;
    } o = {out, cap};
    kiosk_status st = store_query_one(s, "SELECT value FROM main.meta WHERE key = ?1", "sync meta",
                                      copy_value, &o, "t", key);
    return st == KIOSK_OK || st == KIOSK_E_NOT_FOUND ? st : KIOSK_E_IO;
}

kiosk_status store_meta_set(store *s, const char *key, const char *value)
{
    kiosk_status st = store_run(s,
                                "INSERT INTO main.meta(key, value) VALUES(?1, ?2) "
                                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                                "sync meta", "tt", key, value);
    return st == KIOSK_OK ? KIOSK_OK : KIOSK_E_IO;
}

int64_t store_meta_get_i64(store *s, const char *key, int64_t fallback)
{
    char buf[32];
    if (store_meta_get(s, key, buf, sizeof buf) != KIOSK_OK)
        return fallback;
    return strtoll(buf, NULL, 10);
}

kiosk_status store_meta_set_i64(store *s, const char *key, int64_t value)
{
    char buf[32];
    kiosk_fmt(buf, sizeof buf, "%lld", (long long)value);
    return store_meta_set(s, key, buf);
}

kiosk_status store_sync_shadow_ensure(store *s, char *err, size_t errlen)
{
    /* What each server is known to hold of the SHADOW tables. Kept beside the store's tables
     * (not a store migration): only sync reads or writes it, and it never moves. */
    return store_sync_exec(s,
                           "CREATE TABLE IF NOT EXISTS main.sync_shadow(\n"
                           "  server_id TEXT NOT NULL, tbl TEXT NOT NULL, id TEXT NOT NULL,\n"
                           "  updated_at INTEGER, updated_by TEXT,\n"
                           "  PRIMARY KEY(server_id, tbl, id)) WITHOUT ROWID",
                           err, errlen);
}

kiosk_status store_sync_max_rowid(store *s, const struct sync_table *t, int64_t *out)
{
    char sql[256];
    kiosk_fmt(sql, sizeof sql, /* sql-ident: */ "SELECT coalesce(max(rowid), 0) FROM main.%s",
              t->name);
    return store_query_i64(s, sql, "sync marks", out, NULL) == KIOSK_OK ? KIOSK_OK : KIOSK_E_IO;
}

/* "FROM main.t AS t ... WHERE" what server_id lacks of a SHADOW table. */
static void shadow_missing(const struct sync_table *t, char *out, size_t cap)
{
    kiosk_fmt(out, cap,
              "FROM main.%s AS t LEFT JOIN main.sync_shadow AS v ON v.server_id = ?1 AND "
              "v.tbl = '%s' AND v.id = t.%s WHERE v.id IS NULL%s",
              t->name, t->name, t->key,
              t->versioned
                  ? " OR v.updated_at IS NOT t.updated_at OR v.updated_by IS NOT t.updated_by"
                  : "");
}

kiosk_status store_sync_unsent(store *s, const struct sync_table *t, const char *server_id,
                               int64_t mark, int64_t max, store_rows **out)
{
    char sql[4096], cols[2048], from[1024];
    sync_cols(t, "t.", 0, cols, sizeof cols);
    if (t->track == SYNC_MARK) {
        kiosk_fmt(sql, sizeof sql,
                  "SELECT %s FROM main.%s AS t WHERE rowid > ?1 AND rowid <= ?2 ORDER BY rowid",
                  cols, t->name);
        return store_rows_open(s, sql, "sync read", out, "II", mark, max);
    }
    shadow_missing(t, from, sizeof from);
    kiosk_fmt(sql, sizeof sql, /* sql-ident: */ "SELECT %s %s", cols, from);
    return store_rows_open(s, sql, "sync read", out, "t", server_id);
}

int64_t store_sync_unsent_count(store *s, const struct sync_table *t, const char *server_id,
                                int64_t mark)
{
    char sql[1024], from[1024];
    int64_t n = 0;
    if (t->track == SYNC_MARK) {
        kiosk_fmt(sql, sizeof sql, /* sql-ident: */ "SELECT count(*) FROM main.%s WHERE rowid > ?1",
                  t->name);
        store_query_i64(s, sql, "sync waiting", &n, "I", mark);
    } else {
        shadow_missing(t, from, sizeof from);
        kiosk_fmt(sql, sizeof sql, /* sql-ident: */ "SELECT count(*) %s", from);
        store_query_i64(s, sql, "sync waiting", &n, "t", server_id);
    }
    return n;
}

int64_t store_sync_cache_size(store *s)
{
    int64_t cache = -2000;
    store_query_i64(s, "PRAGMA main.cache_size", "cache size", &cache, NULL);
    return cache;
}

void store_sync_set_cache_size(store *s, int64_t size)
{
    char sql[64];
    kiosk_fmt(sql, sizeof sql, "PRAGMA main.cache_size = %lld", (long long)size); /* sql-ident: */
    sqlite3_exec(store_db(s), sql, NULL, NULL, NULL);
}
