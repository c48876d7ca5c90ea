/* The voice's thread (kiosk/host/voice_worker.h) over a backend that only records its sound:
 * a request is said whole; a newer one cuts it (what was queued is dropped, its synthesis
 * stops early) and is said instead; handing a request over never waits on the synthesis,
 * even while the sound card is slow. Skips (77) where libespeak-ng or its data is missing. */
#include "check.h"

#include "host/voice_worker.h"

#include <pthread.h>
#include <stdatomic.h>
#include <time.h>

struct backend {
    atomic_int plays, stops;
    atomic_long samples;
    atomic_int slow_ms; /* each queued buffer takes this long: a busy sound card */
};

static kiosk_status rec_play(struct backend *b, const int16_t *pcm, size_t n, int rate, char *err,
                             size_t errlen)
{
    if (n == 0)
        return KIOSK_OK;
    atomic_fetch_add(&b->plays, 1);
    atomic_fetch_add(&b->samples, (long)n);
    int ms = atomic_load(&b->slow_ms);
    struct timespec ts = {0, ms * 1000000L};
    if (ms)
        nanosleep(&ts, NULL);
    return rate == 22050 ? KIOSK_OK : KIOSK_E_INVALID;
}

static void rec_stop(struct backend *b)
{
    atomic_fetch_add(&b->stops, 1);
}

static const struct backend_ops rec_ops = {
    .name = "recorder", .audio_play = rec_play, .audio_stop = rec_stop};

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static const char *long_text = "May và đan dây nhựa. Buổi 3, 7 giờ 30 đến 11 giờ. Gõ tên của bạn, "
                               "không cần dấu. Chạm vào tên của bạn khi thấy nó.";

static void whole(struct voice_worker *w, struct backend *b)
{
    voice_worker_say(w, "vi", "Có mặt lúc 7 giờ 40. Chúc bạn học tốt!");
    CHECK(voice_worker_idle(w, 10000));
    struct voice_stats st;
    voice_worker_stats(w, &st);
    CHECK_INT(st.utterances, 1);
    CHECK_INT(st.finished, 1);
    CHECK_INT(st.cut, 0);
    CHECK(st.samples > 22050 * 2 && st.samples < 22050 * 6); /* ~3 s of speech */
    CHECK_INT((long)st.samples, atomic_load(&b->samples));
    CHECK(atomic_load(&b->stops) >= 1); /* what the last screen said, dropped first */
}

/* While the card is slow (20 ms a 100 ms buffer), a second request cuts the first. */
static void cut(struct voice_worker *w, struct backend *b)
{
    struct voice_stats before, after;
    voice_worker_stats(w, &before);
    atomic_store(&b->slow_ms, 20);
    long s0 = atomic_load(&b->samples);
    int stops0 = atomic_load(&b->stops);
    voice_worker_say(w, "vi", long_text);
    double worst = 0;
    for (int i = 0; i < 20; i++) { /* the frame thread's side: never waits */
        struct timespec ts = {0, 5 * 1000000L};
        nanosleep(&ts, NULL);
        double t = now_ms();
        voice_worker_say(w, i % 2 ? "en" : "vi", i == 19 ? "Tap a tile to start" : long_text);
        t = now_ms() - t;
        worst = t > worst ? t : worst;
    }
    CHECK(voice_worker_idle(w, 20000));
    voice_worker_stats(w, &after);
    printf("say: worst %.3f ms while synthesising; cut %llu of %llu\n", worst,
           (unsigned long long)(after.cut - before.cut),
           (unsigned long long)(after.utterances - before.utterances));
    CHECK(worst < 8.0); /* well inside a frame, on a loaded machine too */
    CHECK(after.cut - before.cut >= 1);
    CHECK(after.finished - before.finished >= 1); /* the last one, said whole */
    CHECK(atomic_load(&b->stops) - stops0 >= 2);
    /* far less than 21 long utterances (~7 s each) reached the card */
    CHECK(atomic_load(&b->samples) - s0 < 22050L * 7 * 4);
    atomic_store(&b->slow_ms, 0);
}

int main(void)
{
    struct backend b = {0};
    struct voice_worker *w = voice_worker_start(&rec_ops, &b, "vi");
    CHECK(w != NULL);
    if (!w)
        return check_done();
    CHECK(voice_worker_idle(w, 10000));
    struct voice_stats st;
    voice_worker_stats(w, &st);
    if (st.broken) {
        check_skip("no libespeak-ng or espeak-ng-data here");
        voice_worker_stop(w);
        return check_done();
    }
    whole(w, &b);
    cut(w, &b);
    voice_worker_stop(w);
    voice_worker_say(NULL, "vi", "x"); /* the voice off: nothing, no crash */
    CHECK(voice_worker_idle(NULL, 0));
    return check_done();
}
