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
/* 1 when a session of event_id overlaps the local day holding day_ms. */
int store_event_has_session_on_day(store *s, const char *event_id, int64_t day_ms);

/* -- people -- */
/* Inserts (empty id) or stores a new version (updated_at/updated_by) of a person.
 * Tidies the name (vn_name_tidy), requires a non-empty name, normalises a phone given in
 * any accepted form (KIOSK_E_INVALID with *why_key set on a bad one; why_key may be NULL). */
kiosk_status store_person_save(store *s, struct kiosk_person *p, const char **why_key);
/* Stores p (id set) as the version (updated_at_ms, updated_by) only when it is newer than
 * the stored one (time, then kiosk id): KIOSK_E_EXISTS when the stored one stays. For sync. */
kiosk_status store_person_put_version(store *s, struct kiosk_person *p, int64_t updated_at_ms,
                                      const char *updated_by);
kiosk_status store_person_get(store *s, const char *id, struct kiosk_person *out);
kiosk_status store_person_by_phone(store *s, const char *e164, struct kiosk_person *out);
/* The person on record that the identity rule (kiosk/core/people/identity.h) says is p
 * (IDENTITY_SAME), oldest first, never an alias; p tidied as person_save leaves it
 * (p->id, when set, is skipped). *reason_key (may be NULL): why. */
kiosk_status store_person_find_same(store *s, const struct kiosk_person *p,
                                    struct kiosk_person *out, const char **reason_key);
/* The id that stands for id after merges (docs/IDENTITY.md): id itself when it is no alias. */
void store_person_survivor(store *s, const char *id, char out[KIOSK_ID_LEN]);
/* Someone registered for event_id whose name matches full_name by the identity rule (a
 * roster row with neither phone nor year): person_id gets her surviving id. */
kiosk_status store_registered_by_name(store *s, const char *event_id, const char *full_name,
                                      char person_id[KIOSK_ID_LEN]);
/* -- one person, one row (docs/IDENTITY.md): merges are facts; reads resolve aliases -- */
/* The coordinator merges two records (either may already be merged): one merge fact, the
 * survivor the record made first (then the smaller id), filled in survivor (may be NULL).
 * KIOSK_E_EXISTS: they are one person already; KIOSK_E_NOT_FOUND: no such person. */
kiosk_status store_person_merge(store *s, const char *a, const char *b,
                                char survivor[KIOSK_ID_LEN]);
/* Undoes every merge naming id (one unmerge fact each; *undone how many, may be NULL);
 * KIOSK_E_NOT_FOUND when id is merged with nobody. */
kiosk_status store_person_unmerge(store *s, const char *id, int *undone);
/* Rebuilds the alias index from the merge facts (after sync) and merges the records the
 * identity rule says are one person, unless a merge or unmerge of the pair is on record
 * (the coordinator decided). *merged (may be NULL): merge facts made. */
kiosk_status store_people_converge(store *s, int *merged);
/* Probable duplicates (IDENTITY_PROBABLE) among the people no merge hides, never decided
 * before; event (id or code, may be NULL): pairs with at least one of them registered.
 * reason_key: an identity.* string key. OUT: free(). */
struct store_duplicate {
    struct kiosk_person a, b;
    const char *reason_key;
};
kiosk_status store_people_duplicates(store *s, const char *event, struct store_duplicate **out,
                                     size_t *count);

/* -- corrections of attendance (facts that sync; docs/IDENTITY.md) -- */
struct store_correction {
    const char *event;  /* id or code */
    int session_number; /* 1, 2, ... */
    const char *person_id;
    int mark;           /* enum attendance_correction (kiosk/core/people/marks.h) */
    const char *reason; /* what the coordinator says (1..200 bytes) */
    const char *via;    /* where she made it, for the log: "admin" (the admin screen, behind
                         * its PIN); NULL: "kioskctl" */
};
/* Records the coordinator's mark for a person and a session (present, absent, excused: the
 * sheet shows it over the check-ins, which stay), or cancels her latest check-out of that
 * session (CORRECT_CHECKOUT_CANCELLED: KIOSK_E_NOT_FOUND without one). A log row says who
 * (this kiosk, the coordinator), what and when. id (may be NULL): the fact's id. */
kiosk_status store_attendance_correct(store *s, const struct store_correction *c,
                                      char id[KIOSK_ID_LEN]);
/* What the correction screen shows of a person in a session (merged records together):
 * her first check-in and latest check-out not cancelled (0: none; both stay as recorded)
 * and the latest correction of present, absent or excused (mark 0: none). */
struct store_attendance_detail {
    int64_t checkin_at, checkout_at;
    int mark; /* enum attendance_correction */
    char reason[256];
    int64_t marked_at;
};
kiosk_status store_attendance_detail(store *s, const char *session_id, const char *person_id,
                                     struct store_attendance_detail *out);

