/* The host's screens (screens.h): home (one tile per plugin), the plugin screen (header
 * with the plugin's title and "Trang chủ", then the plugin's frame), banners, navigation
 * between screens; the banner under the header says what became of a scan. */
#include "host/screens.h"

#include "admin/pin.h"

#include "host/admin.h"
#include "host/app.h"
#include "host/crash_guard.h"
#include "host/camera_host.h"
#include "host/idle_warning.h"
#include "host/input.h"
#include "host/voice_host.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Sizes at 1280x800, scaled by the screen's height like the ui theme. */
enum {
    MARGIN_PX = 32,
    HEADER_BUTTON_W_PX = 240,
    HEADER_BUTTON_H_PX = 72,
    HEADER_PAD_PX = 16,
    TITLE_H_PX = 60,
    DATE_H_PX = 40,
    LANG_BUTTON_W_PX = 220,
    BANNER_H_PX = 72,
    HINT_H_PX = 48,
    TILE_GAP_PX = 24,
    TILE_MAX_H_PX = 260,
    TILE_MAX_W_PX = 760,
    CAMERA_VIEW_H_PX = 180, /* the camera's live picture under the tiles */
};

struct screens {
    int screen;            /* enum screen_id */
    size_t current;        /* plugin shown on SCREEN_PLUGIN */
    int kbd_h;             /* the on-screen keyboard's height in the last frame */
    int relayout;          /* the layout changed during a frame: run another */
    int pending_home;      /* go home after this frame (back button, go_home, idle) */
    size_t pending_enter;  /* plugin index + 1 to show after this frame; 0: none */
    int scan_unknown;      /* scan_note is shown under the header until the next input */
    char scan_note[512];   /* what host_scan_route said of the last scan */
    int scan_note_kind;    /* enum kiosk_msg */
    char title[256];       /* the header's title the plugin gave in the last frame ("": its name) */
    char title_next[256];  /* ... and in this one */
    char action[128];      /* the header's button the plugin asked for in the last frame */
    char action_next[128]; /* ... and in this one ("": none) */
    int action_tapped;     /* it was tapped in this frame's header */
};

struct screens *screens_new(void)
{
    return calloc(1, sizeof(struct screens));
}

void screens_free(struct screens *s)
{
    free(s);
}

int screens_px(const struct app *a, int v)
{
    int h = app_height(a) > 0 ? app_height(a) : 800;
    return v * h / 800;
}

/* Fills a "{name}" template from a string table text (i18n_fill). */
void screens_template(const char *tmpl, const char *const names[], const char *const values[],
                      size_t n, char *out, size_t cap)
{
    i18n_fill(tmpl, names, values, n, out, cap);
}

/* "Thứ Bảy, ngày 28 tháng 11 năm 2026" / "Saturday, 28 November 2026". */
static void today_text(struct app *a, char *out, size_t cap)
{
    struct tm tm;
    kiosk_local_tm(kiosk_clock_now_ms(), &tm);
    char wkey[32], mkey[32], day[8], month[8], year[8];
    kiosk_fmt(wkey, sizeof wkey, "host.weekday.%d", tm.tm_wday);
    kiosk_fmt(mkey, sizeof mkey, "host.month.%d", tm.tm_mon + 1);
    kiosk_fmt(day, sizeof day, "%d", tm.tm_mday);
    kiosk_fmt(month, sizeof month, "%d", tm.tm_mon + 1);
    kiosk_fmt(year, sizeof year, "%d", tm.tm_year + 1900);
    static const char *const names[] = {"weekday", "day", "month", "month_name", "year"};
    const char *values[] = {i18n_tr(app_i18n(a), wkey), day, month, i18n_tr(app_i18n(a), mkey),
                            year};
    screens_template(i18n_tr(app_i18n(a), "host.date"), names, values, KIOSK_ARRAY_LEN(names), out,
                     cap);
}

static const char *kiosk_title(struct app *a)
{
    const char *t = config_get(app_config(a), "title");
    return t && *t ? t : i18n_tr(app_i18n(a), "host.title");
}

/* Banners under the header: storage trouble first, then the word on the last scan. Returns
 * the height they took. */
