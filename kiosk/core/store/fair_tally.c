/* A fair day's figures kept up to date visit by visit: the staff view asks every 30 s, and
 * recounting 10,000 visitors each time froze a frame (149 ms here, 0.5 s on a loaded kiosk).
 * The tally remembers the last check-in row it counted (rowid: rows arriving by sync get
 * new ones too) and the visitors it has seen, so each refresh reads only the visits since.
 * A visitor counts once a day, in the hour of the first visit counted; her interests once. */
#include "domain.h"
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

#define TALLY_MIN_SLOTS 1024

struct fair_tally {
    char event_id[KIOSK_ID_LEN + 8];
    int64_t d0, d1;
    int64_t last_rowid; /* the newest check-in row counted */
    struct kiosk_fair_stats stats;
    struct fair_folded interests; /* the event's, folded when the tally starts */
    char (*seen)[KIOSK_ID_LEN];   /* open addressing on person id; "" empty */
    size_t n_seen, n_slots;
};

void store_fair_tally_free(struct fair_tally *t)
{
    if (!t)
        return;
    free(t->seen);
    free(t);
}

static uint64_t hash_id(const char *id)
{
    uint64_t h = 1469598103934665603ull;
    for (; *id; id++)
        h = (h ^ (unsigned char)*id) * 1099511628211ull;
    return h;
}

static kiosk_status grow(struct fair_tally *t)
{
    size_t n = t->n_slots ? t->n_slots * 2 : TALLY_MIN_SLOTS;
    char(*slots)[KIOSK_ID_LEN] = calloc(n, sizeof *slots);
    if (!slots)
        return KIOSK_E_NOMEM;
    for (size_t i = 0; i < t->n_slots; i++) {
        if (!t->seen[i][0])
            continue;
        size_t k = hash_id(t->seen[i]) & (n - 1);
        while (slots[k][0])
            k = (k + 1) & (n - 1);
        memcpy(slots[k], t->seen[i], KIOSK_ID_LEN);
    }
    free(t->seen);
    t->seen = slots;
    t->n_slots = n;
    return KIOSK_OK;
}

/* 1 when id was new (now remembered), 0 when seen already, -1 out of memory. */
static int first_time(struct fair_tally *t, const char *id)
{
    if ((t->n_seen + 1) * 2 > t->n_slots && grow(t) != KIOSK_OK)
        return -1;
    size_t k = hash_id(id) & (t->n_slots - 1);
    while (t->seen[k][0]) {
        if (strcmp(t->seen[k], id) == 0)
            return 0;
        k = (k + 1) & (t->n_slots - 1);
    }
    kiosk_strlcpy(t->seen[k], id, KIOSK_ID_LEN);
    t->n_seen++;
    return 1;
}

/* The tally for (event, day), emptied when it was another's. */
static struct fair_tally *tally_for(store *s, const struct kiosk_event *ev, int64_t d0, int64_t d1)
{
    struct fair_tally **slot = store_fair_tally_slot(s);
    struct fair_tally *t = *slot;
    if (t && strcmp(t->event_id, ev->id) == 0 && t->d0 == d0)
        return t;
    store_fair_tally_free(t);
    *slot = t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    kiosk_strlcpy(t->event_id, ev->id, sizeof t->event_id);
    store_fair_fold_interests(ev->interests, &t->interests);
    t->last_rowid = -1; /* nothing counted yet (a fresh tally reads the whole day) */
    t->d0 = d0;
    t->d1 = d1;
    return t;
}

/* Counts one visitor met for the first time: new or returning, the hour, her interests
 * (a fresh tally counts everyone's interests at the end, in one query: fresh). */
