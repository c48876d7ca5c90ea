/* The report summary as CSV (one flat row an event, interests as columns, for people who
 * compute on it) and XLSX (the table, a chart of attendance per class, the fairs' interests
 * as a small table of their own, signature lines: for printing). */
#include "export/attendance.h"
#include "export/csv.h"
#include "export/export.h"
#include "export/export_file.h"
#include "export/export_strings.h"
#include "export/summary_data.h"
#include "export/xlsx_style.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    C_STT,
    C_CODE,
    C_KIND,
    C_TITLE,
    C_PLACE,
    C_FROM,
    C_TO,
    C_HELD,
    C_REGISTERED,
    C_ATTENDED,
    C_ALL,
    C_WALKINS,
    C_VISITORS,
    C_RETURNING,
    C_COUNT
};

static const struct {
    const char *key;
    double width;
    int fair_only; /* blank for classes */
} columns[C_COUNT] = {
    /* heading key                      width  fairs only */
    {"export.col.stt", 5, 0},
    {"export.summary.col.code", 9, 0},
    {"export.summary.col.kind", 11, 0},
    {"export.summary.col.title", 30, 0},
    {"export.summary.col.place", 24, 0},
    {"export.summary.col.from", 11, 0},
    {"export.summary.col.to", 11, 0},
    {"export.summary.col.sessions", 10, 0},
    {"export.summary.col.registered", 10, 0},
    {"export.summary.col.attended", 10, 0},
    {"export.summary.col.all", 10, 0},
    {"export.summary.col.walkins", 10, 0},
    {"export.summary.col.visitors", 10, 1},
    {"export.summary.col.returning", 10, 1},
};

/* The numbers of a row by column; -1 for a text column. */
static int number_of(const struct summary_row *r, int c)
{
    switch (c) {
    case C_HELD:
        return r->held;
    case C_REGISTERED:
        return r->registered;
    case C_ATTENDED:
        return r->attended;
    case C_ALL:
        return r->all;
    case C_WALKINS:
        return r->walkins;
    case C_VISITORS:
        return r->visitors;
    case C_RETURNING:
        return r->returning;
    default:
        return -1;
    }
}

/* Text of a text column (out: a buffer for the ones that are formatted). */
static const char *text_of(const struct summary_row *r, int c, char *out, size_t cap)
{
    switch (c) {
    case C_CODE:
        return r->event.code;
    case C_KIND:
        return export_tr(r->event.kind == KIOSK_EVENT_FAIR ? "export.kind.fair"
                                                           : "export.kind.class");
    case C_TITLE:
        return r->event.title;
    case C_PLACE:
        export_event_place(&r->event, out, cap);
        return out;
    case C_FROM:
        export_format_date(r->event.starts_at_ms, out, cap);
        return out;
    case C_TO:
        export_format_date(r->event.ends_at_ms, out, cap);
        return out;
    default:
        return "";
    }
}

static void made_on(char *out, size_t cap)
{
    char today[16];
    export_format_date(kiosk_clock_now_ms(), today, sizeof today);
    export_trf(out, cap, "export.summary.made", today, NULL, NULL);
}

/* ---- CSV ---- */

static kiosk_status write_csv(const struct summary *sum, int fd)
{
    struct csv_writer *w = malloc(sizeof *w);
    if (!w)
        return KIOSK_E_NOMEM;
    csv_writer_init(w, fd);
    csv_write_bom(w);
    char text[KIOSK_TEXT_LEN * 2];
    csv_field(w, export_tr("export.centre"));
    csv_row_end(w);
    csv_field(w, export_tr("export.summary.title"));
    csv_row_end(w);
    made_on(text, sizeof text);
    csv_field(w, text);
    csv_row_end(w);
    csv_row_end(w);
    for (int c = 0; c < C_COUNT; c++)
        csv_field(w, export_tr(columns[c].key));
    for (size_t i = 0; i < sum->interest_count; i++)
        csv_field(w, export_trf(text, sizeof text, "export.summary.col.interest", sum->interests[i],
                                NULL, NULL));
    csv_row_end(w);
    for (size_t i = 0; i < sum->count; i++) {
        const struct summary_row *r = &sum->rows[i];
        int fair = r->event.kind == KIOSK_EVENT_FAIR;
        csv_field_int(w, (long long)i + 1);
        for (int c = 1; c < C_COUNT; c++) {
            int v = number_of(r, c);
            if (columns[c].fair_only && !fair)
                csv_field_empty(w);
            else if (v >= 0)
                csv_field_int(w, v);
            else
                csv_field(w, text_of(r, c, text, sizeof text));
        }
        for (size_t k = 0; k < sum->interest_count; k++) {
            if (fair)
                csv_field_int(w, r->interests[k]);
            else
                csv_field_empty(w);
        }
        csv_row_end(w);
    }
    kiosk_status st = csv_writer_finish(w);
    free(w);
    return st;
}

