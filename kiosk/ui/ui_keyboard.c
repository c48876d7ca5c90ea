/* The on-screen keyboard: Vietnamese QWERTY with a tone row and the marked vowels as
 * keys, shift/caps, digits and signs; a digits pad for phone, year and PIN fields. */
#include "ui_internal.h"

#include <string.h>

/* One key of a layout: what it does, its label (a translator key when it is a word),
 * and its width in key units. */
struct key_def {
    int action;
    const char *text; /* UI_KA_CHAR: the character; others: a string key */
    int tone;
    int units_x2; /* width in half units */
};

#define CH(c)                                                                                      \
    {                                                                                              \
        UI_KA_CHAR, c, 0, 2                                                                        \
    }
#define TONE(t, k)                                                                                 \
    {                                                                                              \
        UI_KA_TONE, k, t, 2                                                                        \
    }
#define END                                                                                        \
    {                                                                                              \
        0, NULL, 0, 0                                                                              \
    }

/* The layouts, a keyboard row a table (clang-format would stack some of them). The tone row
 * applies a tone to the syllable being typed, by the composer's rules. */
// clang-format off
static const struct key_def row_tones[] = {
    TONE(1, "ui.tone_acute"), TONE(2, "ui.tone_grave"), TONE(3, "ui.tone_hook"),
    TONE(4, "ui.tone_tilde"), TONE(5, "ui.tone_dot"), {UI_KA_TONE, "ui.tone_none", 0, 3}, CH("ă"), CH("â"), CH("ê"), CH("ô"), CH("ơ"), CH("ư"),
    CH("đ"), END};
static const struct key_def row_q[] = {
    CH("q"), CH("w"), CH("e"), CH("r"), CH("t"), CH("y"), CH("u"), CH("i"), CH("o"), CH("p"),
    {UI_KA_BACKSPACE, "ui.key_backspace", 0, 3}, END};
static const struct key_def row_a[] = {
    CH("a"), CH("s"), CH("d"), CH("f"), CH("g"), CH("h"), CH("j"), CH("k"), CH("l"), CH(","),
    CH("."), END};
static const struct key_def row_z[] = {
    {UI_KA_SHIFT, "ui.key_shift", 0, 4}, CH("z"), CH("x"), CH("c"), CH("v"), CH("b"), CH("n"),
    CH("m"), CH("-"), CH("/"), END};
static const struct key_def row_space[] = {
    {UI_KA_SYMBOLS, "ui.key_symbols", 0, 4}, {UI_KA_SPACE, "ui.key_space", 0, 12},
    {UI_KA_DONE, "ui.key_done", 0, 7}, END};
static const struct key_def row_digits[] = {
    CH("1"), CH("2"), CH("3"), CH("4"), CH("5"), CH("6"), CH("7"), CH("8"), CH("9"), CH("0"),
    {UI_KA_BACKSPACE, "ui.key_backspace", 0, 3}, END};
static const struct key_def row_signs1[] = {
    CH("@"), CH("&"), CH("("), CH(")"), CH(":"), CH(";"), CH("'"), CH("\""), CH("?"), CH("!"),
    CH("#"), END};
static const struct key_def row_signs2[] = {
    CH("+"), CH("*"), CH("%"), CH("="), CH("_"), CH(","), CH("."), CH("-"), CH("/"), END};
static const struct key_def row_back[] = {
    {UI_KA_SYMBOLS, "ui.key_letters", 0, 4}, {UI_KA_SPACE, "ui.key_space", 0, 12},
    {UI_KA_DONE, "ui.key_done", 0, 7}, END};
/* Phone, year and PIN: a pad like a phone's. */
static const struct key_def pad_1[] = {CH("1"), CH("2"), CH("3"), END};
static const struct key_def pad_2[] = {CH("4"), CH("5"), CH("6"), END};
static const struct key_def pad_3[] = {CH("7"), CH("8"), CH("9"), END};
static const struct key_def pad_4[] = {
    {UI_KA_BACKSPACE, "ui.key_backspace", 0, 2}, CH("0"), {UI_KA_DONE, "ui.key_done", 0, 2}, END};

