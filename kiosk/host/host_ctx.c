/* The accessors of host_ctx.h: what the host's files reach through a kiosk_ctx, and the
 * services' own state (receipt keys opened on first use, the storage status, the ring
 * settings read from the database live in). */
#include "host/host_ctx.h"

#include "host/app.h"
#include "host/camera_host.h"
#include "host/screens.h"

#include <stdlib.h>

struct host_services {
    struct receipt_keys *keys;
    int keys_failed;           /* receipt_keys_open failed once: not tried again */
    kiosk_status storage;      /* last storage status reported (FULL / READONLY show a banner) */
    char setting_ring[8][512]; /* settings read from the database live until the next frame */
    unsigned setting_next;
};

struct host_services *host_services_new(void)
{
    return calloc(1, sizeof(struct host_services));
}

void host_services_free(struct host_services *s)
{
    if (s && s->keys)
        receipt_keys_close(s->keys);
    free(s);
}

store *host_store(kiosk_ctx *ctx)
{
    return app_store(ctx->app);
}

struct receipt_keys *host_keys(kiosk_ctx *ctx)
{
    struct host_services *s = app_services(ctx->app);
    if (!s->keys && !s->keys_failed) {
        char err[512] = "";
        kiosk_status st = receipt_keys_open(host_store(ctx), &s->keys, err, sizeof err);
        if (st != KIOSK_OK) {
            s->keys_failed = 1;
            kiosk_log(KIOSK_LOG_ERROR, "receipts cannot be signed: %s",
                      err[0] ? err : kiosk_status_name(st));
        }
    }
    return s->keys;
}

ui_ctx *host_ui(kiosk_ctx *ctx)
{
    return app_ui(ctx->app);
}

void host_scan_view(kiosk_ctx *ctx)
{
    if (ui_has_focus(app_ui(ctx->app)))
        return; /* she types: the keyboard covers where the picture would be */
    host_camera_view(ctx->app, HOST_CAMERA_PLUGIN_VIEW_H_PX, 0);
}

const char *host_setting(kiosk_ctx *ctx, const char *key)
{
    struct host_services *s = app_services(ctx->app);
    struct config *cfg = app_config(ctx->app);
    store *st = host_store(ctx);
    if (!key)
        return NULL;
    const char *v = config_get_set(cfg, key);
    if (v)
        return v;
    char *buf = s->setting_ring[s->setting_next++ % KIOSK_ARRAY_LEN(s->setting_ring)];
    if (st && store_setting_get(st, key, buf, sizeof s->setting_ring[0]) == KIOSK_OK)
        return buf;
    v = config_get(cfg, key);
    return v && *v ? v : NULL;
}

const char *host_tr(kiosk_ctx *ctx, const char *key)
{
    const struct kiosk_string *table = ctx->plugin ? ctx->plugin->desc.strings : NULL;
    return i18n_tr_table(app_i18n(ctx->app), table, key);
}

void host_storage_status(kiosk_ctx *ctx, kiosk_status st)
{
    struct host_services *s = app_services(ctx->app);
    kiosk_status before = s->storage;
    if (st == KIOSK_E_FULL || st == KIOSK_E_READONLY)
        s->storage = st;
    else if (st == KIOSK_OK)
        s->storage = KIOSK_OK;
    if (before != s->storage) {
        kiosk_log(s->storage ? KIOSK_LOG_ERROR : KIOSK_LOG_INFO, "storage: %s",
                  kiosk_status_name(s->storage));
        screens_relayout(ctx->app);
    }
}

kiosk_status host_storage(kiosk_ctx *ctx)
{
    return app_services(ctx->app)->storage;
}

kiosk_status host_text_raster(kiosk_ctx *ctx, const char *text, int font_px, int max_width_px,
                              uint8_t **out, int *width, int *height)
{
    const struct backend_ops *ops;
    struct backend *b = app_backend(ctx->app, &ops);
    return ops->text_raster(b, text, font_px, max_width_px, out, width, height);
}