/* Word-prefix search, accents optional (core/text/search). event_id non-NULL: only people
 * registered for that event (any status but cancelled). OUT array: free(). The index is
 * built on the first search and follows person_save/register on this handle; code that
 * writes people with its own SQL (sync) calls store_search_invalidate. */
kiosk_status store_people_search(store *s, const char *typed, const char *event_id, size_t max,
                                 struct kiosk_person_hit **out, size_t *count);
void store_search_invalidate(store *s);

/* -- consents (append-only; the latest answer per person and purpose holds) -- */
kiosk_status store_consent_set(store *s, const char *person_id, int purpose, int granted,
                               const char *text_version);
/* 1 granted, 0 refused or never asked. */
int store_consent_granted(store *s, const char *person_id, int purpose);

/* -- registrations -- */
/* Registers p (saved first when it has no id) for event_id (id or code), once: an existing
 * registration for the same person by the identity rule (or a record merged with her)
 * returns KIOSK_E_EXISTS with it in out (and p filled with the registered person).
 * A full class gives status WAITLIST (returns OK, out->waitlist_position set); "walkin"
 * gives WALKIN and is never wait-listed. source: "kiosk", "import", "walkin".
 * A new p the identity rule finds on record (store_person_find_same) is that person: the
 * known id is reused and p's empty fields are kept from it.
 * p->extra_json (a JSON object, may be NULL) is stored on the person and the registration;
 * fairs put the visit's choices there: {"interests": ["may mặc", ...], "note": "..."}.
 * KIOSK_E_DENIED: a class whose sign-up is closed, from source "kiosk". */
kiosk_status store_register(store *s, const char *event_id, struct kiosk_person *p,
                            const char *source, struct kiosk_registration *out,
                            const char **why_key);
kiosk_status store_registration_get(store *s, const char *event_id, const char *person_id,
                                    struct kiosk_registration *out);

/* -- check-ins (append-only) -- */
/* kind KIOSK_CHECK_IN or KIOSK_CHECK_OUT; what it records follows the presence rule
 * (kiosk/core/people/presence.h, docs/IDENTITY.md): a check-in of someone who left is a
 * return (out->kind KIOSK_CHECK_RETURN); a check-in of someone in returns KIOSK_E_EXISTS
 * with her first check-in, a check-out of someone out KIOSK_E_EXISTS with that check-out.
 * Late is computed from the event's late_after_min (never for a return); walk-in from the
 * registration. */
kiosk_status store_check_in(store *s, const char *session_id, const char *person_id, int kind,
                            int64_t at_ms, const struct kiosk_signature *sig,
                            struct kiosk_checkin *out);
/* Whether she is in the room now; undo_until_ms is set when she may undo her check-out
 * herself (a check-out at most undo_window_ms old). */
kiosk_status store_presence_get(store *s, const char *session_id, const char *person_id,
                                int64_t undo_window_ms, struct kiosk_presence *out);
/* The trainee undoes her own check-out at the kiosk: a cancelled check-out (attendance_marks
 * mark 4, by_whom "trainee") with a log row, when she is out and the check-out is at most
 * undo_window_ms old. KIOSK_E_NOT_FOUND: she is not out; KIOSK_E_DENIED: too late (the
 * coordinator can still cancel it: store_attendance_correct). out (may be NULL): her
 * presence after it. */
kiosk_status store_checkout_undo(store *s, const char *session_id, const char *person_id,
                                 int64_t undo_window_ms, struct kiosk_presence *out);

/* Signatures: strokes packed as little-endian int16 x,y pairs (x == -1 ends a stroke), and
 * drawn as a small grey PNG (white paper, black ink, at most 360x120). NULL or empty
 * signature: *out NULL, *len 0. *out: free(). */
kiosk_status store_signature_pack(const struct kiosk_signature *sig, uint8_t **out, size_t *len);
kiosk_status store_signature_unpack(const uint8_t *blob, size_t len, struct kiosk_signature *out);
kiosk_status store_signature_png(const struct kiosk_signature *sig, uint8_t **out, size_t *len);

/* -- fairs: a visit is a check-in (kind 1) on the fair's session of that day -- */
/* Visitors of the local day holding day_ms: distinct, new (registered that day) and
 * returning, by hour of their first check-in, by the event's interests (folded match). */
kiosk_status store_fair_stats(store *s, const char *event_id, int64_t day_ms,
                              struct kiosk_fair_stats *out);
/* The latest registrations of a fair, newest first. Each person's extra_json points at the
 * registration's extra (its note), inside the same block: one free() releases all. */
kiosk_status store_fair_latest(store *s, const char *event_id, size_t max,
                               struct kiosk_person **out, size_t *count);

/* -- the demo's trainees (assets/demo/trainees.tsv) registered for the demo program, inside
 * the transaction of program_demo_fill (core/program). KIOSK_E_CORRUPT (file and line in
 * the log) when the file is malformed. -- */
kiosk_status store_demo_trainees_tx(store *s, int *count);

#endif
