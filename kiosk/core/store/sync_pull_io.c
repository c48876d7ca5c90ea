/* Writing the rows a server sync pulled: insert (or newer version wins), the earliest
 * registration of a person for an event kept, the shadow of what the server holds. */
#include "store_internal.h"
#include "sync_io.h"

#include <stdlib.h>
#include <string.h>

/* A parent column checked here (store_sync_applier_parents): the ids found so far. */
#define PARENT_ID_MAX 40
struct parent_check {
    int col;
    sqlite3_stmt *find;
    char (*ids)[PARENT_ID_MAX]; /* open addressing, "" empty; ids this long or longer are
                                 * searched every time */
    size_t cap, n;
};

struct store_sync_applier {
    store *s;
    const struct sync_table *t;
    struct parent_check parents[3];
    int nparents;
    sqlite3_stmt *ins;    /* insert (or upsert by version) one row */
    sqlite3_stmt *exists; /* is this id here? */
    sqlite3_stmt *dedup;  /* registrations: drop a later one for the same person and event */
    sqlite3_stmt *shadow;
    int key, event, person, created; /* column indexes */
};

static int col_index(const struct sync_table *t, const char *name)
{
    for (int i = 0; i < t->ncols; i++) {
        if (strcmp(t->cols[i].name, name) == 0)
            return i;
    }
    return -1;
}

static kiosk_status prepare(store_sync_applier *a, const char *sql, sqlite3_stmt **out, char *err,
                            size_t errlen)
{
    sqlite3 *db = store_db(a->s);
    if (sqlite3_prepare_v2(db, sql, -1, out, NULL) == SQLITE_OK)
        return KIOSK_OK;
    kiosk_fmt(err, errlen, "cannot write the pulled rows: %s", sqlite3_errmsg(db));
    return KIOSK_E_IO;
}

/* INSERT (versioned: upsert where the pulled version is newer) of one row. */
static void insert_sql(const struct sync_table *t, char *sql, size_t cap)
{
    char cols[2048], params[512];
    sync_cols(t, NULL, 0, cols, sizeof cols);
    size_t n = 0;
    params[0] = '\0';
    for (int i = 0; i < t->ncols; i++) {
        kiosk_fmt(params + n, sizeof params - n, "%s?%d", i ? ", " : "", i + 1);
        n += strlen(params + n);
    }
    if (!t->versioned) {
        kiosk_fmt(sql, cap, /* sql-ident: */ "INSERT OR IGNORE INTO main.%s (%s) VALUES (%s)",
                  t->name, cols, params);
        return;
    }
    char set[2048] = "";
    size_t m = 0;
    for (int i = 0; i < t->ncols; i++) {
        if (strcmp(t->cols[i].name, t->key) == 0)
            continue;
        kiosk_fmt(set + m, sizeof set - m, "%s%s = excluded.%s", m ? ", " : "", t->cols[i].name,
                  t->cols[i].name);
        m += strlen(set + m);
    }
    const char *guard = strcmp(t->name, "events") == 0
                            ? " AND NOT EXISTS (SELECT 1 FROM main.events AS o "
                              "WHERE o.code = excluded.code AND o.id <> excluded.id)"
                            : "";
    kiosk_fmt(sql, cap,
              "INSERT OR IGNORE INTO main.%s (%s) VALUES (%s) ON CONFLICT(%s) DO UPDATE SET "
              "%s WHERE (excluded.updated_at, excluded.updated_by) > (%s.updated_at, "
              "%s.updated_by)%s",
              t->name, cols, params, t->key, set, t->name, t->name, guard);
}

static kiosk_status applier_init(store_sync_applier *a, char *err, size_t errlen)
{
    const struct sync_table *t = a->t;
    char sql[8192];
    insert_sql(t, sql, sizeof sql);
    kiosk_status st = prepare(a, sql, &a->ins, err, errlen);
    if (st == KIOSK_OK) {
        kiosk_fmt(sql, sizeof sql, /* sql-ident: */ "SELECT 1 FROM main.%s WHERE %s = ?1", t->name,
                  t->key);
        st = prepare(a, sql, &a->exists, err, errlen);
    }
    if (st == KIOSK_OK && strcmp(t->name, "registrations") == 0)
        st = prepare(a,
                     "DELETE FROM main.registrations WHERE event_id = ?1 AND person_id = ?2 AND "
                     "id <> ?3 AND (created_at, id) > (?4, ?3) AND EXISTS (SELECT 1 FROM "
                     "main.events WHERE id = ?1) AND EXISTS (SELECT 1 FROM main.people WHERE id "
                     "= ?2)",
                     &a->dedup, err, errlen);
    if (st == KIOSK_OK && t->track == SYNC_SHADOW)
        st = prepare(a,
                     "INSERT INTO main.sync_shadow(server_id, tbl, id, updated_at, updated_by) "
                     "VALUES(?1, ?2, ?3, ?4, ?5) ON CONFLICT(server_id, tbl, id) DO UPDATE SET "
                     "updated_at = excluded.updated_at, updated_by = excluded.updated_by",
                     &a->shadow, err, errlen);
    return st;
}

