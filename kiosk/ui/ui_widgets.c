/* The plain widgets: heading, text, label, message, button, tile, checkbox, list item. */
#include "ui_internal.h"

#include <string.h>

static ui_color mix(ui_color a, ui_color b, int b_percent)
{
    int p = b_percent, q = 100 - b_percent;
    return (ui_color){(uint8_t)((a.r * q + b.r * p) / 100), (uint8_t)((a.g * q + b.g * p) / 100),
                      (uint8_t)((a.b * q + b.b * p) / 100), 255};
}

static void para_widget(ui_ctx *ui, const char *text, int font, ui_color c, int space_after)
{
    if (!text)
        return;
    int w = ui_layout_width(ui);
    int h = ui_para_height(ui, font, text, w, 0);
    ui_rect r = ui_layout_next(ui, h + space_after);
    r.h -= space_after;
    if (r.h > h) { /* in a row of taller widgets: level with their labels */
        r.y += (r.h - h) / 2;
        r.h = h;
    }
    ui_draw_para(ui, r, font, c, text, UI_ALIGN_LEFT, -1, 0);
}

void ui_heading(ui_ctx *ui, const char *text)
{
    para_widget(ui, text, UI_FONT_TITLE, ui->theme.text, ui_px(ui, 4));
}

void ui_text(ui_ctx *ui, const char *text)
{
    para_widget(ui, text, UI_FONT_BODY, ui->theme.text, 0);
}

void ui_label(ui_ctx *ui, const char *text, int font, ui_color color)
{
    if (font < 0 || font >= UI_FONT_COUNT)
        font = UI_FONT_BODY;
    para_widget(ui, text, font, color, 0);
}

void ui_message(ui_ctx *ui, int kind, const char *text)
{
    if (!text)
        return;
    ui_color c = kind == KIOSK_MSG_OK      ? ui->theme.ok
                 : kind == KIOSK_MSG_ERROR ? ui->theme.danger
                                           : ui->theme.primary;
    int pad = ui->theme.pad_px, bar = ui_px(ui, 8);
    int w = ui_layout_width(ui);
    int th = ui_para_height(ui, UI_FONT_BODY, text, w - 2 * pad - bar, 0);
    int h = th + 2 * pad;
    if (h < ui->theme.touch_min_px)
        h = ui->theme.touch_min_px;
    ui_rect r = ui_layout_next(ui, h);
    ui_draw_rect(ui, r, mix(ui->theme.surface, c, 12), ui_px(ui, 6), -1);
    ui_draw_rect(ui, (ui_rect){r.x, r.y, bar, r.h}, c, 0, -1);
    ui_rect tb = {r.x + bar + pad, r.y + (r.h - th) / 2, r.w - bar - 2 * pad, th};
    ui_draw_para(ui, tb, UI_FONT_BODY, mix(c, ui->theme.text, 35), text, UI_ALIGN_LEFT, -1, 0);
}

/* Height for a label of a tappable widget: at least the touch minimum, more when the label
 * needs two lines. */
static int tap_height(ui_ctx *ui, int font, const char *text, int text_w, int max_lines)
{
    int h = ui_para_height(ui, font, text, text_w, max_lines) + ui->theme.pad_px;
    return h > ui->theme.touch_min_px ? h : ui->theme.touch_min_px;
}

/* The bold button font, unless a word of label is wider than w in it (a narrow tab of a
 * long row, "Trainees"): then the body font, so no word is cut in two. */
static int button_font(ui_ctx *ui, const char *label, int w)
{
    char word[128];
    for (const char *p = label; *p;) {
        size_t n = strcspn(p, " ");
        if (n && n < sizeof word) {
            memcpy(word, p, n);
            word[n] = '\0';
            if (ui_text_w(ui, UI_FONT_LARGE, word) > w)
                return UI_FONT_BODY;
        }
        p += n + (p[n] == ' ');
    }
    return UI_FONT_LARGE;
}

