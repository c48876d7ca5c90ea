/* The admin screen's sync tab: what the background worker reports (sync_worker.h): the last
 * sync, what is waiting, the last error in the kiosk's language, and a button to sync now;
 * while a sync runs, a bar with its count of steps (drawn again as it moves). */
#include "host/admin_state.h"
#include "host/admin_usb.h"
#include "host/app.h"
#include "host/screens.h"
#include "host/sync_worker.h"

#include <stdio.h>

/* A string-table text with one {name} filled. */
static void show1(struct app *a, const char *key, const char *name, const char *value)
{
    char out[512];
    screens_template(admin_tr(a, key), (const char *const[]){name}, (const char *const[]){value}, 1,
                     out, sizeof out);
    ui_text(app_ui(a), out);
}

#define BAR_REFRESH_MS 200 /* the bar moves five times a second while a sync runs */

static struct {
    int running; /* what the sync tab drew last */
    long done;
} bar;

/* The running sync's bar with its count of steps (a table one way); empty until it knows. */
static void sync_bar(struct app *a, const struct sync_status *st)
{
    char d[24], t[24], caption[256];
    snprintf(d, sizeof d, "%ld", st->steps_done);
    snprintf(t, sizeof t, "%ld", st->steps_total);
    if (st->steps_total > 0)
        screens_template(admin_tr(a, "admin.sync.running_steps"),
                         (const char *const[]){"done", "total"}, (const char *const[]){d, t}, 2,
                         caption, sizeof caption);
    else
        kiosk_strlcpy(caption, admin_tr(a, "admin.sync.running"), sizeof caption);
    ui_progress(app_ui(a), caption, st->steps_done, st->steps_total);
}

static int sync_tab_shown(struct app *a)
{
    return screens_current(a) == SCREEN_ADMIN && app_admin(a)->tab == ADMIN_TAB_SYNC;
}

int admin_sync_poll(struct app *a)
{
    if (!sync_tab_shown(a))
        return 0;
    struct sync_status st;
    sync_worker_status(&st);
    return st.running != bar.running || (st.running && st.steps_done != bar.done);
}

int admin_progress_next_ms(struct app *a)
{
    struct sync_status st;
    if (sync_tab_shown(a)) {
        sync_worker_status(&st);
        if (st.running || bar.running)
            return BAR_REFRESH_MS;
    }
    return admin_export_next_ms();
}

void admin_sync_frame(struct app *a, const char *target)
{
    ui_ctx *ui = app_ui(a);
    struct sync_status st;
    sync_worker_status(&st);
    bar.running = st.running;
    bar.done = st.steps_done;
    (void)target; /* the worker's label of it never shows a password */
    if (!st.enabled) {
        ui_message(ui, KIOSK_MSG_INFO, admin_tr(a, "admin.sync.none"));
        return;
    }
    show1(a, "admin.sync.target", "target", st.target);
    char text[256];
    if (st.running) {
        sync_bar(a, &st);
    } else if (st.last_ok_ms) {
        struct tm tm;
        kiosk_local_tm(st.last_ok_ms, &tm);
        snprintf(text, sizeof text, "%02d/%02d %02d:%02d", tm.tm_mday, tm.tm_mon + 1, tm.tm_hour,
                 tm.tm_min);
        show1(a, "admin.sync.last_ok", "time", text);
        char sent[24], received[24];
        snprintf(sent, sizeof sent, "%ld", st.last_sent);
        snprintf(received, sizeof received, "%ld", st.last_received);
        screens_template(admin_tr(a, "sync.last_moved"), (const char *const[]){"sent", "received"},
                         (const char *const[]){sent, received}, 2, text, sizeof text);
        ui_text(ui, text);
    } else {
        ui_text(ui, admin_tr(a, "admin.sync.never"));
    }
    if (st.waiting >= 0) {
        snprintf(text, sizeof text, "%ld", st.waiting);
        show1(a, "admin.sync.waiting", "n", text);
    } else {
        ui_text(ui, admin_tr(a, "sync.waiting_unknown"));
    }
    if (st.held > 0) {
        snprintf(text, sizeof text, "%ld", st.held);
        show1(a, "sync.held", "count", text);
    }
    if (st.refused > 0) { /* rows not from this program's kiosks, or changed: set aside */
        snprintf(text, sizeof text, "%ld", st.refused);
        char out[512];
        screens_template(admin_tr(a, "sync.refused"), (const char *const[]){"count"},
                         (const char *const[]){text}, 1, out, sizeof out);
        ui_message(ui, KIOSK_MSG_ERROR, out);
    }
    if (st.last_error_key) {
        char out[512];
        screens_template(admin_tr(a, "admin.sync.last_error"), (const char *const[]){"error"},
                         (const char *const[]){admin_tr(a, st.last_error_key)}, 1, out, sizeof out);
        ui_message(ui, KIOSK_MSG_ERROR, out);
    }
    if (ui_button(ui, admin_tr(a, "admin.sync.now"), KIOSK_STYLE_PRIMARY))
        sync_worker_poke();
}
