/* hello_plugin: the example of docs/PLUGINS.md, complete. It greets, lists the program's
 * events (a sub-table and an array walked with KIOSK_AT), counts how often its tile was
 * opened (its own data, with a migrate hook) and takes scans starting "HELLO-".
 * It includes only <kiosk/plugin.h>; the install test builds it out of tree with
 *   cc -shared -fPIC $(pkg-config --cflags kiosk-plugin) hello_plugin.c -o hello_plugin.so
 * and the kiosk loads it from $(pkg-config --variable=plugindir kiosk-plugin). */
#include <kiosk/plugin.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct kiosk_host_api *host; /* set by KIOSK_PLUGIN_DEFINE */

/* Strings people read: Vietnamese first, English beside it. */
static const struct kiosk_string strings[] = {
    {"hello.title", "Lời chào từ đối tác", "Greetings from a partner"},
    {"hello.body", "Plugin này được biên dịch bên ngoài.", "This plugin was built out of tree."},
    {"hello.opened", "Số lần mở · sự kiện:", "Times opened · events:"},
    {"hello.scanned", "Đã quét mã:", "Code scanned:"},
    {NULL, NULL, NULL},
};

struct hello {
    const struct kiosk_program_api *program; /* looked up once, in create */
    const struct kiosk_data_api *data;
    char line[160];
    char scanned[96];
};

/* Data version 1 keeps a counter "opened"; before it, there was none (from == 0). */
static kiosk_status migrate(kiosk_ctx *ctx, uint32_t from, uint32_t to, char *err, size_t cap)
{
    const struct kiosk_data_api *data = KIOSK_API_GET(host, data, DATA);
    if (!data) {
        snprintf(err, cap, "no data sub-table");
        return KIOSK_E_UNAVAILABLE;
    }
    (void)to;
    return from < 1 ? data->set(ctx, "opened", "0") : KIOSK_OK;
}

static kiosk_status create(kiosk_ctx *ctx, void **state, char *err, size_t cap)
{
    struct hello *h = calloc(1, sizeof *h);
    (void)ctx;
    if (!h)
        return KIOSK_E_NOMEM;
    h->program = KIOSK_API_GET(host, program, PROGRAM);
    h->data = KIOSK_API_GET(host, data, DATA);
    if (!h->program || !h->data) { /* the loader logs err and leaves the tile out */
        snprintf(err, cap, "this kiosk lacks the program or data sub-table");
        free(h);
        return KIOSK_E_UNAVAILABLE;
    }
    *state = h;
    return KIOSK_OK;
}

static void destroy(void *state)
{
    free(state);
}

static void enter(void *state, kiosk_ctx *ctx)
{
    struct hello *h = state;
    char count[24] = "0";
    struct kiosk_array events;
    size_t n = 0;

    h->data->get(ctx, "opened", count, sizeof count);
    snprintf(count, sizeof count, "%ld", strtol(count, NULL, 10) + 1);
    h->data->set(ctx, "opened", count);
    if (h->program->events_list(ctx, 0, &events) == KIOSK_OK) {
        for (size_t i = 0; i < events.count; i++) /* elem_size, never events.items[i] */
            n += KIOSK_AT(events, const struct kiosk_event, i)->title[0] != '\0';
        host->free_mem(events.items); /* arrays from the host are the plugin's to free */
    }
    snprintf(h->line, sizeof h->line, "%s %s · %zu", host->tr(ctx, "hello.opened"), count, n);
    h->scanned[0] = '\0';
}

static void frame(void *state, kiosk_ctx *ctx)
{
    struct hello *h = state;
    host->ui_heading(ctx, host->tr(ctx, "hello.title"));
    host->ui_text(ctx, host->tr(ctx, "hello.body"));
    host->ui_text(ctx, h->line);
    if (h->scanned[0])
        host->ui_message(ctx, KIOSK_MSG_OK, h->scanned);
}

/* Scans that are not kiosk receipts reach the plugin on screen (or, on home, each in turn). */
static int on_scan(void *state, kiosk_ctx *ctx, const char *payload)
{
    struct hello *h = state;
    if (strncmp(payload, "HELLO-", 6) != 0)
        return 0;
    snprintf(h->scanned, sizeof h->scanned, "%s %.60s", host->tr(ctx, "hello.scanned"), payload);
    return 1;
}

static const struct kiosk_plugin plugin = {
    KIOSK_PLUGIN_HEADER, .id = "hello_plugin", .title_key = "hello.title",
    .strings = strings,  .create = create,     .destroy = destroy,
    .frame = frame,      .enter = enter,       .on_scan = on_scan,
    .data_version = 1,   .migrate = migrate,
};

KIOSK_PLUGIN_DEFINE(plugin, host)
