/* Corrections of attendance (docs/IDENTITY.md): the coordinator's marks and cancelled
 * check-outs, append-only facts with a log row each; the original check-ins stay. */
#include "domain.h"
#include "people/marks.h"
#include "rows.h"
#include "store_internal.h"

#include <string.h>

/* What a trainee's own undo says as its reason (a fixed word: no free text of hers). */
#define UNDO_REASON "undone at the kiosk"

/* The session numbered `number` of event (id or code), and the person (her records). */
static kiosk_status find_session(store *s, const char *event, int number, struct kiosk_event *ev,
                                 char session_id[KIOSK_ID_LEN])
{
    kiosk_status r = store_event_get(s, event, ev);
    if (r != KIOSK_OK)
        return r;
    static const char *const q = "SELECT id FROM sessions WHERE event_id=?1 AND number=?2";
    sqlite3_stmt *st;
    int rc = store_stmt(s, q, &st);
    if (rc != SQLITE_OK)
        return store_status_from_sqlite(s, rc, "correction");
    store_bind_text(st, 1, ev->id);
    sqlite3_bind_int(st, 2, number);
    r = KIOSK_E_NOT_FOUND;
    if (sqlite3_step(st) == SQLITE_ROW) {
        store_col_text(st, 0, session_id, KIOSK_ID_LEN);
        r = KIOSK_OK;
    }
    sqlite3_reset(st);
    return r;
}

static kiosk_status mark_insert(store *s, const struct store_correction *c, const char *session_id,
                                const char *checkin_id, const char *by, char id[KIOSK_ID_LEN])
{
    static const char *const q =
        "INSERT INTO attendance_marks(id, kiosk_id, created_at, session_id, person_id, mark, "
        "checkin_id, reason, by_whom) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
    sqlite3_stmt *st;
    int rc = store_stmt(s, q, &st);
    if (rc != SQLITE_OK)
        return store_status_from_sqlite(s, rc, "correction");
    kiosk_id_new(id);
    store_bind_text(st, 1, id);
    store_bind_text(st, 2, store_kiosk_id(s));
    sqlite3_bind_int64(st, 3, kiosk_clock_now_ms());
    store_bind_text(st, 4, session_id);
    store_bind_text(st, 5, c->person_id);
    sqlite3_bind_int(st, 6, c->mark);
    store_bind_text(st, 7, checkin_id);
    store_bind_text(st, 8, c->reason);
    store_bind_text(st, 9, by);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? KIOSK_OK : store_status_from_sqlite(s, rc, "correction");
}

static kiosk_status copy_id(store_rows *r, void *out)
{
    store_rows_copy(r, 0, out, KIOSK_ID_LEN);
    return KIOSK_OK;
}

/* The person's latest check-out of the session not cancelled yet. */
static kiosk_status last_checkout(store *s, const char *session_id, const char *person_id,
                                  char out[KIOSK_ID_LEN])
{
    static const char *const q =
        "SELECT c.id FROM checkins c WHERE c.session_id=?1 AND c.kind=2 AND c.person_id IN "
        "(SELECT ?2 UNION ALL SELECT id FROM person_alias WHERE survivor_id=?2) AND NOT EXISTS "
        "(SELECT 1 FROM attendance_marks m WHERE m.checkin_id=c.id AND m.mark=4) "
        "ORDER BY c.created_at DESC, c.id DESC LIMIT 1";
    char who[KIOSK_ID_LEN];
    store_person_survivor(s, person_id, who);
    return store_query_one(s, q, "correction", copy_id, out, "ss", session_id, who);
}

static kiosk_status correct_tx(store *s, const struct store_correction *c, char id[KIOSK_ID_LEN])
{
    struct kiosk_event ev;
    char session_id[KIOSK_ID_LEN], checkin_id[KIOSK_ID_LEN] = "";
    struct kiosk_person p;
    kiosk_status r = find_session(s, c->event, c->session_number, &ev, session_id);
    if (r == KIOSK_OK)
        r = store_person_get(s, c->person_id, &p);
    if (r == KIOSK_OK && c->mark == CORRECT_CHECKOUT_CANCELLED)
        r = last_checkout(s, session_id, c->person_id, checkin_id);
    if (r != KIOSK_OK)
        return r;
    if (!attendance_mark_row_valid(c->mark, checkin_id, c->reason, MARK_BY_COORDINATOR))
        return KIOSK_E_INVALID;
    r = mark_insert(s, c, session_id, checkin_id, MARK_BY_COORDINATOR, id);
    if (r != KIOSK_OK)
        return r;
    char detail[320];
    kiosk_fmt(detail, sizeof detail,
              "event=%s session=%d person=%s mark=%d%s%s by=coordinator via=%s", ev.code,
              c->session_number, c->person_id, c->mark, checkin_id[0] ? " checkout=" : "",
              checkin_id, c->via ? c->via : "kioskctl");
    return store_log_add(s, "attendance.correct", id, detail);
}

