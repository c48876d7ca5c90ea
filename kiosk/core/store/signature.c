/* Signatures: finger strokes packed as little-endian int16 x,y pairs (x == -1 ends a
 * stroke) and drawn into a small grey PNG for the attendance sheet. */
#include "domain.h"
#include "kiosk_png.h"
#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

/* The PNG fits this box (a sheet cell), keeping the pad's proportions. */
enum { SIG_MAX_W = 360, SIG_MAX_H = 120, SIG_PEN = 1 /* radius in px */ };

kiosk_status store_signature_pack(const struct kiosk_signature *sig, uint8_t **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    if (!sig || sig->count == 0)
        return KIOSK_OK;
    if (sig->count > KIOSK_ARRAY_LEN(sig->points))
        return KIOSK_E_INVALID;
    uint8_t *buf = malloc(sig->count * 4);
    if (!buf)
        return KIOSK_E_NOMEM;
    for (size_t i = 0; i < sig->count; i++) {
        uint16_t x = (uint16_t)sig->points[i].x, y = (uint16_t)sig->points[i].y;
        buf[4 * i + 0] = (uint8_t)(x & 0xff);
        buf[4 * i + 1] = (uint8_t)(x >> 8);
        buf[4 * i + 2] = (uint8_t)(y & 0xff);
        buf[4 * i + 3] = (uint8_t)(y >> 8);
    }
    *out = buf;
    *len = sig->count * 4;
    return KIOSK_OK;
}

kiosk_status store_signature_unpack(const uint8_t *blob, size_t len, struct kiosk_signature *out)
{
    memset(out, 0, sizeof *out);
    if (len % 4 || len / 4 > KIOSK_ARRAY_LEN(out->points))
        return KIOSK_E_CORRUPT;
    out->count = len / 4;
    for (size_t i = 0; i < out->count; i++) {
        out->points[i].x = (int16_t)(uint16_t)(blob[4 * i] | blob[4 * i + 1] << 8);
        out->points[i].y = (int16_t)(uint16_t)(blob[4 * i + 2] | blob[4 * i + 3] << 8);
        if (out->points[i].x > out->width)
            out->width = out->points[i].x;
        if (out->points[i].y > out->height)
            out->height = out->points[i].y;
    }
    return KIOSK_OK;
}

struct canvas {
    uint8_t *px;
    int w, h;
};

static void dot(struct canvas *c, int x, int y)
{
    for (int dy = -SIG_PEN; dy <= SIG_PEN; dy++)
        for (int dx = -SIG_PEN; dx <= SIG_PEN; dx++) {
            int px = x + dx, py = y + dy;
            if (px >= 0 && py >= 0 && px < c->w && py < c->h && dx * dx + dy * dy <= 2)
                c->px[(size_t)py * (size_t)c->w + (size_t)px] = 0;
        }
}

static void line(struct canvas *c, int x0, int y0, int x1, int y1)
{
    int dx = abs(x1 - x0), sx = x0 < x1 ? 1 : -1;
    int dy = -abs(y1 - y0), sy = y0 < y1 ? 1 : -1;
    int err = dx + dy;
    for (;;) {
        dot(c, x0, y0);
        if (x0 == x1 && y0 == y1)
            break;
        int e2 = 2 * err;
        if (e2 >= dy) {
            err += dy;
            x0 += sx;
        }
        if (e2 <= dx) {
            err += dx;
            y0 += sy;
        }
    }
}

kiosk_status store_signature_png(const struct kiosk_signature *sig, uint8_t **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    if (!sig || sig->count == 0)
        return KIOSK_OK;
    int pad_w = sig->width, pad_h = sig->height;
    for (size_t i = 0; i < sig->count; i++) { /* a pad without a size: its drawn extent */
        if (sig->points[i].x >= pad_w)
            pad_w = sig->points[i].x + 1;
        if (sig->points[i].y >= pad_h)
            pad_h = sig->points[i].y + 1;
    }
    if (pad_w <= 0 || pad_h <= 0)
        return KIOSK_E_INVALID;
    double scale = 1.0;
    if (pad_w > SIG_MAX_W)
        scale = (double)SIG_MAX_W / pad_w;
    if (pad_h * scale > SIG_MAX_H)
        scale = (double)SIG_MAX_H / pad_h;
    struct canvas c = {.w = (int)(pad_w * scale + 0.5), .h = (int)(pad_h * scale + 0.5)};
    if (c.w < 1)
        c.w = 1;
    if (c.h < 1)
        c.h = 1;
    c.px = malloc((size_t)c.w * (size_t)c.h);
    if (!c.px)
        return KIOSK_E_NOMEM;
    memset(c.px, 255, (size_t)c.w * (size_t)c.h); /* white paper, black ink */
    int have_prev = 0, px = 0, py = 0;
    for (size_t i = 0; i < sig->count; i++) {
        if (sig->points[i].x < 0) {
            have_prev = 0;
            continue;
        }
        int x = (int)(sig->points[i].x * scale), y = (int)(sig->points[i].y * scale);
        if (have_prev)
            line(&c, px, py, x, y);
        else
            dot(&c, x, y);
        px = x;
        py = y;
        have_prev = 1;
    }
    kiosk_status r = kiosk_png_encode(c.px, c.w, c.h, 1, (size_t)c.w, out, len);
    free(c.px);
    return r;
}
