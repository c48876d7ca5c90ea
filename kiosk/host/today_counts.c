/* The admin screen's counts thread (today_counts.h). The lock guards the last result and
 * the running flag; the read runs without it. */
#include "host/today_counts.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static struct {
    pthread_mutex_t mu;
    pthread_t thread;
    int started, running, fresh, have, failed;
    char db_path[4096];
    int64_t day_ms, read_mono_ms;
    void (*wake)(void *user);
    void *user;
    struct day_session_count *rows;
    size_t n;
} tc = {.mu = PTHREAD_MUTEX_INITIALIZER};

static int64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void *read_main(void *arg)
{
    (void)arg;
    store *s = NULL;
    struct day_session_count *rows = NULL;
    size_t n = 0;
    char err[256];
    kiosk_status st = store_open_existing(tc.db_path, &s, err, sizeof err);
    if (st == KIOSK_OK)
        st = store_day_counts(s, tc.day_ms, &rows, &n);
    store_close(s);
    if (st != KIOSK_OK)
        kiosk_log(KIOSK_LOG_WARN, "today's counts: %s", kiosk_status_name(st));
    pthread_mutex_lock(&tc.mu);
    free(tc.rows);
    tc.rows = st == KIOSK_OK ? rows : NULL;
    tc.n = st == KIOSK_OK ? n : 0;
    tc.have = st == KIOSK_OK;
    tc.failed = st != KIOSK_OK;
    tc.running = 0;
    tc.fresh = 1;
    void (*wake)(void *) = tc.wake;
    void *user = tc.user;
    pthread_mutex_unlock(&tc.mu);
    if (st != KIOSK_OK)
        free(rows);
    if (wake)
        wake(user);
    return NULL;
}

void today_counts_request(const char *db_path, int64_t day_ms, void (*wake)(void *user), void *user)
{
    pthread_mutex_lock(&tc.mu);
    if (tc.running) {
        pthread_mutex_unlock(&tc.mu);
        return;
    }
    if (tc.started)
        pthread_join(tc.thread, NULL); /* ended already: running is 0 */
    tc.started = 0;
    kiosk_strlcpy(tc.db_path, db_path, sizeof tc.db_path);
    tc.day_ms = day_ms;
    tc.wake = wake;
    tc.user = user;
    tc.read_mono_ms = mono_ms();
    tc.running = 1;
    if (pthread_create(&tc.thread, NULL, read_main, NULL) != 0) {
        tc.running = 0;
        tc.failed = 1;
    } else {
        tc.started = 1;
    }
    pthread_mutex_unlock(&tc.mu);
}

int today_counts_get(struct day_session_count **rows, size_t *n, int64_t *age_ms, int *failed)
{
    *rows = NULL;
    *n = 0;
    pthread_mutex_lock(&tc.mu);
    int have = tc.have;
    *failed = tc.failed;
    *age_ms = tc.read_mono_ms ? mono_ms() - tc.read_mono_ms : INT64_MAX;
    if (have && tc.n) {
        *rows = malloc(tc.n * sizeof **rows);
        if (*rows) {
            memcpy(*rows, tc.rows, tc.n * sizeof **rows);
            *n = tc.n;
        } else {
            have = 0;
        }
    }
    pthread_mutex_unlock(&tc.mu);
    return have;
}

int today_counts_poll(void)
{
    pthread_mutex_lock(&tc.mu);
    int fresh = tc.fresh;
    tc.fresh = 0;
    pthread_mutex_unlock(&tc.mu);
    return fresh;
}

void today_counts_settle(int timeout_ms)
{
    struct timespec step = {0, 5 * 1000000L};
    for (int waited = 0; waited < timeout_ms; waited += 5) {
        pthread_mutex_lock(&tc.mu);
        int running = tc.running;
        pthread_mutex_unlock(&tc.mu);
        if (!running)
            return;
        nanosleep(&step, NULL);
    }
}

void today_counts_stop(void)
{
    pthread_mutex_lock(&tc.mu);
    int join = tc.started;
    tc.started = 0;
    tc.wake = NULL;
    pthread_mutex_unlock(&tc.mu);
    if (join)
        pthread_join(tc.thread, NULL);
    pthread_mutex_lock(&tc.mu);
    free(tc.rows);
    tc.rows = NULL;
    tc.n = 0;
    tc.have = tc.failed = tc.fresh = 0;
    tc.read_mono_ms = 0;
    pthread_mutex_unlock(&tc.mu);
}
