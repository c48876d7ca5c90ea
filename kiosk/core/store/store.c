#include "store_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Statements prepared once per handle: a check-in runs a handful of them, and preparing
 * each time costs more than the insert itself. Keyed by the SQL literal's address. */
#define STORE_STMT_CACHE 64
#define STORE_MAX_DEPTH 8

struct store {
    sqlite3 *db;
    char path[4096];
    char kiosk_id[KIOSK_ID_LEN];
    struct {
        const char *sql;
        sqlite3_stmt *st;
    } stmts[STORE_STMT_CACHE];
    size_t nstmts;
    struct vn_search *search;     /* people's names, built on the first search */
    struct class_search *classes; /* per-class name indexes (class_search.c) */
    struct fair_tally *fair;      /* a fair day's running figures (fair_tally.c) */
    uint64_t roster_gen; /* bumped by every row change in people, registrations or person_alias */
    int nested[STORE_MAX_DEPTH]; /* per open store_begin: 1 when it is a savepoint */
    int depth;
};

int store_stmt(store *s, const char *sql, sqlite3_stmt **out)
{
    for (size_t i = 0; i < s->nstmts; i++) {
        if (s->stmts[i].sql == sql) {
            sqlite3_reset(s->stmts[i].st);
            sqlite3_clear_bindings(s->stmts[i].st);
            *out = s->stmts[i].st;
            return SQLITE_OK;
        }
    }
    int rc = sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, out, NULL);
    if (rc != SQLITE_OK)
        return rc;
    if (s->nstmts < STORE_STMT_CACHE) {
        s->stmts[s->nstmts].sql = sql;
        s->stmts[s->nstmts].st = *out;
        s->nstmts++;
    } else {
        /* cache full: a programming slip (too many distinct statements); still works, leaks
         * nothing because the statement is finalized with the connection */
        kiosk_log(KIOSK_LOG_WARN, "store: statement cache full");
    }
    return SQLITE_OK;
}

/* Any row written to people or registrations on this connection (the kiosk's own writes,
 * sync, imports, rollbacks) makes the per-class name indexes stale. */
static void on_row_change(void *user, int op, const char *dbname, const char *table,
                          sqlite3_int64 rowid)
{
    (void)op, (void)dbname, (void)rowid;
    if (strcmp(table, "people") == 0 || strcmp(table, "registrations") == 0 ||
        strcmp(table, "person_alias") == 0)
        ((store *)user)->roster_gen++;
}

uint64_t store_roster_gen(const store *s)
{
    return s->roster_gen;
}

struct fair_tally **store_fair_tally_slot(store *s)
{
    return &s->fair;
}

struct class_search **store_class_search_slot(store *s)
{
    return &s->classes;
}

struct vn_search *store_search_index(store *s)
{
    return s->search;
}

void store_search_set(store *s, struct vn_search *index)
{
    if (s->search && s->search != index)
        vn_search_free(s->search);
    s->search = index;
}

sqlite3 *store_db(store *s)
{
    return s->db;
}

const char *store_kiosk_id(const store *s)
{
    return s->kiosk_id;
}

const char *store_path(const store *s)
{
    return s->path;
}

static int user_version(sqlite3 *db)
{
    sqlite3_stmt *st;
    int v = -1;
    if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW)
            v = sqlite3_column_int(st, 0);
        sqlite3_finalize(st);
    }
    return v;
}

int store_schema_version(store *s)
{
    return user_version(s->db);
}

kiosk_status store_status_from_sqlite(store *s, int rc, const char *what)
{
    int base = rc & 0xff;
    const char *msg = s && s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc);
    kiosk_status st = KIOSK_E_IO;
    if (base == SQLITE_FULL)
        st = KIOSK_E_FULL;
    else if (base == SQLITE_READONLY || base == SQLITE_CANTOPEN || base == SQLITE_PERM)
        st = KIOSK_E_READONLY;
    else if (base == SQLITE_NOTADB || base == SQLITE_CORRUPT)
        st = KIOSK_E_CORRUPT;
    else if (base == SQLITE_NOMEM)
        st = KIOSK_E_NOMEM;
    else if (base == SQLITE_CONSTRAINT)
        st = KIOSK_E_EXISTS;
    kiosk_log(KIOSK_LOG_ERROR, "%s failed in '%s': %s", what, s ? s->path : "?", msg);
    return st;
}

static kiosk_status exec(store *s, const char *sql, const char *what)
{
    int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        return store_status_from_sqlite(s, rc, what);
    return KIOSK_OK;
}

