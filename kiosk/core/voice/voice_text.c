/* Written text to spoken text (voice_text.h). One pass over the bytes: numbers are read as
 * a whole to see whether they make a time or a date; characters beyond ASCII are judged by
 * their Unicode category. */
#include "voice/voice_text.h"

#include "common.h"

#include <stdio.h>
#include <string.h>
#include <utf8proc.h>

struct sink {
    char *p;
    size_t cap, len;
};

static void put(struct sink *s, const char *t, size_t n)
{
    if (s->len + n >= s->cap)
        return; /* whole pieces only: never half a character */
    memcpy(s->p + s->len, t, n);
    s->len += n;
    s->p[s->len] = '\0';
}

static void puts_(struct sink *s, const char *t)
{
    put(s, t, strlen(t));
}

/* A pause: ", " unless the text so far is empty or already ends in a pause or a stop. */
static void pause_(struct sink *s)
{
    while (s->len > 0 && s->p[s->len - 1] == ' ')
        s->p[--s->len] = '\0';
    if (s->len > 0 && !strchr(",.:;!?", s->p[s->len - 1]))
        puts_(s, ",");
    puts_(s, " ");
}

static int is_vi(const char *lang)
{
    return lang && strcmp(lang, "vi") == 0;
}

void voice_time_phrase(const char *lang, int hour, int minute, char *out, size_t cap)
{
    if (!out || cap == 0)
        return;
    out[0] = '\0';
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59)
        return;
    if (is_vi(lang) && minute == 0)
        snprintf(out, cap, "%d giờ", hour);
    else if (is_vi(lang))
        snprintf(out, cap, "%d giờ %d", hour, minute);
    else if (minute == 0)
        snprintf(out, cap, "%d o'clock", hour);
    else
        snprintf(out, cap, "%d:%02d", hour, minute);
}

/* Digits at p: their value and count (at most 4 read; 0 when p is no digit). */
static int digits(const char *p, int *value)
{
    int n = 0;
    *value = 0;
    while (n < 5 && p[n] >= '0' && p[n] <= '9')
        *value = *value * 10 + (p[n++] - '0');
    return n;
}

static const char *const months_en[] = {"January",   "February", "March",    "April",
                                        "May",       "June",     "July",     "August",
                                        "September", "October",  "November", "December"};

/* A time "7:40", "07:40" at p: spoken into s; returns the bytes read, 0 when none. */
static size_t time_at(const char *lang, const char *p, struct sink *s)
{
    int h, m, nh = digits(p, &h);
    if (nh < 1 || nh > 2 || p[nh] != ':')
        return 0;
    int nm = digits(p + nh + 1, &m);
    if (nm != 2 || h > 23 || m > 59)
        return 0;
    char phrase[48];
    voice_time_phrase(lang, h, m, phrase, sizeof phrase);
    puts_(s, phrase);
    return (size_t)(nh + 1 + nm);
}

/* "1/4" as a step or a page counts: "1 trên 4" / "1 of 4". */
static size_t count_at(const char *lang, const char *p, int a, int na, struct sink *s)
{
    int b, nb = digits(p + na + 1, &b);
    if (nb < 1 || nb > 2 || (p[na + 1 + nb] >= '0' && p[na + 1 + nb] <= '9'))
        return 0;
    char phrase[48];
    snprintf(phrase, sizeof phrase, is_vi(lang) ? "%d trên %d" : "%d of %d", a, b);
    puts_(s, phrase);
    return (size_t)(na + 1 + nb);
}

/* A date as the kiosk writes it, "05/03" or "05/03/2026", at p: spoken into s; a count
 * ("1/4") otherwise. Returns the bytes read, 0 when neither. */
