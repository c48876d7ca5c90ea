/* Time and input: kiosk time (real or a script's), keys through scan-burst detection,
 * the idle timeout, and when the loop must wake up next. */
#include "host/app.h"

#include "host/notify.h"

#include <string.h>
#include <time.h>

#define ANIMATE_MS 100 /* a widget that wants more frames (a held press) gets them this often */

/* ---- time ---- */

void app_time_update(struct app *a)
{
    if (a->virtual_time)
        return;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    a->mono_ms = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void app_advance_ms(struct app *a, int64_t ms)
{
    a->mono_ms += ms;
    kiosk_clock_advance_ms(ms);
}

/* ---- input ---- */

static void frame_text(struct app *a, const char *text)
{
    /* ui events carry at most 63 bytes: cut on character boundaries */
    size_t n = strlen(text);
    while (n > 0) {
        struct ui_event ev = {.kind = UI_EV_TEXT};
        size_t take = n < sizeof ev.text - 1 ? n : sizeof ev.text - 1;
        while (take < n && take > 0 && ((unsigned char)text[take] & 0xC0) == 0x80)
            take--;
        memcpy(ev.text, text, take);
        ev.text[take] = '\0';
        app_frame(a, &ev);
        text += take;
        n -= take;
    }
}

static void deliver(struct app *a, int what, const char *out, int return_typed)
{
    if (what == SCANBURST_TYPED) {
        frame_text(a, out);
        if (return_typed) {
            struct ui_event ev = {.kind = UI_EV_KEY, .key = UI_KEY_RETURN};
            app_frame(a, &ev);
        }
    } else if (what == SCANBURST_SCAN) {
        app_scan(a, out);
    }
}

void app_scan(struct app *a, const char *text)
{
    a->last_input_ms = a->mono_ms;
    a->idle_done = 0;
    screens_scan(a, text);
    app_frame(a, NULL);
}

/* Held keys come out as typing before anything else happens (a tap, another key). */
static void flush_burst(struct app *a, int force)
{
    char out[sizeof a->burst.buf + 1];
    int64_t at = force ? a->burst.last_ms + SCANBURST_GAP_MS + 1 : a->mono_ms;
    if (a->burst.len == 0 && a->burst.keys == 0)
        return;
    int what = scanburst_flush(&a->burst, at, out, sizeof out);
    deliver(a, what, out, 0);
}

static void feed_key(struct app *a, const char *key)
{
    char out[sizeof a->burst.buf + 1];
    int return_typed = 0;
    flush_burst(a, 0);
    int what = scanburst_feed(&a->burst, key, a->mono_ms, out, sizeof out, &return_typed);
    deliver(a, what, out, return_typed);
}

void app_input(struct app *a, const struct ui_event *ev)
{
    a->last_input_ms = a->mono_ms;
    a->idle_done = 0;
    if (ev->kind == UI_EV_PRESS)
        screens_forget_scan(a);
    if (ev->kind == UI_EV_TEXT) {
        const char *p = ev->text;
        while (*p) {
            char ch[8];
            size_t n = 1;
            while (p[n] && ((unsigned char)p[n] & 0xC0) == 0x80 && n < sizeof ch - 1)
                n++;
            memcpy(ch, p, n);
            ch[n] = '\0';
            feed_key(a, ch);
            p += n;
        }
        return;
    }
    if (ev->kind == UI_EV_KEY && ev->key == UI_KEY_RETURN) {
        feed_key(a, NULL);
        return;
    }
    flush_burst(a, 1);
    /* Escape reaches the widgets (a field may drop its keyboard) but never quits */
    app_frame(a, ev);
}

static void idle_reset(struct app *a)
{
    const char *lang = config_get(a->cfg, "lang");
    if (strcmp(i18n_lang(a->i18n), lang) != 0)
        i18n_set_lang(a->i18n, lang);
    screens_forget_scan(a);
    screens_go_home(a);
    app_frame(a, NULL);
}

void app_timers(struct app *a)
{
    if (scanburst_wait_ms(&a->burst, a->mono_ms) == 0)
        flush_burst(a, 0);
    if (!a->idle_done && a->mono_ms - a->last_input_ms >= a->idle_timeout_ms) {
        a->idle_done = 1;
        kiosk_log(KIOSK_LOG_DEBUG, "idle for %lld s: back home",
                  (long long)(a->idle_timeout_ms / 1000));
        idle_reset(a);
    }
}

static int min_timeout(int t, int64_t d)
{
    if (d < 0)
        d = 0;
    if (d > 24 * 3600 * 1000)
        d = 24 * 3600 * 1000;
    return t < 0 || d < t ? (int)d : t;
}

int app_next_timer_ms(const struct app *a)
{
    int t = -1;
    int burst = scanburst_wait_ms(&a->burst, a->mono_ms);
    if (burst >= 0)
        t = min_timeout(t, burst);
    if (!a->idle_done)
        t = min_timeout(t, a->last_input_ms + a->idle_timeout_ms - a->mono_ms);
    if (ui_needs_redraw(a->ui))
        t = min_timeout(t, ANIMATE_MS);
    int cam = host_camera_next_ms(a);
    if (cam >= 0)
        t = min_timeout(t, cam);
    int hook = host_notify_max_sleep_ms();
    if (hook >= 0)
        t = min_timeout(t, hook);
    return t;
}
