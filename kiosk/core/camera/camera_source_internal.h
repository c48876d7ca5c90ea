/* What camera_source.c and camera_device.c share. */
#ifndef KIOSK_CAMERA_SOURCE_INTERNAL_H
#define KIOSK_CAMERA_SOURCE_INTERNAL_H

#include "camera/camera_source.h"

#include <stdio.h>
#include <strings.h>

enum source_kind { SOURCE_FILE = 1, SOURCE_DEVICE };

struct camera_source {
    int kind;
    char name[4096];
    uint8_t *grey; /* the last frame handed out */
    /* file: */
    char **files;
    size_t file_count, file_next;
    int64_t due_ms;
    /* device: */
    void *video; /* zbar_video_t */
};

kiosk_status camera_device_open(struct camera_source *s, const char *spec, char *why, size_t cap);
void camera_device_close(struct camera_source *s);
int camera_device_next(struct camera_source *s, int timeout_ms, struct camera_frame *f, char *why,
                       size_t cap);

#endif