static void count_visitor(store *s, const struct kiosk_event *ev, struct fair_tally *t,
                          sqlite3_stmt *row, int fresh)
{
    int64_t at = sqlite3_column_int64(row, 2);
    int known = sqlite3_column_type(row, 3) != SQLITE_NULL;
    int64_t reg_at = sqlite3_column_int64(row, 3);
    t->stats.visitors++;
    if (!known || (reg_at >= t->d0 && reg_at < t->d1))
        t->stats.new_visitors++;
    else
        t->stats.returning++;
    struct tm tm;
    kiosk_local_tm(at, &tm);
    if (tm.tm_hour >= 0 && tm.tm_hour < 24)
        t->stats.by_hour[tm.tm_hour]++;
    if (!fresh)
        store_fair_count_interests(s, ev->id, &t->interests,
                                   (const char *)sqlite3_column_text(row, 1), t->stats.by_interest);
}

/* The day's visits: all of them through the sessions' index for a new tally, then only the
 * rows after the last one counted, read from the check-ins' rowid range (CROSS JOIN keeps
 * SQLite from walking the whole day again). */
static const char *const q_all =
    "SELECT c.rowid, c.person_id, c.created_at, r.created_at FROM sessions se "
    "JOIN checkins c ON c.session_id=se.id "
    "LEFT JOIN registrations r ON r.event_id=se.event_id AND r.person_id=c.person_id "
    "WHERE se.event_id=?1 AND c.kind=1 AND se.starts_at>=?2 AND se.starts_at<?3 "
    "AND c.rowid>?4 AND c.rowid<=?5 ORDER BY c.rowid";
static const char *const q_since =
    "SELECT c.rowid, c.person_id, c.created_at, r.created_at FROM checkins c "
    "CROSS JOIN sessions se ON se.id=c.session_id "
    "LEFT JOIN registrations r ON r.event_id=se.event_id AND r.person_id=c.person_id "
    "WHERE se.event_id=?1 AND c.kind=1 AND se.starts_at>=?2 AND se.starts_at<?3 "
    "AND c.rowid>?4 AND c.rowid<=?5 ORDER BY c.rowid";

/* The newest check-in row now: what this read counts up to (rows written later, by this
 * kiosk or by sync, are the next read's). */
static int64_t newest_checkin(store *s)
{
    static const char *const q = "SELECT coalesce(max(rowid), 0) FROM checkins";
    return store_cached_i64(s, q);
}

static kiosk_status read_new_visits(store *s, const struct kiosk_event *ev, struct fair_tally *t)
{
    int64_t upto = newest_checkin(s);
    if (upto < 0)
        return KIOSK_E_IO;
    sqlite3_stmt *st;
    int rc = store_stmt(s, t->last_rowid < 0 ? q_all : q_since, &st);
    if (rc != SQLITE_OK)
        return store_status_from_sqlite(s, rc, "fair stats");
    store_bind_text(st, 1, ev->id);
    sqlite3_bind_int64(st, 2, t->d0);
    sqlite3_bind_int64(st, 3, t->d1);
    sqlite3_bind_int64(st, 4, t->last_rowid);
    sqlite3_bind_int64(st, 5, upto);
    kiosk_status r = KIOSK_OK;
    int whole_day = t->last_rowid < 0;
    while (r == KIOSK_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        int fresh = first_time(t, (const char *)sqlite3_column_text(st, 1));
        if (fresh < 0)
            r = KIOSK_E_NOMEM;
        else if (fresh)
            count_visitor(s, ev, t, st, whole_day);
    }
    if (r == KIOSK_OK && rc != SQLITE_DONE)
        r = store_status_from_sqlite(s, rc, "fair stats");
    sqlite3_reset(st);
    if (r == KIOSK_OK && whole_day)
        store_fair_count_all_interests(s, ev->id, &t->interests, t->d0, t->d1, upto,
                                       t->stats.by_interest);
    t->last_rowid = upto;
    return r;
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
    struct fair_tally *t = tally_for(s, &ev, d0, d1);
    if (!t)
        return KIOSK_E_NOMEM;
    r = read_new_visits(s, &ev, t);
    if (r != KIOSK_OK) { /* counted in part: start again next time */
        store_fair_tally_free(t);
        *store_fair_tally_slot(s) = NULL;
        return r;
    }
    *out = t->stats;
    return KIOSK_OK;
}
