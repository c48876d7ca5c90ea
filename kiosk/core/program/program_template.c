/* The program sheet to fill in (program.h): headings, an example class and an example fair
 * dated from today, and what each column means, as CSV (comment lines) or XLSX (a second
 * sheet). The texts are the export's string table's (program.col.*, program.help.*). */
#include "program/program.h"

#include "export/csv.h"
#include "export/export_strings.h"
#include "export/xlsx_lazy.h"
#include "export/xlsx_style.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum { NCOLS = 11, NEXAMPLES = 2 };

static const char *const cols[NCOLS] = {
    "code",     "kind",      "title", "commune",  "district",  "province",
    "capacity", "signature", "late",  "sessions", "interests",
};

/* The example rows' cells; sessions from today (a class next week, a fair next month). */
static void example(int which, int64_t today_ms, int xlsx, char cells[NCOLS][512])
{
    char key[64];
    for (int c = 0; c < NCOLS; c++) {
        kiosk_fmt(key, sizeof key, "program.example%d.%s", which + 1, cols[c]);
        kiosk_strlcpy(cells[c], export_tr(key), 512);
    }
    struct tm t;
    kiosk_local_tm(today_ms, &t);
    int y = t.tm_year + 1900, m = t.tm_mon + 1;
    int start = t.tm_mday + (which == 0 ? 7 : 30);
    int days = which == 0 ? 3 : 4;
    size_t n = 0;
    cells[9][0] = '\0';
    for (int k = 0; k < days; k++) {
        int64_t a = kiosk_local_make_ms(y, m, start + k, which == 0 ? 7 : 8, which == 0 ? 30 : 0);
        int64_t b = kiosk_local_make_ms(y, m, start + k, which == 0 ? 11 : 17, 0);
        char one[64];
        program_slot_text(a, b, one, sizeof one);
        n += (size_t)snprintf(cells[9] + n, n < 512 ? 512 - n : 0, "%s%s",
                              k ? (xlsx ? "\n" : "; ") : "", one);
    }
}

static kiosk_status write_csv(const char *path, int64_t today_ms, char *err, size_t errlen)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        kiosk_fmt(err, errlen, "%s", strerror(errno));
        return KIOSK_E_IO;
    }
    static struct csv_writer w;
    csv_writer_init(&w, fd);
    csv_write_bom(&w);
    char key[64], cells[NCOLS][512];
    for (int c = 0; c < NCOLS; c++) {
        kiosk_fmt(key, sizeof key, "program.col.%s", cols[c]);
        csv_field(&w, export_tr(key));
    }
    csv_row_end(&w);
    for (int e = 0; e < NEXAMPLES; e++) {
        example(e, today_ms, 0, cells);
        for (int c = 0; c < NCOLS; c++)
            csv_field(&w, cells[c]);
        csv_row_end(&w);
    }
    for (int c = 0; c < NCOLS; c++) { /* "# Mã: ..." lines the importer skips */
        char line[768], name[64];
        kiosk_fmt(key, sizeof key, "program.col.%s", cols[c]);
        kiosk_strlcpy(name, export_tr(key), sizeof name);
        kiosk_fmt(key, sizeof key, "program.help.%s", cols[c]);
        kiosk_fmt(line, sizeof line, "# %s: %s", name, export_tr(key));
        csv_field(&w, line);
        csv_row_end(&w);
    }
    kiosk_status st = csv_writer_finish(&w);
    if (close(fd) != 0 && st == KIOSK_OK)
        st = KIOSK_E_IO;
    if (st != KIOSK_OK)
        kiosk_fmt(err, errlen, "%s", kiosk_status_name(st));
    return st;
}

static void xlsx_help(lxw_workbook *wb, lxw_format *bold, lxw_format *wrap)
{
    lxw_worksheet *ws = workbook_add_worksheet(wb, export_tr("program.sheet.help"));
    worksheet_set_column(ws, 0, 0, 22, NULL);
    worksheet_set_column(ws, 1, 1, 90, NULL);
    worksheet_write_string(ws, 0, 0, export_tr("program.help.column"), bold);
    worksheet_write_string(ws, 0, 1, export_tr("program.help.meaning"), bold);
    char key[64];
    for (int c = 0; c < NCOLS; c++) {
        kiosk_fmt(key, sizeof key, "program.col.%s", cols[c]);
        worksheet_write_string(ws, (lxw_row_t)(c + 1), 0, export_tr(key), bold);
        kiosk_fmt(key, sizeof key, "program.help.%s", cols[c]);
        worksheet_write_string(ws, (lxw_row_t)(c + 1), 1, export_tr(key), wrap);
    }
}

static kiosk_status write_xlsx(const char *path, int64_t today_ms, char *err, size_t errlen)
{
    lxw_workbook *wb = xlsx_open(path, 0);
    if (!wb) {
        kiosk_fmt(err, errlen, "%s", kiosk_status_name(KIOSK_E_UNAVAILABLE));
        return KIOSK_E_IO;
    }
    lxw_format *bold = workbook_add_format(wb);
    format_set_bold(bold);
    lxw_format *wrap = workbook_add_format(wb);
    format_set_text_wrap(wrap);
    format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
    lxw_worksheet *ws = workbook_add_worksheet(wb, export_tr("program.sheet.program"));
    static const double widths[NCOLS] = {12, 10, 40, 18, 18, 16, 8, 8, 10, 34, 40};
    char key[64], cells[NCOLS][512];
    for (int c = 0; c < NCOLS; c++) {
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL);
        kiosk_fmt(key, sizeof key, "program.col.%s", cols[c]);
        worksheet_write_string(ws, 0, (lxw_col_t)c, export_tr(key), bold);
    }
    worksheet_freeze_panes(ws, 1, 0);
    for (int e = 0; e < NEXAMPLES; e++) {
        example(e, today_ms, 1, cells);
        for (int c = 0; c < NCOLS; c++)
            if (cells[c][0])
                worksheet_write_string(ws, (lxw_row_t)(e + 1), (lxw_col_t)c, cells[c], wrap);
    }
    xlsx_help(wb, bold, wrap);
    return xlsx_close(wb, err, errlen);
}

kiosk_status program_template_write(const char *path, int xlsx, int64_t today_ms, char *err,
                                    size_t errlen)
{
    err[0] = '\0';
    return xlsx ? write_xlsx(path, today_ms, err, errlen) : write_csv(path, today_ms, err, errlen);
}
