/* The queries behind the sheets (kiosk/core/export): an event's check-ins, its people in the
 * official order, signatures, a fair's leads, the summary's counts. Read only. */
#ifndef KIOSK_STORE_EXPORT_ROWS_H
#define KIOSK_STORE_EXPORT_ROWS_H

#include "rows.h"

/* The official order's sort key (see attendance_official_key), registered on the store's
 * connection as the SQL function kiosk_official_key(full_name, given_name). */
typedef size_t (*store_name_key_fn)(const char *full_name, const char *given_name,
                                    unsigned char *out, size_t cap);
kiosk_status store_official_key_register(store *s, store_name_key_fn fn);

/* An export's reads in little memory whatever the class size: a 256 KiB page cache, which
 * also bounds each of SQLite's sorts to 256 KiB runs in memory (the rest spills to temporary
 * files). Returns the cache size to give back to store_export_lean_end, which also returns the
 * cache's pages to the system. */
int64_t store_export_lean(store *s);
void store_export_lean_end(store *s, int64_t saved);

/* The event's check-ins (kind 1): columns person_id, session number, late, holds a signature
 * (0/1). */
kiosk_status store_event_checkins(store *s, const char *event_id, store_row_fn fn, void *ctx);

/* 1 in *any when someone checked out of one of the event's sessions (the sheet then shows
 * when people left: docs/IDENTITY.md). */
kiosk_status store_event_has_checkouts(store *s, const char *event_id, int *any);

/* The coordinator's corrections of the event (present, absent, excused), oldest first: the
 * latest for a person and a session holds. Columns: person (surviving id), session number,
 * mark (enum attendance_correction). */
kiosk_status store_event_corrections(store *s, const char *event_id, store_row_fn fn, void *ctx);

/* Who is on the attendance sheet, in the official order (store_official_key_register first):
 * every person registered for the event, once (merged records resolved to the survivor).
 * Columns: 0 id, 1 full_name, 2 birth_year, 3 phone, 4 commune, 5 district, 6 province,
 * 7 registration status, 8 latest answer about being contacted is yes (0/1). */
kiosk_status store_attendance_people(store *s, const char *event_id, store_rows **out);

/* How many registrations the event has (any status): the attendance sheet's rows at most,
 * for an export's progress bar. */
kiosk_status store_event_registration_total(store *s, const char *event_id, long *n);

/* The first signature PNG of a person's check-in to a session, or NULL. *cur keeps the
 * prepared query between calls (store_rows_close it); the PNG stays valid until the next call. */
const void *store_checkin_signature(store *s, store_rows **cur, const char *session_id,
                                    const char *person_id, size_t *len);

/* A fair's leads: visitors whose latest answer about being contacted is yes, in the order
 * they came. Columns: 0 full_name, 1 phone, 2 organisation, 3 org_kind, 4 commune,
 * 5 district, 6 province, 7 interests ("a; b"), 8 note, 9 registered at (ms). */
kiosk_status store_fair_leads(store *s, const char *event_id, store_row_fn fn, void *ctx);

/* The summary's counts for one event, each person once (merged records resolved). */
enum store_summary_count {
    STORE_SUM_HELD,       /* sessions, held by now_or_held (ms) */
    STORE_SUM_REGISTERED, /* registered (confirmed or attended), walk-ins */
    STORE_SUM_ATTENDED,   /* attended, attended >= arg sessions, attended >= 2 sessions */
    STORE_SUM_VISITORS    /* distinct visitors (registered or checked in) */
};
kiosk_status store_summary_count(store *s, enum store_summary_count which, const char *event_id,
                                 int64_t arg, int out[3]);
/* A fair's visitors' interests, one row per answer, by person: 0 her surviving id, 1 the
 * interest. */
kiosk_status store_summary_interests(store *s, const char *event_id, store_row_fn fn, void *ctx);

#endif
