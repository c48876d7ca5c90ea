/* Fuzz target: the program sheet reader (kioskctl program import) on any file, CSV or XLSX
 * (libzip + expat under it). It never crashes or reads outside the data; a file it accepts
 * gives events a kiosk can serve: a valid code, a kind, a title, sessions ending after they
 * start, sorted and never overlapping, a fair with at least one. Every problem says
 * something. */
#include "program/program.h"
#include "sheet/sheet.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what, long line)
{
    fprintf(stderr, "program: %s (line %ld)\n", what, line);
    abort();
}

static void check_rows(const struct program *p)
{
    for (size_t i = 0; i < p->count; i++) {
        const struct program_row *r = &p->rows[i];
        if (!program_code_valid(r->ev.e.code) || !r->ev.e.title[0])
            fail("an accepted row without code or title", r->line);
        if (r->ev.e.kind != KIOSK_EVENT_CLASS && r->ev.e.kind != KIOSK_EVENT_FAIR)
            fail("an accepted row without a kind", r->line);
        if (r->ev.e.kind == KIOSK_EVENT_FAIR && r->nslots == 0)
            fail("a fair without dates", r->line);
        for (size_t k = 0; k < r->nslots; k++) {
            if (r->slots[k].ends_at_ms <= r->slots[k].starts_at_ms)
                fail("a session ending before it starts", r->line);
            if (k && r->slots[k].starts_at_ms < r->slots[k - 1].ends_at_ms)
                fail("overlapping sessions", r->line);
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct sheet_book book;
    long line = 0;
    char detail[256];
    if (sheet_read_any((const char *)data, size, &book, &line, detail, sizeof detail) != SHEET_OK)
        return 0;
    struct program p;
    if (program_parse_book(&book, &p) == KIOSK_OK) {
        for (size_t i = 0; i < p.problem_count; i++)
            if (!p.problems[i].reason[0] || p.problems[i].line < 0)
                fail("a problem without a reason", p.problems[i].line);
        if (p.problem_count == 0) {
            if (p.count == 0)
                fail("a file without rows or problems", 0);
            check_rows(&p);
        }
        program_release(&p);
    }
    sheet_book_release(&book);
    return 0;
}
