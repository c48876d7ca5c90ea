/* The ui context's insides, shared by the widget files of kiosk/ui.
 * Never included outside kiosk/ui; holds no SDL type. */
#ifndef KIOSK_UI_INTERNAL_H
#define KIOSK_UI_INTERNAL_H

#include "receipt/qr.h"
#include "ui/ui.h"
#include "ui_edit.h"

#define UI_MAX_FIELDS 32
#define UI_MAX_ROWS 32
#define UI_NO_OFF ((size_t)-1)

/* Pointer state of one tap target in this frame (ui_interact). */
enum ui_hit { UI_HIT_NONE = 0, UI_HIT_HELD = 1, UI_HIT_CLICK = 2 };

#define UI_MAX_KEYS 64

/* One on-screen key: what it does and where it was drawn. */
enum ui_key_action {
    UI_KA_CHAR = 1, /* types text (upper case of it when shifted) */
    UI_KA_TONE,     /* tone 0..5 on the current syllable */
    UI_KA_BACKSPACE,
    UI_KA_SHIFT,
    UI_KA_SYMBOLS, /* letters <-> digits and signs */
    UI_KA_SPACE,
    UI_KA_DONE,
};
struct ui_key_slot {
    int action, tone;
    char text[8];
    ui_rect rect;
    uint32_t id;
};

struct ui_widget_slot {
    uint32_t id;
    ui_rect rect;
};

/* A text field's input state, kept across frames by the field's widget id. */
struct ui_field_state {
    uint32_t id;
    struct ui_edit *edit;
    int kind;
    int changed; /* the keyboard changed the text after the field was drawn */
    char *buf;   /* the caller's buffer: valid only in the frame that drew the field */
    size_t cap;
    uint64_t seen_frame;
};

struct ui_ctx {
    struct ui_text_metrics metrics;
    const char *(*tr)(void *user, const char *key);
    void *tr_user;
    int im_method, im_tone;

    struct ui_theme theme;
    float scale; /* screen height / 800 */
    int width, height;
    int64_t now_ms;
    struct ui_event ev;
    int ev_used; /* a widget took this frame's press / text / key */
    uint64_t frame;

    /* the draw list; texts and pixels live in its arena, addressed by offset until ui_end
     * because the arena may move when it grows */
    struct ui_drawlist dl;
    size_t *text_off, *pix_off; /* per command */
    struct ui_visible_text *vis;
    size_t *vis_off;
    size_t vis_count, vis_cap;
    struct ui_widget_slot *widgets;
    size_t widget_count, widget_cap;

    /* layout */
    ui_rect area;
    int cursor_y;
    int row_cols, row_i, row_y, row_h;
    int row_own_h;               /* the tallest widget of this row by its own needs */
    int row_index;               /* rows of this frame so far */
    int row_last_h[UI_MAX_ROWS]; /* each row's height last frame: widgets of a row match */
    int has_next;
    ui_rect next;

    /* the scrolled area (ui_scroll.c) */
    int scroll_on;
    ui_rect clip;       /* its rectangle: nothing outside it is drawn or tapped */
    int scroll_px;      /* how far its content is moved up this frame */
    ui_rect view;       /* the part of clip shown: a widget cut by the keyboard's edge is not */
    int content_bottom; /* the lowest edge laid out in it this frame */
    int focus_in_scroll, focus_top, focus_bottom; /* the focused field's box there */

    /* pointer */
    int pointer_down, px, py;
    uint32_t pressed_id;

    /* focus, fields, keyboard */
    uint32_t focus_id;
    int focus_seen; /* the focused field was drawn this frame */
    struct ui_field_state fields[UI_MAX_FIELDS];
    int kb_shift; /* -1: follow the text (capital at a name's word start), 0 off, 1 on */
    int kb_caps, kb_symbols;
    ui_rect kb_rect; /* where the keyboard was last frame (content below it takes no taps) */
    struct ui_key_slot kb_keys[UI_MAX_KEYS]; /* the keys as last drawn, hit-tested early */
    int kb_count;
    uint32_t tab_after; /* Tab: the field after this one takes focus */
    int tab_wrap;       /* ... or the first field of the next frame */
    int focus_next;     /* the next field drawn this frame takes focus */

    /* hold area and signature pad in progress */
    uint32_t hold_id;
    int64_t hold_start_ms;
    uint32_t sig_id;

    /* the last QR encoded, so a frame does not re-encode it */
    char *qr_text;
    uint8_t *qr_px; /* the matrix with its quiet zone, one byte a module */
    int qr_side;
    uint64_t qr_key;
    /* The QR takes what room its area has: a QR whose area overflowed last frame is drawn
     * smaller by the overflow (never under 6 px a module), so the buttons under it stay
     * on screen whatever the screen puts around it. */
    int qr_side_px;   /* side drawn last frame, 0 none */
    int qr_target_px; /* side wanted this frame, 0: as large as the screen allows */
    int qr_in_area;   /* a QR was drawn in the current area */

    /* redraw */
    uint64_t last_hash;
    int redraw, want_frame, force_redraw;
};

