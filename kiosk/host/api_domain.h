/* The sub-tables of the host API (plugin.h): program and people (api_domain.c), receipt,
 * fair and data (api_extra.c), and the look-up by name and version that api.c puts in the
 * host table. Thin adapters from a kiosk_ctx to core/store and core/receipt. */
#ifndef KIOSK_HOST_API_DOMAIN_H
#define KIOSK_HOST_API_DOMAIN_H

#include <kiosk/plugin.h>

#include <string.h>

/* The sizes of the domain structs at ABI 2.0: the least a plugin may hand over. When a
 * minor grows a struct, these stay (write the 2.0 number here then). */
#define KIOSK_EVENT_SIZE_2_0 sizeof(struct kiosk_event)
#define KIOSK_SESSION_SIZE_2_0 sizeof(struct kiosk_session)
#define KIOSK_PERSON_SIZE_2_0 sizeof(struct kiosk_person)
#define KIOSK_REGISTRATION_SIZE_2_0 sizeof(struct kiosk_registration)
#define KIOSK_CHECKIN_SIZE_2_0 sizeof(struct kiosk_checkin)
#define KIOSK_RECEIPT_SIZE_2_0 sizeof(struct kiosk_receipt)
#define KIOSK_FAIR_STATS_SIZE_2_0 sizeof(struct kiosk_fair_stats)
/* Structs added by a later minor: the size they came with. */
#define KIOSK_PRESENCE_SIZE_2_2 sizeof(struct kiosk_presence)
#define HOST_API_SIZE_OK(p, size, least) ((p) != NULL && (size) >= (least))

extern const struct kiosk_program_api host_program_api;
extern const struct kiosk_people_api host_people_api;
extern const struct kiosk_receipt_api host_receipt_api;
extern const struct kiosk_fair_api host_fair_api;
extern const struct kiosk_data_api host_data_api;

/* The host table's api member: a sub-table by name of at least min_version, else NULL. */
const void *host_api_lookup(const char *name, uint32_t min_version);

/* Reports a write's outcome to the runtime's storage banner; returns st. */
kiosk_status host_api_wrote(kiosk_ctx *ctx, kiosk_status st);
/* On OK or EXISTS copies the host's full struct into the plugin's, at most out_size bytes
 * (a plugin built before a struct grew gets the members it knows). */
static inline kiosk_status host_api_give(kiosk_status st, void *out, size_t out_size,
                                         const void *full, size_t full_size)
{
    if (st == KIOSK_OK || st == KIOSK_E_EXISTS)
        memcpy(out, full, out_size < full_size ? out_size : full_size);
    return st;
}

/* Begins an array answer: out emptied; the kiosk's store, or NULL with *st saying why (no out:
 * KIOSK_E_INVALID, no store: KIOSK_E_UNAVAILABLE). */
struct store *host_api_array_begin(kiosk_ctx *ctx, struct kiosk_array *out, kiosk_status *st);
/* Ends it: items (out->count of them, elem bytes each) handed to the plugin; returns st. */
static inline kiosk_status host_api_array_give(struct kiosk_array *out, void *items, size_t elem,
                                               kiosk_status st)
{
    out->items = items;
    out->elem_size = elem;
    return st;
}

/* Copies the plugin's struct (in_size bytes) into a zeroed full one: members the plugin
 * does not know read as unset. */
static inline void host_api_take(void *full, size_t full_size, const void *in, size_t in_size)
{
    memset(full, 0, full_size);
    memcpy(full, in, in_size < full_size ? in_size : full_size);
}

void host_api_name_tidy(const char *in, char *out, size_t cap);
void host_api_fold(const char *in, char *out, size_t cap);
kiosk_status host_api_phone_normalise(kiosk_ctx *ctx, const char *in, char out[KIOSK_PHONE_LEN],
                                      const char **why);

/* The plugin's own data version (kept under its id); 0 when none was recorded. */
uint32_t host_plugin_data_version(kiosk_ctx *ctx);
kiosk_status host_plugin_data_version_set(kiosk_ctx *ctx, uint32_t version);

#endif