/* ---- XLSX ---- */

static void chart_of_classes(lxw_workbook *wb, lxw_worksheet *ws, const char *sheet,
                             lxw_row_t first, size_t classes, lxw_row_t at)
{
    lxw_chart *chart = workbook_add_chart(wb, LXW_CHART_COLUMN);
    static char times[] = "Times New Roman"; /* libxlsxwriter's font name is not const */
    lxw_chart_font font = {.name = times, .size = 10};
    lxw_chart_font title_font = {.name = times, .size = 12, .bold = LXW_TRUE};
    lxw_row_t last = first + (lxw_row_t)classes - 1;
    const struct {
        const char *key;
        int column;
        uint32_t colour;
    } series[] = {
        {"export.summary.chart.registered", C_REGISTERED, 0xA6A6A6},
        {"export.summary.chart.attended", C_ATTENDED, 0x2E75B6},
    };
    for (size_t i = 0; i < KIOSK_ARRAY_LEN(series); i++) {
        lxw_chart_series *s = chart_add_series(chart, NULL, NULL);
        chart_series_set_categories(s, sheet, first, C_CODE, last, C_CODE);
        chart_series_set_values(s, sheet, first, (lxw_col_t)series[i].column, last,
                                (lxw_col_t)series[i].column);
        chart_series_set_name(s, export_tr(series[i].key));
        lxw_chart_fill fill = {.color = series[i].colour};
        chart_series_set_fill(s, &fill);
        chart_series_set_labels(s);
        chart_series_set_labels_font(s, &font);
    }
    chart_title_set_name(chart, export_tr("export.summary.chart.title"));
    chart_title_set_name_font(chart, &title_font);
    chart_axis_set_num_font(chart->x_axis, &font);
    chart_axis_set_num_font(chart->y_axis, &font);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    chart_legend_set_font(chart, &font);
    lxw_chart_options opt = {.x_offset = 10, .y_offset = 10, .x_scale = 1.6, .y_scale = 1.1};
    worksheet_insert_chart_opt(ws, at, C_TITLE, chart, &opt);
}

/* The fairs' interests: a row an interest, a column a fair. Returns the next free row. */
static lxw_row_t interest_table(lxw_worksheet *ws, const struct xlsx_styles *st,
                                const struct summary *sum, lxw_row_t r)
{
    size_t fairs = sum->count - sum->classes;
    if (fairs == 0 || sum->interest_count == 0)
        return r;
    char text[KIOSK_TEXT_LEN];
    worksheet_merge_range(ws, r, C_CODE, r, C_TITLE, export_tr("export.leads.col.interests"),
                          st->head);
    for (size_t f = 0; f < fairs; f++)
        worksheet_write_string(ws, r, (lxw_col_t)(C_PLACE + f),
                               sum->rows[sum->classes + f].event.code, st->head);
    r++;
    for (size_t k = 0; k < sum->interest_count; k++, r++) {
        kiosk_strlcpy(text, sum->interests[k], sizeof text);
        worksheet_merge_range(ws, r, C_CODE, r, C_TITLE, text, st->cell);
        for (size_t f = 0; f < fairs; f++)
            worksheet_write_number(ws, r, (lxw_col_t)(C_PLACE + f),
                                   sum->rows[sum->classes + f].interests[k], st->cell_number);
    }
    return r + 1;
}

