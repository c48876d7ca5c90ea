/* Whether a person is in the room for a session (kiosk/core/people/presence.h): her
 * check-ins, check-outs and returns, over all her merged records, in the order they
 * happened; cancelled check-outs do not count. */
#include "domain.h"
#include "store_internal.h"

#include <string.h>

static const char *const q_facts =
    "SELECT c.id, c.session_id, c.person_id, c.kind, c.late, c.walkin, c.created_at, "
    "EXISTS(SELECT 1 FROM attendance_marks m WHERE m.checkin_id=c.id AND m.mark=4) "
    "FROM checkins c WHERE c.session_id=?1 AND c.person_id IN "
    "(SELECT ?2 UNION ALL SELECT id FROM person_alias WHERE survivor_id=?2) "
    "ORDER BY c.created_at, c.id";

static void read_row(sqlite3_stmt *st, struct kiosk_checkin *out)
{
    memset(out, 0, sizeof *out);
    store_col_text(st, 0, out->id, sizeof out->id);
    store_col_text(st, 1, out->session_id, sizeof out->session_id);
    store_col_text(st, 2, out->person_id, sizeof out->person_id);
    out->kind = sqlite3_column_int(st, 3);
    out->late = sqlite3_column_int(st, 4);
    out->walkin = sqlite3_column_int(st, 5);
    out->at_ms = sqlite3_column_int64(st, 6);
}

kiosk_status store_presence_read(store *s, const char *session_id, const char *person_id,
                                 struct store_presence *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st;
    int rc = store_stmt(s, q_facts, &st);
    if (rc != SQLITE_OK)
        return store_status_from_sqlite(s, rc, "presence");
    char who[KIOSK_ID_LEN];
    store_person_survivor(s, person_id, who);
    store_bind_text(st, 1, session_id);
    store_bind_text(st, 2, who);
    size_t i = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct kiosk_checkin c;
        read_row(st, &c);
        struct presence_fact f = {c.kind, c.at_ms, sqlite3_column_int(st, 7)};
        int arrival = f.kind == KIOSK_CHECK_IN || f.kind == KIOSK_CHECK_RETURN;
        if (arrival && out->p.first_in_ms == 0)
            out->first_in = c;
        int was_out = out->p.state == PRESENCE_LEFT;
        presence_add(&out->p, &f, i++);
        if (arrival)
            out->out_count = 0;
        if (f.kind != KIOSK_CHECK_OUT || f.cancelled)
            continue;
        if (!was_out)
            out->last_out = c;
        if (out->out_count < STORE_PRESENCE_OUTS)
            memcpy(out->out_ids[out->out_count++], c.id, KIOSK_ID_LEN);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return store_status_from_sqlite(s, rc, "presence");
    if (out->p.state != PRESENCE_LEFT)
        memset(&out->last_out, 0, sizeof out->last_out);
    return KIOSK_OK;
}

void store_presence_give(const struct store_presence *sp, int64_t now_ms, int64_t undo_window_ms,
                         struct kiosk_presence *out)
{
    memset(out, 0, sizeof *out);
    out->state = sp->p.state;
    out->first_in_ms = sp->p.first_in_ms;
    out->last_out_ms = sp->p.last_out_ms;
    out->returns = sp->p.returns;
    if (presence_undo_allowed(&sp->p, now_ms, undo_window_ms))
        out->undo_until_ms = sp->p.last_out_ms + undo_window_ms;
}

kiosk_status store_presence_get(store *s, const char *session_id, const char *person_id,
                                int64_t undo_window_ms, struct kiosk_presence *out)
{
    if (!session_id || !session_id[0] || !person_id || !person_id[0] || !out)
        return KIOSK_E_INVALID;
    struct store_presence sp;
    kiosk_status r = store_presence_read(s, session_id, person_id, &sp);
    if (r == KIOSK_OK)
        store_presence_give(&sp, kiosk_clock_now_ms(), undo_window_ms, out);
    return r;
}
