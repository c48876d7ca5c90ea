/* The queries behind the sheets: read only, streamed where a class of any size may come. */
#include "export_rows.h"

#include "store_internal.h"

static void sql_official_key(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    store_name_key_fn fn = (store_name_key_fn)(uintptr_t)sqlite3_user_data(ctx);
    const unsigned char *full = sqlite3_value_text(argv[0]);
    const unsigned char *given = argc > 1 ? sqlite3_value_text(argv[1]) : NULL;
    unsigned char key[1024];
    size_t n =
        fn(full ? (const char *)full : "", given ? (const char *)given : "", key, sizeof key);
    sqlite3_result_blob(ctx, key, (int)n, SQLITE_TRANSIENT);
}

kiosk_status store_official_key_register(store *s, store_name_key_fn fn)
{
    int rc = sqlite3_create_function_v2(store_db(s), "kiosk_official_key", 2,
                                        SQLITE_UTF8 | SQLITE_DETERMINISTIC, (void *)(uintptr_t)fn,
                                        sql_official_key, NULL, NULL, NULL);
    return rc == SQLITE_OK ? KIOSK_OK : store_status_from_sqlite(s, rc, "export function");
}

kiosk_status store_event_checkins(store *s, const char *event_id, store_row_fn fn, void *ctx)
{
    return store_query(s,
                       "SELECT c.person_id, s.number, c.late FROM sessions s "
                       "JOIN checkins c ON c.session_id = s.id "
                       "WHERE s.event_id = ?1 AND c.kind = 1",
                       "export check-ins", fn, ctx, "t", event_id);
}

/* The phone shows only when the latest answer about being contacted is yes: the sheet
 * travels to the budget holder, and a trainee's number is hers to share. */
static const char *const people_sql =
    "SELECT p.id, p.full_name, p.birth_year, p.phone, p.commune, p.district, p.province, "
    "r.status, COALESCE((SELECT k.granted FROM consents k WHERE k.person_id = p.id AND "
    "k.purpose = 2 ORDER BY k.created_at DESC, k.id DESC LIMIT 1), 0) "
    "FROM registrations r JOIN people p ON p.id = r.person_id WHERE r.event_id = ?1 "
    "AND COALESCE((SELECT k.granted FROM consents k WHERE k.person_id = p.id AND "
    "k.purpose = 1 ORDER BY k.created_at DESC, k.id DESC LIMIT 1), 1) = 1 "
    "ORDER BY kiosk_official_key(p.full_name, p.given_name), p.birth_year, p.id";

kiosk_status store_attendance_people(store *s, const char *event_id, store_rows **out)
{
    return store_rows_open(s, people_sql, "export people", out, "t", event_id);
}

const void *store_checkin_signature(store *s, store_rows **cur, const char *session_id,
                                    const char *person_id, size_t *len)
{
    *len = 0;
    if (!*cur && store_rows_open(s,
                                 "SELECT signature_png FROM checkins WHERE session_id = ?1 "
                                 "AND person_id = ?2 AND kind = 1 AND signature_png IS NOT NULL "
                                 "ORDER BY created_at LIMIT 1",
                                 "export signature", cur, NULL) != KIOSK_OK)
        return NULL;
    sqlite3_stmt *st = (*cur)->st;
    sqlite3_reset(st);
    sqlite3_bind_text(st, 1, session_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, person_id, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(st) != SQLITE_ROW)
        return NULL;
    return store_rows_blob(*cur, 0, len);
}