static kiosk_status write_xlsx(const struct summary *sum, const char *path, char *err,
                               size_t errlen)
{
    lxw_workbook *wb = xlsx_open(path, 1);
    if (!wb) {
        kiosk_fmt(err, errlen, "cannot start the workbook");
        return KIOSK_E_IO;
    }
    struct xlsx_styles st;
    xlsx_styles_init(wb, &st, 0);
    const char *sheet = export_tr("export.summary.sheet");
    lxw_worksheet *ws = workbook_add_worksheet(wb, sheet);
    for (int c = 0; c < C_COUNT; c++)
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, columns[c].width, NULL);
    char made[64], text[KIOSK_TEXT_LEN * 2];
    made_on(made, sizeof made);
    const char *lines[3] = {made, NULL, NULL};
    lxw_col_t last = C_COUNT - 1, split = C_PLACE;
    lxw_row_t r = xlsx_heading(ws, &st, last, split, export_tr("export.summary.title"), lines);
    xlsx_page_setup(ws, r, 1);
    worksheet_set_row(ws, r, 45, NULL);
    for (int c = 0; c < C_COUNT; c++)
        worksheet_write_string(ws, r, (lxw_col_t)c, export_tr(columns[c].key), st.head);
    r++;
    lxw_row_t first = r;
    long totals[C_COUNT] = {0};
    for (size_t i = 0; i < sum->count; i++, r++) {
        const struct summary_row *row = &sum->rows[i];
        int fair = row->event.kind == KIOSK_EVENT_FAIR;
        char place[KIOSK_TEXT_LEN * 2];
        export_event_place(&row->event, place, sizeof place);
        const char *texts[] = {row->event.title, place};
        const double widths[] = {columns[C_TITLE].width, columns[C_PLACE].width};
        worksheet_set_row(ws, r, xlsx_row_points(texts, widths, 2, 15), NULL);
        worksheet_write_number(ws, r, C_STT, (double)i + 1, st.cell_center);
        for (int c = 1; c < C_COUNT; c++) {
            int v = number_of(row, c);
            if (columns[c].fair_only && !fair) {
                worksheet_write_blank(ws, r, (lxw_col_t)c, st.cell);
            } else if (v >= 0) {
                worksheet_write_number(ws, r, (lxw_col_t)c, v, st.cell_number);
                totals[c] += v;
            } else {
                lxw_format *f = c == C_FROM || c == C_TO || c == C_CODE ? st.cell_center : st.cell;
                worksheet_write_string(ws, r, (lxw_col_t)c, text_of(row, c, text, sizeof text), f);
            }
        }
    }
    worksheet_merge_range(ws, r, 0, r, C_TO, export_tr("export.summary.total"), st.foot_label);
    for (int c = C_HELD; c < C_COUNT; c++)
        worksheet_write_number(ws, r, (lxw_col_t)c, (double)totals[c], st.foot_number);
    r += 2;
    r = interest_table(ws, &st, sum, r);
    if (sum->classes > 0) {
        chart_of_classes(wb, ws, sheet, first, sum->classes, r);
        r += 19; /* the chart's height in rows */
    }
    xlsx_signatures(ws, &st, r, last, split);
    return xlsx_close(wb, err, errlen);
}

kiosk_status export_summary(store *s, int format, const char *path, struct export_result *res,
                            char *err, size_t errlen)
{
    struct summary sum;
    res->rows = 0;
    kiosk_status st = summary_load(s, kiosk_clock_now_ms(), &sum);
    if (st != KIOSK_OK) {
        kiosk_fmt(err, errlen, "cannot read the events: %s", kiosk_status_name(st));
        return st;
    }
    struct export_file f;
    st = export_file_open(&f, path, EXPORT_FILE_MODE, err, errlen);
    if (st != KIOSK_OK) {
        summary_release(&sum);
        return st;
    }
    if (format == EXPORT_CSV) {
        st = write_csv(&sum, f.fd);
        if (st != KIOSK_OK)
            kiosk_fmt(err, errlen, "cannot write '%s': %s", path, kiosk_status_name(st));
    } else {
        export_file_close_fd(&f);
        st = write_xlsx(&sum, f.tmp, err, errlen);
    }
    res->rows = (long)sum.count;
    summary_release(&sum);
    if (st == KIOSK_OK)
        return export_file_commit(&f, err, errlen);
    export_file_abort(&f);
    return st;
}