/* Inside an open transaction (an import's, a sync's) a domain write becomes a savepoint:
 * it is all-or-nothing on its own, and the outer transaction decides what is kept. */
kiosk_status store_begin(store *s)
{
    if (s->depth >= STORE_MAX_DEPTH)
        return KIOSK_E_INVALID;
    int nested = !sqlite3_get_autocommit(s->db);
    int moved = 0;
    if (!nested &&
        sqlite3_file_control(s->db, "main", SQLITE_FCNTL_HAS_MOVED, &moved) == SQLITE_OK && moved) {
        /* the file is no longer at its path (its folder removed, a stick pulled out): a
         * write would land in a file nobody opens again, and be lost at the next start */
        kiosk_log(KIOSK_LOG_ERROR, "the database '%s' is gone from its folder: nothing is saved",
                  s->path);
        return KIOSK_E_READONLY;
    }
    kiosk_status st = exec(s, nested ? "SAVEPOINT store_write" : "BEGIN IMMEDIATE", "begin");
    if (st == KIOSK_OK)
        s->nested[s->depth++] = nested;
    return st;
}

kiosk_status store_commit(store *s)
{
    if (s->depth == 0)
        return exec(s, "COMMIT", "commit");
    int nested = s->nested[s->depth - 1];
    kiosk_status st = exec(s, nested ? "RELEASE store_write" : "COMMIT", "commit");
    if (st != KIOSK_OK) {
        store_rollback(s);
        return st;
    }
    s->depth--;
    return KIOSK_OK;
}

void store_rollback(store *s)
{
    if (s->depth == 0) {
        if (!sqlite3_get_autocommit(s->db))
            sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
        return;
    }
    int nested = s->nested[--s->depth];
    if (nested) {
        sqlite3_exec(s->db, "ROLLBACK TO store_write; RELEASE store_write", NULL, NULL, NULL);
        return;
    }
    if (!sqlite3_get_autocommit(s->db))
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    /* names written in the rolled-back transaction may be in the search indexes */
    store_search_set(s, NULL);
    s->roster_gen++;
    store_fair_tally_free(s->fair); /* rows it counted may be gone: count again */
    s->fair = NULL;
}

/* A file that exists but is not SQLite must be refused before SQLite touches it:
 * opening it read-write could start a journal next to it. */
static int looks_like_sqlite(const char *path, int *exists)
{
    FILE *f = fopen(path, "rb");
    *exists = f != NULL || errno != ENOENT;
    if (!f)
        return 0;
    char head[16] = {0};
    size_t n = fread(head, 1, sizeof head, f);
    fclose(f);
    if (n == 0)
        return 1; /* empty file: SQLite treats it as a new database */
    return n == 16 && memcmp(head, "SQLite format 3", 16) == 0;
}

static kiosk_status migrate(store *s, char *err, size_t errlen)
{
    int v = user_version(s->db);
    int latest = store_schema_latest();
    if (v > latest) {
        kiosk_fmt(err, errlen,
                  "database '%s' was written by a newer kiosk (schema %d, this one knows %d): "
                  "update the kiosk; the file was not changed",
                  s->path, v, latest);
        return KIOSK_E_NEWER;
    }
    while (v < latest) {
        kiosk_status st = store_begin(s);
        if (st != KIOSK_OK)
            goto failed;
        st = exec(s, store_schema_migration(v + 1), "schema migration");
        if (st == KIOSK_OK) {
            char pragma[64];
            /* sql-ident: the schema version is a number of this program */
            kiosk_fmt(pragma, sizeof pragma, "PRAGMA user_version=%d", v + 1); /* sql-ident: */
            st = exec(s, pragma, "schema version");
        }
        if (st == KIOSK_OK)
            st = store_commit(s);
        else
            store_rollback(s);
        if (st != KIOSK_OK) {
        failed:
            kiosk_fmt(err, errlen, "cannot update the schema of '%s' to version %d: %s", s->path,
                      v + 1, kiosk_status_name(st));
            return st;
        }
        v++;
    }
    return KIOSK_OK;
}

static kiosk_status load_kiosk_id(store *s, char *err, size_t errlen)
{
    if (store_setting_get(s, "kiosk_id", s->kiosk_id, sizeof s->kiosk_id) == KIOSK_OK &&
        strlen(s->kiosk_id) == 32)
        return KIOSK_OK;
    kiosk_id_new(s->kiosk_id);
    kiosk_status st = store_setting_set(s, "kiosk_id", s->kiosk_id);
    if (st != KIOSK_OK)
        kiosk_fmt(err, errlen, "cannot write to '%s': %s", s->path, kiosk_status_name(st));
    return st;
}

