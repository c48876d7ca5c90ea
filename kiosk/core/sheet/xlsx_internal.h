/* Internal to the XLSX reader: the zip side (xlsx_read.c) streams a part through expat
 * with the handlers of one part kind (xlsx_parts.c). */
#ifndef KIOSK_SHEET_XLSX_INTERNAL_H
#define KIOSK_SHEET_XLSX_INTERNAL_H

#include "sheet/sheet.h"
#include "sheet/zip_lazy.h"

/* A growing text. */
struct xbuf {
    char *p;
    size_t len, cap;
    int nomem;
};
void xbuf_add(struct xbuf *b, const char *s, size_t n);
char *xbuf_take(struct xbuf *b); /* the text (malloc'd, never NULL unless out of memory) */

struct xlsx_sheet_ref {
    char name[128];
    char rid[64];
};

/* What the reader learns on its way to the cells. */
struct xlsx_state {
    /* workbook.xml */
    struct xlsx_sheet_ref *sheets;
    size_t nsheets;
    int date1904;
    /* workbook.xml.rels: Id -> part name */
    struct {
        char id[64], target[256], type[32];
    } * rels;
    size_t nrels;
    /* sharedStrings.xml */
    char **strings;
    size_t nstrings, strings_cap;
    /* styles.xml: per cell format (s="N"), 1 date, 2 time, 3 both, 0 neither */
    unsigned char *xf_date;
    size_t nxf;
    struct {
        int id;
        unsigned char kind;
    } * fmts;
    size_t nfmts;
};

/* One part's parse: the handlers and their user data, and a sticky error. */
struct xlsx_parse {
    struct xlsx_state *st;
    XML_Parser parser;
    int error; /* enum sheet_error */
    int depth_flags;
    struct xbuf text;
    /* the sheet being read */
    struct sheet *sheet;
    size_t rows_cap;
    long row_line, last_row;
    long col, last_col;
    char cell_type[8];
    int cell_style;
    int in_value, in_is, in_phonetic;
    struct sheet_row cur;
    size_t cur_cap;
};

/* An XML name without its namespace prefix; an attribute's value (NULL: absent); a sticky
 * error that stops the parse. Shared by the part handlers. */
const char *xlsx_local(const char *name);
const char *xlsx_attr(const char **atts, const char *name);
void xlsx_fail(struct xlsx_parse *p, int error);

void xlsx_on_workbook(struct xlsx_parse *p);
void xlsx_on_rels(struct xlsx_parse *p);
void xlsx_on_strings(struct xlsx_parse *p);
void xlsx_on_styles(struct xlsx_parse *p);
void xlsx_on_sheet(struct xlsx_parse *p);
/* Called once a sheet's parse ends (the last row). */
void xlsx_sheet_finish(struct xlsx_parse *p);
void xlsx_state_release(struct xlsx_state *st);

#endif
