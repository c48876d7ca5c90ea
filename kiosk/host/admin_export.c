/* Exports from the admin screen: each runs as an export job (export_job.h) on a thread of
 * its own; the screen shows a bar with a count while it runs, stays touchable, and says how
 * it ended as the admin message. */
#include "host/admin_state.h"

#include "export/export.h"
#include "host/app.h"
#include "host/export_job.h"
#include "host/host_ctx.h"
#include "host/screens.h"

#include <stdio.h>
#include <string.h>

#define PROGRESS_REFRESH_MS 200 /* the bar moves five times a second while a job runs */

static struct {
    long shown_done; /* the count drawn last: the loop draws again when it moved */
    char file[256];  /* the file's name (not its folder) for the caption */
} bar;

static void say1(struct app *a, int kind, const char *key, const char *path)
{
    struct admin *ad = app_admin(a);
    screens_template(admin_tr(a, key), (const char *const[]){"path"}, (const char *const[]){path},
                     1, ad->message, sizeof ad->message);
    ad->message_kind = kind;
}

int admin_export_start(struct app *a, const char *dir, int what, const char *code, int format)
{
    char path[4400] = "";
    kiosk_status st =
        export_job_start(app_db_path(a), i18n_lang(app_i18n(a)), (enum export_job_what)what, code,
                         format, dir, host_wake_loop, a, path, sizeof path);
    if (st == KIOSK_E_EXISTS) {
        struct admin *ad = app_admin(a);
        kiosk_strlcpy(ad->message, admin_tr(a, "admin.export.busy"), sizeof ad->message);
        ad->message_kind = KIOSK_MSG_INFO;
    } else if (st != KIOSK_OK) {
        say1(a, KIOSK_MSG_ERROR, "admin.export.failed", path);
    } else {
        const char *slash = strrchr(path, '/');
        kiosk_strlcpy(bar.file, slash ? slash + 1 : path, sizeof bar.file);
        bar.shown_done = -1;
        app_admin(a)->message[0] = '\0';
    }
    return st;
}

int admin_export_progress(struct app *a)
{
    long done, total;
    if (!export_job_progress(&done, &total))
        return 0;
    char d[24], t[24], caption[512];
    snprintf(d, sizeof d, "%ld", done);
    snprintf(t, sizeof t, "%ld", total);
    static const char *const names[] = {"file", "done", "total"};
    const char *values[] = {bar.file, d, t};
    screens_template(admin_tr(a, total > 0 ? "admin.export.running" : "admin.export.running_count"),
                     names, values, 3, caption, sizeof caption);
    ui_progress(app_ui(a), caption, done, total);
    bar.shown_done = done;
    return 1;
}

int admin_export_poll(struct app *a)
{
    struct export_job_outcome o;
    if (export_job_take(&o)) {
        if (o.st == KIOSK_OK)
            say1(a, KIOSK_MSG_OK, "admin.export.done", o.path);
        else
            say1(a, KIOSK_MSG_ERROR,
                 o.st == KIOSK_E_FULL ? "admin.export.full" : "admin.export.failed", o.path);
        return 1;
    }
    long done, total;
    return export_job_progress(&done, &total) && done != bar.shown_done;
}

int admin_export_next_ms(void)
{
    long done, total;
    return export_job_progress(&done, &total) ? PROGRESS_REFRESH_MS : -1;
}
