/* What the benchmarks that drive the whole kiosk share: finding a painted text and tapping
 * or typing on it as a person would, on the kiosk's virtual time (input.h). */
#ifndef KIOSK_BENCH_KIOSK_H
#define KIOSK_BENCH_KIOSK_H

#include "host/app.h"
#include "host/input.h"
#include "sdl/sdl_backend.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef TYPE_GAP_MS
#define TYPE_GAP_MS 100 /* a person typing: slower than the scanner-burst gap */
#endif

/* The widget showing exactly text, else NULL. */
static inline const struct ui_visible_text *find(struct app *a, const char *text)
{
    size_t n = 0;
    const struct ui_visible_text *v = ui_visible(app_ui(a), &n);
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i].text, text) == 0)
            return &v[i];
    return NULL;
}

static inline void pointer(struct app *a, int kind, int x, int y)
{
    struct ui_event ev = {.kind = kind, .x = x, .y = y};
    input_event(a, &ev);
}

/* Press on text's widget; the caller releases (that is what is timed). */
static inline int press(struct app *a, const char *text, int *x, int *y)
{
    const struct ui_visible_text *t = find(a, text);
    if (!t)
        return 0;
    ui_rect r = t->target.w > 0 ? t->target : t->rect;
    *x = r.x + r.w / 2;
    *y = r.y + r.h / 2;
    pointer(a, UI_EV_PRESS, *x, *y);
    input_advance_ms(a, 50);
    input_timers(a);
    return 1;
}

static inline int tap(struct app *a, const char *text)
{
    int x, y;
    if (!press(a, text, &x, &y))
        return 0;
    pointer(a, UI_EV_RELEASE, x, y);
    return 1;
}

static inline void type(struct app *a, const char *s)
{
    while (*s) {
        struct ui_event ev = {.kind = UI_EV_TEXT};
        size_t n = 1;
        while (s[n] && ((unsigned char)s[n] & 0xC0) == 0x80)
            n++;
        memcpy(ev.text, s, n);
        ev.text[n] = '\0';
        s += n;
        input_advance_ms(a, TYPE_GAP_MS);
        input_timers(a);
        input_event(a, &ev);
    }
    input_advance_ms(a, TYPE_GAP_MS);
    input_timers(a);
}

/* The widget whose text starts with prefix, else NULL. */
static inline const struct ui_visible_text *find_prefix(struct app *a, const char *prefix)
{
    size_t n = 0;
    const struct ui_visible_text *v = ui_visible(app_ui(a), &n);
    for (size_t i = 0; i < n; i++)
        if (strncmp(v[i].text, prefix, strlen(prefix)) == 0)
            return &v[i];
    return NULL;
}

/* The whole kiosk on SDL's dummy driver at 1280x800, on the demo program, with the settings
 * file ini written from settings; NULL when it does not open. virtual_time: kiosk time moves
 * by hand, as in a script (the benchmarks' own timings are real time). */
static inline struct app *bench_kiosk_open(const char *db, const char *ini, const char *settings,
                                           int virtual_time)
{
    FILE *f = fopen(ini, "w");
    if (!f)
        return NULL;
    fputs(settings, f);
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
    return app_open(&o, &a) == 0 ? a : NULL;
}

/* Freezes the kiosk clock today at hour:minute (local); returns today's midnight. */
static inline int64_t bench_clock_today(int hour, int minute)
{
    kiosk_clock_freeze(1);
    struct tm tm;
    kiosk_local_tm(kiosk_clock_now_ms(), &tm);
    int64_t day0 = kiosk_local_make_ms(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, 0, 0);
    kiosk_clock_set_ms(
        kiosk_local_make_ms(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, hour, minute));
    return day0;
}

#endif
