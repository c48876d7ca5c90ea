/* The receipt, fair and data sub-tables of the host API, the text helpers of the host
 * table, and the look-up of sub-tables by name and version (plugin.h). */
#include "host/api_domain.h"
#include "host/app.h"
#include "host/fair_count.h"
#include "host/host_ctx.h"
#include "host/loader.h"
#include "store/domain.h"
#include "text/text.h"

#include <stdlib.h>
#include <string.h>

void host_api_name_tidy(const char *in, char *out, size_t cap)
{
    vn_name_tidy(in ? in : "", out, cap);
}

void host_api_fold(const char *in, char *out, size_t cap)
{
    vn_fold(in ? in : "", out, cap);
}

kiosk_status host_api_phone_normalise(kiosk_ctx *ctx, const char *in, char out[KIOSK_PHONE_LEN],
                                      const char **why)
{
    const char *key = NULL;
    kiosk_status st = vn_phone_normalise(in ? in : "", out, &key);
    if (why)
        *why = st != KIOSK_OK && key ? host_tr(ctx, key) : NULL;
    return st;
}

/* ---- receipts ---- */

static kiosk_status receipt_issue_(kiosk_ctx *ctx, int kind, const char *event_id,
                                   const char *session_id, const char *person_id,
                                   struct kiosk_receipt *out, size_t out_size)
{
    store *s = host_store(ctx);
    struct receipt_keys *keys = s ? host_keys(ctx) : NULL;
    if (!s || !keys)
        return KIOSK_E_UNAVAILABLE;
    if (!HOST_API_SIZE_OK(out, out_size, KIOSK_RECEIPT_SIZE_2_0))
        return KIOSK_E_INVALID;
    struct kiosk_receipt full;
    kiosk_status st =
        host_api_wrote(ctx, receipt_issue(s, keys, kind, event_id, session_id, person_id, &full));
    return host_api_give(st, out, out_size, &full, sizeof full);
}

static kiosk_status receipt_verify_(kiosk_ctx *ctx, const char *text, struct kiosk_receipt *out,
                                    size_t out_size, const char **why)
{
    store *s = host_store(ctx);
    if (why)
        *why = NULL;
    if (!s)
        return KIOSK_E_UNAVAILABLE;
    if (!HOST_API_SIZE_OK(out, out_size, KIOSK_RECEIPT_SIZE_2_0))
        return KIOSK_E_INVALID;
    const char *key = NULL;
    struct kiosk_receipt full;
    memset(&full, 0, sizeof full);
    kiosk_status st = receipt_verify(s, text ? text : "", &full, &key, NULL, 0);
    if (why && st != KIOSK_OK && key)
        *why = host_tr(ctx, key);
    return host_api_give(st, out, out_size, &full, sizeof full);
}

const struct kiosk_receipt_api host_receipt_api = {
    .size = sizeof(struct kiosk_receipt_api),
    .version = KIOSK_RECEIPT_API_VERSION,
    .issue = receipt_issue_,
    .verify = receipt_verify_,
    .screen = host_ui_receipt,
};

/* ---- fairs ---- */

static kiosk_status fair_stats(kiosk_ctx *ctx, const char *event_id, int64_t day_ms,
                               struct kiosk_fair_stats *out, size_t out_size)
{
    store *s = host_store(ctx);
    if (!s || !event_id || !HOST_API_SIZE_OK(out, out_size, KIOSK_FAIR_STATS_SIZE_2_0))
        return s ? KIOSK_E_INVALID : KIOSK_E_UNAVAILABLE;
    struct kiosk_fair_stats full;
    kiosk_status st =
        store_fair_stats(s, event_id, day_ms > 0 ? day_ms : kiosk_clock_now_ms(), &full);
    return host_api_give(st, out, out_size, &full, sizeof full);
}

static kiosk_status fair_stats_async(kiosk_ctx *ctx, const char *event_id, int64_t day_ms,
                                     int max_age_ms, struct kiosk_fair_stats *out, size_t out_size)
{
    if (!ctx || !event_id || !HOST_API_SIZE_OK(out, out_size, KIOSK_FAIR_STATS_SIZE_2_0))
        return KIOSK_E_INVALID;
    int64_t now = kiosk_clock_now_ms();
    struct kiosk_fair_stats full;
    kiosk_status st = fair_count_get(app_db_path(ctx->app), event_id, day_ms > 0 ? day_ms : now,
                                     now, max_age_ms, host_wake_loop, ctx->app, &full);
    return host_api_give(st, out, out_size, &full, sizeof full);
}

