/* File sync: this kiosk's database and another kiosk database (USB stick, laptop), through
 * ATTACH. Each direction is one transaction on the side it writes, and compares ids, so an
 * interrupted run leaves each side whole and a rerun moves only what is still missing. */
#include "sync_internal.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#define SQL_CAP 8192

/* "1 AND (f.event_id IN (SELECT id FROM main.events)) AND ..." for the rows of f whose
 * parents the target holds (a foreign-key failure would abort the whole INSERT ... SELECT). */
static void parents_ok(const struct sync_table *t, const char *to, char *out, size_t cap)
{
    size_t n = (size_t)snprintf(out, cap, "1");
    for (int i = 0; i < t->nparents && n < cap; i++) {
        const struct sync_parent *p = &t->parents[i];
        const struct sync_table *pt = &sync_tables[p->table];
        char null_ok[96] = "";
        if (p->nullable)
            kiosk_fmt(null_ok, sizeof null_ok, "f.%s IS NULL OR ", p->column);
        n += (size_t)snprintf(out + n, cap - n,
                              /* sql-ident: */ " AND (%sf.%s IN (SELECT %s FROM %s.%s))", null_ok,
                              p->column, pt->key, to, pt->name);
    }
}

static kiosk_status count_query(sqlite3 *db, const char *sql, long *out, char *err, size_t errlen)
{
    int64_t v = 0;
    kiosk_status st = sync_query_i64(db, sql, NULL, &v);
    if (st != KIOSK_OK)
        kiosk_fmt(err, errlen, "%s", sqlite3_errmsg(db));
    *out = (long)v;
    return st;
}

/* Moves one table from -> to: new rows (parents present), then newer versions. */
static kiosk_status move_table(sqlite3 *db, const struct sync_table *t, const char *from,
                               const char *to, long *moved, long *already, long *held, char *err,
                               size_t errlen)
{
    char sql[SQL_CAP], cols[2048], fcols[2048], ok[1024];
    sync_cols(t, NULL, 0, cols, sizeof cols);
    sync_cols(t, "f.", 0, fcols, sizeof fcols);
    parents_ok(t, to, ok, sizeof ok);
    const char *missing_fmt = "FROM %s.%s AS f WHERE f.%s NOT IN (SELECT %s FROM %s.%s)";
    char missing[512];
    kiosk_fmt(missing, sizeof missing, missing_fmt, from, t->name, t->key, t->key, to, t->name);

    long candidates = 0, held_here = 0;
    kiosk_fmt(sql, sizeof sql, /* sql-ident: */ "SELECT count(*) %s", missing);
    kiosk_status st = count_query(db, sql, &candidates, err, errlen);
    if (st == KIOSK_OK && candidates && t->nparents) {
        kiosk_fmt(sql, sizeof sql, /* sql-ident: */ "SELECT count(*) %s AND NOT (%s)", missing, ok);
        st = count_query(db, sql, &held_here, err, errlen);
    }
    if (st != KIOSK_OK)
        return st;

    if (candidates && strcmp(t->name, "registrations") == 0) {
        /* One person registered for one event on two kiosks before they met: the earliest
         * registration (created_at, then id) is kept on every side. */
        kiosk_fmt(sql, sizeof sql,
                  "DELETE FROM %s.registrations WHERE id IN (SELECT r.id FROM %s.registrations "
                  "AS r JOIN %s.registrations AS f ON f.event_id = r.event_id AND f.person_id = "
                  "r.person_id AND f.id <> r.id WHERE (f.created_at, f.id) < (r.created_at, "
                  "r.id) AND %s)",
                  to, to, from, ok);
        if ((st = sync_exec(db, sql, err, errlen)) != KIOSK_OK)
            return st;
    }
    long inserted = 0;
    if (candidates) {
        kiosk_fmt(sql, sizeof sql,
                  /* sql-ident: */ "INSERT OR IGNORE INTO %s.%s(%s) SELECT %s %s AND %s", to,
                  t->name, cols, fcols, missing, ok);
        if ((st = sync_exec(db, sql, err, errlen)) != KIOSK_OK)
            return st;
        inserted = sqlite3_changes(db);
    }
    long updated = 0;
    if (t->versioned) {
        char set_cols[2048], set_vals[2048];
        sync_cols(t, NULL, 1, set_cols, sizeof set_cols);
        sync_cols(t, "f.", 1, set_vals, sizeof set_vals);
        /* An edit that would give an event a code another event holds here waits (the
         * code conflict is reported as 'already there'); the sync itself never fails on it. */
        char guard[256] = "";
        if (strcmp(t->name, "events") == 0)
            kiosk_fmt(guard, sizeof guard,
                      " AND NOT EXISTS (SELECT 1 FROM %s.events AS o WHERE o.code = f.code AND "
                      "o.id <> f.id)",
                      to);
        kiosk_fmt(sql, sizeof sql,
                  "UPDATE %s.%s AS t SET (%s) = (%s) FROM %s.%s AS f WHERE f.%s = t.%s AND "
                  "(f.updated_at, f.updated_by) > (t.updated_at, t.updated_by)%s",
                  to, t->name, set_cols, set_vals, from, t->name, t->key, t->key, guard);
        if ((st = sync_exec(db, sql, err, errlen)) != KIOSK_OK)
            return st;
        updated = sqlite3_changes(db);
    }
    *moved += inserted + updated;
    *held += held_here;
    long dup = candidates - held_here - inserted;
    *already += dup > 0 ? dup : 0;
    return KIOSK_OK;
}