int ui_button(ui_ctx *ui, const char *label, int style)
{
    if (!label)
        label = "";
    int pad = ui->theme.pad_px;
    int w = ui_layout_width(ui);
    /* one bold font for every button, wrapped when needed: rows match their heights */
    int font = button_font(ui, label, w - 2 * pad);
    int h = tap_height(ui, font, label, w - 2 * pad, 2);
    ui_rect r = ui_layout_next(ui, h);
    int wi;
    int hit = ui_interact(ui, ui_make_id(ui, "button", label), r, &wi);
    ui_color bg = ui->theme.surface, fg = ui->theme.primary;
    if (style == KIOSK_STYLE_PRIMARY) {
        bg = ui->theme.primary;
        fg = ui->theme.primary_text;
    } else if (style == KIOSK_STYLE_DANGER) {
        bg = ui->theme.danger;
        fg = ui->theme.primary_text;
    }
    if (hit == UI_HIT_HELD)
        bg = ui_shade(bg, -40);
    if (style == KIOSK_STYLE_NORMAL)
        ui_draw_box(ui, r, bg, hit == UI_HIT_HELD ? ui->theme.primary : ui->theme.border, 2,
                    ui_px(ui, 8), wi);
    else
        ui_draw_rect(ui, r, bg, ui_px(ui, 8), wi);
    int th = ui_para_height(ui, font, label, r.w - 2 * pad, 2);
    ui_rect tb = {r.x + pad, r.y + (r.h - th) / 2, r.w - 2 * pad, th};
    ui_draw_para(ui, tb, font, fg, label, UI_ALIGN_CENTRE, wi, 2);
    return hit == UI_HIT_CLICK;
}

int ui_tile(ui_ctx *ui, const char *title, const char *detail)
{
    if (!title)
        title = "";
    int pad = ui->theme.pad_px * 3 / 2;
    int w = ui_layout_width(ui);
    int tw = w - 2 * pad;
    int content = ui_para_height(ui, UI_FONT_TITLE, title, tw, 2);
    if (detail && *detail)
        content += ui_px(ui, 8) + ui_para_height(ui, UI_FONT_BODY, detail, tw, 3);
    int h = content + 2 * pad;
    if (h < ui->theme.touch_min_px * 5 / 2)
        h = ui->theme.touch_min_px * 5 / 2;
    ui_rect r = ui_layout_next(ui, h);
    int wi;
    int hit = ui_interact(ui, ui_make_id(ui, "tile", title), r, &wi);
    ui_color bg = hit == UI_HIT_HELD ? ui_shade(ui->theme.primary, -40) : ui->theme.primary;
    ui_draw_rect(ui, r, bg, ui_px(ui, 12), wi);
    /* a tile taller than its words (a home screen's grid) shows them in its middle */
    int top = r.h > content + 2 * pad ? (r.h - content) / 2 : pad;
    ui_rect tb = {r.x + pad, r.y + top, tw, r.h - top - pad};
    int used =
        ui_draw_para(ui, tb, UI_FONT_TITLE, ui->theme.primary_text, title, UI_ALIGN_LEFT, wi, 2);
    if (detail && *detail) {
        tb.y += used + ui_px(ui, 8);
        tb.h = r.y + r.h - pad - tb.y;
        ui_draw_para(ui, tb, UI_FONT_BODY, mix(ui->theme.primary_text, ui->theme.primary, 15),
                     detail, UI_ALIGN_LEFT, wi, 3);
    }
    return hit == UI_HIT_CLICK;
}

static void check_mark(ui_ctx *ui, ui_rect b, ui_color c)
{
    int t = ui_px(ui, 5);
    int x0 = b.x + b.w * 22 / 100, y0 = b.y + b.h * 52 / 100;
    int x1 = b.x + b.w * 42 / 100, y1 = b.y + b.h * 72 / 100;
    int x2 = b.x + b.w * 78 / 100, y2 = b.y + b.h * 30 / 100;
    ui_draw_line(ui, x0, y0, x1, y1, c, t, -1);
    ui_draw_line(ui, x1, y1, x2, y2, c, t, -1);
}

