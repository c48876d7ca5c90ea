/* The attendance sheet as CSV and as XLSX: heading, one row a person in the official order,
 * a column a session, totals at the foot, signature lines. */
#include "export/attendance.h"
#include "export/csv.h"
#include "export/export.h"
#include "export/export_file.h"
#include "export/export_strings.h"
#include "export/xlsx_pictures.h"
#include "export/xlsx_style.h"

#include "store/export_rows.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Column widths in characters; the session columns widen when they hold signatures. */
static const struct {
    const char *key;
    double width;
} fixed_columns[] = {
    /* heading key         width */
    {"export.col.stt", 5},      {"export.col.name", 24},  {"export.col.year", 7},
    {"export.col.address", 26}, {"export.col.phone", 13},
};
#define FIXED_COLS ((lxw_col_t)KIOSK_ARRAY_LEN(fixed_columns))
#define SESSION_WIDTH 9.0
#define SESSION_WIDTH_SIGNED 13.0
#define SESSION_WIDTH_TIMES 17.0 /* "Có mặt 07:40–10:30" */
#define ATTENDED_WIDTH 9.0
#define ROW_POINTS_SIGNED 40.0

struct heading_texts {
    const char *title;
    char what[KIOSK_TEXT_LEN * 2];
    char place[KIOSK_TEXT_LEN * 2];
    char dates[128];
    const char *mark[MARK_KINDS]; /* by enum attendance_mark */
};

static void heading_texts(const struct attendance *a, struct heading_texts *h)
{
    int fair = a->event.kind == KIOSK_EVENT_FAIR;
    h->title = export_tr(fair ? "export.attendance.title_fair" : "export.attendance.title");
    export_trf(h->what, sizeof h->what, fair ? "export.label.fair" : "export.label.class",
               a->event.title, a->event.code, NULL);
    char place[KIOSK_TEXT_LEN * 2], from[16], to[16];
    export_event_place(&a->event, place, sizeof place);
    export_trf(h->place, sizeof h->place, "export.label.place", place, NULL, NULL);
    /* the sessions that take place: cancelled ones are shown but are not the class's dates */
    int64_t start = a->event.starts_at_ms, end = a->event.ends_at_ms;
    for (size_t i = 0; !start && i < a->session_count; i++)
        if (!start || a->sessions[i].starts_at_ms < start)
            start = a->sessions[i].starts_at_ms, end = a->sessions[i].ends_at_ms;
    export_format_date(start, from, sizeof from);
    export_format_date(end, to, sizeof to);
    if (strcmp(from, to) == 0)
        export_trf(h->dates, sizeof h->dates, "export.label.date", from, NULL, NULL);
    else
        export_trf(h->dates, sizeof h->dates, "export.label.dates", from, to, NULL);
    h->mark[MARK_ABSENT] = export_tr("export.mark.absent");
    h->mark[MARK_PRESENT] = export_tr("export.mark.present");
    h->mark[MARK_LATE] = export_tr("export.mark.late");
    h->mark[MARK_EXCUSED] = export_tr("export.mark.excused");
}

/* "Buổi 1\n12/05" (classes) or "Ngày\n12/05" (fairs). */
static void session_heading(const struct attendance *a, size_t i, char *out, size_t cap)
{
    char number[16], day[16];
    struct tm tm;
    kiosk_local_tm(a->sessions[i].starts_at_ms, &tm);
    snprintf(number, sizeof number, "%d", a->sessions[i].number);
    snprintf(day, sizeof day, "%02d/%02d", tm.tm_mday, tm.tm_mon + 1);
    const char *key = a->event.kind == KIOSK_EVENT_FAIR ? "export.col.day" : "export.col.session";
    export_trf(out, cap, key, number, day, NULL);
    if (a->cancelled && a->cancelled[i]) {
        size_t n = strlen(out);
        kiosk_fmt(out + n, cap - n, "\n%s", export_tr("export.col.cancelled"));
    }
}

