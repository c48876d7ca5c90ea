/* The admin screen: tabs for today's sessions and counts (and which class or fair this
 * kiosk serves), exports to a USB stick, sync, settings, plugins' own admin parts, quit. */
#include "host/admin_state.h"

#include "export/export.h"
#include "export/export_file.h"
#include "export/export_strings.h"
#include "host/admin_usb.h"
#include "host/export_job.h"
#include "host/host_ctx.h"
#include "host/today_counts.h"
#include "host/app.h"
#include "host/screens.h"
#include "host/crash_guard.h"
#include "host/camera_host.h"
#include "receipt/picture.h"
#include "store/day_counts.h"
#include "store/domain.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SESSIONS_PER_PAGE 4
#define CHART_MAX_BARS 12
#define TODAY_REFRESH_MS 5000 /* today's counts read again while the tab is shown */

static void say1(struct app *a, int kind, const char *key, const char *name, const char *value)
{
    char out[512];
    screens_template(admin_tr(a, key), (const char *const[]){name}, (const char *const[]){value}, 1,
                     out, sizeof out);
    admin_say(a, kind, out);
}

static void hhmm(int64_t at_ms, char *out, size_t cap)
{
    struct tm tm;
    kiosk_local_tm(at_ms, &tm);
    snprintf(out, cap, "%02d:%02d", tm.tm_hour, tm.tm_min);
}

/* -- today: sessions, counts, the served event -- */

static void served_code(struct app *a, char *out, size_t cap)
{
    const char *v = host_setting(&(kiosk_ctx){a, NULL}, "served_event");
    kiosk_strlcpy(out, v ? v : "", cap);
}

static void session_item(struct app *a, const struct day_session_count *r, const char *served)
{
    char title[KIOSK_TEXT_LEN + 64], detail[KIOSK_TEXT_LEN + 200], from[8], to[8], num[8];
    char counts[160], cin[12], reg[12], late[12], walk[12];
    hhmm(r->starts_at_ms, from, sizeof from);
    hhmm(r->ends_at_ms, to, sizeof to);
    snprintf(num, sizeof num, "%d", r->session_number);
    snprintf(cin, sizeof cin, "%d", r->checked_in);
    snprintf(reg, sizeof reg, "%d", r->registered);
    snprintf(late, sizeof late, "%d", r->late);
    snprintf(walk, sizeof walk, "%d", r->walkins);
    int is_served = strcmp(served, r->event_code) == 0;
    static const char *const tnames[] = {"code", "number", "from", "to", "served"};
    const char *tvalues[] = {r->event_code, num, from, to,
                             is_served ? admin_tr(a, "admin.today.served_mark") : ""};
    screens_template(admin_tr(a, "admin.today.session"), tnames, tvalues, 5, title, sizeof title);
    static const char *const cnames[] = {"in", "registered", "late", "walkins"};
    const char *cvalues[] = {cin, reg, late, walk};
    screens_template(admin_tr(a, r->event_kind == KIOSK_EVENT_FAIR ? "admin.today.fair_counts"
                                                                   : "admin.today.class_counts"),
                     cnames, cvalues, 4, counts, sizeof counts);
    snprintf(detail, sizeof detail, "%s — %s", r->event_title, counts);
    if (!ui_list_item(app_ui(a), title, detail))
        return;
    kiosk_status w = store_setting_set(app_store(a), "served_event", r->event_code);
    host_storage_status(&(kiosk_ctx){a, NULL}, w);
    if (w == KIOSK_OK) {
        say1(a, KIOSK_MSG_OK, "admin.today.now_serving", "code", r->event_code);
        kiosk_log(KIOSK_LOG_INFO, "this kiosk now serves '%s'", r->event_code);
    } else {
        admin_say(a, KIOSK_MSG_ERROR, admin_tr(a, "admin.storage_error"));
    }
}

/* Today's counts, read on a thread of their own (today_counts.h): asked for when the tab is
 * shown and every few seconds while it is; until the first arrive, a line says so. */
static int today_rows(struct app *a, struct day_session_count **rows, size_t *n)
{
    struct admin *ad = app_admin(a);
    int64_t age;
    int failed;
    int have = today_counts_get(rows, n, &age, &failed);
    if (!ad->today_asked || age > TODAY_REFRESH_MS) {
        today_counts_request(app_db_path(a), kiosk_clock_now_ms(), host_wake_loop, a);
        ad->today_asked = 1;
    }
    if (!have)
        ui_message(app_ui(a), failed ? KIOSK_MSG_ERROR : KIOSK_MSG_INFO,
                   admin_tr(a, failed ? "admin.today.error" : "admin.today.loading"));
    return have;
}

