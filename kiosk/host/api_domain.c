/* The domain half of the host API: plugins' calls mapped onto core/store, core/receipt and
 * core/text with the runtime's store and keys. Writes report storage trouble (full disk,
 * read-only) to the runtime, which shows a banner until a write succeeds again. */
#include "host/api_domain.h"
#include "host/host_ctx.h"
#include "host/sync_worker.h"
#include "store/domain.h"
#include "text/text.h"

#include <stdlib.h>
#include <string.h>

/* Every write passes through here: the banner follows the last write's outcome. */
static kiosk_status wrote(kiosk_ctx *ctx, kiosk_status st)
{
    if (st == KIOSK_OK || st == KIOSK_E_FULL || st == KIOSK_E_READONLY)
        host_storage_status(ctx, st);
    return st;
}

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

kiosk_status host_api_events_list(kiosk_ctx *ctx, int kind, struct kiosk_event **out, size_t *count)
{
    store *s = host_store(ctx);
    if (!s)
        return KIOSK_E_UNAVAILABLE;
    return store_events_list(s, kind, out, count);
}

kiosk_status host_api_event_get(kiosk_ctx *ctx, const char *id_or_code, struct kiosk_event *out)
{
    store *s = host_store(ctx);
    if (!s || !id_or_code)
        return s ? KIOSK_E_INVALID : KIOSK_E_UNAVAILABLE;
    return store_event_get(s, id_or_code, out);
}

/* The coordinator's choice (setting "served_event": a code or an id) when it is of this
 * kind; else the one event of this kind with a session today, when there is exactly one. */
kiosk_status host_api_event_served(kiosk_ctx *ctx, int kind, struct kiosk_event *out)
{
    store *s = host_store(ctx);
    if (!s)
        return KIOSK_E_UNAVAILABLE;
    const char *chosen = host_setting(ctx, "served_event");
    if (chosen && *chosen && store_event_get(s, chosen, out) == KIOSK_OK &&
        (kind == 0 || out->kind == kind))
        return KIOSK_OK;
    struct kiosk_event *ev = NULL;
    size_t n = 0;
    kiosk_status st = store_events_list(s, kind, &ev, &n);
    if (st != KIOSK_OK)
        return st;
    int64_t now = kiosk_clock_now_ms();
    size_t today = 0, pick = 0;
    for (size_t i = 0; i < n; i++) {
        if (store_event_has_session_on_day(s, ev[i].id, now)) {
            today++;
            pick = i;
        }
    }
    if (today == 1)
        *out = ev[pick];
    free(ev);
    return today == 1 ? KIOSK_OK : KIOSK_E_NOT_FOUND;
}

kiosk_status host_api_session_current(kiosk_ctx *ctx, const char *event_id,
                                      struct kiosk_session *out)
{
    store *s = host_store(ctx);
    if (!s || !event_id)
        return s ? KIOSK_E_INVALID : KIOSK_E_UNAVAILABLE;
    return store_session_at(s, event_id, kiosk_clock_now_ms(), out);
}

kiosk_status host_api_session_get(kiosk_ctx *ctx, const char *session_id, struct kiosk_session *out)
{
    store *s = host_store(ctx);
    if (!s || !session_id)
        return s ? KIOSK_E_INVALID : KIOSK_E_UNAVAILABLE;
    return store_session_get(s, session_id, out);
}

kiosk_status host_api_people_search(kiosk_ctx *ctx, const char *typed, const char *event_id,
                                    size_t max, struct kiosk_person_hit **out, size_t *count)
{
    store *s = host_store(ctx);
    if (!s)
        return KIOSK_E_UNAVAILABLE;
    return store_people_search(s, typed ? typed : "", event_id, max, out, count);
}

kiosk_status host_api_person_get(kiosk_ctx *ctx, const char *id, struct kiosk_person *out)
{
    store *s = host_store(ctx);
    if (!s || !id)
        return s ? KIOSK_E_INVALID : KIOSK_E_UNAVAILABLE;
    return store_person_get(s, id, out);
}

