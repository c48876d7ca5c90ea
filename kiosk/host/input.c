/* Time and input (input.h): kiosk time (real or a script's), keys through scan-burst
 * detection, the idle timeout, and when the loop must wake up next. */
#include "host/input.h"

#include "host/app.h"
#include "host/screens.h"
#include "host/camera_host.h"
#include "host/admin.h"
#include "host/notify.h"
#include "text/scanburst.h"
#include "host/scan_route.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#define ANIMATE_MS 100 /* a widget that wants more frames (a held press) gets them this often */

struct input {
    /* time: mono_ms drives timeouts and scan bursts; scripts advance it by hand */
    int virtual_time;
    int64_t mono_ms;
    int64_t last_input_ms;
    int touched;   /* a person (or a script) gave some input since the start */
    int idle_done; /* the idle reset ran since the last input */
    struct input_idle idle;
    int warned;    /* the idle warning is on screen */
    int warned_s;  /* the seconds it showed */
    int warned_of; /* of how many */
    int swallow;   /* the press that ended the warning: its moves and release go nowhere */
    struct scanburst burst;
};

static int64_t monotonic_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

struct input *input_new(int virtual_time, const struct input_idle *idle)
{
    struct input *in = calloc(1, sizeof *in);
    if (!in)
        return NULL;
    in->virtual_time = virtual_time;
    in->idle = *idle;
    in->mono_ms = virtual_time ? 0 : monotonic_ms();
    in->last_input_ms = in->mono_ms;
    return in;
}

void input_free(struct input *in)
{
    free(in);
}

/* ---- time ---- */

int64_t input_now_ms(const struct app *a)
{
    return app_input_state(a)->mono_ms;
}

void input_time_update(struct app *a)
{
    struct input *in = app_input_state(a);
    if (!in->virtual_time)
        in->mono_ms = monotonic_ms();
}

void input_advance_ms(struct app *a, int64_t ms)
{
    app_input_state(a)->mono_ms += ms;
    kiosk_clock_advance_ms(ms);
}

int64_t input_since_person_ms(const struct app *a)
{
    const struct input *in = app_input_state(a);
    return in->touched ? in->mono_ms - in->last_input_ms : -1;
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
        input_scan(a, out);
    }
}

/* A person is there: the idle count starts again and its warning goes. */
static void person_here(struct input *in)
{
    in->last_input_ms = in->mono_ms;
    in->idle_done = 0;
    in->touched = 1;
    in->warned = 0;
}

void input_scan(struct app *a, const char *text)
{
    person_here(app_input_state(a));
    host_scan_route(a, text);
    app_frame(a, NULL);
}

/* Held keys come out as typing before anything else happens (a tap, another key). */
static void flush_burst(struct app *a, int force)
{
    struct input *in = app_input_state(a);
    char out[sizeof in->burst.buf + 1];
    int64_t at = force ? in->burst.last_ms + SCANBURST_GAP_MS + 1 : in->mono_ms;
    if (in->burst.len == 0 && in->burst.keys == 0)
        return;
    int what = scanburst_flush(&in->burst, at, out, sizeof out);
    deliver(a, what, out, 0);
}

static void feed_key(struct app *a, const char *key)
{
    struct input *in = app_input_state(a);
    char out[sizeof in->burst.buf + 1];
    int return_typed = 0;
    flush_burst(a, 0);
    int what = scanburst_feed(&in->burst, key, in->mono_ms, out, sizeof out, &return_typed);
    deliver(a, what, out, return_typed);
}

/* While the idle warning is up, a touch anywhere only ends it: the press (with its moves and
 * release) reaches nothing under the warning. Keys and scans go on as usual. 1: taken. */
static int warning_takes(struct app *a, const struct ui_event *ev)
{
    struct input *in = app_input_state(a);
    int was_warned = in->warned;
    person_here(in);
    if (in->swallow && (ev->kind == UI_EV_MOVE || ev->kind == UI_EV_RELEASE)) {
        in->swallow = ev->kind == UI_EV_MOVE;
        return 1;
    }
    in->swallow = 0;
    if (!was_warned)
        return 0;
    app_frame(a, NULL); /* the warning goes */
    if (ev->kind != UI_EV_PRESS)
        return 0;
    in->swallow = 1;
    return 1;
}

void input_event(struct app *a, const struct ui_event *ev)
{
    if (warning_takes(a, ev))
        return;
    if (ev->kind == UI_EV_TEXT) {
        char ch[8];
        for (size_t n, at = 0; (n = ui_utf8_take(ev->text + at, ch)) > 0; at += n)
            feed_key(a, ch);
        return;
    }
    if (ev->kind == UI_EV_KEY && ev->key == UI_KEY_RETURN) {
        feed_key(a, NULL);
        return;
    }
    flush_burst(a, 1);
    /* Escape reaches the widgets (a field may drop its keyboard) but never quits */
    app_frame(a, ev);
    /* the last scan's note goes once a tap is done, not at its press: the layout moving
     * between press and release would put something else under the finger */
    if (ev->kind == UI_EV_RELEASE && screens_forget_scan(a))
        app_frame(a, NULL);
}

