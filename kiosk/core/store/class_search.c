/* Per-class name indexes: the attendance screen searches only the served class's trainees.
 * Asking the whole index (100k-1M people) for every hit and then filtering cost up to 18 ms
 * at 100k; an index of the class's own people answers in microseconds. Eight classes are
 * kept: a kiosk serves one, the admin screen looks at some, and the search across the
 * classes running now asks each of them at every keystroke (up to eight, ATT_MAX_TODAY:
 * with four kept, six classes rebuilt each other's indexes, 12.9 ms a keystroke at 100k
 * instead of 0.11, bench_search_across); each is rebuilt from the database when people or
 * registrations changed since it was built. */
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

#define CLASS_SEARCH_SLOTS 8

struct class_slot {
    char event_id[KIOSK_ID_LEN + 8];
    struct vn_search *idx;
    uint64_t gen;
    int64_t data_version;
    uint64_t used;
};

struct class_search {
    struct class_slot slot[CLASS_SEARCH_SLOTS];
    uint64_t tick;
};

void store_class_search_free(store *s)
{
    struct class_search **cs = store_class_search_slot(s);
    if (!*cs)
        return;
    for (int i = 0; i < CLASS_SEARCH_SLOTS; i++)
        vn_search_free((*cs)->slot[i].idx);
    free(*cs);
    *cs = NULL;
}

/* Commits by other connections (the sync worker's) since the last call show here. */
static int64_t data_version(store *s)
{
    static const char *const q = "PRAGMA data_version";
    return store_cached_i64(s, q);
}

static kiosk_status fill(store *s, const char *event_id, struct vn_search *idx)
{
    /* a registration of a merged record is its survivor's (docs/IDENTITY.md) */
    static const char *const q = "SELECT DISTINCT p.id, p.full_name FROM registrations r "
                                 "LEFT JOIN person_alias a ON a.id = r.person_id "
                                 "JOIN people p ON p.id = coalesce(a.survivor_id, r.person_id) "
                                 "WHERE r.event_id = ?1 AND r.status <> 4";
    sqlite3_stmt *st;
    int rc = store_stmt(s, q, &st);
    if (rc != SQLITE_OK)
        return store_status_from_sqlite(s, rc, "class search index");
    store_bind_text(st, 1, event_id);
    kiosk_status r = KIOSK_OK;
    while (r == KIOSK_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
        r = vn_search_add(idx, (const char *)sqlite3_column_text(st, 0),
                          (const char *)sqlite3_column_text(st, 1));
    if (r == KIOSK_OK && rc != SQLITE_DONE)
        r = store_status_from_sqlite(s, rc, "class search index");
    sqlite3_reset(st);
    if (r == KIOSK_OK)
        r = vn_search_prepare(idx);
    return r;
}

/* The slot for event_id, or the least recently used one (emptied) to fill. */
static struct class_slot *slot_for(struct class_search *cs, const char *event_id)
{
    struct class_slot *lru = &cs->slot[0];
    for (int i = 0; i < CLASS_SEARCH_SLOTS; i++) {
        struct class_slot *c = &cs->slot[i];
        if (c->idx && strcmp(c->event_id, event_id) == 0)
            return c;
        if (c->used < lru->used)
            lru = c;
    }
    vn_search_free(lru->idx);
    memset(lru, 0, sizeof *lru);
    return lru;
}

struct vn_search *store_class_index(store *s, const char *event_id, kiosk_status *st)
{
    struct class_search **cs = store_class_search_slot(s);
    *st = KIOSK_OK;
    if (!*cs && !(*cs = calloc(1, sizeof **cs))) {
        *st = KIOSK_E_NOMEM;
        return NULL;
    }
    int64_t dv = data_version(s);
    struct class_slot *c = slot_for(*cs, event_id);
    c->used = ++(*cs)->tick;
    if (c->idx && c->gen == store_roster_gen(s) && c->data_version == dv)
        return c->idx;
    vn_search_free(c->idx);
    c->idx = vn_search_new();
    if (!c->idx) {
        *st = KIOSK_E_NOMEM;
        return NULL;
    }
    kiosk_strlcpy(c->event_id, event_id, sizeof c->event_id);
    c->gen = store_roster_gen(s);
    c->data_version = dv;
    *st = fill(s, event_id, c->idx);
    if (*st != KIOSK_OK) {
        vn_search_free(c->idx);
        c->idx = NULL;
        return NULL;
    }
    return c->idx;
}
