/* Counting the summary: a handful of SQL aggregates an event. */
#include "export/summary_data.h"

#include "store/domain.h"
#include "text/text.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

/* A person counts unless their latest answer about attendance records is no: the summary's
 * numbers then match the attendance sheets they summarise. */
#define CONSENT_OK(person)                                                                         \
    "COALESCE((SELECT k.granted FROM consents k WHERE k.person_id = " person                       \
    " AND k.purpose = 1 ORDER BY k.created_at DESC, k.id DESC LIMIT 1), 1) = 1"

static const char *const q_held =
    "SELECT count(*), sum(s.starts_at <= ?2 OR EXISTS (SELECT 1 FROM checkins c "
    "WHERE c.session_id = s.id AND c.kind = 1)) FROM sessions s WHERE s.event_id = ?1";
static const char *const q_registered =
    "SELECT count(*), COALESCE(sum(r.status = 3 OR r.source = 'walkin'), 0) FROM registrations r "
    "WHERE r.event_id = ?1 AND r.status IN (1, 3) AND " CONSENT_OK("r.person_id");
static const char *const q_attended =
    "SELECT count(*), COALESCE(sum(n >= ?2), 0), COALESCE(sum(n >= 2), 0) FROM "
    "(SELECT c.person_id AS p, count(DISTINCT c.session_id) AS n FROM sessions s "
    "JOIN checkins c ON c.session_id = s.id WHERE s.event_id = ?1 AND c.kind = 1 "
    "GROUP BY c.person_id) WHERE " CONSENT_OK("p");
static const char *const q_visitors =
    "SELECT count(*) FROM (SELECT r.person_id AS p FROM registrations r WHERE r.event_id = ?1 "
    "AND r.status <> 4 UNION SELECT c.person_id FROM sessions s JOIN checkins c "
    "ON c.session_id = s.id WHERE s.event_id = ?1 AND c.kind = 1) WHERE " CONSENT_OK("p");
/* the fair plugin keeps a visitor's choices in the registration: {"interests": [...]} */
static const char *const q_interests =
    "SELECT j.value FROM registrations r, json_each(CASE WHEN json_valid(r.extra) THEN r.extra "
    "ELSE '{}' END, '$.interests') j WHERE r.event_id = ?1 AND r.status <> 4 "
    "AND j.type = 'text' AND " CONSENT_OK("r.person_id");

/* Runs sql for one event; fills up to three integer columns of its one row. */
static kiosk_status count(store *s, const char *sql, const char *event_id, int64_t arg, int *a,
                          int *b, int *c)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return store_status_from_sqlite(s, rc, "summary");
    sqlite3_bind_text(st, 1, event_id, -1, SQLITE_STATIC);
    if (sqlite3_bind_parameter_count(st) >= 2)
        sqlite3_bind_int64(st, 2, arg);
    rc = sqlite3_step(st);
    kiosk_status r = KIOSK_OK;
    if (rc == SQLITE_ROW) {
        int *out[3] = {a, b, c};
        for (int i = 0; i < 3; i++)
            if (out[i])
                *out[i] = sqlite3_column_int(st, i);
    } else {
        r = store_status_from_sqlite(s, rc, "summary");
    }
    sqlite3_finalize(st);
    return r;
}

/* Interest columns are matched folded: "May mặc" and "may mac" are one column. */
static long interest_column(struct summary *sum, const char *name, int add)
{
    char folded[KIOSK_TEXT_LEN], other[KIOSK_TEXT_LEN];
    vn_fold(name, folded, sizeof folded);
    if (!folded[0])
        return -1;
    for (size_t i = 0; i < sum->interest_count; i++) {
        vn_fold(sum->interests[i], other, sizeof other);
        if (strcmp(folded, other) == 0)
            return (long)i;
    }
    if (!add)
        return -1;
    char **n = realloc(sum->interests, (sum->interest_count + 1) * sizeof *n);
    if (!n)
        return -1;
    sum->interests = n;
    n[sum->interest_count] = strdup(name);
    if (!n[sum->interest_count])
        return -1;
    return (long)sum->interest_count++;
}