/* A cell's text: the mark, "(đã ký)" when signed, and when she came and left when she
 * checked out and did not come back ("Có mặt 07:40–10:30": first in, last out). */
static void cell_text(struct attendance *a, const struct heading_texts *h,
                      const struct attendance_row *row, size_t i, int signed_, char *out,
                      size_t cap)
{
    char mark[96];
    if (signed_)
        snprintf(mark, sizeof mark, "%s (%s)", h->mark[row->marks[i]],
                 export_tr("export.mark.signed"));
    else
        kiosk_strlcpy(mark, h->mark[row->marks[i]], sizeof mark);
    int64_t in_ms, out_ms;
    if (!attendance_left(a, row, i, &in_ms, &out_ms)) {
        kiosk_strlcpy(out, mark, cap);
        return;
    }
    char in[8], left[8];
    struct tm tm;
    kiosk_local_tm(in_ms, &tm);
    snprintf(in, sizeof in, "%02d:%02d", tm.tm_hour % 24, tm.tm_min % 60);
    kiosk_local_tm(out_ms, &tm);
    snprintf(left, sizeof left, "%02d:%02d", tm.tm_hour % 24, tm.tm_min % 60);
    export_trf(out, cap, "export.mark.times", mark, in, left);
}

/* ---- CSV ---- */

static void csv_line(struct csv_writer *w, const char *text)
{
    csv_field(w, text);
    csv_row_end(w);
}

static void csv_foot(struct csv_writer *w, const struct attendance *a, const char *label,
                     const int *counts, int absent)
{
    csv_field(w, label);
    for (lxw_col_t c = 1; c < FIXED_COLS; c++)
        csv_field_empty(w);
    long sum = 0;
    for (size_t i = 0; i < a->session_count; i++) {
        int v = absent ? a->people - a->present[i] : counts[i];
        if (!a->held[i]) {
            csv_field_empty(w);
            continue;
        }
        csv_field_int(w, v);
        sum += v;
    }
    csv_field_int(w, sum);
    csv_row_end(w);
}

static void csv_headings(struct csv_writer *w, const struct attendance *a,
                         const struct heading_texts *h)
{
    csv_line(w, export_tr("export.centre"));
    csv_line(w, h->title);
    csv_line(w, h->what);
    csv_line(w, h->place);
    csv_line(w, h->dates);
    csv_row_end(w);
    for (lxw_col_t c = 0; c < FIXED_COLS; c++)
        csv_field(w, export_tr(fixed_columns[c].key));
    for (size_t i = 0; i < a->session_count; i++) {
        char head[64];
        session_heading(a, i, head, sizeof head);
        for (char *p = head; *p; p++)
            if (*p == '\n')
                *p = ' '; /* one line a heading in a CSV */
        csv_field(w, head);
    }
    csv_field(w, export_tr("export.col.attended"));
    csv_row_end(w);
}

static void csv_person(struct csv_writer *w, struct attendance *a, const struct heading_texts *h,
                       const struct attendance_row *row)
{
    csv_field_int(w, row->number);
    csv_field(w, row->full_name);
    if (row->birth_year)
        csv_field_int(w, row->birth_year);
    else
        csv_field_empty(w);
    csv_field(w, row->address);
    csv_field(w, row->phone);
    for (size_t i = 0; i < a->session_count; i++) {
        size_t len = 0;
        if (!a->held[i]) {
            csv_field_empty(w); /* not begun yet: nobody is absent */
            continue;
        }
        char cell[160];
        cell_text(a, h, row, i, a->signatures && attendance_signature(a, row, i, &len), cell,
                  sizeof cell);
        csv_field(w, cell);
    }
    csv_field_int(w, row->attended);
    csv_row_end(w);
}

