/* A worksheet's cells through expat (xlsx_internal.h): <row r="N"><c r="B3" t="s" s="2">
 * <v>..</v> or <is><t>..</t></is></c></row>, into rows of text. Empty rows are left out. */
#include "sheet/xlsx_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_COLUMNS = 16384, MAX_ROWS = 1048576 };

/* "AB12" -> column 27 (0-based), -1 when it is not a reference. */
static long ref_column(const char *ref)
{
    long col = 0;
    const char *c = ref;
    for (; *c >= 'A' && *c <= 'Z'; c++)
        col = col * 26 + (*c - 'A' + 1);
    if (c == ref || col > MAX_COLUMNS)
        return -1;
    return col - 1;
}

static void row_start(struct xlsx_parse *p, const char **atts)
{
    const char *r = xlsx_attr(atts, "r");
    long line = r ? atol(r) : p->last_row + 1;
    if (line <= p->last_row || line > MAX_ROWS) {
        xlsx_fail(p, SHEET_E_DAMAGED); /* rows come in order, once each */
        return;
    }
    p->row_line = p->last_row = line;
    p->last_col = -1;
    p->cur.count = 0;
}

static void cell_start(struct xlsx_parse *p, const char **atts)
{
    const char *r = xlsx_attr(atts, "r"), *t = xlsx_attr(atts, "t"), *s = xlsx_attr(atts, "s");
    p->col = r ? ref_column(r) : p->last_col + 1;
    if (p->col < 0 || p->col <= p->last_col) {
        xlsx_fail(p, SHEET_E_DAMAGED);
        return;
    }
    p->last_col = p->col;
    kiosk_strlcpy(p->cell_type, t ? t : "n", sizeof p->cell_type);
    p->cell_style = s ? atoi(s) : 0;
    p->text.len = 0;
}

static void XMLCALL on_start(void *ud, const char *name, const char **atts)
{
    struct xlsx_parse *p = ud;
    const char *n = xlsx_local(name);
    if (strcmp(n, "row") == 0)
        row_start(p, atts);
    else if (strcmp(n, "c") == 0)
        cell_start(p, atts);
    else if (strcmp(n, "v") == 0)
        p->in_value = 1;
    else if (strcmp(n, "is") == 0)
        p->in_is = 1;
    else if (strcmp(n, "rPh") == 0)
        p->in_phonetic = 1;
    else if (strcmp(n, "t") == 0 && p->in_is && !p->in_phonetic)
        p->in_value = 1;
}

/* "2024-03-05T08:00:00" (t="d") as the reader writes dates. */
static void iso_text(const char *v, char *out, size_t cap)
{
    int y, mo, d, h = 0, mi = 0;
    int n = sscanf(v, "%d-%d-%dT%d:%d", &y, &mo, &d, &h, &mi);
    if (n >= 3 && n < 5)
        snprintf(out, cap, "%02d/%02d/%04d", d, mo, y);
    else if (n == 5)
        snprintf(out, cap, "%02d/%02d/%04d %02d:%02d", d, mo, y, h, mi);
    else
        kiosk_strlcpy(out, v, cap);
}

static void number_text(struct xlsx_parse *p, const char *v, char *out, size_t cap)
{
    char *end;
    double x = strtod(v, &end);
    if (end == v || *end || !isfinite(x)) {
        kiosk_strlcpy(out, v, cap);
        return;
    }
    const struct xlsx_state *st = p->st;
    unsigned char kind =
        p->cell_style >= 0 && (size_t)p->cell_style < st->nxf ? st->xf_date[p->cell_style] : 0;
    if (kind && x >= 0 && x < 2958466) /* up to 31/12/9999 */
        sheet_serial_text(x, st->date1904, kind & 1, (kind & 2) || (x != floor(x) && x >= 1), out,
                          cap);
    else if (x == floor(x) && fabs(x) < 1e15)
        snprintf(out, cap, "%.0f", x);
    else
        snprintf(out, cap, "%.15g", x);
}

