/* File sync's SQLite side: this kiosk's database and another kiosk file attached as "peer".
 * Each direction is one transaction on the side it writes, and compares ids, so an
 * interrupted run leaves each side whole and a rerun moves only what is still missing. */
#include "store_internal.h"
#include "sync_io.h"

#include <stdio.h>
#include <string.h>

#define SQL_CAP 8192

/* "1 AND (f.event_id IN (SELECT id FROM main.events)) AND ..." for the rows of f whose
 * parents the target holds (a foreign-key failure would abort the whole INSERT ... SELECT). */
static void parents_ok(const struct sync_table *tables, const struct sync_table *t, const char *to,
                       char *out, size_t cap)
{
    size_t n = (size_t)snprintf(out, cap, "1");
    for (int i = 0; i < t->nparents && n < cap; i++) {
        const struct sync_parent *p = &t->parents[i];
        const struct sync_table *pt = &tables[p->table];
        char null_ok[96] = "";
        if (p->nullable)
            kiosk_fmt(null_ok, sizeof null_ok, "f.%s IS NULL OR ", p->column);
        n += (size_t)snprintf(out + n, cap - n,
                              /* sql-ident: */ " AND (%sf.%s IN (SELECT %s FROM %s.%s))", null_ok,
                              p->column, pt->key, to, pt->name);
    }
}

static kiosk_status count_query(store *s, const char *sql, long *out, char *err, size_t errlen)
{
    int64_t v = 0;
    kiosk_status st = store_query_i64(s, sql, "sync count", &v, NULL);
    if (st != KIOSK_OK)
        kiosk_fmt(err, errlen, "%s", sqlite3_errmsg(store_db(s)));
    *out = (long)v;
    return st;
}

/* Newer versions of t's rows from -> to (last writer wins); *updated: how many. */
/* With checks on (refused given): the rows kiosk_row_refused() refuses are set aside in the
 * target's quarantine, counted, and never moved; the others move as before. */
static kiosk_status refuse_rows(store *s, const struct sync_table *t, const char *chk,
                                const char *from_rows, const char *to, long *refused, char *err,
                                size_t errlen)
{
    char sql[SQL_CAP];
    long n = 0;
    kiosk_fmt(sql, sizeof sql, /* sql-ident: */ "SELECT count(*) %s AND %s IS NOT NULL", from_rows,
              chk);
    kiosk_status st = count_query(s, sql, &n, err, errlen);
    if (st != KIOSK_OK || n == 0)
        return st;
    *refused += n;
    kiosk_fmt(sql, sizeof sql,
              "INSERT OR IGNORE INTO %s.quarantine(tbl, row_id, kiosk_id, reason, source, at) "
              "SELECT * FROM (SELECT '%s', f.%s, f.kiosk_id, %s AS why, ?1, ?2 %s) AS q "
              "WHERE q.why IS NOT NULL",
              to, t->name, t->key, chk, from_rows);
    st = store_run(s, sql, "quarantine", "tI", "file sync", kiosk_clock_now_ms());
    if (st != KIOSK_OK)
        kiosk_fmt(err, errlen, "%s", sqlite3_errmsg(store_db(s)));
    return st;
}

/* Newer versions (last writer wins by (updated_at, updated_by)) from -> to; with checks on
 * (refused_here given), refused versions are set aside and never applied. */
