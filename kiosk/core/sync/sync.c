/* Sync entry points: picks the sink for a target, and the helpers both sinks share. */
#include "sync_internal.h"

#include "sync/pq_lazy.h"
#include "test_hooks.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

int sync_target_is_pg(const char *target)
{
    if (!target)
        return 0;
    if (strncmp(target, "postgresql://", 13) == 0 || strncmp(target, "postgres://", 11) == 0)
        return 1;
    /* libpq's "host=... dbname=..." form: a file path has no '=' before its first '/'. */
    const char *eq = strchr(target, '=');
    const char *slash = strchr(target, '/');
    return eq && (!slash || eq < slash);
}

kiosk_status sync_run(store *s, const char *target, struct sync_counts *out, const char **why_key,
                      char *err, size_t errlen)
{
    struct sync_counts scratch;
    if (!out)
        out = &scratch;
    memset(out, 0, sizeof *out);
    if (why_key)
        *why_key = NULL;
    if (err && errlen)
        err[0] = '\0';
    if (!target || !target[0]) {
        kiosk_fmt(err, errlen, "no sync target given");
        if (why_key)
            *why_key = "sync.err.other";
        return KIOSK_E_INVALID;
    }
    if (sync_target_is_pg(target))
        return sync_pg_run(s, target, out, why_key, err, errlen);
    return sync_file_run(s, target, out, why_key, err, errlen);
}

void sync_target_label(const char *target, char *out, size_t cap)
{
    if (!target || !sync_target_is_pg(target)) {
        kiosk_strlcpy(out, target ? target : "", cap);
        return;
    }
    if (pq_lazy_load(NULL, 0) != KIOSK_OK) { /* never the conninfo: it may hold a password */
        kiosk_strlcpy(out, "PostgreSQL", cap);
        return;
    }
    const char *host = NULL, *port = NULL, *db = NULL;
    PQconninfoOption *opts = PQconninfoParse(target, NULL);
    for (PQconninfoOption *o = opts; o && o->keyword; o++) {
        if (!o->val || !*o->val)
            continue;
        if (strcmp(o->keyword, "host") == 0 || (strcmp(o->keyword, "hostaddr") == 0 && !host))
            host = o->val;
        else if (strcmp(o->keyword, "port") == 0)
            port = o->val;
        else if (strcmp(o->keyword, "dbname") == 0)
            db = o->val;
    }
    kiosk_fmt(out, cap, "%s%s%s/%s", host ? host : "localhost", port ? ":" : "", port ? port : "",
              db ? db : "");
    PQconninfoFree(opts);
}

long sync_waiting(store *s, const char *target)
{
    if (!target || !target[0] || !sync_target_is_pg(target))
        return -1;
    return sync_pg_waiting(s, target);
}

void sync_test_pause(void)
{
    long delay_ms = kiosk_test_hooks()->sync_delay_ms;
    if (delay_ms == 0)
        return;
    struct timespec ts = {delay_ms / 1000, (delay_ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

kiosk_status sync_exec(sqlite3 *db, const char *sql, char *err, size_t errlen)
{
    char *msg = NULL;
    int rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
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

kiosk_status sync_query_i64(sqlite3 *db, const char *sql, const char *param, int64_t *out)
{
    sqlite3_stmt *st;
    *out = 0;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        kiosk_log(KIOSK_LOG_DEBUG, "sync: cannot prepare: %s", sqlite3_errmsg(db));
        return KIOSK_E_IO;
    }
    if (param)
        sqlite3_bind_text(st, 1, param, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? KIOSK_OK : KIOSK_E_IO;
}

kiosk_status sync_meta_get(sqlite3 *db, const char *key, char *out, size_t cap)
{
    sqlite3_stmt *st;
    out[0] = '\0';
    if (sqlite3_prepare_v2(db, "SELECT value FROM main.meta WHERE key = ?1", -1, &st, NULL) !=
        SQLITE_OK)
        return KIOSK_E_IO;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
    kiosk_status r = KIOSK_E_NOT_FOUND;
    if (sqlite3_step(st) == SQLITE_ROW) {
        const unsigned char *v = sqlite3_column_text(st, 0);
        kiosk_strlcpy(out, v ? (const char *)v : "", cap);
        r = KIOSK_OK;
    }
    sqlite3_finalize(st);
    return r;
}

kiosk_status sync_meta_set(sqlite3 *db, const char *key, const char *value)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db,
                           "INSERT INTO main.meta(key, value) VALUES(?1, ?2) "
                           "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                           -1, &st, NULL) != SQLITE_OK)
        return KIOSK_E_IO;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, value, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? KIOSK_OK : KIOSK_E_IO;
}

int64_t sync_meta_get_i64(sqlite3 *db, const char *key, int64_t fallback)
{
    char buf[32];
    if (sync_meta_get(db, key, buf, sizeof buf) != KIOSK_OK)
        return fallback;
    return strtoll(buf, NULL, 10);
}

kiosk_status sync_meta_set_i64(sqlite3 *db, const char *key, int64_t value)
{
    char buf[32];
    kiosk_fmt(buf, sizeof buf, "%lld", (long long)value);
    return sync_meta_set(db, key, buf);
}

void sync_target_hash(const char *target, char out[17])
{
    /* FNV-1a 64: only names the target in meta keys; never stored as the conninfo itself,
     * which may hold a password. */
    uint64_t h = 1469598103934665603ULL;
    for (const unsigned char *p = (const unsigned char *)target; *p; p++) {
        h ^= *p;
        h *= 1099511628211ULL;
    }
    kiosk_fmt(out, 17, "%016llx", (unsigned long long)h);
}

kiosk_status sync_shadow_ensure(sqlite3 *db, char *err, size_t errlen)
{
    /* What each server is known to hold of the SHADOW tables. Kept beside the store's tables
     * (not a store migration): only sync reads or writes it, and it never moves. */
    return sync_exec(db,
                     "CREATE TABLE IF NOT EXISTS main.sync_shadow(\n"
                     "  server_id TEXT NOT NULL, tbl TEXT NOT NULL, id TEXT NOT NULL,\n"
                     "  updated_at INTEGER, updated_by TEXT,\n"
                     "  PRIMARY KEY(server_id, tbl, id)) WITHOUT ROWID",
                     err, errlen);
}
