/* The voice's thread (voice_worker.h). The frame thread and the speech thread share no lock:
 * requests go through a triple buffer (the frame thread writes its own slot and swaps it with
 * the middle one; the speech thread swaps the middle one for its own when it is marked new),
 * `want` counts requests so a synthesis in progress sees a newer one, and a semaphore wakes
 * the thread. So a frame never waits for the speech thread, even when that thread, niced
 * below the screen, is off the CPU. */
#include "host/voice_worker.h"

#include "voice/voice.h"

#include <pthread.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define VOICE_TEXT_MAX 1024
#define VOICE_NICE 10 /* the frame thread first when the cores are busy: speech may wait */
#define SLOT_NEW 4    /* in `middle`: the slot there holds a request not taken yet */

struct request {
    char text[VOICE_TEXT_MAX];
    char lang[8];
};

struct voice_worker {
    const struct backend_ops *be;
    struct backend *b;
    pthread_t thread;
    sem_t wake;
    struct request slots[3];
    int back;           /* the frame thread's slot */
    atomic_int middle;  /* the slot between them, | SLOT_NEW */
    int front;          /* the speech thread's slot */
    atomic_ullong want; /* requests made (the frame thread) */
    atomic_ullong done; /* requests dealt with (the speech thread) */
    atomic_int busy;    /* warming up or saying */
    atomic_int quit;
    atomic_int broken;
    atomic_ullong requests, utterances, finished, cut, samples;
};

struct utterance {
    struct voice_worker *w;
    unsigned long long gen;
    unsigned long long samples;
    int cut, failed;
};

static int on_pcm(const int16_t *pcm, size_t n, int rate, void *user)
{
    struct utterance *u = user;
    if (atomic_load(&u->w->want) != u->gen || atomic_load(&u->w->quit)) {
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

/* Says one request; how it went in u. */
static void speak(struct voice_worker *w, const struct request *r, struct utterance *u)
{
    w->be->audio_stop(w->b); /* what the last screen was saying */
    if (!r->text[0] || atomic_load(&w->broken))
        return;
    atomic_fetch_add(&w->utterances, 1);
    char err[480] = "";
    kiosk_status st = voice_synth(r->lang, r->text, on_pcm, u, err, sizeof err);
    if (st != KIOSK_OK) {
        kiosk_log(KIOSK_LOG_WARN, "voice: %s; the kiosk goes on without speech", err);
        u->failed = 1;
    }
    if (u->failed)
        atomic_store(&w->broken, 1);
    atomic_fetch_add(&w->samples, u->samples);
    atomic_fetch_add(u->cut ? &w->cut : &w->finished, !u->failed);
}

/* Loads libespeak-ng and the first voice before anything is to be said. */
static void warm_up(struct voice_worker *w, const char *lang)
{
    char err[480] = "";
    if (voice_synth(lang, "", NULL, NULL, err, sizeof err) != KIOSK_OK) {
        kiosk_log(KIOSK_LOG_WARN, "voice: %s; the kiosk goes on without speech", err);
        atomic_store(&w->broken, 1);
    }
}

/* Takes the newest request, if one is marked new; 1 when it did (*gen: its number or later). */
static int take(struct voice_worker *w, unsigned long long *gen)
{
    if (!(atomic_load(&w->middle) & SLOT_NEW))
        return 0;
    *gen = atomic_load(&w->want); /* read first: the slot taken is at least this new */
    w->front = atomic_exchange(&w->middle, w->front) & 3;
    return 1;
}

static void *run(void *arg)
{
    struct voice_worker *w = arg;
    /* Linux: a thread's own nice value (this thread only, not the process) */
    setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), VOICE_NICE);
    warm_up(w, w->slots[w->front].lang);
    atomic_store(&w->busy, 0);
    while (!atomic_load(&w->quit)) {
        unsigned long long gen;
        atomic_store(&w->busy, 1); /* before taking: never idle with a request in hand */
        if (!take(w, &gen)) {
            atomic_store(&w->busy, 0);
            sem_wait(&w->wake);
            continue;
        }
        struct utterance u;
        do { /* cut by a request whose slot was already this one: said again, whole */
            u = (struct utterance){.w = w, .gen = gen};
            speak(w, &w->slots[w->front], &u);
            gen = atomic_load(&w->want);
        } while (u.cut && !atomic_load(&w->quit) && !(atomic_load(&w->middle) & SLOT_NEW));
        atomic_store(&w->done, u.gen);
        atomic_store(&w->busy, 0);
    }
    w->be->audio_stop(w->b);
    return NULL;
}

struct voice_worker *voice_worker_start(const struct backend_ops *be, struct backend *b,
                                        const char *lang)
{
    struct voice_worker *w = calloc(1, sizeof *w);
    if (!w || !be->audio_play || !be->audio_stop || sem_init(&w->wake, 0, 0) != 0) {
        free(w);
        return NULL;
    }
    w->be = be;
    w->b = b;
    w->back = 0;
    atomic_init(&w->middle, 1);
    w->front = 2;
    kiosk_strlcpy(w->slots[w->front].lang, lang, sizeof w->slots[0].lang);
    atomic_init(&w->busy, 1); /* warming up: voice_worker_idle waits for it */
    int rc = pthread_create(&w->thread, NULL, run, w);
    if (rc != 0) {
        kiosk_log(KIOSK_LOG_ERROR, "voice: cannot start its thread: %s", strerror(rc));
        sem_destroy(&w->wake);
        free(w);
        return NULL;
    }
    return w;
}

void voice_worker_stop(struct voice_worker *w)
{
    if (!w)
        return;
    atomic_store(&w->quit, 1);
    sem_post(&w->wake);
    pthread_join(w->thread, NULL);
    sem_destroy(&w->wake);
    free(w);
}

void voice_worker_say(struct voice_worker *w, const char *lang, const char *text)
{
    if (!w)
        return;
    struct request *r = &w->slots[w->back];
    kiosk_strlcpy(r->text, text ? text : "", sizeof r->text);
    kiosk_strlcpy(r->lang, lang ? lang : "vi", sizeof r->lang);
    w->back = atomic_exchange(&w->middle, w->back | SLOT_NEW) & 3;
    atomic_fetch_add(&w->want, 1);
    atomic_fetch_add(&w->requests, 1);
    sem_post(&w->wake);
}

void voice_worker_stats(struct voice_worker *w, struct voice_stats *out)
{
    memset(out, 0, sizeof *out);
    if (!w)
        return;
    out->requests = atomic_load(&w->requests);
    out->utterances = atomic_load(&w->utterances);
    out->finished = atomic_load(&w->finished);
    out->cut = atomic_load(&w->cut);
    out->samples = atomic_load(&w->samples);
    out->broken = atomic_load(&w->broken);
}

int voice_worker_idle(struct voice_worker *w, int timeout_ms)
{
    if (!w)
        return 1;
    for (int waited = 0;; waited += 5) {
        int idle = !atomic_load(&w->busy) && !(atomic_load(&w->middle) & SLOT_NEW) &&
                   atomic_load(&w->done) == atomic_load(&w->want);
        if (idle || waited >= timeout_ms)
            return idle;
        struct timespec ts = {0, 5 * 1000000L};
        nanosleep(&ts, NULL);
    }
}
