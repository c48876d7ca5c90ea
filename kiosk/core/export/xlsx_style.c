/* Formats, page set-up, heading and signature blocks for the export's XLSX sheets. */
#include "export/xlsx_style.h"

#include "export/export_strings.h"

#include <stdio.h>
#include <string.h>

#define FONT "Times New Roman"

lxw_workbook *xlsx_open(const char *path, int constant_memory)
{
    /* constant memory: each row goes to a temporary file once the next row starts, so a
     * sheet of any length needs a few MiB (rows must be written top to bottom) */
    char err[512];
    if (xlsx_lazy_load(err, sizeof err) != KIOSK_OK) {
        kiosk_log(KIOSK_LOG_ERROR, "%s", err);
        return NULL;
    }
    lxw_workbook_options opt = {.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE,
                                .tmpdir = NULL};
    return workbook_new_opt(path, &opt);
}

kiosk_status xlsx_close(lxw_workbook *wb, char *err, size_t errlen)
{
    lxw_error e = workbook_close(wb);
    if (e == LXW_NO_ERROR)
        return KIOSK_OK;
    kiosk_fmt(err, errlen, "%s", lxw_strerror(e));
    return KIOSK_E_IO;
}

static lxw_format *fmt(lxw_workbook *wb, double size, int bold, int italic, uint8_t align,
                       int border)
{
    lxw_format *f = workbook_add_format(wb);
    format_set_font_name(f, FONT);
    format_set_font_size(f, size);
    if (bold)
        format_set_bold(f);
    if (italic)
        format_set_italic(f);
    format_set_align(f, align);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    format_set_text_wrap(f);
    if (border)
        format_set_border(f, LXW_BORDER_THIN);
    return f;
}

void xlsx_styles_init(lxw_workbook *wb, struct xlsx_styles *st, int signatures)
{
    st->org = fmt(wb, 11, 1, 0, LXW_ALIGN_CENTER, 0);
    st->motto = fmt(wb, 11, 1, 0, LXW_ALIGN_CENTER, 0);
    st->motto_sub = fmt(wb, 11, 1, 0, LXW_ALIGN_CENTER, 0);
    format_set_underline(st->motto_sub, LXW_UNDERLINE_SINGLE);
    st->title = fmt(wb, 14, 1, 0, LXW_ALIGN_CENTER, 0);
    st->subtitle = fmt(wb, 12, 0, 0, LXW_ALIGN_CENTER, 0);
    st->head = fmt(wb, 11, 1, 0, LXW_ALIGN_CENTER, 1);
    format_set_bg_color(st->head, 0xE8E8E8);
    st->cell = fmt(wb, 11, 0, 0, LXW_ALIGN_LEFT, 1);
    st->cell_center = fmt(wb, 11, 0, 0, LXW_ALIGN_CENTER, 1);
    st->cell_number = fmt(wb, 11, 0, 0, LXW_ALIGN_CENTER, 1);
    st->cell_date = fmt(wb, 11, 0, 0, LXW_ALIGN_CENTER, 1);
    format_set_num_format(st->cell_date, "dd/mm/yyyy");
    st->mark_present = fmt(wb, signatures ? 9 : 11, 0, 0, LXW_ALIGN_CENTER, 1);
    st->mark_late = fmt(wb, signatures ? 9 : 11, 0, 1, LXW_ALIGN_CENTER, 1);
    format_set_font_color(st->mark_late, 0x9C5700);
    st->mark_absent = fmt(wb, signatures ? 9 : 11, 0, 0, LXW_ALIGN_CENTER, 1);
    format_set_font_color(st->mark_absent, 0xC00000);
    if (signatures) { /* the mark on top, the signature drawn below it */
        format_set_align(st->mark_present, LXW_ALIGN_VERTICAL_TOP);
        format_set_align(st->mark_late, LXW_ALIGN_VERTICAL_TOP);
        format_set_align(st->mark_absent, LXW_ALIGN_VERTICAL_TOP);
    }
    st->foot_label = fmt(wb, 11, 1, 0, LXW_ALIGN_RIGHT, 1);
    st->foot_number = fmt(wb, 11, 1, 0, LXW_ALIGN_CENTER, 1);
    st->note = fmt(wb, 10, 0, 1, LXW_ALIGN_LEFT, 0);
    st->place_date = fmt(wb, 11, 0, 1, LXW_ALIGN_CENTER, 0);
    st->sign_title = fmt(wb, 11, 1, 0, LXW_ALIGN_CENTER, 0);
    st->sign_hint = fmt(wb, 10, 0, 1, LXW_ALIGN_CENTER, 0);
}

void xlsx_page_setup(lxw_worksheet *ws, lxw_row_t heading_row, int landscape)
{
    worksheet_set_paper(ws, 9); /* A4 */
    if (landscape)
        worksheet_set_landscape(ws);
    else
        worksheet_set_portrait(ws);
    worksheet_set_margins(ws, 0.5, 0.4, 0.6, 0.6); /* inches: left, right, top, bottom */
    worksheet_fit_to_pages(ws, 1, 0);              /* all columns on the page, rows flow */
    worksheet_center_horizontally(ws);
    worksheet_repeat_rows(ws, heading_row, heading_row);
    char footer[128];
    kiosk_fmt(footer, sizeof footer, "&C&\"" FONT "\"&9%s", export_tr("export.page"));
    worksheet_set_footer(ws, footer);
}

