/* The SDL window, the software renderer, fonts, and painting a ui draw list. */
#include "sdl_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Font sizes at a screen 800 px high, scaled with the screen like the ui's theme.
 * LARGE and TITLE are bold: buttons and headings are read from a metre away. */
static const struct {
    int px_at_800;
    int bold;
} font_table[UI_FONT_COUNT] = {
    [UI_FONT_BODY] = {28, 0},
    [UI_FONT_SMALL] = {22, 0},
    [UI_FONT_LARGE] = {34, 1},
    [UI_FONT_TITLE] = {44, 1},
};

static int scaled_px(int px_at_800, int screen_h)
{
    int v = (int)((double)px_at_800 * screen_h / 800.0 + 0.5);
    return v < 8 ? 8 : v;
}

/* Opened on first use: a screen that never shows a title never pays for its size. */
TTF_Font *sdl_font(struct sdl_backend *b, int font)
{
    if (font < 0 || font >= UI_FONT_COUNT)
        font = UI_FONT_BODY;
    if (b->fonts[font])
        return b->fonts[font];
    const char *path = b->font_path[font_table[font].bold];
    if (!path)
        path = b->font_path[0];
    b->font_px[font] = scaled_px(font_table[font].px_at_800, b->h);
    b->fonts[font] = TTF_OpenFont(path, b->font_px[font]);
    if (!b->fonts[font])
        kiosk_log(KIOSK_LOG_ERROR, "cannot open font '%s': %s", path, TTF_GetError());
    else
        TTF_SetFontHinting(b->fonts[font], TTF_HINTING_LIGHT);
    return b->fonts[font];
}

static int line_height(void *user, int font)
{
    TTF_Font *f = sdl_font(user, font);
    return f ? TTF_FontHeight(f) : 16;
}

static void close_fonts(struct sdl_backend *b)
{
    for (int i = 0; i < UI_FONT_COUNT; i++)
        if (b->fonts[i]) {
            TTF_CloseFont(b->fonts[i]);
            b->fonts[i] = NULL;
        }
    if (b->raster_font) {
        TTF_CloseFont(b->raster_font);
        b->raster_font = NULL;
    }
}

static void set_hints(void)
{
    /* Without these SDL loads Mesa for an accelerated window surface: +270 ms at start and
     * +100 MB, for a screen of flat rectangles and text. */
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
    /* a fullscreen kiosk gains nothing from a compositor in between */
    SDL_SetHint(SDL_HINT_VIDEO_X11_NET_WM_BYPASS_COMPOSITOR, "1");
    /* one touch is one touch: no synthetic mouse events for fingers, nor the reverse */
    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    /* SDL_QUIT then comes only from SIGTERM/SIGINT (systemd stop), never from closing the
     * window, which kiosk mode ignores */
    SDL_SetHint(SDL_HINT_QUIT_ON_LAST_WINDOW_CLOSE, "0");
}

/* The window's size: the one asked for, else the display's, else 1280x800. */
static void window_size(const struct backend_opts *opts, int *width, int *height)
{
    int w = opts->width, h = opts->height;
    if (opts->fullscreen || w <= 0 || h <= 0) {
        SDL_DisplayMode dm;
        if (SDL_GetDesktopDisplayMode(0, &dm) == 0) {
            if (w <= 0 || h <= 0) {
                w = dm.w;
                h = dm.h;
            }
        } else if (w <= 0 || h <= 0) {
            w = 1280;
            h = 800;
        }
    }
    *width = w;
    *height = h;
}

