/* sdl_backend_ops: the host's backend interface (host/backend.h) over the SDL backend. The
 * host's struct backend is this backend's struct sdl_backend. */
#include "sdl/sdl_backend.h"

static struct sdl_backend *sdl(struct backend *b)
{
    return (struct sdl_backend *)b;
}

static kiosk_status ops_open(const struct backend_opts *opts, struct backend **out, char *err,
                             size_t errlen)
{
    struct sdl_backend *b = NULL;
    kiosk_status st = sdl_backend_open(opts, &b, err, errlen);
    if (st == KIOSK_OK)
        *out = (struct backend *)b;
    return st;
}

static void ops_close(struct backend *b)
{
    sdl_backend_close(sdl(b));
}

static const struct ui_text_metrics *ops_metrics(struct backend *b)
{
    return sdl_backend_metrics(sdl(b));
}

static void ops_size(struct backend *b, int *width, int *height)
{
    sdl_backend_size(sdl(b), width, height);
}

static void ops_paint(struct backend *b, const struct ui_drawlist *dl)
{
    sdl_backend_paint(sdl(b), dl);
}

static int ops_wait(struct backend *b, int timeout_ms, struct backend_input *out)
{
    return sdl_backend_wait(sdl(b), timeout_ms, out);
}

static kiosk_status ops_inject(struct backend *b, const char *what)
{
    return sdl_backend_inject(sdl(b), what);
}

static kiosk_status ops_screenshot(struct backend *b, const char *png_path)
{
    return sdl_backend_screenshot(sdl(b), png_path);
}

static kiosk_status ops_text_raster(struct backend *b, const char *text, int font_px,
                                    int max_width_px, uint8_t **out, int *width, int *height)
{
    return sdl_backend_text_raster(sdl(b), text, font_px, max_width_px, out, width, height);
}

static void ops_wake(struct backend *b)
{
    sdl_backend_wake(sdl(b));
}

static kiosk_status ops_audio_play(struct backend *b, const int16_t *pcm, size_t n, int rate,
                                   char *err, size_t errlen)
{
    return sdl_backend_audio_play(sdl(b), pcm, n, rate, err, errlen);
}

static void ops_audio_stop(struct backend *b)
{
    sdl_backend_audio_stop(sdl(b));
}

static void ops_stats(struct backend *b, struct backend_stats *out)
{
    sdl_backend_stats(sdl(b), out);
}

const struct backend_ops sdl_backend_ops = {
    .name = "sdl",
    .open = ops_open,
    .close = ops_close,
    .metrics = ops_metrics,
    .size = ops_size,
    .paint = ops_paint,
    .wait = ops_wait,
    .inject = ops_inject,
    .screenshot = ops_screenshot,
    .text_raster = ops_text_raster,
    .stats = ops_stats,
    .wake = ops_wake,
    .audio_play = ops_audio_play,
    .audio_stop = ops_audio_stop,
};
