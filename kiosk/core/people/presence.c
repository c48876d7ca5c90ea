/* Whether a person is in the room: the rule behind check-out, its undo and a return. */
#include "people/presence.h"

#include <string.h>

void presence_add(struct presence *p, const struct presence_fact *f, size_t i)
{
    if (f->kind == KIOSK_CHECK_OUT) {
        if (f->cancelled)
            return;
        if (p->state == PRESENCE_LEFT) { /* out already: another kiosk's check-out too */
            p->outs++;
            return;
        }
        p->state = PRESENCE_LEFT;
        p->last_out_ms = f->at_ms;
        p->last_out = i;
        p->outs = 1;
        return;
    }
    if (f->kind != KIOSK_CHECK_IN && f->kind != KIOSK_CHECK_RETURN)
        return;
    if (p->first_in_ms == 0)
        p->first_in_ms = f->at_ms;
    else if (p->state == PRESENCE_LEFT)
        p->returns++;
    p->state = PRESENCE_IN;
    p->last_out_ms = 0;
    p->outs = 0;
}

void presence_of(const struct presence_fact *facts, size_t n, struct presence *out)
{
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < n; i++)
        presence_add(out, &facts[i], i);
}

int presence_records(const struct presence *p, int kind)
{
    if (kind == KIOSK_CHECK_OUT)
        return p->state == PRESENCE_LEFT ? 0 : KIOSK_CHECK_OUT;
    if (kind != KIOSK_CHECK_IN)
        return 0;
    if (p->state == PRESENCE_NONE)
        return KIOSK_CHECK_IN;
    /* out without ever coming in (a check-out after the coordinator's mark): an arrival */
    if (p->state == PRESENCE_LEFT)
        return p->first_in_ms ? KIOSK_CHECK_RETURN : KIOSK_CHECK_IN;
    return 0;
}

int presence_undo_allowed(const struct presence *p, int64_t now_ms, int64_t window_ms)
{
    if (p->state != PRESENCE_LEFT || window_ms <= 0)
        return 0;
    int64_t age = now_ms - p->last_out_ms;
    return age <= window_ms && age >= -window_ms;
}