int ui_checkbox(ui_ctx *ui, const char *label, int *value)
{
    if (!label)
        label = "";
    int pad = ui->theme.pad_px, box = ui_px(ui, 44);
    int w = ui_layout_width(ui);
    int text_w = w - box - 3 * pad;
    int h = tap_height(ui, UI_FONT_BODY, label, text_w, 4);
    ui_rect r = ui_layout_next(ui, h);
    int wi;
    int hit = ui_interact(ui, ui_make_id(ui, "checkbox", label), r, &wi);
    int changed = 0;
    if (hit == UI_HIT_CLICK && value) {
        *value = !*value;
        changed = 1;
    }
    int on = value && *value;
    ui_color bg = hit == UI_HIT_HELD ? ui_shade(ui->theme.surface, -20) : ui->theme.surface;
    ui_draw_rect(ui, r, bg, ui_px(ui, 8), wi);
    ui_rect b = {r.x + pad, r.y + (r.h - box) / 2, box, box};
    if (on) {
        ui_draw_rect(ui, b, ui->theme.primary, ui_px(ui, 6), wi);
        check_mark(ui, b, ui->theme.primary_text);
    } else {
        ui_draw_box(ui, b, ui->theme.surface, ui->theme.muted, ui_px(ui, 3), ui_px(ui, 6), wi);
    }
    int th = ui_para_height(ui, UI_FONT_BODY, label, r.w - box - 3 * pad, 4);
    ui_rect tb = {b.x + box + pad, r.y + (r.h - th) / 2, r.w - box - 3 * pad, th};
    ui_draw_para(ui, tb, UI_FONT_BODY, ui->theme.text, label, UI_ALIGN_LEFT, wi, 4);
    return changed;
}

int ui_list_item(ui_ctx *ui, const char *title, const char *detail)
{
    if (!title)
        title = "";
    int pad = ui->theme.pad_px;
    int lt = ui_line_h(ui, UI_FONT_BODY), ld = ui_line_h(ui, UI_FONT_SMALL);
    int h = lt + (detail && *detail ? ld : 0) + pad;
    if (h < ui->theme.touch_min_px)
        h = ui->theme.touch_min_px;
    ui_rect r = ui_layout_next(ui, h);
    /* the detail tells namesakes apart, so it is part of the id */
    char idtext[512];
    kiosk_fmt(idtext, sizeof idtext, "%s\x1f%s", title, detail ? detail : "");
    int wi;
    int hit = ui_interact(ui, ui_make_id(ui, "item", idtext), r, &wi);
    ui_color bg = hit == UI_HIT_HELD ? ui_shade(ui->theme.surface, -25) : ui->theme.surface;
    ui_draw_rect(ui, r, bg, ui_px(ui, 6), wi);
    int content = lt + (detail && *detail ? ld : 0);
    int y = r.y + (r.h - content) / 2;
    ui_rect tb = {r.x + pad, y, r.w - 2 * pad, lt};
    ui_draw_line_text(ui, tb, UI_FONT_BODY, ui->theme.text, title, UI_ALIGN_LEFT, wi);
    if (detail && *detail) {
        tb = (ui_rect){r.x + pad, y + lt, r.w - 2 * pad, ld};
        ui_draw_line_text(ui, tb, UI_FONT_SMALL, ui->theme.muted, detail, UI_ALIGN_LEFT, wi);
    }
    return hit == UI_HIT_CLICK;
}

void ui_fill(ui_ctx *ui, ui_rect r, ui_color c, int radius_px)
{
    ui_draw_rect(ui, r, c, ui_px(ui, radius_px), 0);
}
