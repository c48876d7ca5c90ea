/* Records of one person made apart (several kiosks, synced in any order) become one person:
 * the identity rule's "same" pairs get a merge fact; its "probable" pairs are listed for
 * the coordinator. Both walk the people by folded name, the rule's candidate key. */
#include "domain.h"
#include "people/identity.h"
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

struct member {
    struct kiosk_person p;
    int64_t created;
    char root[KIOSK_ID_LEN]; /* the survivor it resolves to now */
    size_t up;               /* union-find inside the group */
};

struct group {
    struct member *m;
    size_t n, cap;
};

typedef kiosk_status (*group_fn)(store *s, struct group *g, void *ctx);

/* Columns: the 10 person columns, name_key, created_at, the survivor. */
static kiosk_status walk_groups(store *s, const char *sql, group_fn fn, void *ctx)
{
    sqlite3_stmt *st;
    int rc = store_stmt(s, sql, &st);
    if (rc != SQLITE_OK)
        return store_status_from_sqlite(s, rc, "people groups");
    struct group g = {0};
    char key[KIOSK_NAME_LEN] = "", row_key[KIOSK_NAME_LEN];
    kiosk_status r = KIOSK_OK;
    for (;;) {
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW)
            store_col_text(st, 10, row_key, sizeof row_key);
        if (rc != SQLITE_ROW || strcmp(row_key, key) != 0) {
            if (g.n > 1)
                r = fn(s, &g, ctx);
            g.n = 0;
            if (rc != SQLITE_ROW || r != KIOSK_OK)
                break;
            kiosk_strlcpy(key, row_key, sizeof key);
        }
        if (g.n == g.cap) {
            size_t cap = g.cap ? g.cap * 2 : 8;
            struct member *m = realloc(g.m, cap * sizeof *m);
            if (!m) {
                r = KIOSK_E_NOMEM;
                break;
            }
            g.m = m;
            g.cap = cap;
        }
        struct member *m = &g.m[g.n];
        store_person_from_row(st, 0, &m->p);
        m->created = sqlite3_column_int64(st, 11);
        store_col_text(st, 12, m->root, sizeof m->root);
        m->up = g.n++;
    }
    if (r == KIOSK_OK && rc != SQLITE_DONE)
        r = store_status_from_sqlite(s, rc, "people groups");
    sqlite3_reset(st);
    free(g.m);
    return r;
}

static int has_fact(store *s, const char *a, const char *b)
{
    static const char *const q = "SELECT 1 FROM person_merges WHERE (survivor_id=?1 AND "
                                 "merged_id=?2) OR (survivor_id=?2 AND merged_id=?1) LIMIT 1";
    sqlite3_stmt *st;
    if (store_stmt(s, q, &st) != SQLITE_OK)
        return 1; /* unsure: do nothing by itself */
    store_bind_text(st, 1, a);
    store_bind_text(st, 2, b);
    int found = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_reset(st);
    return found;
}

static size_t root_of(struct group *g, size_t i)
{
    while (g->m[i].up != i)
        i = g->m[i].up;
    return i;
}

static kiosk_status converge_group(store *s, struct group *g, void *ctx)
{
    int *made = ctx;
    for (size_t i = 0; i < g->n; i++) /* records already one person start joined */
        for (size_t j = 0; j < i; j++)
            if (strcmp(g->m[i].root, g->m[j].root) == 0) {
                g->m[i].up = root_of(g, j);
                break;
            }
    for (size_t i = 0; i < g->n; i++) {
        for (size_t j = i + 1; j < g->n; j++) {
            struct member *a = &g->m[i], *b = &g->m[j];
            const char *why = NULL;
            if (root_of(g, i) == root_of(g, j) ||
                identity_compare(&a->p, &b->p, &why) != IDENTITY_SAME ||
                has_fact(s, a->p.id, b->p.id))
                continue;
            int a_first = identity_survivor_first(a->created, a->p.id, b->created, b->p.id);
            kiosk_status r = store_person_merge_fact_tx(
                s, a_first ? a->p.id : b->p.id, a_first ? b->p.id : a->p.id, 0, why, "rule");
            if (r != KIOSK_OK)
                return r;
            g->m[root_of(g, j)].up = root_of(g, i);
            (*made)++;
        }
    }
    return KIOSK_OK;
}

