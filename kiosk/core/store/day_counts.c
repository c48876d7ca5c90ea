#include "day_counts.h"

#include "store_internal.h"

#include <stdlib.h>

static void read_count(sqlite3_stmt *st, void *item)
{
    struct day_session_count *d = item;
    store_col_text(st, 0, d->event_id, sizeof d->event_id);
    store_col_text(st, 1, d->event_code, sizeof d->event_code);
    store_col_text(st, 2, d->event_title, sizeof d->event_title);
    d->event_kind = sqlite3_column_int(st, 3);
    store_col_text(st, 4, d->session_id, sizeof d->session_id);
    d->session_number = sqlite3_column_int(st, 5);
    d->starts_at_ms = sqlite3_column_int64(st, 6);
    d->ends_at_ms = sqlite3_column_int64(st, 7);
    d->registered = sqlite3_column_int(st, 8);
    d->checked_in = sqlite3_column_int(st, 9);
    d->late = sqlite3_column_int(st, 10);
    d->walkins = sqlite3_column_int(st, 11);
}

kiosk_status store_day_counts(store *s, int64_t day_ms, struct day_session_count **out,
                              size_t *count)
{
    *out = NULL;
    *count = 0;
    int64_t from = kiosk_local_day_start_ms(day_ms);
    int64_t to = kiosk_local_day_start_ms(from + 36 * 3600 * 1000); /* next midnight (DST-safe) */
    sqlite3_stmt *st;
    int rc = store_stmt(
        s,
        "SELECT e.id, e.code, e.title, e.kind, se.id, se.number, se.starts_at, se.ends_at,"
        " (SELECT count(*) FROM registrations r WHERE r.event_id = e.id AND r.status IN (1, 3)),"
        " (SELECT count(DISTINCT c.person_id) FROM checkins c WHERE c.session_id = se.id"
        "   AND c.kind = 1),"
        " (SELECT count(DISTINCT c.person_id) FROM checkins c WHERE c.session_id = se.id"
        "   AND c.kind = 1 AND c.late = 1),"
        " (SELECT count(DISTINCT c.person_id) FROM checkins c WHERE c.session_id = se.id"
        "   AND c.kind = 1 AND c.walkin = 1)"
        " FROM sessions se JOIN events e ON e.id = se.event_id"
        " WHERE se.starts_at >= ?1 AND se.starts_at < ?2 AND se.cancelled = 0 AND e.cancelled = 0"
        " ORDER BY se.starts_at, e.code",
        &st);
    if (rc != SQLITE_OK)
        return store_status_from_sqlite(s, rc, "today's counts");
    sqlite3_bind_int64(st, 1, from);
    sqlite3_bind_int64(st, 2, to);
    kiosk_status r;
    *out = store_collect(s, st, "today's counts", sizeof **out, read_count, count, &r);
    return r;
}