static kiosk_status move_versions(store *s, const struct sync_table *t, const char *from,
                                  const char *to, const char *chk, long *refused_here,
                                  long *updated, char *err, size_t errlen)
{
    kiosk_status st;
    char sql[SQL_CAP], set_cols[2048], set_vals[2048];
    sync_cols(t, NULL, 1, set_cols, sizeof set_cols);
    sync_cols(t, "f.", 1, set_vals, sizeof set_vals);
    /* An edit that would give an event a code another event holds here waits (the
     * code conflict is reported as 'already there'); the sync itself never fails on it. */
    char guard[2600] = "";
    if (strcmp(t->name, "events") == 0)
        kiosk_fmt(guard, sizeof guard,
                  " AND NOT EXISTS (SELECT 1 FROM %s.events AS o WHERE o.code = f.code AND "
                  "o.id <> f.id)",
                  to);
    if (refused_here) {
        char newer[1024];
        kiosk_fmt(newer, sizeof newer,
                  "FROM %s.%s AS f JOIN %s.%s AS t ON f.%s = t.%s WHERE (f.updated_at, "
                  "f.updated_by) > (t.updated_at, t.updated_by)",
                  from, t->name, to, t->name, t->key, t->key);
        if ((st = refuse_rows(s, t, chk, newer, to, refused_here, err, errlen)) != KIOSK_OK)
            return st;
        size_t n = strlen(guard);
        kiosk_fmt(guard + n, sizeof guard - n, " AND %s IS NULL", chk);
    }
    kiosk_fmt(sql, sizeof sql,
              "UPDATE %s.%s AS t SET (%s) = (%s) FROM %s.%s AS f WHERE f.%s = t.%s AND "
              "(f.updated_at, f.updated_by) > (t.updated_at, t.updated_by)%s",
              to, t->name, set_cols, set_vals, from, t->name, t->key, t->key, guard);
    if ((st = store_sync_exec(s, sql, err, errlen)) != KIOSK_OK)
        return st;
    *updated = sqlite3_changes(store_db(s));
    return KIOSK_OK;
}

/* One person registered for one event on two kiosks before they met: the earliest
 * registration (created_at, then id) is kept on every side. ok: the rows that may move. */
static kiosk_status drop_later_registrations(store *s, const char *from, const char *to,
                                             const char *ok, char *err, size_t errlen)
{
    char sql[SQL_CAP];
    kiosk_fmt(sql, sizeof sql,
              "DELETE FROM %s.registrations WHERE id IN (SELECT r.id FROM %s.registrations "
              "AS r JOIN %s.registrations AS f ON f.event_id = r.event_id AND f.person_id = "
              "r.person_id AND f.id <> r.id WHERE (f.created_at, f.id) < (r.created_at, "
              "r.id) AND %s)",
              to, to, from, ok);
    return store_sync_exec(s, sql, err, errlen);
}

/* Moves one table from -> to: new rows (parents present), then newer versions. */
static kiosk_status move_table(store *s, const struct sync_table *tables,
                               const struct sync_table *t, const char *from, const char *to,
                               long *moved, long *already, long *held, long *refused, char *err,
                               size_t errlen)
{
    char sql[SQL_CAP], cols[2048], fcols[2048], ok[1024];
    sync_cols(t, NULL, 0, cols, sizeof cols);
    sync_cols(t, "f.", 0, fcols, sizeof fcols);
    parents_ok(tables, t, to, ok, sizeof ok);
    const char *missing_fmt = "FROM %s.%s AS f WHERE f.%s NOT IN (SELECT %s FROM %s.%s)";
    char missing[3000];
    kiosk_fmt(missing, sizeof missing, missing_fmt, from, t->name, t->key, t->key, to, t->name);

    char chk[2300] = "1";
    long refused_here = 0;
    if (refused)
        kiosk_fmt(chk, sizeof chk, /* sql-ident: */ "kiosk_row_refused(%d, %s)", (int)(t - tables),
                  fcols);
    long candidates = 0, held_here = 0;
    kiosk_fmt(sql, sizeof sql, /* sql-ident: */ "SELECT count(*) %s", missing);
    kiosk_status st = count_query(s, sql, &candidates, err, errlen);
    if (st == KIOSK_OK && candidates && refused)
        st = refuse_rows(s, t, chk, missing, to, &refused_here, err, errlen);
    if (refused && refused_here) { /* refused rows never move: keep them out of what follows */
        size_t n = strlen(missing);
        kiosk_fmt(missing + n, sizeof missing - n, " AND %s IS NULL", chk);
    }
    if (st == KIOSK_OK && candidates && t->nparents) {
        kiosk_fmt(sql, sizeof sql, /* sql-ident: */ "SELECT count(*) %s AND NOT (%s)", missing, ok);
        st = count_query(s, sql, &held_here, err, errlen);
    }
    if (st != KIOSK_OK)
        return st;

    if (candidates && strcmp(t->name, "registrations") == 0 &&
        (st = drop_later_registrations(s, from, to, ok, err, errlen)) != KIOSK_OK)
        return st;
    long inserted = 0;
    if (candidates) {
        kiosk_fmt(sql, sizeof sql,
                  /* sql-ident: */ "INSERT OR IGNORE INTO %s.%s(%s) SELECT %s %s AND %s", to,
                  t->name, cols, fcols, missing, ok);
        if ((st = store_sync_exec(s, sql, err, errlen)) != KIOSK_OK)
            return st;
        inserted = sqlite3_changes(store_db(s));
    }
    long updated = 0, refused_versions = 0;
    if (t->versioned && (st = move_versions(s, t, from, to, chk, refused ? &refused_versions : NULL,
                                            &updated, err, errlen)) != KIOSK_OK)
        return st;
    *moved += inserted + updated;
    *held += held_here;
    if (refused)
        *refused += refused_here + refused_versions;
    long dup = candidates - held_here - inserted - refused_here;
    *already += dup > 0 ? dup : 0;
    return KIOSK_OK;
}

