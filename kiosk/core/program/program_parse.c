/* Reading the program sheet (program.h): headings, one event a row, every problem with its
 * line. The rules of each cell are here; what the database allows is program_import.c's. */
#include "program/program.h"

#include "export/export_strings.h"
#include "sheet/sheet.h"
#include "text/text.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum field {
    F_CODE,
    F_KIND,
    F_TITLE,
    F_COMMUNE,
    F_DISTRICT,
    F_PROVINCE,
    F_CAPACITY,
    F_SIGNATURE,
    F_LATE,
    F_SESSIONS,
    F_INTERESTS,
    F_IGNORE, /* STT */
    F_NONE,   /* a column without a heading (must stay empty) */
    F_COUNT
};

/* Headings as vn_fold leaves them ("Muộn sau (phút)" -> "muon sau phut"). */
static const struct sheet_heading headings[] = {
    {F_CODE, "ma|ma lop|ma su kien|code"},
    {F_KIND, "loai|kind"},
    {F_TITLE, "ten|ten lop|title|name"},
    {F_CAPACITY, "so cho|capacity"},
    {F_SIGNATURE, "ky ten|signature"},
    {F_LATE, "muon sau phut|muon sau|late after min|late after"},
    {F_SESSIONS, "cac buoi|buoi hoc|lich|sessions"},
    {F_INTERESTS, "noi dung quan tam|interests"},
};

static const struct {
    const char *folded;
    int value;
} kinds[] = {
    {"lop hoc", KIOSK_EVENT_CLASS}, {"lop", KIOSK_EVENT_CLASS}, {"class", KIOSK_EVENT_CLASS},
    {"hoi cho", KIOSK_EVENT_FAIR},  {"fair", KIOSK_EVENT_FAIR},
};

static const struct {
    const char *folded;
    int value;
} yes_no[] = {
    {"co", 1},    {"yes", 1}, {"1", 1}, {"x", 1},     {"true", 1},
    {"khong", 0}, {"no", 0},  {"0", 0}, {"false", 0}, {"", 0},
};

struct parse {
    struct program *out;
    int field[64];
    char heading[64][64];
    size_t ncols;
    size_t rows_cap;
};

static void problem(struct program *p, long line, const char *reason)
{
    struct program_problem *g = realloc(p->problems, (p->problem_count + 1) * sizeof *p->problems);
    if (!g)
        return; /* the problems already listed still refuse the file */
    p->problems = g;
    g[p->problem_count].line = line;
    kiosk_strlcpy(g[p->problem_count].reason, reason, sizeof g->reason);
    p->problem_count++;
}

static void problemf(struct program *p, long line, const char *key, const char *a1, const char *a2)
{
    char msg[384];
    problem(p, line, export_trf(msg, sizeof msg, key, a1, a2, NULL));
}

static int field_of(const char *heading)
{
    static const struct sheet_fields shared = {F_NONE, F_IGNORE, F_COMMUNE, F_DISTRICT, F_PROVINCE};
    return sheet_heading_field(heading, headings, KIOSK_ARRAY_LEN(headings), &shared);
}

static int is_comment(const struct sheet_row *r)
{
    for (size_t c = 0; c < r->count; c++) {
        const char *v = r->cells[c];
        while (*v == ' ')
            v++;
        if (*v)
            return *v == '#';
    }
    return 1;
}

/* 1: usable headings. */
static int read_headings(struct parse *ps, const struct sheet_row *r)
{
    int good = 1, seen[F_COUNT] = {0};
    ps->ncols = r->count < KIOSK_ARRAY_LEN(ps->field) ? r->count : KIOSK_ARRAY_LEN(ps->field);
    for (size_t c = 0; c < ps->ncols; c++) {
        kiosk_strlcpy(ps->heading[c], r->cells[c], sizeof ps->heading[c]);
        int f = field_of(r->cells[c]);
        ps->field[c] = f;
        if (f < 0) {
            problemf(ps->out, r->line, "program.err.column", ps->heading[c], NULL);
            good = 0;
        } else if (f < F_IGNORE && seen[f]++) {
            problemf(ps->out, r->line, "program.err.duplicate_column", ps->heading[c], NULL);
            good = 0;
        }
    }
    static const int required[] = {F_CODE, F_KIND, F_TITLE, F_SESSIONS};
    static const char *const names[] = {"program.col.code", "program.col.kind", "program.col.title",
                                        "program.col.sessions"};
    for (size_t i = 0; good && i < KIOSK_ARRAY_LEN(required); i++)
        if (!seen[required[i]]) {
            problemf(ps->out, r->line, "program.err.missing_column", export_tr(names[i]), NULL);
            good = 0;
        }
    return good;
}

static void trim(char *s)
{
    size_t n = strlen(s);
    while (n > 0 && strchr(" \t\r\n", s[n - 1]))
        s[--n] = '\0';
    size_t lead = strspn(s, " \t\r\n");
    if (lead)
        memmove(s, s + lead, n - lead + 1);
}

static int text_into(const char *in, char *out, size_t cap)
{
    char buf[2048];
    if (strlen(in) >= sizeof buf / 2 || vn_nfc(in, buf, sizeof buf) != KIOSK_OK)
        return 0;
    return !kiosk_strlcpy(out, buf, cap);
}