kiosk_status sdl_backend_open(const struct backend_opts *opts, struct sdl_backend **out, char *err,
                              size_t errlen)
{
    *out = NULL;
    set_hints();
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        kiosk_fmt(err, errlen, "cannot start SDL video: %s", SDL_GetError());
        return KIOSK_E_UNAVAILABLE;
    }
    if (TTF_Init() != 0) {
        kiosk_fmt(err, errlen, "cannot start SDL_ttf: %s", TTF_GetError());
        SDL_Quit();
        return KIOSK_E_UNAVAILABLE;
    }
    struct sdl_backend *b = calloc(1, sizeof *b);
    if (!b) {
        TTF_Quit();
        SDL_Quit();
        return KIOSK_E_NOMEM;
    }
    b->font_path[0] = opts->font_regular ? strdup(opts->font_regular) : NULL;
    b->font_path[1] = opts->font_bold ? strdup(opts->font_bold) : NULL;
    int w, h;
    window_size(opts, &w, &h);
    Uint32 flags = SDL_WINDOW_SHOWN;
    if (opts->fullscreen)
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    b->win = SDL_CreateWindow("kiosk", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h, flags);
    if (!b->win) {
        kiosk_fmt(err, errlen, "cannot open a window: %s", SDL_GetError());
        sdl_backend_close(b);
        return KIOSK_E_UNAVAILABLE;
    }
    b->ren = SDL_CreateRenderer(b->win, -1, SDL_RENDERER_SOFTWARE);
    if (!b->ren) {
        kiosk_fmt(err, errlen, "cannot make a software renderer: %s", SDL_GetError());
        sdl_backend_close(b);
        return KIOSK_E_UNAVAILABLE;
    }
    SDL_GetWindowSize(b->win, &b->w, &b->h);
    SDL_SetRenderDrawBlendMode(b->ren, SDL_BLENDMODE_BLEND);
    sdl_cache_init(b);
    b->metrics.text_width = sdl_text_width;
    b->metrics.line_height = line_height;
    b->metrics.user = b;
    b->cursor_shown = 1;
    if (!sdl_font(b, UI_FONT_BODY)) {
        kiosk_fmt(err, errlen, "cannot open font '%s': %s",
                  b->font_path[0] ? b->font_path[0] : "(none)", TTF_GetError());
        sdl_backend_close(b);
        return KIOSK_E_IO;
    }
    SDL_StartTextInput(); /* a physical keyboard types into fields */
    *out = b;
    return KIOSK_OK;
}

void sdl_backend_close(struct sdl_backend *b)
{
    if (!b)
        return;
    sdl_audio_close(b);
    sdl_cache_release(b);
    close_fonts(b);
    if (b->ren)
        SDL_DestroyRenderer(b->ren);
    if (b->win)
        SDL_DestroyWindow(b->win);
    free(b->font_path[0]);
    free(b->font_path[1]);
    free(b);
    TTF_Quit();
    SDL_Quit();
}

const struct ui_text_metrics *sdl_backend_metrics(struct sdl_backend *b)
{
    return &b->metrics;
}

void sdl_backend_size(struct sdl_backend *b, int *width, int *height)
{
    *width = b->w;
    *height = b->h;
}

void sdl_backend_stats(struct sdl_backend *b, struct backend_stats *out)
{
    *out = b->stats;
    out->texts_cached = (uint64_t)b->text_count;
}

/* Fonts follow the screen's height; a new size means new fonts and new textures. */
void sdl_backend_resized(struct sdl_backend *b)
{
    int w, h;
    SDL_GetWindowSize(b->win, &w, &h);
    if (w == b->w && h == b->h)
        return;
    b->w = w;
    b->h = h;
    sdl_cache_release(b);
    close_fonts(b);
    sdl_cache_init(b);
}

/* Opaque fills skip blending: the software renderer then fills rows at memset speed,
 * several times faster than blending every pixel with alpha 255. */
