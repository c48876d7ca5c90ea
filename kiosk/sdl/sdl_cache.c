/* Caches that keep the kiosk fast on a software renderer: text textures (LRU, kept
 * across frames), text widths, image textures by the draw list's image key. */
#include "sdl_internal.h"

#include <stdlib.h>
#include <string.h>

uint64_t sdl_hash_text(int font, const char *text)
{
    uint64_t h = 1469598103934665603ull ^ (uint64_t)(font + 1) * 0x9E3779B97F4A7C15ull;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        h ^= *p;
        h *= 1099511628211ull;
    }
    return h;
}

void sdl_cache_init(struct sdl_backend *b)
{
    for (int i = 0; i < SDL_TEXT_BUCKETS; i++)
        b->buckets[i] = -1;
    /* small at first: the home screen measures a few dozen texts, and a table made for
     * every screen's would be ~200 KB resident before the first frame (hashes touch it all) */
    b->width_slots = SDL_WIDTH_SLOTS_MIN;
    b->widths = calloc((size_t)b->width_slots, sizeof *b->widths);
}

static void widths_clear(struct sdl_backend *b)
{
    if (!b->widths)
        return;
    for (int i = 0; i < b->width_slots; i++) {
        free(b->widths[i].text);
        b->widths[i].text = NULL;
    }
    b->width_count = 0;
}

/* An empty slot for hash h (the table is never full: at most half). */
static struct sdl_width_entry *width_slot(struct sdl_width_entry *t, int slots, uint64_t h)
{
    int i = (int)(h % (uint64_t)slots);
    while (t[i].text)
        i = (i + 1) % slots;
    return &t[i];
}

/* Doubles the table with its entries; at its largest, or on no memory, it stays as it is. */
static void widths_grow(struct sdl_backend *b)
{
    if (b->width_slots <= 0 || b->width_slots >= SDL_WIDTH_CACHE_CAP * 2)
        return;
    int slots = b->width_slots * 2;
    struct sdl_width_entry *t = calloc((size_t)slots, sizeof *t);
    if (!t)
        return;
    for (int i = 0; i < b->width_slots; i++)
        if (b->widths[i].text)
            *width_slot(t, slots, b->widths[i].hash) = b->widths[i];
    free(b->widths);
    b->widths = t;
    b->width_slots = slots;
}

void sdl_cache_release(struct sdl_backend *b)
{
    for (int i = 0; i < b->text_count; i++) {
        if (b->text[i].tex)
            SDL_DestroyTexture(b->text[i].tex);
        free(b->text[i].text);
    }
    b->text_count = 0;
    b->text_bytes = 0;
    for (int i = 0; i < SDL_TEXT_BUCKETS; i++)
        b->buckets[i] = -1;
    widths_clear(b);
    free(b->widths);
    b->widths = NULL;
    for (int i = 0; i < SDL_IMAGE_CACHE_CAP; i++)
        if (b->images[i].tex) {
            SDL_DestroyTexture(b->images[i].tex);
            b->images[i].tex = NULL;
        }
}

/* Widths are asked for far more often than texts are drawn (wrapping measures word by
 * word), and shaping with HarfBuzz is not free. */
int sdl_text_width(void *user, int font, const char *text)
{
    struct sdl_backend *b = user;
    if (!text || !*text)
        return 0;
    uint64_t h = sdl_hash_text(font, text);
    if (b->widths) {
        const int slots = b->width_slots;
        for (int i = (int)(h % (uint64_t)slots), n = 0; n < slots; i = (i + 1) % slots, n++) {
            struct sdl_width_entry *e = &b->widths[i];
            if (!e->text)
                break;
            if (e->hash == h && e->font == font && strcmp(e->text, text) == 0)
                return e->width;
        }
    }
    TTF_Font *f = sdl_font(b, font);
    int w = 0, hh = 0;
    if (!f || TTF_SizeUTF8(f, text, &w, &hh) != 0)
        return 0;
    b->stats.texts_measured++;
    if (b->widths) {
        if (b->width_count >= SDL_WIDTH_CACHE_CAP)
            widths_clear(b); /* rare: a clean start is cheaper than eviction bookkeeping */
        if ((b->width_count + 1) * 2 > b->width_slots)
            widths_grow(b);
        char *copy = (b->width_count + 1) * 2 <= b->width_slots ? strdup(text) : NULL;
        if (copy) {
            *width_slot(b->widths, b->width_slots, h) = (struct sdl_width_entry){h, font, w, copy};
            b->width_count++;
        }
    }
    return w;
}

static void unlink_entry(struct sdl_backend *b, int idx)
{
    struct sdl_text_entry *e = &b->text[idx];
    int *link = &b->buckets[e->hash % SDL_TEXT_BUCKETS];
    while (*link != -1 && *link != idx)
        link = &b->text[*link].next;
    if (*link == idx)
        *link = e->next;
}

