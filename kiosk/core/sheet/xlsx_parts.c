/* The XLSX parts' content through expat (xlsx_internal.h): workbook (sheet names, date
 * system), its relations (which part holds which sheet), shared strings, cell formats (which
 * numbers are dates) and a sheet's cells. Element names are matched without their prefix. */
#include "sheet/xlsx_internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { CELL_TEXT_MAX = 32767 * 4 }; /* Excel's limit, in UTF-8 bytes at most */

void xbuf_add(struct xbuf *b, const char *s, size_t n)
{
    if (b->nomem || n == 0)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t ncap = b->cap ? b->cap : 64;
        while (ncap < b->len + n + 1)
            ncap *= 2;
        char *grown = realloc(b->p, ncap);
        if (!grown) {
            b->nomem = 1;
            return;
        }
        b->p = grown;
        b->cap = ncap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

char *xbuf_take(struct xbuf *b)
{
    char *s = b->len ? strndup(b->p, b->len) : strdup("");
    b->len = 0;
    return s;
}

const char *xlsx_local(const char *name)
{
    const char *c = strrchr(name, ':');
    return c ? c + 1 : name;
}

const char *xlsx_attr(const char **atts, const char *name)
{
    for (size_t i = 0; atts[i]; i += 2)
        if (strcmp(xlsx_local(atts[i]), name) == 0)
            return atts[i + 1];
    return NULL;
}

void xlsx_fail(struct xlsx_parse *p, int error)
{
    if (!p->error)
        p->error = error;
    XML_StopParser(p->parser, 0);
}

static void *grow(struct xlsx_parse *p, void *arr, size_t n, size_t *cap, size_t size)
{
    if (n < *cap)
        return arr;
    size_t ncap = *cap ? *cap * 2 : 16;
    void *g = realloc(arr, ncap * size);
    if (!g) {
        xlsx_fail(p, SHEET_E_NOMEM);
        return NULL;
    }
    *cap = ncap;
    return g;
}

/* ---- workbook.xml and its relations ---- */

static void XMLCALL wb_start(void *ud, const char *name, const char **atts)
{
    struct xlsx_parse *p = ud;
    struct xlsx_state *st = p->st;
    const char *n = xlsx_local(name);
    if (strcmp(n, "workbookPr") == 0) {
        const char *v = xlsx_attr(atts, "date1904");
        st->date1904 = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
    } else if (strcmp(n, "sheet") == 0) {
        const char *sn = xlsx_attr(atts, "name"), *rid = xlsx_attr(atts, "id");
        if (!rid)
            return;
        size_t cap = st->nsheets;
        struct xlsx_sheet_ref *g = grow(p, st->sheets, st->nsheets, &cap, sizeof *g);
        if (!g)
            return;
        st->sheets = g; /* grown by one each time: a workbook has a few sheets */
        kiosk_strlcpy(g[st->nsheets].name, sn ? sn : "", sizeof g->name);
        kiosk_strlcpy(g[st->nsheets].rid, rid, sizeof g->rid);
        st->nsheets++;
    }
}

void xlsx_on_workbook(struct xlsx_parse *p)
{
    XML_SetElementHandler(p->parser, wb_start, NULL);
}

static void XMLCALL rels_start(void *ud, const char *name, const char **atts)
{
    struct xlsx_parse *p = ud;
    struct xlsx_state *st = p->st;
    if (strcmp(xlsx_local(name), "Relationship") != 0)
        return;
    const char *id = xlsx_attr(atts, "Id"), *target = xlsx_attr(atts, "Target"),
               *type = xlsx_attr(atts, "Type");
    if (!id || !target)
        return;
    size_t cap = st->nrels;
    void *g = grow(p, st->rels, st->nrels, &cap, sizeof *st->rels);
    if (!g)
        return;
    st->rels = g;
    kiosk_strlcpy(st->rels[st->nrels].id, id, sizeof st->rels->id);
    /* a target is relative to xl/, or absolute from the package's root */
    if (target[0] == '/')
        kiosk_strlcpy(st->rels[st->nrels].target, target + 1, sizeof st->rels->target);
    else
        kiosk_fmt(st->rels[st->nrels].target, sizeof st->rels->target, "xl/%s", target);
    const char *slash = type ? strrchr(type, '/') : NULL;
    kiosk_strlcpy(st->rels[st->nrels].type, slash ? slash + 1 : "", sizeof st->rels->type);
    st->nrels++;
}

void xlsx_on_rels(struct xlsx_parse *p)
{
    XML_SetElementHandler(p->parser, rels_start, NULL);
}

/* ---- sharedStrings.xml: <si><t>..</t></si> or runs <si><r><t>..</t></r>..</si> ---- */

static void XMLCALL ss_start(void *ud, const char *name, const char **atts)
{
    struct xlsx_parse *p = ud;
    const char *n = xlsx_local(name);
    if (strcmp(n, "si") == 0)
        p->text.len = 0;
    else if (strcmp(n, "rPh") == 0)
        p->in_phonetic = 1; /* East Asian reading aids: not the cell's text */
    else if (strcmp(n, "t") == 0 && !p->in_phonetic)
        p->in_value = 1;
}

static void XMLCALL ss_end(void *ud, const char *name)
{
    struct xlsx_parse *p = ud;
    struct xlsx_state *st = p->st;
    const char *n = xlsx_local(name);
    if (strcmp(n, "t") == 0) {
        p->in_value = 0;
    } else if (strcmp(n, "rPh") == 0) {
        p->in_phonetic = 0;
    } else if (strcmp(n, "si") == 0) {
        char **g = grow(p, st->strings, st->nstrings, &st->strings_cap, sizeof *g);
        if (!g)
            return;
        st->strings = g;
        char *s = xbuf_take(&p->text);
        if (!s || p->text.nomem) {
            free(s);
            xlsx_fail(p, SHEET_E_NOMEM);
            return;
        }
        st->strings[st->nstrings++] = s;
    }
}

static void XMLCALL text_data(void *ud, const char *s, int len)
{
    struct xlsx_parse *p = ud;
    if (!p->in_value || len <= 0)
        return;
    if (p->text.len + (size_t)len > CELL_TEXT_MAX) {
        xlsx_fail(p, SHEET_E_TOO_BIG);
        return;
    }
    xbuf_add(&p->text, s, (size_t)len);
    if (p->text.nomem)
        xlsx_fail(p, SHEET_E_NOMEM);
}

void xlsx_on_strings(struct xlsx_parse *p)
{
    XML_SetElementHandler(p->parser, ss_start, ss_end);
    XML_SetCharacterDataHandler(p->parser, text_data);
}

/* ---- styles.xml: which cell formats show a date or a time ---- */

/* 1 date, 2 time, 3 both: what a number format's code shows (quoted text, [colours] and
 * escaped characters left out). */
static unsigned char format_kind(const char *code)
{
    int date = 0, time = 0;
    for (const char *c = code; *c; c++) {
        if (*c == '"') {
            const char *q = strchr(c + 1, '"');
            if (!q)
                break;
            c = q;
        } else if (*c == '[') {
            const char *q = strchr(c + 1, ']');
            if (!q)
                break;
            if (q - c >= 2 && strchr("hHmMsS", c[1]))
                time = 1; /* [h]:mm elapsed time */
            c = q;
        } else if (*c == '\\' || *c == '_' || *c == '*') {
            if (c[1])
                c++;
        } else {
            int l = tolower((unsigned char)*c);
            if (l == 'd' || l == 'y')
                date = 1;
            else if (l == 'h' || l == 's')
                time = 1;
        }
    }
    return (unsigned char)(date | (time << 1));
}

static unsigned char builtin_kind(int id)
{
    if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || (id >= 34 && id <= 36) ||
        (id >= 50 && id <= 58))
        return 1;
    if ((id >= 18 && id <= 21) || (id >= 45 && id <= 47) || id == 32 || id == 33)
        return 2;
    return id == 22 ? 3 : 0;
}

