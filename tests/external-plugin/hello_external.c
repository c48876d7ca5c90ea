/* A plugin built outside the kiosk's tree, against the installed <kiosk/plugin.h> and
 * kiosk-plugin.pc only: the install test compiles it and checks the kiosk loads it. */
#include <kiosk/plugin.h>

static const struct kiosk_host_api *host;

static const struct kiosk_string strings[] = {
    {"hello.title", "Lời chào từ đối tác", "Greetings from a partner"},
    {"hello.body", "Plugin này được biên dịch bên ngoài.", "This plugin was built out of tree."},
    {0, 0, 0},
};

static void *create(kiosk_ctx *ctx)
{
    (void)ctx;
    static int state;
    return &state;
}

static void destroy(void *state)
{
    (void)state;
}

static void frame(void *state, kiosk_ctx *ctx)
{
    (void)state;
    host->ui_heading(ctx, host->tr(ctx, "hello.title"));
    host->ui_text(ctx, host->tr(ctx, "hello.body"));
}

static const struct kiosk_plugin plugin = {
    .size = sizeof(struct kiosk_plugin),
    .abi_major = KIOSK_ABI_MAJOR,
    .abi_minor = KIOSK_ABI_MINOR,
    .id = "hello_external",
    .title_key = "hello.title",
    .strings = strings,
    .create = create,
    .destroy = destroy,
    .frame = frame,
};

KIOSK_EXPORT const struct kiosk_plugin *kiosk_plugin_entry(const struct kiosk_host_api *api)
{
    if (api->abi_major != KIOSK_ABI_MAJOR)
        return 0;
    host = api;
    return &plugin;
}