/* A phone's pad has the "+" of a number from abroad beside the 0. */
static const struct key_def pad_4_phone[] = {
    CH("+"), CH("0"), {UI_KA_BACKSPACE, "ui.key_backspace", 0, 2},
    {UI_KA_DONE, "ui.key_done", 0, 2}, END};

static const struct key_def *const layout_letters[] = {row_tones, row_q,     row_a,
                                                       row_z,     row_space, NULL};
static const struct key_def *const layout_signs[] = {row_tones,  row_digits, row_signs1,
                                                     row_signs2, row_back,   NULL};
static const struct key_def *const layout_pad[] = {pad_1, pad_2, pad_3, pad_4, NULL};
static const struct key_def *const layout_phone[] = {pad_1, pad_2, pad_3, pad_4_phone, NULL};
// clang-format on

/* Letter keys are drawn in this many units per row: the widest letter row. */
#define LETTER_ROW_UNITS_X2 23

static int numeric_kind(int kind)
{
    return kind == KIOSK_FIELD_PHONE || kind == KIOSK_FIELD_YEAR || kind == KIOSK_FIELD_PIN;
}

/* Capitals come by themselves where people expect them: at the start of a text and at
 * each word of a name. */
int ui_shift_effective(ui_ctx *ui, const struct ui_field_state *f)
{
    if (ui->kb_caps)
        return 1;
    if (ui->kb_shift >= 0)
        return ui->kb_shift;
    if (!f)
        return 0;
    const char *t = ui_edit_text(f->edit);
    size_t n = strlen(t);
    if (n == 0)
        return f->kind == KIOSK_FIELD_NAME || f->kind == KIOSK_FIELD_TEXT;
    return f->kind == KIOSK_FIELD_NAME && t[n - 1] == ' ';
}

/* Upper case of a key's character: ASCII and the marked vowels of the keyboard. */
static void upper(const char *in, char *out, size_t cap)
{
    static const char *const pairs[][2] = {
        {"ă", "Ă"}, {"â", "Â"}, {"ê", "Ê"}, {"ô", "Ô"}, {"ơ", "Ơ"}, {"ư", "Ư"}, {"đ", "Đ"},
    };
    for (size_t i = 0; i < KIOSK_ARRAY_LEN(pairs); i++)
        if (strcmp(in, pairs[i][0]) == 0) {
            kiosk_strlcpy(out, pairs[i][1], cap);
            return;
        }
    kiosk_strlcpy(out, in, cap);
    if (out[0] >= 'a' && out[0] <= 'z' && out[1] == '\0')
        out[0] = (char)(out[0] - 'a' + 'A');
}

static void press_key(ui_ctx *ui, const struct ui_key_slot *k)
{
    struct ui_field_state *f = ui_field_focused(ui);
    if (!f)
        return;
    switch (k->action) {
    case UI_KA_CHAR:
        ui_field_apply_key(ui, f, k->text);
        if (!ui->kb_caps)
            ui->kb_shift = -1;
        break;
    case UI_KA_TONE:
        ui_field_apply_tone(ui, f, k->tone);
        break;
    case UI_KA_BACKSPACE:
        ui_field_apply_backspace(ui, f);
        break;
    case UI_KA_SPACE:
        ui_field_apply_key(ui, f, " ");
        ui->kb_shift = -1;
        break;
    case UI_KA_SHIFT:
        /* tap: shift on (or off when on); tap again while on by hand: caps lock */
        if (ui->kb_caps) {
            ui->kb_caps = 0;
            ui->kb_shift = 0;
        } else if (ui->kb_shift == 1) {
            ui->kb_caps = 1;
        } else {
            ui->kb_shift = ui_shift_effective(ui, f) ? 0 : 1;
        }
        break;
    case UI_KA_SYMBOLS:
        ui->kb_symbols = !ui->kb_symbols;
        break;
    case UI_KA_DONE:
        ui->focus_id = 0;
        break;
    default:
        break;
    }
}

