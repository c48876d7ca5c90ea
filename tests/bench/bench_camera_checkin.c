/* A camera is a scanner: how long from a camera frame holding a trainee's receipt to "Có
 * mặt" painted, and how many 640x480 frames a second the decoder reads.
 *  - camera.frame_to_painted_ms: the kiosk as in bench_tap_checkin (runtime, attendance
 *    plugin, SDL dummy driver, software renderer, MDN-MK served); a 640x480 photo-like
 *    frame (the receipt's QR on a grey table, noise, uneven light) goes through the camera
 *    module (file: source, worker thread, libzbar) and the host's scan entry point
 *    (input_scan) to the check-in committed and painted. From the frame read (its at_ms) to
 *    the paint. Baseline: the same for the USB scanner (input_scan with the text, no frame):
 *    the ratio is what the camera adds.
 *  - camera.preview_paints_per_s: the runtime's own loop (app_run, real time) on the home
 *    screen while a camera sends 15 frames a second: how often the screen is painted for the
 *    live picture (HOST_CAMERA_PREVIEW_MS caps it at 8); baseline the frames it was sent.
 *  - camera.decode_640x480_ms and _fps: camera_decode alone on the frames; baseline
 *    `zbarimg` on the same PNG files (one process for all of them, so its start-up is shared;
 *    it reads the PNGs too).
 * TSV rows: figure, median, p99, baseline, ratio, target. */
#include "bench_util.h"
#include "camera/camera.h"
#include "camera/camera_source.h"
#include "host/app.h"
#include "host/camera_host.h"
#include "host/host_ctx.h"
#include "host/input.h"
#include "kiosk_png.h"
#include "kiosk_png_read.h"
#include "receipt/qr.h"
#include "receipt/receipt.h"
#include "sdl/sdl_backend.h"
#include "store/domain.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define RUNS 30
#define W 640
#define H 480
#define DECODE_REPS 5

static const char *const givens[] = {"An",   "Bình",  "Cúc",   "Dung", "Đào",  "Giang",
                                     "Hạnh", "Khánh", "Lan",   "Mai",  "Nga",  "Oanh",
                                     "Phúc", "Quyên", "Sương", "Thảo", "Uyên", "Vân"};

static int shows(struct app *a, const char *prefix)
{
    size_t n = 0;
    const struct ui_visible_text *v = ui_visible(app_ui(a), &n);
    for (size_t i = 0; i < n; i++)
        if (strncmp(v[i].text, prefix, strlen(prefix)) == 0)
            return 1;
    return 0;
}

static int tap(struct app *a, const char *text)
{
    size_t n = 0;
    const struct ui_visible_text *v = ui_visible(app_ui(a), &n);
    for (size_t i = 0; i < n; i++) {
        if (strcmp(v[i].text, text) != 0)
            continue;
        ui_rect r = v[i].target.w > 0 ? v[i].target : v[i].rect;
        struct ui_event ev = {.kind = UI_EV_PRESS, .x = r.x + r.w / 2, .y = r.y + r.h / 2};
        input_event(a, &ev);
        input_advance_ms(a, 50);
        ev.kind = UI_EV_RELEASE;
        input_event(a, &ev);
        return 1;
    }
    return 0;
}

/* A photo-like frame: a grey table lit unevenly, the code on white paper somewhere in the
 * middle, sensor noise. */
static void put_code(const char *text, uint8_t *frame)
{
    struct qr_matrix m;
    uint8_t *qr = NULL;
    int side = 0;
    if (qr_encode(text, &m) != KIOSK_OK)
        return;
    qr_render_grey(&m, 4, 3, &qr, &side);
    qr_matrix_release(&m);
    int ox = (W - side) / 2 + rand() % 80 - 40, oy = (H - side) / 2 + rand() % 60 - 30;
    for (int y = 0; qr && y < side; y++)
        for (int x = 0; x < side; x++) /* paper is not white, ink not black */
            frame[(oy + y) * W + ox + x] = (uint8_t)(qr[y * side + x] ? 225 : 35);
    free(qr);
}

/* text "": the table alone. */
static void make_frame(const char *text, int seed, uint8_t *frame)
{
    srand((unsigned)seed);
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++)
            frame[y * W + x] = (uint8_t)(110 + x * 40 / W + y * 20 / H);
    if (*text)
        put_code(text, frame);
    for (int i = 0; i < W * H; i++) {
        int v = frame[i] + rand() % 31 - 15;
        frame[i] = (uint8_t)(v < 0 ? 0 : v > 255 ? 255 : v);
    }
}

