/* Text rendered with SDL_ttf opened on first use (dlopen, core/lazy_lib.h), for kioskctl's
 * receipt picture (issue 17 item 7): kioskctl links no SDL and starts without it; only
 * `kioskctl receipt png` maps SDL_ttf (and the SDL it needs), with the kiosk's own font. No
 * window, no video: fonts and surfaces only. One thread. */
#ifndef KIOSK_SDL_TEXT_LAZY_H
#define KIOSK_SDL_TEXT_LAZY_H

#include "common.h"

/* One line of text in the font at font_path, font_px high: grey coverage 0 white .. 255 ink,
 * rows of *width bytes, cut at max_width_px (0: whole). The backend's text_raster convention.
 * *out: free(). KIOSK_E_UNAVAILABLE when SDL_ttf is missing (err says which package) or
 * the font cannot be opened (err says which file). */
kiosk_status sdl_text_lazy_raster(const char *font_path, const char *text, int font_px,
                                  int max_width_px, uint8_t **out, int *width, int *height,
                                  char *err, size_t errlen);

#endif
