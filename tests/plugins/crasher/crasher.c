/* A plugin that crashes the kiosk on purpose (a segmentation fault when its button is
 * tapped), for the crash-loop guard's test. It includes only <kiosk/plugin.h> and libc. */
#include <kiosk/plugin.h>

#include <signal.h>

static const struct kiosk_host_api *host;

static const struct kiosk_string strings[] = {
    /* key                  vi                       en */
    {"crasher.title", "Chức năng lỗi", "Broken feature"},
    {"crasher.button", "Gây lỗi", "Crash"},
    {0, 0, 0},
};

static int state;

static kiosk_status create(kiosk_ctx *ctx, void **out, char *err, size_t err_cap)
{
    (void)ctx;
    (void)err;
    (void)err_cap;
    *out = &state;
    return KIOSK_OK;
}

static void destroy(void *s)
{
    (void)s;
}

static void frame(void *s, kiosk_ctx *ctx)
{
    (void)s;
    if (host->ui_button(ctx, host->tr(ctx, "crasher.button"), KIOSK_STYLE_DANGER))
        raise(SIGSEGV);
}

static const struct kiosk_plugin plugin = {
    KIOSK_PLUGIN_HEADER, .id = "test_crasher", .title_key = "crasher.title",
    .strings = strings,  .create = create,     .destroy = destroy,
    .frame = frame,
};

KIOSK_PLUGIN_DEFINE(plugin, host)