/* Trainees on the MDN-MK roster, each with a sign-up receipt (setup, not measured). */
static int roster(struct app *a, char texts[][KIOSK_RECEIPT_LEN], int n)
{
    struct receipt_keys *k = host_keys(&(kiosk_ctx){a, NULL});
    if (!k || store_begin(app_store(a)) != KIOSK_OK)
        return 0;
    for (int i = 0; i < n; i++) {
        struct kiosk_person p = {0};
        struct kiosk_registration reg;
        struct kiosk_receipt r;
        kiosk_fmt(p.full_name, sizeof p.full_name, "Camera Thị %s %c",
                  givens[i % KIOSK_ARRAY_LEN(givens)], 'A' + i / (int)KIOSK_ARRAY_LEN(givens));
        p.birth_year = 1970 + i % 30;
        if (store_register(app_store(a), "MDN-MK", &p, "import", &reg, NULL) != KIOSK_OK ||
            receipt_issue(app_store(a), k, KIOSK_RECEIPT_SIGNUP, reg.event_id, "", reg.person_id,
                          &r) != KIOSK_OK)
            return 0;
        kiosk_strlcpy(texts[i], r.text, KIOSK_RECEIPT_LEN);
    }
    return store_commit(app_store(a)) == KIOSK_OK;
}

/* One check-in through the camera: the frame file is read by the camera's thread. */
static double by_camera(struct app *a, const char *png)
{
    char spec[700], text[CAMERA_TEXT_MAX];
    int64_t at = 0;
    struct camera *c = NULL;
    kiosk_fmt(spec, sizeof spec, "file:%s", png);
    if (camera_start(spec, NULL, NULL, &c) != KIOSK_OK || !camera_wait(c, 10000) ||
        !camera_take(c, text, sizeof text, &at)) {
        camera_stop(c);
        return -1;
    }
    input_scan(a, text); /* what the loop does with a camera's code (host_camera_poll) */
    double ms = (double)(camera_mono_ms() - at);
    camera_stop(c);
    return shows(a, "Có mặt") ? ms : -1;
}

static double by_scanner(struct app *a, const char *text)
{
    double t0 = now_ms();
    input_scan(a, text);
    double ms = now_ms() - t0;
    return shows(a, "Có mặt") ? ms : -1;
}

static void found(const char *text, void *user)
{
    (void)text;
    ++*(int *)user;
}

/* camera_decode alone on each frame, DECODE_REPS times; ms per frame into v. */
static int decode_times(char paths[][600], int n, double *v, int *read)
{
    struct camera_decoder *d = NULL;
    char err[400];
    if (camera_decoder_new(&d, err, sizeof err) != KIOSK_OK)
        return 0;
    int k = 0;
    for (int i = 0; i < n; i++) {
        uint8_t *px = NULL;
        int w = 0, h = 0;
        if (kiosk_png_read_grey(paths[i], 1u << 22, &px, &w, &h) != KIOSK_OK)
            continue;
        for (int r = 0; r < DECODE_REPS; r++) {
            double t0 = now_ms();
            camera_decode(d, px, w, h, found, read);
            v[k++] = now_ms() - t0;
        }
        free(px);
    }
    camera_decoder_free(d);
    return k;
}

/* zbarimg over every frame in one process (best of 3): ms per frame; 0 without zbarimg. */
static double zbarimg_ms(char paths[][600], int n)
{
    static char cmd[RUNS * 620 + 64];
    size_t o = (size_t)snprintf(cmd, sizeof cmd, "zbarimg -q --raw");
    for (int i = 0; i < n; i++)
        o += (size_t)snprintf(cmd + o, sizeof cmd - o, " '%s'", paths[i]);
    snprintf(cmd + o, sizeof cmd - o, " >/dev/null 2>&1");
    double best = 0;
    for (int r = 0; r < 3; r++) {
        double t0 = now_ms();
        if (system(cmd) != 0)
            return 0;
        double t = now_ms() - t0;
        best = r == 0 || t < best ? t : best;
    }
    return best / n;
}

static struct app *open_kiosk(const char *dir, const char *camera, int virtual_time)
{
    char db[600], ini[600];
    kiosk_fmt(db, sizeof db, "%s/kiosk.db", dir);
    kiosk_fmt(ini, sizeof ini, "%s/kiosk.ini", dir);
    FILE *f = fopen(ini, "w");
    if (!f)
        return NULL;
    fprintf(f, "served_event = MDN-MK\nidle_timeout_s = 3600\nlog_level = error\ncamera = %s\n",
            camera);
    fclose(f);
    setenv("SDL_VIDEODRIVER", "dummy", 0);
    setenv("SDL_RENDER_DRIVER", "software", 0);
    setenv("SDL_AUDIODRIVER", "dummy", 0);
    struct app_opts o = {.db_path = db,
                         .config_path = ini,
                         .demo = 1,
                         .width = 1280,
                         .height = 800,
                         .backend = &sdl_backend_ops,
                         .virtual_time = virtual_time};
    struct app *a = NULL;
    if (app_open(&o, &a) != 0)
        return NULL;
    if (!virtual_time)
        return a;
    kiosk_clock_freeze(1);
    struct tm tm;
    kiosk_local_tm(kiosk_clock_now_ms(), &tm);
    kiosk_clock_set_ms(kiosk_local_make_ms(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, 7, 35));
    return a;
}

#define PREVIEW_FRAMES 45
#define PREVIEW_RUN_S 2

static void *stop_later(void *arg)
{
    (void)arg;
    sleep(PREVIEW_RUN_S);
    kill(getpid(), SIGTERM); /* SDL makes it a quit event: the loop ends cleanly */
    return NULL;
}