void ui_keyboard_input(ui_ctx *ui)
{
    if (!ui->focus_id || ui->kb_count == 0)
        return;
    const struct ui_event *ev = &ui->ev;
    if (ev->kind != UI_EV_PRESS && ev->kind != UI_EV_MOVE && ev->kind != UI_EV_RELEASE)
        return;
    const struct ui_key_slot *hit = NULL;
    for (int i = 0; i < ui->kb_count; i++)
        if (ui_point_in(ui->kb_keys[i].rect, ev->x, ev->y))
            hit = &ui->kb_keys[i];
    switch (ev->kind) {
    case UI_EV_PRESS:
        if (hit)
            ui->pressed_id = hit->id;
        if (ui_point_in(ui->kb_rect, ev->x, ev->y))
            ui->ev_used = 1; /* between the keys: nothing under the keyboard takes it */
        break;
    case UI_EV_MOVE:
        if (ui->pressed_id && (!hit || hit->id != ui->pressed_id)) {
            for (int i = 0; i < ui->kb_count; i++)
                if (ui->kb_keys[i].id == ui->pressed_id)
                    ui->pressed_id = 0;
        }
        break;
    case UI_EV_RELEASE:
        if (hit && hit->id == ui->pressed_id) {
            struct ui_key_slot k = *hit;
            press_key(ui, &k);
            ui->ev_used = 1;
        } else if (ui_point_in(ui->kb_rect, ev->x, ev->y)) {
            ui->ev_used = 1;
        }
        break;
    default:
        break;
    }
}

static int row_units(const struct key_def *row)
{
    int u = 0;
    for (; row->action; row++)
        u += row->units_x2;
    return u;
}

static int rows_of(const struct key_def *const *layout)
{
    int n = 0;
    while (layout[n])
        n++;
    return n;
}

/* The largest font whose label fits the key, so "huyền" and "Dấu cách" stay whole. */
static int key_font(ui_ctx *ui, const char *label, int w, int is_char)
{
    static const int fonts[] = {UI_FONT_TITLE, UI_FONT_LARGE, UI_FONT_BODY, UI_FONT_SMALL};
    int first = is_char ? 0 : 2;
    for (size_t i = (size_t)first; i < KIOSK_ARRAY_LEN(fonts); i++)
        if (ui_text_w(ui, fonts[i], label) <= w - ui_px(ui, 8))
            return fonts[i];
    return UI_FONT_SMALL;
}

static void draw_key(ui_ctx *ui, struct ui_key_slot *k, const char *label, int active, int font)
{
    int wi = ui_register_widget(ui, k->id, k->rect);
    int held = ui->pressed_id == k->id && ui->pointer_down;
    ui_color bg = ui->theme.surface, fg = ui->theme.text;
    if (k->action == UI_KA_TONE) {
        bg = (ui_color){0xE6, 0xEF, 0xFA, 255};
        fg = ui->theme.primary;
    } else if (k->action != UI_KA_CHAR && k->action != UI_KA_SPACE) {
        bg = (ui_color){0xD5, 0xDB, 0xE2, 255};
    }
    if (k->action == UI_KA_DONE) {
        bg = ui->theme.primary;
        fg = ui->theme.primary_text;
    }
    if (active) {
        bg = ui->theme.primary;
        fg = ui->theme.primary_text;
    }
    if (held)
        bg = ui_shade(bg, -45);
    ui_draw_rect(ui, k->rect, bg, ui_px(ui, 6), wi);
    if (font < 0)
        font = key_font(ui, label, k->rect.w, k->action == UI_KA_CHAR);
    ui_draw_line_text(ui, k->rect, font, fg, label, UI_ALIGN_CENTRE, wi);
}

