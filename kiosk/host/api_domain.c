/* The program and people sub-tables of the host API (plugin.h): plugins' calls mapped
 * onto core/store with the runtime's store. Structs cross with the plugin's size (give and
 * take below); arrays with the host's element size. Writes report storage trouble (full
 * disk, read-only) to the runtime, which shows a banner until a write succeeds again. */
#include "host/api_domain.h"
#include "host/host_ctx.h"
#include "host/sync_worker.h"
#include "store/domain.h"
#include "text/text.h"

#include <stdlib.h>
#include <string.h>

/* Every write passes through here: the banner follows the last write's outcome. */
kiosk_status host_api_wrote(kiosk_ctx *ctx, kiosk_status st)
{
    if (st == KIOSK_OK || st == KIOSK_E_FULL || st == KIOSK_E_READONLY)
        host_storage_status(ctx, st);
    return st;
}

store *host_api_array_begin(kiosk_ctx *ctx, struct kiosk_array *out, kiosk_status *st)
{
    *st = out ? KIOSK_E_UNAVAILABLE : KIOSK_E_INVALID;
    if (!out)
        return NULL;
    memset(out, 0, sizeof *out);
    return host_store(ctx);
}

/* ---- the program ---- */

static kiosk_status events_list(kiosk_ctx *ctx, int kind, struct kiosk_array *out)
{
    kiosk_status st;
    store *s = host_api_array_begin(ctx, out, &st);
    if (!s)
        return st;
    struct kiosk_event *ev = NULL;
    st = store_events_list(s, kind, &ev, &out->count);
    return host_api_array_give(out, ev, sizeof *ev, st);
}

static kiosk_status event_get(kiosk_ctx *ctx, const char *id_or_code, struct kiosk_event *out,
                              size_t out_size)
{
    store *s = host_store(ctx);
    if (!s || !id_or_code || !HOST_API_SIZE_OK(out, out_size, KIOSK_EVENT_SIZE_2_0))
        return s ? KIOSK_E_INVALID : KIOSK_E_UNAVAILABLE;
    struct kiosk_event full;
    return host_api_give(store_event_get(s, id_or_code, &full), out, out_size, &full, sizeof full);
}

/* The coordinator's choice (setting "served_event": a code or an id) when it is of this
 * kind; else the one event of this kind with a session today, when there is exactly one. */
