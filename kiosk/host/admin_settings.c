/* Where the kiosk syncs and exports, set on the admin screen by a coordinator without a laptop
 * (docs/OPERATIONS.md): a folder (a USB stick or the disk) or a server (address, database,
 * user, password shown as dots and never shown back) for sync; a folder for exports. Each is
 * checked before it is saved (the server answers and takes the login within a few seconds;
 * a folder is there and a file can be made in it), then saved atomically in the file of
 * screen settings (config_screen_save) and used at once: the sync worker restarts with it.
 * A refusal says what to check, never a settings key or a file to edit. The sync target is
 * checked on a thread of its own ("Đang kiểm tra máy chủ…" meanwhile, the screen touchable). */
#include "host/admin_state.h"

#include "host/admin_usb.h"
#include "host/app.h"
#include "host/bg_task.h"
#include "host/host_ctx.h"
#include "host/screens.h"
#include "host/sync_worker.h"
#include "sync/sync.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#define CHECK_TIMEOUT_S 5
#define SYNC_FILE_NAME "dong-bo.db" /* the file made in the folder picked for sync */

static void say(struct app *a, int kind, const char *key, const char *name, const char *value)
{
    struct admin *ad = app_admin(a);
    screens_template(admin_tr(a, key), (const char *const[]){name}, (const char *const[]){value}, 1,
                     ad->message, sizeof ad->message);
    ad->message_kind = kind;
}

/* A refusal: under the form's field (the keyboard never hides it), not above the form. */
static void refuse(struct app *a, const char *key, const char *name, const char *value)
{
    struct admin_settings *f = &app_admin(a)->settings;
    screens_template(admin_tr(a, key), (const char *const[]){name}, (const char *const[]){value}, 1,
                     f->error, sizeof f->error);
}

static void close_form(struct app *a)
{
    sodium_memzero(&app_admin(a)->settings, sizeof app_admin(a)->settings);
    screens_relayout(a);
}

/* Saves key = value for good and uses it now; 0 (and the reason shown) when it cannot. */
static int apply(struct app *a, const char *key, const char *value)
{
    char path[4200];
    config_screen_path(app_db_path(a), path, sizeof path);
    kiosk_status st = config_screen_save(path, key, value);
    if (st != KIOSK_OK) {
        kiosk_log(KIOSK_LOG_ERROR, "cannot save the setting '%s' in '%s': %s", key, path,
                  kiosk_status_name(st));
        refuse(a, "admin.storage_error", "", "");
        return 0;
    }
    config_set(app_config(a), key, value, "the admin screen");
    kiosk_log(KIOSK_LOG_INFO, "the coordinator set '%s' on the admin screen", key);
    if (strcmp(key, "sync") == 0) {
        sync_worker_stop();
        if (*value)
            sync_worker_start(app_db_path(a), value,
                              (int)config_get_int(app_config(a), "sync_interval_s"));
    }
    return 1;
}

/* -- sync -- */

static void fill_sync(struct app *a, struct admin_settings *f)
{
    const char *target = host_setting(&(kiosk_ctx){a, NULL}, "sync");
    f->filled = 1;
    if (target && sync_target_is_pg(target)) {
        struct sync_server srv;
        sync_server_parts(target, &srv);
        f->mode = SETTINGS_SERVER;
        kiosk_strlcpy(f->host, srv.host, sizeof f->host);
        kiosk_strlcpy(f->dbname, srv.dbname, sizeof f->dbname);
        kiosk_strlcpy(f->user, srv.user, sizeof f->user);
        sodium_memzero(&srv, sizeof srv);
    } else if (target && *target) {
        kiosk_strlcpy(f->folder, target, sizeof f->folder);
        char *slash = strrchr(f->folder, '/');
        if (slash)
            *slash = '\0';
    }
}

/* The target the form names, or 0 with why shown. */
static int form_target(struct app *a, struct admin_settings *f, char *out, size_t cap)
{
    if (f->mode == SETTINGS_SERVER) {
        struct sync_server srv;
        kiosk_strlcpy(srv.host, f->host, sizeof srv.host);
        kiosk_strlcpy(srv.dbname, f->dbname, sizeof srv.dbname);
        kiosk_strlcpy(srv.user, f->user, sizeof srv.user);
        kiosk_strlcpy(srv.password, f->password, sizeof srv.password);
        kiosk_status st = sync_server_conninfo(&srv, out, cap);
        sodium_memzero(&srv, sizeof srv);
        if (st != KIOSK_OK)
            refuse(a, "admin.settings.server_incomplete", "", "");
        return st == KIOSK_OK;
    }
    size_t n = strlen(f->folder);
    while (n > 1 && f->folder[n - 1] == '/')
        f->folder[--n] = '\0';
    if (f->folder[0] != '/') {
        refuse(a, "admin.settings.folder_whole", "folder", f->folder);
        return 0;
    }
    kiosk_fmt(out, cap, "%s/%s", strcmp(f->folder, "/") ? f->folder : "", SYNC_FILE_NAME);
    return 1;
}

