/* Bar charts for the staff views: columns when the labels are short (hours of a day),
 * rows when they are words (a fair's interests); and the progress bar of a long job. */
#include "ui_internal.h"

#include <stdio.h>

static int max_of(const int *values, size_t count)
{
    int m = 0;
    for (size_t i = 0; i < count; i++)
        if (values[i] > m)
            m = values[i];
    return m;
}

static void columns(ui_ctx *ui, ui_rect r, const char *const *labels, const int *values,
                    size_t count, int vmax)
{
    int lh = ui_line_h(ui, UI_FONT_SMALL);
    int slot = r.w / (int)count;
    int bar_w = slot * 65 / 100;
    int base = r.y + r.h - lh;
    int top = r.y + lh;
    for (size_t i = 0; i < count; i++) {
        int x = r.x + (int)i * slot;
        int bh = vmax > 0 ? (base - top) * values[i] / vmax : 0;
        ui_draw_rect(ui, (ui_rect){x + (slot - bar_w) / 2, base - bh, bar_w, bh}, ui->theme.primary,
                     0, -1);
        char num[16];
        snprintf(num, sizeof num, "%d", values[i]);
        ui_draw_line_text(ui, (ui_rect){x, base - bh - lh, slot, lh}, UI_FONT_SMALL, ui->theme.text,
                          num, UI_ALIGN_CENTRE, -1);
        ui_draw_line_text(ui, (ui_rect){x, base, slot, lh}, UI_FONT_SMALL, ui->theme.muted,
                          labels[i] ? labels[i] : "", UI_ALIGN_CENTRE, -1);
    }
    ui_draw_line(ui, r.x, base, r.x + r.w, base, ui->theme.border, ui_px(ui, 2), -1);
}

static void bars(ui_ctx *ui, ui_rect r, const char *const *labels, const int *values, size_t count,
                 int vmax, int label_w)
{
    int lh = ui_line_h(ui, UI_FONT_BODY), gap = ui_px(ui, 6), pad = ui->theme.pad_px;
    char num[16];
    snprintf(num, sizeof num, "%d", vmax);
    int num_w = ui_text_w(ui, UI_FONT_BODY, num) + pad;
    int bar_x = r.x + label_w + pad, bar_max = r.w - label_w - pad - num_w;
    for (size_t i = 0; i < count; i++) {
        int y = r.y + (int)i * (lh + gap);
        ui_draw_line_text(ui, (ui_rect){r.x, y, label_w, lh}, UI_FONT_BODY, ui->theme.text,
                          labels[i] ? labels[i] : "", UI_ALIGN_LEFT, -1);
        int bw = vmax > 0 ? bar_max * values[i] / vmax : 0;
        ui_draw_rect(ui, (ui_rect){bar_x, y + gap / 2, bw, lh - gap}, ui->theme.primary, 0, -1);
        snprintf(num, sizeof num, "%d", values[i]);
        ui_draw_line_text(ui, (ui_rect){bar_x + bw + gap, y, num_w, lh}, UI_FONT_BODY,
                          ui->theme.text, num, UI_ALIGN_LEFT, -1);
    }
}

void ui_bar_chart(ui_ctx *ui, const char *title, const char *const *labels, const int *values,
                  size_t count)
{
    if (title && *title)
        ui_label(ui, title, UI_FONT_LARGE, ui->theme.text);
    if (count == 0 || !labels || !values)
        return;
    int w = ui_layout_width(ui);
    int widest = 0;
    for (size_t i = 0; i < count; i++) {
        int lw = labels[i] ? ui_text_w(ui, UI_FONT_SMALL, labels[i]) : 0;
        if (lw > widest)
            widest = lw;
    }
    int vmax = max_of(values, count);
    if (widest <= w / (int)count - ui_px(ui, 4)) {
        ui_rect r = ui_layout_next(ui, ui_px(ui, 240));
        columns(ui, r, labels, values, count, vmax);
        return;
    }
    int label_w = 0;
    for (size_t i = 0; i < count; i++) {
        int lw = labels[i] ? ui_text_w(ui, UI_FONT_BODY, labels[i]) : 0;
        if (lw > label_w)
            label_w = lw;
    }
    if (label_w > w * 45 / 100)
        label_w = w * 45 / 100;
    int lh = ui_line_h(ui, UI_FONT_BODY), gap = ui_px(ui, 6);
    ui_rect r = ui_layout_next(ui, (int)count * (lh + gap));
    bars(ui, r, labels, values, count, vmax, label_w);
}

void ui_progress(ui_ctx *ui, const char *caption, long done, long total)
{
    if (caption && *caption)
        ui_label(ui, caption, UI_FONT_BODY, ui->theme.text);
    ui_rect r = ui_layout_next(ui, ui_px(ui, 28));
    int edge = ui_px(ui, 2);
    ui_draw_box(ui, r, ui->theme.surface, ui->theme.border, edge, ui_px(ui, 6), -1);
    if (total <= 0 || done <= 0)
        return; /* how much is left is not known yet: the count alone says it moves */
    long d = done < total ? done : total;
    int w = (int)((long long)(r.w - 2 * edge) * d / total);
    ui_draw_rect(ui, (ui_rect){r.x + edge, r.y + edge, w, r.h - 2 * edge}, ui->theme.primary,
                 ui_px(ui, 4), -1);
}
