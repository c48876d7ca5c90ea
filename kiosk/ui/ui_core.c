/* The ui context: frames, theme, widget ids, the pointer and the redraw decision. */
#include "ui_internal.h"

#include "text/composer.h"
#include "ui_edit.h"

#include <stdlib.h>
#include <string.h>

/* Sizes are designed at 1280x800 and scale with the screen's height. */
static const struct ui_theme base_theme = {
    .bg = {0xF2, 0xF4, 0xF7, 255},
    .surface = {0xFF, 0xFF, 0xFF, 255},
    .text = {0x17, 0x1C, 0x22, 255},
    .muted = {0x55, 0x60, 0x6B, 255},
    .primary = {0x0B, 0x5C, 0xA8, 255},
    .primary_text = {0xFF, 0xFF, 0xFF, 255},
    .danger = {0xC0, 0x25, 0x25, 255},
    .ok = {0x1E, 0x7B, 0x34, 255},
    .border = {0xB8, 0xC2, 0xCC, 255},
    .focus = {0xE0, 0x8A, 0x00, 255},
    .touch_min_px = 64,
    .pad_px = 16,
};

ui_ctx *ui_new(const struct ui_text_metrics *metrics)
{
    ui_ctx *ui = calloc(1, sizeof *ui);
    if (!ui)
        return NULL;
    ui->metrics = *metrics;
    ui->im_method = VN_IM_TELEX;
    ui->im_tone = VN_TONE_TRADITIONAL;
    ui->theme = base_theme;
    ui->scale = 1.0f;
    ui->force_redraw = 1;
    return ui;
}

void ui_free(ui_ctx *ui)
{
    if (!ui)
        return;
    ui_fields_free(ui);
    free(ui->qr_px);
    free(ui->qr_text);
    free(ui->dl.cmds);
    free(ui->dl.arena);
    free(ui->text_off);
    free(ui->pix_off);
    free(ui->vis);
    free(ui->vis_off);
    free(ui->widgets);
    free(ui);
}

void ui_set_input_method(ui_ctx *ui, int method, int tone_style)
{
    ui->im_method = method;
    ui->im_tone = tone_style;
    for (int i = 0; i < UI_MAX_FIELDS; i++)
        if (ui->fields[i].edit)
            ui_edit_set_method(ui->fields[i].edit, method, tone_style);
}

int ui_input_method(const ui_ctx *ui)
{
    return ui->im_method;
}

void ui_set_translator(ui_ctx *ui, const char *(*tr)(void *user, const char *key), void *user)
{
    ui->tr = tr;
    ui->tr_user = user;
    ui->force_redraw = 1;
}

const char *ui_tr(ui_ctx *ui, const char *key)
{
    const char *s = ui->tr ? ui->tr(ui->tr_user, key) : NULL;
    return s ? s : key;
}

const struct ui_theme *ui_theme(const ui_ctx *ui)
{
    return &ui->theme;
}

ui_color ui_shade(ui_color c, int delta)
{
    int v[3] = {c.r + delta, c.g + delta, c.b + delta};
    for (int i = 0; i < 3; i++)
        v[i] = v[i] < 0 ? 0 : v[i] > 255 ? 255 : v[i];
    return (ui_color){(uint8_t)v[0], (uint8_t)v[1], (uint8_t)v[2], c.a};
}

uint32_t ui_hash(const char *s, uint32_t seed)
{
    uint32_t h = 2166136261u ^ seed;
    for (; s && *s; s++) {
        h ^= (unsigned char)*s;
        h *= 16777619u;
    }
    return h ? h : 1;
}

/* Ids come from what the widget is and says; a repeat in the same frame (two "OK"
 * buttons) gets the next id, so ids stay stable while the screen stays the same. */
uint32_t ui_make_id(ui_ctx *ui, const char *tag, const char *label)
{
    uint32_t id = ui_hash(label, ui_hash(tag, 0));
    for (;;) {
        int dup = 0;
        for (size_t i = 0; i < ui->widget_count; i++)
            if (ui->widgets[i].id == id) {
                dup = 1;
                break;
            }
        if (!dup)
            return id;
        id = id * 2654435761u + 1;
        if (!id)
            id = 1;
    }
}

int ui_point_in(ui_rect r, int x, int y)
{
    return x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}

/* While the keyboard is up, what lies under it takes no taps. */
int ui_blocked(const ui_ctx *ui, int x, int y)
{
    if (ui_scroll_hides(ui, x, y))
        return 1; /* the part of a widget moved out of the scrolled area */
    return ui->focus_id && ui->kb_rect.h > 0 && ui_point_in(ui->kb_rect, x, y);
}

int ui_register_widget(ui_ctx *ui, uint32_t id, ui_rect r)
{
    if (ui->widget_count == ui->widget_cap) {
        size_t n = ui->widget_cap ? ui->widget_cap * 2 : 64;
        struct ui_widget_slot *w = realloc(ui->widgets, n * sizeof *w);
        if (!w)
            return -1;
        ui->widgets = w;
        ui->widget_cap = n;
    }
    ui->widgets[ui->widget_count] = (struct ui_widget_slot){id, ui_scroll_clip(ui, r)};
    return (int)ui->widget_count++;
}

/* Activation is a press and a release inside the same widget: a finger that slides off
 * cancels, as people expect of touch screens. */
