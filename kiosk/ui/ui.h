/* Immediate-mode widgets over an abstract draw list (microui's way): widgets lay
 * themselves out, handle the pointer and keys, and emit commands a backend paints.
 * It knows no SDL type and never draws pixels itself. */
#ifndef KIOSK_UI_H
#define KIOSK_UI_H

#include <kiosk/plugin.h>
#include <stddef.h>
#include <stdint.h>

typedef struct ui_rect {
    int x, y, w, h;
} ui_rect;

typedef struct ui_color {
    uint8_t r, g, b, a;
} ui_color;

/* Fonts the backend provides (one face, a few sizes). */
enum ui_font { UI_FONT_BODY = 0, UI_FONT_SMALL, UI_FONT_LARGE, UI_FONT_TITLE, UI_FONT_COUNT };

enum ui_cmd_kind {
    UI_CMD_RECT = 1, /* filled rectangle, radius > 0 rounds the corners */
    UI_CMD_FRAME,    /* rectangle outline, 2 px */
    UI_CMD_TEXT,     /* one line of text at rect.x, rect.y (top-left), clipped to rect */
    UI_CMD_IMAGE,    /* 8-bit grey pixels (pw x ph) scaled to rect: nearest neighbour, or
                        smoothly when radius is UI_IMAGE_SMOOTH (a camera's picture) */
    UI_CMD_LINE,     /* from (rect.x, rect.y) to (rect.x + rect.w, rect.y + rect.h), width radius */
    UI_CMD_CLIP,     /* later commands drawn only inside rect; w == 0: the whole screen again */
};

#define UI_IMAGE_SMOOTH 1

struct ui_cmd {
    int kind;
    ui_rect rect;
    ui_color color;
    int font;              /* UI_CMD_TEXT */
    int radius;            /* RECT: corner radius; LINE: width; IMAGE: UI_IMAGE_SMOOTH or 0 */
    const char *text;      /* UI_CMD_TEXT: NFC UTF-8, owned by the draw list */
    const uint8_t *pixels; /* UI_CMD_IMAGE: owned by the draw list */
    int pw, ph;
    uint64_t image_key; /* UI_CMD_IMAGE: same key, same pixels (texture cache key) */
    int widget;         /* index into the frame's widget table (tap targets), -1 none */
};

/* Every text a frame shows, with where it is: scripts tap and expect by these. */
struct ui_visible_text {
    const char *text;
    ui_rect rect;   /* the text's own box */
    ui_rect target; /* the tappable widget it belongs to, w == 0 if none */
};

struct ui_drawlist {
    struct ui_cmd *cmds;
    size_t count, cap;
    char *arena; /* texts and pixels of this frame */
    size_t arena_used, arena_cap;
    ui_color clear;
};

/* The backend measures text (the sdl layer with SDL_ttf; tests with a fake). */
struct ui_text_metrics {
    int (*text_width)(void *user, int font, const char *text);
    int (*line_height)(void *user, int font);
    void *user;
};

enum ui_key {
    UI_KEY_NONE = 0,
    UI_KEY_BACKSPACE,
    UI_KEY_RETURN,
    UI_KEY_TAB,
    UI_KEY_ESCAPE,
    UI_KEY_UP,
    UI_KEY_DOWN,
};

/* One input event: each is run as its own frame so a press and its release never
 * share one. */
enum ui_event_kind {
    UI_EV_NONE = 0, /* a frame with no input (a timer, a redraw) */
    UI_EV_PRESS,    /* pointer (finger or mouse) down at x, y */
    UI_EV_MOVE,     /* pointer moved (held or not) */
    UI_EV_RELEASE,  /* pointer up at x, y */
    UI_EV_TEXT,     /* typed characters (after scanner-burst detection), UTF-8 in text */
    UI_EV_KEY,      /* a key from enum ui_key */
};

struct ui_event {
    int kind;
    int x, y;
    int key;
    char text[64];
};

