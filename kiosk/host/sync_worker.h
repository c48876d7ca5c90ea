/* The kiosk's background sync: one thread with its own store connection (WAL lets it read
 * while the screen writes) that syncs every N seconds and shortly after a burst of check-ins.
 * It never blocks a frame: the screen's calls only take a short lock, never wait for a sync. */
#ifndef KIOSK_HOST_SYNC_WORKER_H
#define KIOSK_HOST_SYNC_WORKER_H

#include "common.h"

/* What the admin screen shows. */
struct sync_status {
    int enabled;                /* a worker runs (a target is set) */
    int running;                /* a sync is in progress now */
    int64_t last_ok_ms;         /* kiosk wall time of the last sync that worked; 0: never */
    int64_t last_try_ms;        /* kiosk wall time of the last attempt; 0: none yet */
    long waiting;               /* rows (and edits) not on the target yet; -1: unknown */
    long last_sent;             /* rows the last sync that worked sent */
    long last_received;         /* ... and received */
    long held;                  /* rows held back by the last sync (event code clash) */
    long refused;               /* rows the last sync refused and set aside (docs/TRUST.md) */
    kiosk_status last_status;   /* of the last attempt; KIOSK_OK when it worked */
    const char *last_error_key; /* string-table key (sync.err.*) of the last failure; NULL */
    char last_error[256];       /* English line for the log and support; "" when it worked */
    char target[160];           /* the target for people: a file path, or the server's host and
                                 * database (never a password) */
    long steps_done;            /* while running: the sync's steps done (sync_progress) ... */
    long steps_total;           /* ... of these (0: not known yet) */
    long syncs;                 /* syncs ended since the worker started */
};

/* Starts the worker for the database at db_path (already made by the runtime) and target
 * (a .db path or a PostgreSQL conninfo/URI); interval_s between syncs (at least 5). The first
 * sync runs soon after the start. KIOSK_E_EXISTS if a worker runs already; KIOSK_E_INVALID for
 * an empty target. The strings are copied. */
kiosk_status sync_worker_start(const char *db_path, const char *target, int interval_s);
/* After a check-in (or any write worth sending soon): the worker syncs once the writes have
 * paused for a moment, so a burst of check-ins makes one sync. Cheap; callable every frame. */
void sync_worker_poke(void);
/* Copies the status (all zero, enabled = 0, when no worker runs). Cheap. */
void sync_worker_status(struct sync_status *out);
/* Waits up to timeout_ms of real time (the script player): steps > 0, until the running sync
 * has done that many steps; 0, until a sync ends (one running now, or the next). 1 when that
 * came; 0 on the timeout or when no worker runs. */
int sync_worker_wait(long steps, int timeout_ms);
/* Stops and joins the worker; a sync in progress is finished first, and a poke not served
 * yet gets one last sync (a server that does not answer is given up after its connect
 * timeout, 10 s unless the conninfo or PGCONNECT_TIMEOUT says otherwise). Safe when none runs. */
void sync_worker_stop(void);

#endif
