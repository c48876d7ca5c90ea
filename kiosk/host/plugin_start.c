/* Starting a loaded plugin: its data migrated to the version it declares, then create.
 * Either failing leaves the plugin unstarted, with one log line saying why. */
#include "host/plugin_start.h"

#include "common.h"
#include "host/api_domain.h"
#include "host/host_ctx.h"

#include <string.h>

static kiosk_status migrate(kiosk_ctx *ctx, struct plugin_slot *p)
{
    uint32_t want = p->desc.data_version, have = host_plugin_data_version(ctx);
    if (have == want)
        return KIOSK_OK;
    if (have > want) {
        kiosk_log(KIOSK_LOG_ERROR,
                  "plugin '%s' not started: this kiosk holds its data version %u, newer than "
                  "the %u it knows; install the newer plugin",
                  p->desc.id, have, want);
        return KIOSK_E_NEWER;
    }
    if (!p->desc.migrate) { /* nothing to convert: the version is recorded */
        return host_plugin_data_version_set(ctx, want);
    }
    char err[256] = "";
    kiosk_status st = p->desc.migrate(ctx, have, want, err, sizeof err);
    if (st != KIOSK_OK) {
        kiosk_log(KIOSK_LOG_ERROR,
                  "plugin '%s' not started: migrating its data %u -> %u failed (%s): %s",
                  p->desc.id, have, want, kiosk_status_name(st), err[0] ? err : "no reason given");
        return st;
    }
    st = host_plugin_data_version_set(ctx, want);
    if (st == KIOSK_OK)
        kiosk_log(KIOSK_LOG_INFO, "plugin '%s': its data migrated %u -> %u", p->desc.id, have,
                  want);
    return st;
}

kiosk_status host_plugin_start(kiosk_ctx *ctx, struct plugin_slot *p)
{
    kiosk_status st = migrate(ctx, p);
    if (st != KIOSK_OK)
        return st;
    char err[256] = "";
    void *state = NULL;
    st = p->desc.create(ctx, &state, err, sizeof err);
    if (st != KIOSK_OK) {
        kiosk_log(KIOSK_LOG_ERROR, "plugin '%s' not started: create failed (%s): %s", p->desc.id,
                  kiosk_status_name(st), err[0] ? err : "no reason given");
        return st;
    }
    p->state = state;
    p->created = 1;
    return KIOSK_OK;
}
