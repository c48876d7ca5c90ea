/* Text fields: a label, a box, an error under it; focus on tap; typed text and keys go
 * through the field's own editor (the Telex/VNI composer, kept by widget id). */
#include "ui_internal.h"

#include <stdlib.h>
#include <string.h>

static int numeric(int kind)
{
    return kind == KIOSK_FIELD_PHONE || kind == KIOSK_FIELD_YEAR || kind == KIOSK_FIELD_PIN;
}

static struct ui_field_state *field_state(ui_ctx *ui, uint32_t id, int kind)
{
    struct ui_field_state *free_slot = NULL, *oldest = NULL;
    for (int i = 0; i < UI_MAX_FIELDS; i++) {
        struct ui_field_state *f = &ui->fields[i];
        if (f->edit && f->id == id)
            return f;
        if (!f->edit && !free_slot)
            free_slot = f;
        if (f->edit && f->id != ui->focus_id && (!oldest || f->seen_frame < oldest->seen_frame))
            oldest = f;
    }
    struct ui_field_state *f = free_slot ? free_slot : oldest;
    if (!f)
        return NULL;
    if (f->edit)
        ui_edit_free(f->edit);
    memset(f, 0, sizeof *f);
    /* digits, paths and passwords are typed as they are: no composer rules may turn them
     * into tones */
    int raw = numeric(kind) || kind == UI_FIELD_PLAIN || kind == UI_FIELD_SECRET;
    f->edit = ui_edit_new(raw ? 0 : ui->im_method, ui->im_tone);
    if (!f->edit)
        return NULL;
    f->id = id;
    f->kind = kind;
    return f;
}

struct ui_field_state *ui_field_focused(ui_ctx *ui)
{
    if (!ui->focus_id)
        return NULL;
    for (int i = 0; i < UI_MAX_FIELDS; i++)
        if (ui->fields[i].edit && ui->fields[i].id == ui->focus_id)
            return &ui->fields[i];
    return NULL;
}

static size_t max_len(const struct ui_field_state *f)
{
    size_t m = f->cap ? f->cap - 1 : 0;
    if (f->kind == KIOSK_FIELD_YEAR && m > 4)
        m = 4;
    if (f->kind == KIOSK_FIELD_PHONE && m > 20) /* "+" and E.164's 15 digits, spaced */
        m = 20;
    return m;
}

void ui_field_apply_key(ui_ctx *ui, struct ui_field_state *f, const char *key)
{
    /* a number from abroad starts with its "+" (E.164); nothing else but digits */
    int plus = f->kind == KIOSK_FIELD_PHONE && strcmp(key, "+") == 0 && !ui_edit_text(f->edit)[0];
    if (numeric(f->kind) && !plus && !(key[0] >= '0' && key[0] <= '9' && key[1] == '\0'))
        return;
    ui_edit_key(f->edit, key);
    /* a key that would overflow the caller's buffer is taken back */
    if (f->cap && strlen(ui_edit_text(f->edit)) > max_len(f))
        ui_edit_backspace(f->edit);
    f->changed = 1;
}

void ui_field_apply_tone(ui_ctx *ui, struct ui_field_state *f, int tone)
{
    if (numeric(f->kind))
        return;
    ui_edit_tone(f->edit, tone);
    if (f->cap && strlen(ui_edit_text(f->edit)) > max_len(f))
        ui_edit_backspace(f->edit);
    f->changed = 1;
}

void ui_field_apply_backspace(ui_ctx *ui, struct ui_field_state *f)
{
    ui_edit_backspace(f->edit);
    f->changed = 1;
}

void ui_focus_next_field(ui_ctx *ui)
{
    ui->focus_next = 1;
}

void ui_fields_reset(ui_ctx *ui)
{
    ui_fields_free(ui);
    ui->tab_after = 0;
    ui->tab_wrap = 0;
}

