/* Reading a coordinator's spreadsheet file (CSV or XLSX) for the importers, with the file's
 * problems printed as "FILE:LINE: reason" in the export's language. */
#include "ctl.h"

#include "export/export_strings.h"
#include "sheet/sheet.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A program or a roster is a few MB at most; anything bigger is the wrong file. */
#define SHEET_FILE_MAX_BYTES (32u << 20)

static char *read_all(const char *path, size_t *len, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        kiosk_fmt(err, errlen, "%s", strerror(errno));
        return NULL;
    }
    size_t cap = 1 << 16, n = 0;
    char *data = malloc(cap);
    while (data) {
        n += fread(data + n, 1, cap - n, f);
        if (n < cap)
            break;
        char *more = cap < SHEET_FILE_MAX_BYTES ? realloc(data, cap * 2) : NULL;
        if (!more) {
            kiosk_fmt(err, errlen, cap < SHEET_FILE_MAX_BYTES ? "out of memory" : "> %u MiB",
                      SHEET_FILE_MAX_BYTES >> 20);
            free(data);
            data = NULL;
            break;
        }
        data = more;
        cap *= 2;
    }
    if (data && ferror(f)) {
        kiosk_fmt(err, errlen, "%s", strerror(errno));
        free(data);
        data = NULL;
    }
    fclose(f);
    *len = n;
    return data;
}

static int named_xlsx(const char *path)
{
    size_t n = strlen(path);
    return n >= 5 &&
           (strcasecmp(path + n - 5, ".xlsx") == 0 || strcasecmp(path + n - 5, ".xlsm") == 0);
}

int ctl_read_sheet(const char *path, struct sheet_book *book)
{
    char err[512] = "", msg[768];
    size_t len = 0;
    char *data = read_all(path, &len, err, sizeof err);
    if (!data) {
        ctl_error("%s: %s", path, export_trf(msg, sizeof msg, "roster.err.read", err, NULL, NULL));
        return 0;
    }
    long line = 0;
    int rc;
    if (named_xlsx(path) && !sheet_looks_zip(data, len))
        rc = SHEET_E_NOT_XLSX;
    else
        rc = sheet_read_any(data, len, book, &line, err, sizeof err);
    free(data);
    if (rc == SHEET_OK)
        return 1;
    sheet_error_text(rc, err, msg, sizeof msg);
    if (line > 0)
        fprintf(stderr, "%s:%ld: %s\n", path, line, msg);
    else
        fprintf(stderr, "%s: %s\n", path, msg);
    return 0;
}
