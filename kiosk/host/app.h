/* The kiosk runtime: opens what a kiosk needs (settings, strings, store, keys, window,
 * plugins), runs the screens and the event loop. It never quits on a visitor's key:
 * only app_request_quit (the coordinator's admin screen) ends the loop. */
#ifndef KIOSK_HOST_APP_H
#define KIOSK_HOST_APP_H

#include "config.h"
#include "host/admin.h"
#include "host/camera_host.h"
#include "host/backend.h"
#include "host/crash_guard.h"
#include "host/host_ctx.h"
#include "host/loader.h"
#include "host/screens.h"
#include "i18n.h"
#include "text/scanburst.h"

/* What main.c found on the command line (NULL / 0: not given). */
struct app_opts {
    const char *db_path;
    const char *config_path;
    const char *plugin_dir;
    const char *lang;
    int width, height; /* --window WxH */
    int demo;
    const char *script_path;
    int virtual_time; /* kiosk time moves only by hand (tests, benchmarks; implied by a script) */
    const struct backend_ops *backend; /* the screen and input: the executable's choice */
};

struct app {
    struct config *cfg;
    struct i18n *i18n;
    store *store;
    struct receipt_keys *keys;
    int keys_failed;              /* receipt_keys_open failed once: not tried again */
    const struct backend_ops *be; /* the backend's table and its open instance */
    struct backend *backend;
    ui_ctx *ui;
    struct plugin_set plugins;
    char db_path[4096];

    struct screens *screens; /* which screen is shown (screens.c) */
    int width, height;
    int quit;
    int clean_exit; /* the run ended as it should (not a crash): the guard's counts restart */
    struct crash_guard guard; /* which plugin was on screen if the kiosk dies */
    struct admin *admin;      /* the coordinator's PIN pad and admin screen (admin.c) */
    int guard_on;

    struct input *input;       /* kiosk time, scan bursts, the idle timeout (input.c) */
    struct host_camera camera; /* a camera as a second scanner (camera = none: cam NULL) */

    kiosk_status storage; /* last storage status reported (FULL / READONLY show a banner) */
    int frames_presented;
    const struct ui_drawlist *last_dl;
    char setting_ring[8][512]; /* settings read from the database live until the next frame */
    unsigned setting_next;
};

/* The settings: --config's file, else $XDG_CONFIG_HOME/kiosk/kiosk.ini, else
 * /etc/kiosk/kiosk.ini; then the command line's overrides. NULL only when out of memory. */
struct config *app_load_config(const struct app_opts *opts);
/* Opens everything; on failure prints one message for people on stderr and returns the
 * process exit code (1), *out untouched. 0 on success. */
int app_open(const struct app_opts *opts, struct app **out);
void app_close(struct app *a);
/* The event loop until app_request_quit. Returns the exit code. */
int app_run(struct app *a);
void app_request_quit(struct app *a);

/* Pieces the loop and the script player share (time and input events: input.h). */
/* What the loop does with one input from the backend (the script player sends shortcuts
 * and window closes through it too): closes and shortcuts change nothing. */
void app_dispatch(struct app *a, const struct backend_input *in);
/* Runs frames until the screen is settled, then paints when something changed.
 * Returns 1 when it painted. */
int app_frame(struct app *a, const struct ui_event *ev);
/* Paints the last frame again (window exposed). */
void app_repaint(struct app *a);
/* The kiosk_ctx for host screens (plugin NULL) or a plugin. */
kiosk_ctx app_ctx(struct app *a, struct plugin_slot *p);

#endif