static int banners(struct app *a, int top)
{
    ui_ctx *ui = app_ui(a);
    struct screens *s = app_screens(a);
    int h = 0, m = screens_px(a, MARGIN_PX);
    kiosk_status storage = host_storage(&(kiosk_ctx){a, NULL});
    if (storage == KIOSK_E_FULL || storage == KIOSK_E_READONLY) {
        ui_next_rect(ui, (ui_rect){m, top, app_width(a) - 2 * m, screens_px(a, BANNER_H_PX)});
        ui_message(ui, KIOSK_MSG_ERROR,
                   i18n_tr(app_i18n(a), storage == KIOSK_E_FULL ? "host.storage.full"
                                                                : "host.storage.readonly"));
        h += screens_px(a, BANNER_H_PX) + screens_px(a, HEADER_PAD_PX);
    }
    if (s->scan_unknown) {
        ui_next_rect(ui, (ui_rect){m, top + h, app_width(a) - 2 * m, screens_px(a, BANNER_H_PX)});
        ui_message(ui, s->scan_note_kind, s->scan_note);
        host_voice_cue(a, VOICE_CUE_OUTCOME, s->scan_note);
        h += screens_px(a, BANNER_H_PX) + screens_px(a, HEADER_PAD_PX);
    }
    return h;
}

static const char *plugin_title(struct app *a, struct plugin_slot *p)
{
    return i18n_tr_table(app_i18n(a), p->desc.strings, p->desc.title_key);
}

/* A tile's second line: the plugin's optional "<title_key>.detail" string. */
static const char *plugin_detail(struct app *a, struct plugin_slot *p)
{
    char key[160];
    if (kiosk_fmt(key, sizeof key, "%s.detail", p->desc.title_key))
        return NULL;
    const char *d = i18n_tr_table(app_i18n(a), p->desc.strings, key);
    return strcmp(d, key) == 0 ? NULL : d;
}

/* The plugins' tiles from top, leaving reserve px at the bottom; returns where they end. */
static int tiles(struct app *a, int top, int reserve)
{
    ui_ctx *ui = app_ui(a);
    size_t n = app_plugins(a)->count;
    int m = screens_px(a, MARGIN_PX), gap = screens_px(a, TILE_GAP_PX);
    int area_w = app_width(a) - 2 * m, area_h = app_height(a) - top - m - reserve;
    if (n == 0) {
        ui_next_rect(ui, (ui_rect){m, top, area_w, screens_px(a, BANNER_H_PX)});
        ui_message(ui, KIOSK_MSG_INFO, i18n_tr(app_i18n(a), "host.no_plugins"));
        return top + screens_px(a, BANNER_H_PX);
    }
    int cols = n == 1 ? 1 : n <= 4 ? 2 : 3;
    int rows = (int)((n + (size_t)cols - 1) / (size_t)cols);
    int tw = (area_w - gap * (cols - 1)) / cols;
    int th = (area_h - gap * (rows - 1)) / rows;
    if (th > screens_px(a, TILE_MAX_H_PX))
        th = screens_px(a, TILE_MAX_H_PX);
    if (tw > screens_px(a, TILE_MAX_W_PX))
        tw = screens_px(a, TILE_MAX_W_PX);
    int left = m + (area_w - (tw * cols + gap * (cols - 1))) / 2;
    for (size_t i = 0; i < n; i++) {
        struct plugin_slot *p = &app_plugins(a)->slots[i];
        int c = (int)(i % (size_t)cols), r = (int)(i / (size_t)cols);
        ui_next_rect(ui, (ui_rect){left + c * (tw + gap), top + r * (th + gap), tw, th});
        if (ui_tile(ui, plugin_title(a, p), plugin_detail(a, p)))
            app_screens(a)->pending_enter = i + 1;
    }
    return top + rows * th + (rows - 1) * gap;
}

/* A kiosk where no PIN was set (a fresh install) says on its home screen how the
 * coordinator sets one: until then there is no admin mode (docs/HARDENING.md). */