/* A whole number from 0 to max; -1 when the cell is something else. Empty: dflt. */
static long whole(const char *v, long max, long dflt)
{
    if (!v[0])
        return dflt;
    char *end;
    long x = strtol(v, &end, 10);
    if (end == v || *end || x < 0 || x > max || !isdigit((unsigned char)v[0]))
        return -1;
    return x;
}

static int lookup(const char *v, int is_kind)
{
    char folded[64];
    vn_fold(v, folded, sizeof folded);
    if (is_kind) {
        for (size_t i = 0; i < KIOSK_ARRAY_LEN(kinds); i++)
            if (strcmp(folded, kinds[i].folded) == 0)
                return kinds[i].value;
    } else {
        for (size_t i = 0; i < KIOSK_ARRAY_LEN(yes_no); i++)
            if (strcmp(folded, yes_no[i].folded) == 0)
                return yes_no[i].value;
    }
    return -1;
}

static int slot_cmp(const void *a, const void *b)
{
    const struct program_slot *x = a, *y = b;
    return (x->starts_at_ms > y->starts_at_ms) - (x->starts_at_ms < y->starts_at_ms);
}

/* "dd/mm/yyyy HH:MM-HH:MM" items separated by ';' or line breaks. 1: all good. */
static int read_sessions(struct program *p, long line, char *cell, struct program_row *row)
{
    size_t cap = 0;
    int good = 1;
    for (char *save = NULL, *item = strtok_r(cell, ";\n", &save); item;
         item = strtok_r(NULL, ";\n", &save)) {
        trim(item);
        if (!item[0])
            continue;
        struct program_slot sl;
        char arg[128];
        const char *why = program_slot_parse(item, &sl, arg, sizeof arg);
        if (why) {
            problemf(p, line, why, arg, NULL);
            good = 0;
            continue;
        }
        if (row->nslots == cap) {
            cap = cap ? cap * 2 : 8;
            struct program_slot *g = realloc(row->slots, cap * sizeof *g);
            if (!g)
                return 0;
            row->slots = g;
        }
        row->slots[row->nslots++] = sl;
    }
    if (row->nslots > 1)
        qsort(row->slots, row->nslots, sizeof *row->slots, slot_cmp);
    for (size_t i = 1; good && i < row->nslots; i++)
        if (row->slots[i].starts_at_ms < row->slots[i - 1].ends_at_ms) {
            char a[64], b[64];
            program_slot_text(row->slots[i - 1].starts_at_ms, row->slots[i - 1].ends_at_ms, a,
                              sizeof a);
            program_slot_text(row->slots[i].starts_at_ms, row->slots[i].ends_at_ms, b, sizeof b);
            problemf(p, line, "program.err.overlap", a, b);
            good = 0;
        }
    return good;
}

static void interests_into(const char *v, char *out, size_t cap)
{
    char buf[KIOSK_TEXT_LEN * 2];
    kiosk_strlcpy(buf, v, sizeof buf);
    out[0] = '\0';
    size_t n = 0;
    for (char *save = NULL, *it = strtok_r(buf, ";\n", &save); it;
         it = strtok_r(NULL, ";\n", &save)) {
        trim(it);
        if (it[0])
            n += (size_t)snprintf(out + n, n < cap ? cap - n : 0, "%s%s", n ? "\n" : "", it);
    }
}

/* One cell into the row's event; 0 with a problem when it is not acceptable. */
/* The commune, district or province cell of column c. */
static int read_place(struct parse *ps, long line, size_t c, const char *v,
                      struct program_event *ev)
{
    int f = ps->field[c];
    char *dst = f == F_COMMUNE ? ev->commune : f == F_DISTRICT ? ev->district : ev->e.province;
    if (text_into(v, dst, KIOSK_PLACE_LEN))
        return 1;
    problemf(ps->out, line, "program.err.too_long", ps->heading[c], NULL);
    return 0;
}

/* The capacity or late-after-minutes cell of column c (empty: 0 and 15). */
static int read_number(struct parse *ps, long line, size_t c, const char *v,
                       struct program_event *ev)
{
    int capacity = ps->field[c] == F_CAPACITY;
    long x = whole(v, capacity ? 100000 : 600, capacity ? 0 : 15);
    if (x < 0) {
        problemf(ps->out, line, "program.err.number", ps->heading[c], v);
        return 0;
    }
    *(capacity ? &ev->e.capacity : &ev->e.late_after_min) = (int)x;
    return 1;
}

