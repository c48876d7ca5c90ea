/* libzbar, opened on first use (lazy_lib.h): a kiosk without a camera never maps it, nor the
 * X11, D-Bus, JPEG and V4L libraries it pulls in. Its video module reads V4L2 devices
 * (through libv4l2, which converts any camera's format); its image scanner decodes QR codes.
 * A call needs its name in ZBAR_FUNCS and a macro below (zbar_lazy.c binds the table). */
#ifndef KIOSK_CAMERA_ZBAR_LAZY_H
#define KIOSK_CAMERA_ZBAR_LAZY_H

#include "lazy_lib.h"

#include <zbar.h>

#define ZBAR_FUNCS(X)                                                                              \
    X(_zbar_error_string)                                                                          \
    X(zbar_image_convert)                                                                          \
    X(zbar_image_create)                                                                           \
    X(zbar_image_destroy)                                                                          \
    X(zbar_image_first_symbol)                                                                     \
    X(zbar_image_get_data)                                                                         \
    X(zbar_image_get_height)                                                                       \
    X(zbar_image_get_width)                                                                        \
    X(zbar_image_scanner_create)                                                                   \
    X(zbar_image_scanner_destroy)                                                                  \
    X(zbar_image_scanner_set_config)                                                               \
    X(zbar_image_set_data)                                                                         \
    X(zbar_image_set_format)                                                                       \
    X(zbar_image_set_size)                                                                         \
    X(zbar_negotiate_format)                                                                       \
    X(zbar_scan_image)                                                                             \
    X(zbar_symbol_get_data)                                                                        \
    X(zbar_symbol_get_data_length)                                                                 \
    X(zbar_symbol_get_type)                                                                        \
    X(zbar_symbol_next)                                                                            \
    X(zbar_video_create)                                                                           \
    X(zbar_video_destroy)                                                                          \
    X(zbar_video_enable)                                                                           \
    X(zbar_video_get_fd)                                                                           \
    X(zbar_video_next_image)                                                                       \
    X(zbar_video_open)                                                                             \
    X(zbar_video_request_size)

struct zbar_fns {
    ZBAR_FUNCS(LAZY_MEMBER)
};
extern struct zbar_fns zbar_fn;

/* Loads libzbar once (thread-safe); KIOSK_E_UNAVAILABLE (err says what to install) when it
 * cannot. */
kiosk_status zbar_lazy_load(char *err, size_t errlen);

/* The library's error text for an object (zbar_video_error_string's body, through the table). */
#define ZBAR_ERROR_TEXT(obj) zbar_fn._zbar_error_string((obj), 0)

#endif