static void csv_footer(struct csv_writer *w, const struct attendance *a)
{
    csv_foot(w, a, export_tr("export.foot.present"), a->present, 0);
    csv_foot(w, a, export_tr("export.foot.late"), a->late, 0);
    csv_foot(w, a, export_tr("export.foot.absent"), NULL, 1);
    csv_row_end(w);
    char text[256], n[16];
    snprintf(n, sizeof n, "%d", a->people);
    csv_line(w, export_trf(text, sizeof text, "export.foot.people", n, NULL, NULL));
    csv_line(w, export_tr("export.foot.phone_note"));
    csv_row_end(w);
    /* the signature blocks under the left and right halves, as on the printed sheet */
    size_t right = FIXED_COLS - 2;
    for (size_t c = 0; c < right; c++)
        csv_field_empty(w);
    xlsx_place_date(text, sizeof text);
    csv_line(w, text);
    csv_field(w, export_tr("export.sign.preparer"));
    for (size_t c = 1; c < right; c++)
        csv_field_empty(w);
    csv_line(w, export_tr("export.sign.confirm"));
}

static kiosk_status write_csv(struct attendance *a, int fd, long *rows)
{
    struct csv_writer *w = malloc(sizeof *w);
    if (!w)
        return KIOSK_E_NOMEM;
    csv_writer_init(w, fd);
    csv_write_bom(w);
    struct heading_texts h;
    heading_texts(a, &h);
    csv_headings(w, a, &h);
    struct attendance_row row;
    int rc;
    while ((rc = attendance_next(a, &row)) == 1)
        csv_person(w, a, &h, &row);
    if (rc < 0) {
        free(w);
        return KIOSK_E_IO;
    }
    csv_footer(w, a);
    *rows = a->people;
    kiosk_status st = csv_writer_finish(w);
    free(w);
    return st;
}

/* ---- XLSX ---- */

/* Width and height of a PNG from its header; 0 when it is not one. */
static int png_size(const unsigned char *p, size_t len, int *w, int *h)
{
    if (len < 24 || memcmp(p, "\x89PNG\r\n\x1a\n", 8) != 0 || memcmp(p + 12, "IHDR", 4) != 0)
        return 0;
    *w = (int)((uint32_t)p[16] << 24 | (uint32_t)p[17] << 16 | (uint32_t)p[18] << 8 | p[19]);
    *h = (int)((uint32_t)p[20] << 24 | (uint32_t)p[21] << 16 | (uint32_t)p[22] << 8 | p[23]);
    return *w > 0 && *h > 0;
}

static double session_width(const struct attendance *a)
{
    return a->checkouts    ? SESSION_WIDTH_TIMES
           : a->signatures ? SESSION_WIDTH_SIGNED
                           : SESSION_WIDTH;
}

/* Pixels from the sheet's left edge to column c, as libxlsxwriter counts them. */
static uint32_t column_left(const struct attendance *a, lxw_col_t c)
{
    uint32_t x = 0;
    for (lxw_col_t k = 0; k < c; k++)
        x += (uint32_t)xlsx_col_pixels(k < FIXED_COLS ? fixed_columns[k].width : session_width(a));
    return x;
}

/* The signature scaled into the lower part of its cell, below the mark. It goes to the
 * pictures' spool (xlsx_pictures.h); the first one also to libxlsxwriter, which then writes
 * the drawing part that the second pass fills with all of them. */