/* The check's reason as the form says it (the sync tab's own words say "tried again later"). */
static const char *refusal_key(const char *why)
{
    if (!why)
        return "sync.err.other";
    if (strcmp(why, "sync.err.unreachable") == 0)
        return "admin.sync.err.unreachable";
    if (strcmp(why, "sync.err.auth") == 0)
        return "admin.sync.err.auth";
    return why;
}

/* The target is checked on a thread (a server may take CHECK_TIMEOUT_S to answer or not):
 * the form says "Đang kiểm tra máy chủ…" meanwhile and stays touchable. One at a time. */
static struct {
    struct bg_task task;
    char target[1200]; /* holds the password: wiped once taken */
    char own_db[4096];
    const char *why;
    kiosk_status st;
    char err[512];
} check = {.task = BG_TASK_INIT};

static void check_main(void *arg)
{
    (void)arg;
    check.why = NULL;
    check.err[0] = '\0';
    check.st = sync_target_check(check.target, check.own_db, CHECK_TIMEOUT_S, &check.why, check.err,
                                 sizeof check.err);
}

/* The check's outcome: saved and used, or why not; only said while its form is open. */
static void sync_checked(struct app *a)
{
    struct admin_settings *f = &app_admin(a)->settings;
    char label[256];
    sync_target_label(check.target, label, sizeof label);
    int shown = f->checking && f->shown == SETTINGS_FORM_SYNC && screens_current(a) == SCREEN_ADMIN;
    f->checking = 0;
    if (check.st != KIOSK_OK) {
        kiosk_log(KIOSK_LOG_WARN, "sync target '%s' not saved: %s", label, check.err);
        if (shown)
            refuse(a, "admin.settings.sync_refused", "why", admin_tr(a, refusal_key(check.why)));
    } else if (!shown) {
        kiosk_log(KIOSK_LOG_INFO, "sync target '%s' checked after its form closed: not saved",
                  label);
    } else if (apply(a, "sync", check.target)) {
        close_form(a);
        say(a, KIOSK_MSG_OK, "admin.settings.sync_saved", "target", label);
    }
    sodium_memzero(check.target, sizeof check.target);
}

static void save_sync(struct app *a, struct admin_settings *f)
{
    ui_blur(app_ui(a));
    if (bg_task_busy(&check.task) || !form_target(a, f, check.target, sizeof check.target))
        return;
    kiosk_strlcpy(check.own_db, app_db_path(a), sizeof check.own_db);
    f->checking = 1;
    f->error[0] = '\0';
    if (bg_task_start(&check.task, check_main, NULL, host_wake_loop, a) != 1) {
        check_main(NULL); /* no thread: here, late rather than never */
        sync_checked(a);
    }
}

int admin_settings_poll(struct app *a)
{
    if (!bg_task_take(&check.task))
        return 0;
    sync_checked(a);
    return 1;
}

int admin_settings_settle(struct app *a, int timeout_ms)
{
    int ended = bg_task_settle(&check.task, timeout_ms);
    admin_settings_poll(a);
    return ended;
}

void admin_settings_stop(void)
{
    bg_task_stop(&check.task);
    sodium_memzero(check.target, sizeof check.target);
}

static void sync_fields(struct app *a, struct admin_settings *f)
{
    ui_ctx *ui = app_ui(a);
    const char *err = f->error[0] ? f->error : NULL;
    int changed;
    if (f->mode == SETTINGS_FILE) {
        changed = ui_field(ui, admin_tr(a, "admin.settings.folder"), f->folder, sizeof f->folder,
                           UI_FIELD_PLAIN, err);
    } else {
        changed = ui_field(ui, admin_tr(a, "admin.settings.host"), f->host, sizeof f->host,
                           UI_FIELD_PLAIN, NULL);
        changed |= ui_field(ui, admin_tr(a, "admin.settings.dbname"), f->dbname, sizeof f->dbname,
                            UI_FIELD_PLAIN, NULL);
        changed |= ui_field(ui, admin_tr(a, "admin.settings.user"), f->user, sizeof f->user,
                            UI_FIELD_PLAIN, NULL);
        changed |= ui_field(ui, admin_tr(a, "admin.settings.password"), f->password,
                            sizeof f->password, UI_FIELD_SECRET, NULL);
    }
    if (changed) /* the refusal was about what stood there before */
        f->error[0] = '\0';
}

