/* The runtime's life: open what a kiosk needs, run frames, the event loop, close.
 * Input and time are input.c's, the host_ctx.h accessors host_ctx.c's, the screens
 * screens.c's, the API table api.c's. */
#include "host/app.h"
#include "host/host_ctx.h"
#include "host/screens.h"
#include "host/crash_guard.h"
#include "host/camera_host.h"
#include "host/admin.h"

#include "host/api.h"
#include "host/input.h"
#include "host/notify.h"
#include "host/people_read.h"
#include "host/plugin_start.h"
#include "host/export_job.h"
#include "host/fair_count.h"
#include "host/sync_worker.h"
#include "host/today_counts.h"
#include "host/voice_host.h"
#include "program/program.h"
#include "store/domain.h"
#include "test_hooks.h"
#include "text/composer.h"
#include "trust/trust.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SETTLE_FRAMES_MAX 6 /* frames run for one event until the screen stops changing */

/* The runtime's state: here only (app.h's accessors give the modules what they need). */
struct app {
    struct config *cfg;
    struct i18n *i18n;
    store *store;
    const struct backend_ops *be; /* the backend's table and its open instance */
    struct backend *backend;
    ui_ctx *ui;
    struct plugin_set plugins;
    char db_path[4096];
    int width, height; /* the screen's, at the last frame */
    int quit;
    int clean_exit; /* the run ended as it should (not a crash): the guard's counts restart */
    struct crash_guard guard; /* which plugin was on screen if the kiosk dies */
    int guard_on;
    int frames_presented;
    const struct ui_drawlist *last_dl;

    /* the modules' own state */
    struct screens *screens;        /* which screen is shown (screens.c) */
    struct admin *admin;            /* the coordinator's PIN pad and admin screen (admin.c) */
    struct input *input;            /* kiosk time, scan bursts, the idle timeout (input.c) */
    struct host_services *services; /* receipt keys, storage status (host_ctx.c) */
    struct host_camera camera;      /* a camera as a second scanner (camera = none: cam NULL) */
    struct host_voice *voice;       /* speech (voice = on); NULL: off (voice_host.c) */
};

kiosk_ctx app_ctx(struct app *a, struct plugin_slot *p)
{
    kiosk_ctx c = {a, p};
    return c;
}

/* ---- what the host's modules reach ---- */

int app_quitting(const struct app *a)
{
    return a->quit;
}

void app_clean_exit(struct app *a)
{
    a->clean_exit = 1;
}

ui_ctx *app_ui(const struct app *a)
{
    return a->ui;
}

store *app_store(const struct app *a)
{
    return a->store;
}

struct i18n *app_i18n(const struct app *a)
{
    return a->i18n;
}

struct config *app_config(const struct app *a)
{
    return a->cfg;
}

const char *app_db_path(const struct app *a)
{
    return a->db_path;
}

int app_width(const struct app *a)
{
    return a->width;
}

int app_height(const struct app *a)
{
    return a->height;
}

struct backend *app_backend(const struct app *a, const struct backend_ops **ops)
{
    *ops = a->be;
    return a->backend;
}

struct plugin_set *app_plugins(const struct app *a)
{
    return (struct plugin_set *)&a->plugins;
}

struct crash_guard *app_guard(const struct app *a)
{
    return a->guard_on ? (struct crash_guard *)&a->guard : NULL;
}

struct screens *app_screens(const struct app *a)
{
    return a->screens;
}

struct admin *app_admin(const struct app *a)
{
    return a->admin;
}

struct input *app_input_state(const struct app *a)
{
    return a->input;
}

struct host_services *app_services(const struct app *a)
{
    return a->services;
}

struct host_voice *app_voice(const struct app *a)
{
    return a->voice;
}