kiosk_status host_api_person_by_phone(kiosk_ctx *ctx, const char *e164, struct kiosk_person *out)
{
    store *s = host_store(ctx);
    if (!s || !e164)
        return s ? KIOSK_E_INVALID : KIOSK_E_UNAVAILABLE;
    return store_person_by_phone(s, e164, out);
}

kiosk_status host_api_person_save(kiosk_ctx *ctx, struct kiosk_person *p)
{
    store *s = host_store(ctx);
    if (!s || !p)
        return s ? KIOSK_E_INVALID : KIOSK_E_UNAVAILABLE;
    return wrote(ctx, store_person_save(s, p, NULL));
}

kiosk_status host_api_consent_set(kiosk_ctx *ctx, const char *person_id, int purpose, int granted,
                                  const char *text_version)
{
    store *s = host_store(ctx);
    if (!s)
        return KIOSK_E_UNAVAILABLE;
    return wrote(ctx, store_consent_set(s, person_id, purpose, granted, text_version));
}

kiosk_status host_api_register_person(kiosk_ctx *ctx, const char *event_id, struct kiosk_person *p,
                                      int walkin, struct kiosk_registration *out)
{
    store *s = host_store(ctx);
    if (!s || !event_id || !p || !out)
        return s ? KIOSK_E_INVALID : KIOSK_E_UNAVAILABLE;
    return wrote(ctx, store_register(s, event_id, p, walkin ? "walkin" : "kiosk", out, NULL));
}

kiosk_status host_api_registration_get(kiosk_ctx *ctx, const char *event_id, const char *person_id,
                                       struct kiosk_registration *out)
{
    store *s = host_store(ctx);
    if (!s || !event_id || !person_id)
        return s ? KIOSK_E_INVALID : KIOSK_E_UNAVAILABLE;
    return store_registration_get(s, event_id, person_id, out);
}

kiosk_status host_api_check_in(kiosk_ctx *ctx, const char *session_id, const char *person_id,
                               int kind, const struct kiosk_signature *sig,
                               struct kiosk_checkin *out)
{
    store *s = host_store(ctx);
    if (!s)
        return KIOSK_E_UNAVAILABLE;
    kiosk_status st = wrote(ctx, store_check_in(s, session_id, person_id, kind, 0, sig, out));
    if (st == KIOSK_OK)
        sync_worker_poke(); /* a burst of check-ins makes one sync soon after it */
    return st;
}

kiosk_status host_api_receipt_issue(kiosk_ctx *ctx, int kind, const char *event_id,
                                    const char *session_id, const char *person_id,
                                    struct kiosk_receipt *out)
{
    store *s = host_store(ctx);
    struct receipt_keys *keys = s ? host_keys(ctx) : NULL;
    if (!s || !keys)
        return KIOSK_E_UNAVAILABLE;
    return wrote(ctx, receipt_issue(s, keys, kind, event_id, session_id, person_id, out));
}

kiosk_status host_api_receipt_verify(kiosk_ctx *ctx, const char *text, struct kiosk_receipt *out,
                                     const char **why)
{
    store *s = host_store(ctx);
    if (why)
        *why = NULL;
    if (!s)
        return KIOSK_E_UNAVAILABLE;
    const char *key = NULL;
    kiosk_status st = receipt_verify(s, text ? text : "", out, &key, NULL, 0);
    if (why && st != KIOSK_OK && key)
        *why = host_tr(ctx, key);
    return st;
}

kiosk_status host_api_fair_stats(kiosk_ctx *ctx, const char *event_id, int64_t day_ms,
                                 struct kiosk_fair_stats *out)
{
    store *s = host_store(ctx);
    if (!s || !event_id)
        return s ? KIOSK_E_INVALID : KIOSK_E_UNAVAILABLE;
    return store_fair_stats(s, event_id, day_ms > 0 ? day_ms : kiosk_clock_now_ms(), out);
}

kiosk_status host_api_fair_latest(kiosk_ctx *ctx, const char *event_id, size_t max,
                                  struct kiosk_person **out, size_t *count)
{
    store *s = host_store(ctx);
    if (!s || !event_id)
        return s ? KIOSK_E_INVALID : KIOSK_E_UNAVAILABLE;
    return store_fair_latest(s, event_id, max, out, count);
}
