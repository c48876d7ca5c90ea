#include "camera/camera_decode.h"

#include "camera/zbar_lazy.h"

#include <stdlib.h>
#include <string.h>

struct camera_decoder {
    zbar_image_scanner_t *scanner;
};

kiosk_status camera_decoder_new(struct camera_decoder **out, char *err, size_t errlen)
{
    kiosk_status st = zbar_lazy_load(err, errlen);
    if (st != KIOSK_OK)
        return st;
    struct camera_decoder *d = calloc(1, sizeof *d);
    if (!d)
        return KIOSK_E_NOMEM;
    d->scanner = zbar_fn.zbar_image_scanner_create();
    if (!d->scanner) {
        free(d);
        return KIOSK_E_NOMEM;
    }
    zbar_fn.zbar_image_scanner_set_config(d->scanner, ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
    zbar_fn.zbar_image_scanner_set_config(d->scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
    /* every other row and column: a receipt's finder pattern spans 20 px and more in a
     * 640x480 frame, and a frame decodes in ~40% of the time (bench_camera_checkin) */
    zbar_fn.zbar_image_scanner_set_config(d->scanner, ZBAR_NONE, ZBAR_CFG_X_DENSITY, 2);
    zbar_fn.zbar_image_scanner_set_config(d->scanner, ZBAR_NONE, ZBAR_CFG_Y_DENSITY, 2);
    *out = d;
    return KIOSK_OK;
}

void camera_decoder_free(struct camera_decoder *d)
{
    if (!d)
        return;
    zbar_fn.zbar_image_scanner_destroy(d->scanner);
    free(d);
}

int camera_decode(struct camera_decoder *d, const uint8_t *grey, int w, int h,
                  void (*found)(const char *text, void *user), void *user)
{
    if (!d || !grey || w <= 0 || h <= 0)
        return 0;
    zbar_image_t *img = zbar_fn.zbar_image_create();
    if (!img)
        return 0;
    zbar_fn.zbar_image_set_format(img, zbar_fourcc('Y', '8', '0', '0'));
    zbar_fn.zbar_image_set_size(img, (unsigned)w, (unsigned)h);
    zbar_fn.zbar_image_set_data(img, grey, (unsigned long)w * (unsigned long)h, NULL);
    int n = 0;
    if (zbar_fn.zbar_scan_image(d->scanner, img) > 0) {
        const zbar_symbol_t *s = zbar_fn.zbar_image_first_symbol(img);
        for (; s; s = zbar_fn.zbar_symbol_next(s)) {
            const char *text = zbar_fn.zbar_symbol_get_data(s);
            unsigned len = zbar_fn.zbar_symbol_get_data_length(s);
            if (!text || len == 0 || len >= CAMERA_TEXT_MAX || strlen(text) != len)
                continue;
            found(text, user);
            n++;
        }
    }
    zbar_fn.zbar_image_destroy(img);
    return n;
}
