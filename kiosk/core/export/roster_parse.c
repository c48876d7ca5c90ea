/* Roster import, the reading half: headings, row checks, problems with their lines. */
#include "export/roster.h"

#include "export/csv.h"
#include "export/export_strings.h"
#include "sheet/sheet.h"
#include "text/text.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

enum roster_field {
    F_IGNORE, /* a row number column: STT */
    F_NAME,
    F_YEAR, /* a year, or a whole date of birth */
    F_PHONE,
    F_COMMUNE,
    F_DISTRICT,
    F_PROVINCE,
    F_ORG,
    F_NONE, /* a column without a heading (must stay empty) */
};

/* Headings coordinators use, as vn_fold leaves them ("Xã/Phường" -> "xa phuong"). */
static const struct sheet_heading heading_aliases[] = {
    {F_NAME, "ho va ten|ho ten|ho va ten hoc vien|ten hoc vien|full name|name"},
    {F_YEAR, "nam sinh|ngay sinh|ngay thang nam sinh|year of birth|birth year|date of birth"},
    {F_PHONE, "so dien thoai|dien thoai|sdt|so dt|dt|phone|phone number|mobile"},
    {F_ORG, "co so|don vi|to chuc|ho kinh doanh hop tac xa|co so doanh nghiep"
            "|organisation|organization|business"},
};

/* What an organisation's name says about its kind, folded prefixes. */
static const struct {
    const char *prefix;
    int kind;
} org_kinds[] = {
    {"hop tac xa", KIOSK_ORG_COOPERATIVE},  {"htx", KIOSK_ORG_COOPERATIVE},
    {"ho kinh doanh", KIOSK_ORG_HOUSEHOLD}, {"hkd", KIOSK_ORG_HOUSEHOLD},
    {"cong ty", KIOSK_ORG_ENTERPRISE},      {"doanh nghiep", KIOSK_ORG_ENTERPRISE},
    {"dntn", KIOSK_ORG_ENTERPRISE},         {"cty", KIOSK_ORG_ENTERPRISE},
};

static int field_of_heading(const char *heading)
{
    static const struct sheet_fields shared = {F_NONE, F_IGNORE, F_COMMUNE, F_DISTRICT, F_PROVINCE};
    return sheet_heading_field(heading, heading_aliases, KIOSK_ARRAY_LEN(heading_aliases), &shared);
}

static int add_problem(struct roster *r, long line, const char *reason)
{
    struct roster_problem *p = realloc(r->problems, (r->problem_count + 1) * sizeof *r->problems);
    if (!p)
        return 0;
    r->problems = p;
    p[r->problem_count].line = line;
    kiosk_strlcpy(p[r->problem_count].reason, reason, sizeof p->reason);
    r->problem_count++;
    return 1;
}

static void trim(char *s)
{
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n'))
        s[--n] = '\0';
    size_t lead = strspn(s, " \t\n");
    if (lead)
        memmove(s, s + lead, n - lead + 1);
}

/* "1985", "12/03/1985", "1985-03-12", "12.3.1985": the one four-digit group. 0: none. */
static int parse_year(const char *s)
{
    int year = 0, groups4 = 0;
    const char *p = s;
    if (!*p)
        return 0;
    while (*p) {
        if (isdigit((unsigned char)*p)) {
            const char *start = p;
            int v = 0;
            while (isdigit((unsigned char)*p) && p - start < 6)
                v = v * 10 + (*p++ - '0');
            if (p - start == 4) {
                year = v;
                groups4++;
            } else if (p - start > 2) {
                return -1;
            }
        } else if (*p == '/' || *p == '-' || *p == '.') {
            p++;
        } else {
            return -1;
        }
    }
    return groups4 == 1 ? year : -1;
}

static int guess_org_kind(const char *org)
{
    char folded[KIOSK_TEXT_LEN];
    vn_fold(org, folded, sizeof folded);
    if (!folded[0])
        return KIOSK_ORG_NONE;
    for (size_t i = 0; i < KIOSK_ARRAY_LEN(org_kinds); i++) {
        size_t n = strlen(org_kinds[i].prefix);
        if (strncmp(folded, org_kinds[i].prefix, n) == 0 && (folded[n] == ' ' || !folded[n]))
            return org_kinds[i].kind;
    }
    return KIOSK_ORG_OTHER;
}

/* NFC of a field into out; 0 when it does not fit (the caller reports "too long"). */
static int nfc_into(const char *in, char *out, size_t cap)
{
    char buf[2048];
    if (strlen(in) >= sizeof buf / 2 || vn_nfc(in, buf, sizeof buf) != KIOSK_OK)
        return 0;
    return !kiosk_strlcpy(out, buf, cap);
}

