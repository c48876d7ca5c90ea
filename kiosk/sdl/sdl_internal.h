/* The SDL backend's insides, shared by its files: window, renderer, fonts, caches.
 * Never included outside kiosk/sdl. */
#ifndef KIOSK_SDL_INTERNAL_H
#define KIOSK_SDL_INTERNAL_H

#include "sdl/sdl_backend.h"

#include <SDL.h>
#include <SDL_ttf.h>

#define SDL_TEXT_CACHE_CAP 512
#define SDL_TEXT_CACHE_BYTES (24u << 20) /* texture pixels kept for texts, bytes */
#define SDL_TEXT_BUCKETS 1024
#define SDL_WIDTH_CACHE_CAP 4096
#define SDL_WIDTH_SLOTS_MIN 256 /* the width table's first size (it doubles as it fills) */
#define SDL_IMAGE_CACHE_CAP 8

struct sdl_text_entry {
    uint64_t hash;
    int font;
    uint32_t rgb;
    char *text;
    SDL_Texture *tex;
    int w, h;
    uint64_t used_frame;
    int next; /* bucket chain, -1 ends */
};

struct sdl_width_entry {
    uint64_t hash;
    int font;
    int width;
    char *text;
};

struct sdl_image_entry {
    uint64_t key;
    SDL_Texture *tex;
    int w, h;
    uint64_t used_frame;
};

struct sdl_backend {
    SDL_Window *win;
    SDL_Renderer *ren;
    int w, h;
    char *font_path[2]; /* regular, bold */
    TTF_Font *fonts[UI_FONT_COUNT];
    int font_px[UI_FONT_COUNT];
    TTF_Font *raster_font; /* the printer's size, opened on demand */
    int raster_px;
    struct ui_text_metrics metrics;
    uint64_t frame;

    struct sdl_text_entry text[SDL_TEXT_CACHE_CAP];
    int text_count;
    size_t text_bytes;
    int buckets[SDL_TEXT_BUCKETS];
    struct sdl_width_entry *widths; /* open addressing, at most half full */
    int width_slots;                /* SDL_WIDTH_SLOTS_MIN .. SDL_WIDTH_CACHE_CAP * 2 */
    int width_count;
    struct sdl_image_entry images[SDL_IMAGE_CACHE_CAP];

    struct backend_stats stats;
    int cursor_shown;
    SDL_FingerID finger; /* the finger being followed; others are ignored */
    int finger_down;
    int painted;             /* something was presented: a screenshot has a frame to read */
    struct sdl_audio *audio; /* the voice's audio device (sdl_audio.c); NULL: not opened */
};

uint64_t sdl_hash_text(int font, const char *text);
TTF_Font *sdl_font(struct sdl_backend *b, int font);
/* The texture of a text in a colour, cached across frames (LRU). */
struct sdl_text_entry *sdl_text_get(struct sdl_backend *b, int font, ui_color color,
                                    const char *text);
SDL_Texture *sdl_image_get(struct sdl_backend *b, const struct ui_cmd *c);
int sdl_text_width(void *user, int font, const char *text);
/* The window changed size: fonts and textures follow the new height. */
void sdl_backend_resized(struct sdl_backend *b);
void sdl_cache_init(struct sdl_backend *b);
void sdl_cache_release(struct sdl_backend *b);
void sdl_audio_close(struct sdl_backend *b);

#endif
