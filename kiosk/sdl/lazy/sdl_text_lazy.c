/* SDL_ttf on first use (sdl_text_lazy.h). */
#include "sdl_text_lazy.h"

#include "lazy_lib.h"

#include <SDL.h>
#include <SDL_ttf.h>
#include <stdlib.h>
#include <string.h>

/* SDL's own two come through SDL_ttf's handle: dlsym searches what it loaded with it. */
#define TEXT_FUNCS(X)                                                                              \
    X(TTF_Init)                                                                                    \
    X(TTF_OpenFont)                                                                                \
    X(TTF_CloseFont)                                                                               \
    X(TTF_RenderUTF8_Blended)                                                                      \
    X(SDL_FreeSurface)                                                                             \
    X(SDL_GetError)

static struct {
#define MEMBER(f) LAZY_MEMBER(f)
    TEXT_FUNCS(MEMBER)
#undef MEMBER
} fn;

static const char *bind(void *h)
{
#define BIND_ONE(f) LAZY_BIND(fn, h, f)
    TEXT_FUNCS(BIND_ONE)
#undef BIND_ONE
    return NULL;
}

static struct lazy_lib lib = {
    .soname = "libSDL2_ttf-2.0.so.0", .package = "libsdl2-ttf-2.0-0", .bind = bind};

/* The last font opened (a picture uses two or three sizes of one file). */
static struct {
    TTF_Font *font;
    char path[4096];
    int px;
} cache;

static TTF_Font *font_at(const char *path, int px, char *err, size_t errlen)
{
    if (cache.font && cache.px == px && strcmp(cache.path, path) == 0)
        return cache.font;
    if (cache.font)
        fn.TTF_CloseFont(cache.font);
    cache.font = fn.TTF_OpenFont(path, px);
    if (!cache.font) {
        kiosk_fmt(err, errlen, "cannot open the font '%s': %s", path, fn.SDL_GetError());
        return NULL;
    }
    kiosk_strlcpy(cache.path, path, sizeof cache.path);
    cache.px = px;
    return cache.font;
}

/* The blended surface's alpha is the ink (SDL_ttf 2.0.15 and later: ARGB8888). */
static kiosk_status to_grey(SDL_Surface *s, int max_width_px, uint8_t **out, int *width,
                            int *height)
{
    if (s->format->format != SDL_PIXELFORMAT_ARGB8888)
        return KIOSK_E_UNAVAILABLE;
    int w = max_width_px > 0 && s->w > max_width_px ? max_width_px : s->w;
    uint8_t *g = malloc((size_t)w * (size_t)s->h);
    if (!g)
        return KIOSK_E_NOMEM;
    for (int y = 0; y < s->h; y++) {
        const uint32_t *row =
            (const uint32_t *)((const uint8_t *)s->pixels + (size_t)y * (size_t)s->pitch);
        for (int x = 0; x < w; x++)
            g[(size_t)y * (size_t)w + (size_t)x] = (uint8_t)(row[x] >> 24);
    }
    *out = g;
    *width = w;
    *height = s->h;
    return KIOSK_OK;
}

kiosk_status sdl_text_lazy_raster(const char *font_path, const char *text, int font_px,
                                  int max_width_px, uint8_t **out, int *width, int *height,
                                  char *err, size_t errlen)
{
    *out = NULL;
    *width = *height = 0;
    kiosk_status st = lazy_lib_load(&lib, err, errlen);
    if (st != KIOSK_OK)
        return st;
    static int started;
    if (!started && fn.TTF_Init() != 0) {
        kiosk_fmt(err, errlen, "cannot start SDL_ttf: %s", fn.SDL_GetError());
        return KIOSK_E_UNAVAILABLE;
    }
    started = 1;
    TTF_Font *font = font_at(font_path, font_px, err, errlen);
    if (!font)
        return KIOSK_E_UNAVAILABLE;
    SDL_Surface *s =
        fn.TTF_RenderUTF8_Blended(font, text && *text ? text : " ", (SDL_Color){0, 0, 0, 255});
    if (!s) {
        kiosk_fmt(err, errlen, "cannot render a line: %s", fn.SDL_GetError());
        return KIOSK_E_INVALID;
    }
    st = to_grey(s, max_width_px, out, width, height);
    fn.SDL_FreeSurface(s);
    if (st == KIOSK_E_UNAVAILABLE)
        kiosk_fmt(err, errlen, "SDL_ttf rendered a surface in another pixel format");
    return st;
}