static void put_signature(lxw_worksheet *ws, struct xlsx_pictures *pics, const struct attendance *a,
                          lxw_row_t r, lxw_col_t c, const void *png, size_t len)
{
    int w, h;
    if (!png_size(png, len, &w, &h))
        return;
    int cell_w = xlsx_col_pixels(SESSION_WIDTH_SIGNED) - 6;
    int cell_h = (int)(ROW_POINTS_SIGNED * 4 / 3) - 17;
    double scale = (double)cell_w / w;
    if (h * scale > cell_h)
        scale = (double)cell_h / h;
    lxw_image_options opt = {.x_offset = 3 + (int)((cell_w - w * scale) / 2),
                             .y_offset = 15,
                             .x_scale = scale,
                             .y_scale = scale,
                             .object_position = LXW_OBJECT_MOVE_AND_SIZE};
    /* inside its cell: from and to are the same cell (every row the default height) */
    struct xlsx_picture pic = {.row = r,
                               .col = c,
                               .to_row = r,
                               .to_col = c,
                               .x_off = opt.x_offset,
                               .y_off = opt.y_offset,
                               .width = w * scale,
                               .height = h * scale};
    pic.to_x_off = pic.x_off + pic.width;
    pic.to_y_off = pic.y_off + pic.height;
    pic.x_abs = column_left(a, c) + (uint32_t)opt.x_offset;
    pic.y_abs = (uint32_t)(ROW_POINTS_SIGNED * 4.0 / 3.0) * r + (uint32_t)opt.y_offset;
    /* the first one must be libxlsxwriter's too: one it refuses is left out, as before */
    if ((!pics || xlsx_pictures_count(pics, NULL) == 0) &&
        worksheet_insert_image_buffer_opt(ws, r, c, png, len, &opt) != LXW_NO_ERROR)
        return;
    if (pics)
        xlsx_pictures_add(pics, &pic, png, len);
}

static void xlsx_foot(lxw_worksheet *ws, const struct xlsx_styles *st, lxw_row_t r,
                      const struct attendance *a, const char *label, const int *counts, int absent)
{
    worksheet_set_row(ws, r, XLSX_PLAIN_ROW_POINTS, NULL);
    worksheet_merge_range(ws, r, 0, r, FIXED_COLS - 1, label, st->foot_label);
    double sum = 0;
    for (size_t i = 0; i < a->session_count; i++) {
        int v = absent ? a->people - a->present[i] : counts[i];
        if (!a->held[i]) {
            worksheet_write_blank(ws, r, (lxw_col_t)(FIXED_COLS + i), st->foot_number);
            continue;
        }
        worksheet_write_number(ws, r, (lxw_col_t)(FIXED_COLS + i), v, st->foot_number);
        sum += v;
    }
    worksheet_write_number(ws, r, (lxw_col_t)(FIXED_COLS + a->session_count), sum, st->foot_number);
}

/* Column widths; signatures make every row the default height (see write_xlsx). */
static void xlsx_columns(lxw_worksheet *ws, const struct attendance *a, lxw_col_t last)
{
    if (a->signatures)
        worksheet_set_default_row(ws, ROW_POINTS_SIGNED, LXW_FALSE);
    for (lxw_col_t c = 0; c < FIXED_COLS; c++)
        worksheet_set_column(ws, c, c, fixed_columns[c].width, NULL);
    if (a->session_count)
        worksheet_set_column(ws, FIXED_COLS, last - 1, session_width(a), NULL);
    worksheet_set_column(ws, last, last, ATTENDED_WIDTH, NULL);
}

/* The column headings at row r, frozen above the people. */
static void xlsx_headings(lxw_worksheet *ws, const struct xlsx_styles *st,
                          const struct attendance *a, lxw_row_t r, lxw_col_t last)
{
    worksheet_set_row(ws, r, 32, NULL);
    for (lxw_col_t c = 0; c < FIXED_COLS; c++)
        worksheet_write_string(ws, r, c, export_tr(fixed_columns[c].key), st->head);
    for (size_t i = 0; i < a->session_count; i++) {
        char head[64];
        session_heading(a, i, head, sizeof head);
        worksheet_write_string(ws, r, (lxw_col_t)(FIXED_COLS + i), head, st->head);
    }
    worksheet_write_string(ws, r, last, export_tr("export.col.attended"), st->head);
    worksheet_freeze_panes(ws, r + 1, 2);
}

