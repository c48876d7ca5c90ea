/* Merges of people (docs/IDENTITY.md): facts in person_merges, never rewritten; the latest
 * fact of a pair (by created_at, kiosk_id, id) says whether the pair is merged. The merged
 * pairs join records into one person whose survivor is the record made first (created_at,
 * then id), the same on every kiosk whatever the order facts arrived in. person_alias is
 * the derived index reads resolve through; rows of a merged record are never touched. */
#include "domain.h"
#include "people/identity.h"
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

struct pair {
    char lo[KIOSK_ID_LEN], hi[KIOSK_ID_LEN];
    long seq; /* order of the fact: the latest of a pair holds */
    int undo;
};

static int pair_cmp(const void *a, const void *b)
{
    const struct pair *x = a, *y = b;
    int c = strcmp(x->lo, y->lo);
    if (!c)
        c = strcmp(x->hi, y->hi);
    if (!c)
        c = (x->seq > y->seq) - (x->seq < y->seq);
    return c;
}

static void pair_set(struct pair *p, const char *a, const char *b)
{
    int swap = strcmp(a, b) > 0;
    kiosk_strlcpy(p->lo, swap ? b : a, sizeof p->lo);
    kiosk_strlcpy(p->hi, swap ? a : b, sizeof p->hi);
}

/* Every pair whose latest fact is a merge (undo 0), sorted by (lo, hi). OUT: free(). */
static kiosk_status merge_pairs(store *s, struct pair **out, size_t *count)
{
    static const char *const q = "SELECT survivor_id, merged_id, undo FROM person_merges "
                                 "ORDER BY created_at, kiosk_id, id";
    *out = NULL;
    *count = 0;
    sqlite3_stmt *st;
    int rc = store_stmt(s, q, &st);
    if (rc != SQLITE_OK)
        return store_status_from_sqlite(s, rc, "merges");
    struct pair *v = NULL;
    size_t n = 0, cap = 0;
    kiosk_status r = KIOSK_OK;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            struct pair *nv = realloc(v, cap * sizeof *v);
            if (!nv) {
                r = KIOSK_E_NOMEM;
                break;
            }
            v = nv;
        }
        char a[KIOSK_ID_LEN], b[KIOSK_ID_LEN];
        store_col_text(st, 0, a, sizeof a);
        store_col_text(st, 1, b, sizeof b);
        pair_set(&v[n], a, b);
        v[n].undo = sqlite3_column_int(st, 2);
        v[n].seq = (long)n;
        n++;
    }
    if (r == KIOSK_OK && rc != SQLITE_DONE)
        r = store_status_from_sqlite(s, rc, "merges");
    sqlite3_reset(st);
    if (r != KIOSK_OK) {
        free(v);
        return r;
    }
    if (n)
        qsort(v, n, sizeof *v, pair_cmp);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        int last = i + 1 == n || strcmp(v[i].lo, v[i + 1].lo) || strcmp(v[i].hi, v[i + 1].hi);
        if (last && !v[i].undo)
            v[k++] = v[i];
    }
    *out = v;
    *count = k;
    return KIOSK_OK;
}

/* -- the alias index: union-find over the merged pairs -- */
struct node {
    char id[KIOSK_ID_LEN];
    int64_t created;
    size_t up;
};

static int node_cmp(const void *a, const void *b)
{
    return strcmp(((const struct node *)a)->id, ((const struct node *)b)->id);
}

static size_t node_find(struct node *v, size_t n, const char *id)
{
    struct node key;
    kiosk_strlcpy(key.id, id, sizeof key.id);
    struct node *hit = bsearch(&key, v, n, sizeof *v, node_cmp);
    return hit ? (size_t)(hit - v) : (size_t)-1;
}

static size_t node_root(struct node *v, size_t i)
{
    while (v[i].up != i) {
        v[i].up = v[v[i].up].up;
        i = v[i].up;
    }
    return i;
}

