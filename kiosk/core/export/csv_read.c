/* The CSV reader: RFC 4180 plus what real files hold (semicolons from a Vietnamese-locale
 * Excel, a BOM, LF or CRLF, CRLF inside quoted fields). */
#include "export/csv.h"

#include <stdlib.h>
#include <string.h>

/* The first offending byte's line, or 0 when data is valid UTF-8 without NUL bytes. */
static long check_utf8(const unsigned char *p, size_t len, int *error)
{
    long line = 1;
    size_t i = 0;
    while (i < len) {
        unsigned char c = p[i];
        if (c == '\n')
            line++;
        if (c == 0) {
            *error = CSV_E_NUL;
            return line;
        }
        if (c < 0x80) {
            i++;
            continue;
        }
        /* continuation bytes that follow a lead byte; 9: not a lead byte */
        size_t n = c >= 0xF0 && c <= 0xF4  ? 3
                   : c >= 0xE0 && c < 0xF0 ? 2
                   : c >= 0xC2 && c < 0xE0 ? 1
                                           : 9;
        if (n == 9 || i + n >= len) {
            *error = CSV_E_NOT_UTF8;
            return line;
        }
        unsigned cp = c & (n == 1 ? 0x1F : n == 2 ? 0x0F : 0x07);
        for (size_t k = 1; k <= n; k++) {
            if ((p[i + k] & 0xC0) != 0x80) {
                *error = CSV_E_NOT_UTF8;
                return line;
            }
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        /* overlong forms, surrogates and beyond U+10FFFF are not UTF-8 */
        if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF)) {
            *error = CSV_E_NOT_UTF8;
            return line;
        }
        i += n + 1;
    }
    return 0;
}

static char sniff_separator(const char *p, size_t len)
{
    size_t commas = 0, semicolons = 0;
    int quoted = 0;
    for (size_t i = 0; i < len; i++) {
        char c = p[i];
        if (c == '"')
            quoted = !quoted;
        else if (!quoted && (c == '\n' || c == '\r'))
            break;
        else if (!quoted && c == ',')
            commas++;
        else if (!quoted && c == ';')
            semicolons++;
    }
    return semicolons > commas ? ';' : ',';
}

void csv_reader_init(struct csv_reader *r, const char *data, size_t len)
{
    memset(r, 0, sizeof *r);
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3;
        len -= 3;
    }
    r->data = data;
    r->len = len;
    r->line = 1;
    r->sep = sniff_separator(data, len);
    int error = CSV_OK;
    long bad = check_utf8((const unsigned char *)data, len, &error);
    if (bad) {
        r->error = error;
        r->error_line = bad;
    }
}

void csv_reader_release(struct csv_reader *r)
{
    free(r->text);
    free(r->offsets);
    free(r->fields);
    memset(r, 0, sizeof *r);
}

struct parse {
    struct csv_reader *r;
    size_t text_len;
    size_t count;
};

static int add_char(struct parse *ps, char c)
{
    struct csv_reader *r = ps->r;
    if (!kiosk_grow((void **)&r->text, &r->text_cap, ps->text_len + 1, 1))
        return 0;
    r->text[ps->text_len++] = c;
    return 1;
}

static int start_field(struct parse *ps)
{
    struct csv_reader *r = ps->r;
    if (!kiosk_grow((void **)&r->offsets, &r->offsets_cap, ps->count + 1, sizeof *r->offsets))
        return 0;
    r->offsets[ps->count++] = ps->text_len;
    return 1;
}

/* A quoted field from its opening quote at r->pos: 1 done, -1 malformed, -2 no memory. */
static int quoted_field(struct csv_reader *r, struct parse *ps)
{
    const char *d = r->data;
    long opened = r->line;
    r->pos++;
    for (;;) {
        if (r->pos >= r->len) {
            r->error = CSV_E_QUOTE_OPEN;
            r->error_line = opened;
            return -1;
        }
        char c = d[r->pos];
        if (c == '"' && r->pos + 1 < r->len && d[r->pos + 1] == '"') {
            r->pos += 2;
            if (!add_char(ps, '"'))
                return -2;
            continue;
        }
        r->pos++;
        if (c == '"')
            break;
        if (c == '\r' && r->pos < r->len && d[r->pos] == '\n')
            continue; /* CRLF inside a field becomes LF */
        if (c == '\n' || c == '\r')
            r->line++, c = '\n';
        if (!add_char(ps, c))
            return -2;
    }
    /* blanks after the closing quote are harmless; anything else is not */
    while (r->pos < r->len && (d[r->pos] == ' ' || d[r->pos] == '\t'))
        r->pos++;
    if (r->pos < r->len && d[r->pos] != r->sep && d[r->pos] != '\r' && d[r->pos] != '\n') {
        r->error = CSV_E_AFTER_QUOTE;
        r->error_line = r->line;
        return -1;
    }
    return 1;
}

/* A field without quotes, up to the separator or the line's end: 1, or -2 no memory. */
static int plain_field(struct csv_reader *r, struct parse *ps)
{
    while (r->pos < r->len) {
        char c = r->data[r->pos];
        if (c == r->sep || c == '\r' || c == '\n')
            break;
        if (!add_char(ps, c))
            return -2;
        r->pos++;
    }
    return 1;
}

/* Parses one physical record at r->pos. 1 done, -1 malformed (error set), -2 no memory. */
static int parse_record(struct csv_reader *r, struct parse *ps)
{
    const char *d = r->data;
    for (;;) {
        if (!start_field(ps))
            return -2;
        int got = r->pos < r->len && d[r->pos] == '"' ? quoted_field(r, ps) : plain_field(r, ps);
        if (got != 1)
            return got;
        if (!add_char(ps, '\0'))
            return -2;
        if (r->pos >= r->len)
            return 1;
        char c = d[r->pos++];
        if (c == r->sep)
            continue;
        if (c == '\r' && r->pos < r->len && d[r->pos] == '\n')
            r->pos++;
        r->line++;
        return 1;
    }
}

static int blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t')
            return 0;
    return 1;
}

int csv_next(struct csv_reader *r, struct csv_record *rec)
{
    if (r->error)
        return -1;
    for (;;) {
        if (r->pos >= r->len)
            return 0;
        struct parse ps = {r, 0, 0};
        long start = r->line;
        int rc = parse_record(r, &ps);
        if (rc == -2) {
            r->error = CSV_E_NUL; /* out of memory: reported as unreadable */
            r->error_line = start;
            return -1;
        }
        if (rc < 0)
            return -1;
        if (!kiosk_grow((void **)&r->fields, &r->fields_cap, ps.count, sizeof *r->fields)) {
            r->error = CSV_E_NUL;
            r->error_line = start;
            return -1;
        }
        int all_blank = 1;
        for (size_t i = 0; i < ps.count; i++) {
            r->fields[i] = r->text + r->offsets[i];
            if (!blank(r->fields[i]))
                all_blank = 0;
        }
        if (all_blank)
            continue;
        rec->fields = r->fields;
        rec->count = ps.count;
        rec->line = start;
        return 1;
    }
}

const char *csv_error_name(int error)
{
    switch (error) {
    case CSV_E_QUOTE_OPEN:
        return "a quoted field is never closed";
    case CSV_E_AFTER_QUOTE:
        return "text after a closing quote";
    case CSV_E_NOT_UTF8:
        return "not UTF-8 text";
    case CSV_E_NUL:
        return "not a text file";
    default:
        return "ok";
    }
}
