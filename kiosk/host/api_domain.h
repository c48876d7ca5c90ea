/* The domain half of the host API table (struct kiosk_host_api in plugin.h): thin
 * adapters from a kiosk_ctx to core/store, core/receipt and core/text. The runtime's
 * api.c puts these in the table beside the widget half. */
#ifndef KIOSK_HOST_API_DOMAIN_H
#define KIOSK_HOST_API_DOMAIN_H

#include <kiosk/plugin.h>

void host_api_name_tidy(const char *in, char *out, size_t cap);
void host_api_fold(const char *in, char *out, size_t cap);
kiosk_status host_api_phone_normalise(kiosk_ctx *ctx, const char *in, char out[KIOSK_PHONE_LEN],
                                      const char **why);
kiosk_status host_api_events_list(kiosk_ctx *ctx, int kind, struct kiosk_event **out,
                                  size_t *count);
kiosk_status host_api_event_get(kiosk_ctx *ctx, const char *id_or_code, struct kiosk_event *out);
kiosk_status host_api_event_served(kiosk_ctx *ctx, int kind, struct kiosk_event *out);
kiosk_status host_api_session_current(kiosk_ctx *ctx, const char *event_id,
                                      struct kiosk_session *out);
kiosk_status host_api_session_get(kiosk_ctx *ctx, const char *session_id,
                                  struct kiosk_session *out);
kiosk_status host_api_people_search(kiosk_ctx *ctx, const char *typed, const char *event_id,
                                    size_t max, struct kiosk_person_hit **out, size_t *count);
kiosk_status host_api_person_get(kiosk_ctx *ctx, const char *id, struct kiosk_person *out);
kiosk_status host_api_person_by_phone(kiosk_ctx *ctx, const char *e164, struct kiosk_person *out);
kiosk_status host_api_person_save(kiosk_ctx *ctx, struct kiosk_person *p);
kiosk_status host_api_consent_set(kiosk_ctx *ctx, const char *person_id, int purpose, int granted,
                                  const char *text_version);
kiosk_status host_api_register_person(kiosk_ctx *ctx, const char *event_id, struct kiosk_person *p,
                                      int walkin, struct kiosk_registration *out);
kiosk_status host_api_registration_get(kiosk_ctx *ctx, const char *event_id,
                                       const char *person_id, struct kiosk_registration *out);
kiosk_status host_api_check_in(kiosk_ctx *ctx, const char *session_id, const char *person_id,
                               int kind, const struct kiosk_signature *sig,
                               struct kiosk_checkin *out);
kiosk_status host_api_receipt_issue(kiosk_ctx *ctx, int kind, const char *event_id,
                                    const char *session_id, const char *person_id,
                                    struct kiosk_receipt *out);
kiosk_status host_api_receipt_verify(kiosk_ctx *ctx, const char *text, struct kiosk_receipt *out,
                                     const char **why);
kiosk_status host_api_fair_stats(kiosk_ctx *ctx, const char *event_id, int64_t day_ms,
                                 struct kiosk_fair_stats *out);
kiosk_status host_api_fair_latest(kiosk_ctx *ctx, const char *event_id, size_t max,
                                  struct kiosk_person **out, size_t *count);

#endif