/* Joins two sets; the root is the survivor: made first, then the smaller id. */
static void node_join(struct node *v, size_t a, size_t b)
{
    a = node_root(v, a);
    b = node_root(v, b);
    if (a == b)
        return;
    if (identity_survivor_first(v[a].created, v[a].id, v[b].created, v[b].id))
        v[b].up = a;
    else
        v[a].up = b;
}

static kiosk_status nodes_make(store *s, const struct pair *p, size_t np, struct node **out,
                               size_t *count)
{
    struct node *v = calloc(np * 2 + 1, sizeof *v);
    if (!v)
        return KIOSK_E_NOMEM;
    size_t n = 0;
    for (size_t i = 0; i < np; i++) {
        kiosk_strlcpy(v[n++].id, p[i].lo, KIOSK_ID_LEN);
        kiosk_strlcpy(v[n++].id, p[i].hi, KIOSK_ID_LEN);
    }
    if (n)
        qsort(v, n, sizeof *v, node_cmp);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (!k || strcmp(v[k - 1].id, v[i].id) != 0)
            v[k++] = v[i];
    static const char *const q = "SELECT created_at FROM people WHERE id=?1";
    sqlite3_stmt *st;
    int rc = store_stmt(s, q, &st);
    if (rc != SQLITE_OK) {
        free(v);
        return store_status_from_sqlite(s, rc, "merges");
    }
    for (size_t i = 0; i < k; i++) {
        store_bind_text(st, 1, v[i].id);
        v[i].created = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : INT64_MAX;
        sqlite3_reset(st);
        v[i].up = i;
    }
    *out = v;
    *count = k;
    return KIOSK_OK;
}

static kiosk_status aliases_write(store *s, struct node *v, size_t n)
{
    static const char *const q_clear = "DELETE FROM person_alias";
    static const char *const q_add = "INSERT INTO person_alias(id, survivor_id) VALUES(?1, ?2)";
    sqlite3_stmt *st;
    int rc = store_stmt(s, q_clear, &st);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
        sqlite3_reset(st);
    }
    for (size_t i = 0; i < n && rc == SQLITE_OK; i++) {
        size_t root = node_root(v, i);
        if (root == i)
            continue;
        rc = store_stmt(s, q_add, &st);
        if (rc != SQLITE_OK)
            break;
        store_bind_text(st, 1, v[i].id);
        store_bind_text(st, 2, v[root].id);
        rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
        sqlite3_reset(st);
    }
    return rc == SQLITE_OK ? KIOSK_OK : store_status_from_sqlite(s, rc, "aliases");
}

kiosk_status store_people_aliases_rebuild_tx(store *s)
{
    struct pair *p;
    size_t np;
    kiosk_status r = merge_pairs(s, &p, &np);
    if (r != KIOSK_OK)
        return r;
    struct node *v = NULL;
    size_t n = 0;
    r = nodes_make(s, p, np, &v, &n);
    if (r == KIOSK_OK) {
        for (size_t i = 0; i < np; i++)
            node_join(v, node_find(v, n, p[i].lo), node_find(v, n, p[i].hi));
        r = aliases_write(s, v, n);
    }
    free(v);
    free(p);
    return r;
}

kiosk_status store_person_merge_fact_tx(store *s, const char *survivor_id, const char *merged_id,
                                        int undo, const char *reason, const char *by_whom)
{
    if (!person_merge_row_valid(survivor_id, merged_id, undo, reason, by_whom))
        return KIOSK_E_INVALID;
    static const char *const q =
        "INSERT INTO person_merges(id, kiosk_id, created_at, survivor_id, merged_id, undo, "
        "reason, by_whom) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
    sqlite3_stmt *st;
    int rc = store_stmt(s, q, &st);
    if (rc != SQLITE_OK)
        return store_status_from_sqlite(s, rc, "merge");
    char id[KIOSK_ID_LEN];
    kiosk_id_new(id);
    store_bind_text(st, 1, id);
    store_bind_text(st, 2, store_kiosk_id(s));
    sqlite3_bind_int64(st, 3, kiosk_clock_now_ms());
    store_bind_text(st, 4, survivor_id);
    store_bind_text(st, 5, merged_id);
    sqlite3_bind_int(st, 6, undo);
    store_bind_text(st, 7, reason);
    store_bind_text(st, 8, by_whom);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return store_status_from_sqlite(s, rc, "merge");
    char detail[128];
    kiosk_fmt(detail, sizeof detail, "survivor=%s merged=%s by=%s reason=%s", survivor_id,
              merged_id, by_whom, reason);
    return store_log_add(s, undo ? "person.unmerge" : "person.merge", id, detail);
}

