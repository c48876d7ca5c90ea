/* The kiosk runtime: opens what a kiosk needs (settings, strings, store, keys, window,
 * plugins), runs the screens and the event loop. It never quits on a visitor's key:
 * only app_request_quit (the coordinator's admin screen) ends the loop. */
#ifndef KIOSK_HOST_APP_H
#define KIOSK_HOST_APP_H

#include "config.h"
#include "host/backend.h"
#include "host/host_ctx.h"
#include "host/loader.h"
#include "i18n.h"

struct admin;
struct crash_guard;
struct host_camera;
struct input;
struct screens;

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

/* The runtime's state, defined in app.c only: the host's modules reach what they need
 * through the accessors below, their own state through their own headers. */
struct app;

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
/* What the threads of the host brought since the last turn (the printer's answer, an
 * export's count, the admin counts, the PIN compared, the staff view's counts): 1 when the
 * screen should be drawn again. Never waits. */
int app_poll_threads(struct app *a);
/* Paints the last frame again (window exposed). */
void app_repaint(struct app *a);
/* The kiosk_ctx for host screens (plugin NULL) or a plugin. */
kiosk_ctx app_ctx(struct app *a, struct plugin_slot *p);
/* 1 once app_request_quit was called. */
int app_quitting(const struct app *a);
/* The run ended as it should (not a crash): at app_close the crash guard's counts restart. */
void app_clean_exit(struct app *a);

/* What the host's modules reach (screens, admin, input, camera, script player). */
ui_ctx *app_ui(const struct app *a);
store *app_store(const struct app *a);
struct i18n *app_i18n(const struct app *a);
struct config *app_config(const struct app *a);
const char *app_db_path(const struct app *a);
int app_width(const struct app *a); /* the screen's size at the last frame */
int app_height(const struct app *a);
/* The backend the executable handed over (backend.h), and its table in *ops. */
struct backend *app_backend(const struct app *a, const struct backend_ops **ops);
struct plugin_set *app_plugins(const struct app *a);
/* The crash guard; NULL when it is off (it could not start). */
struct crash_guard *app_guard(const struct app *a);
/* The modules' own state, held by the runtime (screens.h, admin.h, input.h, host_ctx.h,
 * camera_host.h). */
struct screens *app_screens(const struct app *a);
struct admin *app_admin(const struct app *a);
struct input *app_input_state(const struct app *a);
struct host_services *app_services(const struct app *a);
struct host_camera *app_camera(const struct app *a);
struct host_voice *app_voice(const struct app *a); /* NULL: the voice is off */

#endif
