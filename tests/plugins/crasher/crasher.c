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

static void *create(kiosk_ctx *ctx)
{
    (void)ctx;
    return &state;
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
    .size = sizeof(struct kiosk_plugin),
    .abi_major = KIOSK_ABI_MAJOR,
    .abi_minor = KIOSK_ABI_MINOR,
    .id = "test_crasher",
    .title_key = "crasher.title",
    .strings = strings,
    .create = create,
    .destroy = destroy,
    .frame = frame,
};

KIOSK_EXPORT const struct kiosk_plugin *kiosk_plugin_entry(const struct kiosk_host_api *api)
{
    host = api;
    return &plugin;
}
