/* Starting a loaded plugin (migrate, then create), with one log line when it fails. */
#ifndef KIOSK_HOST_PLUGIN_START_H
#define KIOSK_HOST_PLUGIN_START_H

#include "host/loader.h"

/* Migrates the plugin's data when the kiosk holds an older version, then creates its state
 * (p->state, p->created). Anything but OK: not started (logged); remove it from the set. */
kiosk_status host_plugin_start(kiosk_ctx *ctx, struct plugin_slot *p);

#endif