struct host_camera *app_camera(const struct app *a)
{
    return (struct host_camera *)&a->camera;
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
    char screen[4200]; /* what the coordinator saved on the admin screen wins (sync, export) */
    config_screen_path(a->db_path, screen, sizeof screen);
    config_load_screen(a->cfg, screen);
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
    st = program_demo_fill(a->store, kiosk_clock_now_ms());
    if (st != KIOSK_OK) {
        fprintf(stderr, "kiosk: cannot fill '%s' with the demo program: %s\n", a->db_path,
                kiosk_status_name(st));
        return 1;
    }
    /* The demo enrols itself into the demo program: two demo kiosks sync into one. */
    if (trust_enrol_demo(a->store, err, sizeof err) != KIOSK_OK) {
        fprintf(stderr, "kiosk: %s\n", err);
        return 1;
    }
    return 0;
}

static int open_window(struct app *a, const struct app_opts *o)
{
    char regular[4200], bold[4200], err[512] = "";
    kiosk_data_path("fonts/NotoSans-Regular.ttf", regular, sizeof regular);
    kiosk_data_path("fonts/NotoSans-Bold.ttf", bold, sizeof bold);
    struct backend_opts bo = {0};
    bo.width = o->width;
    bo.height = o->height;
    const char *win = config_get(a->cfg, "window");
    if (!bo.width && win && *win)
        sscanf(win, "%dx%d", &bo.width, &bo.height);
    bo.fullscreen = bo.width == 0;
    bo.font_regular = regular;
    bo.font_bold = bold;
    a->be = o->backend;
    kiosk_status st = a->be ? a->be->open(&bo, &a->backend, err, sizeof err) : KIOSK_E_INVALID;
    if (st != KIOSK_OK) {
        fprintf(stderr, "kiosk: cannot open the screen: %s\n",
                err[0] ? err : kiosk_status_name(st));
        return 1;
    }
    a->be->size(a->backend, &a->width, &a->height);
    a->ui = ui_new(a->be->metrics(a->backend));
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
    for (size_t i = 0; i < a->plugins.count;) {
        kiosk_ctx ctx = app_ctx(a, &a->plugins.slots[i]);
        if (host_plugin_start(&ctx, &a->plugins.slots[i]) == KIOSK_OK)
            i++;
        else
            loader_remove(&a->plugins, i); /* logged by host_plugin_start */
    }
    kiosk_log(KIOSK_LOG_INFO, "%zu plugin(s) loaded from '%s'", a->plugins.count, dir);
}

/* The runtime with its modules' state; NULL when out of memory. */
static struct app *app_new(void)
{
    struct app *a = calloc(1, sizeof *a);
    if (!a)
        return NULL;
    a->screens = screens_new();
    a->admin = admin_new();
    a->services = host_services_new();
    if (a->screens && a->admin && a->services)
        return a;
    app_close(a);
    return NULL;
}

int app_open(const struct app_opts *o, struct app **out)
{
    struct app *a = app_new();
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
    int virtual_time = o->virtual_time || o->script_path != NULL;
    struct input_idle idle = {config_get_int(a->cfg, "idle_timeout_s") * 1000,
                              config_get_int(a->cfg, "idle_form_timeout_s") * 1000,
                              config_get_int(a->cfg, "idle_warning_s") * 1000};
    a->input = input_new(virtual_time, &idle);
    if (!a->input) {
        fprintf(stderr, "kiosk: out of memory\n");
        app_close(a);
        return 1;
    }
    if (virtual_time)
        kiosk_clock_freeze(1); /* a script's run is the same every time */
    open_plugins(a, o);
    const char *sync_target = config_get(a->cfg, "sync");
    if (sync_target && *sync_target) /* its own connection: never blocks a frame */
        sync_worker_start(a->db_path, sync_target, (int)config_get_int(a->cfg, "sync_interval_s"));
    host_camera_open(a);           /* its own thread: a missing camera never holds the screen up */
    a->voice = host_voice_open(a); /* its own thread too: speech never delays a frame */
    *out = a;
    return 0;
}

