/* The camera in the runtime (camera_host.h). */
#include "host/camera_host.h"

#include "camera/camera_source.h"
#include "host/app.h"
#include "host/host_ctx.h"
#include "host/screens.h"
#include "host/input.h"

#include <string.h>

#define CAPTION_KEY "host.camera.caption"

void host_wake_loop(void *user)
{
    const struct backend_ops *be;
    struct backend *b = app_backend(user, &be);
    if (be && be->wake)
        be->wake(b);
}

void host_camera_open(struct app *a)
{
    const char *spec = config_get(app_config(a), "camera");
    if (camera_start(spec, host_wake_loop, a, &app_camera(a)->cam) != KIOSK_OK)
        kiosk_log(KIOSK_LOG_ERROR, "camera: cannot start its thread");
    else if (!app_camera(a)->cam)
        kiosk_log(KIOSK_LOG_DEBUG, "camera: none (the setting is '%s')", spec);
}

void host_camera_close(struct app *a)
{
    camera_stop(app_camera(a)->cam);
    app_camera(a)->cam = NULL;
}

/* The picture is worth showing: frames are coming (or a file: demo showed its last). */
static int live(struct app *a)
{
    struct camera_status st;
    camera_get_status(app_camera(a)->cam, &st);
    if (st.state == CAMERA_ENDED)
        return app_camera(a)->pw > 0;
    return st.state == CAMERA_RUNNING && app_camera(a)->pw > 0 &&
           camera_mono_ms() - st.last_frame_ms < HOST_CAMERA_STALE_MS;
}

void host_camera_poll(struct app *a)
{
    struct host_camera *hc = app_camera(a);
    if (!hc->cam)
        return;
    char text[CAMERA_TEXT_MAX];
    while (camera_take(hc->cam, text, sizeof text, NULL))
        input_scan(a, text);
    int64_t now = camera_mono_ms();
    if (now - hc->took_ms < HOST_CAMERA_PREVIEW_MS && hc->pw > 0)
        return;
    int newer = camera_preview(hc->cam, hc->px, &hc->pw, &hc->ph, &hc->seq);
    if (newer)
        hc->took_ms = now;
    int is_live = live(a);
    /* a frame when the shown picture moved on, or the picture comes or goes (the camera
     * started, or went quiet: never a frozen picture) */
    if ((newer && hc->shown) || is_live != hc->was_live)
        app_frame(a, NULL);
    hc->was_live = is_live;
}

int host_camera_next_ms(const struct app *a)
{
    const struct host_camera *hc = app_camera(a);
    if (!hc->cam || !hc->shown)
        return -1;
    int64_t left = hc->took_ms + HOST_CAMERA_PREVIEW_MS - camera_mono_ms();
    return left < 0 ? 0 : (int)left;
}

int host_camera_view_height(struct app *a, int max_h_px)
{
    if (!app_camera(a)->cam || !live(a))
        return 0;
    return screens_px(a, max_h_px + 64); /* the picture, its frame and a caption's line */
}

void host_camera_view(struct app *a, int max_h_px, int caption)
{
    struct host_camera *hc = app_camera(a);
    if (!hc->cam || !live(a))
        return;
    ui_camera_view(app_ui(a), hc->px, hc->pw, hc->ph, hc->seq,
                   caption ? i18n_tr(app_i18n(a), CAPTION_KEY) : NULL, max_h_px);
    hc->drawing = 1;
}

int host_camera_note(struct app *a, char *out, size_t cap)
{
    out[0] = '\0';
    if (!app_camera(a)->cam)
        return -1;
    struct camera_status st;
    camera_get_status(app_camera(a)->cam, &st);
    const char *key = NULL;
    if (st.state == CAMERA_BROKEN)
        key = "admin.camera.broken";
    else if (st.state == CAMERA_MISSING && strcmp(st.source, "auto") == 0)
        key = "admin.camera.none_found";
    else if (st.state == CAMERA_MISSING)
        key = "admin.camera.missing";
    if (!key)
        return -1;
    static const char *const names[] = {"source"};
    const char *values[] = {st.source};
    screens_template(i18n_tr(app_i18n(a), key), names, values, 1, out, cap);
    return strcmp(key, "admin.camera.none_found") == 0 ? KIOSK_MSG_INFO : KIOSK_MSG_ERROR;
}

int host_camera_settle(struct app *a, int timeout_ms)
{
    if (!app_camera(a)->cam)
        return 0;
    camera_wait(app_camera(a)->cam, timeout_ms);
    app_camera(a)->took_ms = 0; /* the picture as it is now, whatever the rate */
    host_camera_poll(a);
    return 1;
}