/* Sessions of today a page at a time on the left, the chart of who came on the right. */
static void tab_today(struct app *a, ui_rect area)
{
    ui_ctx *ui = app_ui(a);
    struct admin *ad = app_admin(a);
    struct day_session_count *rows = NULL;
    size_t n = 0;
    if (!today_rows(a, &rows, &n))
        return;
    if (n == 0) {
        ui_message(ui, KIOSK_MSG_INFO, admin_tr(a, "admin.today.none"));
        free(rows);
        return;
    }
    char served[KIOSK_PART_LEN];
    served_code(a, served, sizeof served);
    size_t pages = (n + SESSIONS_PER_PAGE - 1) / SESSIONS_PER_PAGE;
    if ((size_t)ad->today_page >= pages)
        ad->today_page = 0;
    int gap = screens_px(a, 24), left_w = area.w * 3 / 5;
    ui_rect cursor = area;
    ui_text(ui, admin_tr(a, "admin.today.pick"));
    size_t first = (size_t)ad->today_page * SESSIONS_PER_PAGE;
    int list_top = ui_cursor_y(ui);
    ui_area(ui, (ui_rect){cursor.x, list_top, left_w, cursor.y + cursor.h - list_top});
    for (size_t i = first; i < n && i < first + SESSIONS_PER_PAGE; i++)
        session_item(a, &rows[i], served);
    if (pages > 1) {
        char page[96], cur[24], all[24];
        snprintf(cur, sizeof cur, "%d", ad->today_page + 1);
        snprintf(all, sizeof all, "%zu", pages);
        screens_template(admin_tr(a, "admin.today.page"), (const char *const[]){"page", "pages"},
                         (const char *const[]){cur, all}, 2, page, sizeof page);
        ui_row_begin(ui, 3);
        if (ui_button(ui, admin_tr(a, "admin.today.prev"), KIOSK_STYLE_NORMAL))
            ad->today_page = (int)((ad->today_page + (int)pages - 1) % (int)pages);
        ui_text(ui, page);
        if (ui_button(ui, admin_tr(a, "admin.today.next"), KIOSK_STYLE_NORMAL))
            ad->today_page = (int)((ad->today_page + 1) % (int)pages);
        ui_row_end(ui);
    }
    const char *labels[CHART_MAX_BARS];
    char label_buf[CHART_MAX_BARS][KIOSK_PART_LEN + 16];
    int values[CHART_MAX_BARS];
    size_t bars = n < CHART_MAX_BARS ? n : CHART_MAX_BARS;
    for (size_t i = 0; i < bars; i++) {
        char from[8];
        hhmm(rows[i].starts_at_ms, from, sizeof from);
        snprintf(label_buf[i], sizeof label_buf[i], "%s %s", rows[i].event_code, from);
        labels[i] = label_buf[i];
        values[i] = rows[i].checked_in;
    }
    ui_area(ui, (ui_rect){cursor.x + left_w + gap, list_top, cursor.w - left_w - gap,
                          cursor.y + cursor.h - list_top});
    ui_bar_chart(ui, admin_tr(a, "admin.today.chart"), labels, values, bars);
    free(rows);
}

/* -- exports to a USB stick -- */

/* On a thread of its own: the bar and its count show on this tab while it runs. */
static void export_one(struct app *a, const char *dir, const char *what, const char *code,
                       int format)
{
    int job = strcmp(what, "attendance") == 0 ? EXPORT_JOB_ATTENDANCE
              : strcmp(what, "leads") == 0    ? EXPORT_JOB_LEADS
                                              : EXPORT_JOB_SUMMARY;
    admin_export_start(a, dir, job, code, format);
}

static const char *picture_tr(void *a, const char *key)
{
    return i18n_tr(app_i18n(a), key);
}

/* The picture's words in the kiosk's font, as the paper's (the backend's text_raster). */
static kiosk_status picture_raster(void *a, const char *text, int font_px, int max_width_px,
                                   uint8_t **out, int *width, int *height)
{
    const struct backend_ops *be;
    struct backend *b = app_backend(a, &be);
    return be->text_raster(b, text, font_px, max_width_px, out, width, height);
}

