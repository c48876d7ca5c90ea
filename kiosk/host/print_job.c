#include "host/print_job.h"

#include "receipt/escpos.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct print_job {
    pthread_mutex_t lock;
    pthread_cond_t done_cv;
    char printer[1024];
    uint8_t *stream;
    size_t len;
    int timeout_ms;
    void (*wake)(void *user);
    void *user;
    int refs; /* the screen and the thread */
    int done;
    kiosk_status st;
    const char *why_key;
};

static void unref(struct print_job *j)
{
    pthread_mutex_lock(&j->lock);
    int last = --j->refs == 0;
    pthread_mutex_unlock(&j->lock);
    if (!last)
        return;
    pthread_cond_destroy(&j->done_cv);
    pthread_mutex_destroy(&j->lock);
    free(j->stream);
    free(j);
}

static void *run(void *arg)
{
    struct print_job *j = arg;
    const char *why = NULL;
    char detail[256] = "";
    kiosk_status st =
        escpos_send(j->printer, j->stream, j->len, j->timeout_ms, &why, detail, sizeof detail);
    if (st != KIOSK_OK)
        kiosk_log(KIOSK_LOG_ERROR, "printing failed: %s", detail[0] ? detail : "no detail");
    pthread_mutex_lock(&j->lock);
    j->st = st;
    j->why_key = st == KIOSK_OK ? NULL : why;
    j->done = 1;
    int watched = j->refs > 1;
    pthread_cond_broadcast(&j->done_cv);
    pthread_mutex_unlock(&j->lock);
    if (watched && j->wake)
        j->wake(j->user);
    unref(j);
    return NULL;
}

kiosk_status print_job_start(const char *printer, uint8_t *stream, size_t len, int timeout_ms,
                             void (*wake)(void *user), void *user, struct print_job **out)
{
    *out = NULL;
    struct print_job *j = calloc(1, sizeof *j);
    if (!j) {
        free(stream);
        return KIOSK_E_NOMEM;
    }
    pthread_mutex_init(&j->lock, NULL);
    pthread_cond_init(&j->done_cv, NULL);
    kiosk_strlcpy(j->printer, printer, sizeof j->printer);
    j->stream = stream;
    j->len = len;
    j->timeout_ms = timeout_ms;
    j->wake = wake;
    j->user = user;
    j->refs = 2;
    pthread_t t;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    int rc = pthread_create(&t, &attr, run, j);
    pthread_attr_destroy(&attr);
    if (rc != 0) {
        j->refs = 1;
        unref(j);
        return KIOSK_E_NOMEM;
    }
    *out = j;
    return KIOSK_OK;
}

int print_job_done(struct print_job *j, kiosk_status *st, const char **why_key)
{
    pthread_mutex_lock(&j->lock);
    int done = j->done;
    if (done) {
        *st = j->st;
        *why_key = j->why_key;
    }
    pthread_mutex_unlock(&j->lock);
    return done;
}

int print_job_wait(struct print_job *j, int timeout_ms)
{
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += timeout_ms / 1000;
    until.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
    if (until.tv_nsec >= 1000000000L) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&j->lock);
    int rc = 0;
    while (!j->done && rc != ETIMEDOUT)
        rc = pthread_cond_timedwait(&j->done_cv, &j->lock, &until);
    int done = j->done;
    pthread_mutex_unlock(&j->lock);
    return done;
}

void print_job_release(struct print_job *j)
{
    if (j)
        unref(j);
}