void app_close(struct app *a)
{
    if (!a)
        return;
    sync_worker_stop();
    export_job_stop();
    today_counts_stop();
    admin_checks_stop();
    fair_count_stop();
    people_read_stop();
    host_camera_close(a);
    host_voice_close(a->voice); /* before the backend: its audio is the voice's */
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
    if (a->backend)
        a->be->close(a->backend);
    host_services_free(a->services); /* closes the receipt keys */
    if (a->store)
        store_close(a->store);
    i18n_free(a->i18n);
    config_free(a->cfg);
    screens_free(a->screens);
    admin_free(a->admin);
    input_free(a->input);
    free(a);
}

void app_request_quit(struct app *a)
{
    a->quit = 1;
}

/* ---- frames ---- */

int app_frame(struct app *a, const struct ui_event *ev)
{
    int dirty = 0;
    const struct ui_event *e = ev;
    for (int i = 0; i < SETTLE_FRAMES_MAX; i++) {
        a->be->size(a->backend, &a->width, &a->height);
        ui_begin(a->ui, a->width, a->height, input_now_ms(a), e);
        a->camera.drawing = 0;
        host_voice_frame_begin(a);
        screens_frame(a);
        a->camera.shown = a->camera.drawing;
        a->last_dl = ui_end(a->ui);
        int changed = ui_needs_redraw(a->ui);
        dirty |= changed;
        e = NULL;
        if (!screens_settle(a) && !changed)
            break;
        dirty = 1;
    }
    host_voice_frame_end(a); /* hands over what to say: never waits */
    if (!dirty && a->frames_presented > 0)
        return 0;
    app_repaint(a);
    return 1;
}

void app_repaint(struct app *a)
{
    if (!a->last_dl)
        return;
    a->be->paint(a->backend, a->last_dl);
    if (a->frames_presented++ == 0)
        host_notify_ready();
}

/* ---- the loop ---- */

void app_dispatch(struct app *a, const struct backend_input *in)
{
    switch (in->kind) {
    case BACKEND_IN_UI:
        input_event(a, &in->ev);
        break;
    case BACKEND_IN_EXPOSE:
        if (!app_frame(a, NULL)) /* a new size needs a new layout */
            app_repaint(a);      /* else the same picture, painted again */
        break;
    case BACKEND_IN_QUIT: /* SIGTERM (systemd stop), SIGINT: a clean exit, not a crash */
        kiosk_log(KIOSK_LOG_INFO, "asked to stop: exiting");
        a->quit = 1;
        break;
    case BACKEND_IN_CLOSE:
        kiosk_log(KIOSK_LOG_INFO, "window close ignored: the kiosk is left from its admin "
                                  "screen");
        break;
    default: /* timeouts; swallowed shortcuts */
        break;
    }
}

int app_poll_threads(struct app *a)
{
    int news = host_receipt_print_poll(); /* the printer answered (or gave up) */
    news |= admin_export_poll(a);         /* an export's count moved, or it ended */
    news |= admin_sync_poll(a);           /* the sync's count moved, or it ended */
    news |= today_counts_poll();          /* the admin screen's counts came */
    news |= admin_checks_poll(a);         /* the PIN compared, a sync target checked */
    news |= fair_count_poll();            /* the fair's staff view's counts came */
    news |= people_read_poll();           /* the admin people tab's read came */
    return news;
}

int app_run(struct app *a)
{
    input_time_update(a);
    app_frame(a, NULL);
    if (kiosk_test_hooks()->exit_after_first_frame)
        return 0;
    host_keys(&(kiosk_ctx){a, NULL}); /* after the first frame: startup shows the screen first */
    while (!a->quit) {
        struct backend_input in = {0};
        a->be->wait(a->backend, input_next_timer_ms(a), &in);
        input_time_update(a);
        host_notify_watchdog();
        app_dispatch(a, &in);
        host_camera_poll(a); /* codes read and the live picture: never waits */
        if (app_poll_threads(a))
            app_frame(a, NULL);
        input_timers(a);
        if (ui_needs_redraw(a->ui))
            app_frame(a, NULL);
    }
    host_notify_stopping();
    return 0;
}