/* One key of the keyboard at rect: its slot (for taps) and its drawing. pos names it by
 * position: the key under a held finger stays the same key when shift changes its label. */
static void place_key(ui_ctx *ui, const struct key_def *d, int pos, ui_rect rect, int shift,
                      int tone_font)
{
    struct ui_key_slot *k = &ui->kb_keys[ui->kb_count++];
    memset(k, 0, sizeof *k);
    k->action = d->action;
    k->tone = d->tone;
    k->rect = rect;
    char label[64];
    if (d->action == UI_KA_CHAR) {
        if (shift)
            upper(d->text, k->text, sizeof k->text);
        else
            kiosk_strlcpy(k->text, d->text, sizeof k->text);
        kiosk_strlcpy(label, k->text, sizeof label);
    } else {
        kiosk_strlcpy(label, ui_tr(ui, d->text), sizeof label);
    }
    k->id = ui_hash(d->text, 0x6b657973u + (uint32_t)pos);
    int active = d->action == UI_KA_SHIFT && (shift || ui->kb_caps);
    draw_key(ui, k, label, active, d->action == UI_KA_TONE ? tone_font : -1);
}

int ui_keyboard(ui_ctx *ui)
{
    struct ui_field_state *f = ui->focus_id && ui->focus_seen ? ui_field_focused(ui) : NULL;
    ui->kb_count = 0;
    if (!f) {
        ui->kb_rect = (ui_rect){0, 0, 0, 0};
        return 0;
    }
    int pad = numeric_kind(f->kind);
    const struct key_def *const *layout = f->kind == KIOSK_FIELD_PHONE ? layout_phone
                                          : pad                        ? layout_pad
                                          : ui->kb_symbols             ? layout_signs
                                                                       : layout_letters;
    int rows = rows_of(layout);
    int key_h = ui->theme.touch_min_px, gap = ui_px(ui, 8);
    int panel_h = rows * key_h + (rows + 1) * gap;
    ui_rect panel = {0, ui->height - panel_h, ui->width, panel_h};
    ui->kb_rect = panel;
    ui_draw_rect(ui, panel, (ui_color){0xC9, 0xD1, 0xDA, 255}, 0, -1);
    int margin = ui_px(ui, 12);
    int avail = ui->width - 2 * margin;
    if (pad && avail > ui_px(ui, 720))
        avail = ui_px(ui, 720);
    int shift = ui_shift_effective(ui, f);
    int y = panel.y + gap;
    for (int r = 0; r < rows; r++, y += key_h + gap) {
        const struct key_def *row = layout[r];
        int n = 0;
        while (row[n].action)
            n++;
        /* the tone row fits its 13 keys in the width; letter rows share one key unit */
        int units = pad || row == row_tones ? row_units(row) : LETTER_ROW_UNITS_X2;
        int unit_w = (avail - (n - 1) * gap) * 100 / units; /* per half unit, x100 */
        int row_w = (row_units(row) * unit_w) / 100 + (n - 1) * gap;
        int x = (ui->width - row_w) / 2;
        /* the tone names share one font, the largest in which each fits its key */
        int tone_font = UI_FONT_BODY;
        for (int i = 0; i < n; i++)
            if (row[i].action == UI_KA_TONE &&
                key_font(ui, ui_tr(ui, row[i].text), row[i].units_x2 * unit_w / 100, 0) ==
                    UI_FONT_SMALL)
                tone_font = UI_FONT_SMALL;
        for (int i = 0; i < n && ui->kb_count < UI_MAX_KEYS; i++) {
            int w = row[i].units_x2 * unit_w / 100;
            place_key(ui, &row[i], r * 64 + i, (ui_rect){x, y, w, key_h}, shift, tone_font);
            x += w + gap;
        }
    }
    return panel_h;
}
