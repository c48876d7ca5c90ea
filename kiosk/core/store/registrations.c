/* Registrations: a person signs up for an event once. Who is the same person is the
 * identity rule's (docs/IDENTITY.md); a full class puts people on a waiting list. */
#include "domain.h"
#include "store_internal.h"
#include "text/text.h"

#include <string.h>

/* The waiting-list position is computed, not stored: it moves up as seats free. */
#define REG_COLUMNS                                                                                \
    "SELECT r.id, r.event_id, r.person_id, r.status, r.created_at, "                               \
    "CASE WHEN r.status=2 THEN (SELECT count(*) FROM registrations w WHERE "                       \
    "w.event_id=r.event_id AND w.status=2 AND (w.created_at<r.created_at OR "                      \
    "(w.created_at=r.created_at AND w.rowid<=r.rowid))) ELSE 0 END "

static void reg_from_row(sqlite3_stmt *st, struct kiosk_registration *out)
{
    memset(out, 0, sizeof *out);
    store_col_text(st, 0, out->id, sizeof out->id);
    store_col_text(st, 1, out->event_id, sizeof out->event_id);
    store_col_text(st, 2, out->person_id, sizeof out->person_id);
    out->status = sqlite3_column_int(st, 3);
    out->created_at_ms = sqlite3_column_int64(st, 4);
    out->waitlist_position = sqlite3_column_int(st, 5);
}

/* Runs a registration query with text ?1 ?2 and int ?3; KIOSK_OK when a row was found. */
static kiosk_status reg_find(store *s, const char *sql, const char *a, const char *b, int c,
                             struct kiosk_registration *out)
{
    sqlite3_stmt *st;
    int rc = store_stmt(s, sql, &st);
    if (rc != SQLITE_OK)
        return store_status_from_sqlite(s, rc, "registration");
    store_bind_text(st, 1, a);
    store_bind_text(st, 2, b);
    sqlite3_bind_int(st, 3, c);
    kiosk_status r = KIOSK_E_NOT_FOUND;
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        reg_from_row(st, out);
        r = KIOSK_OK;
    } else if (rc != SQLITE_DONE) {
        r = store_status_from_sqlite(s, rc, "registration");
    }
    sqlite3_reset(st);
    return r;
}

/* A registration of the person or of any record merged with her (docs/IDENTITY.md); the
 * person_id read is the one that survives. ?2 is a survivor id. */
static const char *const q_reg_by_person =
    "SELECT r.id, r.event_id, ?2, r.status, r.created_at, "
    "CASE WHEN r.status=2 THEN (SELECT count(*) FROM registrations w WHERE "
    "w.event_id=r.event_id AND w.status=2 AND (w.created_at<r.created_at OR "
    "(w.created_at=r.created_at AND w.rowid<=r.rowid))) ELSE 0 END "
    "FROM registrations r WHERE r.event_id=?1 AND r.person_id IN "
    "(SELECT ?2 UNION ALL SELECT id FROM person_alias WHERE survivor_id=?2) "
    "ORDER BY r.created_at, r.id LIMIT 1";

kiosk_status store_registration_get(store *s, const char *event_id, const char *person_id,
                                    struct kiosk_registration *out)
{
    char who[KIOSK_ID_LEN];
    store_person_survivor(s, person_id, who);
    return reg_find(s, q_reg_by_person, event_id, who, 0, out);
}

/* A person already known to the program by the identity rule (docs/IDENTITY.md) is the
 * same person: reuse the id, keep what the new entry leaves empty, so one human has one
 * record across classes and fairs. Namesakes, a family phone and doubtful cases
 * (probable duplicates) stay apart. 1: p now names the known person. */
static int reuse_known_person(store *s, struct kiosk_person *p)
{
    struct kiosk_person known;
    if (store_person_find_same(s, p, &known, NULL) != KIOSK_OK)
        return 0;
    kiosk_strlcpy(p->id, known.id, sizeof p->id);
    /* Her name on record stays as it was written ("Hoà" typed for "Hòa", or typed
     * without accents, is still her, and her name is not rewritten by the typing). */
    kiosk_strlcpy(p->full_name, known.full_name, sizeof p->full_name);
#define KEEP(field)                                                                                \
    if (!p->field[0])                                                                              \
    kiosk_strlcpy(p->field, known.field, sizeof p->field)
    KEEP(given_name);
    KEEP(phone);
    KEEP(organisation);
    /* An address is one thing: what is missing is filled from the record only within the
     * same province; another province replaces the old address whole, never mixed. */
    char p_prov[KIOSK_PLACE_LEN], k_prov[KIOSK_PLACE_LEN];
    vn_fold(p->province, p_prov, sizeof p_prov);
    vn_fold(known.province, k_prov, sizeof k_prov);
    if (!p_prov[0] || strcmp(p_prov, k_prov) == 0) {
        KEEP(province);
        KEEP(commune);
        KEEP(district);
    }
#undef KEEP
    if (!p->birth_year)
        p->birth_year = known.birth_year;
    if (!p->org_kind)
        p->org_kind = known.org_kind;
    return 1;
}

static int source_ok(const char *source)
{
    static const char *const known[] = {"kiosk", "import", "walkin"};
    for (size_t i = 0; i < KIOSK_ARRAY_LEN(known); i++)
        if (strcmp(source, known[i]) == 0)
            return 1;
    return 0;
}

