/* Where a camera's frames come from: a V4L2 device (libzbar's video module, which goes
 * through libv4l2 so any camera format comes out), or file: pictures for tests and demos
 * (one PNG, or a folder of PNGs played in name order at a camera's pace). Every frame is
 * handed on as 8-bit grey. One source belongs to one thread. */
#ifndef KIOSK_CAMERA_SOURCE_H
#define KIOSK_CAMERA_SOURCE_H

#include "common.h"

#define CAMERA_WIDTH 640 /* what a device is asked for: enough for a receipt at arm's length */
#define CAMERA_HEIGHT 480
#define CAMERA_FILE_FRAME_MS 66 /* file: frames come at 15 per second, like a cheap webcam */

enum camera_next {
    CAMERA_FRAME = 0, /* a frame is in *frame */
    CAMERA_NONE,      /* nothing within the timeout */
    CAMERA_END,       /* file: every picture was played */
    CAMERA_LOST,      /* the device went away or failed: close it and open it again later */
};

struct camera_frame {
    const uint8_t *grey; /* owned by the source until the next call */
    int width, height;
    int64_t at_ms; /* monotonic ms when it was read */
};

struct camera_source;

/* What the setting names: "auto", "/dev/videoN" (any device path), "file:PATH". "auto"
 * opens the first V4L2 device that gives frames. On failure why says what happened in a
 * line for the log ("/dev/video0: Device or resource busy"...); KIOSK_E_NOT_FOUND when
 * "auto" found no device at all (libzbar is then not loaded). */
kiosk_status camera_source_open(const char *spec, struct camera_source **out, char *why,
                                size_t cap);
void camera_source_close(struct camera_source *s);
/* The device or file it reads ("/dev/video0", "photos/"). */
const char *camera_source_name(const struct camera_source *s);
/* The next frame, waiting at most timeout_ms. */
int camera_source_next(struct camera_source *s, int timeout_ms, struct camera_frame *frame,
                       char *why, size_t cap);

/* Monotonic milliseconds (the camera's own clock: real time, even under a script). */
int64_t camera_mono_ms(void);

#endif