static kiosk_status fair_latest(kiosk_ctx *ctx, const char *event_id, size_t max,
                                struct kiosk_array *out)
{
    kiosk_status st;
    store *s = host_api_array_begin(ctx, out, &st);
    if (!s || !event_id)
        return s ? KIOSK_E_INVALID : st;
    struct kiosk_person *people = NULL;
    st = store_fair_latest(s, event_id, max, &people, &out->count);
    return host_api_array_give(out, people, sizeof *people, st);
}

const struct kiosk_fair_api host_fair_api = {
    .size = sizeof(struct kiosk_fair_api),
    .version = KIOSK_FAIR_API_VERSION,
    .stats = fair_stats,
    .latest = fair_latest,
    .stats_async = fair_stats_async,
};

/* ---- a plugin's own data: settings rows "plugin.<id>.<key>" ---- */

#define DATA_KEY_MAX 64

static int data_key(kiosk_ctx *ctx, const char *key, char *out, size_t cap)
{
    if (!ctx || !ctx->plugin || !key || !*key || strlen(key) >= DATA_KEY_MAX)
        return 0;
    for (const char *p = key; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_' || *p == '.'))
            return 0;
    return kiosk_fmt(out, cap, "plugin.%s.%s", ctx->plugin->desc.id, key) == 0;
}

static kiosk_status data_get(kiosk_ctx *ctx, const char *key, char *out, size_t cap)
{
    char k[PLUGIN_ID_MAX + DATA_KEY_MAX + 16];
    store *s = host_store(ctx);
    if (!out || cap == 0 || !data_key(ctx, key, k, sizeof k))
        return KIOSK_E_INVALID;
    out[0] = '\0';
    if (!s)
        return KIOSK_E_UNAVAILABLE;
    kiosk_status st = store_setting_get(s, k, out, cap);
    return st == KIOSK_OK && out[0] == '\0' ? KIOSK_E_NOT_FOUND : st;
}

static kiosk_status data_set(kiosk_ctx *ctx, const char *key, const char *value)
{
    char k[PLUGIN_ID_MAX + DATA_KEY_MAX + 16];
    store *s = host_store(ctx);
    if (!data_key(ctx, key, k, sizeof k))
        return KIOSK_E_INVALID;
    if (!s)
        return KIOSK_E_UNAVAILABLE;
    return host_api_wrote(ctx, store_setting_set(s, k, value ? value : ""));
}

const struct kiosk_data_api host_data_api = {
    .size = sizeof(struct kiosk_data_api),
    .version = KIOSK_DATA_API_VERSION,
    .get = data_get,
    .set = data_set,
};

uint32_t host_plugin_data_version(kiosk_ctx *ctx)
{
    char v[32];
    if (data_get(ctx, "data_version", v, sizeof v) != KIOSK_OK)
        return 0;
    return (uint32_t)strtoul(v, NULL, 10);
}

kiosk_status host_plugin_data_version_set(kiosk_ctx *ctx, uint32_t version)
{
    char v[32];
    kiosk_fmt(v, sizeof v, "%u", version);
    return data_set(ctx, "data_version", v);
}

/* ---- the look-up ---- */

const void *host_api_lookup(const char *name, uint32_t min_version)
{
    static const struct {
        const char *name;
        const void *table;
        uint32_t version;
    } tables[] = {
        {KIOSK_PROGRAM_API, &host_program_api, KIOSK_PROGRAM_API_VERSION},
        {KIOSK_PEOPLE_API, &host_people_api, KIOSK_PEOPLE_API_VERSION},
        {KIOSK_RECEIPT_API, &host_receipt_api, KIOSK_RECEIPT_API_VERSION},
        {KIOSK_FAIR_API, &host_fair_api, KIOSK_FAIR_API_VERSION},
        {KIOSK_DATA_API, &host_data_api, KIOSK_DATA_API_VERSION},
    };
    for (size_t i = 0; name && i < sizeof tables / sizeof tables[0]; i++)
        if (strcmp(tables[i].name, name) == 0)
            return min_version <= tables[i].version ? tables[i].table : NULL;
    return NULL;
}