static void sync_form(struct app *a, struct admin_settings *f)
{
    ui_ctx *ui = app_ui(a);
    ui_row_begin(ui, 3);
    if (ui_button(ui, admin_tr(a, "admin.settings.mode_file"),
                  f->mode == SETTINGS_FILE ? KIOSK_STYLE_PRIMARY : KIOSK_STYLE_NORMAL)) {
        f->mode = SETTINGS_FILE;
        f->error[0] = '\0'; /* it was about the other kind */
    }
    if (ui_button(ui, admin_tr(a, "admin.settings.mode_server"),
                  f->mode == SETTINGS_SERVER ? KIOSK_STYLE_PRIMARY : KIOSK_STYLE_NORMAL)) {
        f->mode = SETTINGS_SERVER;
        f->error[0] = '\0';
    }
    if (ui_button(ui, admin_tr(a, "admin.prog.no"), KIOSK_STYLE_NORMAL)) {
        close_form(a);
        return;
    }
    ui_row_end(ui);
    /* two fields a row, so four fit under the tabs at 1024x600; the save button beside them */
    ui_row_begin(ui, 2);
    sync_fields(a, f);
    if (f->checking)
        ui_message(ui, KIOSK_MSG_INFO,
                   admin_tr(a, f->mode == SETTINGS_SERVER ? "admin.settings.checking_server"
                                                          : "admin.settings.checking_folder"));
    else if (ui_button(ui, admin_tr(a, "admin.settings.save"), KIOSK_STYLE_PRIMARY))
        save_sync(a, f);
    if (!f->checking && ui_button(ui, admin_tr(a, "admin.settings.sync_off"), KIOSK_STYLE_NORMAL) &&
        apply(a, "sync", "")) {
        close_form(a);
        say(a, KIOSK_MSG_OK, "admin.settings.sync_stopped", "", "");
        return;
    }
    ui_row_end(ui);
    if (f->mode == SETTINGS_SERVER && f->error[0]) /* under the button that was pressed */
        ui_message(ui, KIOSK_MSG_ERROR, f->error);
    ui_text(ui, admin_tr(a, f->mode == SETTINGS_FILE ? "admin.settings.file_hint"
                                                     : "admin.settings.server_hint"));
}

int admin_sync_settings(struct app *a)
{
    struct admin *ad = app_admin(a);
    struct admin_settings *f = &ad->settings;
    if (f->shown == SETTINGS_FORM_SYNC) {
        sync_form(a, f);
        return f->shown == SETTINGS_FORM_SYNC;
    }
    if (ui_button(app_ui(a), admin_tr(a, "admin.settings.sync_open"), KIOSK_STYLE_NORMAL)) {
        sodium_memzero(f, sizeof *f);
        f->shown = SETTINGS_FORM_SYNC;
        fill_sync(a, f);
        ad->message[0] = '\0';
        screens_relayout(a);
    }
    return 0;
}

/* -- exports -- */

static void save_export(struct app *a, struct admin_settings *f)
{
    ui_blur(app_ui(a));
    size_t n = strlen(f->export_dir);
    while (n > 1 && f->export_dir[n - 1] == '/')
        f->export_dir[--n] = '\0';
    kiosk_status st = config_folder_check(f->export_dir);
    if (st == KIOSK_E_NOT_FOUND)
        refuse(a, "admin.settings.export_missing", "folder", f->export_dir);
    else if (st != KIOSK_OK)
        refuse(a, st == KIOSK_E_FULL ? "admin.export.full" : "admin.settings.export_readonly",
               "folder", f->export_dir);
    else if (apply(a, "export_dir", f->export_dir)) {
        char dir[sizeof f->export_dir];
        kiosk_strlcpy(dir, f->export_dir, sizeof dir);
        close_form(a);
        say(a, KIOSK_MSG_OK, "admin.settings.export_saved", "folder", dir);
    }
}

static void export_form(struct app *a, struct admin_settings *f)
{
    ui_ctx *ui = app_ui(a);
    ui_row_begin(ui, 2);
    if (ui_field(ui, admin_tr(a, "admin.settings.export_dir"), f->export_dir, sizeof f->export_dir,
                 UI_FIELD_PLAIN, f->error[0] ? f->error : NULL))
        f->error[0] = '\0';
    if (ui_button(ui, admin_tr(a, "admin.settings.save"), KIOSK_STYLE_PRIMARY))
        save_export(a, f);
    ui_row_end(ui);
    if (f->shown != SETTINGS_FORM_EXPORT)
        return;
    ui_row_begin(ui, 2);
    if (ui_button(ui, admin_tr(a, "admin.settings.export_usb"), KIOSK_STYLE_NORMAL) &&
        apply(a, "export_dir", "")) {
        close_form(a);
        say(a, KIOSK_MSG_OK, "admin.settings.export_usb_saved", "", "");
        return;
    }
    if (ui_button(ui, admin_tr(a, "admin.prog.no"), KIOSK_STYLE_NORMAL)) {
        close_form(a);
        return;
    }
    ui_row_end(ui);
    ui_text(ui, admin_tr(a, "admin.settings.export_hint"));
}

int admin_export_settings(struct app *a)
{
    struct admin *ad = app_admin(a);
    struct admin_settings *f = &ad->settings;
    if (f->shown == SETTINGS_FORM_EXPORT) {
        export_form(a, f);
        return f->shown == SETTINGS_FORM_EXPORT;
    }
    if (ui_button(app_ui(a), admin_tr(a, "admin.settings.export_open"), KIOSK_STYLE_NORMAL)) {
        sodium_memzero(f, sizeof *f);
        f->shown = SETTINGS_FORM_EXPORT;
        const char *dir = host_setting(&(kiosk_ctx){a, NULL}, "export_dir");
        kiosk_strlcpy(f->export_dir, dir ? dir : "", sizeof f->export_dir);
        ad->message[0] = '\0';
        screens_relayout(a);
    }
    return 0;
}