/* The receipt's picture on the stick: its QR and, under it, the class, place and session to
 * come to, in the language on screen. */
static void save_receipt_png(struct app *a, const char *dir)
{
    struct admin *ad = app_admin(a);
    struct receipt_row row;
    if (!ad->receipt_code[0]) {
        admin_say(a, KIOSK_MSG_ERROR, admin_tr(a, "admin.receipt.empty"));
        return;
    }
    kiosk_status st = receipt_by_short_code(app_store(a), ad->receipt_code, &row);
    if (st != KIOSK_OK) {
        say1(a, KIOSK_MSG_ERROR, "admin.receipt.unknown", "code", ad->receipt_code);
        return;
    }
    char path[4400];
    st = export_file_name(path, sizeof path, dir, row.r.short_code, "bien-nhan",
                          kiosk_clock_now_ms(), "png");
    /* 0644: the picture holds the signed text and the class, no name or phone */
    if (st == KIOSK_OK)
        st = receipt_picture_write(app_store(a), &row.r, picture_tr, a, picture_raster, a, path,
                                   0644, NULL, NULL);
    if (st == KIOSK_OK)
        say1(a, KIOSK_MSG_OK, "admin.export.done", "path", path);
    else
        say1(a, KIOSK_MSG_ERROR, "admin.export.failed", "path", path);
}

static void tab_export(struct app *a)
{
    ui_ctx *ui = app_ui(a);
    struct admin *ad = app_admin(a);
    char dir[4096];
    if (admin_export_settings(a))
        return;
    if (!admin_export_dir(a, dir, sizeof dir)) {
        ui_message(ui, KIOSK_MSG_INFO, admin_tr(a, "admin.export.no_usb"));
        return;
    }
    char line[4300];
    screens_template(admin_tr(a, "admin.export.to"), (const char *const[]){"dir"},
                     (const char *const[]){dir}, 1, line, sizeof line);
    ui_text(ui, line);
    admin_export_progress(a); /* an export running: its bar and count */
    char served[KIOSK_PART_LEN];
    served_code(a, served, sizeof served);
    struct kiosk_event ev;
    int have_event = served[0] && store_event_get(app_store(a), served, &ev) == KIOSK_OK;
    ui_row_begin(ui, 2);
    if (have_event && ev.kind == KIOSK_EVENT_CLASS) {
        if (ui_button(ui, admin_tr(a, "admin.export.attendance_xlsx"), KIOSK_STYLE_PRIMARY))
            export_one(a, dir, "attendance", served, EXPORT_XLSX);
        if (ui_button(ui, admin_tr(a, "admin.export.attendance_csv"), KIOSK_STYLE_NORMAL))
            export_one(a, dir, "attendance", served, EXPORT_CSV);
    } else if (have_event && ev.kind == KIOSK_EVENT_FAIR) {
        if (ui_button(ui, admin_tr(a, "admin.export.leads_xlsx"), KIOSK_STYLE_PRIMARY))
            export_one(a, dir, "leads", served, EXPORT_XLSX);
        if (ui_button(ui, admin_tr(a, "admin.export.leads_csv"), KIOSK_STYLE_NORMAL))
            export_one(a, dir, "leads", served, EXPORT_CSV);
    }
    if (ui_button(ui, admin_tr(a, "admin.export.summary_xlsx"), KIOSK_STYLE_NORMAL))
        export_one(a, dir, "summary", NULL, EXPORT_XLSX);
    if (ui_button(ui, admin_tr(a, "admin.export.summary_csv"), KIOSK_STYLE_NORMAL))
        export_one(a, dir, "summary", NULL, EXPORT_CSV);
    ui_row_end(ui);
    if (!have_event)
        ui_text(ui, admin_tr(a, "admin.export.pick_first"));
    ui_row_begin(ui, 2);
    /* typed as it is: Telex would make "UW" of a code an "Ư", VNI its digits tones */
    ui_field(ui, admin_tr(a, "admin.receipt.code"), ad->receipt_code, sizeof ad->receipt_code,
             UI_FIELD_PLAIN, NULL);
    if (ui_button(ui, admin_tr(a, "admin.receipt.save"), KIOSK_STYLE_NORMAL))
        save_receipt_png(a, dir);
    ui_row_end(ui);
}

/* -- sync -- */