void ui_fields_free(ui_ctx *ui)
{
    for (int i = 0; i < UI_MAX_FIELDS; i++) {
        if (ui->fields[i].edit)
            ui_edit_free(ui->fields[i].edit);
        memset(&ui->fields[i], 0, sizeof ui->fields[i]);
    }
}

static void focus(ui_ctx *ui, uint32_t id)
{
    ui->focus_id = id;
    ui->kb_shift = -1;
    ui->kb_caps = 0;
    ui->kb_symbols = 0;
}

size_t ui_utf8_take(const char *p, char out[8])
{
    size_t n = 0;
    if (p[0]) {
        n = 1;
        while (p[n] && ((unsigned char)p[n] & 0xC0) == 0x80 && n < 7)
            n++;
    }
    memcpy(out, p, n);
    out[n] = '\0';
    return n;
}

/* Physical keys and typed text go to the focused field. */
static void field_input(ui_ctx *ui, struct ui_field_state *f, uint32_t id)
{
    const struct ui_event *ev = &ui->ev;
    if (ui->ev_used)
        return;
    if (ev->kind == UI_EV_TEXT) {
        char ch[8];
        for (size_t n, at = 0; (n = ui_utf8_take(ev->text + at, ch)) > 0; at += n)
            ui_field_apply_key(ui, f, ch);
        ui->ev_used = 1;
    } else if (ev->kind == UI_EV_KEY) {
        switch (ev->key) {
        case UI_KEY_BACKSPACE:
            ui_field_apply_backspace(ui, f);
            break;
        case UI_KEY_RETURN:
        case UI_KEY_ESCAPE:
            ui->focus_id = 0;
            break;
        case UI_KEY_TAB:
            ui->tab_after = id;
            break;
        default:
            return;
        }
        ui->ev_used = 1;
    }
}

/* The part of text that fits w from its end: the end is what the person is typing. */
static const char *tail_fit(ui_ctx *ui, int font, const char *text, int w, int *tw)
{
    *tw = ui_text_w(ui, font, text);
    while (*text && *tw > w) {
        text++;
        while (((unsigned char)*text & 0xC0) == 0x80)
            text++;
        *tw = ui_text_w(ui, font, text);
    }
    return text;
}

static void draw_box_text(ui_ctx *ui, ui_rect box, const struct ui_field_state *f, const char *text,
                          int focused, int wi)
{
    int pad = ui->theme.pad_px;
    char dots[KIOSK_TEXT_LEN];
    if (f->kind == KIOSK_FIELD_PIN || f->kind == UI_FIELD_SECRET) {
        size_t n = 0, len = strlen(text);
        for (size_t i = 0; i < len && n + 3 < sizeof dots; i++, n += 2)
            memcpy(dots + n, "\xC2\xB7", 2); /* U+00B7: the font has it, U+2022 is small */
        dots[n] = '\0';
        text = dots;
    }
    int font = UI_FONT_LARGE;
    int lh = ui_line_h(ui, font);
    int inner = box.w - 2 * pad - ui_px(ui, 6);
    int tw;
    text = tail_fit(ui, font, text, inner, &tw);
    int x = box.x + pad, y = box.y + (box.h - lh) / 2;
    if (*text) {
        size_t off = ui_arena_text(ui, text, strlen(text));
        ui_draw_text_off(ui, x, y, inner, font, ui->theme.text, off, wi);
        ui_add_visible(ui, off, (ui_rect){x, y, tw, lh}, wi);
    }
    if (focused) /* no blinking: a blinking caret would keep an idle kiosk redrawing */
        ui_draw_rect(
            ui, (ui_rect){x + tw + ui_px(ui, 2), y + ui_px(ui, 4), ui_px(ui, 3), lh - ui_px(ui, 8)},
            ui->theme.primary, 0, wi);
}

/* The label, the box with its text (a thicker edge for focus and errors: seen from a metre)
 * and the error under it, in r. */
