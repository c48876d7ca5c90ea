/* Test plugins for the loader and the runtime, one source built several ways:
 *   TEST_GOOD        a working plugin: a heading, a name field, a button, scans "TEST-..."
 *   TEST_SECOND      a second working plugin (home-screen order): a signature pad (drag)
 *   TEST_NO_ENTRY    exports no kiosk_plugin_entry
 *   TEST_ABI_MAJOR=N / TEST_ABI_MINOR=N   another ABI version
 *   TEST_TWIN        repeats the good plugin's id
 *   TEST_NULL        its entry returns NULL
 *   TEST_CREATE_FAILS  its create refuses, with a reason
 *   TEST_MIGRATES    keeps data version 2; its migrate hook writes "migrated" = "<from>-<to>"
 *                    (fails when KIOSK_TEST_MIGRATE_FAIL is set)
 * It includes only <kiosk/plugin.h>, as every plugin must. */
#include <kiosk/plugin.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef TEST_ABI_MAJOR
#define TEST_ABI_MAJOR KIOSK_ABI_MAJOR
#endif
#ifndef TEST_ABI_MINOR
#define TEST_ABI_MINOR KIOSK_ABI_MINOR
#endif

#if defined(TEST_SECOND)
#define TEST_ID "test_second"
#elif defined(TEST_CREATE_FAILS)
#define TEST_ID "test_create_fails"
#elif defined(TEST_MIGRATES)
#define TEST_ID "test_migrates"
#else
#define TEST_ID "test_good" /* TEST_TWIN repeats it on purpose */
#endif

static const struct kiosk_host_api *host;

static const struct kiosk_string strings[] = {
    /* key                         vi                                en */
    {"test_good.title", "Điểm danh thử", "Test check-in"},
    {"test_good.title.detail", "Gõ họ tên để thử bàn phím", "Type a name to try the keyboard"},
    {"test_good.heading", "Nhập họ và tên của bạn", "Enter your full name"},
    {"test_good.name", "Họ và tên", "Full name"},
    {"test_good.done", "Xong", "Done"},
    {"test_good.got", "Đã nhận tên:", "Name received:"},
    {"test_good.scanned", "Đã quét mã:", "Code scanned:"},
    {"test_second.title", "Hội chợ thử", "Test fair"},
    {"test_second.heading", "Ký tên vào khung dưới đây", "Sign in the box below"},
    {"test_second.points", "Số điểm đã ký:", "Points signed:"},
    {NULL, NULL, NULL},
};

struct state {
    char name[KIOSK_NAME_LEN];
    char shown[KIOSK_NAME_LEN + 64];
    struct kiosk_signature sig;
};

/* TEST_CREATE_FAILS: create refuses with a reason, which the loader logs. */
static kiosk_status create(kiosk_ctx *ctx, void **out, char *err, size_t err_cap)
{
#ifdef TEST_CREATE_FAILS
    snprintf(err, err_cap, "the test asked create to fail");
    return KIOSK_E_UNAVAILABLE;
#else
    (void)err;
    (void)err_cap;
    *out = calloc(1, sizeof(struct state));
    return *out ? KIOSK_OK : KIOSK_E_NOMEM;
#endif
}

#ifdef TEST_MIGRATES
static kiosk_status migrate(kiosk_ctx *ctx, uint32_t from, uint32_t to, char *err, size_t cap)
{
    const struct kiosk_data_api *data = KIOSK_API_GET(host, data, DATA);
    char v[32];
    if (getenv("KIOSK_TEST_MIGRATE_FAIL")) {
        snprintf(err, cap, "the test asked migrate to fail");
        return KIOSK_E_CORRUPT;
    }
    snprintf(v, sizeof v, "%u-%u", from, to);
    return data ? data->set(ctx, "migrated", v) : KIOSK_E_UNAVAILABLE;
}
#endif

static void destroy(void *state)
{
    free(state);
}

#ifdef TEST_SECOND
static void frame(void *state, kiosk_ctx *ctx)
{
    struct state *s = state;
    char line[96];
    host->ui_heading(ctx, host->tr(ctx, "test_second.heading"));
    host->ui_signature(ctx, &s->sig);
    snprintf(line, sizeof line, "%s %zu", host->tr(ctx, "test_second.points"), s->sig.count);
    host->ui_text(ctx, line);
}
#else
static void frame(void *state, kiosk_ctx *ctx)
{
    struct state *s = state;
    host->ui_heading(ctx, host->tr(ctx, "test_good.heading"));
    host->ui_field(ctx, host->tr(ctx, "test_good.name"), s->name, sizeof s->name, KIOSK_FIELD_NAME,
                   NULL);
    if (host->ui_button(ctx, host->tr(ctx, "test_good.done"), KIOSK_STYLE_PRIMARY))
        snprintf(s->shown, sizeof s->shown, "%s %s", host->tr(ctx, "test_good.got"), s->name);
    if (s->shown[0])
        host->ui_message(ctx, KIOSK_MSG_OK, s->shown);
}
#endif

static void leave(void *state, kiosk_ctx *ctx)
{
    struct state *s = state;
    memset(s, 0, sizeof *s);
}

#ifndef TEST_SECOND
static int on_scan(void *state, kiosk_ctx *ctx, const char *payload)
{
    struct state *s = state;
    if (strncmp(payload, "TEST-", 5) != 0)
        return 0;
    snprintf(s->shown, sizeof s->shown, "%s %s", host->tr(ctx, "test_good.scanned"), payload);
    return 1;
}
#endif

static const struct kiosk_plugin plugin = {
    .size = sizeof(struct kiosk_plugin),
    .abi_major = TEST_ABI_MAJOR,
    .abi_minor = TEST_ABI_MINOR,
    /* built as it would be by KIOSK_PLUGIN_HEADER, but with the test's version */
    .id = TEST_ID,
    .title_key = TEST_ID ".title",
    .strings = strings,
    .create = create,
    .destroy = destroy,
    .frame = frame,
    .leave = leave,
#ifndef TEST_SECOND
    .on_scan = on_scan,
#endif
#ifdef TEST_MIGRATES
    .data_version = 2,
    .migrate = migrate,
#endif
};

#ifdef TEST_NO_ENTRY
KIOSK_EXPORT const struct kiosk_plugin *kiosk_plugin_entry_misspelt(const struct kiosk_host_api *h);
KIOSK_EXPORT const struct kiosk_plugin *kiosk_plugin_entry_misspelt(const struct kiosk_host_api *h)
#else
KIOSK_EXPORT const struct kiosk_plugin *kiosk_plugin_entry(const struct kiosk_host_api *h)
#endif
{
    host = h;
#ifdef TEST_NULL
    (void)plugin;
    return NULL;
#else
    return &plugin;
#endif
}