lxw_row_t xlsx_heading(lxw_worksheet *ws, const struct xlsx_styles *st, lxw_col_t last,
                       lxw_col_t split, const char *title, const char *const lines[3])
{
    /* the letterhead: the centre in capitals on two lines, as on its papers */
    worksheet_set_row(ws, 0, 32, NULL);
    worksheet_merge_range(ws, 0, 0, 0, split - 1, export_tr("export.centre.heading"), st->org);
    worksheet_merge_range(ws, 0, split, 0, last, export_tr("export.motto"), st->motto);
    /* every row's height said (a sheet may change the default row height) */
    worksheet_set_row(ws, 1, XLSX_PLAIN_ROW_POINTS, NULL);
    worksheet_merge_range(ws, 1, split, 1, last, export_tr("export.motto.sub"), st->motto_sub);
    worksheet_set_row(ws, 2, XLSX_PLAIN_ROW_POINTS, NULL);
    lxw_row_t row = 3;
    worksheet_set_row(ws, row, 22, NULL);
    worksheet_merge_range(ws, row, 0, row, last, title, st->title);
    row++;
    for (int i = 0; i < 3; i++) {
        if (!lines[i] || !lines[i][0])
            continue;
        worksheet_set_row(ws, row, XLSX_PLAIN_ROW_POINTS, NULL);
        worksheet_merge_range(ws, row, 0, row, last, lines[i], st->subtitle);
        row++;
    }
    worksheet_set_row(ws, row, XLSX_PLAIN_ROW_POINTS, NULL);
    return row + 1;
}

void xlsx_place_date(char *out, size_t cap)
{
    struct tm tm;
    kiosk_local_tm(kiosk_clock_now_ms(), &tm);
    char d[16], m[16], y[16];
    snprintf(d, sizeof d, "%02d", tm.tm_mday);
    snprintf(m, sizeof m, "%02d", tm.tm_mon + 1);
    snprintf(y, sizeof y, "%04d", tm.tm_year + 1900);
    export_trf(out, cap, "export.foot.place_date", d, m, y);
}

lxw_row_t xlsx_signatures(lxw_worksheet *ws, const struct xlsx_styles *st, lxw_row_t row,
                          lxw_col_t last, lxw_col_t split)
{
    char place_date[128];
    xlsx_place_date(place_date, sizeof place_date);
    worksheet_set_row(ws, row, XLSX_PLAIN_ROW_POINTS, NULL);
    worksheet_merge_range(ws, row, split, row, last, place_date, st->place_date);
    row++;
    worksheet_set_row(ws, row, XLSX_PLAIN_ROW_POINTS, NULL);
    worksheet_merge_range(ws, row, 0, row, split - 1, export_tr("export.sign.preparer"),
                          st->sign_title);
    worksheet_merge_range(ws, row, split, row, last, export_tr("export.sign.confirm"),
                          st->sign_title);
    row++;
    worksheet_set_row(ws, row, XLSX_PLAIN_ROW_POINTS, NULL);
    worksheet_merge_range(ws, row, 0, row, split - 1, export_tr("export.sign.hint"), st->sign_hint);
    worksheet_merge_range(ws, row, split, row, last, export_tr("export.sign.hint"), st->sign_hint);
    return row + 5; /* room to sign */
}

int xlsx_col_pixels(double width_chars)
{
    /* Excel: max digit width 7 px at the default font, plus 5 px of padding */
    if (width_chars < 1)
        return (int)(width_chars * 12 + 0.5);
    return (int)(width_chars * 7 + 0.5) + 5;
}

/* Code points of UTF-8 text[0..n), marks included (an NFC Vietnamese letter is one). */
static size_t glyphs(const char *text, size_t n)
{
    size_t g = 0;
    for (size_t i = 0; i < n; i++)
        g += ((unsigned char)text[i] & 0xC0) != 0x80;
    return g;
}

int xlsx_text_lines(const char *text, double width_chars)
{
    /* Times New Roman is narrower than the Calibri digit that column widths count in;
     * LibreOffice fits about 1.3 of its letters in a width unit; 1.2 leaves room for capitals */
    size_t cap = width_chars > 2 ? (size_t)(width_chars * 1.2) : 1;
    int lines = 1;
    size_t used = 0;
    const char *p = text;
    while (*p) {
        if (*p == '\n') {
            lines++;
            used = 0;
            p++;
            continue;
        }
        size_t word = strcspn(p, " \n");
        size_t w = glyphs(p, word);
        size_t need = used ? used + 1 + w : w;
        if (need > cap && used > 0) {
            lines++;
            used = 0;
            need = w;
        }
        while (need > cap) { /* a word longer than the line breaks anywhere */
            lines++;
            need -= cap;
        }
        used = need;
        p += word;
        if (*p == ' ')
            p++;
    }
    return lines;
}

double xlsx_row_points(const char *const texts[], const double widths[], size_t n,
                       double min_points)
{
    int lines = 1;
    for (size_t i = 0; i < n; i++) {
        int l = texts[i] ? xlsx_text_lines(texts[i], widths[i]) : 1;
        if (l > lines)
            lines = l;
    }
    double points = 15.0 * lines; /* 11 pt text at its line height */
    return points > min_points ? points : min_points;
}
