/* When and where a receipt tells its holder to come (issue 17 item 7): the class, its
 * place and the first session she can attend. */
#include "receipt.h"

#include "store/domain.h"

#include <stdlib.h>
#include <string.h>

/* The first session not yet over at `from_ms` (sessions come ordered by start). */
static int first_open_session(store *s, const char *event_id, int64_t from_ms,
                              struct kiosk_session *out)
{
    struct kiosk_session *all = NULL;
    size_t n = 0;
    int found = 0;
    if (store_sessions_list(s, event_id, &all, &n) != KIOSK_OK)
        return 0;
    for (size_t i = 0; i < n && !found; i++) {
        if (all[i].ends_at_ms > from_ms) {
            *out = all[i];
            found = 1;
        }
    }
    free(all);
    return found;
}

kiosk_status receipt_when(store *s, const struct kiosk_receipt *r, struct receipt_when *out)
{
    memset(out, 0, sizeof *out);
    struct kiosk_event ev;
    kiosk_status st = store_event_get(s, r->event_id, &ev);
    if (st != KIOSK_OK)
        return st;
    kiosk_strlcpy(out->title, ev.title, sizeof out->title);
    kiosk_strlcpy(out->place, ev.place[0] ? ev.place : ev.province, sizeof out->place);
    kiosk_strlcpy(out->code, ev.code, sizeof out->code);
    if (r->kind != KIOSK_RECEIPT_SIGNUP)
        return KIOSK_OK;
    struct kiosk_registration reg;
    if (r->person_id[0] && store_registration_get(s, r->event_id, r->person_id, &reg) == KIOSK_OK)
        out->waitlisted = reg.status == KIOSK_REG_WAITLIST;
    /* signed up before the class began: its first session; later: the next one */
    out->have_session = first_open_session(s, r->event_id, r->issued_at_ms, &out->first);
    return KIOSK_OK;
}