static int no_pin_notice(struct app *a, int top)
{
    ui_ctx *ui = app_ui(a);
    if (pin_is_set(app_store(a)))
        return 0;
    int m = screens_px(a, MARGIN_PX);
    ui_next_rect(ui, (ui_rect){m, top, app_width(a) - 2 * m, screens_px(a, BANNER_H_PX)});
    ui_message(ui, KIOSK_MSG_INFO, i18n_tr(app_i18n(a), "host.pin_unset"));
    return screens_px(a, BANNER_H_PX) + screens_px(a, HEADER_PAD_PX);
}

static void home_frame(struct app *a)
{
    ui_ctx *ui = app_ui(a);
    const struct ui_theme *th = ui_theme(ui);
    int m = screens_px(a, MARGIN_PX), lang_w = screens_px(a, LANG_BUTTON_W_PX);
    ui_area(ui, (ui_rect){0, 0, app_width(a), app_height(a)});
    ui_next_rect(ui, (ui_rect){m, m, app_width(a) - 3 * m - lang_w, screens_px(a, TITLE_H_PX)});
    ui_label(ui, kiosk_title(a), UI_FONT_TITLE, th->text);
    char date[160];
    today_text(a, date, sizeof date);
    ui_next_rect(ui, (ui_rect){m, m + screens_px(a, TITLE_H_PX), app_width(a) - 3 * m - lang_w,
                               screens_px(a, DATE_H_PX)});
    ui_label(ui, date, UI_FONT_BODY, th->muted);
    ui_next_rect(
        ui, (ui_rect){app_width(a) - m - lang_w, m, lang_w, screens_px(a, HEADER_BUTTON_H_PX)});
    if (ui_button(ui, i18n_tr(app_i18n(a), "host.lang.other"), KIOSK_STYLE_NORMAL)) {
        i18n_set_lang(app_i18n(a), strcmp(i18n_lang(app_i18n(a)), "vi") == 0 ? "en" : "vi");
        app_screens(a)->relayout = 1;
    }
    int top =
        m + screens_px(a, TITLE_H_PX) + screens_px(a, DATE_H_PX) + screens_px(a, HEADER_PAD_PX);
    top += banners(a, top);
    top += no_pin_notice(a, top);
    host_voice_home(a);
    if (app_plugins(a)->count) {
        ui_next_rect(ui, (ui_rect){m, top, app_width(a) - 2 * m, screens_px(a, HINT_H_PX)});
        ui_label(ui, i18n_tr(app_i18n(a), "host.home.hint"), UI_FONT_BODY, th->muted);
        top += screens_px(a, HINT_H_PX);
    }
    int view_h = host_camera_view_height(a, CAMERA_VIEW_H_PX);
    int bottom = tiles(a, top, view_h ? view_h + screens_px(a, TILE_GAP_PX) : 0);
    if (view_h) { /* a scan is invited here: the camera's picture to aim by */
        int gap = screens_px(a, TILE_GAP_PX);
        ui_area(ui, (ui_rect){m, bottom + gap, app_width(a) - 2 * m, view_h});
        host_camera_view(a, CAMERA_VIEW_H_PX, 1);
        ui_area(ui, (ui_rect){0, 0, app_width(a), app_height(a)});
    }
    admin_corner(a);
}

/* The plugin's button at the header's right end (ABI 2.5), as it asked in the last frame.
 * Returns its width and the gap before it; 0: none. */
static int header_action(struct app *a, const struct ui_text_metrics *tm)
{
    struct screens *s = app_screens(a);
    int m = screens_px(a, MARGIN_PX), pad = screens_px(a, HEADER_PAD_PX);
    int bh = screens_px(a, HEADER_BUTTON_H_PX);
    s->action_tapped = 0;
    if (!screens_shown_plugin(a) || !s->action[0])
        return 0;
    int w = tm->text_width(tm->user, UI_FONT_LARGE, s->action) + 4 * pad;
    if (w < screens_px(a, HEADER_BUTTON_W_PX))
        w = screens_px(a, HEADER_BUTTON_W_PX);
    if (w > app_width(a) / 3)
        w = app_width(a) / 3; /* the title keeps the middle */
    ui_next_rect(app_ui(a), (ui_rect){app_width(a) - m - w, pad, w, bh});
    s->action_tapped = ui_button(app_ui(a), s->action, KIOSK_STYLE_NORMAL);
    return w + 2 * pad;
}