struct columns {
    int pad_short; /* an XLSX row leaves out its empty trailing cells */
    int *field;    /* enum roster_field per column */
    char **heading;
    size_t count;
};

/* Checks one record against the headings; fills row or adds problems. 1: the row is good. */
/* A name needs a letter of some script (Unicode category L), not only digits or marks. */
static int has_letter(const char *s)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    while (*p) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p, -1, &cp);
        if (k <= 0)
            return 0;
        utf8proc_category_t c = utf8proc_category(cp);
        if (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO)
            return 1;
        p += k;
    }
    return 0;
}

/* The name cell, tidied as the store keeps it; 0 (problem noted) when there is none. */
static int check_name(struct roster *r, long line, const char *v, struct kiosk_person *p)
{
    if (!v[0]) {
        add_problem(r, line, export_tr("roster.err.no_name"));
        return 0;
    }
    if (!nfc_into(v, p->full_name, sizeof p->full_name)) {
        add_problem(r, line, export_tr("roster.err.name_long"));
        return 0;
    }
    /* as the store keeps it: "  phạm thị ánh " -> "Phạm Thị Ánh" */
    char tidy[KIOSK_NAME_LEN];
    vn_name_tidy(p->full_name, tidy, sizeof tidy);
    kiosk_strlcpy(p->full_name, tidy, sizeof p->full_name);
    /* "...", "123", a stray control character: no name to register (the kiosk's own forms
     * ask for letters too) */
    if (!has_letter(p->full_name)) {
        add_problem(r, line,
                    export_tr(p->full_name[0] ? "roster.err.name_letters" : "roster.err.no_name"));
        return 0;
    }
    if (vn_name_has_digit(p->full_name)) {
        add_problem(r, line, export_tr("roster.err.name_digits"));
        return 0;
    }
    return 1;
}

static int check_year(struct roster *r, long line, const char *v, int this_year,
                      struct kiosk_person *p)
{
    int y = parse_year(v);
    if (v[0] && (y < 1900 || y > this_year)) {
        char msg[384], a[32], shown[64];
        snprintf(a, sizeof a, "%d", this_year);
        kiosk_strlcpy(shown, v, sizeof shown);
        add_problem(r, line, export_trf(msg, sizeof msg, "roster.err.year", shown, a, NULL));
        return 0;
    }
    p->birth_year = y;
    return 1;
}

/* Where a plain text column goes in the person (NULL: not a text column). */
static char *text_field(enum roster_field f, struct kiosk_person *p, size_t *cap)
{
    switch (f) {
    case F_COMMUNE:
        *cap = sizeof p->commune;
        return p->commune;
    case F_DISTRICT:
        *cap = sizeof p->district;
        return p->district;
    case F_PROVINCE:
        *cap = sizeof p->province;
        return p->province;
    case F_ORG:
        *cap = sizeof p->organisation;
        return p->organisation;
    default:
        return NULL;
    }
}

/* One cell of column c into the person; 0 (problem noted) when it is refused. */
static int check_cell(struct roster *r, const struct columns *cols, long line, size_t c,
                      const char *v, int this_year, struct kiosk_person *p)
{
    char msg[384], a[32];
    const char *why = NULL;
    size_t cap = 0;
    char *dst = text_field(cols->field[c], p, &cap);
    switch (cols->field[c]) {
    case F_NAME:
        return check_name(r, line, v, p);
    case F_YEAR:
        return check_year(r, line, v, this_year, p);
    case F_PHONE:
        if (v[0] && vn_phone_normalise(v, p->phone, &why) != KIOSK_OK) {
            add_problem(r, line, export_tr("roster.err.phone"));
            return 0;
        }
        return 1;
    case F_NONE:
        if (v[0]) {
            snprintf(a, sizeof a, "%zu", c + 1);
            add_problem(r, line,
                        export_trf(msg, sizeof msg, "roster.err.no_heading", a, NULL, NULL));
            return 0;
        }
        return 1;
    default:
        break;
    }
    if (dst && !nfc_into(v, dst, cap)) {
        add_problem(
            r, line,
            export_trf(msg, sizeof msg, "roster.err.too_long", cols->heading[c], NULL, NULL));
        return 0;
    }
    return 1;
}

static int check_row(struct roster *r, const struct columns *cols, const struct csv_record *rec,
                     int this_year, struct roster_row *row)
{
    size_t used = rec->count;
    while (used > cols->count && rec->fields[used - 1][0] == '\0')
        used--; /* Excel's trailing empty cells */
    if (used > cols->count || (used < cols->count && !cols->pad_short)) {
        char msg[384], a[32], b[32];
        snprintf(a, sizeof a, "%zu", rec->count);
        snprintf(b, sizeof b, "%zu", cols->count);
        add_problem(r, rec->line, export_trf(msg, sizeof msg, "roster.err.fields", a, b, NULL));
        return 0;
    }
    memset(row, 0, sizeof *row);
    row->line = rec->line;
    int good = 1;
    for (size_t c = 0; c < cols->count; c++) {
        char empty[1] = "";
        char *v = c < rec->count ? rec->fields[c] : empty;
        trim(v);
        if (!check_cell(r, cols, rec->line, c, v, this_year, &row->person))
            good = 0;
    }
    row->person.org_kind = guess_org_kind(row->person.organisation);
    return good;
}