static size_t date_at(const char *lang, const char *p, struct sink *s)
{
    int d, m, y = 0, nd = digits(p, &d);
    if (nd < 1 || nd > 2 || p[nd] != '/')
        return 0;
    int nm = digits(p + nd + 1, &m);
    if (nd != 2 || nm != 2 || d < 1 || d > 31 || m < 1 || m > 12)
        return count_at(lang, p, d, nd, s);
    size_t used = (size_t)(nd + 1 + nm);
    if (p[used] == '/') {
        int ny = digits(p + used + 1, &y);
        if (ny == 4)
            used += 1 + 4;
        else
            y = 0;
    }
    char phrase[80];
    if (is_vi(lang))
        snprintf(phrase, sizeof phrase, "ngày %d tháng %d", d, m);
    else
        snprintf(phrase, sizeof phrase, "%d %s", d, months_en[m - 1]);
    puts_(s, phrase);
    if (y) {
        snprintf(phrase, sizeof phrase, is_vi(lang) ? " năm %d" : " %d", y);
        puts_(s, phrase);
    }
    return used;
}

/* After a time or a date: " – 11:00" is a range, said "đến" / "to". Returns bytes read. */
static size_t range_dash(const char *lang, const char *p, struct sink *s)
{
    size_t i = 0;
    while (p[i] == ' ')
        i++;
    size_t dash = 0;
    if (p[i] == '-')
        dash = 1;
    else if (strncmp(p + i, "\xe2\x80\x93", 3) == 0 || strncmp(p + i, "\xe2\x80\x94", 3) == 0)
        dash = 3; /* en dash, em dash */
    if (!dash)
        return 0;
    size_t j = i + dash;
    while (p[j] == ' ')
        j++;
    if (p[j] < '0' || p[j] > '9')
        return 0;
    puts_(s, is_vi(lang) ? " đến " : " to ");
    return j;
}

/* A character beyond ASCII: copied, said as a pause, or dropped. */
static void wide_char(const char *p, size_t n, utf8proc_int32_t cp, struct sink *s)
{
    if (cp == 0x00B7 || cp == 0x2022 || cp == 0x2013 || cp == 0x2014 || cp == 0x2192 ||
        cp == 0x2026) { /* · • – — → … */
        pause_(s);
        return;
    }
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_PI: /* ‹ « “: quotes and the pager's arrows */
    case UTF8PROC_CATEGORY_PF:
    case UTF8PROC_CATEGORY_SM:
    case UTF8PROC_CATEGORY_SC:
    case UTF8PROC_CATEGORY_SK:
    case UTF8PROC_CATEGORY_SO:
    case UTF8PROC_CATEGORY_CO:
    case UTF8PROC_CATEGORY_CN:
    case UTF8PROC_CATEGORY_CC:
    case UTF8PROC_CATEGORY_CF:
        puts_(s, " "); /* ☐ ✓ ★: a reader's eye skips them */
        return;
    default:
        put(s, p, n);
    }
}

/* An ASCII character that is not part of a number. */
static void ascii_char(char c, struct sink *s)
{
    if (strchr("*#_|~^<>=[]{}\\/\t\r\n\"", c))
        puts_(s, " ");
    else
        put(s, &c, 1);
}

/* Collapses runs of spaces, drops spaces before a pause mark, trims both ends. */
static void tidy(char *t)
{
    char *w = t;
    for (const char *r = t; *r; r++) {
        if (*r == ' ' && (w == t || w[-1] == ' '))
            continue;
        if (strchr(",.:;!?", *r) && w > t && w[-1] == ' ')
            w--;
        *w++ = *r;
    }
    while (w > t && (w[-1] == ' ' || w[-1] == ','))
        w--;
    *w = '\0';
}

void voice_spoken(const char *lang, const char *written, char *out, size_t cap)
{
    if (!out || cap == 0)
        return;
    struct sink s = {out, cap, 0};
    out[0] = '\0';
    const char *p = written ? written : "";
    while (*p) {
        int number_starts = *p >= '0' && *p <= '9' && (p == written || p[-1] < '0' || p[-1] > '9');
        size_t used = number_starts ? time_at(lang, p, &s) : 0;
        if (number_starts && !used)
            used = date_at(lang, p, &s);
        if (used) {
            p += used;
            p += range_dash(lang, p, &s);
            continue;
        }
        unsigned char c = (unsigned char)*p;
        if (c < 0x80) {
            ascii_char(*p++, &s);
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)p, -1, &cp);
        if (k <= 0) {
            p++; /* not UTF-8: skipped */
            continue;
        }
        wide_char(p, (size_t)k, cp, &s);
        p += k;
    }
    tidy(out);
}
