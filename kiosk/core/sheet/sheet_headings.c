/* Column headings: one way to read them for every sheet the kiosk takes (the roster and the
 * program), and the headings they share (places, the row number). */
#include "sheet.h"

#include "text/text.h"

#include <string.h>

enum { PLACE_COMMUNE, PLACE_DISTRICT, PLACE_PROVINCE, ROW_NUMBER };

static const struct sheet_heading shared[] = {
    {PLACE_COMMUNE, "xa phuong|xa phuong thi tran|phuong xa|xa|commune|ward|commune ward"},
    {PLACE_DISTRICT, "huyen|quan huyen|huyen thi xa|district"},
    {PLACE_PROVINCE, "tinh|tinh thanh pho|tinh thanh|tinh tp|province|province city"},
    {ROW_NUMBER, "stt|tt|so tt|so thu tu|no"},
};

/* 1 when folded is one of the '|'-separated names. */
static int names_hold(const char *names, const char *folded)
{
    size_t len = strlen(folded);
    for (const char *p = names; *p;) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        if (n == len && memcmp(p, folded, n) == 0)
            return 1;
        p += n + (bar != NULL);
    }
    return 0;
}

static int lookup(const struct sheet_heading *t, size_t n, const char *folded)
{
    for (size_t i = 0; i < n; i++)
        if (names_hold(t[i].folded, folded))
            return t[i].field;
    return -1;
}

int sheet_heading_field(const char *heading, const struct sheet_heading *table, size_t n,
                        const struct sheet_fields *f)
{
    char folded[256];
    vn_fold(heading, folded, sizeof folded);
    if (!folded[0])
        return f->empty;
    int field = lookup(table, n, folded);
    if (field >= 0)
        return field;
    switch (lookup(shared, sizeof shared / sizeof shared[0], folded)) {
    case PLACE_COMMUNE:
        return f->commune;
    case PLACE_DISTRICT:
        return f->district;
    case PLACE_PROVINCE:
        return f->province;
    case ROW_NUMBER:
        return f->ignore;
    default:
        return -1;
    }
}
