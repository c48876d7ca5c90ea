/* The background sync thread (sync_worker.h). One worker a process: the runtime has one
 * database and one target. The lock guards only the status and the wake-up flags; a sync runs
 * without it, so the screen's calls never wait for the network or the disk. */
#include "host/sync_worker.h"

#include "store/store.h"
#include "sync/sync.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define FIRST_SYNC_DELAY_MS 2000 /* let the screen come up before the first sync */
#define POKE_QUIET_MS 2000       /* a burst of check-ins has ended after this long without one */
#define POKE_MAX_DELAY_MS 20000  /* ... and a burst that goes on still syncs this often */
#define REFRESH_MS 5000          /* how often "waiting" is counted again between syncs */
#define MIN_INTERVAL_S 5

static struct {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    pthread_t thread;
    int started;
    int stop;
    int64_t first_poke_ms; /* monotonic; 0: no poke pending */
    int64_t last_poke_ms;
    char *db_path;
    char *target;
    int64_t interval_ms;
    struct sync_status st;
    struct sync_progress progress; /* the running sync's steps (atomics, read without the lock) */
} w = {.mu = PTHREAD_MUTEX_INITIALIZER};

static int64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void wait_until(int64_t deadline_ms)
{
    struct timespec ts = {deadline_ms / 1000, (long)(deadline_ms % 1000) * 1000000L};
    pthread_cond_timedwait(&w.cv, &w.mu, &ts); /* w.cv runs on CLOCK_MONOTONIC */
}

/* Opens the worker's own connection when it has none (the file may be briefly locked or,
 * on a first run, not yet there). Called without the lock. */
static store *own_store(store *s, kiosk_status *st, char *err, size_t errlen)
{
    if (s)
        return s;
    *st = store_open_existing(w.db_path, &s, err, errlen);
    return *st == KIOSK_OK ? s : NULL;
}

/* One sync, without the lock; then the status under it. */
static void sync_once(store **s)
{
    struct sync_counts c;
    char err[256] = "";
    const char *why = NULL;
    kiosk_status st = KIOSK_OK;
    *s = own_store(*s, &st, err, sizeof err);
    if (*s)
        st = sync_run(*s, w.target, &c, &why, err, sizeof err);
    else
        why = "sync.err.local";
    long waiting = *s ? sync_waiting(*s, w.target) : -1; /* -1 for a file: not counted */
    if (st == KIOSK_OK) {
        kiosk_log(KIOSK_LOG_INFO, "sync with '%s': sent %ld, received %ld", w.st.target,
                  sync_counts_total(c.sent), sync_counts_total(c.received));
    } else {
        kiosk_log(KIOSK_LOG_WARN, "sync: %s", err); /* never holds a password or a name */
    }
    int64_t now = kiosk_clock_now_ms();
    pthread_mutex_lock(&w.mu);
    w.st.running = 0;
    w.st.syncs++;
    w.st.last_try_ms = now;
    w.st.last_status = st;
    w.st.waiting = waiting;
    if (st == KIOSK_OK) {
        w.st.last_ok_ms = now;
        w.st.last_sent = sync_counts_total(c.sent);
        w.st.last_received = sync_counts_total(c.received);
        w.st.held = sync_counts_total(c.held);
        w.st.refused = sync_counts_total(c.refused);
        w.st.last_error[0] = '\0';
        w.st.last_error_key = NULL;
    } else {
        kiosk_strlcpy(w.st.last_error, err[0] ? err : kiosk_status_name(st),
                      sizeof w.st.last_error);
        w.st.last_error_key = why ? why : "sync.err.other";
    }
    pthread_mutex_unlock(&w.mu);
}

static void refresh_waiting(store **s)
{
    kiosk_status st;
    char err[256];
    *s = own_store(*s, &st, err, sizeof err);
    long waiting = *s ? sync_waiting(*s, w.target) : -1;
    pthread_mutex_lock(&w.mu);
    w.st.waiting = waiting;
    pthread_mutex_unlock(&w.mu);
}