int screens_header(struct app *a, const char *title, const char *back, int *top)
{
    ui_ctx *ui = app_ui(a);
    const struct ui_theme *th = ui_theme(ui);
    int m = screens_px(a, MARGIN_PX), pad = screens_px(a, HEADER_PAD_PX);
    int bw = screens_px(a, HEADER_BUTTON_W_PX), bh = screens_px(a, HEADER_BUTTON_H_PX);
    ui_area(ui, (ui_rect){0, 0, app_width(a), app_height(a)});
    ui_next_rect(ui, (ui_rect){m, pad, bw, bh});
    int tapped = ui_button(ui, back, KIOSK_STYLE_NORMAL);
    const struct backend_ops *be;
    struct backend *b = app_backend(a, &be);
    const struct ui_text_metrics *tm = be->metrics(b);
    int tw = app_width(a) - 2 * m - bw - 2 * pad - header_action(a, tm);
    /* a long title (a class's: "Kỹ thuật sản xuất bánh tráng và ...") in the body's font
     * rather than cut */
    int font = tm->text_width(tm->user, UI_FONT_LARGE, title) > tw ? UI_FONT_BODY : UI_FONT_LARGE;
    int lh = tm->line_height(tm->user, font);
    int ty = pad + (lh < bh ? (bh - lh) / 2 : 0); /* centred beside the button */
    ui_next_rect(ui, (ui_rect){m + bw + 2 * pad, ty, tw, lh});
    ui_label(ui, title, font, th->text);
    *top = bh + 2 * pad;
    *top += banners(a, *top);
    return tapped;
}

ui_rect screens_content(struct app *a, int top)
{
    int m = screens_px(a, MARGIN_PX), pad = screens_px(a, HEADER_PAD_PX);
    int bottom = app_height(a) - app_screens(a)->kbd_h - pad;
    if (bottom < top + screens_px(a, HEADER_BUTTON_H_PX))
        bottom = top + screens_px(a, HEADER_BUTTON_H_PX);
    ui_rect r = {m, top, app_width(a) - 2 * m, bottom - top};
    ui_scroll_begin(app_ui(a), r); /* moved up to keep the focused field and the way on */
    return r;
}

void screens_keyboard(struct app *a)
{
    ui_scroll_end(app_ui(a));
    int kbd = ui_keyboard(app_ui(a));
    if (kbd != app_screens(a)->kbd_h) {
        app_screens(a)->kbd_h = kbd;
        app_screens(a)->relayout = 1; /* the content's area depends on it */
    }
}

void screens_header_title(struct app *a, const char *text)
{
    struct screens *s = app_screens(a);
    kiosk_strlcpy(s->title_next, text ? text : "", sizeof s->title_next);
}

int screens_header_button(struct app *a, const char *label)
{
    struct screens *s = app_screens(a);
    kiosk_strlcpy(s->action_next, label ? label : "", sizeof s->action_next);
    return s->action_tapped && strcmp(s->action, s->action_next) == 0;
}

/* The header names what the plugin said the last frame (said before the step, as the
 * screen's first line); when this frame names another, it is laid out again. */
static void plugin_frame(struct app *a)
{
    struct screens *s = app_screens(a);
    struct plugin_slot *p = &app_plugins(a)->slots[s->current];
    int top;
    host_voice_cue(a, VOICE_CUE_TEXT, s->title);
    if (screens_header(a, s->title[0] ? s->title : plugin_title(a, p),
                       i18n_tr(app_i18n(a), "host.home"), &top))
        s->pending_home = 1;
    screens_content(a, top);
    kiosk_ctx ctx = app_ctx(a, p);
    s->title_next[0] = '\0';
    s->action_next[0] = '\0';
    p->desc.frame(p->state, &ctx);
    if (strcmp(s->title, s->title_next) != 0 || strcmp(s->action, s->action_next) != 0) {
        memcpy(s->title, s->title_next, sizeof s->title);
        memcpy(s->action, s->action_next, sizeof s->action);
        s->relayout = 1;
    }
    screens_keyboard(a);
    admin_corner(a);
}

