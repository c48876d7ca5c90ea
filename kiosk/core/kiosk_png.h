/* Writes PNG files (libpng): screenshots, receipt pictures, signatures.
 * Reading is kiosk_png_read.h (the camera's file: frames). */
#ifndef KIOSK_PNG_H
#define KIOSK_PNG_H

#include "common.h"

/* 8-bit grey (channels 1), RGB (3) or RGBA (4) pixels, rows stride bytes apart. The file
 * is written to path.tmp, then renamed: never half a PNG. mode: file mode (0600, 0644). */
kiosk_status kiosk_png_write(const char *path, const uint8_t *pixels, int width, int height,
                             int channels, size_t stride, int mode);
/* The same into memory. *out: free(). */
kiosk_status kiosk_png_encode(const uint8_t *pixels, int width, int height, int channels,
                              size_t stride, uint8_t **out, size_t *out_len);

#endif