/* One direction, one transaction on the written side. */
static kiosk_status move_all(sqlite3 *db, const char *from, const char *to, long *moved,
                             long *already, long *held, char *err, size_t errlen)
{
    kiosk_status st = sync_exec(db, "BEGIN IMMEDIATE", err, errlen);
    if (st != KIOSK_OK)
        return st;
    for (int i = 0; i < SYNC_TABLES && st == KIOSK_OK; i++) {
        sync_test_pause();
        st = move_table(db, &sync_tables[i], from, to, &moved[i], &already[i], &held[i], err,
                        errlen);
    }
    if (st == KIOSK_OK)
        st = sync_exec(db, "COMMIT", err, errlen);
    if (st != KIOSK_OK && !sqlite3_get_autocommit(db))
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    return st;
}

static int same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    if (stat(a, &sa) != 0 || stat(b, &sb) != 0)
        return 0;
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static const char *key_for(kiosk_status st)
{
    if (st == KIOSK_E_CORRUPT)
        return "sync.err.not_kiosk";
    if (st == KIOSK_E_NEWER)
        return "sync.err.newer";
    return "sync.err.file";
}

kiosk_status sync_file_run(store *s, const char *path, struct sync_counts *c, const char **why_key,
                           char *err, size_t errlen)
{
    if (same_file(store_path(s), path)) {
        kiosk_fmt(err, errlen, "'%s' is this kiosk's own database: give the other kiosk's file",
                  path);
        if (why_key)
            *why_key = "sync.err.same_file";
        return KIOSK_E_INVALID;
    }
    /* Opening the peer as a store checks it is a kiosk file (refusing anything else without
     * touching it), brings an older schema up to date, and refuses a newer one. */
    struct stat sb;
    int exists = stat(path, &sb) == 0 || errno != ENOENT;
    store *peer = NULL;
    char perr[512] = "";
    kiosk_status st = exists ? store_open_existing(path, &peer, perr, sizeof perr)
                             : store_open(path, &peer, perr, sizeof perr);
    if (st != KIOSK_OK) {
        kiosk_fmt(err, errlen, "%s", perr[0] ? perr : kiosk_status_name(st));
        if (why_key)
            *why_key = key_for(st);
        return st;
    }
    store_close(peer);

    sqlite3 *db = store_db(s);
    sqlite3_stmt *at;
    if (sqlite3_prepare_v2(db, "ATTACH DATABASE ?1 AS peer", -1, &at, NULL) != SQLITE_OK)
        return KIOSK_E_IO;
    sqlite3_bind_text(at, 1, path, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(at);
    sqlite3_finalize(at);
    if (rc != SQLITE_DONE) {
        kiosk_fmt(err, errlen, "cannot open '%s': %s", path, sqlite3_errmsg(db));
        if (why_key)
            *why_key = "sync.err.file";
        return KIOSK_E_IO;
    }
    char serr[512] = "";
    st = move_all(db, "peer", "main", c->received, c->already, c->held, serr, sizeof serr);
    if (st == KIOSK_OK) {
        sync_test_pause();
        st = move_all(db, "main", "peer", c->sent, c->already, c->held, serr, sizeof serr);
    }
    sqlite3_exec(db, "DETACH DATABASE peer", NULL, NULL, NULL);
    if (st != KIOSK_OK) {
        kiosk_fmt(err, errlen, "sync with '%s' stopped: %s (%s); a rerun completes it", path, serr,
                  kiosk_status_name(st));
        if (why_key)
            *why_key = "sync.err.file";
    }
    return st;
}