kiosk_status store_sync_applier_open(store *s, const struct sync_table *t, store_sync_applier **out,
                                     char *err, size_t errlen)
{
    store_sync_applier *a = calloc(1, sizeof *a);
    *out = a;
    if (!a)
        return KIOSK_E_NOMEM;
    a->s = s;
    a->t = t;
    a->key = col_index(t, t->key);
    a->event = col_index(t, "event_id");
    a->person = col_index(t, "person_id");
    a->created = col_index(t, "created_at");
    return applier_init(a, err, errlen);
}

void store_sync_applier_close(store_sync_applier *a)
{
    if (!a)
        return;
    for (int i = 0; i < a->nparents; i++) {
        sqlite3_finalize(a->parents[i].find);
        free(a->parents[i].ids);
    }
    sqlite3_finalize(a->ins);
    sqlite3_finalize(a->exists);
    sqlite3_finalize(a->dedup);
    sqlite3_finalize(a->shadow);
    free(a);
}

kiosk_status store_sync_shadow_put(store_sync_applier *a, const char *server_id, const char *id,
                                   int64_t updated_at, const char *updated_by, char *err,
                                   size_t errlen)
{
    if (!a->shadow)
        return KIOSK_OK;
    sqlite3_reset(a->shadow);
    sqlite3_bind_text(a->shadow, 1, server_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(a->shadow, 2, a->t->name, -1, SQLITE_STATIC);
    sqlite3_bind_text(a->shadow, 3, id, -1, SQLITE_STATIC);
    if (a->t->versioned) {
        sqlite3_bind_int64(a->shadow, 4, updated_at);
        sqlite3_bind_text(a->shadow, 5, updated_by, -1, SQLITE_STATIC);
    } else {
        sqlite3_bind_null(a->shadow, 4);
        sqlite3_bind_null(a->shadow, 5);
    }
    if (sqlite3_step(a->shadow) != SQLITE_DONE) {
        kiosk_fmt(err, errlen, "cannot note what the server holds: %s",
                  sqlite3_errmsg(store_db(a->s)));
        return KIOSK_E_IO;
    }
    return KIOSK_OK;
}

kiosk_status store_sync_own_parents(store *s, int on)
{
    const char *sql = on ? "PRAGMA foreign_keys=OFF" : "PRAGMA foreign_keys=ON";
    return sqlite3_exec(store_db(s), sql, NULL, NULL, NULL) == SQLITE_OK ? KIOSK_OK : KIOSK_E_IO;
}

kiosk_status store_sync_applier_parents(store_sync_applier *a, const struct sync_table *tables,
                                        char *err, size_t errlen)
{
    const struct sync_table *t = a->t;
    kiosk_status st = KIOSK_OK;
    for (int i = 0; i < t->nparents && st == KIOSK_OK; i++) {
        const struct sync_table *parent = &tables[t->parents[i].table];
        struct parent_check *pc = &a->parents[a->nparents++];
        char sql[256];
        pc->col = col_index(t, t->parents[i].column);
        kiosk_fmt(sql, sizeof sql, /* sql-ident: */ "SELECT 1 FROM main.%s WHERE %s = ?1",
                  parent->name, parent->key);
        st = pc->col < 0 ? KIOSK_E_INVALID : prepare(a, sql, &pc->find, err, errlen);
    }
    return st;
}

static uint64_t id_hash(const char *p, size_t len)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)p[i]) * 1099511628211ULL;
    return h;
}

/* The slot of id in pc's set: where it is, or the empty one where it would go. */
static char *id_slot(struct parent_check *pc, const char *p, size_t len)
{
    size_t mask = pc->cap - 1;
    for (size_t i = id_hash(p, len) & mask;; i = (i + 1) & mask)
        if (!pc->ids[i][0] || (strncmp(pc->ids[i], p, len) == 0 && !pc->ids[i][len]))
            return pc->ids[i];
}