typedef struct ui_ctx ui_ctx;

/* Theme: sizes at 1280x800; ui scales them by the screen's height. */
struct ui_theme {
    ui_color bg, surface, text, muted, primary, primary_text, danger, ok, border, focus;
    int touch_min_px; /* smallest tap target height: 64 at 1280x800 */
    int pad_px;
};

ui_ctx *ui_new(const struct ui_text_metrics *metrics);
void ui_free(ui_ctx *ui);
/* The composer every text field uses: VN_IM_TELEX / VN_IM_VNI / VN_IM_OFF, tone style. */
void ui_set_input_method(ui_ctx *ui, int method, int tone_style);
/* The method set last (0 none, 1 Telex, 2 VNI). */
int ui_input_method(const ui_ctx *ui);
/* Strings the widgets themselves show (keyboard keys, "Ký lại"...): a lookup function. */
void ui_set_translator(ui_ctx *ui, const char *(*tr)(void *user, const char *key), void *user);

/* A frame: begin with the screen size, kiosk time and the event it handles, call widgets,
 * end to get the draw list (valid until the next ui_begin). */
void ui_begin(ui_ctx *ui, int width, int height, int64_t now_ms, const struct ui_event *ev);
const struct ui_drawlist *ui_end(ui_ctx *ui);
/* 1 when the last frame changed something visible, or a widget wants another frame.
 * The host paints then and runs one more frame (UI_EV_NONE) at once: a frame may settle
 * what the one before it changed (rows even out their heights, a held hold area counts).
 * When it returns 0 nothing would change: the host may sleep until the next input. */
int ui_needs_redraw(const ui_ctx *ui);
/* Texts of the last frame with their boxes and tap targets. A wrapped paragraph is one
 * entry (the whole text); a text cut with "…" is listed with its whole text. */
const struct ui_visible_text *ui_visible(const ui_ctx *ui, size_t *count);
/* Forget all input state: focus, fields' composers, pressed widgets (idle reset). */
void ui_reset(ui_ctx *ui);
const struct ui_theme *ui_theme(const ui_ctx *ui);

/* Layout: widgets stack top to bottom inside the area (set by the host for the screen's
 * header, content and footer parts). */
void ui_area(ui_ctx *ui, ui_rect area);
ui_rect ui_screen(const ui_ctx *ui);
/* The area widgets stack in now (ui_area's). */
ui_rect ui_get_area(const ui_ctx *ui);
/* Where the next stacked widget goes (to split the rest of an area into columns). */
int ui_cursor_y(const ui_ctx *ui);
/* The next `columns` widgets side by side (more wrap to a new line); they share the
 * row's height. */
void ui_row_begin(ui_ctx *ui, int columns);
void ui_row_end(ui_ctx *ui);
/* Empty space; height_px is as at 1280x800 and scales with the screen like the theme. */
void ui_spacer(ui_ctx *ui, int height_px);
/* A filled rectangle (colour with alpha: a see-through shade over what is under it; a
 * card under an overlay's widgets); radius_px as at 1280x800. Takes no taps. */
void ui_fill(ui_ctx *ui, ui_rect r, ui_color c, int radius_px);
/* Place the next widget at an exact rectangle (tiles, header bar). */
void ui_next_rect(ui_ctx *ui, ui_rect r);
/* A scrolled area: the screen's content above the on-screen keyboard. Widgets stack from
 * its top moved up by the scroll and are drawn, seen by scripts and tapped only inside
 * it. ui_scroll_end closes it and sets the next frame's scroll: none when everything fits;
 * else the focused field and the end of the content (the way on) in view, the field first
 * (issue 17 item 4). */
void ui_scroll_begin(ui_ctx *ui, ui_rect area);
void ui_scroll_end(ui_ctx *ui);