static void XMLCALL styles_start(void *ud, const char *name, const char **atts)
{
    struct xlsx_parse *p = ud;
    struct xlsx_state *st = p->st;
    const char *n = xlsx_local(name);
    if (strcmp(n, "cellXfs") == 0) {
        p->in_is = 1;
    } else if (strcmp(n, "numFmt") == 0) {
        const char *id = xlsx_attr(atts, "numFmtId"), *code = xlsx_attr(atts, "formatCode");
        size_t cap = st->nfmts;
        void *g = id && code ? grow(p, st->fmts, st->nfmts, &cap, sizeof *st->fmts) : NULL;
        if (!g)
            return;
        st->fmts = g;
        st->fmts[st->nfmts].id = atoi(id);
        st->fmts[st->nfmts].kind = format_kind(code);
        st->nfmts++;
    } else if (strcmp(n, "xf") == 0 && p->in_is) {
        const char *v = xlsx_attr(atts, "numFmtId");
        int id = v ? atoi(v) : 0;
        unsigned char kind = builtin_kind(id);
        for (size_t i = 0; i < st->nfmts; i++)
            if (st->fmts[i].id == id)
                kind = st->fmts[i].kind;
        size_t cap = st->nxf;
        unsigned char *g = grow(p, st->xf_date, st->nxf, &cap, 1);
        if (!g)
            return;
        st->xf_date = g;
        st->xf_date[st->nxf++] = kind;
    }
}

static void XMLCALL styles_end(void *ud, const char *name)
{
    struct xlsx_parse *p = ud;
    if (strcmp(xlsx_local(name), "cellXfs") == 0)
        p->in_is = 0;
}

void xlsx_on_styles(struct xlsx_parse *p)
{
    XML_SetElementHandler(p->parser, styles_start, styles_end);
}

void xlsx_state_release(struct xlsx_state *st)
{
    for (size_t i = 0; i < st->nstrings; i++)
        free(st->strings[i]);
    free(st->strings);
    free(st->sheets);
    free(st->rels);
    free(st->xf_date);
    free(st->fmts);
    memset(st, 0, sizeof *st);
}