static void id_remember(struct parent_check *pc, const char *p, size_t len)
{
    if (len >= PARENT_ID_MAX || memchr(p, '\0', len))
        return;
    if ((pc->n + 1) * 2 > pc->cap) {
        size_t cap = pc->cap ? pc->cap * 2 : 1024;
        struct parent_check bigger = {.ids = calloc(cap, PARENT_ID_MAX), .cap = cap};
        if (!bigger.ids)
            return; /* searched every time */
        for (size_t i = 0; i < pc->cap; i++)
            if (pc->ids[i][0])
                strcpy(id_slot(&bigger, pc->ids[i], strlen(pc->ids[i])), pc->ids[i]);
        free(pc->ids);
        pc->ids = bigger.ids;
        pc->cap = cap;
    }
    char *slot = id_slot(pc, p, len);
    if (!slot[0]) {
        memcpy(slot, p, len);
        slot[len] = '\0';
        pc->n++;
    }
}

/* 1: the row's parent is here (or it has none), 0: missing, -1: error. */
static int parent_here(struct parent_check *pc, const struct store_value *v)
{
    const struct store_value *id = &v[pc->col];
    if (id->null)
        return 1; /* nullable: no parent; else the insert's NOT NULL refuses it */
    if (pc->cap && id->len && id->len < PARENT_ID_MAX && id_slot(pc, id->p, id->len)[0])
        return 1;
    sqlite3_reset(pc->find);
    sqlite3_bind_text(pc->find, 1, id->p, (int)id->len, SQLITE_STATIC);
    int rc = sqlite3_step(pc->find);
    sqlite3_reset(pc->find);
    if (rc == SQLITE_ROW)
        id_remember(pc, id->p, id->len);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

static void bind_row(const struct sync_table *t, const struct store_value *v, sqlite3_stmt *ins)
{
    sqlite3_reset(ins);
    sqlite3_clear_bindings(ins);
    for (int c = 0; c < t->ncols; c++) {
        if (v[c].null)
            continue; /* stays NULL */
        if (t->cols[c].type == SYNC_INT)
            sqlite3_bind_int64(ins, c + 1, strtoll(v[c].p, NULL, 10));
        else if (t->cols[c].type == SYNC_BLOB_NULL)
            sqlite3_bind_blob(ins, c + 1, v[c].p, (int)v[c].len, SQLITE_STATIC);
        else
            sqlite3_bind_text(ins, c + 1, v[c].p, (int)v[c].len, SQLITE_STATIC);
    }
}

/* Registrations: a later one for the same person and event gives way to the pulled one. */
static kiosk_status dedup(store_sync_applier *a, const struct store_value *v)
{
    if (!a->dedup)
        return KIOSK_OK;
    sqlite3_reset(a->dedup);
    sqlite3_bind_text(a->dedup, 1, v[a->event].p, -1, SQLITE_STATIC);
    sqlite3_bind_text(a->dedup, 2, v[a->person].p, -1, SQLITE_STATIC);
    sqlite3_bind_text(a->dedup, 3, v[a->key].p, -1, SQLITE_STATIC);
    sqlite3_bind_int64(a->dedup, 4, strtoll(v[a->created].p, NULL, 10));
    return sqlite3_step(a->dedup) == SQLITE_DONE ? KIOSK_OK : KIOSK_E_IO;
}

kiosk_status store_sync_apply(store_sync_applier *a, const struct store_value *vals,
                              enum store_pulled *out, char *err, size_t errlen)
{
    for (int i = 0; i < a->nparents; i++) {
        int here = parent_here(&a->parents[i], vals);
        if (here < 0) {
            kiosk_fmt(err, errlen, "cannot read the parents of '%s': %s", a->t->name,
                      sqlite3_errmsg(store_db(a->s)));
            return KIOSK_E_IO;
        }
        if (!here) {
            *out = STORE_PULLED_HELD;
            return KIOSK_OK;
        }
    }
    if (dedup(a, vals) != KIOSK_OK)
        return KIOSK_E_IO;
    bind_row(a->t, vals, a->ins);
    int rc = sqlite3_step(a->ins);
    if (rc == SQLITE_CONSTRAINT_FOREIGNKEY) {
        *out = STORE_PULLED_HELD;
        return KIOSK_OK;
    }
    if (rc != SQLITE_DONE) {
        kiosk_fmt(err, errlen, "cannot write a pulled row of '%s': %s", a->t->name,
                  sqlite3_errmsg(store_db(a->s)));
        return KIOSK_E_IO;
    }
    *out = STORE_PULLED_NEW;
    if (sqlite3_changes(store_db(a->s)))
        return KIOSK_OK;
    /* absent by id yet not taken: a clash on another unique key */
    sqlite3_reset(a->exists);
    sqlite3_bind_text(a->exists, 1, vals[a->key].p, -1, SQLITE_STATIC);
    *out = sqlite3_step(a->exists) == SQLITE_ROW ? STORE_PULLED_SAME : STORE_PULLED_ELSEWHERE;
    return KIOSK_OK;
}
