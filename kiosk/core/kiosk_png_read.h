/* Reads PNG files into 8-bit grey (libpng's simplified API): the camera's file: frames. */
#ifndef KIOSK_PNG_READ_H
#define KIOSK_PNG_READ_H

#include "common.h"

/* Any PNG (grey, RGB, palette, with or without alpha, 16-bit) as 8-bit grey, rows width
 * bytes apart; alpha is composed over white. *out: free(). KIOSK_E_NOT_FOUND for a missing
 * file, KIOSK_E_CORRUPT for one that is not a PNG, KIOSK_E_INVALID above max_pixels. */
kiosk_status kiosk_png_read_grey(const char *path, size_t max_pixels, uint8_t **out, int *width,
                                 int *height);

#endif
