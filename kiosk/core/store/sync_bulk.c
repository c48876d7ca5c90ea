/* A server pull into an empty table (sync_io.h, store_sync_bulk_begin): the table's secondary
 * indexes dropped inside the pull's transaction and made again, each by one sorted build,
 * before it commits. */
#include "store_internal.h"
#include "sync_io.h"

#include <stdlib.h>
#include <string.h>

/* Appends s and a ";\n" to the growing text *out. */
static int add_sql(char **out, size_t *len, size_t *cap, const char *s)
{
    size_t n = strlen(s);
    if (!kiosk_grow((void **)out, cap, *len + n + 3, 1))
        return 0;
    memcpy(*out + *len, s, n);
    memcpy(*out + *len + n, ";\n", 3);
    *len += n + 2;
    return 1;
}

/* The CREATE INDEX statements of t's indexes that only speed reads up: made by CREATE INDEX,
 * not unique (a unique index decides which rows are taken: it stays). "" when none. */
static kiosk_status read_indexes(store *s, const struct sync_table *t, char **out, char ***names,
                                 size_t *n)
{
    sqlite3_stmt *st = NULL;
    size_t len = 0, cap = 0, capn = 0;
    int rc = sqlite3_prepare_v2(store_db(s),
                                "SELECT s.name, s.sql FROM pragma_index_list(?1) AS l JOIN "
                                "main.sqlite_schema AS s ON s.type = 'index' AND s.name = l.name "
                                "WHERE l.\"unique\" = 0 AND l.origin = 'c' AND s.sql IS NOT NULL",
                                -1, &st, NULL);
    sqlite3_bind_text(st, 1, t->name, -1, SQLITE_STATIC);
    *out = calloc(1, 1);
    cap = *out ? 1 : 0;
    int ok = rc == SQLITE_OK && *out;
    while (ok && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(st, 0);
        ok = add_sql(out, &len, &cap, (const char *)sqlite3_column_text(st, 1)) &&
             kiosk_grow((void **)names, &capn, *n + 1, sizeof **names) &&
             ((*names)[*n] = strdup(name ? name : "")) != NULL;
        *n += ok;
    }
    sqlite3_finalize(st);
    return ok && rc == SQLITE_DONE ? KIOSK_OK : KIOSK_E_IO;
}

static kiosk_status drop_indexes(store *s, char **names, size_t n, char *err, size_t errlen)
{
    kiosk_status st = KIOSK_OK;
    for (size_t i = 0; i < n && st == KIOSK_OK; i++) {
        /* an index name read from this database's own schema, quoted by %w */
        char *sql = sqlite3_mprintf("DROP INDEX main.\"%w\"", names[i]); /* sql-ident: */
        st = sql ? store_sync_exec(s, sql, err, errlen) : KIOSK_E_NOMEM;
        sqlite3_free(sql);
    }
    return st;
}

kiosk_status store_sync_bulk_begin(store *s, const struct sync_table *t, char **indexes, char *err,
                                   size_t errlen)
{
    char sql[256];
    int64_t any = 0;
    *indexes = NULL;
    kiosk_fmt(sql, sizeof sql, /* sql-ident: */ "SELECT EXISTS (SELECT 1 FROM main.%s)", t->name);
    if (store_query_i64(s, sql, "a pulled table", &any, NULL) != KIOSK_OK)
        return KIOSK_E_IO;
    if (any)
        return KIOSK_OK; /* rows here: the indexes stay */
    char **names = NULL;
    size_t n = 0;
    kiosk_status st = read_indexes(s, t, indexes, &names, &n);
    if (st == KIOSK_OK)
        st = drop_indexes(s, names, n, err, errlen);
    else
        kiosk_fmt(err, errlen, "cannot read the indexes of '%s': %s", t->name,
                  sqlite3_errmsg(store_db(s)));
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    if (st != KIOSK_OK) {
        free(*indexes);
        *indexes = NULL;
    }
    return st;
}

kiosk_status store_sync_bulk_end(store *s, const char *indexes, char *err, size_t errlen)
{
    return indexes && indexes[0] ? store_sync_exec(s, indexes, err, errlen) : KIOSK_OK;
}
