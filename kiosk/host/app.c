/* The runtime's life: open, the event loop, time and input routing, and the accessors
 * of host_ctx.h. Screens are drawn by screens.c; the API table is api.c's. */
#include "host/app.h"

#include "host/api.h"
#include "host/notify.h"
#include "sdl/backend.h"
#include "store/domain.h"
#include "text/composer.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define SETTLE_FRAMES_MAX 6 /* frames run for one event until the screen stops changing */
#define ANIMATE_MS 100 /* a widget that wants more frames (a held press) gets them this often */

kiosk_ctx app_ctx(struct app *a, struct plugin_slot *p)
{
    kiosk_ctx c = {a, p};
    return c;
}

/* ---- settings and strings ---- */

struct config *app_load_config(const struct app_opts *o)
{
    struct config *c = config_new();
    if (!c)
        return NULL;
    char path[4096];
    if (o->config_path) {
        kiosk_status st = config_load_file(c, o->config_path);
        if (st != KIOSK_OK)
            config_note(c, "cannot read settings '%s' (%s); using the defaults", o->config_path,
                        kiosk_status_name(st));
    } else {
        kiosk_default_config_path(path, sizeof path);
        if (config_load_file(c, path) == KIOSK_E_NOT_FOUND)
            config_load_file(c, "/etc/kiosk/kiosk.ini");
    }
    if (o->lang)
        config_set(c, "lang", o->lang, "--lang");
    return c;
}

static void load_config(struct app *a, const struct app_opts *o)
{
    a->cfg = app_load_config(o);
    if (!a->cfg)
        return;
    const char *lvl = config_get(a->cfg, "log_level");
    static const char *levels[] = {"debug", "info", "warning", "error"};
    for (int i = 0; i < 4; i++)
        if (strcmp(lvl, levels[i]) == 0)
            kiosk_log_set_level(i);
}

static const char *tr_for_ui(void *user, const char *key)
{
    struct app *a = user;
    return i18n_tr(a->i18n, key);
}

static int input_method(const char *name)
{
    if (strcmp(name, "vni") == 0)
        return VN_IM_VNI;
    if (strcmp(name, "off") == 0)
        return VN_IM_OFF;
    return VN_IM_TELEX;
}

/* ---- opening ---- */

static int open_store(struct app *a, const struct app_opts *o)
{
    if (o->db_path && *o->db_path) {
        kiosk_strlcpy(a->db_path, o->db_path, sizeof a->db_path);
    } else if (*config_get(a->cfg, "db")) {
        kiosk_strlcpy(a->db_path, config_get(a->cfg, "db"), sizeof a->db_path);
    } else {
        kiosk_default_db_path(a->db_path, sizeof a->db_path);
        char dir[4096];
        kiosk_strlcpy(dir, a->db_path, sizeof dir);
        char *slash = strrchr(dir, '/');
        if (slash && slash != dir) {
            *slash = '\0';
            kiosk_mkdirs(dir, 0700); /* the default lives under the user's own XDG dir */
        }
    }
    char err[1024] = "";
    kiosk_status st = store_open(a->db_path, &a->store, err, sizeof err);
    if (st != KIOSK_OK) {
        fprintf(stderr, "kiosk: %s\n",
                err[0] ? err : kiosk_status_name(st)); /* store_open names the file */
        if (!err[0])
            fprintf(stderr, "kiosk: cannot open the database '%s'\n", a->db_path);
        return 1;
    }
    if (crash_guard_start(&a->guard, a->db_path) == KIOSK_OK)
        a->guard_on = 1;
    if (!o->demo)
        return 0;
    struct kiosk_event *events = NULL;
    size_t count = 0;
    if (store_events_list(a->store, 0, &events, &count) == KIOSK_OK && count > 0) {
        free(events);
        kiosk_log(KIOSK_LOG_INFO, "'%s' already holds a program; --demo leaves it as it is",
                  a->db_path);
        return 0;
    }
    free(events);
    st = store_demo_fill(a->store, kiosk_clock_now_ms());
    if (st != KIOSK_OK) {
        fprintf(stderr, "kiosk: cannot fill '%s' with the demo program: %s\n", a->db_path,
                kiosk_status_name(st));
        return 1;
    }
    return 0;
}

