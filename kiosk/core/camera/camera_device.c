/* V4L2 devices through libzbar's video module (camera_source.h). */
#include "camera/camera_source_internal.h"

#include "camera/zbar_lazy.h"

#include <ctype.h>
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define AUTO_MAX_DEVICES 64

/* libzbar's error text is several lines ("ERROR: zbar video in ...:\n  system error: ..."):
 * the log and the admin screen get its last part on one line. */
static void zbar_why(const void *obj, const char *dev, char *why, size_t cap)
{
    const char *t = ZBAR_ERROR_TEXT(obj);
    const char *last = t ? strrchr(t, ':') : NULL;
    const char *msg = last && last[1] ? last + 1 : (t ? t : "unknown error");
    while (isspace((unsigned char)*msg))
        msg++;
    kiosk_fmt(why, cap, "%s: %s", dev, msg);
    for (char *p = why; *p; p++)
        if (*p == '\n' || *p == '\r' || *p == '\t')
            *p = ' ';
    size_t n = strlen(why);
    while (n > 0 && why[n - 1] == ' ')
        why[--n] = '\0';
}

static kiosk_status open_one(struct camera_source *s, const char *dev, char *why, size_t cap)
{
    struct stat st;
    if (stat(dev, &st) != 0) {
        kiosk_fmt(why, cap, "%s: %s", dev, errno == ENOENT ? "no such device" : strerror(errno));
        return KIOSK_E_UNAVAILABLE;
    }
    zbar_video_t *v = zbar_fn.zbar_video_create();
    if (!v)
        return KIOSK_E_NOMEM;
    zbar_fn.zbar_video_request_size(v, CAMERA_WIDTH, CAMERA_HEIGHT);
    if (zbar_fn.zbar_video_open(v, dev) != 0 || zbar_fn.zbar_negotiate_format(v, NULL) != 0 ||
        zbar_fn.zbar_video_enable(v, 1) != 0) {
        zbar_why(v, dev, why, cap);
        zbar_fn.zbar_video_destroy(v);
        return KIOSK_E_UNAVAILABLE;
    }
    s->video = v;
    kiosk_strlcpy(s->name, dev, sizeof s->name);
    return KIOSK_OK;
}

/* The first /dev/videoN that opens and gives frames (a webcam's second node carries only
 * metadata and fails to negotiate a format). */
static kiosk_status open_auto(struct camera_source *s, char *why, size_t cap)
{
    for (int i = 0; i < AUTO_MAX_DEVICES; i++) {
        char dev[32];
        struct stat st;
        snprintf(dev, sizeof dev, "/dev/video%d", i);
        if (stat(dev, &st) == 0 && open_one(s, dev, why, cap) == KIOSK_OK)
            return KIOSK_OK;
    }
    return KIOSK_E_UNAVAILABLE;
}

static int any_device(void)
{
    struct stat st;
    for (int i = 0; i < AUTO_MAX_DEVICES; i++) {
        char dev[32];
        snprintf(dev, sizeof dev, "/dev/video%d", i);
        if (stat(dev, &st) == 0)
            return 1;
    }
    return 0;
}

kiosk_status camera_device_open(struct camera_source *s, const char *spec, char *why, size_t cap)
{
    char err[400];
    kiosk_strlcpy(s->name, spec, sizeof s->name);
    int is_auto = strcmp(spec, "auto") == 0;
    if (is_auto && !any_device()) { /* libzbar stays unloaded on a kiosk without a camera */
        kiosk_fmt(why, cap, "no camera found (no /dev/video* device)");
        return KIOSK_E_NOT_FOUND;
    }
    if (zbar_lazy_load(err, sizeof err) != KIOSK_OK) {
        kiosk_fmt(why, cap, "%s", err);
        return KIOSK_E_UNAVAILABLE;
    }
    return is_auto ? open_auto(s, why, cap) : open_one(s, spec, why, cap);
}

void camera_device_close(struct camera_source *s)
{
    if (!s->video)
        return;
    zbar_fn.zbar_video_enable(s->video, 0);
    zbar_fn.zbar_video_destroy(s->video);
    s->video = NULL;
}

/* The frame as grey (libzbar converts whatever the device sends). */
static int take_grey(struct camera_source *s, zbar_image_t *img, struct camera_frame *f)
{
    zbar_image_t *y = zbar_fn.zbar_image_convert(img, zbar_fourcc('Y', '8', '0', '0'));
    if (!y)
        return CAMERA_NONE;
    int w = (int)zbar_fn.zbar_image_get_width(y), h = (int)zbar_fn.zbar_image_get_height(y);
    const uint8_t *px = zbar_fn.zbar_image_get_data(y);
    uint8_t *copy = w > 0 && h > 0 && px ? malloc((size_t)w * (size_t)h) : NULL;
    if (copy) {
        memcpy(copy, px, (size_t)w * (size_t)h);
        free(s->grey);
        s->grey = copy;
        f->grey = copy;
        f->width = w;
        f->height = h;
        f->at_ms = camera_mono_ms();
    }
    zbar_fn.zbar_image_destroy(y);
    return copy ? CAMERA_FRAME : CAMERA_NONE;
}

int camera_device_next(struct camera_source *s, int timeout_ms, struct camera_frame *f, char *why,
                       size_t cap)
{
    int fd = zbar_fn.zbar_video_get_fd(s->video);
    if (fd >= 0) {
        struct pollfd p = {.fd = fd, .events = POLLIN};
        int n = poll(&p, 1, timeout_ms);
        if (n == 0 || (n < 0 && errno == EINTR))
            return CAMERA_NONE;
        if (n < 0 || (p.revents & (POLLERR | POLLHUP | POLLNVAL))) {
            kiosk_fmt(why, cap, "%s: the camera stopped answering (unplugged?)", s->name);
            return CAMERA_LOST;
        }
    }
    zbar_image_t *img = zbar_fn.zbar_video_next_image(s->video);
    if (!img) {
        zbar_why(s->video, s->name, why, cap);
        return CAMERA_LOST;
    }
    int r = take_grey(s, img, f);
    zbar_fn.zbar_image_destroy(img);
    return r;
}
