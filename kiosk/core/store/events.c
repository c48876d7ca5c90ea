/* Events (classes, fairs) and their sessions: the program a kiosk serves. */
#include "domain.h"
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

#define EVENT_COLUMNS                                                                              \
    "SELECT e.id, e.code, e.kind, e.title, e.place, e.province, e.capacity, e.signup_open, "       \
    "e.signature_required, e.late_after_min, e.interests, "                                        \
    "(SELECT min(starts_at) FROM sessions WHERE event_id=e.id AND cancelled=0) AS first_start, "   \
    "(SELECT max(ends_at) FROM sessions WHERE event_id=e.id AND cancelled=0), "                    \
    "(SELECT count(*) FROM registrations WHERE event_id=e.id AND status IN (1,3)) "                \
    "FROM events e "

void store_event_from_row(sqlite3_stmt *st, struct kiosk_event *e)
{
    memset(e, 0, sizeof *e);
    store_col_text(st, 0, e->id, sizeof e->id);
    store_col_text(st, 1, e->code, sizeof e->code);
    e->kind = sqlite3_column_int(st, 2);
    store_col_text(st, 3, e->title, sizeof e->title);
    store_col_text(st, 4, e->place, sizeof e->place);
    store_col_text(st, 5, e->province, sizeof e->province);
    e->capacity = sqlite3_column_int(st, 6);
    e->signup_open = sqlite3_column_int(st, 7);
    e->signature_required = sqlite3_column_int(st, 8);
    e->late_after_min = sqlite3_column_int(st, 9);
    store_col_text(st, 10, e->interests, sizeof e->interests);
    e->starts_at_ms = sqlite3_column_int64(st, 11);
    e->ends_at_ms = sqlite3_column_int64(st, 12);
    e->registered = sqlite3_column_int(st, 13);
}

static void read_event(sqlite3_stmt *st, void *item)
{
    store_event_from_row(st, item);
}

void store_place_compose(const struct kiosk_event *e, const char *commune, const char *district,
                         char *out, size_t cap)
{
    if (e->place[0]) {
        kiosk_strlcpy(out, e->place, cap);
        return;
    }
    const char *parts[] = {commune, district};
    out[0] = '\0';
    for (size_t i = 0; i < KIOSK_ARRAY_LEN(parts); i++) {
        if (!parts[i] || !parts[i][0])
            continue;
        size_t n = strlen(out);
        kiosk_fmt(out + n, cap - n, "%s%s", n ? ", " : "", parts[i]);
    }
    if (!out[0])
        kiosk_strlcpy(out, e->province, cap);
}

kiosk_status store_event_add_tx(store *s, struct kiosk_event *e, const char *commune,
                                const char *district)
{
    if (!e->code[0] || !e->title[0] ||
        (e->kind != KIOSK_EVENT_CLASS && e->kind != KIOSK_EVENT_FAIR))
        return KIOSK_E_INVALID;
    static const char *const q_code = "SELECT id FROM events WHERE code=?1";
    int rc = store_step(s, q_code, "s", e->code);
    if (rc == SQLITE_ROW)
        return KIOSK_E_EXISTS;
    if (rc != SQLITE_DONE)
        return store_status_from_sqlite(s, rc, "event lookup");
    if (!e->id[0])
        kiosk_id_new(e->id);
    char place[KIOSK_TEXT_LEN];
    store_place_compose(e, commune, district, place, sizeof place);
    kiosk_strlcpy(e->place, place, sizeof e->place);
    static const char *const q_ins =
        "INSERT INTO events(id, kiosk_id, created_at, updated_at, updated_by, code, kind, title, "
        "place, commune, district, province, capacity, signup_open, signature_required, "
        "late_after_min, interests) VALUES(?1, ?2, ?3, ?3, ?2, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
        "?12, ?13, ?14, ?15)";
    rc = store_step(s, q_ins, "ssIsisssssiiiis", e->id, store_kiosk_id(s), kiosk_clock_now_ms(),
                    e->code, e->kind, e->title, e->place, commune, district, e->province,
                    e->capacity > 0 ? e->capacity : 0, e->signup_open, e->signature_required,
                    e->late_after_min, e->interests);
    if (rc != SQLITE_DONE)
        return store_status_from_sqlite(s, rc, "event add");
    return KIOSK_OK;
}