static int open_window(struct app *a, const struct app_opts *o)
{
    char regular[4200], bold[4200], err[512] = "";
    kiosk_data_path("fonts/NotoSans-Regular.ttf", regular, sizeof regular);
    kiosk_data_path("fonts/NotoSans-Bold.ttf", bold, sizeof bold);
    struct sdl_backend_opts bo = {0};
    bo.width = o->width;
    bo.height = o->height;
    const char *win = config_get(a->cfg, "window");
    if (!bo.width && win && *win)
        sscanf(win, "%dx%d", &bo.width, &bo.height);
    bo.fullscreen = bo.width == 0;
    bo.font_regular = regular;
    bo.font_bold = bold;
    kiosk_status st = sdl_backend_open(&bo, &a->sdl, err, sizeof err);
    if (st != KIOSK_OK) {
        fprintf(stderr, "kiosk: cannot open the screen: %s\n",
                err[0] ? err : kiosk_status_name(st));
        return 1;
    }
    sdl_backend_size(a->sdl, &a->width, &a->height);
    a->ui = ui_new(sdl_backend_metrics(a->sdl));
    if (!a->ui) {
        fprintf(stderr, "kiosk: out of memory\n");
        return 1;
    }
    ui_set_translator(a->ui, tr_for_ui, a);
    ui_set_input_method(a->ui, input_method(config_get(a->cfg, "input_method")),
                        strcmp(config_get(a->cfg, "tone_style"), "modern") == 0
                            ? VN_TONE_MODERN
                            : VN_TONE_TRADITIONAL);
    return 0;
}

static void open_plugins(struct app *a, const struct app_opts *o)
{
    const char *dir = o->plugin_dir;
    if (!dir || !*dir)
        dir = *config_get(a->cfg, "plugin_dir") ? config_get(a->cfg, "plugin_dir")
                                                : kiosk_default_plugin_dir();
    loader_scan(dir, host_api(), &a->plugins);
    for (size_t i = 0; a->guard_on && i < a->plugins.count;) {
        const char *id = a->plugins.slots[i].desc.id;
        if (!crash_guard_disabled(&a->guard, id)) {
            i++;
            continue;
        }
        kiosk_log(KIOSK_LOG_ERROR,
                  "plugin '%s' not started: it was on screen in %d crashes in a row; the "
                  "coordinator can enable it again on the admin screen",
                  id, CRASH_GUARD_LIMIT);
        loader_remove(&a->plugins, i);
    }
    loader_order(&a->plugins, config_get(a->cfg, "plugin_order"));
    for (size_t i = 0; i < a->plugins.count; i++) {
        struct plugin_slot *p = &a->plugins.slots[i];
        kiosk_ctx ctx = app_ctx(a, p);
        p->state = p->desc.create(&ctx);
        p->created = 1;
    }
    kiosk_log(KIOSK_LOG_INFO, "%zu plugin(s) loaded from '%s'", a->plugins.count, dir);
}

int app_open(const struct app_opts *o, struct app **out)
{
    struct app *a = calloc(1, sizeof *a);
    if (!a) {
        fprintf(stderr, "kiosk: out of memory\n");
        return 1;
    }
    load_config(a, o);
    char strings[4200];
    kiosk_data_path("assets/strings", strings, sizeof strings);
    if (!a->cfg || i18n_open(strings, config_get(a->cfg, "lang"), &a->i18n) != KIOSK_OK) {
        fprintf(stderr, "kiosk: out of memory\n");
        app_close(a);
        return 1;
    }
    if (open_store(a, o) || open_window(a, o)) {
        app_close(a);
        return 1;
    }
    a->virtual_time = o->script_path != NULL;
    if (a->virtual_time)
        kiosk_clock_freeze(1); /* a script's run is the same every time */
    app_time_update(a);
    a->last_input_ms = a->mono_ms;
    a->idle_timeout_ms = config_get_int(a->cfg, "idle_timeout_s") * 1000;
    open_plugins(a, o);
    *out = a;
    return 0;
}

void app_close(struct app *a)
{
    if (!a)
        return;
    for (size_t i = 0; i < a->plugins.count; i++) {
        struct plugin_slot *p = &a->plugins.slots[i];
        if (p->created)
            p->desc.destroy(p->state);
        p->created = 0;
    }
    loader_unload(&a->plugins);
    if (a->guard_on && a->clean_exit)
        crash_guard_clean_exit(&a->guard);
    if (a->ui)
        ui_free(a->ui);
    if (a->sdl)
        sdl_backend_close(a->sdl);
    if (a->keys)
        receipt_keys_close(a->keys);
    if (a->store)
        store_close(a->store);
    i18n_free(a->i18n);
    config_free(a->cfg);
    free(a);
}

void app_request_quit(struct app *a)
{
    a->quit = 1;
}

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

/* ---- frames ---- */

int app_frame(struct app *a, const struct ui_event *ev)
{
    int dirty = 0;
    const struct ui_event *e = ev;
    for (int i = 0; i < SETTLE_FRAMES_MAX; i++) {
        a->relayout = 0;
        sdl_backend_size(a->sdl, &a->width, &a->height);
        ui_begin(a->ui, a->width, a->height, a->mono_ms, e);
        screens_frame(a);
        a->last_dl = ui_end(a->ui);
        int changed = ui_needs_redraw(a->ui);
        dirty |= changed;
        e = NULL;
        int again = a->relayout;
        if (a->pending_home) {
            a->pending_home = 0;
            screens_go_home(a);
            again = 1;
        }
        if (a->pending_enter) {
            size_t idx = a->pending_enter - 1;
            a->pending_enter = 0;
            if (idx < a->plugins.count) {
                struct plugin_slot *p = &a->plugins.slots[idx];
                screens_show_plugin(a, idx);
                if (p->desc.enter) {
                    kiosk_ctx ctx = app_ctx(a, p);
                    p->desc.enter(p->state, &ctx);
                }
            }
            again = 1;
        }
        if (!again && !changed)
            break;
        dirty = 1;
    }
    if (!dirty && a->frames_presented > 0)
        return 0;
    app_repaint(a);
    return 1;
}