/* The cell's text as a person reads it (malloc'd). */
static char *cell_value(struct xlsx_parse *p)
{
    const char *raw = p->text.p && p->text.len ? p->text.p : "";
    const char *t = p->cell_type;
    if (strcmp(t, "s") == 0) {
        char *end;
        unsigned long i = strtoul(raw, &end, 10);
        if (end == raw || *end || i >= p->st->nstrings) {
            xlsx_fail(p, SHEET_E_DAMAGED);
            return NULL;
        }
        return strdup(p->st->strings[i]);
    }
    char buf[64];
    if (strcmp(t, "n") == 0 && raw[0]) {
        number_text(p, raw, buf, sizeof buf);
        return strdup(buf);
    }
    if (strcmp(t, "d") == 0 && raw[0]) {
        iso_text(raw, buf, sizeof buf);
        return strdup(buf);
    }
    return strdup(raw); /* inlineStr, str (a formula's text), b (1/0), e (#N/A) */
}

static void cell_end(struct xlsx_parse *p)
{
    char *v = cell_value(p);
    if (!v) {
        xlsx_fail(p, SHEET_E_NOMEM);
        return;
    }
    if (!v[0]) {
        free(v);
        return;
    }
    size_t need = (size_t)p->col + 1;
    if (need > p->cur_cap) {
        size_t ncap = p->cur_cap ? p->cur_cap : 8;
        while (ncap < need)
            ncap *= 2;
        char **g = realloc(p->cur.cells, ncap * sizeof *g);
        if (!g) {
            free(v);
            xlsx_fail(p, SHEET_E_NOMEM);
            return;
        }
        p->cur.cells = g;
        p->cur_cap = ncap;
    }
    while (p->cur.count < need)
        p->cur.cells[p->cur.count++] = NULL;
    p->cur.cells[p->col] = v;
}

/* The row read into the sheet, its gaps as "" (nothing when every cell is empty). */
static void row_end(struct xlsx_parse *p)
{
    if (p->cur.count == 0)
        return;
    struct sheet *sh = p->sheet;
    if (sh->count == p->rows_cap) {
        size_t ncap = p->rows_cap ? p->rows_cap * 2 : 64;
        struct sheet_row *g = realloc(sh->rows, ncap * sizeof *g);
        if (!g) {
            xlsx_fail(p, SHEET_E_NOMEM);
            return;
        }
        sh->rows = g;
        p->rows_cap = ncap;
    }
    struct sheet_row *row = &sh->rows[sh->count];
    row->line = p->row_line;
    row->count = p->cur.count;
    row->cells = malloc(p->cur.count * sizeof *row->cells);
    if (!row->cells) {
        xlsx_fail(p, SHEET_E_NOMEM);
        return;
    }
    sh->count++;
    for (size_t c = 0; c < p->cur.count; c++) {
        row->cells[c] = p->cur.cells[c] ? p->cur.cells[c] : strdup("");
        if (!row->cells[c]) {
            row->count = c; /* the rest are NULL: released by the caller as they are */
            xlsx_fail(p, SHEET_E_NOMEM);
            break;
        }
    }
    p->cur.count = 0;
}

static void XMLCALL on_end(void *ud, const char *name)
{
    struct xlsx_parse *p = ud;
    const char *n = xlsx_local(name);
    if (strcmp(n, "v") == 0 || strcmp(n, "t") == 0)
        p->in_value = 0;
    else if (strcmp(n, "is") == 0)
        p->in_is = 0;
    else if (strcmp(n, "rPh") == 0)
        p->in_phonetic = 0;
    else if (strcmp(n, "c") == 0)
        cell_end(p);
    else if (strcmp(n, "row") == 0)
        row_end(p);
}

static void XMLCALL cell_text(void *ud, const char *s, int len)
{
    struct xlsx_parse *p = ud;
    if (!p->in_value || len <= 0)
        return;
    if (p->text.len + (size_t)len > 32767 * 4) {
        xlsx_fail(p, SHEET_E_TOO_BIG);
        return;
    }
    xbuf_add(&p->text, s, (size_t)len);
    if (p->text.nomem)
        xlsx_fail(p, SHEET_E_NOMEM);
}

void xlsx_on_sheet(struct xlsx_parse *p)
{
    p->last_row = 0;
    XML_SetElementHandler(p->parser, on_start, on_end);
    XML_SetCharacterDataHandler(p->parser, cell_text);
}

void xlsx_sheet_finish(struct xlsx_parse *p)
{
    for (size_t c = 0; c < p->cur.count; c++)
        free(p->cur.cells[c]); /* a row cut off by an error */
    free(p->cur.cells);
    memset(&p->cur, 0, sizeof p->cur);
    p->cur_cap = 0;
}
