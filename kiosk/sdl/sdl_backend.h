/* The SDL backend: window, software renderer, TTF glyph/texture cache, input, screenshots.
 * The only part of the kiosk that includes SDL; it paints ui draw lists and feeds events.
 * The host reaches it only through its table of the host's backend interface
 * (host/backend.h), sdl_backend_ops, which kiosk/main.c hands to the host; the functions
 * below are that table's entries, for the backend's own tests and benchmarks. */
#ifndef KIOSK_SDL_BACKEND_H
#define KIOSK_SDL_BACKEND_H

#include "common.h"
#include "host/backend.h"
#include "ui/ui.h"

struct sdl_backend;

/* The host's backend interface implemented with SDL (sdl_ops.c). */
extern const struct backend_ops sdl_backend_ops;

kiosk_status sdl_backend_open(const struct backend_opts *opts, struct sdl_backend **out, char *err,
                              size_t errlen);
void sdl_backend_close(struct sdl_backend *b);
const struct ui_text_metrics *sdl_backend_metrics(struct sdl_backend *b);
void sdl_backend_size(struct sdl_backend *b, int *width, int *height);
/* Paints a draw list and presents it. Text textures are cached: a frame renders no text it
 * already rendered. */
void sdl_backend_paint(struct sdl_backend *b, const struct ui_drawlist *dl);
/* Waits up to timeout_ms (-1: until something happens) for the next input. A touch is
 * reported once: SDL's synthetic mouse events for touches are dropped. */
int sdl_backend_wait(struct sdl_backend *b, int timeout_ms, struct backend_input *out);
/* Queues what a person could do to the window, as SDL would report it ("Alt+F4",
 * "Alt+Tab", "Ctrl+W", "Ctrl+Q", "Super": key presses; "close": the window manager's close,
 * as when Alt+F4 or the title bar's X asks). The next sdl_backend_wait calls return them.
 * KIOSK_E_INVALID for another name. */
kiosk_status sdl_backend_inject(struct sdl_backend *b, const char *what);
/* From any thread: the wait in progress (or the next) returns BACKEND_IN_WAKE at once. */
void sdl_backend_wake(struct sdl_backend *b);
/* Writes what was last painted as a PNG. */
kiosk_status sdl_backend_screenshot(struct sdl_backend *b, const char *png_path);
/* One line of text rendered into 8-bit grey (255 = ink) for the printer. *out: free(). */
kiosk_status sdl_backend_text_raster(struct sdl_backend *b, const char *text, int font_px,
                                     int max_width_px, uint8_t **out, int *width, int *height);
/* The voice's sound (sdl_audio.c): queues samples after what plays, opening the device when
 * closed (pcm NULL, n 0: only checks there is one); drops what is queued and closes it. */
kiosk_status sdl_backend_audio_play(struct sdl_backend *b, const int16_t *pcm, size_t n, int rate,
                                    char *err, size_t errlen);
void sdl_backend_audio_stop(struct sdl_backend *b);
/* Counters (a repaint of the same frame renders no text): TTF renders, cache hits... */
void sdl_backend_stats(struct sdl_backend *b, struct backend_stats *out);

#endif