static void xlsx_person(lxw_worksheet *ws, const struct xlsx_styles *st, struct attendance *a,
                        const struct heading_texts *h, const struct attendance_row *row,
                        lxw_row_t r, struct xlsx_pictures *pics)
{
    lxw_format *mark_fmt[MARK_KINDS] = {st->mark_absent, st->mark_present, st->mark_late,
                                        st->mark_late};
    const char *texts[] = {row->full_name, row->address};
    const double widths[] = {fixed_columns[1].width, fixed_columns[3].width};
    worksheet_set_row(
        ws, r, xlsx_row_points(texts, widths, 2, a->signatures ? ROW_POINTS_SIGNED : 15), NULL);
    worksheet_write_number(ws, r, 0, row->number, st->cell_center);
    worksheet_write_string(ws, r, 1, row->full_name, st->cell);
    if (row->birth_year)
        worksheet_write_number(ws, r, 2, row->birth_year, st->cell_center);
    else
        worksheet_write_blank(ws, r, 2, st->cell_center);
    worksheet_write_string(ws, r, 3, row->address, st->cell);
    worksheet_write_string(ws, r, 4, row->phone, st->cell_center);
    for (size_t i = 0; i < a->session_count; i++) {
        lxw_col_t c = (lxw_col_t)(FIXED_COLS + i);
        if (!a->held[i]) {
            worksheet_write_blank(ws, r, c, st->cell_center);
            continue;
        }
        char cell[160];
        cell_text(a, h, row, i, 0, cell, sizeof cell);
        worksheet_write_string(ws, r, c, cell, mark_fmt[row->marks[i]]);
        size_t len = 0;
        const void *png = a->signatures ? attendance_signature(a, row, i, &len) : NULL;
        if (png)
            put_signature(ws, pics, a, r, c, png, len);
    }
    worksheet_write_number(ws, r, (lxw_col_t)(FIXED_COLS + a->session_count), row->attended,
                           st->cell_number);
}

/* Totals, notes and the signature blocks from row r. */
static void xlsx_footer(lxw_worksheet *ws, const struct xlsx_styles *st, const struct attendance *a,
                        lxw_row_t r, lxw_col_t last, lxw_col_t split)
{
    xlsx_foot(ws, st, r++, a, export_tr("export.foot.present"), a->present, 0);
    xlsx_foot(ws, st, r++, a, export_tr("export.foot.late"), a->late, 0);
    xlsx_foot(ws, st, r++, a, export_tr("export.foot.absent"), NULL, 1);
    worksheet_set_row(ws, r++, XLSX_PLAIN_ROW_POINTS, NULL);
    char text[256], n[16];
    snprintf(n, sizeof n, "%d", a->people);
    worksheet_set_row(ws, r, XLSX_PLAIN_ROW_POINTS, NULL);
    worksheet_merge_range(ws, r, 0, r, FIXED_COLS - 1,
                          export_trf(text, sizeof text, "export.foot.people", n, NULL, NULL),
                          st->note);
    r++;
    worksheet_set_row(ws, r, XLSX_PLAIN_ROW_POINTS, NULL);
    worksheet_merge_range(ws, r, 0, r, last, export_tr("export.foot.phone_note"), st->note);
    worksheet_set_row(ws, ++r, XLSX_PLAIN_ROW_POINTS, NULL);
    r++;
    xlsx_signatures(ws, st, r, last, split);
}