static void tab_sync(struct app *a)
{
    if (admin_sync_settings(a))
        return;
    const char *target = host_setting(&(kiosk_ctx){a, NULL}, "sync");
    if (!target || !*target)
        ui_message(app_ui(a), KIOSK_MSG_INFO, admin_tr(a, "admin.sync.none"));
    else
        admin_sync_frame(a, target);
    admin_enrol_frame(a);
}

/* -- quitting: only here, confirmed -- */

static void tab_quit(struct app *a)
{
    ui_ctx *ui = app_ui(a);
    struct admin *ad = app_admin(a);
    if (!ad->confirm_quit) {
        ui_text(ui, admin_tr(a, "admin.quit.hint"));
        if (ui_button(ui, admin_tr(a, "admin.quit"), KIOSK_STYLE_DANGER))
            ad->confirm_quit = 1;
        return;
    }
    ui_message(ui, KIOSK_MSG_ERROR, admin_tr(a, "admin.quit.confirm"));
    ui_row_begin(ui, 2);
    if (ui_button(ui, admin_tr(a, "admin.quit.yes"), KIOSK_STYLE_DANGER)) {
        kiosk_log(KIOSK_LOG_INFO, "the coordinator quit the kiosk");
        app_clean_exit(a);
        app_request_quit(a);
    }
    if (ui_button(ui, admin_tr(a, "admin.quit.no"), KIOSK_STYLE_NORMAL))
        ad->confirm_quit = 0;
    ui_row_end(ui);
}

/* -- settings: language, input method, camera trouble, disabled plugins, PIN -- */

/* The coordinator's choice is the kiosk's language until it restarts: the idle timeout,
 * which undoes a visitor's switch, goes back to it (config "lang"). */
static void admin_set_lang(struct app *a, const char *lang)
{
    i18n_set_lang(app_i18n(a), lang);
    config_set(app_config(a), "lang", lang, "admin");
    screens_relayout(a);
}

static void tab_settings(struct app *a)
{
    ui_ctx *ui = app_ui(a);
    ui_text(ui, admin_tr(a, "admin.settings.lang"));
    ui_row_begin(ui, 2);
    int vi = strcmp(i18n_lang(app_i18n(a)), "vi") == 0;
    if (ui_button(ui, "Tiếng Việt", vi ? KIOSK_STYLE_PRIMARY : KIOSK_STYLE_NORMAL))
        admin_set_lang(a, "vi");
    if (ui_button(ui, "English", vi ? KIOSK_STYLE_NORMAL : KIOSK_STYLE_PRIMARY))
        admin_set_lang(a, "en");
    ui_row_end(ui);
    ui_text(ui, admin_tr(a, "admin.settings.input"));
    ui_row_begin(ui, 2);
    int im = ui_input_method(ui);
    if (ui_button(ui, "Telex", im == 1 ? KIOSK_STYLE_PRIMARY : KIOSK_STYLE_NORMAL)) {
        ui_set_input_method(ui, 1, 0);
        admin_say(a, KIOSK_MSG_OK, "Telex");
    }
    if (ui_button(ui, "VNI", im == 2 ? KIOSK_STYLE_PRIMARY : KIOSK_STYLE_NORMAL)) {
        ui_set_input_method(ui, 2, 0);
        admin_say(a, KIOSK_MSG_OK, "VNI");
    }
    ui_row_end(ui);
    char cam[600];
    int cam_kind = host_camera_note(a, cam, sizeof cam);
    if (cam_kind >= 0) /* a missing or lost camera, until it is back */
        ui_message(ui, cam_kind, cam);
    if (app_guard(a)) {
        for (int i = 0; i < app_guard(a)->count; i++) {
            if (!app_guard(a)->plugins[i].disabled)
                continue;
            char line[256];
            screens_template(admin_tr(a, "admin.plugin.disabled"), (const char *const[]){"id"},
                             (const char *const[]){app_guard(a)->plugins[i].id}, 1, line,
                             sizeof line);
            ui_message(ui, KIOSK_MSG_ERROR, line);
            if (ui_button(ui, admin_tr(a, "admin.plugin.enable"), KIOSK_STYLE_NORMAL)) {
                crash_guard_enable(app_guard(a), app_guard(a)->plugins[i].id);
                say1(a, KIOSK_MSG_OK, "admin.plugin.enabled", "id", app_guard(a)->plugins[i].id);
            }
        }
    }
    if (ui_button(ui, admin_tr(a, "admin.pin.change"), KIOSK_STYLE_NORMAL)) {
        admin_open_pin(a);
        app_admin(a)->setting_pin = 1;
        return;
    }
    tab_quit(a);
}

