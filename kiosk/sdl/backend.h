/* The SDL backend: window, software renderer, TTF glyph/texture cache, input, screenshots.
 * The only part of the kiosk that includes SDL; it paints ui draw lists and feeds events. */
#ifndef KIOSK_SDL_BACKEND_H
#define KIOSK_SDL_BACKEND_H

#include "common.h"
#include "ui/ui.h"

struct sdl_backend;

struct sdl_backend_opts {
    int width, height;        /* --window WxH; 0: the display's size */
    int fullscreen;           /* 1 unless --window */
    const char *font_regular; /* paths to .ttf files */
    const char *font_bold;
};

kiosk_status sdl_backend_open(const struct sdl_backend_opts *opts, struct sdl_backend **out,
                              char *err, size_t errlen);
void sdl_backend_close(struct sdl_backend *b);
const struct ui_text_metrics *sdl_backend_metrics(struct sdl_backend *b);
void sdl_backend_size(struct sdl_backend *b, int *width, int *height);
/* Paints a draw list and presents it. Text textures are cached: a frame renders no text it
 * already rendered. */
void sdl_backend_paint(struct sdl_backend *b, const struct ui_drawlist *dl);

enum sdl_input_kind {
    SDL_IN_NONE = 0, /* timeout */
    SDL_IN_UI,       /* ev holds a ui event (pointer, text, key) */
    SDL_IN_CLOSE,    /* the window was asked to close (ignored in kiosk mode) */
    SDL_IN_EXPOSE,   /* needs a repaint (window shown, resized) */
    SDL_IN_SHORTCUT, /* a system shortcut (Alt+F4, Alt+Tab, Ctrl+...): swallowed */
    SDL_IN_QUIT,     /* the process was asked to stop (SIGTERM, SIGINT): exit cleanly */
};
struct sdl_input {
    int kind;
    struct ui_event ev;
    int from_touch; /* pointer events from a finger (the cursor is hidden then) */
    uint32_t at_ms; /* added: when SDL saw the event (SDL ticks), for scanner-burst timing */
};
/* Waits up to timeout_ms (-1: until something happens) for the next input. A touch is
 * reported once: SDL's synthetic mouse events for touches are dropped. */
int sdl_backend_wait(struct sdl_backend *b, int timeout_ms, struct sdl_input *out);
/* Added for the script player: queues what a person could do to the window, as SDL would
 * report it ("Alt+F4", "Alt+Tab", "Ctrl+W", "Ctrl+Q", "Super": key presses; "close": the
 * window manager's close, as when Alt+F4 or the title bar's X asks). The next sdl_backend_wait
 * calls return them. KIOSK_E_INVALID for another name. */
kiosk_status sdl_backend_inject(struct sdl_backend *b, const char *what);
/* Writes what was last painted as a PNG. */
kiosk_status sdl_backend_screenshot(struct sdl_backend *b, const char *png_path);
/* One line of text rendered into 8-bit grey (255 = ink) for the printer. *out: free(). */
kiosk_status sdl_backend_text_raster(struct sdl_backend *b, const char *text, int font_px,
                                     int max_width_px, uint8_t **out, int *width, int *height);

/* Added: counters for tests and benchmarks (a repaint of the same frame renders no text). */
struct sdl_backend_stats {
    uint64_t frames_painted;
    uint64_t texts_rendered; /* TTF renders into new textures */
    uint64_t text_hits;      /* texts drawn from the cache */
    uint64_t texts_evicted;
    uint64_t texts_measured; /* TTF_SizeUTF8 calls (widths are cached too) */
    uint64_t texts_cached;   /* textures held now */
    uint64_t images_created;
};
void sdl_backend_stats(struct sdl_backend *b, struct sdl_backend_stats *out);

#endif
