/* Internal to kiosk/core/sync: what each synced table looks like, SQL text built from those
 * constant descriptions (never from data), and small helpers shared by the file and server sinks.
 */
#ifndef KIOSK_SYNC_INTERNAL_H
#define KIOSK_SYNC_INTERNAL_H

#include "sync.h"

#include "store/sync_io.h"

extern const struct sync_table sync_tables[SYNC_TABLES];

/* Sleeps KIOSK_SYNC_TEST_DELAY_MS (test_hooks.h) between steps (0 unless tests set it),
 * so a test's kill -9 lands in the middle of a sync. */
void sync_test_pause(void);
/* One table done one way: the watched progress moves (sync_progress_watch), then the test
 * pause. */
void sync_step(void);

/* The two sinks (sync.c picks one). */
kiosk_status sync_file_run(store *s, const char *path, struct sync_counts *c, const char **why_key,
                           char *err, size_t errlen);
kiosk_status sync_pg_run(store *s, const char *conninfo, struct sync_counts *c,
                         const char **why_key, char *err, size_t errlen);
long sync_pg_waiting(store *s, const char *conninfo);
/* Connects and hangs up, giving up after timeout_s (sync_target_check). */
kiosk_status sync_pg_probe(const char *conninfo, int timeout_s, const char **why_key, char *err,
                           size_t errlen);
/* After a sync: merges on this side (and on the peer file, when one is given) the records
 * the identity rule says are one person (store_people_converge). */
void sync_converge(store *s, const char *peer_path);

/* A short stable name for a server target that never holds its password: hash of conninfo. */
void sync_target_hash(const char *target, char out[17]);

/* The parts of a server target's conninfo (sync_target.c), each empty when not named; a
 * host beats a hostaddr. 0 when libpq cannot be loaded (all empty). */
struct sync_conninfo {
    char host[256];
    char port[16];
    char dbname[64];
    char user[64];
};
int sync_conninfo_read(const char *target, struct sync_conninfo *out);

#endif
