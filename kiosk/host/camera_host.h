/* The camera in the runtime (kiosk/core/camera): started from the `camera` setting, each
 * code it reads handed to the same scan routing as the USB scanner's (input_scan), its live
 * picture shown where a screen invites a scan, its trouble shown on the admin screen. */
#ifndef KIOSK_HOST_CAMERA_HOST_H
#define KIOSK_HOST_CAMERA_HOST_H

#include "camera/camera.h"

#define HOST_CAMERA_PREVIEW_MS 125       /* the live picture moves on 8 times a second at most */
#define HOST_CAMERA_STALE_MS 2000        /* no frame this long: the picture is taken away */
#define HOST_CAMERA_PLUGIN_VIEW_H_PX 150 /* on a plugin's scan prompt (ui_scan_view) */

struct host_camera {
    struct camera *cam; /* NULL: camera = none */
    uint8_t px[CAMERA_PREVIEW_MAX_W * CAMERA_PREVIEW_MAX_H];
    int pw, ph;
    uint64_t seq;    /* of px */
    int64_t took_ms; /* real time px was last taken */
    int shown;       /* the last frame showed the picture */
    int drawing;     /* a frame is being built: set by host_camera_view */
    int was_live;    /* the picture was worth showing at the last poll */
};

struct app;
/* Starts the camera the setting names; a missing one is only a log line and a status. */
void host_camera_open(struct app *a);
void host_camera_close(struct app *a);
/* What the loop does each time round: codes read go to input_scan; a newer picture, when the
 * screen shows one and HOST_CAMERA_PREVIEW_MS have passed, makes a frame. Never waits. */
void host_camera_poll(struct app *a);
/* ms until the shown picture should move on; -1 when none is shown. */
int host_camera_next_ms(const struct app *a);
/* The live picture as a stacked widget at most max_h_px high (at 1280x800), with its
 * caption when caption (a plugin's prompt has its own); nothing when the camera is off,
 * missing or has sent no frame lately. */
void host_camera_view(struct app *a, int max_h_px, int caption);
/* Height host_camera_view would take at most (0 when it would draw nothing). */
int host_camera_view_height(struct app *a, int max_h_px);
/* For the admin screen: a line for people when the camera is missing or broken and its
 * enum kiosk_msg kind; -1 and "" when there is nothing to say. */
int host_camera_note(struct app *a, char *out, size_t cap);
/* For the script player: real time, at most timeout_ms, until the camera has read a code or
 * settled (every picture read, or missing); then polls. 0 when there is no camera. */
int host_camera_settle(struct app *a, int timeout_ms);

#endif