/* Widgets (the plugin ABI's ui_* members map onto these). */
void ui_heading(ui_ctx *ui, const char *text);
void ui_text(ui_ctx *ui, const char *text);
void ui_label(ui_ctx *ui, const char *text, int font, ui_color color);
void ui_message(ui_ctx *ui, int kind, const char *text);
int ui_button(ui_ctx *ui, const char *label, int style);
/* A large home-screen tile with a title and an optional second line. */
int ui_tile(ui_ctx *ui, const char *title, const char *detail);
/* A text field (kind: enum kiosk_field_kind). A tap focuses it; typed text, Backspace and
 * the on-screen keyboard's keys go through its composer; Return, Escape or "Xong" end the
 * focus, Tab moves it to the next field. Returns 1 on the frame its text changed (buf then
 * holds the new text, NFC). Setting buf from code is followed on the next frame. */
int ui_field(ui_ctx *ui, const char *label, char *buf, size_t cap, int kind, const char *error);
/* The host's own field kinds, beside enum kiosk_field_kind: text typed as it is, without the
 * Telex/VNI composer or capitals by themselves (a folder, a server's name, a user name); the
 * same shown as dots (a password). */
enum { UI_FIELD_PLAIN = 16, UI_FIELD_SECRET = 17 };
/* Fields of the last frame holding typed text (PIN fields not counted): a person is filling
 * in a form, and the idle timeout gives her longer. */
int ui_fields_filled(const ui_ctx *ui);
int ui_checkbox(ui_ctx *ui, const char *label, int *value);
int ui_list_item(ui_ctx *ui, const char *title, const char *detail);
/* A QR code of text (libqrencode through core/receipt), module >= 6 px, quiet zone 4. */
void ui_qr(ui_ctx *ui, const char *text, const char *caption);
int ui_signature(ui_ctx *ui, struct kiosk_signature *sig);
/* A camera's live picture (8-bit grey, pw x ph) at most max_h_px high (at 1280x800), framed,
 * centred, with a caption under it. key: a new one for each new frame. Nothing when px is
 * NULL. */
void ui_camera_view(ui_ctx *ui, const uint8_t *px, int pw, int ph, uint64_t key,
                    const char *caption, int max_h_px);
void ui_bar_chart(ui_ctx *ui, const char *title, const char *const *labels, const int *values,
                  size_t count);
/* A progress bar the width of the area under a caption (the count, in the caller's words):
 * done of total filled; total <= 0 (not known yet) draws the empty bar. */
void ui_progress(ui_ctx *ui, const char *caption, long done, long total);
/* The on-screen keyboard for the focused field, in the bottom part of the screen; call it
 * last in a frame. Returns the height it took (0 when no field has focus). Letters with a
 * tone row and the marked vowels for TEXT/NAME fields (capitals at a name's word starts),
 * a digits pad for PHONE/YEAR/PIN. Its key labels are visible texts ("n" or "N" when
 * shifted, "sắc", "Dấu cách", "Xóa", "Xong"...), so scripts press keys by label.
 * While it is up, what lies under it takes no taps. Needs the translator's ui.* keys. */
int ui_keyboard(ui_ctx *ui);
/* The next field drawn in this frame takes focus (a screen that opens to typing). */
void ui_focus_next_field(ui_ctx *ui);
/* 1 when a text field has focus (the host then leaves room for the keyboard). */
int ui_has_focus(const ui_ctx *ui);
/* Ends the focus, as "Xong" does: the keyboard closes (a form's button was pressed, and what
 * it says under the field must not be hidden). */
void ui_blur(ui_ctx *ui);
/* The next character of UTF-8 text p (at most 7 bytes) copied into out, NUL-ended; its length
 * in bytes, 0 at the end of p. */
size_t ui_utf8_take(const char *p, char out[8]);
/* An invisible tappable area (hidden admin gesture): returns how long it has been held, ms
 * (kiosk time from ui_begin's now_ms; 0 when not held). While held it asks for frames. */
int64_t ui_hold_area(ui_ctx *ui, ui_rect r);

#endif
