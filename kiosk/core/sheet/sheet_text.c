/* Why a sheet could not be read, for people (sheet.h), in the export's loaded language. */
#include "sheet/sheet.h"

#include "export/export_strings.h"

#include <stdio.h>

static const char *const keys[] = {
    [SHEET_OK] = "sheet.err.damaged",
    [SHEET_E_NOMEM] = "sheet.err.nomem",
    [SHEET_E_QUOTE_OPEN] = "sheet.err.quote_open",
    [SHEET_E_AFTER_QUOTE] = "sheet.err.after_quote",
    [SHEET_E_NOT_UTF8] = "sheet.err.not_utf8",
    [SHEET_E_NOT_TEXT] = "sheet.err.not_text",
    [SHEET_E_NOT_XLSX] = "sheet.err.not_xlsx",
    [SHEET_E_DAMAGED] = "sheet.err.damaged",
    [SHEET_E_TOO_BIG] = "sheet.err.too_big",
    [SHEET_E_RATIO] = "sheet.err.ratio",
    [SHEET_E_UNAVAILABLE] = "sheet.err.unavailable",
};

const char *sheet_error_text(int error, const char *detail, char *out, size_t cap)
{
    const char *key =
        error > 0 && (size_t)error < KIOSK_ARRAY_LEN(keys) ? keys[error] : "sheet.err.damaged";
    char limit[32], ratio[32];
    snprintf(limit, sizeof limit, "%d", SHEET_XLSX_MAX_PART >> 20);
    snprintf(ratio, sizeof ratio, "%d", SHEET_XLSX_MAX_RATIO);
    return export_trf(out, cap, key, detail ? detail : "", error == SHEET_E_RATIO ? ratio : limit,
                      NULL);
}

int sheet_read_any(const char *data, size_t len, struct sheet_book *out, long *line, char *detail,
                   size_t cap)
{
    *line = 0;
    detail[0] = '\0';
    if (sheet_looks_zip(data, len))
        return sheet_read_xlsx(data, len, out, detail, cap);
    return sheet_read_csv(data, len, out, line);
}
