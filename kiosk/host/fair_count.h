/* A fair's figures for its staff view (store_fair_stats) counted on a thread of its own with
 * its own store connection, kept open between counts so that its tally grows visit by visit:
 * the first count of a day at 10,000 visitors reads the whole day (about 100 ms), which a
 * frame must never wait for; later ones read only the visits since. The frame asks
 * (fair_count_get) and draws the last counts finished; the loop takes a count's end
 * (fair_count_poll) and draws again. One fair at a time in a process. */
#ifndef KIOSK_HOST_FAIR_COUNT_H
#define KIOSK_HOST_FAIR_COUNT_H

#include "common.h"

#include <kiosk/plugin.h>

/* The counts of event_id's local day holding day_ms, as last finished: KIOSK_OK with *out;
 * KIOSK_E_NOT_FOUND while the first count of that day runs; another status when the last
 * count failed (KIOSK_E_IO: no such database or event). Starts a count (reading db_path; wake(user)
 * from the thread when it ends) when none runs and the last one started more than max_age_ms of
 * kiosk time before now_ms, or never for that event and day. Never waits. */
kiosk_status fair_count_get(const char *db_path, const char *event_id, int64_t day_ms,
                            int64_t now_ms, int max_age_ms, void (*wake)(void *user), void *user,
                            struct kiosk_fair_stats *out);
/* For the loop, each turn: 1 once for each count that ended (the screen is drawn again). */
int fair_count_poll(void);
/* Waits up to timeout_ms of real time for a count that runs, then polls (the script
 * player); 1 when a count ended. */
int fair_count_settle(int timeout_ms);
/* At exit (and for another database): joins a count that runs, closes the connection and
 * forgets the counts. */
void fair_count_stop(void);

#endif
