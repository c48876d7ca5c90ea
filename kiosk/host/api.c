/* The host-services table: thin adapters from a kiosk_ctx to the runtime, ui.h and the
 * domain adapters of api_domain.c. */
#include "host/api.h"

#include "host/api_domain.h"
#include "host/app.h"
#include "host/screens.h"
#include "host/voice_host.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- basics ---- */

static void api_free_mem(void *p)
{
    free(p);
}

static const char *api_tr(kiosk_ctx *ctx, const char *key)
{
    return host_tr(ctx, key);
}

static const char *api_lang(kiosk_ctx *ctx)
{
    return i18n_lang(app_i18n(ctx->app));
}

static int64_t api_now_ms(kiosk_ctx *ctx)
{
    return kiosk_clock_now_ms();
}

static void api_format_time(kiosk_ctx *ctx, int64_t at_ms, const char *fmt, char *out, size_t cap)
{
    if (!out || cap == 0)
        return;
    struct tm tm;
    kiosk_local_tm(at_ms, &tm);
    if (!fmt || strftime(out, cap, fmt, &tm) == 0)
        out[0] = '\0';
}

static const char *api_setting(kiosk_ctx *ctx, const char *key)
{
    return host_setting(ctx, key);
}

static void api_log(kiosk_ctx *ctx, const char *msg)
{
    kiosk_log(KIOSK_LOG_INFO, "plugin %s: %s", ctx->plugin ? ctx->plugin->desc.id : "host",
              msg ? msg : "");
}

static void api_go_home(kiosk_ctx *ctx)
{
    screens_request_home(ctx->app);
}

/* ---- widgets ---- */

static void api_ui_heading(kiosk_ctx *ctx, const char *text)
{
    ui_heading(host_ui(ctx), text);
    host_voice_cue(ctx->app, VOICE_CUE_HEADING, text);
}

static void api_ui_text(kiosk_ctx *ctx, const char *text)
{
    ui_text(host_ui(ctx), text);
    host_voice_cue(ctx->app, VOICE_CUE_TEXT, text);
}

static void api_ui_message(kiosk_ctx *ctx, int kind, const char *text)
{
    ui_message(host_ui(ctx), kind, text);
    host_voice_cue(ctx->app, VOICE_CUE_OUTCOME, text);
}

static int api_ui_button(kiosk_ctx *ctx, const char *label, int style)
{
    return ui_button(host_ui(ctx), label, style);
}

static void api_ui_row_begin(kiosk_ctx *ctx, int columns)
{
    ui_row_begin(host_ui(ctx), columns);
}

static void api_ui_row_end(kiosk_ctx *ctx)
{
    ui_row_end(host_ui(ctx));
}

static int api_ui_field(kiosk_ctx *ctx, const char *label, char *buf, size_t cap, int kind,
                        const char *error)
{
    host_voice_cue(ctx->app, VOICE_CUE_FIELD, label);
    host_voice_cue(ctx->app, VOICE_CUE_OUTCOME, error);
    return ui_field(host_ui(ctx), label, buf, cap, kind, error);
}

static int api_ui_checkbox(kiosk_ctx *ctx, const char *label, int *value)
{
    return ui_checkbox(host_ui(ctx), label, value);
}

static int api_ui_list_item(kiosk_ctx *ctx, const char *title, const char *detail)
{
    host_voice_cue(ctx->app, VOICE_CUE_CHOICE, title);
    return ui_list_item(host_ui(ctx), title, detail);
}

static void api_ui_qr(kiosk_ctx *ctx, const char *text, const char *caption)
{
    ui_qr(host_ui(ctx), text, caption);
}

static int api_ui_signature(kiosk_ctx *ctx, struct kiosk_signature *sig)
{
    return ui_signature(host_ui(ctx), sig);
}

static void api_ui_bar_chart(kiosk_ctx *ctx, const char *title, const char *const *labels,
                             const int *values, size_t count)
{
    ui_bar_chart(host_ui(ctx), title, labels, values, count);
}

static void api_ui_spacer(kiosk_ctx *ctx, int height_px)
{
    ui_spacer(host_ui(ctx), height_px);
}

static void api_ui_scan_view(kiosk_ctx *ctx)
{
    host_scan_view(ctx);
}

static void api_ui_focus_next_field(kiosk_ctx *ctx)
{
    ui_focus_next_field(host_ui(ctx));
}

static void api_ui_header_title(kiosk_ctx *ctx, const char *text)
{
    screens_header_title(ctx->app, text);
}

static int api_ui_header_button(kiosk_ctx *ctx, const char *label)
{
    return screens_header_button(ctx->app, label);
}

static const struct kiosk_host_api table = {
    .size = sizeof(struct kiosk_host_api),
    .abi_major = KIOSK_ABI_MAJOR,
    .abi_minor = KIOSK_ABI_MINOR,
    /* since 2.0: basics */
    .free_mem = api_free_mem,
    .tr = api_tr,
    .lang = api_lang,
    .now_ms = api_now_ms,
    .format_time = api_format_time,
    .setting = api_setting,
    .log = api_log,
    .go_home = api_go_home,
    .api = host_api_lookup,
    /* since 2.0: text */
    .name_tidy = host_api_name_tidy,
    .fold = host_api_fold,
    .phone_normalise = host_api_phone_normalise,
    /* since 2.0: widgets */
    .ui_heading = api_ui_heading,
    .ui_text = api_ui_text,
    .ui_message = api_ui_message,
    .ui_button = api_ui_button,
    .ui_row_begin = api_ui_row_begin,
    .ui_row_end = api_ui_row_end,
    .ui_field = api_ui_field,
    .ui_checkbox = api_ui_checkbox,
    .ui_list_item = api_ui_list_item,
    .ui_qr = api_ui_qr,
    .ui_signature = api_ui_signature,
    .ui_bar_chart = api_ui_bar_chart,
    .ui_spacer = api_ui_spacer,
    /* since 2.1 */
    .ui_scan_view = api_ui_scan_view,
    /* since 2.3 */
    .ui_focus_next_field = api_ui_focus_next_field,
    .ui_header_title = api_ui_header_title,
    /* since 2.5 */
    .ui_header_button = api_ui_header_button,
};

const struct kiosk_host_api *host_api(void)
{
    return &table;
}
