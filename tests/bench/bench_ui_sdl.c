/* ui and sdl speed at 1280x800 under the dummy video driver (the software renderer the
 * kiosk uses): building a frame (search screen with the keyboard up), painting it with the
 * text cache warm, and a key tap end to end (press frame, release frame, paint). TSV rows:
 * figure, median, p99, baseline, ratio, target. Baselines: the same paint on a fresh
 * backend (every text shaped and rendered: what the cache saves); for a key tap, two
 * cached paints (what the tap adds: building, typing, shaping the new field text). An
 * empty paint (clear + present) is shown as the software renderer's floor. Times are CPU time of
 * the process, so a busy machine does not inflate them; painting is single-threaded. */
#include "common.h"
#include "sdl/sdl_backend.h"
#include "text/composer.h"
#include "ui/ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define RUNS 300
#define COLD_RUNS 15

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts); /* CPU time: the machine may be shared */
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median_of(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return v[n / 2];
}

/* note: what is measured (run.sh's seventh column). */
static void row_note(const char *figure, double *v, int n, double baseline, const char *target,
                     const char *note)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    double median = v[n / 2], p99 = v[(n * 99) / 100];
    if (baseline > 0)
        printf("%s\t%.3f\t%.3f\t%.3f\t%.2f\t%s\t%s\n", figure, median, p99, baseline,
               median / baseline, target, note);
    else
        printf("%s\t%.3f\t%.3f\t-\t-\t%s\t%s\n", figure, median, p99, target, note);
}

static const char *tr(void *user, const char *key)
{
    static const char *const table[][2] = {
        {"ui.key_space", "Dấu cách"}, {"ui.key_done", "Xong"},       {"ui.key_backspace", "Xóa"},
        {"ui.key_shift", "Chữ hoa"},  {"ui.key_symbols", "123"},     {"ui.tone_acute", "sắc"},
        {"ui.tone_grave", "huyền"},   {"ui.tone_hook", "hỏi"},       {"ui.tone_tilde", "ngã"},
        {"ui.tone_dot", "nặng"},      {"ui.tone_none", "không dấu"},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (strcmp(table[i][0], key) == 0)
            return table[i][1];
    return key;
}

static char search[64];

static const struct ui_drawlist *frame(ui_ctx *ui, const struct ui_event *ev)
{
    ui_begin(ui, 1280, 800, 0, ev);
    ui_area(ui, (ui_rect){16, 16, 1248, 768});
    ui_heading(ui, "Tìm tên của bạn");
    ui_field(ui, "Gõ tên (không dấu cũng được)", search, sizeof search, KIOSK_FIELD_NAME, NULL);
    ui_row_begin(ui, 2);
    ui_list_item(ui, "Nguyễn Thị Hòa", "1987 · xã Mỹ Khánh, huyện Phong Điền");
    ui_list_item(ui, "Nguyễn Thị Hoa", "1990 · xã Trường Thắng, huyện Thới Lai");
    ui_list_item(ui, "Đặng Văn Bình", "1975 · phường Tân Thới");
    ui_list_item(ui, "Trần Thị Thu", "2001 · xã Mỹ Khánh");
    ui_row_end(ui);
    ui_keyboard(ui);
    return ui_end(ui);
}

static struct sdl_backend *open_backend(void)
{
    struct backend_opts o = {1280, 800, 0, KIOSK_TEST_SOURCE_DIR "/fonts/NotoSans-Regular.ttf",
                             KIOSK_TEST_SOURCE_DIR "/fonts/NotoSans-Bold.ttf"};
    struct sdl_backend *b = NULL;
    char err[256];
    if (sdl_backend_open(&o, &b, err, sizeof err) != KIOSK_OK) {
        fprintf(stderr, "bench_ui_sdl: %s\n", err);
        exit(1);
    }
    return b;
}

static const struct ui_visible_text *find(ui_ctx *ui, const char *text)
{
    size_t n;
    const struct ui_visible_text *v = ui_visible(ui, &n);
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i].text, text) == 0)
            return &v[i];
    return NULL;
}