static kiosk_status served(store *s, kiosk_ctx *ctx, int kind, struct kiosk_event *out)
{
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

static kiosk_status event_served(kiosk_ctx *ctx, int kind, struct kiosk_event *out, size_t out_size)
{
    store *s = host_store(ctx);
    if (!s || !HOST_API_SIZE_OK(out, out_size, KIOSK_EVENT_SIZE_2_0))
        return s ? KIOSK_E_INVALID : KIOSK_E_UNAVAILABLE;
    struct kiosk_event full;
    return host_api_give(served(s, ctx, kind, &full), out, out_size, &full, sizeof full);
}

static kiosk_status session_current(kiosk_ctx *ctx, const char *event_id, struct kiosk_session *out,
                                    size_t out_size)
{
    store *s = host_store(ctx);
    if (!s || !event_id || !HOST_API_SIZE_OK(out, out_size, KIOSK_SESSION_SIZE_2_0))
        return s ? KIOSK_E_INVALID : KIOSK_E_UNAVAILABLE;
    struct kiosk_session full;
    return host_api_give(store_session_at(s, event_id, kiosk_clock_now_ms(), &full), out, out_size,
                         &full, sizeof full);
}

static kiosk_status next_session(store *s, const char *event_id, int64_t from_ms,
                                 struct kiosk_session *out)
{
    struct kiosk_session *all = NULL;
    size_t n = 0;
    kiosk_status st = store_sessions_list(s, event_id, &all, &n);
    if (st != KIOSK_OK)
        return st;
    st = KIOSK_E_NOT_FOUND;
    for (size_t i = 0; i < n && st != KIOSK_OK; i++) { /* ordered by start */
        if (all[i].ends_at_ms > from_ms) {
            *out = all[i];
            st = KIOSK_OK;
        }
    }
    free(all);
    return st;
}

static kiosk_status session_next(kiosk_ctx *ctx, const char *event_id, int64_t from_ms,
                                 struct kiosk_session *out, size_t out_size)
{
    store *s = host_store(ctx);
    if (!s || !event_id || !HOST_API_SIZE_OK(out, out_size, KIOSK_SESSION_SIZE_2_0))
        return s ? KIOSK_E_INVALID : KIOSK_E_UNAVAILABLE;
    struct kiosk_session full;
    return host_api_give(next_session(s, event_id, from_ms, &full), out, out_size, &full,
                         sizeof full);
}

static kiosk_status session_get(kiosk_ctx *ctx, const char *session_id, struct kiosk_session *out,
                                size_t out_size)
{
    store *s = host_store(ctx);
    if (!s || !session_id || !HOST_API_SIZE_OK(out, out_size, KIOSK_SESSION_SIZE_2_0))
        return s ? KIOSK_E_INVALID : KIOSK_E_UNAVAILABLE;
    struct kiosk_session full;
    return host_api_give(store_session_get(s, session_id, &full), out, out_size, &full,
                         sizeof full);
}

static kiosk_status register_person(kiosk_ctx *ctx, const char *event_id, struct kiosk_person *p,
                                    size_t p_size, int walkin, struct kiosk_registration *out,
                                    size_t out_size)
{
    store *s = host_store(ctx);
    if (!s || !event_id || !HOST_API_SIZE_OK(p, p_size, KIOSK_PERSON_SIZE_2_0) ||
        !HOST_API_SIZE_OK(out, out_size, KIOSK_REGISTRATION_SIZE_2_0))
        return s ? KIOSK_E_INVALID : KIOSK_E_UNAVAILABLE;
    struct kiosk_person person;
    struct kiosk_registration full;
    host_api_take(&person, sizeof person, p, p_size);
    kiosk_status st =
        store_register(s, event_id, &person, walkin ? "walkin" : "kiosk", &full, NULL);
    host_api_give(st, p, p_size, &person, sizeof person);
    return host_api_wrote(ctx, host_api_give(st, out, out_size, &full, sizeof full));
}

static kiosk_status registration_get(kiosk_ctx *ctx, const char *event_id, const char *person_id,
                                     struct kiosk_registration *out, size_t out_size)
{
    store *s = host_store(ctx);
    if (!s || !event_id || !person_id ||
        !HOST_API_SIZE_OK(out, out_size, KIOSK_REGISTRATION_SIZE_2_0))
        return s ? KIOSK_E_INVALID : KIOSK_E_UNAVAILABLE;
    struct kiosk_registration full;
    return host_api_give(store_registration_get(s, event_id, person_id, &full), out, out_size,
                         &full, sizeof full);
}

static kiosk_status check_in(kiosk_ctx *ctx, const char *session_id, const char *person_id,
                             int kind, const struct kiosk_signature *sig, struct kiosk_checkin *out,
                             size_t out_size)
{
    store *s = host_store(ctx);
    if (!s || !HOST_API_SIZE_OK(out, out_size, KIOSK_CHECKIN_SIZE_2_0))
        return s ? KIOSK_E_INVALID : KIOSK_E_UNAVAILABLE;
    struct kiosk_checkin full;
    kiosk_status st =
        host_api_wrote(ctx, store_check_in(s, session_id, person_id, kind, 0, sig, &full));
    if (st == KIOSK_OK)
        sync_worker_poke(); /* a burst of check-ins makes one sync soon after it */
    return host_api_give(st, out, out_size, &full, sizeof full);
}

/* How long a trainee may undo her own check-out (checkout_undo_min, 0..120 minutes). */
static int64_t undo_window_ms(kiosk_ctx *ctx)
{
    const char *v = host_setting(ctx, "checkout_undo_min");
    long min = v ? strtol(v, NULL, 10) : 10;
    if (min < 0)
        min = 0;
    if (min > 120)
        min = 120;
    return (int64_t)min * 60 * 1000;
}

static kiosk_status presence(kiosk_ctx *ctx, const char *session_id, const char *person_id,
                             struct kiosk_presence *out, size_t out_size)
{
    store *s = host_store(ctx);
    if (!s || !HOST_API_SIZE_OK(out, out_size, KIOSK_PRESENCE_SIZE_2_2))
        return s ? KIOSK_E_INVALID : KIOSK_E_UNAVAILABLE;
    struct kiosk_presence full;
    kiosk_status st = store_presence_get(s, session_id, person_id, undo_window_ms(ctx), &full);
    return host_api_give(st, out, out_size, &full, sizeof full);
}

static kiosk_status checkout_undo(kiosk_ctx *ctx, const char *session_id, const char *person_id,
                                  struct kiosk_presence *out, size_t out_size)
{
    store *s = host_store(ctx);
    if (!s || (out && out_size < KIOSK_PRESENCE_SIZE_2_2))
        return s ? KIOSK_E_INVALID : KIOSK_E_UNAVAILABLE;
    struct kiosk_presence full;
    kiosk_status st = host_api_wrote(
        ctx, store_checkout_undo(s, session_id, person_id, undo_window_ms(ctx), &full));
    if (st == KIOSK_OK)
        sync_worker_poke();
    return out ? host_api_give(st, out, out_size, &full, sizeof full) : st;
}

/* Each call's member and function share a name: written once. */
#define HOST_CALL(name) .name = name,
// clang-format off
const struct kiosk_program_api host_program_api = {
    .size = sizeof(struct kiosk_program_api),
    .version = KIOSK_PROGRAM_API_VERSION,
    HOST_CALL(events_list) HOST_CALL(event_get) HOST_CALL(event_served)
    HOST_CALL(session_current) HOST_CALL(session_next) HOST_CALL(session_get)
    HOST_CALL(register_person) HOST_CALL(registration_get) HOST_CALL(check_in)
    HOST_CALL(presence) HOST_CALL(checkout_undo)
};
// clang-format on

/* ---- people ---- */

static kiosk_status people_search(kiosk_ctx *ctx, const char *typed, const char *event_id,
                                  size_t max, struct kiosk_array *out)
{
    kiosk_status st;
    store *s = host_api_array_begin(ctx, out, &st);
    if (!s)
        return st;
    struct kiosk_person_hit *hits = NULL;
    st = store_people_search(s, typed ? typed : "", event_id, max, &hits, &out->count);
    return host_api_array_give(out, hits, sizeof *hits, st);
}

static kiosk_status person_get(kiosk_ctx *ctx, const char *id, struct kiosk_person *out,
                               size_t out_size)
{
    store *s = host_store(ctx);
    if (!s || !id || !HOST_API_SIZE_OK(out, out_size, KIOSK_PERSON_SIZE_2_0))
        return s ? KIOSK_E_INVALID : KIOSK_E_UNAVAILABLE;
    struct kiosk_person full;
    return host_api_give(store_person_get(s, id, &full), out, out_size, &full, sizeof full);
}

static kiosk_status person_by_phone(kiosk_ctx *ctx, const char *e164, struct kiosk_person *out,
                                    size_t out_size)
{
    store *s = host_store(ctx);
    if (!s || !e164 || !HOST_API_SIZE_OK(out, out_size, KIOSK_PERSON_SIZE_2_0))
        return s ? KIOSK_E_INVALID : KIOSK_E_UNAVAILABLE;
    struct kiosk_person full;
    return host_api_give(store_person_by_phone(s, e164, &full), out, out_size, &full, sizeof full);
}

static kiosk_status person_save(kiosk_ctx *ctx, struct kiosk_person *p, size_t p_size)
{
    store *s = host_store(ctx);
    if (!s || !HOST_API_SIZE_OK(p, p_size, KIOSK_PERSON_SIZE_2_0))
        return s ? KIOSK_E_INVALID : KIOSK_E_UNAVAILABLE;
    struct kiosk_person full;
    host_api_take(&full, sizeof full, p, p_size);
    kiosk_status st = host_api_wrote(ctx, store_person_save(s, &full, NULL));
    return host_api_give(st, p, p_size, &full, sizeof full);
}

static kiosk_status consent_set(kiosk_ctx *ctx, const char *person_id, int purpose, int granted,
                                const char *text_version)
{
    store *s = host_store(ctx);
    if (!s)
        return KIOSK_E_UNAVAILABLE;
    return host_api_wrote(ctx, store_consent_set(s, person_id, purpose, granted, text_version));
}

const struct kiosk_people_api host_people_api = {
    .size = sizeof(struct kiosk_people_api),
    .version = KIOSK_PEOPLE_API_VERSION,
    .search = people_search,
    .get = person_get,
    .by_phone = person_by_phone,
    .save = person_save,
    .consent_set = consent_set,
};