/* The loop on the home screen while frames come; paints and frames a second. */
static int preview_rate(const char *dir, double *paints, double *frames)
{
    char sub[600], path[700], spec[700];
    static uint8_t frame[W * H];
    kiosk_fmt(sub, sizeof sub, "%s/preview", dir);
    if (mkdir(sub, 0700) != 0)
        return 0;
    for (int i = 0; i < PREVIEW_FRAMES; i++) {
        make_frame("", i + 1, frame); /* a table with no code: only the picture moves */
        kiosk_fmt(path, sizeof path, "%s/f%02d.png", sub, i);
        kiosk_png_write(path, frame, W, H, 1, W, 0600);
    }
    kiosk_fmt(spec, sizeof spec, "file:%s", sub);
    struct app *a = open_kiosk(sub, spec, 0);
    if (!a)
        return 0;
    struct backend_stats before, after;
    const struct backend_ops *be;
    struct backend *b = app_backend(a, &be);
    be->stats(b, &before);
    pthread_t t;
    pthread_create(&t, NULL, stop_later, NULL);
    app_run(a);
    pthread_join(t, NULL);
    be->stats(b, &after);
    struct camera_status st;
    camera_get_status(app_camera(a)->cam, &st);
    *paints = (double)(after.frames_painted - before.frames_painted) / PREVIEW_RUN_S;
    *frames = (double)st.frames / PREVIEW_RUN_S;
    app_close(a);
    return 1;
}

static void report(double *cam, double *scan, int n, double *dec, int nd, double zbar)
{
    double scan_median, p99;
    stats(scan, n, &scan_median, &p99);
    row_note("camera.frame_to_painted_ms", cam, n, scan_median, "-",
             "a 640x480 frame holding a receipt read by the camera's thread to 'Có mặt' painted; "
             "baseline the USB scanner's text to the same");
    row_note("camera.decode_640x480_ms", dec, nd, zbar, "<=66 (15 fps)",
             "camera_decode on photo-like frames; baseline zbarimg per frame, PNG reading and one "
             "start-up shared");
    double median;
    stats(dec, nd, &median, &p99);
    if (zbar > 0)
        printf("camera.decode_640x480_fps\t%.1f\t%.1f\t%.1f\t%.2f\t>=15\tframes a second; "
               "baseline zbarimg\n",
               1000 / median, 1000 / p99, 1000 / zbar, zbar / median);
    else
        printf("camera.decode_640x480_fps\t%.1f\t%.1f\t-\t-\t>=15\tframes a second\n",
               1000 / median, 1000 / p99);
}

int main(void)
{
    char dir[] = KIOSK_TEST_BUILD_DIR "/bench-camera.XXXXXX";
    if (!mkdtemp(dir))
        return 2;
    struct app *a = open_kiosk(dir, "none", 1);
    static char texts[2 * RUNS][KIOSK_RECEIPT_LEN], paths[RUNS][600];
    static uint8_t frame[W * H];
    if (!a || !roster(a, texts, 2 * RUNS)) {
        fprintf(stderr, "bench_camera_checkin: setup failed\n");
        return 1;
    }
    for (int i = 0; i < RUNS; i++) {
        kiosk_fmt(paths[i], sizeof paths[i], "%s/frame%02d.png", dir, i);
        make_frame(texts[i], i + 1, frame);
        if (kiosk_png_write(paths[i], frame, W, H, 1, W, 0600) != KIOSK_OK)
            return 1;
    }
    app_frame(a, NULL);
    if (!tap(a, "Điểm danh lớp học"))
        return 1;
    static double cam[RUNS], scan[RUNS], dec[RUNS * DECODE_REPS];
    int n = 0;
    for (; n < RUNS; n++) {
        cam[n] = by_camera(a, paths[n]);
        if (cam[n] < 0 || !tap(a, "Xong"))
            break;
        input_advance_ms(a, 1000);
        scan[n] = by_scanner(a, texts[RUNS + n]);
        if (scan[n] < 0 || !tap(a, "Xong"))
            break;
        input_advance_ms(a, 1000);
    }
    if (n < RUNS) {
        fprintf(stderr, "bench_camera_checkin: run %d did not reach \"Có mặt\"\n", n);
        return 1;
    }
    int read = 0;
    int nd = decode_times(paths, RUNS, dec, &read);
    if (read != nd)
        fprintf(stderr, "bench_camera_checkin: %d of %d decodes read the code\n", read, nd);
    report(cam, scan, n, dec, nd, zbarimg_ms(paths, RUNS));
    app_close(a);
    double paints = 0, frames = 0;
    if (preview_rate(dir, &paints, &frames))
        printf("camera.preview_paints_per_s\t%.1f\t-\t%.1f\t%.2f\t8 (+ the first)\thome "
               "screen, the loop in real time; baseline the frames a second the camera sent\n",
               paints, frames, frames > 0 ? paints / frames : 0);
    char rm[700];
    kiosk_fmt(rm, sizeof rm, "rm -rf '%s'", dir);
    return system(rm) == 0 ? 0 : 1;
}
