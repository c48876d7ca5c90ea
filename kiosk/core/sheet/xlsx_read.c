/* XLSX in (sheet.h): libzip opens the package from memory, expat reads each part as it is
 * unpacked. A zip bomb is refused before it costs memory: the count of entries, each part's
 * declared size and packing ratio are checked first, and the bytes actually unpacked are
 * counted against the same limits (a header may lie). */
#include "sheet/xlsx_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct xlsx_zip {
    zip_t *z;
    size_t total; /* bytes unpacked so far */
    char *detail;
    size_t cap;
};

static void XMLCALL no_doctype(void *ud, const char *name, const char *sys, const char *pub,
                               int internal)
{
    struct xlsx_parse *p = ud;
    p->error = SHEET_E_DAMAGED; /* no part of an XLSX has one; entities could multiply */
    XML_StopParser(p->parser, 0);
}

static int check_sizes(struct xlsx_zip *x, zip_int64_t idx, const char *name)
{
    zip_stat_t zs;
    if (zip_stat_index(x->z, (zip_uint64_t)idx, 0, &zs) != 0) {
        kiosk_strlcpy(x->detail, name, x->cap);
        return SHEET_E_DAMAGED;
    }
    if ((zs.valid & ZIP_STAT_SIZE) && zs.size > SHEET_XLSX_MAX_PART) {
        kiosk_fmt(x->detail, x->cap, "%s: %llu MB", name, (unsigned long long)(zs.size >> 20));
        return SHEET_E_TOO_BIG;
    }
    if ((zs.valid & ZIP_STAT_SIZE) && (zs.valid & ZIP_STAT_COMP_SIZE) && zs.size > (1u << 20) &&
        zs.size / (zs.comp_size ? zs.comp_size : 1) > SHEET_XLSX_MAX_RATIO) {
        kiosk_fmt(x->detail, x->cap, "%s: %llu:1", name,
                  (unsigned long long)(zs.size / (zs.comp_size ? zs.comp_size : 1)));
        return SHEET_E_RATIO;
    }
    return SHEET_OK;
}

static int feed(struct xlsx_zip *x, zip_file_t *f, struct xlsx_parse *p, const char *name)
{
    char buf[1 << 16];
    size_t part = 0;
    for (;;) {
        zip_int64_t got = zip_fread(f, buf, sizeof buf);
        if (got < 0) {
            kiosk_strlcpy(x->detail, name, x->cap);
            return SHEET_E_DAMAGED;
        }
        part += (size_t)got;
        x->total += (size_t)got;
        if (part > SHEET_XLSX_MAX_PART || x->total > SHEET_XLSX_MAX_TOTAL) {
            kiosk_fmt(x->detail, x->cap, "%s: > %d MB", name,
                      (part > SHEET_XLSX_MAX_PART ? SHEET_XLSX_MAX_PART : SHEET_XLSX_MAX_TOTAL) >>
                          20);
            return SHEET_E_TOO_BIG;
        }
        if (XML_Parse(p->parser, buf, (int)got, got == 0) == XML_STATUS_ERROR || p->error) {
            if (!p->error) {
                kiosk_fmt(x->detail, x->cap, "%s:%lu: %s", name,
                          (unsigned long)XML_GetCurrentLineNumber(p->parser),
                          XML_ErrorString(XML_GetErrorCode(p->parser)));
                return SHEET_E_DAMAGED;
            }
            if (!x->detail[0])
                kiosk_strlcpy(x->detail, name, x->cap);
            return p->error;
        }
        if (got == 0)
            return SHEET_OK;
    }
}

/* Streams the part called name through the handlers setup installs. A missing part is
 * SHEET_OK unless required. */
static int parse_part(struct xlsx_zip *x, const char *name, int required,
                      void (*setup)(struct xlsx_parse *), struct xlsx_parse *p)
{
    zip_int64_t idx = zip_name_locate(x->z, name, 0);
    if (idx < 0)
        idx = zip_name_locate(x->z, name, ZIP_FL_NOCASE);
    if (idx < 0) {
        if (required)
            kiosk_strlcpy(x->detail, name, x->cap);
        return required ? SHEET_E_NOT_XLSX : SHEET_OK;
    }
    int err = check_sizes(x, idx, name);
    if (err)
        return err;
    zip_file_t *f = zip_fopen_index(x->z, (zip_uint64_t)idx, 0);
    if (!f) {
        kiosk_strlcpy(x->detail, name, x->cap);
        return SHEET_E_DAMAGED;
    }
    p->parser = XML_ParserCreate("UTF-8");
    if (!p->parser) {
        zip_fclose(f);
        return SHEET_E_NOMEM;
    }
    XML_SetUserData(p->parser, p);
    XML_SetStartDoctypeDeclHandler(p->parser, no_doctype);
    setup(p);
    err = feed(x, f, p, name);
    XML_ParserFree(p->parser);
    p->parser = NULL;
    zip_fclose(f);
    free(p->text.p);
    memset(&p->text, 0, sizeof p->text);
    return err;
}