kiosk_status store_event_add(store *s, struct kiosk_event *e, const char *commune,
                             const char *district)
{
    kiosk_status st = store_begin(s);
    if (st != KIOSK_OK)
        return st;
    st = store_event_add_tx(s, e, commune, district);
    if (st == KIOSK_OK)
        return store_commit(s);
    store_rollback(s);
    return st;
}

kiosk_status store_event_get(store *s, const char *id_or_code, struct kiosk_event *out)
{
    static const char *const q = EVENT_COLUMNS "WHERE e.id=?1 OR e.code=?1";
    sqlite3_stmt *st;
    int rc = store_stmt(s, q, &st);
    if (rc != SQLITE_OK)
        return store_status_from_sqlite(s, rc, "event get");
    store_bind_text(st, 1, id_or_code);
    return store_collect_one(s, st, "event get", read_event, out);
}

kiosk_status store_events_list(store *s, int kind, struct kiosk_event **out, size_t *count)
{
    static const char *const q = EVENT_COLUMNS "WHERE (?1=0 OR e.kind=?1) AND e.cancelled=0 ORDER "
                                               "BY first_start IS NULL, first_start, e.code";
    *out = NULL;
    *count = 0;
    sqlite3_stmt *st;
    int rc = store_stmt(s, q, &st);
    if (rc != SQLITE_OK)
        return store_status_from_sqlite(s, rc, "events list");
    sqlite3_bind_int(st, 1, kind);
    kiosk_status r;
    *out = store_collect(s, st, "events list", sizeof **out, read_event, count, &r);
    return r;
}

/* -- sessions -- */

#define SESSION_COLUMNS "SELECT id, event_id, number, starts_at, ends_at FROM sessions "

static void session_from_row(sqlite3_stmt *st, struct kiosk_session *out)
{
    memset(out, 0, sizeof *out);
    store_col_text(st, 0, out->id, sizeof out->id);
    store_col_text(st, 1, out->event_id, sizeof out->event_id);
    out->number = sqlite3_column_int(st, 2);
    out->starts_at_ms = sqlite3_column_int64(st, 3);
    out->ends_at_ms = sqlite3_column_int64(st, 4);
}

static void read_session(sqlite3_stmt *st, void *item)
{
    session_from_row(st, item);
}

kiosk_status store_session_add_tx(store *s, struct kiosk_session *sess)
{
    if (!sess->event_id[0] || sess->ends_at_ms <= sess->starts_at_ms)
        return KIOSK_E_INVALID;
    sqlite3_stmt *st;
    int rc;
    if (sess->number <= 0) {
        static const char *const q_next =
            "SELECT coalesce(max(number), 0) + 1 FROM sessions WHERE event_id=?1";
        rc = store_stmt(s, q_next, &st);
        if (rc != SQLITE_OK)
            return store_status_from_sqlite(s, rc, "session number");
        store_bind_text(st, 1, sess->event_id);
        if (sqlite3_step(st) == SQLITE_ROW)
            sess->number = sqlite3_column_int(st, 0);
        sqlite3_reset(st);
    }
    static const char *const q_event = "SELECT 1 FROM events WHERE id=?1";
    rc = store_step(s, q_event, "s", sess->event_id);
    if (rc != SQLITE_ROW)
        return rc == SQLITE_DONE ? KIOSK_E_NOT_FOUND
                                 : store_status_from_sqlite(s, rc, "session add");
    if (!sess->id[0])
        kiosk_id_new(sess->id);
    static const char *const q_ins =
        "INSERT INTO sessions(id, kiosk_id, created_at, event_id, number, starts_at, ends_at, "
        "updated_at, updated_by) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?3, ?2)";
    rc = store_step(s, q_ins, "ssIsiII", sess->id, store_kiosk_id(s), kiosk_clock_now_ms(),
                    sess->event_id, sess->number, sess->starts_at_ms, sess->ends_at_ms);
    if ((rc & 0xff) == SQLITE_CONSTRAINT)
        return KIOSK_E_EXISTS; /* that number is taken */
    if (rc != SQLITE_DONE)
        return store_status_from_sqlite(s, rc, "session add");
    return KIOSK_OK;
}

