/* Checking a database file from outside before sync touches it (see foreign.h). */
#include "foreign.h"
#include "store_internal.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

static _Atomic int64_t stop_by; /* store_sync_cancel: the process is stopping (mono ms) */

static int past_deadline(void *arg)
{
    const int64_t *deadline = arg;
    int64_t now = kiosk_mono_ms(), by = stop_by;
    return (by && now > by) || (*deadline && now > *deadline);
}

void store_sync_cancel(int on)
{
    stop_by = on ? kiosk_mono_ms() + STORE_SYNC_STOP_GRACE_MS : 0;
}

int store_sync_stopping(void)
{
    int64_t by = stop_by;
    return by && kiosk_mono_ms() > by;
}

static void defend(sqlite3 *db, int64_t *deadline)
{
    sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
    sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
    sqlite3_limit(db, SQLITE_LIMIT_LENGTH, 64 << 20);
    sqlite3_limit(db, SQLITE_LIMIT_SQL_LENGTH, 100000);
    sqlite3_limit(db, SQLITE_LIMIT_COLUMN, 200);
    sqlite3_limit(db, SQLITE_LIMIT_EXPR_DEPTH, 100);
    sqlite3_limit(db, SQLITE_LIMIT_COMPOUND_SELECT, 10);
    sqlite3_limit(db, SQLITE_LIMIT_FUNCTION_ARG, 16);
    sqlite3_limit(db, SQLITE_LIMIT_ATTACHED, 0);
    sqlite3_limit(db, SQLITE_LIMIT_LIKE_PATTERN_LENGTH, 100);
    sqlite3_limit(db, SQLITE_LIMIT_TRIGGER_DEPTH, 10);
    sqlite3_progress_handler(db, 1000, past_deadline, deadline);
}

/* The triggers a kiosk's own schema makes: every migration run on an empty database. */
static int expected_trigger(const char *sql)
{
    static sqlite3 *fresh;
    if (!fresh) {
        if (sqlite3_open(":memory:", &fresh) != SQLITE_OK)
            return 0;
        for (int v = 1; v <= store_schema_latest(); v++)
            sqlite3_exec(fresh, store_schema_migration(v), NULL, NULL, NULL);
    }
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(fresh, "SELECT 1 FROM sqlite_schema WHERE type = 'trigger' AND sql = ?1",
                           -1, &st, NULL) != SQLITE_OK)
        return 0;
    sqlite3_bind_text(st, 1, sql, -1, SQLITE_STATIC);
    int found = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    return found;
}

/* What in the schema a kiosk never makes: NULL when nothing. */
static const char *odd_schema(sqlite3 *db, char *name, size_t cap)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "SELECT type, name, coalesce(sql, '') FROM sqlite_schema", -1, &st,
                           NULL) != SQLITE_OK)
        return "its schema cannot be read";
    const char *why = NULL;
    int rc;
    while (!why && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *type = (const char *)sqlite3_column_text(st, 0);
        const char *sql = (const char *)sqlite3_column_text(st, 2);
        kiosk_strlcpy(name, (const char *)sqlite3_column_text(st, 1), cap);
        if (strcmp(type, "view") == 0)
            why = "a view (a kiosk file holds none)";
        else if (strcmp(type, "table") == 0 && strncmp(sql, "CREATE VIRTUAL", 14) == 0)
            why = "a virtual table (a kiosk file holds none)";
        else if (strcmp(type, "trigger") == 0 && !expected_trigger(sql))
            why = "a trigger a kiosk never makes";
    }
    if (!why && rc != SQLITE_DONE)
        why = "its schema cannot be read";
    sqlite3_finalize(st);
    return why;
}

static kiosk_status vet(sqlite3 *db, const char *path, int64_t *deadline, char *err, size_t errlen)
{
    char name[128] = "";
    const char *why = odd_schema(db, name, sizeof name);
    if (why) {
        kiosk_fmt(err, errlen, "'%s' is refused: it holds %s ('%s')", path, why, name);
        return past_deadline(deadline) ? KIOSK_E_UNAVAILABLE : KIOSK_E_CORRUPT;
    }
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(db, "PRAGMA quick_check", -1, &st, NULL);
    const char *res = NULL;
    if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
        res = (const char *)sqlite3_column_text(st, 0);
    kiosk_status r = KIOSK_OK;
    if (!res || strcmp(res, "ok") != 0) {
        r = past_deadline(deadline) ? KIOSK_E_UNAVAILABLE : KIOSK_E_CORRUPT;
        kiosk_fmt(err, errlen, "'%s' is refused: %s", path,
                  r == KIOSK_E_UNAVAILABLE ? "checking it took too long"
                                           : "it is damaged (quick_check failed)");
    }
    sqlite3_finalize(st);
    return r;
}

kiosk_status store_foreign_check(const char *path, int64_t timeout_ms, char *err, size_t errlen)
{
    struct stat sb;
    if (stat(path, &sb) != 0 && errno == ENOENT)
        return KIOSK_OK;     /* a new stick: made by the kiosk itself */
    static int64_t deadline; /* the progress handler's; one sync at a time per process */
    deadline = kiosk_mono_ms() + timeout_ms;
    sqlite3 *db = NULL;
    int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL);
    if (rc != SQLITE_OK) {
        kiosk_fmt(err, errlen, "cannot open '%s': %s", path, db ? sqlite3_errmsg(db) : "no memory");
        sqlite3_close(db);
        return KIOSK_E_CORRUPT;
    }
    defend(db, &deadline);
    sqlite3_exec(db, "PRAGMA trusted_schema = OFF", NULL, NULL, NULL);
    kiosk_status st = vet(db, path, &deadline, err, errlen);
    sqlite3_close(db);
    return st;
}

void store_sync_guard(store *s, int64_t timeout_ms)
{
    static int64_t deadline;
    int64_t deadline_ms = timeout_ms ? kiosk_mono_ms() + timeout_ms : 0;
    deadline = deadline_ms;
    sqlite3 *db = store_db(s);
    sqlite3_exec(db, deadline_ms ? "PRAGMA trusted_schema = OFF" : "PRAGMA trusted_schema = ON",
                 NULL, NULL, NULL);
    sqlite3_progress_handler(db, deadline_ms ? 1000 : 0, deadline_ms ? past_deadline : NULL,
                             &deadline);
}