static void event_interest_columns(struct summary *sum, const struct kiosk_event *e)
{
    char list[sizeof e->interests];
    kiosk_strlcpy(list, e->interests, sizeof list);
    char *save = NULL;
    for (char *line = strtok_r(list, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
        interest_column(sum, line, 1);
}

static kiosk_status count_interests(store *s, struct summary *sum, struct summary_row *row)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(store_db(s), q_interests, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return store_status_from_sqlite(s, rc, "summary interests");
    sqlite3_bind_text(st, 1, row->event.id, -1, SQLITE_STATIC);
    kiosk_status r = KIOSK_OK;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *v = (const char *)sqlite3_column_text(st, 0);
        size_t before = sum->interest_count;
        long col = v ? interest_column(sum, v, 1) : -1;
        if (col < 0)
            continue;
        if (sum->interest_count != before) { /* a new column: every fair's array grows */
            for (size_t i = 0; i < sum->count; i++) {
                struct summary_row *x = &sum->rows[i];
                if (x->event.kind != KIOSK_EVENT_FAIR)
                    continue;
                int *n = realloc(x->interests, sum->interest_count * sizeof *n);
                if (!n) {
                    r = KIOSK_E_NOMEM;
                    break;
                }
                n[sum->interest_count - 1] = 0;
                x->interests = n;
            }
        }
        if (r != KIOSK_OK)
            break;
        row->interests[col]++;
    }
    if (r == KIOSK_OK && rc != SQLITE_DONE)
        r = store_status_from_sqlite(s, rc, "summary interests");
    sqlite3_finalize(st);
    return r;
}

static kiosk_status count_event(store *s, int64_t now_ms, struct summary_row *row)
{
    const char *id = row->event.id;
    kiosk_status r = count(s, q_held, id, now_ms, &row->sessions, &row->held, NULL);
    if (r == KIOSK_OK)
        r = count(s, q_registered, id, 0, &row->registered, &row->walkins, NULL);
    int returning = 0;
    if (r == KIOSK_OK) /* nobody attended "every" session of a class that has not begun */
        r = count(s, q_attended, id, row->held > 0 ? row->held : 1 << 30, &row->attended, &row->all,
                  &returning);
    if (r == KIOSK_OK && row->event.kind == KIOSK_EVENT_FAIR) {
        row->returning = returning;
        r = count(s, q_visitors, id, 0, &row->visitors, NULL, NULL);
    }
    return r;
}

static int by_kind(const void *a, const void *b)
{
    const struct kiosk_event *x = a, *y = b;
    if (x->kind != y->kind)
        return x->kind - y->kind;
    if (x->starts_at_ms != y->starts_at_ms)
        return x->starts_at_ms < y->starts_at_ms ? -1 : 1;
    return strcmp(x->code, y->code);
}

kiosk_status summary_load(store *s, int64_t now_ms, struct summary *out)
{
    memset(out, 0, sizeof *out);
    struct kiosk_event *events = NULL;
    size_t n = 0;
    kiosk_status r = store_events_list(s, 0, &events, &n);
    if (r != KIOSK_OK)
        return r;
    if (n > 1)
        qsort(events, n, sizeof *events, by_kind);
    out->rows = calloc(n ? n : 1, sizeof *out->rows);
    if (!out->rows) {
        free(events);
        return KIOSK_E_NOMEM;
    }
    for (size_t i = 0; i < n; i++)
        if (events[i].kind == KIOSK_EVENT_FAIR)
            event_interest_columns(out, &events[i]);
    for (size_t i = 0; i < n && r == KIOSK_OK; i++) {
        struct summary_row *row = &out->rows[out->count++];
        row->event = events[i];
        if (row->event.kind == KIOSK_EVENT_CLASS)
            out->classes++;
        if (row->event.kind == KIOSK_EVENT_FAIR) {
            row->interests = calloc(out->interest_count ? out->interest_count : 1, sizeof(int));
            if (!row->interests)
                r = KIOSK_E_NOMEM;
        }
        if (r == KIOSK_OK)
            r = count_event(s, now_ms, row);
        if (r == KIOSK_OK && row->event.kind == KIOSK_EVENT_FAIR)
            r = count_interests(s, out, row);
    }
    free(events);
    if (r != KIOSK_OK)
        summary_release(out);
    return r;
}

void summary_release(struct summary *sum)
{
    for (size_t i = 0; i < sum->count; i++)
        free(sum->rows[i].interests);
    for (size_t i = 0; i < sum->interest_count; i++)
        free(sum->interests[i]);
    free(sum->rows);
    free(sum->interests);
    memset(sum, 0, sizeof *sum);
}