static void idle_reset(struct app *a)
{
    const char *lang = config_get(app_config(a), "lang");
    if (strcmp(i18n_lang(app_i18n(a)), lang) != 0)
        i18n_set_lang(app_i18n(a), lang);
    screens_forget_scan(a);
    screens_go_home(a);
    app_frame(a, NULL);
}

/* The idle timeout now: longer while a form holds typed text (slow typists). */
static int64_t idle_limit_ms(struct app *a)
{
    const struct input *in = app_input_state(a);
    int64_t t = in->idle.timeout_ms;
    if (in->idle.form_timeout_ms > t && ui_fields_filled(app_ui(a)) > 0)
        t = in->idle.form_timeout_ms;
    return t;
}

/* How long the warning counts down before the reset: none on the home screen (nothing to
 * lose there), at most half the timeout. */
static int64_t warning_ms(struct app *a, int64_t limit)
{
    const struct input *in = app_input_state(a);
    if (screens_current(a) == SCREEN_HOME)
        return 0;
    return in->idle.warning_ms < limit / 2 ? in->idle.warning_ms : limit / 2;
}

/* Kiosk time (mono ms) when the idle logic next has something to do: the warning, each of
 * its seconds, the reset. -1: nothing (reset done, waiting for input). */
static int64_t idle_due(struct app *a)
{
    struct input *in = app_input_state(a);
    if (in->idle_done)
        return -1;
    int64_t limit = idle_limit_ms(a), reset_at = in->last_input_ms + limit;
    int64_t warn_at = reset_at - warning_ms(a, limit);
    if (in->mono_ms < warn_at)
        return warn_at;
    int64_t left = reset_at - in->mono_ms;
    return left <= 0 ? in->mono_ms : reset_at - ((left - 1) / 1000) * 1000;
}

int input_idle_warning_s(const struct app *a, int *total_s)
{
    const struct input *in = app_input_state(a);
    if (total_s)
        *total_s = in->warned_of;
    return in->warned ? in->warned_s : 0;
}

static void idle_timer(struct app *a)
{
    struct input *in = app_input_state(a);
    if (in->idle_done)
        return;
    int64_t limit = idle_limit_ms(a), left = in->last_input_ms + limit - in->mono_ms;
    if (left <= 0) {
        in->idle_done = 1;
        in->warned = 0;
        kiosk_log(KIOSK_LOG_DEBUG, "idle for %lld s: back home", (long long)(limit / 1000));
        idle_reset(a);
        return;
    }
    int64_t warn = warning_ms(a, limit);
    if (left > warn) { /* not yet, or no more (home now, a form made it longer) */
        if (in->warned) {
            in->warned = 0;
            app_frame(a, NULL);
        }
        return;
    }
    int secs = (int)((left + 999) / 1000);
    if (!in->warned || secs != in->warned_s) {
        in->warned = 1;
        in->warned_s = secs;
        in->warned_of = (int)((warn + 999) / 1000);
        app_frame(a, NULL); /* the warning, or its next second */
    }
}

void input_timers(struct app *a)
{
    struct input *in = app_input_state(a);
    if (scanburst_wait_ms(&in->burst, in->mono_ms) == 0)
        flush_burst(a, 0);
    idle_timer(a);
}

static int min_timeout(int t, int64_t d)
{
    if (d < 0)
        d = 0;
    if (d > 24 * 3600 * 1000)
        d = 24 * 3600 * 1000;
    return t < 0 || d < t ? (int)d : t;
}

int input_next_timer_ms(const struct app *a)
{
    const struct input *in = app_input_state(a);
    int t = -1;
    int burst = scanburst_wait_ms(&in->burst, in->mono_ms);
    if (burst >= 0)
        t = min_timeout(t, burst);
    int64_t idle = idle_due((struct app *)a);
    if (idle >= 0)
        t = min_timeout(t, idle - in->mono_ms);
    if (ui_needs_redraw(app_ui(a)))
        t = min_timeout(t, ANIMATE_MS);
    int cam = host_camera_next_ms(a);
    if (cam >= 0)
        t = min_timeout(t, cam);
    int bars = admin_progress_next_ms((struct app *)a); /* an export's or the sync's count */
    if (bars >= 0)
        t = min_timeout(t, bars);
    int hook = host_notify_max_sleep_ms();
    if (hook >= 0)
        t = min_timeout(t, hook);
    return t;
}

void input_pass_ms(struct app *a, int64_t ms)
{
    struct input *in = app_input_state(a);
    while (ms > 0) {
        int64_t step = ms;
        int burst = scanburst_wait_ms(&in->burst, in->mono_ms);
        if (burst >= 0 && burst < step)
            step = burst;
        int64_t idle = idle_due(a);
        if (idle >= 0 && idle - in->mono_ms < step)
            step = idle - in->mono_ms;
        if (step < 1)
            step = 1;
        input_advance_ms(a, step);
        ms -= step;
        input_timers(a);
    }
}