/* The plugin on screen, NULL on the host's own screens. */
struct plugin_slot *screens_shown_plugin(const struct app *a)
{
    const struct screens *s = app_screens(a);
    if (s->screen != SCREEN_PLUGIN || s->current >= app_plugins(a)->count)
        return NULL;
    return &app_plugins(a)->slots[s->current];
}

void screens_frame(struct app *a)
{
    struct screens *s = app_screens(a);
    s->relayout = 0;
    if (screens_shown_plugin(a))
        plugin_frame(a);
    else if (s->screen == SCREEN_PIN)
        admin_pin_frame(a);
    else if (s->screen == SCREEN_ADMIN)
        admin_frame(a);
    else
        home_frame(a);
    int total, secs = input_idle_warning_s(a, &total);
    if (secs > 0)
        idle_warning_frame(a, secs, total);
}

int screens_settle(struct app *a)
{
    struct screens *s = app_screens(a);
    int again = s->relayout;
    if (s->pending_home) {
        s->pending_home = 0;
        screens_go_home(a);
        again = 1;
    }
    if (s->pending_enter) {
        size_t idx = s->pending_enter - 1;
        s->pending_enter = 0;
        if (idx < app_plugins(a)->count) {
            struct plugin_slot *p = &app_plugins(a)->slots[idx];
            screens_show_plugin(a, idx);
            if (p->desc.enter) {
                kiosk_ctx ctx = app_ctx(a, p);
                p->desc.enter(p->state, &ctx);
            }
        }
        again = 1;
    }
    return again;
}

int screens_current(const struct app *a)
{
    return app_screens(a)->screen;
}

void screens_request_home(struct app *a)
{
    app_screens(a)->pending_home = 1;
}

void screens_relayout(struct app *a)
{
    app_screens(a)->relayout = 1;
}

int screens_forget_scan(struct app *a)
{
    struct screens *s = app_screens(a);
    int shown = s->scan_unknown;
    s->scan_unknown = 0;
    if (shown)
        s->relayout = 1; /* the note under the header goes: what was below it moves up */
    return shown;
}

void screens_scan_notice(struct app *a, int kind, const char *text)
{
    struct screens *s = app_screens(a);
    kiosk_strlcpy(s->scan_note, text ? text : "", sizeof s->scan_note);
    s->scan_note_kind = kind;
    s->scan_unknown = text != NULL;
}

int screens_keyboard_h(const struct app *a)
{
    return app_screens(a)->kbd_h;
}

/* leave() the plugin on screen, if one is. */
static void leave_plugin(struct app *a)
{
    struct plugin_slot *p = screens_shown_plugin(a);
    if (p && p->desc.leave) {
        kiosk_ctx ctx = app_ctx(a, p);
        p->desc.leave(p->state, &ctx);
    }
}

void screens_go_home(struct app *a)
{
    struct screens *s = app_screens(a);
    leave_plugin(a);
    s->screen = SCREEN_HOME;
    s->kbd_h = 0;
    s->title[0] = '\0';
    ui_reset(app_ui(a));
    admin_forget(a);
    if (app_guard(a))
        crash_guard_set_active(app_guard(a), NULL);
}

void screens_show_plugin(struct app *a, size_t index)
{
    struct screens *s = app_screens(a);
    s->screen = SCREEN_PLUGIN;
    s->current = index;
    s->kbd_h = 0;
    s->title[0] = '\0';
    ui_reset(app_ui(a));
    if (app_guard(a))
        crash_guard_set_active(app_guard(a), app_plugins(a)->slots[index].desc.id);
}

void screens_show_coordinator(struct app *a, int screen)
{
    struct screens *s = app_screens(a);
    leave_plugin(a);
    ui_reset(app_ui(a));
    s->kbd_h = 0;
    s->screen = screen;
    s->relayout = 1;
    if (app_guard(a))
        crash_guard_set_active(app_guard(a), NULL);
}