static kiosk_status created_of(store *s, const char *id, int64_t *out)
{
    static const char *const q = "SELECT created_at FROM people WHERE id=?1";
    sqlite3_stmt *st;
    int rc = store_stmt(s, q, &st);
    if (rc != SQLITE_OK)
        return store_status_from_sqlite(s, rc, "merge");
    store_bind_text(st, 1, id);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? KIOSK_OK : KIOSK_E_NOT_FOUND;
}

static kiosk_status merge_tx(store *s, const char *a, const char *b, char survivor[KIOSK_ID_LEN])
{
    char ra[KIOSK_ID_LEN], rb[KIOSK_ID_LEN];
    int64_t ca, cb;
    store_person_survivor(s, a, ra);
    store_person_survivor(s, b, rb);
    kiosk_status r = created_of(s, ra, &ca);
    if (r == KIOSK_OK)
        r = created_of(s, rb, &cb);
    if (r != KIOSK_OK)
        return r;
    int a_first = identity_survivor_first(ca, ra, cb, rb);
    kiosk_strlcpy(survivor, a_first ? ra : rb, KIOSK_ID_LEN);
    if (strcmp(ra, rb) == 0)
        return KIOSK_E_EXISTS;
    r = store_person_merge_fact_tx(s, a_first ? ra : rb, a_first ? rb : ra, 0,
                                   "identity.coordinator", "coordinator");
    return r == KIOSK_OK ? store_people_aliases_rebuild_tx(s) : r;
}

kiosk_status store_person_merge(store *s, const char *a, const char *b, char survivor[KIOSK_ID_LEN])
{
    char ignore[KIOSK_ID_LEN];
    if (!survivor)
        survivor = ignore;
    survivor[0] = '\0';
    if (!a || !b || !a[0] || !b[0])
        return KIOSK_E_INVALID;
    kiosk_status r = store_begin(s);
    if (r != KIOSK_OK)
        return r;
    r = merge_tx(s, a, b, survivor);
    if (r == KIOSK_OK)
        r = store_commit(s);
    else
        store_rollback(s);
    if (r == KIOSK_OK)
        store_search_invalidate(s);
    return r;
}

/* Undoes every merged pair naming id: one unmerge fact for each. */
static kiosk_status unmerge_tx(store *s, const char *id, int *undone)
{
    struct pair *p;
    size_t np;
    kiosk_status r = merge_pairs(s, &p, &np);
    for (size_t i = 0; i < np && r == KIOSK_OK; i++) {
        if (strcmp(p[i].lo, id) != 0 && strcmp(p[i].hi, id) != 0)
            continue;
        r = store_person_merge_fact_tx(s, p[i].lo, p[i].hi, 1, "identity.coordinator",
                                       "coordinator");
        (*undone)++;
    }
    free(p);
    if (r == KIOSK_OK && !*undone)
        r = KIOSK_E_NOT_FOUND;
    return r == KIOSK_OK ? store_people_aliases_rebuild_tx(s) : r;
}

kiosk_status store_person_unmerge(store *s, const char *id, int *undone)
{
    int ignore = 0;
    if (!undone)
        undone = &ignore;
    *undone = 0;
    if (!id || !id[0])
        return KIOSK_E_INVALID;
    kiosk_status r = store_begin(s);
    if (r != KIOSK_OK)
        return r;
    r = unmerge_tx(s, id, undone);
    if (r == KIOSK_OK)
        r = store_commit(s);
    else
        store_rollback(s);
    if (r == KIOSK_OK)
        store_search_invalidate(s);
    return r;
}
