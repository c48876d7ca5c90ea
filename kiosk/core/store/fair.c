/* A fair booth's figures: a visit is a check-in on the fair's session of that day (the
 * program has one session per fair day). Interests come from the registration's extra
 * JSON ({"interests": ["may mặc", ...], "note": "..."}), else the person's. */
#include "domain.h"
#include "store_internal.h"
#include "text/text.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The event's interests folded once, so each visitor's answer costs one fold. */
void store_fair_fold_interests(const char *interests, struct fair_folded *out)
{
    char item[KIOSK_TEXT_LEN];
    out->count = 0;
    for (const char *p = interests; *p && out->count < FAIR_MAX_INTERESTS;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        if (n >= sizeof item)
            n = sizeof item - 1;
        memcpy(item, p, n);
        item[n] = '\0';
        vn_fold(item, out->items[out->count++], sizeof out->items[0]);
        p = nl ? nl + 1 : p + strlen(p);
    }
}

/* Index of a visitor's interest in the event's list (compared folded), or -1. */
static int interest_index(const struct fair_folded *f, const char *value)
{
    char want[KIOSK_TEXT_LEN];
    vn_fold(value, want, sizeof want);
    for (int i = 0; i < f->count; i++)
        if (f->items[i][0] && strcmp(f->items[i], want) == 0)
            return i;
    return -1;
}

/* A visitor's interests (p a person, ?1 the fair): her registration's when it names any, else
 * her own record's, one json_each row (j) an answer. */
#define VISITOR_INTERESTS                                                                          \
    "LEFT JOIN registrations r ON r.event_id=?1 AND r.person_id=p.id, "                            \
    "json_each(CASE WHEN r.extra IS NOT NULL AND json_valid(r.extra) AND "                         \
    "json_type(r.extra, '$.interests') IS NOT NULL THEN r.extra "                                  \
    "WHEN json_valid(p.extra) THEN p.extra ELSE '{}' END, '$.interests') j "

/* Adds each row's count (column 1) to the interest its column 0 names. */
static void tally(sqlite3_stmt *st, const struct fair_folded *f,
                  int by_interest[FAIR_MAX_INTERESTS])
{
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *v = (const char *)sqlite3_column_text(st, 0);
        int i = v ? interest_index(f, v) : -1;
        if (i >= 0 && i < FAIR_MAX_INTERESTS)
            by_interest[i] += sqlite3_column_int(st, 1);
    }
    sqlite3_reset(st);
}

void store_fair_count_interests(store *s, const char *event_id, const struct fair_folded *f,
                                const char *person_id, int by_interest[FAIR_MAX_INTERESTS])
{
    /* the registration's interests when it names any, else the person's */
    static const char *const q = "SELECT DISTINCT j.value, 1 FROM people p " VISITOR_INTERESTS
                                 "WHERE p.id=?2 AND j.type='text'";
    sqlite3_stmt *st;
    if (store_stmt(s, q, &st) != SQLITE_OK)
        return;
    store_bind_text(st, 1, event_id);
    store_bind_text(st, 2, person_id);
    tally(st, f, by_interest);
}

void store_fair_count_all_interests(store *s, const char *event_id, const struct fair_folded *f,
                                    int64_t d0, int64_t d1, int64_t upto,
                                    int by_interest[FAIR_MAX_INTERESTS])
{
    /* each visitor once with each of her answers: as store_fair_count_interests summed */
    static const char *const q =
        "SELECT j.value, count(DISTINCT p.id) FROM people p " VISITOR_INTERESTS
        "WHERE p.id IN (SELECT c.person_id FROM sessions se JOIN checkins c ON "
        "c.session_id=se.id WHERE se.event_id=?1 AND c.kind=1 AND se.starts_at>=?2 AND "
        "se.starts_at<?3 AND c.rowid<=?4) AND j.type='text' GROUP BY j.value";
    sqlite3_stmt *st;
    if (store_stmt(s, q, &st) != SQLITE_OK)
        return;
    store_bind_text(st, 1, event_id);
    sqlite3_bind_int64(st, 2, d0);
    sqlite3_bind_int64(st, 3, d1);
    sqlite3_bind_int64(st, 4, upto);
    tally(st, f, by_interest);
}

/* The latest visitors gathered: the people, then their extra texts. */
struct latest {
    struct kiosk_person *people;
    char *texts;
    size_t *offsets;
    size_t n, texts_len;
};

static kiosk_status latest_add(struct latest *l, sqlite3_stmt *st)
{
    struct kiosk_person *gp = realloc(l->people, (l->n + 1) * sizeof *gp);
    if (gp)
        l->people = gp;
    size_t *go = realloc(l->offsets, (l->n + 1) * sizeof *go);
    if (go)
        l->offsets = go;
    const char *extra = (const char *)sqlite3_column_text(st, 10);
    size_t len = strlen(extra ? extra : "") + 1;
    char *gt = realloc(l->texts, l->texts_len + len);
    if (gt)
        l->texts = gt;
    if (!gp || !go || !gt)
        return KIOSK_E_NOMEM;
    store_person_from_row(st, 0, &l->people[l->n]);
    memcpy(l->texts + l->texts_len, extra ? extra : "", len);
    l->offsets[l->n++] = l->texts_len;
    l->texts_len += len;
    return KIOSK_OK;
}

/* One block: the people, then their extra texts, so one free releases everything. */
static struct kiosk_person *latest_block(const struct latest *l)
{
    struct kiosk_person *block = malloc(l->n * sizeof *block + l->texts_len);
    if (!block)
        return NULL;
    char *strings = (char *)(block + l->n);
    memcpy(block, l->people, l->n * sizeof *block);
    memcpy(strings, l->texts, l->texts_len);
    for (size_t i = 0; i < l->n; i++)
        block[i].extra_json = strings + l->offsets[i];
    return block;
}

kiosk_status store_fair_latest(store *s, const char *event_id, size_t max,
                               struct kiosk_person **out, size_t *count)
{
    *out = NULL;
    *count = 0;
    struct kiosk_event ev;
    kiosk_status r = store_event_get(s, event_id, &ev);
    if (r != KIOSK_OK || max == 0)
        return r;
    static const char *const q =
        "SELECT p.id, p.full_name, p.given_name, p.birth_year, p.phone, p.commune, p.district, "
        "p.province, p.organisation, p.org_kind, r.extra FROM registrations r "
        "JOIN people p ON p.id=r.person_id WHERE r.event_id=?1 "
        "ORDER BY r.created_at DESC, r.rowid DESC LIMIT ?2";
    sqlite3_stmt *st;
    int rc = store_stmt(s, q, &st);
    if (rc != SQLITE_OK)
        return store_status_from_sqlite(s, rc, "fair latest");
    store_bind_text(st, 1, ev.id);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)max);
    struct latest l = {0};
    r = KIOSK_OK;
    while (r == KIOSK_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
        r = latest_add(&l, st);
    if (r == KIOSK_OK && rc != SQLITE_DONE)
        r = store_status_from_sqlite(s, rc, "fair latest");
    sqlite3_reset(st);
    struct kiosk_person *block = NULL;
    size_t n = l.n;
    if (r == KIOSK_OK && n > 0 && !(block = latest_block(&l)))
        r = KIOSK_E_NOMEM;
    free(l.people);
    free(l.texts);
    free(l.offsets);
    if (r != KIOSK_OK)
        return r;
    *out = block;
    *count = block ? n : 0;
    return KIOSK_OK;
}