void app_repaint(struct app *a)
{
    if (!a->last_dl)
        return;
    sdl_backend_paint(a->sdl, a->last_dl);
    if (a->frames_presented++ == 0)
        host_notify_ready();
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
        screens_scan(a, out);
        app_frame(a, NULL);
    }
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
    if (ev->kind == UI_EV_PRESS && a->scan_unknown) {
        a->scan_unknown = 0;
    }
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
    a->scan_unknown = 0;
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
    int hook = host_notify_max_sleep_ms();
    if (hook >= 0)
        t = min_timeout(t, hook);
    return t;
}

/* ---- the loop ---- */

int app_run(struct app *a)
{
    const char *exit_after = getenv("KIOSK_EXIT_AFTER_FIRST_FRAME");
    app_time_update(a);
    app_frame(a, NULL);
    if (exit_after && exit_after[0] == '1')
        return 0;
    host_keys(&(kiosk_ctx){a, NULL}); /* after the first frame: startup shows the screen first */
    while (!a->quit) {
        struct sdl_input in = {0};
        sdl_backend_wait(a->sdl, app_next_timer_ms(a), &in);
        app_time_update(a);
        host_notify_watchdog();
        switch (in.kind) {
        case SDL_IN_UI:
            app_input(a, &in.ev);
            break;
        case SDL_IN_EXPOSE:
            if (!app_frame(a, NULL)) /* a new size needs a new layout */
                app_repaint(a);      /* else the same picture, painted again */
            break;
        case SDL_IN_QUIT: /* SIGTERM (systemd stop), SIGINT: a clean exit, not a crash */
            kiosk_log(KIOSK_LOG_INFO, "asked to stop: exiting");
            a->quit = 1;
            break;
        case SDL_IN_CLOSE:
            kiosk_log(KIOSK_LOG_INFO, "window close ignored: the kiosk is left from its admin "
                                      "screen");
            break;
        default: /* timeouts; swallowed shortcuts */
            break;
        }
        app_timers(a);
        if (ui_needs_redraw(a->ui))
            app_frame(a, NULL);
    }
    host_notify_stopping();
    return 0;
}

/* ---- host_ctx.h ---- */

store *host_store(kiosk_ctx *ctx)
{
    return ctx->app->store;
}

struct receipt_keys *host_keys(kiosk_ctx *ctx)
{
    struct app *a = ctx->app;
    if (!a->keys && !a->keys_failed) {
        char err[512] = "";
        kiosk_status st = receipt_keys_open(a->store, &a->keys, err, sizeof err);
        if (st != KIOSK_OK) {
            a->keys_failed = 1;
            kiosk_log(KIOSK_LOG_ERROR, "receipts cannot be signed: %s",
                      err[0] ? err : kiosk_status_name(st));
        }
    }
    return a->keys;
}

ui_ctx *host_ui(kiosk_ctx *ctx)
{
    return ctx->app->ui;
}

const char *host_setting(kiosk_ctx *ctx, const char *key)
{
    struct app *a = ctx->app;
    if (!key)
        return NULL;
    const char *v = config_get_set(a->cfg, key);
    if (v)
        return v;
    char *buf = a->setting_ring[a->setting_next++ % KIOSK_ARRAY_LEN(a->setting_ring)];
    if (a->store && store_setting_get(a->store, key, buf, sizeof a->setting_ring[0]) == KIOSK_OK)
        return buf;
    v = config_get(a->cfg, key);
    return v && *v ? v : NULL;
}

const char *host_tr(kiosk_ctx *ctx, const char *key)
{
    const struct kiosk_string *table = ctx->plugin ? ctx->plugin->desc.strings : NULL;
    return i18n_tr_table(ctx->app->i18n, table, key);
}

void host_storage_status(kiosk_ctx *ctx, kiosk_status st)
{
    struct app *a = ctx->app;
    kiosk_status before = a->storage;
    if (st == KIOSK_E_FULL || st == KIOSK_E_READONLY)
        a->storage = st;
    else if (st == KIOSK_OK)
        a->storage = KIOSK_OK;
    if (before != a->storage) {
        kiosk_log(a->storage ? KIOSK_LOG_ERROR : KIOSK_LOG_INFO, "storage: %s",
                  kiosk_status_name(a->storage));
        a->relayout = 1;
    }
}

kiosk_status host_text_raster(kiosk_ctx *ctx, const char *text, int font_px, int max_width_px,
                              uint8_t **out, int *width, int *height)
{
    return sdl_backend_text_raster(ctx->app->sdl, text, font_px, max_width_px, out, width, height);
}
