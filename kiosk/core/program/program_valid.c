/* What an event or a session row must hold, wherever it comes from (program.h): the trust
 * helper's sync checks call these on incoming rows, as the sheet's checks do on typed ones. */
#include "program/program.h"

#include <ctype.h>
#include <string.h>

int program_code_valid(const char *code)
{
    size_t n = code ? strlen(code) : 0;
    if (n == 0 || n >= KIOSK_PART_LEN)
        return 0;
    for (const char *c = code; *c; c++)
        if (!isalnum((unsigned char)*c) && *c != '-')
            return 0;
    return 1;
}

const char *events_row_valid(const struct program_event *ev, int64_t updated_at_ms, int64_t now_ms,
                             int64_t skew_ms)
{
    const struct kiosk_event *e = &ev->e;
    if (!program_code_valid(e->code))
        return "code";
    if (e->kind != KIOSK_EVENT_CLASS && e->kind != KIOSK_EVENT_FAIR)
        return "kind";
    if (!e->title[0])
        return "title";
    if (e->capacity < 0 || e->capacity > 100000)
        return "capacity";
    if (e->late_after_min < 0 || e->late_after_min > 600)
        return "late_after_min";
    if ((e->signup_open != 0 && e->signup_open != 1) ||
        (e->signature_required != 0 && e->signature_required != 1) ||
        (ev->cancelled != 0 && ev->cancelled != 1))
        return "flag";
    if (updated_at_ms > now_ms + skew_ms)
        return "updated_at";
    return NULL;
}

const char *sessions_row_valid(const struct kiosk_session *s, int cancelled, int64_t updated_at_ms,
                               int64_t now_ms, int64_t skew_ms)
{
    if (s->number <= 0 || s->number > 10000)
        return "number";
    if (s->ends_at_ms <= s->starts_at_ms)
        return "ends_at";
    if (s->ends_at_ms - s->starts_at_ms > 7 * 24 * 3600 * 1000LL)
        return "ends_at"; /* a session is a day's part, never a week */
    if (cancelled != 0 && cancelled != 1)
        return "cancelled";
    if (updated_at_ms > now_ms + skew_ms)
        return "updated_at";
    return NULL;
}