static void relink_entry(struct sdl_backend *b, int from, int to)
{
    /* the entry moved from slot `from` to slot `to`: fix the link that named it */
    struct sdl_text_entry *e = &b->text[to];
    int *link = &b->buckets[e->hash % SDL_TEXT_BUCKETS];
    while (*link != -1 && *link != from)
        link = &b->text[*link].next;
    if (*link == from)
        *link = to;
}

/* Drops the least recently used text (never one used in this frame unless all are). */
static void evict_one(struct sdl_backend *b)
{
    int victim = -1;
    for (int i = 0; i < b->text_count; i++)
        if (victim < 0 || b->text[i].used_frame < b->text[victim].used_frame)
            victim = i;
    if (victim < 0)
        return;
    struct sdl_text_entry *e = &b->text[victim];
    unlink_entry(b, victim);
    if (e->tex)
        SDL_DestroyTexture(e->tex);
    free(e->text);
    b->text_bytes -= (size_t)e->w * (size_t)e->h * 4;
    b->stats.texts_evicted++;
    int last = b->text_count - 1;
    if (victim != last) {
        b->text[victim] = b->text[last];
        relink_entry(b, last, victim);
    }
    b->text_count--;
}

struct sdl_text_entry *sdl_text_get(struct sdl_backend *b, int font, ui_color color,
                                    const char *text)
{
    uint32_t rgb = (uint32_t)color.r << 16 | (uint32_t)color.g << 8 | color.b;
    uint64_t h = sdl_hash_text(font, text) ^ (uint64_t)rgb * 0xFF51AFD7ED558CCDull;
    for (int i = b->buckets[h % SDL_TEXT_BUCKETS]; i != -1; i = b->text[i].next) {
        struct sdl_text_entry *e = &b->text[i];
        if (e->hash == h && e->font == font && e->rgb == rgb && strcmp(e->text, text) == 0) {
            e->used_frame = b->frame;
            b->stats.text_hits++;
            return e;
        }
    }
    TTF_Font *f = sdl_font(b, font);
    if (!f)
        return NULL;
    /* rendered in its colour: a texture drawn without colour modulation blends twice as
     * fast on the software renderer, and one text rarely shows in two colours */
    SDL_Surface *s = TTF_RenderUTF8_Blended(f, text, (SDL_Color){color.r, color.g, color.b, 255});
    if (!s)
        return NULL;
    SDL_Texture *tex = SDL_CreateTextureFromSurface(b->ren, s);
    int w = s->w, hh = s->h;
    SDL_FreeSurface(s);
    if (!tex)
        return NULL;
    SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_BLEND);
    b->stats.texts_rendered++;
    size_t bytes = (size_t)w * (size_t)hh * 4;
    while (b->text_count > 0 &&
           (b->text_count >= SDL_TEXT_CACHE_CAP || b->text_bytes + bytes > SDL_TEXT_CACHE_BYTES))
        evict_one(b);
    char *copy = strdup(text);
    if (!copy) {
        SDL_DestroyTexture(tex);
        return NULL;
    }
    int idx = b->text_count++;
    struct sdl_text_entry *e = &b->text[idx];
    *e = (struct sdl_text_entry){h, font, rgb, copy, tex, w, hh, b->frame, -1};
    e->next = b->buckets[h % SDL_TEXT_BUCKETS];
    b->buckets[h % SDL_TEXT_BUCKETS] = idx;
    b->text_bytes += bytes;
    return e;
}

SDL_Texture *sdl_image_get(struct sdl_backend *b, const struct ui_cmd *c)
{
    struct sdl_image_entry *slot = NULL;
    for (int i = 0; i < SDL_IMAGE_CACHE_CAP; i++) {
        struct sdl_image_entry *e = &b->images[i];
        if (e->tex && e->key == c->image_key && e->w == c->pw && e->h == c->ph) {
            e->used_frame = b->frame;
            return e->tex;
        }
        if (!slot || !e->tex || (slot->tex && e->used_frame < slot->used_frame))
            slot = e;
    }
    if (!c->pixels || c->pw <= 0 || c->ph <= 0)
        return NULL;
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, c->pw, c->ph, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!s)
        return NULL;
    for (int y = 0; y < c->ph; y++) {
        uint32_t *row = (uint32_t *)((uint8_t *)s->pixels + (size_t)y * (size_t)s->pitch);
        for (int x = 0; x < c->pw; x++) {
            uint32_t g = c->pixels[(size_t)y * (size_t)c->pw + (size_t)x];
            row[x] = 0xFF000000u | g << 16 | g << 8 | g;
        }
    }
    SDL_Texture *tex = SDL_CreateTextureFromSurface(b->ren, s);
    SDL_FreeSurface(s);
    if (!tex)
        return NULL;
    /* QR modules stay sharp; a camera's picture is smoothed */
    SDL_SetTextureScaleMode(tex, c->radius == UI_IMAGE_SMOOTH ? SDL_ScaleModeLinear
                                                              : SDL_ScaleModeNearest);
    if (slot->tex)
        SDL_DestroyTexture(slot->tex);
    *slot = (struct sdl_image_entry){c->image_key, tex, c->pw, c->ph, b->frame};
    b->stats.images_created++;
    return tex;
}
