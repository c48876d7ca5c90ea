/* What a kiosk_ctx (the ABI's opaque per-call context) holds, for the host's own files.
 * The runtime (app.c) makes one per call into a plugin or a host screen. */
#ifndef KIOSK_HOST_CTX_H
#define KIOSK_HOST_CTX_H

#include "receipt/receipt.h"
#include "store/store.h"
#include "ui/ui.h"

struct app;
struct plugin_slot;

struct kiosk_ctx {
    struct app *app;
    struct plugin_slot *plugin; /* the plugin being called; NULL for host screens */
};

/* What host_ctx.c keeps for the services below (the runtime holds it): the receipt keys
 * (opened on first use), the storage status, the settings read from the database. */
struct host_services;
struct host_services *host_services_new(void); /* NULL when out of memory */
void host_services_free(struct host_services *s);

/* Accessors the host's files use (host_ctx.c, over the runtime's app.h). */
store *host_store(kiosk_ctx *ctx);
struct receipt_keys *host_keys(kiosk_ctx *ctx);
ui_ctx *host_ui(kiosk_ctx *ctx);
/* A setting: the settings file first, then the database's settings table; NULL if unset. */
const char *host_setting(kiosk_ctx *ctx, const char *key);
/* A string in the current language: the plugin's table, then the host's; else the key. */
const char *host_tr(kiosk_ctx *ctx, const char *key);
/* Tell the runtime a write failed for storage reasons (full disk, read-only): it shows a
 * banner in the kiosk's language until a write succeeds again. */
void host_storage_status(kiosk_ctx *ctx, kiosk_status st);
/* The storage trouble last reported (KIOSK_E_FULL, KIOSK_E_READONLY), else KIOSK_OK. */
kiosk_status host_storage(kiosk_ctx *ctx);

/* Renders one line of text with the kiosk's font into an 8-bit grey bitmap (0 white,
 * 255 black), at most max_width_px wide, for the thermal printer. *out: free(). */
kiosk_status host_text_raster(kiosk_ctx *ctx, const char *text, int font_px, int max_width_px,
                              uint8_t **out, int *width, int *height);
/* The camera's live picture where a plugin's screen invites a scan (camera_host.h). */
void host_scan_view(kiosk_ctx *ctx);
/* The receipt screen widget (receipt_view.c), the ABI's receipt sub-table's screen. */
int host_ui_receipt(kiosk_ctx *ctx, const struct kiosk_receipt *r, const char *person_name);
/* 1 when a receipt sent to the printer is done and its outcome waits to be shown (the loop
 * then paints a frame). */
int host_receipt_print_poll(void);
/* The script player: waits up to timeout_ms of real time for the printer; 1 when done. */
int host_receipt_print_settle(int timeout_ms);
/* From any thread: the loop's wait returns at once (a camera read a code, a print ended). */
void host_wake_loop(void *app);

#endif