static void draw_field(ui_ctx *ui, struct ui_field_state *f, ui_rect r, const char *label,
                       const char *error, int focused, int wi)
{
    int lh_label = ui_line_h(ui, UI_FONT_BODY);
    int box_h = ui->theme.touch_min_px;
    int has_error = error && *error;
    ui_rect lr = {r.x, r.y, r.w, lh_label};
    ui_draw_line_text(ui, lr, UI_FONT_BODY, ui->theme.muted, label, UI_ALIGN_LEFT, wi);
    ui_rect box = {r.x, r.y + lh_label + ui_px(ui, 4), r.w, box_h};
    ui_color edge = has_error ? ui->theme.danger : ui->theme.border;
    if (focused)
        edge = ui->theme.primary;
    ui_draw_box(ui, box, ui->theme.surface, edge, focused || has_error ? 4 : 2, ui_px(ui, 6), wi);
    draw_box_text(ui, box, f, ui_edit_text(f->edit), focused, wi);
    int err_h = r.y + r.h - (box.y + box.h);
    if (has_error && err_h > 0) {
        ui_rect eb = {r.x, box.y + box.h, r.w, err_h};
        ui_draw_para(ui, eb, UI_FONT_SMALL, ui->theme.danger, error, UI_ALIGN_LEFT, -1, 3);
    }
}

int ui_field(ui_ctx *ui, const char *label, char *buf, size_t cap, int kind, const char *error)
{
    if (!label)
        label = "";
    uint32_t id = ui_make_id(ui, "field", label);
    struct ui_field_state *f = field_state(ui, id, kind);
    int lh_label = ui_line_h(ui, UI_FONT_BODY);
    int box_h = ui->theme.touch_min_px;
    int w = ui_layout_width(ui);
    int err_h = error && *error ? ui_para_height(ui, UI_FONT_SMALL, error, w, 3) : 0;
    int h = lh_label + ui_px(ui, 4) + box_h + err_h;
    ui_rect r = ui_layout_next(ui, h);
    int wi;
    int hit = ui_interact(ui, id, r, &wi);
    if (!f || !buf || cap == 0)
        return 0;
    f->seen_frame = ui->frame;
    f->buf = buf;
    f->cap = cap;
    f->kind = kind;
    int changed = 0;
    if (f->changed) { /* the on-screen keyboard typed into it at the start of this frame */
        f->changed = 0;
        changed = strcmp(buf, ui_edit_text(f->edit)) != 0;
    } else if (strcmp(buf, ui_edit_text(f->edit)) != 0) {
        ui_edit_set_text(f->edit, buf); /* the caller set or cleared the text */
    }
    if (hit == UI_HIT_CLICK && ui->focus_id != id)
        focus(ui, id);
    /* Tab: the next field drawn takes focus, or the first one of the next frame */
    if (ui->tab_wrap || ui->focus_next ||
        (ui->tab_after && ui->tab_after != id && ui->focus_id == ui->tab_after)) {
        focus(ui, id);
        ui->tab_after = 0;
        ui->tab_wrap = ui->focus_next = 0;
    }
    int focused = ui->focus_id == id;
    if (focused) {
        ui->focus_seen = 1;
        ui_scroll_note_focus(ui, r);
        field_input(ui, f, id);
        if (f->changed) {
            f->changed = 0;
            changed |= strcmp(buf, ui_edit_text(f->edit)) != 0;
        }
    }
    if (changed)
        kiosk_strlcpy(buf, ui_edit_text(f->edit), cap);

    draw_field(ui, f, r, label, error, focused, wi);
    return changed;
}

int ui_fields_filled(const ui_ctx *ui)
{
    int n = 0;
    for (size_t i = 0; i < UI_MAX_FIELDS; i++) {
        const struct ui_field_state *f = &ui->fields[i];
        if (f->id && f->edit && f->seen_frame == ui->frame && f->kind != KIOSK_FIELD_PIN &&
            ui_edit_text(f->edit)[0])
            n++;
    }
    return n;
}