static kiosk_status write_workbook(struct attendance *a, const char *path,
                                   struct xlsx_pictures *pics, long *rows, char *err, size_t errlen)
{
    /* Constant memory whatever the size (1M check-ins in under 16 MiB). Signatures are
     * pictures anchored by row heights, and in this mode libxlsxwriter places them as if
     * every row had the default height: so a sheet with signatures makes the signature row
     * the default height and says every other row's height itself. */
    lxw_workbook *wb = xlsx_open(path, 1);
    if (!wb) {
        kiosk_fmt(err, errlen, "cannot start the workbook");
        return KIOSK_E_IO;
    }
    struct xlsx_styles st;
    xlsx_styles_init(wb, &st, a->signatures);
    lxw_worksheet *ws = workbook_add_worksheet(wb, export_tr("export.attendance.sheet"));
    lxw_col_t last = (lxw_col_t)(FIXED_COLS + a->session_count);
    xlsx_columns(ws, a, last);
    struct heading_texts h;
    heading_texts(a, &h);
    const char *lines[3] = {h.what, h.place, h.dates};
    lxw_col_t split = 3; /* the letterhead over STT..year, the motto over the rest */
    lxw_row_t r = xlsx_heading(ws, &st, last, split, h.title, lines);
    xlsx_page_setup(ws, r, 1);
    xlsx_headings(ws, &st, a, r++, last);
    struct attendance_row row;
    int rc;
    while ((rc = attendance_next(a, &row)) == 1)
        xlsx_person(ws, &st, a, &h, &row, r++, pics);
    if (rc < 0) {
        workbook_close(wb);
        kiosk_fmt(err, errlen, "cannot read the check-ins");
        return KIOSK_E_IO;
    }
    xlsx_footer(ws, &st, a, r, last, split);
    *rows = a->people;
    return xlsx_close(wb, err, errlen);
}

/* A sheet with signatures in two passes (xlsx_pictures.h): libxlsxwriter's file in a private
 * folder, then the final one at path. */
static kiosk_status write_xlsx(struct attendance *a, const char *path, long *rows, char *err,
                               size_t errlen)
{
    if (!a->signatures)
        return write_workbook(a, path, NULL, rows, err, errlen);
    const char *tmp = getenv("TMPDIR");
    char dir[4096], first[4200];
    tmp = tmp && tmp[0] ? tmp : "/tmp";
    kiosk_fmt(dir, sizeof dir, "%s/kiosk-xlsx-XXXXXX", tmp);
    struct xlsx_pictures *pics = mkdtemp(dir) ? xlsx_pictures_new() : NULL;
    if (!pics) {
        export_trf(err, errlen, "export.err.tmpdir", tmp, NULL, NULL);
        rmdir(dir);
        return KIOSK_E_IO;
    }
    kiosk_fmt(first, sizeof first, "%s/sheet.xlsx", dir);
    kiosk_status st = write_workbook(a, first, pics, rows, err, errlen);
    if (st == KIOSK_OK)
        st = xlsx_pictures_finish(pics, first, path, err, errlen);
    xlsx_pictures_free(pics);
    unlink(first);
    rmdir(dir);
    return st;
}

static kiosk_status export_sheet(store *s, const char *event, int format, const char *path,
                                 struct export_result *res, char *err, size_t errlen)
{
    struct attendance a;
    res->rows = 0;
    kiosk_status st = attendance_open(s, event, kiosk_clock_now_ms(), &a);
    if (st != KIOSK_OK) {
        if (st == KIOSK_E_NOT_FOUND)
            export_trf(err, errlen, "export.err.event", event, NULL, NULL);
        else
            kiosk_fmt(err, errlen, "%s", kiosk_status_name(st));
        return st;
    }
    struct export_file f;
    st = export_file_open(&f, path, EXPORT_FILE_MODE, err, errlen);
    if (st != KIOSK_OK) {
        attendance_close(&a);
        return st;
    }
    if (format == EXPORT_CSV) {
        st = write_csv(&a, f.fd, &res->rows);
        if (st != KIOSK_OK)
            kiosk_fmt(err, errlen, "cannot write '%s': %s", path, kiosk_status_name(st));
    } else {
        export_file_close_fd(&f); /* libxlsxwriter opens the tmp file by its name */
        st = write_xlsx(&a, f.tmp, &res->rows, err, errlen);
    }
    attendance_close(&a);
    if (st == KIOSK_OK)
        return export_file_commit(&f, err, errlen);
    export_file_abort(&f);
    return st;
}

kiosk_status export_attendance(store *s, const char *event, int format, const char *path,
                               struct export_result *res, char *err, size_t errlen)
{
    int64_t cache = store_export_lean(s); /* 1M check-ins in a few MiB */
    kiosk_status st = export_sheet(s, event, format, path, res, err, errlen);
    store_export_lean_end(s, cache);
    return st;
}
