/* The scrolled area: a screen's content above the on-screen keyboard moves up so that the
 * focused field and the way on (the end of the content) stay in view (issue 17 item 4). */
#include "ui_internal.h"

void ui_scroll_begin(ui_ctx *ui, ui_rect area)
{
    ui_area(ui, area);
    ui->scroll_on = 1;
    ui->clip = area;
    ui->view = area;
    ui->cursor_y = area.y - ui->scroll_px;
    ui->content_bottom = ui->cursor_y;
    ui->focus_in_scroll = 0;
    ui_draw_clip(ui, area);
}

/* While the keyboard is up, a widget the view's edge cuts is not drawn as a thin strip:
 * the view shrinks to leave it (and what follows it, below) out. */
static void cut_view(ui_ctx *ui, ui_rect r)
{
    int top = ui->view.y, bottom = ui->view.y + ui->view.h;
    if (!(ui->focus_id && ui->kb_rect.h > 0) && ui->scroll_px == 0)
        return; /* no keyboard: a long screen shows as before */
    if (r.y > top && r.y < bottom && r.y + r.h > bottom)
        bottom = r.y;
    else if (r.y < top && r.y + r.h > top && r.y + r.h < bottom)
        top = r.y + r.h;
    else
        return;
    ui->view = (ui_rect){ui->view.x, top, ui->view.w, bottom - top};
    ui_draw_clip(ui, ui->view);
}

void ui_scroll_note(ui_ctx *ui, ui_rect r)
{
    if (!ui->scroll_on)
        return;
    if (r.y + r.h > ui->content_bottom)
        ui->content_bottom = r.y + r.h;
    cut_view(ui, r);
}

void ui_scroll_note_focus(ui_ctx *ui, ui_rect r)
{
    if (!ui->scroll_on)
        return;
    ui->focus_in_scroll = 1;
    ui->focus_top = r.y;
    ui->focus_bottom = r.y + r.h;
}

ui_rect ui_scroll_clip(const ui_ctx *ui, ui_rect r)
{
    if (!ui->scroll_on)
        return r;
    ui_rect v = ui->view;
    int x0 = r.x > v.x ? r.x : v.x;
    int y0 = r.y > v.y ? r.y : v.y;
    int x1 = r.x + r.w < v.x + v.w ? r.x + r.w : v.x + v.w;
    int y1 = r.y + r.h < v.y + v.h ? r.y + r.h : v.y + v.h;
    if (x1 <= x0 || y1 <= y0)
        return (ui_rect){0, 0, 0, 0};
    return (ui_rect){x0, y0, x1 - x0, y1 - y0};
}

int ui_scroll_hides(const ui_ctx *ui, int x, int y)
{
    return ui->scroll_on && !ui_point_in(ui->view, x, y);
}

/* The next frame's scroll, in pixels of content moved up. */
static int next_scroll(const ui_ctx *ui)
{
    int view_h = ui->clip.h;
    int content_h = ui->content_bottom + ui->scroll_px - ui->clip.y; /* as if not moved */
    if (content_h <= view_h || !ui->focus_in_scroll)
        return 0; /* all fits, or nobody types: from the top */
    int top = ui->focus_top + ui->scroll_px - ui->clip.y;
    int bottom = ui->focus_bottom + ui->scroll_px - ui->clip.y;
    int s = content_h - view_h; /* the end of the content, the way on, just above the keys */
    if (top < s)
        s = top; /* the field first: it starts the view, what follows it (results) the rest */
    if (bottom - s > view_h)
        s = bottom - view_h;
    return s < 0 ? 0 : s;
}

void ui_scroll_end(ui_ctx *ui)
{
    if (!ui->scroll_on)
        return;
    ui_area_close(ui);
    int s = next_scroll(ui);
    if (s != ui->scroll_px) {
        ui->scroll_px = s;
        ui->want_frame = 1; /* laid out again before it is painted */
    }
    ui->scroll_on = 0;
    ui_draw_clip(ui, (ui_rect){0, 0, 0, 0}); /* the whole screen again */
}
