/* What every XLSX sheet of the export shares: the workbook opened in constant-memory mode,
 * the formats (Times New Roman, as Vietnamese office papers use), A4 page set-up, and the
 * heading and signature blocks. Never decides a sheet's content. */
#ifndef KIOSK_EXPORT_XLSX_STYLE_H
#define KIOSK_EXPORT_XLSX_STYLE_H

/* A plain text row's height, said explicitly on a sheet whose default row height is another
 * (the attendance sheet with signatures). Not exactly 15: libxlsxwriter leaves a height of
 * exactly 15 points unwritten, and the row would then take the sheet's default. */
#define XLSX_PLAIN_ROW_POINTS 15.05

#include "common.h"
#include "export/xlsx_lazy.h" /* libxlsxwriter, opened when the first workbook is */

struct xlsx_styles {
    lxw_format *org, *motto, *motto_sub, *title, *subtitle;
    lxw_format *head, *cell, *cell_center, *cell_number, *cell_date;
    lxw_format *mark_present, *mark_late, *mark_absent; /* top-aligned when signed */
    lxw_format *foot_label, *foot_number;
    lxw_format *note, *place_date, *sign_title, *sign_hint;
};

/* A workbook writing to path (an export_file's tmp, already made with its mode). In
 * constant-memory mode (rows top to bottom, a few MiB for any length) unless told not to.
 * NULL when libxlsxwriter cannot be loaded (the reason is logged) or cannot start. */
lxw_workbook *xlsx_open(const char *path, int constant_memory);
/* Writes and closes; KIOSK_E_IO (err says why) when libxlsxwriter could not. */
kiosk_status xlsx_close(lxw_workbook *wb, char *err, size_t errlen);
void xlsx_styles_init(lxw_workbook *wb, struct xlsx_styles *st, int signatures);
/* A4 landscape, fit to the page width, heading_row repeated on every page, page numbers. */
void xlsx_page_setup(lxw_worksheet *ws, lxw_row_t heading_row, int landscape);

/* The centre (left) and the national motto (right) over columns 0..last, then the title and
 * up to three centred lines. Returns the next free row. */
lxw_row_t xlsx_heading(lxw_worksheet *ws, const struct xlsx_styles *st, lxw_col_t last,
                       lxw_col_t split, const char *title, const char *const lines[3]);
/* "Cần Thơ, ngày ..." and the two signature blocks (prepared by / confirmed) from row.
 * Returns the next free row. */
lxw_row_t xlsx_signatures(lxw_worksheet *ws, const struct xlsx_styles *st, lxw_row_t row,
                          lxw_col_t last, lxw_col_t split);

/* Lines a wrapped text takes in a column width_chars wide (words kept whole), at the
 * sheets' 11 pt Times New Roman. Constant-memory rows are not measured by the spreadsheet
 * when it opens the file, so a wrapped cell needs its row height set from this. */
int xlsx_text_lines(const char *text, double width_chars);
/* The height in points of a row whose cells hold texts[i] in columns widths[i] wide:
 * enough lines for the longest, never below min_points. */
double xlsx_row_points(const char *const texts[], const double widths[], size_t n,
                       double min_points);

/* Column width in characters -> pixels, as Excel draws it (images are placed in pixels). */
int xlsx_col_pixels(double width_chars);

/* The local date as "ngày 12 tháng 5 năm 2026" pieces for export.foot.place_date. */
void xlsx_place_date(char *out, size_t cap);

#endif
