/* The voice's thread (voice_worker.h). One slot holds the latest request; `want` counts
 * requests, so the synthesis callback sees a newer one without taking the lock. */
#include "host/voice_worker.h"

#include "voice/voice.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define VOICE_TEXT_MAX 1024

struct voice_worker {
    const struct backend_ops *be;
    struct backend *b;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t cond;
    atomic_uint_fast64_t want; /* requests made */
    uint64_t taken;            /* requests the thread took (under lock) */
    int busy;                  /* synthesising (under lock) */
    int quit;
    char text[VOICE_TEXT_MAX]; /* the latest request (under lock) */
    char lang[8];
    struct voice_stats st; /* under lock */
    atomic_int broken;
};

struct utterance {
    struct voice_worker *w;
    uint64_t gen;
    uint64_t samples;
    int cut, failed;
};

static int on_pcm(const int16_t *pcm, size_t n, int rate, void *user)
{
    struct utterance *u = user;
    if (atomic_load(&u->w->want) != u->gen) {
        u->cut = 1; /* a new screen: stop here */
        return 1;
    }
    char err[300] = "";
    if (u->w->be->audio_play(u->w->b, pcm, n, rate, err, sizeof err) != KIOSK_OK) {
        kiosk_log(KIOSK_LOG_WARN, "voice: %s; the kiosk goes on without sound", err);
        u->failed = 1;
        return 1;
    }
    u->samples += n;
    return 0;
}

/* Says one request (outside the lock); returns how it went in u. */
static void speak(struct voice_worker *w, const char *lang, const char *text, struct utterance *u)
{
    w->be->audio_stop(w->b); /* what the last screen was saying */
    if (!text[0] || atomic_load(&w->broken))
        return;
    char err[480] = "";
    kiosk_status st = voice_synth(lang, text, on_pcm, u, err, sizeof err);
    if (st != KIOSK_OK) {
        kiosk_log(KIOSK_LOG_WARN, "voice: %s; the kiosk goes on without speech", err);
        u->failed = 1;
    }
    if (u->failed)
        atomic_store(&w->broken, 1);
}

/* Loads libespeak-ng and the first voice before anything is to be said. */
static void warm_up(struct voice_worker *w)
{
    char err[480] = "", lang[8];
    pthread_mutex_lock(&w->lock);
    memcpy(lang, w->lang, sizeof lang);
    pthread_mutex_unlock(&w->lock);
    if (voice_synth(lang, "", NULL, NULL, err, sizeof err) != KIOSK_OK) {
        kiosk_log(KIOSK_LOG_WARN, "voice: %s; the kiosk goes on without speech", err);
        atomic_store(&w->broken, 1);
    }
    pthread_mutex_lock(&w->lock);
    w->busy = 0; /* set by voice_worker_start */
    pthread_cond_broadcast(&w->cond);
    pthread_mutex_unlock(&w->lock);
}

static void *run(void *arg)
{
    struct voice_worker *w = arg;
    char text[VOICE_TEXT_MAX], lang[8];
    warm_up(w);
    pthread_mutex_lock(&w->lock);
    for (;;) {
        while (!w->quit && w->taken == atomic_load(&w->want))
            pthread_cond_wait(&w->cond, &w->lock);
        if (w->quit)
            break;
        struct utterance u = {.w = w, .gen = atomic_load(&w->want)};
        w->taken = u.gen;
        w->busy = 1;
        memcpy(text, w->text, sizeof text);
        memcpy(lang, w->lang, sizeof lang);
        w->st.utterances += text[0] != '\0';
        pthread_mutex_unlock(&w->lock);
        speak(w, lang, text, &u);
        pthread_mutex_lock(&w->lock);
        w->busy = 0;
        w->st.samples += u.samples;
        w->st.cut += u.cut;
        w->st.finished += text[0] && !u.cut && !u.failed;
        pthread_cond_broadcast(&w->cond);
    }
    pthread_mutex_unlock(&w->lock);
    w->be->audio_stop(w->b);
    return NULL;
}

struct voice_worker *voice_worker_start(const struct backend_ops *be, struct backend *b,
                                        const char *lang)
{
    struct voice_worker *w = calloc(1, sizeof *w);
    if (!w || !be->audio_play || !be->audio_stop) {
        free(w);
        return NULL;
    }
    w->be = be;
    w->b = b;
    pthread_mutex_init(&w->lock, NULL);
    pthread_cond_init(&w->cond, NULL);
    kiosk_strlcpy(w->lang, lang, sizeof w->lang);
    w->busy = 1; /* warming up: voice_worker_idle waits for it */
    int rc = pthread_create(&w->thread, NULL, run, w);
    if (rc != 0) {
        kiosk_log(KIOSK_LOG_ERROR, "voice: cannot start its thread: %s", strerror(rc));
        pthread_cond_destroy(&w->cond);
        pthread_mutex_destroy(&w->lock);
        free(w);
        return NULL;
    }
    return w;
}

void voice_worker_stop(struct voice_worker *w)
{
    if (!w)
        return;
    pthread_mutex_lock(&w->lock);
    w->quit = 1;
    atomic_fetch_add(&w->want, 1); /* stops a synthesis in progress */
    pthread_cond_broadcast(&w->cond);
    pthread_mutex_unlock(&w->lock);
    pthread_join(w->thread, NULL);
    pthread_cond_destroy(&w->cond);
    pthread_mutex_destroy(&w->lock);
    free(w);
}

void voice_worker_say(struct voice_worker *w, const char *lang, const char *text)
{
    if (!w)
        return;
    pthread_mutex_lock(&w->lock); /* held by the thread only to copy a request: never long */
    kiosk_strlcpy(w->text, text ? text : "", sizeof w->text);
    kiosk_strlcpy(w->lang, lang ? lang : "vi", sizeof w->lang);
    w->st.requests++;
    atomic_fetch_add(&w->want, 1);
    pthread_cond_broadcast(&w->cond);
    pthread_mutex_unlock(&w->lock);
}

void voice_worker_stats(struct voice_worker *w, struct voice_stats *out)
{
    memset(out, 0, sizeof *out);
    if (!w)
        return;
    pthread_mutex_lock(&w->lock);
    *out = w->st;
    pthread_mutex_unlock(&w->lock);
    out->broken = atomic_load(&w->broken);
}

int voice_worker_idle(struct voice_worker *w, int timeout_ms)
{
    if (!w)
        return 1;
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += timeout_ms / 1000;
    until.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
    if (until.tv_nsec >= 1000000000L) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&w->lock);
    int rc = 0;
    while (rc != ETIMEDOUT && (w->busy || w->taken != atomic_load(&w->want)))
        rc = pthread_cond_timedwait(&w->cond, &w->lock, &until);
    int idle = !w->busy && w->taken == atomic_load(&w->want);
    pthread_mutex_unlock(&w->lock);
    return idle;
}