static ui_ctx *focused_ui(struct sdl_backend *b)
{
    ui_ctx *ui = ui_new(sdl_backend_metrics(b));
    ui_set_translator(ui, tr, NULL);
    ui_set_input_method(ui, VN_IM_TELEX, VN_TONE_TRADITIONAL);
    frame(ui, NULL);
    const struct ui_visible_text *f = find(ui, "Gõ tên (không dấu cũng được)");
    struct ui_event ev = {
        .kind = UI_EV_PRESS, .x = f->target.x + 20, .y = f->target.y + f->target.h - 10};
    frame(ui, &ev);
    ev.kind = UI_EV_RELEASE;
    frame(ui, &ev);
    frame(ui, NULL);
    return ui;
}

int main(void)
{
    setenv("SDL_VIDEODRIVER", "dummy", 0);
    static double v[RUNS], cold[COLD_RUNS], empty[RUNS], paint[RUNS], tap[RUNS];

    /* cold: a fresh backend paints the screen once (fonts shaped, every text rendered) */
    for (int i = 0; i < COLD_RUNS; i++) {
        struct sdl_backend *b = open_backend();
        search[0] = '\0';
        ui_ctx *ui = focused_ui(b);
        const struct ui_drawlist *dl = frame(ui, NULL);
        double t0 = now_ms();
        sdl_backend_paint(b, dl);
        cold[i] = now_ms() - t0;
        ui_free(ui);
        sdl_backend_close(b);
    }
    double cold_median = median_of(cold, COLD_RUNS);

    struct sdl_backend *b = open_backend();
    search[0] = '\0';
    ui_ctx *ui = focused_ui(b);
    const struct ui_drawlist *dl = frame(ui, NULL);
    sdl_backend_paint(b, dl);
    for (int i = 0; i < RUNS; i++) {
        double t0 = now_ms();
        dl = frame(ui, NULL);
        v[i] = now_ms() - t0;
    }
    for (int i = 0; i < RUNS; i++) {
        double t0 = now_ms();
        sdl_backend_paint(b, dl);
        paint[i] = now_ms() - t0;
    }
    struct ui_drawlist nothing = {.clear = {0xF2, 0xF4, 0xF7, 255}};
    for (int i = 0; i < RUNS; i++) {
        double t0 = now_ms();
        sdl_backend_paint(b, &nothing);
        empty[i] = now_ms() - t0;
    }
    double paint_median;
    {
        static double copy[RUNS];
        memcpy(copy, paint, sizeof copy);
        paint_median = median_of(copy, RUNS);
    }
    /* a key tap: the press frame and paint, the release frame (types) and paint; the
     * field is cleared now and then so it does not fill up */
    frame(ui, NULL);
    const struct ui_visible_text *k = find(ui, "a");
    if (!k)
        k = find(ui, "A"); /* an empty name field starts with a capital */
    struct ui_event ev = {.kind = UI_EV_PRESS, .x = k->target.x + 10, .y = k->target.y + 10};
    for (int i = 0; i < RUNS; i++) {
        if (i % 20 == 0) {
            search[0] = '\0';
            frame(ui, NULL);
        }
        double t0 = now_ms();
        ev.kind = UI_EV_PRESS;
        sdl_backend_paint(b, frame(ui, &ev));
        ev.kind = UI_EV_RELEASE;
        sdl_backend_paint(b, frame(ui, &ev));
        tap[i] = now_ms() - t0;
    }
    struct backend_stats st;
    sdl_backend_stats(b, &st);
    row_note("ui.frame_search_keyboard_ms", v, RUNS, paint_median, "< 2 ms", "build, 1280x800");
    row_note("sdl.paint_cached_ms", paint, RUNS, cold_median, "< 16 ms", "search + keyboard");
    row_note("sdl.paint_empty_ms", empty, RUNS, 0, "info", "clear + present");
    row_note("ui+sdl.key_tap_ms", tap, RUNS, paint_median * 2, "< 33 ms", "2 frames, 2 paints");
    fprintf(stderr, "texts rendered %llu, cache hits %llu, textures held %llu\n",
            (unsigned long long)st.texts_rendered, (unsigned long long)st.text_hits,
            (unsigned long long)st.texts_cached);
    ui_free(ui);
    sdl_backend_close(b);
    return 0;
}