/* The heading line: every column known, none twice, a name column. 1: usable. */
static int read_headings(struct roster *r, const struct csv_record *rec, struct columns *cols)
{
    char msg[384];
    cols->count = rec->count;
    cols->field = calloc(rec->count, sizeof *cols->field);
    cols->heading = calloc(rec->count, sizeof *cols->heading);
    if (!cols->field || !cols->heading)
        return -1;
    int good = 1, seen[F_NONE + 1] = {0};
    for (size_t c = 0; c < rec->count; c++) {
        trim(rec->fields[c]);
        cols->heading[c] = strdup(rec->fields[c]);
        if (!cols->heading[c])
            return -1;
        int f = field_of_heading(rec->fields[c]);
        cols->field[c] = f;
        if (f < 0) {
            char shown[128];
            kiosk_strlcpy(shown, rec->fields[c], sizeof shown);
            add_problem(r, rec->line,
                        export_trf(msg, sizeof msg, "roster.err.column", shown, NULL, NULL));
            good = 0;
        } else if (f != F_NONE && f != F_IGNORE && seen[f]++) {
            add_problem(r, rec->line,
                        export_trf(msg, sizeof msg, "roster.err.duplicate_column", cols->heading[c],
                                   NULL, NULL));
            good = 0;
        }
    }
    if (!seen[F_NAME] && good) {
        add_problem(r, rec->line, export_tr("roster.err.no_name_column"));
        good = 0;
    }
    return good;
}

static int grow_rows(struct roster *out, size_t *cap)
{
    if (out->count < *cap)
        return 1;
    size_t ncap = *cap ? *cap * 2 : 64;
    struct roster_row *n = realloc(out->rows, ncap * sizeof *n);
    if (!n)
        return 0;
    out->rows = n;
    *cap = ncap;
    return 1;
}

/* The first sheet holding a row (an XLSX's explanations come after the list). */
static const struct sheet *first_sheet(const struct sheet_book *b)
{
    for (size_t i = 0; i < b->count; i++)
        if (b->sheets[i].count > 0)
            return &b->sheets[i];
    return NULL;
}

kiosk_status roster_parse_book(const struct sheet_book *book, int this_year, struct roster *out)
{
    memset(out, 0, sizeof *out);
    const struct sheet *sh = first_sheet(book);
    if (!sh) {
        add_problem(out, 0, export_tr("roster.err.empty"));
        return KIOSK_OK;
    }
    struct columns cols = {0};
    kiosk_status st = KIOSK_OK;
    struct csv_record rec = {sh->rows[0].cells, sh->rows[0].count, sh->rows[0].line};
    int h = read_headings(out, &rec, &cols);
    if (h < 0)
        st = KIOSK_E_NOMEM;
    cols.pad_short = sh->name[0] != '\0';
    size_t cap = 0;
    for (size_t i = 1; h > 0 && i < sh->count; i++) {
        if (!grow_rows(out, &cap)) {
            st = KIOSK_E_NOMEM;
            break;
        }
        rec = (struct csv_record){sh->rows[i].cells, sh->rows[i].count, sh->rows[i].line};
        if (check_row(out, &cols, &rec, this_year, &out->rows[out->count]))
            out->count++;
    }
    if (h > 0 && out->count == 0 && out->problem_count == 0)
        add_problem(out, 0, export_tr("roster.err.empty"));
    for (size_t c = 0; c < cols.count && cols.heading; c++)
        free(cols.heading[c]);
    free(cols.heading);
    free(cols.field);
    return st;
}

kiosk_status roster_parse(const char *data, size_t len, int this_year, struct roster *out)
{
    memset(out, 0, sizeof *out);
    struct sheet_book book;
    long line = 0;
    char detail[256], msg[384];
    int err = sheet_read_any(data, len, &book, &line, detail, sizeof detail);
    if (err == SHEET_E_NOMEM)
        return KIOSK_E_NOMEM;
    if (err != SHEET_OK) {
        add_problem(out, line, sheet_error_text(err, detail, msg, sizeof msg));
        return KIOSK_OK;
    }
    kiosk_status st = roster_parse_book(&book, this_year, out);
    sheet_book_release(&book);
    return st;
}

void roster_release(struct roster *r)
{
    free(r->rows);
    free(r->problems);
    memset(r, 0, sizeof *r);
}
