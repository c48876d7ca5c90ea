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

/* One person, one row (docs/IDENTITY.md): every read below counts a person's records
 * together under the id that survives merges; the rows themselves are never rewritten. */
#define WHO(col)                                                                                   \
    "coalesce((SELECT a.survivor_id FROM person_alias a WHERE a.id = " col "), " col ")"
/* The records of the person whose surviving id is the SQL expression who. */
#define RECORDS_OF(who)                                                                            \
    "(SELECT " who " UNION ALL SELECT a.id FROM person_alias a WHERE a.survivor_id = " who ")"
/* The latest answer of person who about purpose (1 attendance, 2 contact, 3 share); dflt
 * when never asked. */
#define CONSENT(who, purpose, dflt)                                                                \
    "COALESCE((SELECT k.granted FROM consents k WHERE k.person_id IN " RECORDS_OF(                 \
        who) " AND k.purpose = " purpose " ORDER BY k.created_at DESC, k.id DESC LIMIT 1), " dflt  \
             ")"

#define EXPORT_CACHE_KIB "256"

int64_t store_export_lean(store *s)
{
    int64_t saved = -2000;
    store_query_i64(s, "PRAGMA main.cache_size", "cache size", &saved, NULL);
    sqlite3_exec(store_db(s), "PRAGMA main.cache_size = -" EXPORT_CACHE_KIB, NULL, NULL, NULL);
    sqlite3_db_release_memory(store_db(s));
    return saved;
}

void store_export_lean_end(store *s, int64_t saved)
{
    char sql[64];
    kiosk_fmt(sql, sizeof sql, "PRAGMA main.cache_size = %lld", (long long)saved); /* sql-ident: */
    sqlite3_exec(store_db(s), sql, NULL, NULL, NULL);
    sqlite3_db_release_memory(store_db(s));
}

kiosk_status store_event_checkins(store *s, const char *event_id, store_row_fn fn, void *ctx)
{
    return store_query(s,
                       "SELECT " WHO("c.person_id") ", s.number, c.late, "
                                                    "c.signature_png IS NOT NULL FROM sessions s "
                                                    "JOIN checkins c ON c.session_id = s.id "
                                                    "WHERE s.event_id = ?1 AND c.kind = 1",
                       "export check-ins", fn, ctx, "t", event_id);
}

kiosk_status store_event_has_checkouts(store *s, const char *event_id, int *any)
{
    int64_t n = 0;
    kiosk_status r = store_query_i64(s,
                                     "SELECT EXISTS(SELECT 1 FROM sessions s JOIN checkins c ON "
                                     "c.session_id = s.id WHERE s.event_id = ?1 AND c.kind = 2)",
                                     "export check-outs", &n, "t", event_id);
    *any = r == KIOSK_OK && n != 0;
    return r;
}

kiosk_status store_event_corrections(store *s, const char *event_id, store_row_fn fn, void *ctx)
{
    return store_query(
        s,
        "SELECT " WHO("m.person_id") ", s.number, m.mark FROM sessions s "
                                     "JOIN attendance_marks m ON m.session_id = s.id "
                                     "WHERE s.event_id = ?1 AND m.mark IN (1, 2, 3) "
                                     "ORDER BY m.created_at, m.kiosk_id, m.id",
        "export corrections", fn, ctx, "t", event_id);
}

/* Everyone registered who is on the sheet (attendance is processed under the programme's
 * reporting duty, not by consent: docs/IDENTITY.md), once per person. Of a person's several
 * registrations the strongest status holds (registered, walk-in, waiting, cancelled). The
 * phone shows only when the latest answer about being contacted is yes: the sheet travels to
 * the budget holder, and a trainee's number is hers to share. */
static const char *const people_sql =
    "SELECT p.id, p.full_name, p.birth_year, p.phone, p.commune, p.district, p.province, "
    "CASE min(CASE r.status WHEN 1 THEN 1 WHEN 3 THEN 2 WHEN 2 THEN 3 ELSE 4 END) WHEN 1 THEN 1 "
    "WHEN 2 THEN 3 WHEN 3 THEN 2 ELSE 4 END, " CONSENT(
        "p.id", "2",
        "0") " "
             "FROM (SELECT " WHO(
                 "person_id") " AS who, status FROM registrations WHERE event_id = ?1) r "
                              "JOIN people p ON p.id = r.who GROUP BY p.id "
                              "ORDER BY kiosk_official_key(p.full_name, p.given_name), "
                              "p.birth_year, p.id";

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
                                 "AND person_id IN " RECORDS_OF("?2") " AND kind = 1 AND "
                                                                      "signature_png IS NOT NULL "
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

