/* The camera worker and its mailbox (camera.h). The lock guards only the mailbox, the
 * preview and the status; reading and decoding a frame run without it. */
#include "camera/camera.h"

#include "camera/camera_source.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define MAILBOX 8
#define FRAME_WAIT_MS 200 /* the worker looks at the stop flag at least this often */

struct camera {
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv; /* the worker's sleeps; camera_wait's waits */
    int stop;
    char spec[4096];
    void (*wake)(void *user);
    void *wake_user;
    /* under mu: */
    char texts[MAILBOX][CAMERA_TEXT_MAX];
    int64_t text_at[MAILBOX];
    int head, count;
    uint8_t preview[CAMERA_PREVIEW_MAX_W * CAMERA_PREVIEW_MAX_H];
    int pw, ph;
    uint64_t preview_seq;
    struct camera_status st;
    /* the worker's own: */
    struct camera_recent recent;
    struct camera_decoder *dec;
    int64_t frame_at;
    char last_why[300]; /* the last failure logged: the same one is not logged again */
};

static void set_state(struct camera *c, int state, const char *source, const char *why)
{
    pthread_mutex_lock(&c->mu);
    c->st.state = state;
    if (source)
        kiosk_strlcpy(c->st.source, source, sizeof c->st.source);
    kiosk_strlcpy(c->st.why, why ? why : "", sizeof c->st.why);
    pthread_cond_broadcast(&c->cv);
    pthread_mutex_unlock(&c->mu);
}

/* Sleeps up to ms unless stopped; returns 1 when asked to stop. */
static int nap(struct camera *c, int64_t ms)
{
    int64_t until = camera_mono_ms() + ms;
    pthread_mutex_lock(&c->mu);
    while (!c->stop && camera_mono_ms() < until) {
        int64_t left = until - camera_mono_ms();
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        int64_t ns = (int64_t)ts.tv_nsec + (left % 1000) * 1000000;
        ts.tv_sec += (time_t)(left / 1000 + ns / 1000000000);
        ts.tv_nsec = (long)(ns % 1000000000);
        pthread_cond_timedwait(&c->cv, &c->mu, &ts);
    }
    int stop = c->stop;
    pthread_mutex_unlock(&c->mu);
    return stop;
}

static void found(const char *text, void *user)
{
    struct camera *c = user;
    if (!camera_recent_fire(&c->recent, text, c->frame_at))
        return;
    pthread_mutex_lock(&c->mu);
    if (c->count == MAILBOX) { /* nobody took them: the oldest goes */
        c->head = (c->head + 1) % MAILBOX;
        c->count--;
    }
    int slot = (c->head + c->count) % MAILBOX;
    kiosk_strlcpy(c->texts[slot], text, sizeof c->texts[slot]);
    c->text_at[slot] = c->frame_at;
    c->count++;
    c->st.decoded++;
    pthread_cond_broadcast(&c->cv);
    pthread_mutex_unlock(&c->mu);
    kiosk_log(KIOSK_LOG_DEBUG, "camera: read a code (%zu bytes)", strlen(text));
    if (c->wake)
        c->wake(c->wake_user);
}

static void one_frame(struct camera *c, const struct camera_frame *f)
{
    uint8_t small[CAMERA_PREVIEW_MAX_W * CAMERA_PREVIEW_MAX_H];
    int sw = 0, sh = 0;
    c->frame_at = f->at_ms;
    camera_decode(c->dec, f->grey, f->width, f->height, found, c);
    camera_shrink(f->grey, f->width, f->height, small, &sw, &sh);
    pthread_mutex_lock(&c->mu);
    memcpy(c->preview, small, (size_t)sw * (size_t)sh);
    c->pw = sw;
    c->ph = sh;
    c->preview_seq++;
    int first = c->st.last_frame_ms == 0;
    c->st.frames++;
    c->st.last_frame_ms = f->at_ms;
    pthread_mutex_unlock(&c->mu);
    if (first && c->wake) /* a picture to show now: the host may be asleep */
        c->wake(c->wake_user);
}

/* level: a kiosk without any camera on "auto" is no trouble, only news */
static void report(struct camera *c, int level, const char *source, const char *why)
{
    if (strcmp(c->last_why, why) != 0) {
        kiosk_log(level, "camera: %s; trying again every %d s", why, CAMERA_RETRY_MS / 1000);
        kiosk_strlcpy(c->last_why, why, sizeof c->last_why);
    }
    set_state(c, CAMERA_MISSING, source, why);
    if (c->wake) /* a picture on screen must go */
        c->wake(c->wake_user);
}

/* Reads frames from an open source until it ends, is lost, or the camera stops. */
static void run_source(struct camera *c, struct camera_source *src)
{
    char why[300] = "";
    c->last_why[0] = '\0';
    kiosk_log(KIOSK_LOG_INFO, "camera: reading %s", camera_source_name(src));
    set_state(c, CAMERA_RUNNING, camera_source_name(src), NULL);
    pthread_mutex_lock(&c->mu);
    c->st.last_frame_ms = 0; /* the next frame is a first one: it wakes the host */
    pthread_mutex_unlock(&c->mu);
    for (;;) {
        pthread_mutex_lock(&c->mu);
        int stop = c->stop;
        pthread_mutex_unlock(&c->mu);
        if (stop)
            return;
        struct camera_frame f;
        int r = camera_source_next(src, FRAME_WAIT_MS, &f, why, sizeof why);
        if (r == CAMERA_FRAME) {
            one_frame(c, &f);
        } else if (r == CAMERA_END) {
            kiosk_log(KIOSK_LOG_INFO, "camera: every picture of %s was read",
                      camera_source_name(src));
            set_state(c, CAMERA_ENDED, NULL, NULL);
            nap(c, INT64_MAX / 4);
            return;
        } else if (r == CAMERA_LOST) {
            report(c, KIOSK_LOG_WARN, NULL, why);
            return;
        }
    }
}

