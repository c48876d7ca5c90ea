/* Sync entry points: picks the sink for a target, and the helpers both sinks share. */
#include "sync_internal.h"

#include "store/foreign.h"

#include "store/domain.h"
#include "sync/pq_lazy.h"
#include "test_hooks.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static _Thread_local struct sync_progress *watched;

void sync_progress_watch(struct sync_progress *p)
{
    watched = p;
}

void sync_step(void)
{
    if (watched)
        atomic_fetch_add(&watched->done, 1);
    sync_test_pause();
}

void sync_cancel(int on)
{
    store_sync_cancel(on);
}

int sync_target_is_pg(const char *target)
{
    if (!target)
        return 0;
    if (strncmp(target, "postgresql://", 13) == 0 || strncmp(target, "postgres://", 11) == 0)
        return 1;
    /* libpq's "host=... dbname=..." form: a file path has no '=' before its first '/'. */
    const char *eq = strchr(target, '=');
    const char *slash = strchr(target, '/');
    return eq && (!slash || eq < slash);
}

kiosk_status sync_run(store *s, const char *target, struct sync_counts *out, const char **why_key,
                      char *err, size_t errlen)
{
    struct sync_counts scratch;
    if (!out)
        out = &scratch;
    memset(out, 0, sizeof *out);
    if (why_key)
        *why_key = NULL;
    if (err && errlen)
        err[0] = '\0';
    if (!target || !target[0]) {
        kiosk_fmt(err, errlen, "no sync target given");
        if (why_key)
            *why_key = "sync.err.other";
        return KIOSK_E_INVALID;
    }
    int pg = sync_target_is_pg(target);
    if (watched) {
        atomic_store(&watched->done, 0);
        atomic_store(&watched->total, (pg ? 3 : 2) * SYNC_TABLES);
    }
    kiosk_status st = pg ? sync_pg_run(s, target, out, why_key, err, errlen)
                         : sync_file_run(s, target, out, why_key, err, errlen);
    if (st == KIOSK_OK)
        sync_converge(s, sync_target_is_pg(target) ? NULL : target);
    return st;
}

/* One person, one row (docs/IDENTITY.md): what came in may hold merges, and records other
 * kiosks made of people this side knows. Each side merges them by the identity rule (its
 * own facts; the same survivor everywhere); a failure here leaves the sync done and is
 * retried by the next one. */
void sync_converge(store *s, const char *peer_path)
{
    int merged = 0;
    kiosk_status st = store_people_converge(s, &merged);
    if (st != KIOSK_OK)
        kiosk_log(KIOSK_LOG_WARN, "sync: people not merged: %s", kiosk_status_name(st));
    else if (merged)
        kiosk_log(KIOSK_LOG_INFO, "sync: %d records merged (same person)", merged);
    if (!peer_path)
        return;
    store *peer = NULL;
    char perr[256];
    if (store_open_existing(peer_path, &peer, perr, sizeof perr) != KIOSK_OK)
        return;
    st = store_people_converge(peer, &merged);
    if (st != KIOSK_OK)
        kiosk_log(KIOSK_LOG_WARN, "sync: people on '%s' not merged: %s", peer_path,
                  kiosk_status_name(st));
    store_close(peer);
}

void sync_target_label(const char *target, char *out, size_t cap)
{
    if (!target || !sync_target_is_pg(target)) {
        kiosk_strlcpy(out, target ? target : "", cap);
        return;
    }
    struct sync_conninfo c;
    if (!sync_conninfo_read(target, &c)) { /* never the conninfo: it may hold a password */
        kiosk_strlcpy(out, "PostgreSQL", cap);
        return;
    }
    kiosk_fmt(out, cap, "%s%s%s/%s", c.host[0] ? c.host : "localhost", c.port[0] ? ":" : "", c.port,
              c.dbname);
}

long sync_waiting(store *s, const char *target)
{
    if (!target || !target[0] || !sync_target_is_pg(target))
        return -1;
    return sync_pg_waiting(s, target);
}

void sync_test_pause(void)
{
    long delay_ms = kiosk_test_hooks()->sync_delay_ms;
    if (delay_ms == 0)
        return;
    struct timespec ts = {delay_ms / 1000, (delay_ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

void sync_target_hash(const char *target, char out[17])
{
    /* FNV-1a 64: only names the target in meta keys; never stored as the conninfo itself,
     * which may hold a password. */
    uint64_t h = 1469598103934665603ULL;
    for (const unsigned char *p = (const unsigned char *)target; *p; p++) {
        h ^= *p;
        h *= 1099511628211ULL;
    }
    kiosk_fmt(out, 17, "%016llx", (unsigned long long)h);
}