kiosk_status store_session_add(store *s, struct kiosk_session *sess)
{
    kiosk_status st = store_begin(s);
    if (st != KIOSK_OK)
        return st;
    st = store_session_add_tx(s, sess);
    if (st == KIOSK_OK)
        return store_commit(s);
    store_rollback(s);
    return st;
}

static kiosk_status session_one(store *s, sqlite3_stmt *st, int rc, struct kiosk_session *out)
{
    kiosk_status r = KIOSK_E_NOT_FOUND;
    if (rc == SQLITE_ROW) {
        session_from_row(st, out);
        r = KIOSK_OK;
    } else if (rc != SQLITE_DONE) {
        r = store_status_from_sqlite(s, rc, "session");
    }
    sqlite3_reset(st);
    return r;
}

kiosk_status store_session_get(store *s, const char *id, struct kiosk_session *out)
{
    static const char *const q = SESSION_COLUMNS "WHERE id=?1";
    sqlite3_stmt *st;
    int rc = store_stmt(s, q, &st);
    if (rc != SQLITE_OK)
        return store_status_from_sqlite(s, rc, "session get");
    store_bind_text(st, 1, id);
    return session_one(s, st, sqlite3_step(st), out);
}

kiosk_status store_sessions_list(store *s, const char *event_id, struct kiosk_session **out,
                                 size_t *count)
{
    static const char *const q =
        SESSION_COLUMNS "WHERE event_id=?1 AND cancelled=0 ORDER BY starts_at, number";
    *out = NULL;
    *count = 0;
    sqlite3_stmt *st;
    int rc = store_stmt(s, q, &st);
    if (rc != SQLITE_OK)
        return store_status_from_sqlite(s, rc, "sessions list");
    store_bind_text(st, 1, event_id);
    kiosk_status r;
    *out = store_collect(s, st, "sessions list", sizeof **out, read_session, count, &r);
    return r;
}

kiosk_status store_session_at(store *s, const char *event_id, int64_t at_ms,
                              struct kiosk_session *out)
{
    int64_t day_start, day_end;
    store_local_day(at_ms, &day_start, &day_end);
    /* running now first; else the next one to start before the day ends */
    static const char *const q =
        SESSION_COLUMNS "WHERE event_id=?1 AND cancelled=0 AND ((starts_at<=?2 AND ends_at>?2) OR "
                        "(starts_at>?2 AND starts_at<?3)) ORDER BY starts_at>?2, starts_at LIMIT 1";
    sqlite3_stmt *st;
    int rc = store_stmt(s, q, &st);
    if (rc != SQLITE_OK)
        return store_status_from_sqlite(s, rc, "session at");
    store_bind_text(st, 1, event_id);
    sqlite3_bind_int64(st, 2, at_ms);
    sqlite3_bind_int64(st, 3, day_end);
    return session_one(s, st, sqlite3_step(st), out);
}

int store_event_has_session_on_day(store *s, const char *event_id, int64_t day_ms)
{
    int64_t day_start, day_end;
    store_local_day(day_ms, &day_start, &day_end);
    static const char *const q =
        "SELECT 1 FROM sessions WHERE event_id=?1 AND cancelled=0 AND starts_at<?3 AND ends_at>?2 "
        "LIMIT 1";
    return store_step(s, q, "sII", event_id, day_start, day_end) == SQLITE_ROW;
}