static void *worker_main(void *arg)
{
    (void)arg;
    sync_progress_watch(&w.progress);
    /* the label of a server needs libpq (its conninfo parser): made here, so the kiosk's first
     * frame never waits for libpq to load; w.target stays as it is until the thread is joined */
    char label[sizeof w.st.target];
    sync_target_label(w.target, label, sizeof label);
    pthread_mutex_lock(&w.mu);
    kiosk_strlcpy(w.st.target, label, sizeof w.st.target);
    long interval_s = (long)(w.interval_ms / 1000);
    pthread_mutex_unlock(&w.mu);
    kiosk_log(KIOSK_LOG_INFO, "sync with '%s' every %ld s", label, interval_s);
    store *s = NULL;
    int64_t next_sync = mono_ms() + FIRST_SYNC_DELAY_MS;
    int64_t next_refresh = mono_ms();
    pthread_mutex_lock(&w.mu);
    while (!w.stop) {
        int64_t now = mono_ms();
        int64_t poke_due = w.last_poke_ms ? w.last_poke_ms + POKE_QUIET_MS : INT64_MAX;
        if (w.first_poke_ms && w.first_poke_ms + POKE_MAX_DELAY_MS < poke_due)
            poke_due = w.first_poke_ms + POKE_MAX_DELAY_MS;
        if (now >= next_sync || now >= poke_due) {
            w.first_poke_ms = w.last_poke_ms = 0;
            w.st.running = 1;
            atomic_store(&w.progress.done, 0); /* the bar starts empty, never at the last's */
            atomic_store(&w.progress.total, 0);
            pthread_mutex_unlock(&w.mu);
            sync_once(&s);
            pthread_mutex_lock(&w.mu);
            next_sync = mono_ms() + w.interval_ms;
            next_refresh = mono_ms() + REFRESH_MS;
            continue;
        }
        if (now >= next_refresh) {
            pthread_mutex_unlock(&w.mu);
            refresh_waiting(&s);
            pthread_mutex_lock(&w.mu);
            next_refresh = mono_ms() + REFRESH_MS;
            continue;
        }
        int64_t deadline = next_sync < poke_due ? next_sync : poke_due;
        if (next_refresh < deadline)
            deadline = next_refresh;
        wait_until(deadline);
    }
    /* Asked to sync and stopped before it ran (a burst just before closing, or "sync now"
     * then quit): one last sync, so what was asked for is done. */
    int pending = w.first_poke_ms != 0;
    if (pending)
        w.st.running = 1;
    pthread_mutex_unlock(&w.mu);
    if (pending)
        sync_once(&s);
    store_close(s);
    return NULL;
}

kiosk_status sync_worker_start(const char *db_path, const char *target, int interval_s)
{
    if (!db_path || !*db_path || !target || !*target)
        return KIOSK_E_INVALID;
    pthread_mutex_lock(&w.mu);
    if (w.started) {
        pthread_mutex_unlock(&w.mu);
        return KIOSK_E_EXISTS;
    }
    w.db_path = strdup(db_path);
    w.target = strdup(target);
    if (!w.db_path || !w.target) {
        free(w.db_path);
        free(w.target);
        w.db_path = w.target = NULL;
        pthread_mutex_unlock(&w.mu);
        return KIOSK_E_NOMEM;
    }
    w.interval_ms = (int64_t)(interval_s < MIN_INTERVAL_S ? MIN_INTERVAL_S : interval_s) * 1000;
    w.stop = 0;
    w.first_poke_ms = w.last_poke_ms = 0;
    memset(&w.st, 0, sizeof w.st);
    w.st.enabled = 1;
    w.st.waiting = -1;
    if (!sync_target_is_pg(target)) /* a path is its own label; a server's: worker_main */
        sync_target_label(target, w.st.target, sizeof w.st.target);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&w.cv, &ca);
    pthread_condattr_destroy(&ca);
    int rc = pthread_create(&w.thread, NULL, worker_main, NULL);
    if (rc != 0) {
        pthread_cond_destroy(&w.cv);
        free(w.db_path);
        free(w.target);
        w.db_path = w.target = NULL;
        memset(&w.st, 0, sizeof w.st);
        pthread_mutex_unlock(&w.mu);
        kiosk_log(KIOSK_LOG_ERROR, "cannot start the sync thread: %s", strerror(rc));
        return KIOSK_E_NOMEM;
    }
    w.started = 1;
    pthread_mutex_unlock(&w.mu);
    return KIOSK_OK;
}

void sync_worker_poke(void)
{
    pthread_mutex_lock(&w.mu);
    if (w.started) {
        int64_t now = mono_ms();
        if (!w.first_poke_ms)
            w.first_poke_ms = now;
        w.last_poke_ms = now;
        pthread_cond_signal(&w.cv);
    }
    pthread_mutex_unlock(&w.mu);
}

void sync_worker_status(struct sync_status *out)
{
    pthread_mutex_lock(&w.mu);
    if (w.started)
        *out = w.st;
    else
        memset(out, 0, sizeof *out);
    pthread_mutex_unlock(&w.mu);
    out->steps_done = out->running ? atomic_load(&w.progress.done) : 0;
    out->steps_total = out->running ? atomic_load(&w.progress.total) : 0;
}

int sync_worker_wait(long steps, int timeout_ms)
{
    struct timespec gap = {0, 5 * 1000000L};
    struct sync_status st;
    sync_worker_status(&st);
    long before = st.syncs;
    for (int waited = 0; st.enabled && waited <= timeout_ms; waited += 5) {
        if (steps > 0 ? st.running && st.steps_done >= steps : st.syncs > before && !st.running)
            return 1;
        nanosleep(&gap, NULL);
        sync_worker_status(&st);
    }
    return 0;
}

void sync_worker_stop(void)
{
    pthread_mutex_lock(&w.mu);
    if (!w.started) {
        pthread_mutex_unlock(&w.mu);
        return;
    }
    w.stop = 1;
    pthread_cond_signal(&w.cv);
    pthread_mutex_unlock(&w.mu);
    sync_cancel(1); /* a sync stuck on a crafted file never keeps the kiosk from stopping */
    pthread_join(w.thread, NULL);
    sync_cancel(0);
    pthread_mutex_lock(&w.mu);
    pthread_cond_destroy(&w.cv);
    free(w.db_path);
    free(w.target);
    w.db_path = w.target = NULL;
    memset(&w.st, 0, sizeof w.st);
    w.started = 0;
    pthread_mutex_unlock(&w.mu);
}