/* ids */
uint32_t ui_hash(const char *s, uint32_t seed);
uint32_t ui_make_id(ui_ctx *ui, const char *tag, const char *label);

/* draw list (ui_draw.c) */
int ui_px(const ui_ctx *ui, int px_at_800);
size_t ui_arena_text(ui_ctx *ui, const char *text, size_t len);
size_t ui_arena_bytes(ui_ctx *ui, const void *bytes, size_t len);
void ui_draw_rect(ui_ctx *ui, ui_rect r, ui_color c, int radius, int widget);
void ui_draw_frame(ui_ctx *ui, ui_rect r, ui_color c, int widget);
void ui_draw_box(ui_ctx *ui, ui_rect r, ui_color fill, ui_color edge, int edge_px, int radius,
                 int widget);
void ui_draw_clip(ui_ctx *ui, ui_rect r); /* UI_CMD_CLIP; w == 0: none */
void ui_draw_line(ui_ctx *ui, int x0, int y0, int x1, int y1, ui_color c, int width, int widget);
/* One line of text with its top-left at (x, y), clipped to width w. Returns the text's
 * arena offset. */
size_t ui_draw_text_off(ui_ctx *ui, int x, int y, int w, int font, ui_color c, size_t off,
                        int widget);
void ui_add_visible(ui_ctx *ui, size_t off, ui_rect box, int widget);
void ui_draw_image(ui_ctx *ui, ui_rect r, const uint8_t *pixels, int pw, int ph, uint64_t key,
                   int widget);
/* The same, smoothly scaled when smooth (UI_IMAGE_SMOOTH: a photo), else nearest. */
void ui_draw_image_scaled(ui_ctx *ui, ui_rect r, const uint8_t *pixels, int pw, int ph,
                          uint64_t key, int widget, int smooth);
void ui_drawlist_reset(ui_ctx *ui);
void ui_drawlist_finish(ui_ctx *ui);

/* text helpers (ui_textlay.c) */
int ui_text_w(ui_ctx *ui, int font, const char *text);
int ui_line_h(ui_ctx *ui, int font);
/* Wraps text into at most max_lines lines of width w; (start, len) pairs. Returns the count. */
int ui_wrap(ui_ctx *ui, int font, const char *text, int w, size_t *starts, size_t *lens,
            int max_lines);
/* Draws text wrapped inside box (top-aligned, or centred vertically when centre is set)
 * and records it as one visible text. Returns the height used. */
int ui_draw_para(ui_ctx *ui, ui_rect box, int font, ui_color c, const char *text, int align,
                 int widget, int max_lines);
int ui_para_height(ui_ctx *ui, int font, const char *text, int w, int max_lines);
/* One line, cut with "…" when too wide; recorded visible with its full text. */
void ui_draw_line_text(ui_ctx *ui, ui_rect box, int font, ui_color c, const char *text, int align,
                       int widget);
enum ui_align { UI_ALIGN_LEFT = 0, UI_ALIGN_CENTRE = 1, UI_ALIGN_RIGHT = 2 };

/* scrolled area (ui_scroll.c) */
void ui_scroll_note(ui_ctx *ui, ui_rect r);          /* a widget laid out at r */
void ui_scroll_note_focus(ui_ctx *ui, ui_rect r);    /* the focused field is at r */
ui_rect ui_scroll_clip(const ui_ctx *ui, ui_rect r); /* r cut to what shows */
int ui_scroll_hides(const ui_ctx *ui, int x, int y); /* (x, y) is outside the area */

/* layout (ui_layout.c) */
void ui_area_close(ui_ctx *ui); /* the current area is done: settles the QR's size */
int ui_layout_width(ui_ctx *ui);
ui_rect ui_layout_next(ui_ctx *ui, int h);

/* pointer (ui_core.c) */
int ui_interact(ui_ctx *ui, uint32_t id, ui_rect r, int *widget);
int ui_register_widget(ui_ctx *ui, uint32_t id, ui_rect r);
int ui_point_in(ui_rect r, int x, int y);
int ui_blocked(const ui_ctx *ui, int x, int y);
const char *ui_tr(ui_ctx *ui, const char *key);
ui_color ui_shade(ui_color c, int delta);

/* keyboard (ui_keyboard.c): keys are hit-tested at the start of a frame, so the field
 * drawn later in it already shows what the key typed */
void ui_keyboard_input(ui_ctx *ui);
int ui_shift_effective(ui_ctx *ui, const struct ui_field_state *f);

/* fields (ui_field.c) */
struct ui_field_state *ui_field_focused(ui_ctx *ui);
void ui_field_apply_key(ui_ctx *ui, struct ui_field_state *f, const char *key_utf8);
void ui_field_apply_tone(ui_ctx *ui, struct ui_field_state *f, int tone);
void ui_field_apply_backspace(ui_ctx *ui, struct ui_field_state *f);
void ui_fields_reset(ui_ctx *ui);
void ui_fields_free(ui_ctx *ui);

#endif
