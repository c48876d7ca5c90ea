/* Whether a person is in the room (docs/IDENTITY.md, "Leaving, undo and return"): from her
 * check-ins, check-outs and returns of one session, the state now, what a new check-in or
 * check-out records, and whether she may undo her check-out herself. Pure functions. */
#ifndef KIOSK_PRESENCE_H
#define KIOSK_PRESENCE_H

#include "common.h"

enum presence_state { PRESENCE_NONE = 0, PRESENCE_IN = 1, PRESENCE_LEFT = 2 };

/* One check-in row (kind KIOSK_CHECK_IN, KIOSK_CHECK_OUT or KIOSK_CHECK_RETURN); cancelled:
 * a check-out a correction took back (attendance_marks mark 4). */
struct presence_fact {
    int kind;
    int64_t at_ms;
    int cancelled;
};

struct presence {
    int state;           /* enum presence_state */
    int64_t first_in_ms; /* first arrival (check-in or return); 0: none */
    int64_t last_out_ms; /* PRESENCE_LEFT: when she left (the first check-out since her last
                            arrival: two kiosks may each have taken one); else 0 */
    size_t last_out;     /* its index in the facts */
    int outs;            /* check-outs that hold since her last arrival (1 unless two kiosks) */
    int returns;         /* returns that count (after a check-out that holds) */
};

/* Adds the fact at index i of the facts, in the order they happened (start from a zeroed
 * struct presence). */
void presence_add(struct presence *p, const struct presence_fact *f, size_t i);
/* The facts in the order they happened (time, then id: the store sorts them). A return or
 * check-in puts her in, a check-out that holds puts her out; cancelled ones do not count. */
void presence_of(const struct presence_fact *facts, size_t n, struct presence *out);

/* What asking for `kind` (KIOSK_CHECK_IN or KIOSK_CHECK_OUT) records now: KIOSK_CHECK_IN
 * (first arrival), KIOSK_CHECK_RETURN (in again after leaving), KIOSK_CHECK_OUT, or 0 when
 * nothing (in already, out already: the caller reports the existing fact). A check-out with
 * no check-in is recorded (the coordinator may have marked her present). */
int presence_records(const struct presence *p, int kind);

/* 1 when she may undo her own check-out at now_ms: she is out, and she left at most
 * window_ms old (and not in the future by more than that; a clock a minute off between two
 * kiosks still lets her undo). window_ms 0: never. */
int presence_undo_allowed(const struct presence *p, int64_t now_ms, int64_t window_ms);

#endif
