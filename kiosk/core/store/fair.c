/* A fair booth's figures: a visit is a check-in on the fair's session of that day (the
 * program has one session per fair day). Interests come from the registration's extra
 * JSON ({"interests": ["may mặc", ...], "note": "..."}), else the person's. */
#include "domain.h"
#include "store_internal.h"
#include "text/text.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#define FAIR_VISITS_WHERE                                                                          \
    "FROM checkins c JOIN sessions se ON se.id=c.session_id "                                      \
    "LEFT JOIN registrations r ON r.event_id=se.event_id AND r.person_id=c.person_id "             \
    "WHERE se.event_id=?1 AND c.kind=1 AND se.starts_at>=?2 AND se.starts_at<?3 "

static kiosk_status count_visits(store *s, const char *event_id, int64_t d0, int64_t d1,
                                 struct kiosk_fair_stats *out)
{
    static const char *const q =
        "SELECT min(c.created_at), min(r.created_at) " FAIR_VISITS_WHERE "GROUP BY c.person_id";
    sqlite3_stmt *st;
    int rc = store_stmt(s, q, &st);
    if (rc != SQLITE_OK)
        return store_status_from_sqlite(s, rc, "fair stats");
    store_bind_text(st, 1, event_id);
    sqlite3_bind_int64(st, 2, d0);
    sqlite3_bind_int64(st, 3, d1);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t at = sqlite3_column_int64(st, 0);
        int known = sqlite3_column_type(st, 1) != SQLITE_NULL;
        int64_t reg_at = sqlite3_column_int64(st, 1);
        out->visitors++;
        if (!known || (reg_at >= d0 && reg_at < d1))
            out->new_visitors++;
        else
            out->returning++;
        struct tm tm;
        kiosk_local_tm(at, &tm);
        if (tm.tm_hour >= 0 && tm.tm_hour < 24)
            out->by_hour[tm.tm_hour]++;
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? KIOSK_OK : store_status_from_sqlite(s, rc, "fair stats");
}

#define FAIR_MAX_INTERESTS 16

/* The event's interests folded once, so each visitor's answer costs one fold. */
struct folded_interests {
    char items[FAIR_MAX_INTERESTS][KIOSK_TEXT_LEN];
    int count;
};

static void fold_interests(const char *interests, struct folded_interests *out)
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
static int interest_index(const struct folded_interests *f, const char *value)
{
    char want[KIOSK_TEXT_LEN];
    vn_fold(value, want, sizeof want);
    for (int i = 0; i < f->count; i++)
        if (f->items[i][0] && strcmp(f->items[i], want) == 0)
            return i;
    return -1;
}

static kiosk_status count_interests(store *s, const struct kiosk_event *ev, int64_t d0, int64_t d1,
                                    struct kiosk_fair_stats *out)
{
    /* the registration's interests when it names any, else the person's */
    static const char *const q =
        "SELECT DISTINCT c.person_id, j.value FROM checkins c "
        "JOIN sessions se ON se.id=c.session_id JOIN people p ON p.id=c.person_id "
        "LEFT JOIN registrations r ON r.event_id=se.event_id AND r.person_id=c.person_id, "
        "json_each(CASE WHEN r.extra IS NOT NULL AND json_valid(r.extra) AND "
        "json_type(r.extra, '$.interests') IS NOT NULL THEN r.extra "
        "WHEN json_valid(p.extra) THEN p.extra ELSE '{}' END, '$.interests') j "
        "WHERE se.event_id=?1 AND c.kind=1 AND se.starts_at>=?2 AND se.starts_at<?3 "
        "AND j.type='text'";
    sqlite3_stmt *st;
    int rc = store_stmt(s, q, &st);
    if (rc != SQLITE_OK)
        return store_status_from_sqlite(s, rc, "fair interests");
    struct folded_interests folded;
    fold_interests(ev->interests, &folded);
    store_bind_text(st, 1, ev->id);
    sqlite3_bind_int64(st, 2, d0);
    sqlite3_bind_int64(st, 3, d1);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *v = (const char *)sqlite3_column_text(st, 1);
        int i = v ? interest_index(&folded, v) : -1;
        if (i >= 0 && i < (int)KIOSK_ARRAY_LEN(out->by_interest))
            out->by_interest[i]++;
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? KIOSK_OK : store_status_from_sqlite(s, rc, "fair interests");
}

kiosk_status store_fair_stats(store *s, const char *event_id, int64_t day_ms,
                              struct kiosk_fair_stats *out)
{
    memset(out, 0, sizeof *out);
    struct kiosk_event ev;
    kiosk_status r = store_event_get(s, event_id, &ev);
    if (r != KIOSK_OK)
        return r;
    int64_t d0, d1;
    store_local_day(day_ms, &d0, &d1);
    r = count_visits(s, ev.id, d0, d1, out);
    if (r == KIOSK_OK)
        r = count_interests(s, &ev, d0, d1, out);
    return r;
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
