#include "kiosk_png.h"

#include "bytes.h"

#include <fcntl.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void mem_write(png_structp png, png_bytep data, png_size_t len)
{
    kiosk_bytes_put(png_get_io_ptr(png), data, len);
}

static void mem_flush(png_structp png)
{
    (void)png;
}

kiosk_status kiosk_png_encode(const uint8_t *pixels, int width, int height, int channels,
                              size_t stride, uint8_t **out, size_t *out_len)
{
    *out = NULL;
    *out_len = 0;
    int type = channels == 1   ? PNG_COLOR_TYPE_GRAY
               : channels == 3 ? PNG_COLOR_TYPE_RGB
               : channels == 4 ? PNG_COLOR_TYPE_RGBA
                               : -1;
    if (type < 0 || width <= 0 || height <= 0)
        return KIOSK_E_INVALID;
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    struct kiosk_bytes m = {0};
    if (!png || !info) {
        png_destroy_write_struct(&png, &info);
        return KIOSK_E_NOMEM;
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        free(m.data);
        return KIOSK_E_IO;
    }
    png_set_write_fn(png, &m, mem_write, mem_flush);
    png_set_IHDR(png, info, (png_uint_32)width, (png_uint_32)height, 8, type, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_compression_level(png, 3);
    png_write_info(png, info);
    for (int y = 0; y < height; y++)
        png_write_row(png, (png_const_bytep)(pixels + (size_t)y * stride));
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    if (m.failed) {
        free(m.data);
        return KIOSK_E_NOMEM;
    }
    *out = m.data;
    *out_len = m.len;
    return KIOSK_OK;
}

kiosk_status kiosk_png_write(const char *path, const uint8_t *pixels, int width, int height,
                             int channels, size_t stride, int mode)
{
    uint8_t *data;
    size_t len;
    kiosk_status st = kiosk_png_encode(pixels, width, height, channels, stride, &data, &len);
    if (st != KIOSK_OK)
        return st;
    char tmp[4200];
    if (kiosk_fmt(tmp, sizeof tmp, "%s.tmp", path)) {
        free(data);
        return KIOSK_E_INVALID;
    }
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
    if (fd < 0) {
        free(data);
        kiosk_log(KIOSK_LOG_ERROR, "cannot write '%s'", tmp);
        return KIOSK_E_IO;
    }
    size_t done = 0;
    while (done < len) {
        ssize_t n = write(fd, data + done, len - done);
        if (n <= 0)
            break;
        done += (size_t)n;
    }
    free(data);
    int ok = done == len && fsync(fd) == 0;
    ok = close(fd) == 0 && ok;
    if (!ok || rename(tmp, path) != 0) {
        unlink(tmp);
        kiosk_log(KIOSK_LOG_ERROR, "cannot write '%s'", path);
        return KIOSK_E_IO;
    }
    return KIOSK_OK;
}
