/* A session as the program sheet writes it: "dd/mm/yyyy HH:MM-HH:MM" (program.h). Also
 * "d/m/yyyy", "dd.mm.yyyy", "yyyy-mm-dd", an en dash, spaces anywhere between parts. */
#include "program/program.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static const char *skip_spaces(const char *p)
{
    while (*p == ' ' || *p == '\t')
        p++;
    return p;
}

/* Digits into *v (at most 4); NULL when none. */
static const char *number(const char *p, int *v, int *ndigits)
{
    int n = 0, x = 0;
    while (isdigit((unsigned char)*p) && n < 5) {
        x = x * 10 + (*p++ - '0');
        n++;
    }
    *v = x;
    *ndigits = n;
    return n && n <= 4 ? p : NULL;
}

static int days_in_month(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return days[m - 1];
}

static const char *date_part(const char *p, int *y, int *m, int *d)
{
    int a, b, c, na, nb, nc;
    if (!(p = number(p, &a, &na)) || !strchr("/.-", *p))
        return NULL;
    if (!(p = number(p + 1, &b, &nb)) || !strchr("/.-", *p))
        return NULL;
    if (!(p = number(p + 1, &c, &nc)))
        return NULL;
    if (na == 4 && nc <= 2) { /* 2026-03-12 */
        *y = a, *m = b, *d = c;
    } else if (nc == 4 && na <= 2 && nb <= 2) {
        *d = a, *m = b, *y = c;
    } else {
        return NULL;
    }
    return p;
}

static const char *time_part(const char *p, int *h, int *mi)
{
    int nh, nm;
    if (!(p = number(p, h, &nh)) || nh > 2 || (*p != ':' && *p != 'h'))
        return NULL;
    if (!(p = number(p + 1, mi, &nm)) || nm != 2)
        return NULL;
    return p;
}

static const char *dash(const char *p)
{
    p = skip_spaces(p);
    if (*p == '-')
        return skip_spaces(p + 1);
    if (strncmp(p, "\xe2\x80\x93", 3) == 0 || strncmp(p, "\xe2\x80\x94", 3) == 0)
        return skip_spaces(p + 3); /* en or em dash, as spreadsheets autocorrect */
    return NULL;
}

const char *program_slot_parse(const char *text, struct program_slot *out, char *arg, size_t argcap)
{
    int y, mo, d, h0, m0, h1, m1;
    kiosk_strlcpy(arg, text, argcap);
    const char *p = skip_spaces(text);
    if (!(p = date_part(p, &y, &mo, &d)))
        return "program.err.session_syntax";
    p = skip_spaces(p);
    if (!(p = time_part(p, &h0, &m0)) || !(p = dash(p)) || !(p = time_part(p, &h1, &m1)) ||
        *skip_spaces(p))
        return "program.err.session_syntax";
    if (y < 2000 || y > 2100 || mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo)) {
        snprintf(arg, argcap, "%02d/%02d/%04d", d, mo, y);
        return "program.err.no_such_day";
    }
    if (h0 > 23 || m0 > 59 || h1 > 24 || m1 > 59 || (h1 == 24 && m1 > 0))
        return "program.err.bad_time";
    out->starts_at_ms = kiosk_local_make_ms(y, mo, d, h0, m0);
    out->ends_at_ms = kiosk_local_make_ms(y, mo, d, h1, m1);
    if (out->ends_at_ms <= out->starts_at_ms)
        return "program.err.end_before_start";
    return NULL;
}

void program_slot_text(int64_t starts_at_ms, int64_t ends_at_ms, char *out, size_t cap)
{
    struct tm a, b;
    kiosk_local_tm(starts_at_ms, &a);
    kiosk_local_tm(ends_at_ms, &b);
    snprintf(out, cap, "%02d/%02d/%04d %02d:%02d-%02d:%02d", a.tm_mday, a.tm_mon + 1,
             a.tm_year + 1900, a.tm_hour, a.tm_min, b.tm_hour, b.tm_min);
}

static int64_t shift(int64_t ms, int days)
{
    struct tm t;
    kiosk_local_tm(ms, &t);
    return kiosk_local_make_ms(t.tm_year + 1900, t.tm_mon + 1, t.tm_mday + days, t.tm_hour,
                               t.tm_min);
}

void program_shift_days(struct program *p, int days)
{
    for (size_t i = 0; i < p->count; i++)
        for (size_t k = 0; k < p->rows[i].nslots; k++) {
            struct program_slot *sl = &p->rows[i].slots[k];
            sl->starts_at_ms = shift(sl->starts_at_ms, days);
            sl->ends_at_ms = shift(sl->ends_at_ms, days);
        }
}