#define GROUP_COLUMNS                                                                              \
    "SELECT p.id, p.full_name, p.given_name, p.birth_year, p.phone, p.commune, p.district, "       \
    "p.province, p.organisation, p.org_kind, p.name_key, p.created_at, "                           \
    "coalesce(a.survivor_id, p.id) FROM people p LEFT JOIN person_alias a ON a.id=p.id "

kiosk_status store_people_converge(store *s, int *merged)
{
    static const char *const q = GROUP_COLUMNS "ORDER BY p.name_key, p.created_at, p.id";
    int ignore = 0;
    if (!merged)
        merged = &ignore;
    *merged = 0;
    kiosk_status r = store_begin(s);
    if (r != KIOSK_OK)
        return r;
    r = store_people_aliases_rebuild_tx(s); /* merges that came by sync */
    if (r == KIOSK_OK)
        r = walk_groups(s, q, converge_group, merged);
    if (r == KIOSK_OK && *merged)
        r = store_people_aliases_rebuild_tx(s);
    if (r == KIOSK_OK)
        r = store_commit(s);
    else
        store_rollback(s);
    if (r == KIOSK_OK)
        store_search_invalidate(s);
    else
        *merged = 0;
    return r;
}

/* -- probable duplicates, for the coordinator -- */
struct dup_list {
    const char *event_id;
    struct store_duplicate *v;
    size_t n, cap;
};

static int registered_either(store *s, const char *event_id, const char *a, const char *b)
{
    static const char *const q =
        "SELECT 1 FROM registrations r LEFT JOIN person_alias x ON x.id=r.person_id WHERE "
        "r.event_id=?1 AND r.status<>4 AND coalesce(x.survivor_id, r.person_id) IN (?2, ?3) "
        "LIMIT 1";
    return store_step(s, q, "sss", event_id, a, b) == SQLITE_ROW;
}

static kiosk_status dup_group(store *s, struct group *g, void *ctx)
{
    struct dup_list *d = ctx;
    for (size_t i = 0; i < g->n; i++) {
        for (size_t j = i + 1; j < g->n; j++) {
            const struct kiosk_person *a = &g->m[i].p, *b = &g->m[j].p;
            const char *why = NULL;
            if (identity_compare(a, b, &why) != IDENTITY_PROBABLE || has_fact(s, a->id, b->id))
                continue;
            if (d->event_id && !registered_either(s, d->event_id, a->id, b->id))
                continue;
            if (d->n == d->cap) {
                size_t cap = d->cap ? d->cap * 2 : 16;
                struct store_duplicate *v = realloc(d->v, cap * sizeof *v);
                if (!v)
                    return KIOSK_E_NOMEM;
                d->v = v;
                d->cap = cap;
            }
            d->v[d->n++] = (struct store_duplicate){.a = *a, .b = *b, .reason_key = why};
        }
    }
    return KIOSK_OK;
}

kiosk_status store_people_duplicates(store *s, const char *event_id, struct store_duplicate **out,
                                     size_t *count)
{
    static const char *const q = GROUP_COLUMNS "WHERE a.id IS NULL "
                                               "ORDER BY p.name_key, p.created_at, p.id";
    *out = NULL;
    *count = 0;
    struct dup_list d = {0};
    struct kiosk_event ev;
    if (event_id && event_id[0]) {
        kiosk_status r = store_event_get(s, event_id, &ev);
        if (r != KIOSK_OK)
            return r;
        d.event_id = ev.id;
    }
    kiosk_status r = walk_groups(s, q, dup_group, &d);
    if (r != KIOSK_OK) {
        free(d.v);
        return r;
    }
    *out = d.v;
    *count = d.n;
    return KIOSK_OK;
}
