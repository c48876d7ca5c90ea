/* When and where a receipt tells its holder to come (issue 17 item 7): the class, its
 * place and the first session she can attend. */
#include "receipt.h"

#include "i18n.h"
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

void receipt_when_text(const struct receipt_when *w, receipt_tr_fn tr, void *user, const char *key,
                       const char *code, char *out, size_t cap)
{
    out[0] = '\0';
    if (!w->have_session)
        return;
    const struct kiosk_session *ss = &w->first;
    struct tm a, b;
    kiosk_local_tm(ss->starts_at_ms, &a);
    kiosk_local_tm(ss->ends_at_ms, &b);
    char wkey[32], num[12], date[16], start[8], end[8];
    kiosk_fmt(wkey, sizeof wkey, "host.weekday.%d", a.tm_wday);
    kiosk_fmt(num, sizeof num, "%d", ss->number);
    kiosk_fmt(date, sizeof date, "%02d/%02d/%04d", a.tm_mday, a.tm_mon + 1, a.tm_year + 1900);
    kiosk_fmt(start, sizeof start, "%02d:%02d", a.tm_hour, a.tm_min);
    kiosk_fmt(end, sizeof end, "%02d:%02d", b.tm_hour, b.tm_min);
    static const char *const names[] = {"number", "weekday", "date", "start", "end", "code"};
    const char *values[] = {num, tr(user, wkey), date, start, end, code ? code : ""};
    i18n_fill(tr(user, key), names, values, KIOSK_ARRAY_LEN(names), out, cap);
}

const char *receipt_when_key(const struct receipt_when *w)
{
    return w->waitlisted ? "receipt.when_waitlist" : "receipt.when";
}