static const char *rel_target(const struct xlsx_state *st, const char *id, const char *type)
{
    for (size_t i = 0; i < st->nrels; i++)
        if ((id && strcmp(st->rels[i].id, id) == 0) ||
            (type && strcmp(st->rels[i].type, type) == 0))
            return st->rels[i].target;
    return NULL;
}

static int read_sheets(struct xlsx_zip *x, struct xlsx_state *st, struct sheet_book *out)
{
    out->sheets = calloc(st->nsheets ? st->nsheets : 1, sizeof *out->sheets);
    if (!out->sheets)
        return SHEET_E_NOMEM;
    for (size_t i = 0; i < st->nsheets; i++) {
        const char *target = rel_target(st, st->sheets[i].rid, NULL);
        if (!target) {
            kiosk_strlcpy(x->detail, st->sheets[i].name, x->cap);
            return SHEET_E_DAMAGED;
        }
        struct sheet *sh = &out->sheets[out->count++];
        kiosk_strlcpy(sh->name, st->sheets[i].name, sizeof sh->name);
        struct xlsx_parse p = {.st = st, .sheet = sh};
        int err = parse_part(x, target, 1, xlsx_on_sheet, &p);
        xlsx_sheet_finish(&p);
        if (err)
            return err == SHEET_E_NOT_XLSX ? SHEET_E_DAMAGED : err;
    }
    return SHEET_OK;
}

static int read_book(struct xlsx_zip *x, struct sheet_book *out)
{
    zip_int64_t n = zip_get_num_entries(x->z, 0);
    if (n > SHEET_XLSX_MAX_ENTRIES) {
        kiosk_fmt(x->detail, x->cap, "%lld", (long long)n);
        return SHEET_E_TOO_BIG;
    }
    struct xlsx_state st = {0};
    struct xlsx_parse p = {.st = &st};
    int err = parse_part(x, "xl/workbook.xml", 1, xlsx_on_workbook, &p);
    if (!err)
        err = parse_part(x, "xl/_rels/workbook.xml.rels", 1, xlsx_on_rels, &p);
    if (!err && st.nsheets == 0) {
        kiosk_strlcpy(x->detail, "xl/workbook.xml", x->cap);
        err = SHEET_E_NOT_XLSX;
    }
    if (!err) {
        const char *ss = rel_target(&st, NULL, "sharedStrings");
        err = parse_part(x, ss ? ss : "xl/sharedStrings.xml", 0, xlsx_on_strings, &p);
    }
    if (!err) {
        const char *sty = rel_target(&st, NULL, "styles");
        err = parse_part(x, sty ? sty : "xl/styles.xml", 0, xlsx_on_styles, &p);
    }
    if (!err)
        err = read_sheets(x, &st, out);
    xlsx_state_release(&st);
    return err;
}

int sheet_read_xlsx(const void *data, size_t len, struct sheet_book *out, char *detail, size_t cap)
{
    memset(out, 0, sizeof *out);
    detail[0] = '\0';
    if (!sheet_looks_zip(data, len))
        return SHEET_E_NOT_XLSX;
    if (zip_lazy_load(detail, cap) != KIOSK_OK)
        return SHEET_E_UNAVAILABLE;
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    zip_t *z = src ? zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze) : NULL;
    if (!z) {
        kiosk_strlcpy(detail, zip_error_strerror(&ze), cap);
        zip_error_fini(&ze);
        zip_source_free(src);
        return SHEET_E_NOT_XLSX;
    }
    zip_error_fini(&ze);
    struct xlsx_zip x = {.z = z, .detail = detail, .cap = cap};
    int err = read_book(&x, out);
    zip_discard(z); /* read-only: nothing to write back; frees the source too */
    if (err)
        sheet_book_release(out);
    return err;
}