static int count_rows(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st;
    int n = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW)
            n = sqlite3_column_int(st, 0);
        sqlite3_finalize(st);
    }
    return n;
}

/* Looks at an existing SQLite file through a read-only connection, so a file that is not
 * ours, or is newer, is refused without a byte of it (or a journal beside it) written. */
/* "file:<path>?immutable=1": read without locks, -shm or -wal (none can be left behind).
 * Only when no -wal exists, whose frames would be newer than the file. */
static int immutable_uri(const char *path, char *out, size_t cap)
{
    char wal[4200];
    kiosk_fmt(wal, sizeof wal, "%s-wal", path);
    if (access(wal, F_OK) == 0)
        return 0;
    size_t o = 0;
    o += (size_t)snprintf(out, cap, "file:");
    for (const char *p = path; *p && o + 4 < cap; p++) {
        if (*p == '%' || *p == '?' || *p == '#') /* the URI's own characters */
            o += (size_t)snprintf(out + o, cap - o, "%%%02X", (unsigned char)*p);
        else
            out[o++] = *p;
    }
    if (o + 16 >= cap)
        return 0;
    kiosk_strlcpy(out + o, "?immutable=1", cap - o);
    return 1;
}

static kiosk_status inspect_existing(const char *path, char *err, size_t errlen)
{
    sqlite3 *db = NULL;
    char uri[4300];
    int rc = immutable_uri(path, uri, sizeof uri)
                 ? sqlite3_open_v2(uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL)
                 : sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL);
    if (rc != SQLITE_OK) {
        kiosk_fmt(err, errlen, "cannot read '%s': %s; it was left as it is", path,
                  db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
        sqlite3_close_v2(db);
        return KIOSK_E_IO;
    }
    kiosk_status st = KIOSK_OK;
    int v = user_version(db);
    int tables = count_rows(db, "SELECT count(*) FROM sqlite_master");
    int ours = count_rows(db, "SELECT count(*) FROM sqlite_master WHERE name='checkins'");
    if (v < 0 || tables < 0 || ours < 0) {
        kiosk_fmt(err, errlen,
                  "'%s' is not a kiosk database or is damaged (%s); it was left as it is", path,
                  sqlite3_errmsg(db));
        st = KIOSK_E_CORRUPT;
    } else if (v > store_schema_latest()) {
        kiosk_fmt(err, errlen,
                  "database '%s' was written by a newer kiosk (schema %d, this one knows %d): "
                  "update the kiosk; the file was not changed",
                  path, v, store_schema_latest());
        st = KIOSK_E_NEWER;
    } else if ((v > 0 && !ours) || (v == 0 && tables > 0)) {
        /* refuse rather than add our tables to someone else's file */
        kiosk_fmt(err, errlen,
                  "'%s' is an SQLite file of another program, not a kiosk database; "
                  "it was left as it is",
                  path);
        st = KIOSK_E_CORRUPT;
    }
    sqlite3_close_v2(db);
    return st;
}

/* SQLite writes its journal (-wal, -shm) beside the file: the folder must be writable. */
static kiosk_status check_folder(const char *path, int exists, char *err, size_t errlen)
{
    char dir[4096];
    kiosk_strlcpy(dir, path, sizeof dir);
    char *d = dirname(dir);
    if (!exists)
        kiosk_mkdirs(d, 0700);
    if (access(d, W_OK) == 0)
        return KIOSK_OK;
    int e = errno;
    if (exists)
        kiosk_fmt(err, errlen, "cannot use the database '%s': its folder '%s' is not writable (%s)",
                  path, d, strerror(e));
    else
        kiosk_fmt(err, errlen,
                  "cannot create the database in '%s': the folder is not writable (%s)", d,
                  strerror(e));
    return KIOSK_E_READONLY;
}

/* Before SQLite starts, once a process: a sort keeps at most max(64 pages, the connection's
 * page cache) in memory before it writes a run to a temporary file (SQLite's own floor is
 * 250 pages, 1 MiB a sort). A connection with the default 2 MB cache sorts as before; one
 * made lean for an export (store_export_lean) sorts in 256 KiB runs. */
static pthread_once_t sqlite_config_once = PTHREAD_ONCE_INIT;
static void sqlite_config(void)
{
    sqlite3_config(SQLITE_CONFIG_PMASZ, 64); /* SQLITE_MISUSE when already started: harmless */
}

