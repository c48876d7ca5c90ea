/* File sync's staging database (sync_io.h, docs/TRUST.md): the rows a foreign file holds and
 * this kiosk lacks are copied into a private file beside the kiosk's database, checked there,
 * and only what passed is merged into the kiosk's database in one short write transaction
 * (store_sync_stage_merge in sync_file_io.c). Copying and checking write only the staging
 * file: check-ins on this kiosk go on meanwhile. */
#include "store_internal.h"
#include "sync_io.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#define SQL_CAP 8192

static void stage_path(store *s, char *out, size_t cap)
{
    kiosk_fmt(out, cap, "%s.stage", store_path(s));
}

/* The staging file and whatever SQLite left beside it (a run stopped by kill -9). */
static void stage_unlink(const char *path)
{
    static const char *const tails[] = {"", "-journal", "-wal", "-shm"};
    char p[4200];
    for (size_t i = 0; i < sizeof tails / sizeof tails[0]; i++) {
        kiosk_fmt(p, sizeof p, "%s%s", path, tails[i]);
        unlink(p);
    }
}

/* Each synced table's columns (no constraint, no trigger: refused rows are deleted here),
 * one row an id, and a quarantine for what the checks refuse. */
static kiosk_status stage_tables(store *s, const struct sync_table *tables, int ntables, char *err,
                                 size_t errlen)
{
    char sql[SQL_CAP], cols[2048];
    kiosk_status st = store_sync_exec(s,
                                      "PRAGMA stage.journal_mode = MEMORY; "
                                      "PRAGMA stage.synchronous = OFF; "
                                      "CREATE TABLE stage.quarantine AS SELECT tbl, row_id, "
                                      "kiosk_id, reason, source, at FROM main.quarantine WHERE 0",
                                      err, errlen);
    for (int i = 0; i < ntables && st == KIOSK_OK; i++) {
        const struct sync_table *t = &tables[i];
        sync_cols(t, NULL, 0, cols, sizeof cols);
        kiosk_fmt(sql, sizeof sql,
                  /* sql-ident: */
                  "CREATE TABLE stage.%s AS SELECT %s FROM main.%s WHERE 0; "
                  "CREATE UNIQUE INDEX stage.%s_stage_key ON %s(%s)",
                  t->name, cols, t->name, t->name, t->name, t->key);
        st = store_sync_exec(s, sql, err, errlen);
    }
    return st;
}

static int lock_fd = -1; /* <db>.stage.lock, held while a sync stages: one at a time */

/* Another process (kioskctl beside the kiosk's worker) may be staging for this kiosk: the
 * staging file is theirs until they end. */
static kiosk_status stage_lock(store *s, char *err, size_t errlen)
{
    char path[4200];
    kiosk_fmt(path, sizeof path, "%s.stage.lock", store_path(s));
    int fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
        kiosk_fmt(err, errlen, "cannot open '%s': %s", path, strerror(errno));
        return KIOSK_E_IO;
    }
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        close(fd);
        kiosk_fmt(err, errlen, "another sync of this kiosk is running; try again when it ends");
        return KIOSK_E_UNAVAILABLE;
    }
    lock_fd = fd;
    return KIOSK_OK;
}

kiosk_status store_sync_stage_open(store *s, const struct sync_table *tables, int ntables,
                                   char *err, size_t errlen)
{
    char path[4200];
    kiosk_status st = stage_lock(s, err, errlen);
    if (st != KIOSK_OK)
        return st;
    stage_path(s, path, sizeof path);
    stage_unlink(path);
    int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
        kiosk_fmt(err, errlen, "cannot make the staging file '%s': %s", path, strerror(errno));
        store_sync_stage_close(s);
        return KIOSK_E_IO;
    }
    close(fd);
    st = store_run(s, "ATTACH DATABASE ?1 AS stage", "sync stage", "t", path);
    if (st != KIOSK_OK)
        kiosk_fmt(err, errlen, "%s", sqlite3_errmsg(store_db(s)));
    if (st == KIOSK_OK)
        st = stage_tables(s, tables, ntables, err, errlen);
    if (st != KIOSK_OK)
        store_sync_stage_close(s);
    return st;
}

void store_sync_stage_close(store *s)
{
    char path[4200];
    store_sync_rollback(s);
    sqlite3_exec(store_db(s), "DETACH DATABASE stage", NULL, NULL, NULL);
    stage_path(s, path, sizeof path);
    stage_unlink(path);
    if (lock_fd >= 0)
        close(lock_fd); /* the lock file stays: removing it would race the next sync */
    lock_fd = -1;
}

