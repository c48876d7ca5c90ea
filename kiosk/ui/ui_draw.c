/* The draw list: commands and the arena that holds their texts and pixels. */
#include "ui_internal.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

int ui_px(const ui_ctx *ui, int px_at_800)
{
    int v = (int)((float)px_at_800 * ui->scale + 0.5f);
    return v < 1 && px_at_800 > 0 ? 1 : v;
}

size_t ui_arena_bytes(ui_ctx *ui, const void *bytes, size_t len)
{
    struct ui_drawlist *dl = &ui->dl;
    size_t need = dl->arena_used + len + 1;
    if (need > dl->arena_cap) {
        size_t n = dl->arena_cap ? dl->arena_cap : 16384;
        while (n < need)
            n *= 2;
        char *q = realloc(dl->arena, n);
        if (!q)
            return UI_NO_OFF;
        dl->arena = q;
        dl->arena_cap = n;
    }
    size_t off = dl->arena_used;
    memcpy(dl->arena + off, bytes, len);
    dl->arena[off + len] = '\0';
    /* keep every block 8-byte aligned */
    dl->arena_used = (off + len + 1 + 7) & ~(size_t)7;
    if (dl->arena_used > dl->arena_cap)
        dl->arena_used = dl->arena_cap;
    return off;
}

/* Texts reach the backend in NFC: callers may hand in NFD names from a spreadsheet, and
 * the font's combining marks would then sit wrong. ASCII needs no work. */
size_t ui_arena_text(ui_ctx *ui, const char *text, size_t len)
{
    int ascii = 1;
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)text[i] >= 0x80) {
            ascii = 0;
            break;
        }
    if (ascii)
        return ui_arena_bytes(ui, text, len);
    utf8proc_uint8_t *nfc = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)text, (utf8proc_ssize_t)len, &nfc,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (n < 0) /* invalid UTF-8: show it as it came rather than nothing */
        return ui_arena_bytes(ui, text, len);
    size_t off = ui_arena_bytes(ui, nfc, (size_t)n);
    free(nfc);
    return off;
}

static struct ui_cmd *push(ui_ctx *ui, int kind, ui_rect r, ui_color c, int widget)
{
    struct ui_drawlist *dl = &ui->dl;
    size_t cap = dl->cap;
    if (dl->count + 1 > cap) {
        if (!kiosk_grow((void **)&dl->cmds, &dl->cap, dl->count + 1, sizeof *dl->cmds))
            return NULL;
        size_t c1 = cap, c2 = cap;
        if (!kiosk_grow((void **)&ui->text_off, &c1, dl->cap, sizeof(size_t)) ||
            !kiosk_grow((void **)&ui->pix_off, &c2, dl->cap, sizeof(size_t)))
            return NULL;
    }
    struct ui_cmd *cmd = &dl->cmds[dl->count];
    memset(cmd, 0, sizeof *cmd);
    cmd->kind = kind;
    cmd->rect = r;
    cmd->color = c;
    cmd->widget = widget;
    ui->text_off[dl->count] = UI_NO_OFF;
    ui->pix_off[dl->count] = UI_NO_OFF;
    dl->count++;
    return cmd;
}

void ui_draw_rect(ui_ctx *ui, ui_rect r, ui_color c, int radius, int widget)
{
    struct ui_cmd *cmd = push(ui, UI_CMD_RECT, r, c, widget);
    if (cmd)
        cmd->radius = radius;
}

void ui_draw_frame(ui_ctx *ui, ui_rect r, ui_color c, int widget)
{
    push(ui, UI_CMD_FRAME, r, c, widget);
}

/* A rounded box with an edge: the edge colour filled, the inside filled over it, so the
 * edge follows the rounded corners (an outline command could only be square). */
void ui_draw_box(ui_ctx *ui, ui_rect r, ui_color fill, ui_color edge, int edge_px, int radius,
                 int widget)
{
    ui_draw_rect(ui, r, edge, radius, widget);
    ui_rect in = {r.x + edge_px, r.y + edge_px, r.w - 2 * edge_px, r.h - 2 * edge_px};
    ui_draw_rect(ui, in, fill, radius > edge_px ? radius - edge_px : 0, widget);
}

