/* Today's figures for the coordinator's admin screen: every session of a local day with
 * its event and how many people checked in. Reads only. */
#ifndef KIOSK_STORE_DAY_COUNTS_H
#define KIOSK_STORE_DAY_COUNTS_H

#include "store.h"

struct day_session_count {
    char event_id[KIOSK_ID_LEN];
    char event_code[KIOSK_PART_LEN];
    char event_title[KIOSK_TEXT_LEN];
    int event_kind;
    char session_id[KIOSK_ID_LEN];
    int session_number;
    int64_t starts_at_ms, ends_at_ms;
    int registered; /* registrations holding a seat (classes) */
    int checked_in; /* distinct people checked in to the session */
    int late;
    int walkins;
};

/* The sessions starting on the local day of day_ms, by start time then event code.
 * *out: free(). */
kiosk_status store_day_counts(store *s, int64_t day_ms, struct day_session_count **out,
                              size_t *count);

#endif
