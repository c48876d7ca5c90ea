#include "kiosk_png_read.h"

#include <errno.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

kiosk_status kiosk_png_read_grey(const char *path, size_t max_pixels, uint8_t **out, int *width,
                                 int *height)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return errno == ENOENT ? KIOSK_E_NOT_FOUND : KIOSK_E_IO;
    png_image img;
    memset(&img, 0, sizeof img);
    img.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_stdio(&img, f)) {
        fclose(f);
        return KIOSK_E_CORRUPT;
    }
    if ((size_t)img.width * img.height > max_pixels || img.width == 0 || img.height == 0) {
        png_image_free(&img);
        fclose(f);
        return KIOSK_E_INVALID;
    }
    img.format = PNG_FORMAT_GRAY;
    uint8_t *px = malloc(PNG_IMAGE_SIZE(img));
    if (!px) {
        png_image_free(&img);
        fclose(f);
        return KIOSK_E_NOMEM;
    }
    png_color white = {255, 255, 255};
    int ok = png_image_finish_read(&img, &white, px, 0, NULL);
    fclose(f);
    if (!ok) {
        png_image_free(&img);
        free(px);
        return KIOSK_E_CORRUPT;
    }
    *out = px;
    *width = (int)img.width;
    *height = (int)img.height;
    return KIOSK_OK;
}
