/* The repeat filter and the preview's shrinking (camera.h): pure functions, no thread. */
#include "camera/camera.h"

#include <string.h>

static uint64_t text_hash(const char *text)
{
    uint64_t h = 1469598103934665603ull;
    for (; *text; text++) {
        h ^= (unsigned char)*text;
        h *= 1099511628211ull;
    }
    return h | 1; /* never 0: 0 marks a free slot */
}

int camera_recent_fire(struct camera_recent *r, const char *text, int64_t now_ms)
{
    uint64_t h = text_hash(text);
    int oldest = 0;
    for (int i = 0; i < CAMERA_RECENT; i++) {
        if (r->hash[i] == h) {
            int fire = now_ms - r->seen_ms[i] >= CAMERA_REPEAT_MS;
            r->seen_ms[i] = now_ms; /* still in view: the quiet time starts again */
            return fire;
        }
        if (r->hash[i] == 0 || (r->hash[oldest] != 0 && r->seen_ms[i] < r->seen_ms[oldest]))
            oldest = i;
    }
    r->hash[oldest] = h;
    r->seen_ms[oldest] = now_ms;
    return 1;
}

void camera_shrink(const uint8_t *src, int w, int h, uint8_t *dst, int *dw, int *dh)
{
    int fx = (w + CAMERA_PREVIEW_MAX_W - 1) / CAMERA_PREVIEW_MAX_W;
    int fy = (h + CAMERA_PREVIEW_MAX_H - 1) / CAMERA_PREVIEW_MAX_H;
    int f = fx > fy ? fx : fy;
    if (f < 1)
        f = 1;
    int ow = w / f, oh = h / f;
    for (int y = 0; y < oh; y++) {
        for (int x = 0; x < ow; x++) {
            unsigned sum = 0;
            for (int j = 0; j < f; j++) {
                const uint8_t *row = src + (size_t)(y * f + j) * (size_t)w + (size_t)(x * f);
                for (int i = 0; i < f; i++)
                    sum += row[i];
            }
            dst[(size_t)y * (size_t)ow + (size_t)x] = (uint8_t)(sum / (unsigned)(f * f));
        }
    }
    *dw = ow;
    *dh = oh;
}
