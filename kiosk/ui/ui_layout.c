/* Layout: widgets stack top to bottom in the current area; a row puts n side by side;
 * ui_next_rect places exactly one. */
#include "ui_internal.h"

static int gap(const ui_ctx *ui)
{
    return ui->theme.pad_px / 2;
}

void ui_area_close(ui_ctx *ui)
{
    if (!ui->qr_in_area)
        return;
    ui->qr_in_area = 0;
    int bottom = ui->area.y + ui->area.h;
    int used = ui->row_cols ? ui->row_y + ui->row_h : ui->cursor_y - gap(ui);
    int target = ui->qr_side_px - (used - bottom);
    if (target > ui->height)
        target = ui->height;
    if (target != ui->qr_target_px) {
        ui->qr_target_px = target;
        ui->want_frame = 1;
    }
}

void ui_area(ui_ctx *ui, ui_rect area)
{
    ui_area_close(ui);
    ui->area = area;
    ui->cursor_y = area.y;
    ui->row_cols = 0;
    ui->has_next = 0;
}

ui_rect ui_get_area(const ui_ctx *ui)
{
    return ui->area;
}

int ui_cursor_y(const ui_ctx *ui)
{
    return ui->cursor_y;
}

ui_rect ui_screen(const ui_ctx *ui)
{
    return (ui_rect){0, 0, ui->width, ui->height};
}

void ui_row_begin(ui_ctx *ui, int columns)
{
    ui->row_cols = columns > 0 ? columns : 1;
    ui->row_i = 0;
    ui->row_y = ui->cursor_y;
    ui->row_h = 0;
    ui->row_own_h = 0;
}

/* Widgets of a row take the row's height of the last frame, so three buttons of a row
 * stand equally tall though only the second one's label wraps. A row that changed asks
 * for one more frame, which then is stable. */
static void remember_row(ui_ctx *ui)
{
    if (ui->row_index < UI_MAX_ROWS) {
        if (ui->row_last_h[ui->row_index] != ui->row_own_h) {
            ui->row_last_h[ui->row_index] = ui->row_own_h;
            ui->want_frame = 1;
        }
    }
    ui->row_index++;
    ui->row_own_h = 0;
}

void ui_row_end(ui_ctx *ui)
{
    if (!ui->row_cols)
        return;
    remember_row(ui);
    if (ui->row_h > 0)
        ui->cursor_y = ui->row_y + ui->row_h + gap(ui);
    ui->row_cols = 0;
}

void ui_spacer(ui_ctx *ui, int height_px)
{
    /* sizes are given as at 1280x800, like the theme's */
    ui->cursor_y += ui_px(ui, height_px);
}

void ui_next_rect(ui_ctx *ui, ui_rect r)
{
    ui->next = r;
    ui->has_next = 1;
}

static int col_w(const ui_ctx *ui)
{
    int g = gap(ui);
    return (ui->area.w - g * (ui->row_cols - 1)) / ui->row_cols;
}

int ui_layout_width(ui_ctx *ui)
{
    if (ui->has_next)
        return ui->next.w;
    if (ui->row_cols)
        return col_w(ui);
    return ui->area.w;
}

/* The next widget's rectangle for a widget h pixels high (an exact rectangle from
 * ui_next_rect keeps its own height). */
ui_rect ui_layout_next(ui_ctx *ui, int h)
{
    if (ui->has_next) {
        ui->has_next = 0;
        return ui->next;
    }
    int g = gap(ui);
    if (ui->row_cols) {
        if (ui->row_i == ui->row_cols) { /* more widgets than columns: a new line */
            remember_row(ui);
            ui->row_y += ui->row_h + g;
            ui->row_i = 0;
            ui->row_h = 0;
        }
        if (h > ui->row_own_h)
            ui->row_own_h = h;
        if (ui->row_index < UI_MAX_ROWS && ui->row_last_h[ui->row_index] > h)
            h = ui->row_last_h[ui->row_index];
        int w = col_w(ui);
        ui_rect r = {ui->area.x + ui->row_i * (w + g), ui->row_y, w, h};
        ui->row_i++;
        if (h > ui->row_h)
            ui->row_h = h;
        ui_scroll_note(ui, r);
        return r;
    }
    ui_rect r = {ui->area.x, ui->cursor_y, ui->area.w, h};
    ui->cursor_y += h + g;
    ui_scroll_note(ui, r);
    return r;
}
