/* Frames with the voice on and off (issue 17 item 9): the whole kiosk (SDL dummy video and
 * audio drivers, demo program, MDN-MK served) goes from home to the attendance search and
 * back, tap after tap; each tap's figure is its release to the next frame painted. With
 * `voice = on` every tap also hands a prompt to the speech thread, which cuts the last one
 * and synthesises on the other core meanwhile; off is the baseline, run in alternating
 * blocks in the same process. TSV rows: figure, median, p99, baseline, ratio, target. */
#include "bench_util.h"
#include "bench_kiosk.h"
#include "host/voice_host.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BLOCKS 4
#define TAPS 40 /* a block: 20 there and back */

/* One block of TAPS taps on a fresh kiosk; their times into t. 0 when a tap missed. */
static int block(const char *dir, int voice, double *t, struct voice_stats *vs)
{
    char db[600], ini[600], settings[200];
    kiosk_fmt(db, sizeof db, "%s/kiosk-%d.db", dir, voice);
    kiosk_fmt(ini, sizeof ini, "%s/kiosk-%d.ini", dir, voice);
    kiosk_fmt(settings, sizeof settings,
              "served_event = MDN-MK\nidle_timeout_s = 3600\nlog_level = error\nvoice = %s\n",
              voice ? "on" : "off");
    struct app *a = bench_kiosk_open(db, ini, settings, 1);
    if (!a)
        return 0;
    bench_clock_today(7, 35);
    app_frame(a, NULL);
    int ok = 1;
    for (int i = 0; ok && i < TAPS; i++) {
        const char *label = i % 2 ? "Trang chủ" : "Điểm danh lớp học";
        int x, y;
        if (!press(a, label, &x, &y)) {
            fprintf(stderr, "bench_voice_frames: no '%s'\n", label);
            ok = 0;
            break;
        }
        double t0 = now_ms();
        pointer(a, UI_EV_RELEASE, x, y);
        t[i] = now_ms() - t0;
        input_advance_ms(a, 400); /* a person looks before the next tap */
    }
    host_voice_idle(a, 10000);
    host_voice_stats(a, vs);
    if (voice && vs->utterances == 0) {
        fprintf(stderr, "bench_voice_frames: the voice said nothing (no espeak data, no audio?)\n");
        ok = 0;
    }
    app_close(a);
    return ok;
}

/* Frames over 50 ms: what a person would notice as a hitch. */
static int over_50(const double *t, int n)
{
    int k = 0;
    for (int i = 0; i < n; i++)
        k += t[i] > 50.0;
    return k;
}

int main(void)
{
    char dir[] = KIOSK_TEST_BUILD_DIR "/bench-voice.XXXXXX", cmd[700], note[300];
    if (!mkdtemp(dir))
        return 2;
    static double off[BLOCKS * TAPS], on[BLOCKS * TAPS];
    struct voice_stats vs, total = {0};
    for (int b = 0; b < BLOCKS; b++) {
        for (int k = 0; k < 2; k++) {
            int voice = (b + k) % 2; /* which runs first alternates */
            if (!block(dir, voice, (voice ? on : off) + b * TAPS, &vs))
                return 1;
            if (!voice)
                continue;
            total.utterances += vs.utterances;
            total.cut += vs.cut;
            total.samples += vs.samples;
        }
    }
    int n = BLOCKS * TAPS, slow_on = over_50(on, n), slow_off = over_50(off, n);
    double off_median, off_p99;
    stats(off, n, &off_median, &off_p99);
    kiosk_fmt(note, sizeof note,
              "tap release to frame painted, home <-> attendance search, voice = on (%llu "
              "utterances, %llu cut); baseline voice = off; frames over 50 ms: %d on, %d off",
              (unsigned long long)total.utterances, (unsigned long long)total.cut, slow_on,
              slow_off);
    row_note("voice.frame_ms", on, n, off_median, "<=1.1x", note);
    row_note("voice.frame_off_ms", off, n, 0, "-", "info: the baseline itself (voice = off)");
    kiosk_fmt(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : 1;
}
