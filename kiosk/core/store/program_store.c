/* Events and sessions as the coordinator corrects them (program_store.h). */
#include "program_store.h"

#include "domain.h"
#include "store_internal.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#define PROGRAM_EVENT_COLUMNS                                                                      \
    "SELECT e.id, e.code, e.kind, e.title, e.place, e.province, e.capacity, e.signup_open, "       \
    "e.signature_required, e.late_after_min, e.interests, "                                        \
    "(SELECT min(starts_at) FROM sessions WHERE event_id=e.id AND cancelled=0) AS first_start, "   \
    "(SELECT max(ends_at) FROM sessions WHERE event_id=e.id AND cancelled=0), "                    \
    "(SELECT count(*) FROM registrations WHERE event_id=e.id AND status IN (1,3)), "               \
    "e.commune, e.district, e.cancelled FROM events e "

static void event_from_row(sqlite3_stmt *st, struct program_event *out)
{
    memset(out, 0, sizeof *out);
    store_event_from_row(st, &out->e);
    store_col_text(st, 14, out->commune, sizeof out->commune);
    store_col_text(st, 15, out->district, sizeof out->district);
    out->cancelled = sqlite3_column_int(st, 16);
}

static void read_event(sqlite3_stmt *st, void *item)
{
    event_from_row(st, item);
}

kiosk_status store_program_event(store *s, const char *code, struct program_event *out)
{
    static const char *const q = PROGRAM_EVENT_COLUMNS "WHERE e.code=?1";
    sqlite3_stmt *st;
    int rc = store_stmt(s, q, &st);
    if (rc != SQLITE_OK)
        return store_status_from_sqlite(s, rc, "program event");
    store_bind_text(st, 1, code);
    return store_collect_one(s, st, "program event", read_event, out);
}

kiosk_status store_program_events(store *s, struct program_event **out, size_t *count)
{
    static const char *const q =
        PROGRAM_EVENT_COLUMNS "ORDER BY first_start IS NULL, first_start, e.code";
    *out = NULL;
    *count = 0;
    sqlite3_stmt *st;
    int rc = store_stmt(s, q, &st);
    if (rc != SQLITE_OK)
        return store_status_from_sqlite(s, rc, "program events");
    kiosk_status r;
    *out = store_collect(s, st, "program events", sizeof **out, read_event, count, &r);
    return r;
}

static void read_session(sqlite3_stmt *st, void *item)
{
    struct program_session *ps = item;
    memset(ps, 0, sizeof *ps);
    store_col_text(st, 0, ps->s.id, sizeof ps->s.id);
    store_col_text(st, 1, ps->s.event_id, sizeof ps->s.event_id);
    ps->s.number = sqlite3_column_int(st, 2);
    ps->s.starts_at_ms = sqlite3_column_int64(st, 3);
    ps->s.ends_at_ms = sqlite3_column_int64(st, 4);
    ps->cancelled = sqlite3_column_int(st, 5);
    ps->checkins = sqlite3_column_int(st, 6);
}

kiosk_status store_program_sessions(store *s, const char *event_id, struct program_session **out,
                                    size_t *count)
{
    static const char *const q =
        "SELECT se.id, se.event_id, se.number, se.starts_at, se.ends_at, se.cancelled, "
        "(SELECT count(*) FROM checkins c WHERE c.session_id=se.id) FROM sessions se "
        "WHERE se.event_id=?1 ORDER BY se.starts_at, se.number";
    *out = NULL;
    *count = 0;
    sqlite3_stmt *st;
    int rc = store_stmt(s, q, &st);
    if (rc != SQLITE_OK)
        return store_status_from_sqlite(s, rc, "program sessions");
    store_bind_text(st, 1, event_id);
    kiosk_status r;
    *out = store_collect(s, st, "program sessions", sizeof **out, read_session, count, &r);
    return r;
}

kiosk_status store_program_event_add_tx(store *s, struct program_event *ev)
{
    ev->e.place[0] = '\0';
    return store_event_add_tx(s, &ev->e, ev->commune, ev->district);
}

/* A version time later than the stored one's, so this kiosk's change wins here at least
 * (a clock set back must not lose an edit just made). */
static int64_t next_version(store *s, const char *sql, const char *id)
{
    int64_t now = kiosk_clock_now_ms();
    sqlite3_stmt *st;
    if (store_stmt(s, sql, &st) != SQLITE_OK)
        return now;
    store_bind_text(st, 1, id);
    if (sqlite3_step(st) == SQLITE_ROW) {
        int64_t stored = sqlite3_column_int64(st, 0);
        if (stored >= now)
            now = stored + 1;
    }
    sqlite3_reset(st);
    return now;
}

kiosk_status store_program_event_put_tx(store *s, const struct program_event *ev)
{
    const struct kiosk_event *e = &ev->e;
    struct kiosk_event composed = *e;
    composed.place[0] = '\0';
    char place[KIOSK_TEXT_LEN];
    store_place_compose(&composed, ev->commune, ev->district, place, sizeof place);
    int64_t at = next_version(s, "SELECT updated_at FROM events WHERE id=?1", e->id);
    static const char *const q =
        "UPDATE events SET updated_at=?2, updated_by=?3, kind=?4, title=?5, place=?6, "
        "commune=?7, district=?8, province=?9, capacity=?10, signup_open=?11, "
        "signature_required=?12, late_after_min=?13, interests=?14, cancelled=?15 WHERE id=?1";
    int rc = store_step(s, q, "sIsisssssiiiisi", e->id, at, store_kiosk_id(s), e->kind, e->title,
                        place, ev->commune, ev->district, e->province,
                        e->capacity > 0 ? e->capacity : 0, e->signup_open, e->signature_required,
                        e->late_after_min, e->interests, ev->cancelled);
    if (rc != SQLITE_DONE)
        return store_status_from_sqlite(s, rc, "event change");
    return sqlite3_changes(store_db(s)) ? KIOSK_OK : KIOSK_E_NOT_FOUND;
}

kiosk_status store_program_session_add_tx(store *s, struct kiosk_session *sess)
{
    return store_session_add_tx(s, sess);
}

kiosk_status store_program_session_put_tx(store *s, const struct kiosk_session *sess, int cancelled)
{
    if (sess->ends_at_ms <= sess->starts_at_ms)
        return KIOSK_E_INVALID;
    int64_t at = next_version(s, "SELECT updated_at FROM sessions WHERE id=?1", sess->id);
    static const char *const q = "UPDATE sessions SET updated_at=?2, updated_by=?3, starts_at=?4, "
                                 "ends_at=?5, cancelled=?6 WHERE id=?1";
    int rc = store_step(s, q, "sIsIIi", sess->id, at, store_kiosk_id(s), sess->starts_at_ms,
                        sess->ends_at_ms, cancelled ? 1 : 0);
    if (rc != SQLITE_DONE)
        return store_status_from_sqlite(s, rc, "session change");
    return sqlite3_changes(store_db(s)) ? KIOSK_OK : KIOSK_E_NOT_FOUND;
}

void store_derived_id(const char *what, char out[KIOSK_ID_LEN])
{
    unsigned char h[16];
    static const char hex[] = "0123456789abcdef";
    crypto_generichash(h, sizeof h, (const unsigned char *)what, strlen(what),
                       (const unsigned char *)"kiosk-demo-ids-1", 16);
    for (size_t i = 0; i < sizeof h; i++) {
        out[2 * i] = hex[h[i] >> 4];
        out[2 * i + 1] = hex[h[i] & 15];
    }
    out[32] = '\0';
}
