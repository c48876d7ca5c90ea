/* Search-as-you-type over people, through core/text/search: the index is built from the
 * people table on the first search of a handle and kept up to date by person_save. */
#include "domain.h"
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

void store_search_note_person(store *s, const char *id, const char *full_name)
{
    struct vn_search *idx = store_search_index(s);
    if (idx && vn_search_add(idx, id, full_name) != KIOSK_OK)
        store_search_set(s, NULL); /* rebuilt on the next search rather than left stale */
}

void store_search_invalidate(store *s)
{
    store_search_set(s, NULL);
}

static kiosk_status index_build(store *s)
{
    struct vn_search *idx = vn_search_new();
    if (!idx)
        return KIOSK_E_NOMEM;
    /* a record merged into another is found as the one that survives (docs/IDENTITY.md) */
    static const char *const q = "SELECT id, full_name FROM people p WHERE NOT EXISTS "
                                 "(SELECT 1 FROM person_alias a WHERE a.id=p.id)";
    sqlite3_stmt *st;
    int rc = store_stmt(s, q, &st);
    if (rc != SQLITE_OK) {
        vn_search_free(idx);
        return store_status_from_sqlite(s, rc, "search index");
    }
    kiosk_status r = KIOSK_OK;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        r = vn_search_add(idx, (const char *)sqlite3_column_text(st, 0),
                          (const char *)sqlite3_column_text(st, 1));
        if (r != KIOSK_OK)
            break;
    }
    if (r == KIOSK_OK && rc != SQLITE_DONE)
        r = store_status_from_sqlite(s, rc, "search index");
    sqlite3_reset(st);
    if (r != KIOSK_OK) {
        vn_search_free(idx);
        return r;
    }
    store_search_set(s, idx);
    return KIOSK_OK;
}

/* The index to ask: the event's own (its registered people) or everyone's. */
static struct vn_search *index_for(store *s, const char *event_id, kiosk_status *st)
{
    *st = KIOSK_OK;
    if (event_id)
        return store_class_index(s, event_id, st);
    if (!store_search_index(s))
        *st = index_build(s);
    return store_search_index(s);
}

kiosk_status store_people_search(store *s, const char *typed, const char *event_id, size_t max,
                                 struct kiosk_person_hit **out, size_t *count)
{
    *out = NULL;
    *count = 0;
    kiosk_status r;
    struct vn_search *idx = index_for(s, event_id, &r);
    if (!idx)
        return r;
    size_t total = vn_search_count(idx);
    size_t want = max < total ? max : total;
    if (want == 0)
        return KIOSK_OK;
    struct vn_search_hit *hits = malloc(want * sizeof *hits);
    struct kiosk_person_hit *res = calloc(want, sizeof *res);
    if (!hits || !res) {
        free(hits);
        free(res);
        return KIOSK_E_NOMEM;
    }
    size_t got = vn_search_query(idx, typed ? typed : "", hits, want);
    size_t n = 0;
    for (size_t i = 0; i < got && r == KIOSK_OK; i++) {
        r = store_person_read(s, hits[i].user_id, &res[n].person);
        if (r == KIOSK_E_NOT_FOUND) {
            r = KIOSK_OK; /* gone since the index was built */
            continue;
        }
        if (r != KIOSK_OK)
            break;
        res[n].score = hits[i].score;
        res[n].registered = event_id != NULL; /* the event's index holds only its people */
        n++;
    }
    free(hits);
    if (r != KIOSK_OK || n == 0) {
        free(res);
        return r;
    }
    *out = res;
    *count = n;
    return KIOSK_OK;
}
