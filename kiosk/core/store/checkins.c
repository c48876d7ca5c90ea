/* Check-ins: append-only facts; whether one is a first arrival, a return or a check-out
 * follows the presence rule (people/presence.h). Late and walk-in are decided here, from
 * the event's threshold and the registration, so every plugin and every export agrees. */
#include "domain.h"
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

/* The person's records: her surviving id ?2 and the ids merged into it (docs/IDENTITY.md).
 * A check-in keeps the id it was made for (a receipt's); one per person counts them all. */
#define SAME_PERSON(col)                                                                           \
    col " IN (SELECT ?2 UNION ALL SELECT id FROM person_alias WHERE survivor_id=?2)"

struct session_facts {
    char event_id[KIOSK_ID_LEN];
    char event_code[KIOSK_PART_LEN];
    int number;
    int64_t starts_at_ms;
    int late_after_min;
    int event_kind;
    int reg_status; /* 0: not registered */
    int person_known;
};

static void read_facts(sqlite3_stmt *st, void *item)
{
    struct session_facts *f = item;
    memset(f, 0, sizeof *f);
    store_col_text(st, 0, f->event_id, sizeof f->event_id);
    store_col_text(st, 1, f->event_code, sizeof f->event_code);
    f->number = sqlite3_column_int(st, 2);
    f->starts_at_ms = sqlite3_column_int64(st, 3);
    f->late_after_min = sqlite3_column_int(st, 4);
    f->reg_status = sqlite3_column_int(st, 5);
    f->person_known = sqlite3_column_int(st, 6);
    f->event_kind = sqlite3_column_int(st, 7);
}

static kiosk_status session_facts(store *s, const char *session_id, const char *person_id,
                                  struct session_facts *f)
{
    static const char *const q =
        "SELECT se.event_id, e.code, se.number, se.starts_at, e.late_after_min, "
        "(SELECT status FROM registrations r WHERE r.event_id=se.event_id AND " SAME_PERSON(
            "r.person_id") " ORDER BY r.created_at, r.id LIMIT 1), "
                           "EXISTS(SELECT 1 FROM people WHERE id=?3), e.kind "
                           "FROM sessions se JOIN events e ON e.id=se.event_id WHERE se.id=?1";
    sqlite3_stmt *st;
    int rc = store_stmt(s, q, &st);
    if (rc != SQLITE_OK)
        return store_status_from_sqlite(s, rc, "check-in");
    char who[KIOSK_ID_LEN];
    store_person_survivor(s, person_id, who);
    store_bind_text(st, 1, session_id);
    store_bind_text(st, 2, who);
    store_bind_text(st, 3, person_id);
    kiosk_status r = store_collect_one(s, st, "check-in", read_facts, f);
    return r == KIOSK_OK && !f->person_known ? KIOSK_E_NOT_FOUND : r;
}

static kiosk_status insert_checkin(store *s, const struct kiosk_checkin *c, const uint8_t *strokes,
                                   size_t strokes_len, const uint8_t *png, size_t png_len)
{
    static const char *const q =
        "INSERT INTO checkins(id, kiosk_id, created_at, session_id, person_id, kind, late, "
        "walkin, signature, signature_png) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
    sqlite3_stmt *st;
    int rc = store_stmt(s, q, &st);
    if (rc != SQLITE_OK)
        return store_status_from_sqlite(s, rc, "check-in");
    store_bind_text(st, 1, c->id);
    store_bind_text(st, 2, store_kiosk_id(s));
    sqlite3_bind_int64(st, 3, c->at_ms);
    store_bind_text(st, 4, c->session_id);
    store_bind_text(st, 5, c->person_id);
    sqlite3_bind_int(st, 6, c->kind);
    sqlite3_bind_int(st, 7, c->late);
    sqlite3_bind_int(st, 8, c->walkin);
    if (strokes)
        sqlite3_bind_blob(st, 9, strokes, (int)strokes_len, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, 9);
    if (png)
        sqlite3_bind_blob(st, 10, png, (int)png_len, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, 10);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st); /* the blobs are ours: do not leave pointers behind */
    if (rc != SQLITE_DONE)
        return store_status_from_sqlite(s, rc, "check-in");
    return KIOSK_OK;
}

static kiosk_status check_in_tx(store *s, struct kiosk_checkin *c, const uint8_t *strokes,
                                size_t strokes_len, const uint8_t *png, size_t png_len)
{
    struct store_presence sp;
    kiosk_status r = store_presence_read(s, c->session_id, c->person_id, &sp);
    if (r != KIOSK_OK)
        return r;
    int records = presence_records(&sp.p, c->kind);
    if (records == 0) { /* in already: her first check-in; out already: that check-out */
        *c = c->kind == KIOSK_CHECK_OUT ? sp.last_out : sp.first_in;
        return KIOSK_E_EXISTS;
    }
    c->kind = records;
    struct session_facts f;
    r = session_facts(s, c->session_id, c->person_id, &f);
    if (r != KIOSK_OK)
        return r;
    /* a fair has visitors, not latecomers; a return is not a late arrival */
    c->late = c->kind == KIOSK_CHECK_IN && f.event_kind == KIOSK_EVENT_CLASS &&
              c->at_ms > f.starts_at_ms + (int64_t)f.late_after_min * 60 * 1000;
    c->walkin = f.reg_status == 0 || f.reg_status == KIOSK_REG_WALKIN;
    kiosk_id_new(c->id);
    r = insert_checkin(s, c, strokes, strokes_len, png, png_len);
    if (r != KIOSK_OK)
        return r;
    char detail[128];
    kiosk_fmt(detail, sizeof detail, "event=%s session=%d kind=%d late=%d walkin=%d signed=%d",
              f.event_code, f.number, c->kind, c->late, c->walkin, strokes != NULL);
    return store_log_add(s, "checkin", c->id, detail);
}

kiosk_status store_check_in(store *s, const char *session_id, const char *person_id, int kind,
                            int64_t at_ms, const struct kiosk_signature *sig,
                            struct kiosk_checkin *out)
{
    if (!session_id || !session_id[0] || !person_id || !person_id[0] ||
        (kind != KIOSK_CHECK_IN && kind != KIOSK_CHECK_OUT))
        return KIOSK_E_INVALID;
    struct kiosk_checkin c = {.kind = kind, .at_ms = at_ms > 0 ? at_ms : kiosk_clock_now_ms()};
    kiosk_strlcpy(c.session_id, session_id, sizeof c.session_id);
    kiosk_strlcpy(c.person_id, person_id, sizeof c.person_id);
    /* drawn before the transaction: the write lock is held only for the inserts */
    uint8_t *strokes = NULL, *png = NULL;
    size_t strokes_len = 0, png_len = 0;
    kiosk_status r = store_signature_pack(sig, &strokes, &strokes_len);
    if (r == KIOSK_OK)
        r = store_signature_png(sig, &png, &png_len);
    if (r == KIOSK_OK)
        r = store_begin(s);
    if (r == KIOSK_OK) {
        r = check_in_tx(s, &c, strokes, strokes_len, png, png_len);
        if (r == KIOSK_OK)
            r = store_commit(s);
        else
            store_rollback(s);
    }
    free(strokes);
    free(png);
    if ((r == KIOSK_OK || r == KIOSK_E_EXISTS) && out)
        *out = c;
    return r;
}