/* A write lock on to alone, taken at once (a statement that writes to it, writing nothing):
 * BEGIN IMMEDIATE would lock every attached database, this kiosk's among them. */
static kiosk_status begin_writing(store *s, const char *to, char *err, size_t errlen)
{
    char sql[128];
    kiosk_fmt(sql, sizeof sql, /* sql-ident: */ "BEGIN; DELETE FROM %s.quarantine WHERE 0", to);
    return store_sync_exec(s, sql, err, errlen);
}

static kiosk_status move_tables(store *s, const struct sync_table *tables, int ntables,
                                const char *from, const char *to, long *moved, long *already,
                                long *held, long *refused, void (*pause)(void), char *err,
                                size_t errlen)
{
    kiosk_status st = KIOSK_OK;
    for (int i = 0; i < ntables && st == KIOSK_OK; i++) {
        if (pause)
            pause();
        st = move_table(s, tables, &tables[i], from, to, &moved[i], &already[i], &held[i],
                        refused ? &refused[i] : NULL, err, errlen);
    }
    if (st == KIOSK_OK)
        st = store_sync_exec(s, "COMMIT", err, errlen);
    if (st != KIOSK_OK)
        store_sync_rollback(s);
    return st;
}

kiosk_status store_sync_move_all(store *s, const struct sync_table *tables, int ntables,
                                 const char *from, const char *to, long *moved, long *already,
                                 long *held, long *refused, void (*pause)(void), char *err,
                                 size_t errlen)
{
    kiosk_status st = begin_writing(s, to, err, errlen);
    if (st != KIOSK_OK) {
        store_sync_rollback(s);
        return st;
    }
    return move_tables(s, tables, ntables, from, to, moved, already, held, refused, pause, err,
                       errlen);
}

kiosk_status store_sync_stage_merge(store *s, const struct sync_table *tables, int ntables,
                                    long *moved, long *already, long *held, char *err,
                                    size_t errlen)
{
    kiosk_status st = begin_writing(s, "main", err, errlen);
    if (st == KIOSK_OK)
        st = store_sync_exec(s,
                             "INSERT OR IGNORE INTO main.quarantine(tbl, row_id, kiosk_id, "
                             "reason, source, at) SELECT tbl, row_id, kiosk_id, reason, source, "
                             "at FROM stage.quarantine",
                             err, errlen);
    if (st != KIOSK_OK) {
        store_sync_rollback(s);
        return st;
    }
    return move_tables(s, tables, ntables, "stage", "main", moved, already, held, NULL, NULL, err,
                       errlen);
}

kiosk_status store_sync_attach(store *s, const char *path, char *err, size_t errlen)
{
    kiosk_status st = store_run(s, "ATTACH DATABASE ?1 AS peer", "sync attach", "t", path);
    if (st != KIOSK_OK)
        kiosk_fmt(err, errlen, "%s", sqlite3_errmsg(store_db(s)));
    return st;
}

void store_sync_detach(store *s)
{
    sqlite3_exec(store_db(s), "DETACH DATABASE peer", NULL, NULL, NULL);
}