/* The decoder once a source is open (libzbar is loaded only then); 0 when it cannot be. */
static int have_decoder(struct camera *c)
{
    char err[400] = "";
    if (c->dec)
        return 1;
    if (camera_decoder_new(&c->dec, err, sizeof err) == KIOSK_OK)
        return 1;
    kiosk_log(KIOSK_LOG_ERROR, "camera: %s", err);
    set_state(c, CAMERA_BROKEN, NULL, err);
    return 0;
}

static void *worker(void *arg)
{
    struct camera *c = arg;
    do {
        struct camera_source *src = NULL;
        char why[300] = "";
        kiosk_status st = camera_source_open(c->spec, &src, why, sizeof why);
        if (st != KIOSK_OK) {
            report(c, st == KIOSK_E_NOT_FOUND ? KIOSK_LOG_INFO : KIOSK_LOG_WARN, NULL, why);
            continue;
        }
        int ok = have_decoder(c);
        if (ok)
            run_source(c, src);
        camera_source_close(src);
        if (!ok)
            return NULL; /* not tried again: the package is missing */
    } while (!nap(c, CAMERA_RETRY_MS));
    return NULL;
}

kiosk_status camera_start(const char *spec, void (*wake)(void *user), void *user,
                          struct camera **out)
{
    *out = NULL;
    if (!spec || !*spec || strcmp(spec, "none") == 0)
        return KIOSK_OK;
    struct camera *c = calloc(1, sizeof *c);
    if (!c)
        return KIOSK_E_NOMEM;
    kiosk_strlcpy(c->spec, spec, sizeof c->spec);
    kiosk_strlcpy(c->st.source, strncmp(spec, "file:", 5) == 0 ? spec + 5 : spec,
                  sizeof c->st.source);
    c->wake = wake;
    c->wake_user = user;
    c->st.state = CAMERA_STARTING;
    pthread_mutex_init(&c->mu, NULL);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&c->cv, &ca);
    pthread_condattr_destroy(&ca);
    if (pthread_create(&c->thread, NULL, worker, c) != 0) {
        pthread_cond_destroy(&c->cv);
        pthread_mutex_destroy(&c->mu);
        free(c);
        return KIOSK_E_NOMEM;
    }
    *out = c;
    return KIOSK_OK;
}

void camera_stop(struct camera *c)
{
    if (!c)
        return;
    pthread_mutex_lock(&c->mu);
    c->stop = 1;
    pthread_cond_broadcast(&c->cv);
    pthread_mutex_unlock(&c->mu);
    pthread_join(c->thread, NULL);
    camera_decoder_free(c->dec);
    pthread_cond_destroy(&c->cv);
    pthread_mutex_destroy(&c->mu);
    free(c);
}

int camera_take(struct camera *c, char *out, size_t cap, int64_t *at_ms)
{
    if (!c)
        return 0;
    pthread_mutex_lock(&c->mu);
    int got = c->count > 0;
    if (got) {
        kiosk_strlcpy(out, c->texts[c->head], cap);
        if (at_ms)
            *at_ms = c->text_at[c->head];
        c->head = (c->head + 1) % MAILBOX;
        c->count--;
    }
    pthread_mutex_unlock(&c->mu);
    return got;
}

int camera_preview(struct camera *c, uint8_t *px, int *w, int *h, uint64_t *seq)
{
    if (!c)
        return 0;
    pthread_mutex_lock(&c->mu);
    int newer = c->preview_seq != *seq && c->pw > 0;
    if (newer) {
        memcpy(px, c->preview, (size_t)c->pw * (size_t)c->ph);
        *w = c->pw;
        *h = c->ph;
        *seq = c->preview_seq;
    }
    pthread_mutex_unlock(&c->mu);
    return newer;
}

void camera_get_status(struct camera *c, struct camera_status *out)
{
    if (!c) {
        memset(out, 0, sizeof *out);
        out->state = CAMERA_OFF;
        return;
    }
    pthread_mutex_lock(&c->mu);
    *out = c->st;
    pthread_mutex_unlock(&c->mu);
}

static int settled(const struct camera *c)
{
    return c->count > 0 || c->st.state == CAMERA_ENDED || c->st.state == CAMERA_MISSING ||
           c->st.state == CAMERA_BROKEN;
}

int camera_wait(struct camera *c, int timeout_ms)
{
    if (!c)
        return 0;
    int64_t until = camera_mono_ms() + timeout_ms;
    pthread_mutex_lock(&c->mu);
    while (!settled(c) && camera_mono_ms() < until) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        ts.tv_nsec += 20 * 1000000L;
        if (ts.tv_nsec >= 1000000000L) {
            ts.tv_sec++;
            ts.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&c->cv, &c->mu, &ts);
    }
    int got = c->count > 0;
    pthread_mutex_unlock(&c->mu);
    return got;
}