kiosk_status store_attendance_correct(store *s, const struct store_correction *c,
                                      char id[KIOSK_ID_LEN])
{
    char ignore[KIOSK_ID_LEN];
    if (!id)
        id = ignore;
    id[0] = '\0';
    if (!c || !c->event || !c->person_id || !c->reason)
        return KIOSK_E_INVALID;
    kiosk_status r = store_begin(s);
    if (r != KIOSK_OK)
        return r;
    r = correct_tx(s, c, id);
    if (r == KIOSK_OK)
        r = store_commit(s);
    else
        store_rollback(s);
    if (r != KIOSK_OK)
        id[0] = '\0';
    return r;
}

static kiosk_status undo_tx(store *s, const char *session_id, const char *person_id,
                            int64_t window_ms, struct store_presence *sp)
{
    kiosk_status r = store_presence_read(s, session_id, person_id, sp);
    if (r != KIOSK_OK)
        return r;
    if (sp->p.state != PRESENCE_LEFT)
        return KIOSK_E_NOT_FOUND;
    if (!presence_undo_allowed(&sp->p, kiosk_clock_now_ms(), window_ms))
        return KIOSK_E_DENIED;
    /* every check-out since she came in: two kiosks may each have taken one */
    struct store_correction c = {
        "", 0, sp->last_out.person_id, CORRECT_CHECKOUT_CANCELLED, UNDO_REASON, "trainee"};
    for (size_t i = 0; r == KIOSK_OK && i < sp->out_count; i++) {
        char id[KIOSK_ID_LEN], detail[160];
        r = mark_insert(s, &c, session_id, sp->out_ids[i], MARK_BY_TRAINEE, id);
        kiosk_fmt(detail, sizeof detail, "session=%s person=%s mark=4 checkout=%s by=trainee",
                  session_id, sp->last_out.person_id, sp->out_ids[i]);
        if (r == KIOSK_OK)
            r = store_log_add(s, "attendance.correct", id, detail);
    }
    return r == KIOSK_OK ? store_presence_read(s, session_id, person_id, sp) : r;
}

kiosk_status store_checkout_undo(store *s, const char *session_id, const char *person_id,
                                 int64_t undo_window_ms, struct kiosk_presence *out)
{
    if (!session_id || !session_id[0] || !person_id || !person_id[0])
        return KIOSK_E_INVALID;
    kiosk_status r = store_begin(s);
    if (r != KIOSK_OK)
        return r;
    struct store_presence sp;
    r = undo_tx(s, session_id, person_id, undo_window_ms, &sp);
    if (r == KIOSK_OK)
        r = store_commit(s);
    else
        store_rollback(s);
    if (r == KIOSK_OK && out)
        store_presence_give(&sp, kiosk_clock_now_ms(), undo_window_ms, out);
    return r;
}

/* The records of the person whose surviving id is ?2. */
#define RECORDS "(SELECT ?2 UNION ALL SELECT id FROM person_alias WHERE survivor_id=?2)"

static kiosk_status read_times(store_rows *r, void *ctx)
{
    struct store_attendance_detail *d = ctx;
    d->checkin_at = store_rows_i64(r, 0);
    d->checkout_at = store_rows_i64(r, 1);
    return KIOSK_OK;
}

static kiosk_status read_mark(store_rows *r, void *ctx)
{
    struct store_attendance_detail *d = ctx;
    d->mark = store_rows_int(r, 0);
    store_rows_copy(r, 1, d->reason, sizeof d->reason);
    d->marked_at = store_rows_i64(r, 2);
    return KIOSK_OK;
}

kiosk_status store_attendance_detail(store *s, const char *session_id, const char *person_id,
                                     struct store_attendance_detail *out)
{
    memset(out, 0, sizeof *out);
    char who[KIOSK_ID_LEN];
    store_person_survivor(s, person_id, who);
    kiosk_status r = store_query_one(
        s,
        "SELECT coalesce((SELECT min(c.created_at) FROM checkins c WHERE c.session_id=?1 AND "
        "c.kind=1 AND c.person_id IN " RECORDS "), 0), coalesce((SELECT max(c.created_at) FROM "
        "checkins c WHERE c.session_id=?1 AND c.kind=2 AND c.person_id IN " RECORDS " AND NOT "
        "EXISTS (SELECT 1 FROM attendance_marks m WHERE m.checkin_id=c.id AND m.mark=4)), 0)",
        "attendance detail", read_times, out, "tt", session_id, who);
    if (r != KIOSK_OK)
        return r;
    r = store_query_one(s,
                        "SELECT mark, reason, created_at FROM attendance_marks WHERE "
                        "session_id=?1 AND mark IN (1, 2, 3) AND person_id IN " RECORDS
                        " ORDER BY created_at DESC, kiosk_id DESC, id DESC LIMIT 1",
                        "attendance detail", read_mark, out, "tt", session_id, who);
    return r == KIOSK_E_NOT_FOUND ? KIOSK_OK : r;
}