static kiosk_status open_impl(const char *path, int create, store **out, char *err, size_t errlen)
{
    pthread_once(&sqlite_config_once, sqlite_config);
    *out = NULL;
    int exists = 0;
    if (!looks_like_sqlite(path, &exists) && exists) {
        kiosk_fmt(err, errlen,
                  "'%s' is not a kiosk database (not an SQLite file); it was left as it is", path);
        return KIOSK_E_CORRUPT;
    }
    if (!exists && !create) {
        kiosk_fmt(err, errlen, "no database at '%s'", path);
        return KIOSK_E_NOT_FOUND;
    }
    kiosk_status st = exists ? inspect_existing(path, err, errlen) : KIOSK_OK;
    if (st == KIOSK_OK)
        st = check_folder(path, exists, err, errlen);
    if (st != KIOSK_OK)
        return st;
    store *s = calloc(1, sizeof *s);
    if (!s)
        return KIOSK_E_NOMEM;
    kiosk_strlcpy(s->path, path, sizeof s->path);
    mode_t old = umask(077); /* the database holds phone numbers: owner only */
    int rc = sqlite3_open_v2(
        path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, NULL);
    umask(old);
    if (rc != SQLITE_OK) {
        kiosk_fmt(err, errlen, "cannot open '%s': %s", path,
                  s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc));
        store_close(s);
        return rc == SQLITE_CANTOPEN || rc == SQLITE_READONLY ? KIOSK_E_READONLY : KIOSK_E_IO;
    }
    sqlite3_busy_timeout(s->db, 5000);
    sqlite3_extended_result_codes(s->db, 1);
    sqlite3_update_hook(s->db, on_row_change, s);
    st = exec(s, "PRAGMA journal_mode=WAL", "journal mode");
    if (st == KIOSK_OK)
        st = exec(s, "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON", "pragmas");
    if (st != KIOSK_OK) {
        kiosk_fmt(err, errlen, "cannot use '%s': %s", path, kiosk_status_name(st));
        store_close(s);
        return st;
    }
    st = migrate(s, err, errlen);
    if (st == KIOSK_OK)
        st = load_kiosk_id(s, err, errlen);
    if (st != KIOSK_OK) {
        store_close(s);
        return st;
    }
    *out = s;
    return KIOSK_OK;
}

kiosk_status store_open(const char *path, store **out, char *err, size_t errlen)
{
    return open_impl(path, 1, out, err, errlen);
}

kiosk_status store_open_existing(const char *path, store **out, char *err, size_t errlen)
{
    return open_impl(path, 0, out, err, errlen);
}

void store_close(store *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->nstmts; i++)
        sqlite3_finalize(s->stmts[i].st);
    if (s->db)
        sqlite3_close_v2(s->db);
    if (s->search)
        vn_search_free(s->search);
    store_class_search_free(s);
    store_fair_tally_free(s->fair);
    free(s);
}

kiosk_status store_setting_set(store *s, const char *key, const char *value)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(s->db,
                                "INSERT INTO settings(key, value, updated_at) VALUES(?1, ?2, ?3) "
                                "ON CONFLICT(key) DO UPDATE SET value=excluded.value, "
                                "updated_at=excluded.updated_at",
                                -1, &st, NULL);
    if (rc != SQLITE_OK)
        return store_status_from_sqlite(s, rc, "setting");
    sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, value, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 3, kiosk_clock_now_ms());
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return store_status_from_sqlite(s, rc, "setting");
    return KIOSK_OK;
}

kiosk_status store_setting_get(store *s, const char *key, char *out, size_t cap)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "SELECT value FROM settings WHERE key=?1", -1, &st, NULL) !=
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

kiosk_status store_log_add(store *s, const char *kind, const char *subject, const char *detail)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(s->db,
                                "INSERT INTO log(id, kiosk_id, created_at, kind, subject, detail) "
                                "VALUES(?1, ?2, ?3, ?4, ?5, ?6)",
                                -1, &st, NULL);
    if (rc != SQLITE_OK)
        return store_status_from_sqlite(s, rc, "log");
    char id[KIOSK_ID_LEN];
    kiosk_id_new(id);
    sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, s->kiosk_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 3, kiosk_clock_now_ms());
    sqlite3_bind_text(st, 4, kind, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 5, subject ? subject : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 6, detail ? detail : "", -1, SQLITE_TRANSIENT);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return store_status_from_sqlite(s, rc, "log");
    return KIOSK_OK;
}