static int read_cell(struct parse *ps, long line, size_t c, char *v, struct program_row *row)
{
    struct program *p = ps->out;
    struct program_event *ev = &row->ev;
    switch (ps->field[c]) {
    case F_CODE:
        kiosk_strlcpy(ev->e.code, v, sizeof ev->e.code);
        if (program_code_valid(v))
            return 1;
        problemf(p, line, v[0] ? "program.err.code" : "program.err.no_code", v, NULL);
        return 0;
    case F_KIND:
        ev->e.kind = lookup(v, 1);
        if (ev->e.kind > 0)
            return 1;
        problemf(p, line, "program.err.kind", v, NULL);
        return 0;
    case F_TITLE:
        if (v[0] && text_into(v, ev->e.title, sizeof ev->e.title))
            return 1;
        problemf(p, line, v[0] ? "program.err.too_long" : "program.err.no_title", ps->heading[c],
                 NULL);
        return 0;
    case F_COMMUNE:
    case F_DISTRICT:
    case F_PROVINCE:
        return read_place(ps, line, c, v, ev);
    case F_CAPACITY:
    case F_LATE:
        return read_number(ps, line, c, v, ev);
    case F_SIGNATURE:
        ev->e.signature_required = lookup(v, 0);
        if (ev->e.signature_required >= 0)
            return 1;
        problemf(p, line, "program.err.yes_no", ps->heading[c], v);
        return 0;
    case F_SESSIONS:
        return read_sessions(p, line, v, row);
    case F_INTERESTS:
        interests_into(v, ev->e.interests, sizeof ev->e.interests);
        return 1;
    case F_NONE:
        if (!v[0])
            return 1;
        char col[24];
        snprintf(col, sizeof col, "%zu", c + 1);
        problemf(p, line, "program.err.no_heading", col, NULL);
        return 0;
    default:
        return 1;
    }
}

static int read_row(struct parse *ps, const struct sheet_row *r, struct program_row *row)
{
    memset(row, 0, sizeof *row);
    row->line = r->line;
    row->ev.e.late_after_min = 15;
    row->ev.e.signup_open = 1;
    int good = 1;
    size_t used = r->count;
    while (used > ps->ncols && !r->cells[used - 1][0])
        used--;
    if (used > ps->ncols) {
        char a[24], b[24];
        snprintf(a, sizeof a, "%zu", used);
        snprintf(b, sizeof b, "%zu", ps->ncols);
        problemf(ps->out, r->line, "program.err.fields", a, b);
        return 0;
    }
    for (size_t c = 0; c < ps->ncols; c++) {
        char *v = c < r->count ? r->cells[c] : (char[1]){""};
        trim(v);
        good &= read_cell(ps, r->line, c, v, row);
    }
    if (good && row->ev.e.kind == KIOSK_EVENT_FAIR && row->nslots == 0) {
        problemf(ps->out, r->line, "program.err.fair_no_dates", row->ev.e.code, NULL);
        good = 0;
    }
    return good;
}

static void check_duplicates(struct program *p)
{
    for (size_t i = 1; i < p->count; i++)
        for (size_t j = 0; j < i; j++)
            if (strcasecmp(p->rows[i].ev.e.code, p->rows[j].ev.e.code) == 0) {
                char first[24];
                snprintf(first, sizeof first, "%ld", p->rows[j].line);
                problemf(p, p->rows[i].line, "program.err.duplicate_code", p->rows[i].ev.e.code,
                         first);
                break;
            }
}

static const struct sheet *program_sheet(const struct sheet_book *b, size_t *first)
{
    const struct sheet *any = NULL;
    for (size_t i = 0; i < b->count; i++) {
        const struct sheet *sh = &b->sheets[i];
        for (size_t r = 0; r < sh->count; r++) {
            if (is_comment(&sh->rows[r]))
                continue;
            for (size_t c = 0; c < sh->rows[r].count; c++)
                if (field_of(sh->rows[r].cells[c]) == F_CODE) {
                    *first = r;
                    return sh;
                }
            if (!any) {
                any = sh;
                *first = r;
            }
            break;
        }
    }
    return any;
}

kiosk_status program_parse_book(const struct sheet_book *b, struct program *out)
{
    memset(out, 0, sizeof *out);
    size_t first = 0;
    const struct sheet *sh = program_sheet(b, &first);
    if (!sh) {
        problem(out, 0, export_tr("program.err.empty"));
        return KIOSK_OK;
    }
    struct parse ps = {.out = out};
    if (!read_headings(&ps, &sh->rows[first]))
        return KIOSK_OK; /* rows mean nothing under unknown headings */
    for (size_t r = first + 1; r < sh->count; r++) {
        if (is_comment(&sh->rows[r]))
            continue;
        if (out->count == ps.rows_cap) {
            size_t ncap = ps.rows_cap ? ps.rows_cap * 2 : 32;
            struct program_row *g = realloc(out->rows, ncap * sizeof *g);
            if (!g)
                return KIOSK_E_NOMEM;
            out->rows = g;
            ps.rows_cap = ncap;
        }
        struct program_row *row = &out->rows[out->count];
        if (read_row(&ps, &sh->rows[r], row)) {
            out->count++;
        } else {
            free(row->slots);
            row->slots = NULL;
        }
    }
    check_duplicates(out);
    if (out->count == 0 && out->problem_count == 0)
        problem(out, 0, export_tr("program.err.empty"));
    return KIOSK_OK;
}

void program_release(struct program *p)
{
    for (size_t i = 0; i < p->count; i++)
        free(p->rows[i].slots);
    free(p->rows);
    free(p->problems);
    memset(p, 0, sizeof *p);
}
