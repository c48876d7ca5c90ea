/* The idle warning card (idle_warning.h): a shade over the screen, and on a card the
 * question, what will happen, the seconds left as words and as a bar, and the button. */
#include "host/idle_warning.h"

#include "host/app.h"
#include "host/screens.h"
#include "host/voice_host.h"

#include <stdio.h>

/* Sizes at 1280x800, scaled like the theme. */
enum { CARD_W_PX = 760, CARD_H_PX = 420, CARD_PAD_PX = 32, BUTTON_H_PX = 96 };

static void card(struct app *a, ui_rect *inner)
{
    ui_ctx *ui = app_ui(a);
    const struct ui_theme *th = ui_theme(ui);
    int w = screens_px(a, CARD_W_PX), h = screens_px(a, CARD_H_PX);
    int pad = screens_px(a, CARD_PAD_PX), m = screens_px(a, 24);
    if (w > app_width(a) - 2 * m)
        w = app_width(a) - 2 * m;
    ui_rect r = {(app_width(a) - w) / 2, (app_height(a) - h) / 2, w, h};
    ui_fill(ui, (ui_rect){0, 0, app_width(a), app_height(a)}, (ui_color){20, 24, 32, 170}, 0);
    ui_fill(ui, r, th->surface, 16);
    *inner = (ui_rect){r.x + pad, r.y + pad, r.w - 2 * pad, r.h - 2 * pad};
}

void idle_warning_frame(struct app *a, int seconds, int total)
{
    ui_ctx *ui = app_ui(a);
    struct i18n *tr = app_i18n(a);
    ui_rect in;
    card(a, &in);
    ui_area(ui, in);
    ui_heading(ui, i18n_tr(tr, "host.idle.ask"));
    ui_text(ui, i18n_tr(tr, "host.idle.why"));
    host_voice_cue(a, VOICE_CUE_ALERT, i18n_tr(tr, "host.idle.ask"));
    host_voice_cue(a, VOICE_CUE_ALERT, i18n_tr(tr, "host.idle.why"));
    ui_spacer(ui, 12);
    char secs[16], left[160];
    snprintf(secs, sizeof secs, "%d", seconds);
    static const char *const names[] = {"seconds"};
    const char *values[] = {secs};
    screens_template(i18n_tr(tr, "host.idle.left"), names, values, 1, left, sizeof left);
    ui_progress(ui, left, seconds, total > 0 ? total : seconds);
    ui_spacer(ui, 16);
    int bh = screens_px(a, BUTTON_H_PX);
    ui_next_rect(ui, (ui_rect){in.x, in.y + in.h - bh, in.w, bh});
    /* input.c ends the warning at any touch: the button says what to do */
    ui_button(ui, i18n_tr(tr, "host.idle.continue"), KIOSK_STYLE_PRIMARY);
    ui_area(ui, (ui_rect){0, 0, app_width(a), app_height(a)});
}