int ui_interact(ui_ctx *ui, uint32_t id, ui_rect r, int *widget)
{
    int w = ui_register_widget(ui, id, r);
    if (widget)
        *widget = w;
    const struct ui_event *ev = &ui->ev;
    int inside = ui_point_in(r, ev->x, ev->y);
    int blocked = ui_blocked(ui, ev->x, ev->y);
    switch (ev->kind) {
    case UI_EV_PRESS:
        if (inside && !blocked && !ui->ev_used) {
            ui->pressed_id = id;
            ui->ev_used = 1;
        }
        break;
    case UI_EV_MOVE:
        if (ui->pressed_id == id && !inside)
            ui->pressed_id = 0;
        break;
    case UI_EV_RELEASE:
        if (ui->pressed_id == id && inside && !ui->ev_used) {
            ui->ev_used = 1;
            return UI_HIT_CLICK;
        }
        break;
    default:
        break;
    }
    return ui->pressed_id == id && ui->pointer_down ? UI_HIT_HELD : UI_HIT_NONE;
}

static void set_theme(ui_ctx *ui, int width, int height)
{
    float s = height > 0 ? (float)height / 800.0f : 1.0f;
    if (width > 0 && (float)width / 1280.0f < s * 0.75f) /* a narrow portrait screen */
        s = (float)width / (1280.0f * 0.75f);
    ui->scale = s;
    ui->theme = base_theme;
    ui->theme.touch_min_px = ui_px(ui, base_theme.touch_min_px);
    ui->theme.pad_px = ui_px(ui, base_theme.pad_px);
}

void ui_begin(ui_ctx *ui, int width, int height, int64_t now_ms, const struct ui_event *ev)
{
    if (width != ui->width || height != ui->height) {
        ui->width = width;
        ui->height = height;
        set_theme(ui, width, height);
        ui->force_redraw = 1;
    }
    ui->frame++;
    ui->now_ms = now_ms;
    if (ev)
        ui->ev = *ev;
    else
        memset(&ui->ev, 0, sizeof ui->ev);
    ui->ev_used = 0;
    ui->want_frame = 0;
    ui->focus_seen = 0;
    ui->row_index = 0;
    switch (ui->ev.kind) {
    case UI_EV_PRESS:
        ui->pointer_down = 1;
        ui->px = ui->ev.x;
        ui->py = ui->ev.y;
        break;
    case UI_EV_MOVE:
    case UI_EV_RELEASE:
        ui->px = ui->ev.x;
        ui->py = ui->ev.y;
        break;
    default:
        /* events without a position still see the pointer where it is */
        ui->ev.x = ui->px;
        ui->ev.y = ui->py;
        break;
    }
    ui_drawlist_reset(ui);
    ui->qr_in_area = 0;
    ui_area(ui, (ui_rect){0, 0, width, height});
    ui_keyboard_input(ui);
}

static uint64_t mix(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) {
        h ^= b[i];
        h *= 1099511628211ull;
    }
    return h;
}

/* What the frame shows, as one number: the same number means the same picture. */
static uint64_t drawlist_hash(const ui_ctx *ui)
{
    uint64_t h = 1469598103934665603ull;
    h = mix(h, &ui->dl.clear, sizeof ui->dl.clear);
    h = mix(h, &ui->width, sizeof ui->width);
    h = mix(h, &ui->height, sizeof ui->height);
    for (size_t i = 0; i < ui->dl.count; i++) {
        const struct ui_cmd *c = &ui->dl.cmds[i];
        int f[9] = {c->kind, c->rect.x, c->rect.y, c->rect.w, c->rect.h,
                    c->font, c->radius, c->pw,     c->ph};
        h = mix(h, f, sizeof f);
        h = mix(h, &c->color, sizeof c->color);
        h = mix(h, &c->image_key, sizeof c->image_key);
        if (c->text)
            h = mix(h, c->text, strlen(c->text) + 1);
    }
    return h;
}

const struct ui_drawlist *ui_end(ui_ctx *ui)
{
    ui_area_close(ui);
    if (ui->ev.kind == UI_EV_RELEASE) {
        ui->pointer_down = 0;
        ui->pressed_id = 0;
        if (ui->hold_id)
            ui->hold_id = 0;
        ui->sig_id = 0;
    }
    ui->focus_next = 0;  /* asked on a frame that drew no field: nothing later takes it */
    if (ui->tab_after) { /* Tab on the last field: the first one takes focus next frame */
        ui->tab_after = 0;
        ui->tab_wrap = 1;
    }
    if (ui->focus_id && !ui->focus_seen) /* the field went away with its screen */
        ui->focus_id = 0;
    if (!ui->focus_id)
        ui->kb_rect = (ui_rect){0, 0, 0, 0};
    ui_drawlist_finish(ui);
    uint64_t h = drawlist_hash(ui);
    ui->redraw = h != ui->last_hash || ui->want_frame || ui->force_redraw;
    ui->force_redraw = 0;
    ui->last_hash = h;
    return &ui->dl;
}

int ui_needs_redraw(const ui_ctx *ui)
{
    return ui->redraw != 0;
}

const struct ui_visible_text *ui_visible(const ui_ctx *ui, size_t *count)
{
    if (count)
        *count = ui->vis_count;
    return ui->vis;
}

void ui_reset(ui_ctx *ui)
{
    ui->focus_id = 0;
    ui->pressed_id = 0;
    ui->pointer_down = 0;
    ui->hold_id = 0;
    ui->sig_id = 0;
    ui->kb_shift = ui->kb_caps = ui->kb_symbols = 0;
    ui->kb_rect = (ui_rect){0, 0, 0, 0};
    ui->scroll_px = 0;
    ui_fields_reset(ui);
    ui->force_redraw = 1;
}

int ui_has_focus(const ui_ctx *ui)
{
    return ui->focus_id != 0;
}

void ui_blur(ui_ctx *ui)
{
    ui->focus_id = 0;
}
