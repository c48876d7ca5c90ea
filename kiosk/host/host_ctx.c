/* The accessors of host_ctx.h: what the host's files reach through a kiosk_ctx. */
#include "host/app.h"

store *host_store(kiosk_ctx *ctx)
{
    return ctx->app->store;
}

struct receipt_keys *host_keys(kiosk_ctx *ctx)
{
    struct app *a = ctx->app;
    if (!a->keys && !a->keys_failed) {
        char err[512] = "";
        kiosk_status st = receipt_keys_open(a->store, &a->keys, err, sizeof err);
        if (st != KIOSK_OK) {
            a->keys_failed = 1;
            kiosk_log(KIOSK_LOG_ERROR, "receipts cannot be signed: %s",
                      err[0] ? err : kiosk_status_name(st));
        }
    }
    return a->keys;
}

ui_ctx *host_ui(kiosk_ctx *ctx)
{
    return ctx->app->ui;
}

void host_scan_view(kiosk_ctx *ctx)
{
    host_camera_view(ctx->app, HOST_CAMERA_PLUGIN_VIEW_H_PX, 0);
}

const char *host_setting(kiosk_ctx *ctx, const char *key)
{
    struct app *a = ctx->app;
    if (!key)
        return NULL;
    const char *v = config_get_set(a->cfg, key);
    if (v)
        return v;
    char *buf = a->setting_ring[a->setting_next++ % KIOSK_ARRAY_LEN(a->setting_ring)];
    if (a->store && store_setting_get(a->store, key, buf, sizeof a->setting_ring[0]) == KIOSK_OK)
        return buf;
    v = config_get(a->cfg, key);
    return v && *v ? v : NULL;
}

const char *host_tr(kiosk_ctx *ctx, const char *key)
{
    const struct kiosk_string *table = ctx->plugin ? ctx->plugin->desc.strings : NULL;
    return i18n_tr_table(ctx->app->i18n, table, key);
}

void host_storage_status(kiosk_ctx *ctx, kiosk_status st)
{
    struct app *a = ctx->app;
    kiosk_status before = a->storage;
    if (st == KIOSK_E_FULL || st == KIOSK_E_READONLY)
        a->storage = st;
    else if (st == KIOSK_OK)
        a->storage = KIOSK_OK;
    if (before != a->storage) {
        kiosk_log(a->storage ? KIOSK_LOG_ERROR : KIOSK_LOG_INFO, "storage: %s",
                  kiosk_status_name(a->storage));
        screens_relayout(a);
    }
}

kiosk_status host_text_raster(kiosk_ctx *ctx, const char *text, int font_px, int max_width_px,
                              uint8_t **out, int *width, int *height)
{
    struct app *a = ctx->app;
    return a->be->text_raster(a->backend, text, font_px, max_width_px, out, width, height);
}