static void set_color(SDL_Renderer *r, ui_color c)
{
    SDL_SetRenderDrawBlendMode(r, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(r, c.r, c.g, c.b, c.a);
}

/* Rounded corners row by row: a few thin rectangles, cheap on the software renderer. */
static void fill_rounded(SDL_Renderer *r, ui_rect q, int radius)
{
    if (radius * 2 > q.w)
        radius = q.w / 2;
    if (radius * 2 > q.h)
        radius = q.h / 2;
    if (radius <= 1) {
        SDL_RenderFillRect(r, &(SDL_Rect){q.x, q.y, q.w, q.h});
        return;
    }
    SDL_Rect rows[2 * 64 + 1];
    int n = 0;
    if (radius > 64)
        radius = 64;
    for (int i = 0; i < radius; i++) {
        double dy = radius - i - 0.5;
        int inset = (int)(radius - sqrt((double)radius * radius - dy * dy) + 0.5);
        rows[n++] = (SDL_Rect){q.x + inset, q.y + i, q.w - 2 * inset, 1};
        rows[n++] = (SDL_Rect){q.x + inset, q.y + q.h - 1 - i, q.w - 2 * inset, 1};
    }
    rows[n++] = (SDL_Rect){q.x, q.y + radius, q.w, q.h - 2 * radius};
    SDL_RenderFillRects(r, rows, n);
}

static void frame_rect(SDL_Renderer *r, ui_rect q)
{
    SDL_Rect s[4] = {
        {q.x, q.y, q.w, 2},
        {q.x, q.y + q.h - 2, q.w, 2},
        {q.x, q.y + 2, 2, q.h - 4},
        {q.x + q.w - 2, q.y + 2, 2, q.h - 4},
    };
    SDL_RenderFillRects(r, s, 4);
}

/* A thick line as a quad of two triangles, with square dots at its ends so strokes join. */
static void thick_line(SDL_Renderer *r, const struct ui_cmd *c)
{
    float x0 = (float)c->rect.x, y0 = (float)c->rect.y;
    float x1 = x0 + (float)c->rect.w, y1 = y0 + (float)c->rect.h;
    float width = c->radius > 0 ? (float)c->radius : 1.0f;
    float dx = x1 - x0, dy = y1 - y0, len = sqrtf(dx * dx + dy * dy);
    if (width <= 1.0f) {
        SDL_RenderDrawLine(r, c->rect.x, c->rect.y, c->rect.x + c->rect.w, c->rect.y + c->rect.h);
        return;
    }
    SDL_Color col = {c->color.r, c->color.g, c->color.b, c->color.a};
    if (len > 0.0f) {
        float nx = -dy / len * width / 2, ny = dx / len * width / 2;
        SDL_Vertex v[4] = {
            {{x0 + nx, y0 + ny}, col, {0, 0}},
            {{x1 + nx, y1 + ny}, col, {0, 0}},
            {{x1 - nx, y1 - ny}, col, {0, 0}},
            {{x0 - nx, y0 - ny}, col, {0, 0}},
        };
        int idx[6] = {0, 1, 2, 0, 2, 3};
        SDL_RenderGeometry(r, NULL, v, 4, idx, 6);
    }
    int h = c->radius / 2;
    SDL_Rect dots[2] = {{c->rect.x - h, c->rect.y - h, c->radius, c->radius},
                        {(int)x1 - h, (int)y1 - h, c->radius, c->radius}};
    SDL_RenderFillRects(r, dots, 2);
}

static void draw_text(struct sdl_backend *b, const struct ui_cmd *c)
{
    if (!c->text || !*c->text || c->rect.w <= 0)
        return;
    struct sdl_text_entry *e = sdl_text_get(b, c->font, c->color, c->text);
    if (!e)
        return;
    int w = e->w < c->rect.w ? e->w : c->rect.w;
    SDL_Rect src = {0, 0, w, e->h}, dst = {c->rect.x, c->rect.y, w, e->h};
    SDL_SetTextureAlphaMod(e->tex, c->color.a);
    SDL_RenderCopy(b->ren, e->tex, &src, &dst);
}

void sdl_backend_paint(struct sdl_backend *b, const struct ui_drawlist *dl)
{
    b->frame++;
    SDL_Renderer *r = b->ren;
    set_color(r, dl->clear);
    SDL_RenderClear(r);
    for (size_t i = 0; i < dl->count; i++) {
        const struct ui_cmd *c = &dl->cmds[i];
        switch (c->kind) {
        case UI_CMD_RECT:
            if (c->rect.w <= 0 || c->rect.h <= 0)
                break;
            set_color(r, c->color);
            fill_rounded(r, c->rect, c->radius);
            break;
        case UI_CMD_FRAME:
            set_color(r, c->color);
            frame_rect(r, c->rect);
            break;
        case UI_CMD_TEXT:
            draw_text(b, c);
            break;
        case UI_CMD_IMAGE: {
            SDL_Texture *t = sdl_image_get(b, c);
            if (t)
                SDL_RenderCopy(r, t, NULL, &(SDL_Rect){c->rect.x, c->rect.y, c->rect.w, c->rect.h});
            break;
        }
        case UI_CMD_LINE:
            set_color(r, c->color);
            thick_line(r, c);
            break;
        case UI_CMD_CLIP:
            SDL_RenderSetClipRect(
                r, c->rect.w > 0 ? &(SDL_Rect){c->rect.x, c->rect.y, c->rect.w, c->rect.h} : NULL);
            break;
        default:
            break;
        }
    }
    SDL_RenderSetClipRect(r, NULL);
    SDL_RenderPresent(r);
    b->painted = 1;
    b->stats.frames_painted++;
}