static const char *const leads_sql =
    "SELECT p.full_name, p.phone, p.organisation, p.org_kind, p.commune, p.district, "
    "p.province, COALESCE((SELECT group_concat(j.value, '; ') FROM json_each(CASE WHEN "
    "json_valid(r.extra) THEN r.extra ELSE '{}' END, '$.interests') j WHERE j.type = 'text'), "
    "''), COALESCE(CASE WHEN json_valid(r.extra) THEN json_extract(r.extra, '$.note') END, ''), "
    "r.created_at FROM registrations r JOIN people p ON p.id = r.person_id "
    "WHERE r.event_id = ?1 AND r.status <> 4 AND COALESCE((SELECT k.granted FROM consents k "
    "WHERE k.person_id = p.id AND k.purpose = 2 ORDER BY k.created_at DESC, k.id DESC LIMIT 1), "
    "0) = 1 ORDER BY r.created_at, p.id";

kiosk_status store_fair_leads(store *s, const char *event_id, store_row_fn fn, void *ctx)
{
    return store_query(s, leads_sql, "export leads", fn, ctx, "t", event_id);
}

/* A person counts unless their latest answer about attendance records is no: the summary's
 * numbers then match the attendance sheets they summarise. */
#define CONSENT_OK(person)                                                                         \
    "COALESCE((SELECT k.granted FROM consents k WHERE k.person_id = " person                       \
    " AND k.purpose = 1 ORDER BY k.created_at DESC, k.id DESC LIMIT 1), 1) = 1"

static const char *const summary_sql[] = {
    [STORE_SUM_HELD] =
        "SELECT count(*), sum(s.starts_at <= ?2 OR EXISTS (SELECT 1 FROM checkins c "
        "WHERE c.session_id = s.id AND c.kind = 1)), 0 FROM sessions s WHERE s.event_id = ?1 "
        "AND s.cancelled = 0",
    [STORE_SUM_REGISTERED] =
        "SELECT count(*), COALESCE(sum(r.status = 3 OR r.source = 'walkin'), 0), 0 FROM "
        "registrations r WHERE r.event_id = ?1 AND r.status IN (1, 3) AND " CONSENT_OK(
            "r.person_id"),
    [STORE_SUM_ATTENDED] =
        "SELECT count(*), COALESCE(sum(n >= ?2), 0), COALESCE(sum(n >= 2), 0) FROM "
        "(SELECT c.person_id AS p, count(DISTINCT c.session_id) AS n FROM sessions s "
        "JOIN checkins c ON c.session_id = s.id WHERE s.event_id = ?1 AND c.kind = 1 "
        "GROUP BY c.person_id) WHERE " CONSENT_OK("p"),
    [STORE_SUM_VISITORS] =
        "SELECT count(*), 0, 0 FROM (SELECT r.person_id AS p FROM registrations r WHERE "
        "r.event_id = ?1 AND r.status <> 4 UNION SELECT c.person_id FROM sessions s JOIN "
        "checkins c ON c.session_id = s.id WHERE s.event_id = ?1 AND c.kind = 1) WHERE " CONSENT_OK(
            "p"),
};

static kiosk_status copy_three(store_rows *r, void *ctx)
{
    int *out = ctx;
    for (int i = 0; i < 3; i++)
        out[i] = store_rows_int(r, i);
    return KIOSK_OK;
}

kiosk_status store_summary_count(store *s, enum store_summary_count which, const char *event_id,
                                 int64_t arg, int out[3])
{
    out[0] = out[1] = out[2] = 0;
    kiosk_status st =
        store_query_one(s, summary_sql[which], "summary", copy_three, out, "tI", event_id, arg);
    return st == KIOSK_E_NOT_FOUND ? store_status_from_sqlite(s, SQLITE_DONE, "summary") : st;
}

/* the fair plugin keeps a visitor's choices in the registration: {"interests": [...]} */
kiosk_status store_summary_interests(store *s, const char *event_id, store_row_fn fn, void *ctx)
{
    return store_query(
        s,
        "SELECT j.value FROM registrations r, json_each(CASE WHEN json_valid(r.extra) THEN "
        "r.extra ELSE '{}' END, '$.interests') j WHERE r.event_id = ?1 AND r.status <> 4 "
        "AND j.type = 'text' AND " CONSENT_OK("r.person_id"),
        "summary interests", fn, ctx, "t", event_id);
}
