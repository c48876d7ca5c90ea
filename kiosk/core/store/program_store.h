/* The program as the coordinator corrects it (issue 13): events and sessions with what the
 * kiosk's screens leave out (cancelled ones, commune and district apart, check-ins a session
 * holds), and their changes as new versions: a write sets updated_at to now (later than the
 * stored version's) and updated_by to this kiosk, so sync's last-writer-wins carries it to
 * every kiosk and the server. Nothing is deleted: a cancelled event or session stays, with
 * its check-ins and receipts. The rules (what may change) live in core/program. */
#ifndef KIOSK_STORE_PROGRAM_STORE_H
#define KIOSK_STORE_PROGRAM_STORE_H

#include "store.h"

struct program_event {
    struct kiosk_event e; /* e.place is composed from commune and district on write */
    char commune[KIOSK_PLACE_LEN];
    char district[KIOSK_PLACE_LEN];
    int cancelled;
};

struct program_session {
    struct kiosk_session s;
    int cancelled;
    int checkins; /* people checked in (any kind) */
};

/* By code, cancelled ones too. KIOSK_E_NOT_FOUND when no event has it. */
kiosk_status store_program_event(store *s, const char *code, struct program_event *out);
/* Every session of the event, cancelled ones too, by start. OUT: free(). */
kiosk_status store_program_sessions(store *s, const char *event_id, struct program_session **out,
                                    size_t *count);
/* Every event, cancelled and finished ones too, by first session (those without last). */
kiosk_status store_program_events(store *s, struct program_event **out, size_t *count);

/* Inside a transaction (store_begin): */
/* A new event (e.id given, or made). KIOSK_E_EXISTS when the code is taken. */
kiosk_status store_program_event_add_tx(store *s, struct program_event *ev);
/* A new version of the event ev->e.id (every field of ev as it stands). */
kiosk_status store_program_event_put_tx(store *s, const struct program_event *ev);
/* A new session (id given, or made; number 0: the next one). */
kiosk_status store_program_session_add_tx(store *s, struct kiosk_session *sess);
/* A new version of a session: its times and whether it is cancelled. */
kiosk_status store_program_session_put_tx(store *s, const struct kiosk_session *sess,
                                          int cancelled);

/* An id made from what a record is (the demo's: two kiosks filled apart hold the same ids). */
void store_derived_id(const char *what, char out[KIOSK_ID_LEN]);

#endif
