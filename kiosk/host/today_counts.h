/* Today's counts for the admin screen (store_day_counts: every session of the day and who
 * checked in), read on a thread of its own with its own store connection: with 10,000
 * visitors the read takes 100 ms or more, which a frame must never wait for. The frame shows
 * the last counts read and asks for fresh ones now and then. */
#ifndef KIOSK_HOST_TODAY_COUNTS_H
#define KIOSK_HOST_TODAY_COUNTS_H

#include "store/day_counts.h"

/* Starts a read of the day of day_ms from db_path unless one runs; wake(user) from the
 * thread when it is done. */
void today_counts_request(const char *db_path, int64_t day_ms, void (*wake)(void *user),
                          void *user);
/* A copy of the last counts read (*rows: free()); 0 when none was read yet (or it failed:
 * *failed set). *age_ms: real ms since that read started. */
int today_counts_get(struct day_session_count **rows, size_t *n, int64_t *age_ms, int *failed);
/* 1 once for each read that ended since the last call (the loop draws again). */
int today_counts_poll(void);
/* Waits up to timeout_ms of real time for a read that runs (the script player). */
void today_counts_settle(int timeout_ms);
/* Forgets the counts (another day, another served event) and joins a read that runs. */
void today_counts_stop(void);

#endif
