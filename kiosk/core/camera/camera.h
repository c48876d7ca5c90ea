/* A camera is a scanner: a thread of its own reads frames (camera_source.h), decodes QR
 * codes (camera_decode.h) and leaves in a mailbox the texts read and the latest preview (a
 * small grey picture). The host takes them from its loop without waiting: the worker calls
 * wake() when a text arrives so a sleeping loop gets up. A camera that is missing, busy or
 * unplugged is reported in the status and the log and opened again every few seconds; the
 * worker never blocks the screen. The same text seen again while it stays in view (until it
 * has been out of sight CAMERA_REPEAT_MS) is one scan. */
#ifndef KIOSK_CAMERA_H
#define KIOSK_CAMERA_H

#include "camera/camera_decode.h"
#include "common.h"

#define CAMERA_REPEAT_MS 3000 /* a code must leave the view this long to count again */
#define CAMERA_RETRY_MS 3000  /* a missing or lost camera is looked for again this often */
#define CAMERA_PREVIEW_MAX_W 192
#define CAMERA_PREVIEW_MAX_H 144

enum camera_state {
    CAMERA_OFF = 0,  /* camera = none */
    CAMERA_STARTING, /* the worker has not opened it yet */
    CAMERA_RUNNING,  /* frames are coming */
    CAMERA_MISSING,  /* not there, busy or lost: tried again every CAMERA_RETRY_MS */
    CAMERA_ENDED,    /* file: every picture was read */
    CAMERA_BROKEN,   /* libzbar cannot be loaded: not tried again */
};

struct camera_status {
    int state;        /* enum camera_state */
    char source[256]; /* the device or file, when known */
    char why[300];    /* MISSING / BROKEN: what happened, one line in English */
    uint64_t frames;  /* frames read */
    uint64_t decoded; /* texts handed to the host (after the repeat filter) */
    int64_t last_frame_ms;
};

struct camera;

/* Starts the worker for a setting's value ("auto", "/dev/videoN", "file:PATH"; "none" and
 * "" give *out = NULL and KIOSK_OK). wake may be NULL; it is called on the worker thread. */
kiosk_status camera_start(const char *spec, void (*wake)(void *user), void *user,
                          struct camera **out);
/* Stops the worker and frees everything (NULL is fine). */
void camera_stop(struct camera *c);
/* Takes the oldest text read, if any: 1 and out filled (at_ms: monotonic time its frame was
 * read), else 0. Never waits. */
int camera_take(struct camera *c, char *out, size_t cap, int64_t *at_ms);
/* Copies the latest preview when it is newer than *seq (then *seq moves on): 1, else 0.
 * px holds CAMERA_PREVIEW_MAX_W * CAMERA_PREVIEW_MAX_H bytes. */
int camera_preview(struct camera *c, uint8_t *px, int *w, int *h, uint64_t *seq);
void camera_get_status(struct camera *c, struct camera_status *out);
/* Waits (real time, at most timeout_ms) until a text is waiting, or the source has ended or
 * is missing. For the script player and tests. Returns 1 when a text is waiting. */
int camera_wait(struct camera *c, int timeout_ms);

/* The repeat filter on its own (the worker uses it; tests drive it with their own clock). */
#define CAMERA_RECENT 8
struct camera_recent {
    uint64_t hash[CAMERA_RECENT];
    int64_t seen_ms[CAMERA_RECENT];
};
/* 1 when text counts as a new scan at now_ms; records the sighting either way. */
int camera_recent_fire(struct camera_recent *r, const char *text, int64_t now_ms);

/* A grey frame shrunk to fit CAMERA_PREVIEW_MAX_W x _H (averaging whole blocks). */
void camera_shrink(const uint8_t *src, int w, int h, uint8_t *dst, int *dw, int *dh);

#endif