/* One row a visitor (her first registration), when her latest answer about being contacted
 * is yes. */
static const char *const leads_sql =
    "SELECT p.full_name, p.phone, p.organisation, p.org_kind, p.commune, p.district, "
    "p.province, COALESCE((SELECT group_concat(j.value, '; ') FROM json_each(CASE WHEN "
    "json_valid(r.extra) THEN r.extra ELSE '{}' END, '$.interests') j WHERE j.type = 'text'), "
    "''), COALESCE(CASE WHEN json_valid(r.extra) THEN json_extract(r.extra, '$.note') END, ''), "
    "r.created_at FROM (SELECT " WHO(
        "person_id") " AS who, extra, min(created_at) AS created_at "
                     "FROM registrations WHERE event_id = ?1 AND status <> 4 GROUP BY 1) r "
                     "JOIN people p ON p.id = r.who WHERE " CONSENT(
                         "p.id", "2", "0") " = 1 "
                                           "ORDER BY r.created_at, p.id";

kiosk_status store_fair_leads(store *s, const char *event_id, store_row_fn fn, void *ctx)
{
    return store_query(s, leads_sql, "export leads", fn, ctx, "t", event_id);
}

/* Everyone who registered or came counts, once (the sheet's rows and the summary's totals
 * are the same people). */
#define WHO_R WHO("r.person_id")
#define WHO_C WHO("c.person_id")
static const char *const summary_sql[] = {
    [STORE_SUM_HELD] =
        "SELECT count(*), sum(s.starts_at <= ?2 OR EXISTS (SELECT 1 FROM checkins c "
        "WHERE c.session_id = s.id AND c.kind = 1)), 0 FROM sessions s WHERE s.event_id = ?1 "
        "AND s.cancelled = 0",
    [STORE_SUM_REGISTERED] =
        "SELECT count(*), COALESCE(sum(walk), 0), 0 FROM (SELECT " WHO_R " AS w, "
        "max(r.status = 3 OR r.source = 'walkin') AS walk FROM registrations r "
        "WHERE r.event_id = ?1 AND r.status IN (1, 3) GROUP BY w)",
    [STORE_SUM_ATTENDED] =
        "SELECT count(*), COALESCE(sum(n >= ?2), 0), COALESCE(sum(n >= 2), 0) FROM "
        "(SELECT " WHO_C " AS p, count(DISTINCT c.session_id) AS n FROM sessions s "
        "JOIN checkins c ON c.session_id = s.id WHERE s.event_id = ?1 AND c.kind = 1 GROUP BY p)",
    [STORE_SUM_VISITORS] =
        "SELECT count(*), 0, 0 FROM (SELECT " WHO_R " AS p FROM registrations r "
        "WHERE r.event_id = ?1 AND r.status <> 4 UNION SELECT " WHO_C " FROM sessions s "
        "JOIN checkins c ON c.session_id = s.id WHERE s.event_id = ?1 AND c.kind = 1)",
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

/* the fair plugin keeps a visitor's choices in the registration: {"interests": [...]};
 * a person's registrations (merged records) come together, by her surviving id */
kiosk_status store_summary_interests(store *s, const char *event_id, store_row_fn fn, void *ctx)
{
    return store_query(s,
                       "SELECT " WHO("r.person_id") ", j.value FROM registrations r, "
                                                    "json_each(CASE WHEN json_valid(r.extra) "
                                                    "THEN r.extra ELSE '{}' END, "
                                                    "'$.interests') j WHERE r.event_id = ?1 "
                                                    "AND r.status <> 4 AND j.type = 'text' "
                                                    "ORDER BY 1",
                       "summary interests", fn, ctx, "t", event_id);
}

static kiosk_status copy_long(store_rows *r, void *ctx)
{
    *(long *)ctx = (long)store_rows_i64(r, 0);
    return KIOSK_OK;
}

kiosk_status store_event_registration_total(store *s, const char *event_id, long *n)
{
    *n = 0;
    return store_query_one(s, "SELECT count(*) FROM registrations WHERE event_id = ?1",
                           "registration total", copy_long, n, "t", event_id);
}