/* A plugin's tab: its short "<title_key>.tab" string (seven tabs share 1024 px), else its
 * tile's title. */
static const char *tab_label(struct app *a, const struct plugin_slot *p)
{
    char key[160];
    if (kiosk_fmt(key, sizeof key, "%s.tab", p->desc.title_key) == 0) {
        const char *t = i18n_tr_table(app_i18n(a), p->desc.strings, key);
        if (strcmp(t, key) != 0)
            return t;
    }
    return i18n_tr_table(app_i18n(a), p->desc.strings, p->desc.title_key);
}

static void tabs_row(struct app *a)
{
    ui_ctx *ui = app_ui(a);
    struct admin *ad = app_admin(a);
    static const struct {
        int tab;
        const char *key;
    } fixed[] = {
        /* tab                 label */
        {ADMIN_TAB_TODAY, "admin.tab.today"},   {ADMIN_TAB_PROGRAM, "admin.tab.program"},
        {ADMIN_TAB_EXPORT, "admin.tab.export"}, {ADMIN_TAB_SYNC, "admin.tab.sync"},
        {ADMIN_TAB_PEOPLE, "admin.tab.people"}, {ADMIN_TAB_SETTINGS, "admin.tab.settings"},
    };
    size_t with_admin = 0;
    for (size_t i = 0; i < app_plugins(a)->count; i++)
        with_admin += app_plugins(a)->slots[i].desc.admin_frame != NULL;
    ui_row_begin(ui, (int)(KIOSK_ARRAY_LEN(fixed) + with_admin));
    for (size_t i = 0; i < KIOSK_ARRAY_LEN(fixed); i++) {
        int on = ad->tab == fixed[i].tab;
        if (ui_button(ui, admin_tr(a, fixed[i].key),
                      on ? KIOSK_STYLE_PRIMARY : KIOSK_STYLE_NORMAL) &&
            !on) {
            ad->tab = fixed[i].tab;
            ad->message[0] = '\0';
            ad->people_asked = 0;
            ad->today_asked = 0;
            ad->pick = -1;
            ad->confirm_quit = 0;
            memset(&ad->prog, 0, sizeof ad->prog);
            sodium_memzero(&ad->settings, sizeof ad->settings);
            screens_relayout(a);
        }
    }
    for (size_t i = 0; i < app_plugins(a)->count; i++) {
        struct plugin_slot *p = &app_plugins(a)->slots[i];
        if (!p->desc.admin_frame)
            continue;
        int on = ad->tab == ADMIN_TAB_PLUGIN && ad->plugin_tab == i;
        if (ui_button(ui, tab_label(a, p), on ? KIOSK_STYLE_PRIMARY : KIOSK_STYLE_NORMAL) && !on) {
            ad->tab = ADMIN_TAB_PLUGIN;
            ad->plugin_tab = i;
            ad->message[0] = '\0';
            screens_relayout(a);
        }
    }
    ui_row_end(ui);
}

void admin_frame(struct app *a)
{
    struct admin *ad = app_admin(a);
    int top;
    if (screens_header(a, admin_tr(a, "admin.title"), admin_tr(a, "admin.close"), &top))
        screens_request_home(a);
    ui_rect area = screens_content(a, top);
    tabs_row(a);
    if (ad->message[0])
        ui_message(app_ui(a), ad->message_kind, ad->message);
    switch (ad->tab) {
    case ADMIN_TAB_TODAY:
        tab_today(a, area);
        break;
    case ADMIN_TAB_EXPORT:
        tab_export(a);
        break;
    case ADMIN_TAB_SYNC:
        tab_sync(a);
        break;
    case ADMIN_TAB_PEOPLE:
        admin_people_tab(a, area);
        break;
    case ADMIN_TAB_PROGRAM:
        admin_program_tab(a, area);
        break;
    case ADMIN_TAB_SETTINGS:
        tab_settings(a);
        break;
    default:
        if (ad->plugin_tab < app_plugins(a)->count) {
            struct plugin_slot *p = &app_plugins(a)->slots[ad->plugin_tab];
            kiosk_ctx ctx = app_ctx(a, p);
            if (p->desc.admin_frame)
                p->desc.admin_frame(p->state, &ctx);
        }
        break;
    }
    screens_keyboard(a);
}