void ui_draw_clip(ui_ctx *ui, ui_rect r)
{
    push(ui, UI_CMD_CLIP, r, ui->theme.bg, -1);
}

void ui_draw_line(ui_ctx *ui, int x0, int y0, int x1, int y1, ui_color c, int width, int widget)
{
    ui_rect r = {x0, y0, x1 - x0, y1 - y0};
    struct ui_cmd *cmd = push(ui, UI_CMD_LINE, r, c, widget);
    if (cmd)
        cmd->radius = width;
}

size_t ui_draw_text_off(ui_ctx *ui, int x, int y, int w, int font, ui_color c, size_t off,
                        int widget)
{
    if (off == UI_NO_OFF)
        return off;
    ui_rect r = {x, y, w, ui_line_h(ui, font)};
    struct ui_cmd *cmd = push(ui, UI_CMD_TEXT, r, c, widget);
    if (!cmd)
        return UI_NO_OFF;
    cmd->font = font;
    ui->text_off[ui->dl.count - 1] = off;
    return off;
}

void ui_draw_image(ui_ctx *ui, ui_rect r, const uint8_t *pixels, int pw, int ph, uint64_t key,
                   int widget)
{
    ui_draw_image_scaled(ui, r, pixels, pw, ph, key, widget, 0);
}

void ui_draw_image_scaled(ui_ctx *ui, ui_rect r, const uint8_t *pixels, int pw, int ph,
                          uint64_t key, int widget, int smooth)
{
    size_t off = ui_arena_bytes(ui, pixels, (size_t)pw * (size_t)ph);
    if (off == UI_NO_OFF)
        return;
    ui_color white = {255, 255, 255, 255};
    struct ui_cmd *cmd = push(ui, UI_CMD_IMAGE, r, white, widget);
    if (!cmd)
        return;
    cmd->pw = pw;
    cmd->ph = ph;
    cmd->image_key = key;
    cmd->radius = smooth ? UI_IMAGE_SMOOTH : 0;
    ui->pix_off[ui->dl.count - 1] = off;
}

void ui_add_visible(ui_ctx *ui, size_t off, ui_rect box, int widget)
{
    if (off == UI_NO_OFF || ui_scroll_hides(ui, box.x + box.w / 2, box.y + box.h / 2))
        return; /* moved out of the scrolled area: not on the screen */
    size_t cap = ui->vis_cap;
    if (ui->vis_count + 1 > cap) {
        if (!kiosk_grow((void **)&ui->vis, &ui->vis_cap, ui->vis_count + 1, sizeof *ui->vis))
            return;
        size_t c1 = cap;
        if (!kiosk_grow((void **)&ui->vis_off, &c1, ui->vis_cap, sizeof(size_t)))
            return;
    }
    struct ui_visible_text *v = &ui->vis[ui->vis_count];
    v->text = NULL;
    v->rect = box;
    if (widget >= 0 && (size_t)widget < ui->widget_count)
        v->target = ui->widgets[widget].rect;
    else
        v->target = (ui_rect){0, 0, 0, 0};
    ui->vis_off[ui->vis_count] = off;
    ui->vis_count++;
}

void ui_drawlist_reset(ui_ctx *ui)
{
    ui->dl.count = 0;
    ui->dl.arena_used = 0;
    ui->dl.clear = ui->theme.bg;
    ui->vis_count = 0;
    ui->widget_count = 0;
}

/* Offsets become pointers once the arena stops moving. */
void ui_drawlist_finish(ui_ctx *ui)
{
    struct ui_drawlist *dl = &ui->dl;
    for (size_t i = 0; i < dl->count; i++) {
        if (ui->text_off[i] != UI_NO_OFF)
            dl->cmds[i].text = dl->arena + ui->text_off[i];
        if (ui->pix_off[i] != UI_NO_OFF)
            dl->cmds[i].pixels = (const uint8_t *)dl->arena + ui->pix_off[i];
    }
    for (size_t i = 0; i < ui->vis_count; i++)
        ui->vis[i].text = dl->arena + ui->vis_off[i];
}