/* A class whose sign-up the coordinator closed takes no one at a kiosk's sign-up screen
 * (docs/PROGRAM.md); the roster and walk-ins still add trainees. */
static int signup_allowed(const struct kiosk_event *ev, const char *source)
{
    return ev->kind != KIOSK_EVENT_CLASS || ev->signup_open || strcmp(source, "kiosk") != 0;
}

static int new_status(const struct kiosk_event *ev, const char *source)
{
    if (strcmp(source, "walkin") == 0)
        return KIOSK_REG_WALKIN; /* already in the room: never put on the waiting list */
    if (ev->capacity > 0 && ev->registered >= ev->capacity)
        return KIOSK_REG_WAITLIST;
    return KIOSK_REG_REGISTERED;
}

/* A plugin's extra data must be a JSON object. */
static kiosk_status extra_ok(store *s, const char *json)
{
    static const char *const q_json = "SELECT json_valid(?1) AND json_type(?1)='object'";
    sqlite3_stmt *st;
    int rc = store_stmt(s, q_json, &st);
    if (rc != SQLITE_OK)
        return store_status_from_sqlite(s, rc, "registration");
    store_bind_text(st, 1, json);
    int ok = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
    sqlite3_reset(st);
    return ok ? KIOSK_OK : KIOSK_E_INVALID;
}

static kiosk_status insert_registration(store *s, const char *id, const char *event_id,
                                        const struct kiosk_person *p, int status,
                                        const char *source)
{
    static const char *const q_ins =
        "INSERT INTO registrations(id, kiosk_id, created_at, event_id, person_id, status, source, "
        "extra) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, coalesce(?8, '{}'))";
    sqlite3_stmt *st;
    int rc = store_stmt(s, q_ins, &st);
    if (rc != SQLITE_OK)
        return store_status_from_sqlite(s, rc, "registration");
    store_bind_text(st, 1, id);
    store_bind_text(st, 2, store_kiosk_id(s));
    sqlite3_bind_int64(st, 3, kiosk_clock_now_ms());
    store_bind_text(st, 4, event_id);
    store_bind_text(st, 5, p->id);
    sqlite3_bind_int(st, 6, status);
    store_bind_text(st, 7, source);
    if (p->extra_json)
        store_bind_text(st, 8, p->extra_json);
    else
        sqlite3_bind_null(st, 8);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? KIOSK_OK : store_status_from_sqlite(s, rc, "registration");
}

kiosk_status store_register_tx(store *s, const char *event_id, struct kiosk_person *p,
                               const char *source, struct kiosk_registration *out,
                               const char **why_key, int *person_changed)
{
    *person_changed = 0;
    if (!source || !source_ok(source))
        return KIOSK_E_INVALID;
    struct kiosk_event ev;
    kiosk_status r = store_event_get(s, event_id, &ev);
    if (r != KIOSK_OK)
        return r;
    if (!signup_allowed(&ev, source))
        return KIOSK_E_DENIED;
    char key[KIOSK_NAME_LEN];
    r = store_person_prepare(p, key, why_key);
    if (r != KIOSK_OK)
        return r;
    struct kiosk_person as_typed = *p;
    if (p->id[0]) {
        struct kiosk_person known;
        r = store_person_read(s, p->id, &known);
        if (r != KIOSK_OK)
            return r;
    } else if (!reuse_known_person(s, p)) {
        p->id[0] = '\0';
    }
    if (p->id[0]) {
        r = store_registration_get(s, ev.id, p->id, out);
        if (r == KIOSK_OK) {
            r = store_person_read(s, out->person_id, p);
            return r == KIOSK_OK ? KIOSK_E_EXISTS : r;
        }
        if (r != KIOSK_E_NOT_FOUND)
            return r;
    }
    if (!as_typed.id[0]) {
        if (p->id[0]) /* her record, with what she typed: the name on it stays */
            vn_fold(p->full_name, key, sizeof key);
        r = store_person_write_tx(s, p, key);
        if (r != KIOSK_OK)
            return r;
        *person_changed = 1;
    }
    int status = new_status(&ev, source);

    if (p->extra_json && (r = extra_ok(s, p->extra_json)) != KIOSK_OK)
        return r;
    char id[KIOSK_ID_LEN];
    kiosk_id_new(id);
    r = insert_registration(s, id, ev.id, p, status, source);
    if (r != KIOSK_OK)
        return r;
    char detail[128];
    kiosk_fmt(detail, sizeof detail, "event=%s status=%d source=%s", ev.code, status, source);
    r = store_log_add(s, "register", id, detail);
    if (r != KIOSK_OK)
        return r;
    return store_registration_get(s, ev.id, p->id, out);
}

kiosk_status store_register(store *s, const char *event_id, struct kiosk_person *p,
                            const char *source, struct kiosk_registration *out,
                            const char **why_key)
{
    struct kiosk_person before = *p;
    int changed = 0;
    kiosk_status r = store_begin(s);
    if (r != KIOSK_OK)
        return r;
    r = store_register_tx(s, event_id, p, source, out, why_key, &changed);
    if (r == KIOSK_OK) {
        r = store_commit(s);
        if (r != KIOSK_OK)
            *p = before; /* nothing was stored: leave the caller's person as it was */
        else if (changed)
            store_search_note_person(s, p->id, p->full_name);
        return r;
    }
    store_rollback(s);
    if (r != KIOSK_E_EXISTS)
        *p = before; /* EXISTS fills p with the registered person */
    return r;
}