/* The rows of from.t this kiosk lacks, and the newer versions of those it holds. */
static kiosk_status stage_table(store *s, const struct sync_table *t, const char *from, char *err,
                                size_t errlen)
{
    char sql[SQL_CAP], cols[2048], fcols[2048];
    sync_cols(t, NULL, 0, cols, sizeof cols);
    sync_cols(t, "f.", 0, fcols, sizeof fcols);
    kiosk_fmt(sql, sizeof sql,
              /* sql-ident: */
              "INSERT OR IGNORE INTO stage.%s(%s) SELECT %s FROM %s.%s AS f "
              "WHERE f.%s NOT IN (SELECT %s FROM main.%s)",
              t->name, cols, fcols, from, t->name, t->key, t->key, t->name);
    kiosk_status st = store_sync_exec(s, sql, err, errlen);
    if (st != KIOSK_OK || !t->versioned)
        return st;
    kiosk_fmt(sql, sizeof sql,
              /* sql-ident: */
              "INSERT OR IGNORE INTO stage.%s(%s) SELECT %s FROM %s.%s AS f "
              "JOIN main.%s AS t ON f.%s = t.%s WHERE (f.updated_at, "
              "f.updated_by) > (t.updated_at, t.updated_by)",
              t->name, cols, fcols, from, t->name, t->name, t->key, t->key);
    return store_sync_exec(s, sql, err, errlen);
}

kiosk_status store_sync_stage_copy(store *s, const struct sync_table *tables, int ntables,
                                   const char *from, void (*pause)(void), char *err, size_t errlen)
{
    /* Deferred: the kiosk's database is only read (a WAL reader blocks no writer). */
    kiosk_status st = store_sync_exec(s, "BEGIN", err, errlen);
    for (int i = 0; i < ntables && st == KIOSK_OK; i++) {
        if (pause)
            pause();
        st = stage_table(s, &tables[i], from, err, errlen);
    }
    if (st == KIOSK_OK)
        st = store_sync_exec(s, "COMMIT", err, errlen);
    if (st != KIOSK_OK)
        store_sync_rollback(s);
    return st;
}

/* Sets aside the staged rows of t that kiosk_row_refused refuses, and deletes them. */
static kiosk_status stage_check_table(store *s, const struct sync_table *tables, int i,
                                      long *refused, char *err, size_t errlen)
{
    const struct sync_table *t = &tables[i];
    char sql[SQL_CAP], fcols[2048];
    sync_cols(t, "f.", 0, fcols, sizeof fcols);
    kiosk_fmt(sql, sizeof sql,
              "INSERT INTO stage.quarantine(tbl, row_id, kiosk_id, reason, source, at) "
              "SELECT '%s', q.k, q.kiosk_id, q.why, ?1, ?2 FROM (SELECT f.%s AS k, f.kiosk_id "
              "AS kiosk_id, kiosk_row_refused(%d, %s) AS why FROM stage.%s AS f) AS q "
              "WHERE q.why IS NOT NULL",
              t->name, t->key, i, fcols, t->name);
    kiosk_status st =
        store_run(s, sql, "sync stage check", "tI", "file sync", kiosk_clock_now_ms());
    if (st != KIOSK_OK) {
        kiosk_fmt(err, errlen, "%s", sqlite3_errmsg(store_db(s)));
        return st;
    }
    long n = sqlite3_changes(store_db(s));
    *refused += n;
    if (!n)
        return KIOSK_OK;
    kiosk_fmt(sql, sizeof sql,
              /* sql-ident: */
              "DELETE FROM stage.%s WHERE %s IN (SELECT row_id FROM "
              "stage.quarantine WHERE tbl = '%s')",
              t->name, t->key, t->name);
    return store_sync_exec(s, sql, err, errlen);
}

kiosk_status store_sync_stage_check(store *s, const struct sync_table *tables, int ntables,
                                    long *refused, char *err, size_t errlen)
{
    kiosk_status st = store_sync_exec(s, "BEGIN", err, errlen);
    for (int i = 0; i < ntables && st == KIOSK_OK; i++)
        st = stage_check_table(s, tables, i, &refused[i], err, errlen);
    if (st == KIOSK_OK)
        st = store_sync_exec(s, "COMMIT", err, errlen);
    if (st != KIOSK_OK)
        store_sync_rollback(s);
    return st;
}
