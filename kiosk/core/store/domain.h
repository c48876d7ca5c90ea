/* The domain records over the store: events, sessions, people, registrations, consents,
 * check-ins. Every write is one transaction, committed durably before it returns OK.
 * Uses the ABI's structs (kiosk/plugin.h) so host, kioskctl and plugins share one
 * vocabulary. Never draws; never talks to a network. */
#ifndef KIOSK_STORE_DOMAIN_H
#define KIOSK_STORE_DOMAIN_H

#include "store.h"

/* -- events and sessions -- */
/* Adds an event (id filled when empty); KIOSK_E_EXISTS when the code is taken. */
kiosk_status store_event_add(store *s, struct kiosk_event *e, const char *commune,
                             const char *district);
kiosk_status store_event_get(store *s, const char *id_or_code, struct kiosk_event *out);
/* kind 0: all. OUT array: free(). Ordered by start. */
kiosk_status store_events_list(store *s, int kind, struct kiosk_event **out, size_t *count);
kiosk_status store_session_add(store *s, struct kiosk_session *sess);
kiosk_status store_session_get(store *s, const char *id, struct kiosk_session *out);
kiosk_status store_sessions_list(store *s, const char *event_id, struct kiosk_session **out,
                                 size_t *count);
/* The session of event_id running at at_ms; else the next one starting the same local
 * day; else KIOSK_E_NOT_FOUND. */
kiosk_status store_session_at(store *s, const char *event_id, int64_t at_ms,
                              struct kiosk_session *out);

/* -- people -- */
/* Inserts (empty id) or stores a new version (updated_at/updated_by) of a person.
 * Tidies the name (vn_name_tidy), requires a non-empty name, normalises a phone given in
 * any accepted form (KIOSK_E_INVALID with *why_key set on a bad one; why_key may be NULL). */
kiosk_status store_person_save(store *s, struct kiosk_person *p, const char **why_key);
kiosk_status store_person_get(store *s, const char *id, struct kiosk_person *out);
kiosk_status store_person_by_phone(store *s, const char *e164, struct kiosk_person *out);
/* Same folded name and birth year. */
kiosk_status store_person_by_name_year(store *s, const char *full_name, int birth_year,
                                       struct kiosk_person *out);
/* Word-prefix search, accents optional (core/text/search). event_id non-NULL: only people
 * registered for that event. OUT array: free(). */
kiosk_status store_people_search(store *s, const char *typed, const char *event_id, size_t max,
                                 struct kiosk_person_hit **out, size_t *count);

/* -- consents (append-only; the latest answer per person and purpose holds) -- */
kiosk_status store_consent_set(store *s, const char *person_id, int purpose, int granted,
                               const char *text_version);
/* 1 granted, 0 refused or never asked. */
int store_consent_granted(store *s, const char *person_id, int purpose);

/* -- registrations -- */
/* Registers p (saved first when it has no id) for event_id, once: an existing registration
 * for the same person, phone, or folded name + birth year returns KIOSK_E_EXISTS with it in
 * out (and p filled with the registered person). A full class gives status WAITLIST.
 * source: "kiosk", "import", "walkin". */
kiosk_status store_register(store *s, const char *event_id, struct kiosk_person *p,
                            const char *source, struct kiosk_registration *out,
                            const char **why_key);
kiosk_status store_registration_get(store *s, const char *event_id, const char *person_id,
                                    struct kiosk_registration *out);

/* -- check-ins (append-only) -- */
/* One per person, session and kind: a repeat returns KIOSK_E_EXISTS with the first.
 * Late is computed from the event's late_after_min; walk-in from the registration. */
kiosk_status store_check_in(store *s, const char *session_id, const char *person_id, int kind,
                            int64_t at_ms, const struct kiosk_signature *sig,
                            struct kiosk_checkin *out);

/* -- the demo program (assets/demo/program.tsv), sessions placed around today_ms -- */
kiosk_status store_demo_fill(store *s, int64_t today_ms);

#endif
