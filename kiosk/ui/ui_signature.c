/* The signature pad (finger strokes into struct kiosk_signature, drawn as lines) and the
 * hold area behind the hidden admin gesture. */
#include "ui_internal.h"

#include <string.h>

static int add_point(struct kiosk_signature *sig, int x, int y)
{
    /* keep one slot for the stroke's end mark */
    if (sig->count + 1 >= KIOSK_ARRAY_LEN(sig->points))
        return 0;
    if (sig->count > 0) {
        const struct kiosk_point *last = &sig->points[sig->count - 1];
        if (last->x == x && last->y == y)
            return 0;
    }
    sig->points[sig->count++] = (struct kiosk_point){(int16_t)x, (int16_t)y};
    return 1;
}

static void end_stroke(struct kiosk_signature *sig)
{
    if (sig->count > 0 && sig->points[sig->count - 1].x != -1 &&
        sig->count < KIOSK_ARRAY_LEN(sig->points))
        sig->points[sig->count++] = (struct kiosk_point){-1, -1};
}

static int clampi(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

static int track(ui_ctx *ui, uint32_t id, ui_rect pad, struct kiosk_signature *sig)
{
    const struct ui_event *ev = &ui->ev;
    int x = clampi(ev->x - pad.x, 0, pad.w - 1), y = clampi(ev->y - pad.y, 0, pad.h - 1);
    if (sig->count == 0) { /* a fresh signature takes the pad's size as its frame */
        sig->width = pad.w;
        sig->height = pad.h;
    } else if (sig->width > 0 && sig->height > 0) {
        x = x * sig->width / pad.w;
        y = y * sig->height / pad.h;
    }
    switch (ev->kind) {
    case UI_EV_PRESS:
        if (ui->ev_used || !ui_point_in(pad, ev->x, ev->y) || ui_blocked(ui, ev->x, ev->y))
            return 0;
        ui->ev_used = 1;
        ui->sig_id = id;
        end_stroke(sig);
        return add_point(sig, x, y);
    case UI_EV_MOVE:
        if (ui->sig_id != id || !ui->pointer_down)
            return 0;
        return add_point(sig, x, y);
    case UI_EV_RELEASE:
        if (ui->sig_id != id)
            return 0;
        ui->ev_used = 1;
        add_point(sig, x, y);
        end_stroke(sig);
        return 1;
    default:
        return 0;
    }
}

static void draw_strokes(ui_ctx *ui, ui_rect pad, const struct kiosk_signature *sig, int wi)
{
    int sw = sig->width > 0 ? sig->width : pad.w, sh = sig->height > 0 ? sig->height : pad.h;
    int t = ui_px(ui, 4);
    ui_color ink = {0x0E, 0x1E, 0x5A, 255};
    for (size_t i = 0; i < sig->count; i++) {
        const struct kiosk_point *p = &sig->points[i];
        if (p->x < 0)
            continue;
        int x0 = pad.x + p->x * pad.w / sw, y0 = pad.y + p->y * pad.h / sh;
        const struct kiosk_point *q = i + 1 < sig->count ? &sig->points[i + 1] : NULL;
        int lone = (!q || q->x < 0) && (i == 0 || sig->points[i - 1].x < 0);
        if (lone) /* a dot */
            ui_draw_rect(ui, (ui_rect){x0 - t / 2, y0 - t / 2, t, t}, ink, 0, wi);
        else if (q && q->x >= 0)
            ui_draw_line(ui, x0, y0, pad.x + q->x * pad.w / sw, pad.y + q->y * pad.h / sh, ink, t,
                         wi);
    }
}

int ui_signature(ui_ctx *ui, struct kiosk_signature *sig)
{
    if (!sig)
        return 0;
    int w = ui_layout_width(ui);
    int h = ui->theme.touch_min_px * 7 / 2;
    ui_rect pad = ui_layout_next(ui, h);
    (void)w;
    uint32_t id = ui_make_id(ui, "signature", "");
    int wi = ui_register_widget(ui, id, pad);
    int changed = track(ui, id, pad, sig);
    ui_draw_box(ui, pad, ui->theme.surface, ui->theme.border, 2, ui_px(ui, 6), wi);
    /* a line to sign on, as on paper */
    int base_y = pad.y + pad.h * 3 / 4;
    ui_draw_line(ui, pad.x + ui_px(ui, 24), base_y, pad.x + pad.w - ui_px(ui, 24), base_y,
                 ui->theme.border, ui_px(ui, 2), wi);
    draw_strokes(ui, pad, sig, wi);
    if (ui_button(ui, ui_tr(ui, "ui.sign_again"), KIOSK_STYLE_NORMAL)) {
        sig->count = 0;
        changed = 1;
    }
    return changed;
}

int64_t ui_hold_area(ui_ctx *ui, ui_rect r)
{
    char name[64];
    kiosk_fmt(name, sizeof name, "%d,%d,%d,%d", r.x, r.y, r.w, r.h);
    uint32_t id = ui_make_id(ui, "hold", name);
    ui_register_widget(ui, id, r);
    const struct ui_event *ev = &ui->ev;
    if (ev->kind == UI_EV_PRESS && !ui->ev_used && ui_point_in(r, ev->x, ev->y)) {
        ui->hold_id = id;
        ui->hold_start_ms = ui->now_ms;
        ui->ev_used = 1;
    } else if (ev->kind == UI_EV_MOVE && ui->hold_id == id && !ui_point_in(r, ev->x, ev->y)) {
        ui->hold_id = 0;
    }
    if (ui->hold_id != id || !ui->pointer_down)
        return 0;
    ui->want_frame = 1; /* the hold counts up with no input: the host keeps frames coming */
    return ui->now_ms - ui->hold_start_ms;
}
