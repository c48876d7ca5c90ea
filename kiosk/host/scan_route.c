/* The one routing of scanned texts (scan_route.h): admin card, kiosk receipts to the
 * plugin that owns them, anything else to the plugins' on_scan. */
#include "host/scan_route.h"

#include "host/app.h"
#include "host/crash_guard.h"
#include "host/admin.h"
#include "host/screens.h"
#include "receipt/receipt.h"
#include "store/domain.h"

#include <string.h>

/* The banner under the header until the next input: kind enum kiosk_msg. */
static void notice(struct app *a, int kind, const char *text)
{
    screens_scan_notice(a, kind, text);
}

/* "“Title” (place · code Code)": a class is never named by its title alone. */
static void event_label(struct app *a, const struct kiosk_event *ev, char *out, size_t cap)
{
    static const char *const names[] = {"title", "place", "code"};
    const char *values[] = {ev->title, ev->place[0] ? ev->place : ev->province, ev->code};
    screens_template(i18n_tr(app_i18n(a), "host.event_label"), names, values, 3, out, cap);
}

static void guard(struct app *a, const struct plugin_slot *p)
{
    if (app_guard(a)) /* a crash in a plugin's callback counts against it */
        crash_guard_set_active(app_guard(a), p ? p->desc.id : NULL);
}

/* Index of the plugin claiming the receipt most strongly (ties: home-screen order), or
 * -1 when none does. */
static long claimant(struct app *a, const struct kiosk_receipt *r, const struct kiosk_event *ev)
{
    long best = -1;
    int best_claim = KIOSK_CLAIM_NONE;
    for (size_t i = 0; i < app_plugins(a)->count; i++) {
        struct plugin_slot *p = &app_plugins(a)->slots[i];
        if (!p->created || !p->desc.claims_receipt || !p->desc.on_receipt)
            continue;
        kiosk_ctx ctx = app_ctx(a, p);
        guard(a, p);
        int claim = p->desc.claims_receipt(p->state, &ctx, r, ev);
        if (claim > best_claim) {
            best_claim = claim;
            best = (long)i;
        }
    }
    guard(a, screens_shown_plugin(a));
    return best;
}

static void give_receipt(struct app *a, size_t i, const struct kiosk_receipt *r,
                         const struct kiosk_event *ev)
{
    struct plugin_slot *p = &app_plugins(a)->slots[i];
    kiosk_ctx ctx = app_ctx(a, p);
    kiosk_log(KIOSK_LOG_INFO, "scan: a receipt (%s, event %s) to '%s'", receipt_kind_name(r->kind),
              ev->code, p->desc.id);
    if (screens_shown_plugin(a) != p) {
        screens_go_home(a); /* the plugin shown before forgets its visitor */
        screens_show_plugin(a, i);
        if (p->desc.enter)
            p->desc.enter(p->state, &ctx);
    }
    p->desc.on_receipt(p->state, &ctx, r, ev);
}

/* 1 when text was a kiosk receipt (whatever became of it). */
static int route_receipt(struct app *a, const char *text)
{
    const char *why = NULL;
    if (!receipt_text_like(text))
        return 0; /* not a receipt: a plugin's own code, perhaps */
    struct kiosk_receipt r;
    struct kiosk_event ev;
    memset(&r, 0, sizeof r);
    kiosk_status st =
        app_store(a) ? receipt_verify(app_store(a), text, &r, &why, NULL, 0) : KIOSK_E_UNAVAILABLE;
    if (st == KIOSK_OK)
        st = store_event_get(app_store(a), r.event_id, &ev);
    if (st != KIOSK_OK) {
        char msg[512];
        static const char *const names[] = {"why"};
        const char *values[] = {i18n_tr(app_i18n(a), why ? why : "receipt.why.error")};
        screens_template(i18n_tr(app_i18n(a), "host.scan_bad"), names, values, 1, msg, sizeof msg);
        kiosk_log(KIOSK_LOG_INFO, "scan: a receipt refused (%s)",
                  why ? why : kiosk_status_name(st));
        notice(a, KIOSK_MSG_ERROR, msg);
        return 1;
    }
    long i = claimant(a, &r, &ev);
    if (i >= 0) {
        give_receipt(a, (size_t)i, &r, &ev);
        return 1;
    }
    char label[KIOSK_TEXT_LEN * 2], msg[KIOSK_TEXT_LEN * 3];
    static const char *const names[] = {"event"};
    event_label(a, &ev, label, sizeof label);
    const char *values[] = {label};
    screens_template(i18n_tr(app_i18n(a), "host.scan_unclaimed"), names, values, 1, msg,
                     sizeof msg);
    kiosk_log(KIOSK_LOG_INFO, "scan: a receipt (event %s) no plugin here takes", ev.code);
    notice(a, KIOSK_MSG_ERROR, msg);
    return 1;
}

static int offer(struct app *a, struct plugin_slot *p, const char *text)
{
    kiosk_ctx ctx = app_ctx(a, p);
    return p->desc.on_scan(p->state, &ctx, text);
}

/* Any other text: the shown plugin's on_scan, or on home each plugin's in turn (as if its
 * tile had been tapped first). */
static void route_text(struct app *a, const char *text)
{
    struct plugin_slot *shown = screens_shown_plugin(a);
    if (shown) {
        struct plugin_slot *p = shown;
        if (p->desc.on_scan && offer(a, p, text)) {
            kiosk_log(KIOSK_LOG_DEBUG, "scan (%zu bytes) taken by '%s'", strlen(text), p->desc.id);
            return;
        }
        notice(a, KIOSK_MSG_ERROR, i18n_tr(app_i18n(a), "host.scan_unknown"));
        return;
    }
    for (size_t i = 0; i < app_plugins(a)->count; i++) {
        struct plugin_slot *p = &app_plugins(a)->slots[i];
        if (!p->desc.on_scan)
            continue;
        kiosk_ctx ctx = app_ctx(a, p);
        guard(a, p);
        if (p->desc.enter)
            p->desc.enter(p->state, &ctx);
        if (offer(a, p, text)) {
            kiosk_log(KIOSK_LOG_DEBUG, "scan (%zu bytes) taken by '%s'", strlen(text), p->desc.id);
            screens_show_plugin(a, i);
            return;
        }
        if (p->desc.leave)
            p->desc.leave(p->state, &ctx);
    }
    guard(a, NULL);
    kiosk_log(KIOSK_LOG_INFO, "a scan (%zu bytes) that no plugin took", strlen(text));
    notice(a, KIOSK_MSG_ERROR, i18n_tr(app_i18n(a), "host.scan_unknown"));
}

void host_scan_route(struct app *a, const char *text)
{
    screens_scan_notice(a, KIOSK_MSG_INFO, NULL);
    if (!text || !*text)
        return;
    if (admin_card_scanned(a, text)) {
        admin_open_pin(a);
        return;
    }
    if (screens_current(a) == SCREEN_PIN || screens_current(a) == SCREEN_ADMIN)
        return; /* the coordinator's screens take no visitor scans */
    if (!route_receipt(a, text))
        route_text(a, text);
}
