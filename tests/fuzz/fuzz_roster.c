/* Fuzz target: the roster reader (kioskctl roster import) on any file. It never crashes or
 * reads outside the data; a file it accepts (no problems) gives rows a person can use:
 * a name in NFC, a birth year in range or none, a phone in E.164 or none. Every problem
 * says something. */
#include "export/roster.h"
#include "text/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define THIS_YEAR 2026

static void fail(const char *what, long line)
{
    fprintf(stderr, "roster: %s (line %ld)\n", what, line);
    abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *copy = malloc(size ? size : 1);
    if (!copy)
        return 0;
    memcpy(copy, data, size);
    struct roster r;
    if (roster_parse(copy, size, THIS_YEAR, &r) != KIOSK_OK) {
        free(copy);
        return 0;
    }
    for (size_t i = 0; i < r.problem_count; i++)
        if (!r.problems[i].reason[0] || r.problems[i].line < 0)
            fail("a problem without a reason", r.problems[i].line);
    if (r.problem_count == 0) {
        if (r.count == 0)
            fail("a file without rows or problems", 0);
        for (size_t i = 0; i < r.count; i++) {
            const struct kiosk_person *p = &r.rows[i].person;
            char nfc[sizeof p->full_name];
            if (!p->full_name[0])
                fail("a row without a name", r.rows[i].line);
            if (strspn(p->full_name, "0123456789 .,-'") == strlen(p->full_name))
                fail("a name without a letter", r.rows[i].line);
            if (vn_nfc(p->full_name, nfc, sizeof nfc) != KIOSK_OK || strcmp(nfc, p->full_name))
                fail("a name not in NFC", r.rows[i].line);
            if (p->birth_year != 0 && (p->birth_year < 1900 || p->birth_year > THIS_YEAR))
                fail("a birth year out of range", r.rows[i].line);
            if (p->phone[0] && strncmp(p->phone, "+84", 3) != 0)
                fail("a phone number not in E.164", r.rows[i].line);
            if (r.rows[i].line < 2)
                fail("a row on the heading's line", r.rows[i].line);
        }
    }
    roster_release(&r);
    free(copy);
    return 0;
}
