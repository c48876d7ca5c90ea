/* Pictures out of the backend: a PNG of the last painted frame, and text rendered into
 * grey pixels for the thermal printer (its code pages cannot print Vietnamese). */
#include "sdl_internal.h"

#include "kiosk_png.h"

#include <stdlib.h>
#include <string.h>

kiosk_status sdl_backend_screenshot(struct sdl_backend *b, const char *png_path)
{
    if (!b->painted) {
        kiosk_log(KIOSK_LOG_ERROR, "no frame painted yet for '%s'", png_path);
        return KIOSK_E_INVALID;
    }
    int w = b->w, h = b->h;
    size_t stride = (size_t)w * 3;
    uint8_t *px = malloc(stride * (size_t)h);
    if (!px)
        return KIOSK_E_NOMEM;
    /* the software renderer keeps the presented frame in the window surface */
    if (SDL_RenderReadPixels(b->ren, NULL, SDL_PIXELFORMAT_RGB24, px, (int)stride) != 0) {
        kiosk_log(KIOSK_LOG_ERROR, "cannot read the screen for '%s': %s", png_path, SDL_GetError());
        free(px);
        return KIOSK_E_IO;
    }
    kiosk_status st = kiosk_png_write(png_path, px, w, h, 3, stride, 0644);
    free(px);
    return st;
}

kiosk_status sdl_backend_text_raster(struct sdl_backend *b, const char *text, int font_px,
                                     int max_width_px, uint8_t **out, int *width, int *height)
{
    *out = NULL;
    *width = *height = 0;
    if (!b->raster_font || b->raster_px != font_px) {
        if (b->raster_font)
            TTF_CloseFont(b->raster_font);
        b->raster_px = font_px;
        /* bold: thermal dots print thin strokes faintly */
        const char *path = b->font_path[1] ? b->font_path[1] : b->font_path[0];
        b->raster_font = path ? TTF_OpenFont(path, font_px) : NULL;
        if (!b->raster_font) {
            kiosk_log(KIOSK_LOG_ERROR, "cannot open font '%s' at %d px", path ? path : "(none)",
                      font_px);
            return KIOSK_E_IO;
        }
    }
    if (!text || !*text)
        text = " ";
    SDL_Surface *s = TTF_RenderUTF8_Blended(b->raster_font, text, (SDL_Color){0, 0, 0, 255});
    if (!s)
        return KIOSK_E_INVALID;
    SDL_Surface *argb = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0);
    SDL_FreeSurface(s);
    if (!argb)
        return KIOSK_E_NOMEM;
    /* a line wider than the paper is cut at the paper's edge */
    int w = max_width_px > 0 && argb->w > max_width_px ? max_width_px : argb->w;
    int h = argb->h;
    uint8_t *g = malloc((size_t)w * (size_t)h);
    if (!g) {
        SDL_FreeSurface(argb);
        return KIOSK_E_NOMEM;
    }
    for (int y = 0; y < h; y++) {
        const uint32_t *row =
            (const uint32_t *)((const uint8_t *)argb->pixels + (size_t)y * (size_t)argb->pitch);
        for (int x = 0; x < w; x++)
            g[(size_t)y * (size_t)w + (size_t)x] = (uint8_t)(row[x] >> 24); /* coverage = ink */
    }
    SDL_FreeSurface(argb);
    *out = g;
    *width = w;
    *height = h;
    return KIOSK_OK;
}
