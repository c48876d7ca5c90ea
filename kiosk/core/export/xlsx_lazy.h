/* libxlsxwriter, opened on first use (lazy_lib.h): the kiosk maps it (and the libcrypto and
 * minizip it pulls in) only when a coordinator exports a sheet. Never the sheets' content.
 *
 * The export's files call libxlsxwriter by its own names: each name below is a macro
 * calling through the table, so a new call needs its name in XLSX_FUNCS and a line below
 * (a name left out fails the kiosk's link, never a run). xlsx_open loads the table: no
 * other function of the library can be reached without a workbook. */
#ifndef KIOSK_EXPORT_XLSX_LAZY_H
#define KIOSK_EXPORT_XLSX_LAZY_H

#include "lazy_lib.h"

#include <xlsxwriter.h>

#define XLSX_FUNCS(X)                                                                              \
    X(chart_add_series)                                                                            \
    X(chart_axis_set_num_font)                                                                     \
    X(chart_legend_set_font)                                                                       \
    X(chart_legend_set_position)                                                                   \
    X(chart_series_set_categories)                                                                 \
    X(chart_series_set_fill)                                                                       \
    X(chart_series_set_labels)                                                                     \
    X(chart_series_set_labels_font)                                                                \
    X(chart_series_set_name)                                                                       \
    X(chart_series_set_values)                                                                     \
    X(chart_title_set_name)                                                                        \
    X(chart_title_set_name_font)                                                                   \
    X(format_set_align)                                                                            \
    X(format_set_bg_color)                                                                         \
    X(format_set_bold)                                                                             \
    X(format_set_border)                                                                           \
    X(format_set_font_color)                                                                       \
    X(format_set_font_name)                                                                        \
    X(format_set_font_size)                                                                        \
    X(format_set_italic)                                                                           \
    X(format_set_num_format)                                                                       \
    X(format_set_text_wrap)                                                                        \
    X(format_set_underline)                                                                        \
    X(lxw_strerror)                                                                                \
    X(workbook_add_chart)                                                                          \
    X(workbook_add_format)                                                                         \
    X(workbook_add_worksheet)                                                                      \
    X(workbook_close)                                                                              \
    X(workbook_new_opt)                                                                            \
    X(worksheet_center_horizontally)                                                               \
    X(worksheet_fit_to_pages)                                                                      \
    X(worksheet_freeze_panes)                                                                      \
    X(worksheet_insert_chart_opt)                                                                  \
    X(worksheet_insert_image_buffer_opt)                                                           \
    X(worksheet_merge_range)                                                                       \
    X(worksheet_repeat_rows)                                                                       \
    X(worksheet_set_column)                                                                        \
    X(worksheet_set_footer)                                                                        \
    X(worksheet_set_landscape)                                                                     \
    X(worksheet_set_margins)                                                                       \
    X(worksheet_set_paper)                                                                         \
    X(worksheet_set_portrait)                                                                      \
    X(worksheet_set_row)                                                                           \
    X(worksheet_set_default_row)                                                                   \
    X(worksheet_write_blank)                                                                       \
    X(worksheet_write_number)                                                                      \
    X(worksheet_write_string)

struct xlsx_fns {
    XLSX_FUNCS(LAZY_MEMBER)
};
extern struct xlsx_fns xlsx_fn;

/* Loads libxlsxwriter once; KIOSK_E_UNAVAILABLE (err says what to install) when it cannot. */
kiosk_status xlsx_lazy_load(char *err, size_t errlen);

/* Function-like, so only calls are redirected (the table's member names stay as they are). */
#define chart_add_series(...) xlsx_fn.chart_add_series(__VA_ARGS__)
#define chart_axis_set_num_font(...) xlsx_fn.chart_axis_set_num_font(__VA_ARGS__)
#define chart_legend_set_font(...) xlsx_fn.chart_legend_set_font(__VA_ARGS__)
#define chart_legend_set_position(...) xlsx_fn.chart_legend_set_position(__VA_ARGS__)
#define chart_series_set_categories(...) xlsx_fn.chart_series_set_categories(__VA_ARGS__)
#define chart_series_set_fill(...) xlsx_fn.chart_series_set_fill(__VA_ARGS__)
#define chart_series_set_labels(...) xlsx_fn.chart_series_set_labels(__VA_ARGS__)
#define chart_series_set_labels_font(...) xlsx_fn.chart_series_set_labels_font(__VA_ARGS__)
#define chart_series_set_name(...) xlsx_fn.chart_series_set_name(__VA_ARGS__)
#define chart_series_set_values(...) xlsx_fn.chart_series_set_values(__VA_ARGS__)
#define chart_title_set_name(...) xlsx_fn.chart_title_set_name(__VA_ARGS__)
#define chart_title_set_name_font(...) xlsx_fn.chart_title_set_name_font(__VA_ARGS__)
#define format_set_align(...) xlsx_fn.format_set_align(__VA_ARGS__)
#define format_set_bg_color(...) xlsx_fn.format_set_bg_color(__VA_ARGS__)
#define format_set_bold(...) xlsx_fn.format_set_bold(__VA_ARGS__)
#define format_set_border(...) xlsx_fn.format_set_border(__VA_ARGS__)
#define format_set_font_color(...) xlsx_fn.format_set_font_color(__VA_ARGS__)
#define format_set_font_name(...) xlsx_fn.format_set_font_name(__VA_ARGS__)
#define format_set_font_size(...) xlsx_fn.format_set_font_size(__VA_ARGS__)
#define format_set_italic(...) xlsx_fn.format_set_italic(__VA_ARGS__)
#define format_set_num_format(...) xlsx_fn.format_set_num_format(__VA_ARGS__)
#define format_set_text_wrap(...) xlsx_fn.format_set_text_wrap(__VA_ARGS__)
#define format_set_underline(...) xlsx_fn.format_set_underline(__VA_ARGS__)
#define lxw_strerror(...) xlsx_fn.lxw_strerror(__VA_ARGS__)
#define workbook_add_chart(...) xlsx_fn.workbook_add_chart(__VA_ARGS__)
#define workbook_add_format(...) xlsx_fn.workbook_add_format(__VA_ARGS__)
#define workbook_add_worksheet(...) xlsx_fn.workbook_add_worksheet(__VA_ARGS__)
#define workbook_close(...) xlsx_fn.workbook_close(__VA_ARGS__)
#define workbook_new_opt(...) xlsx_fn.workbook_new_opt(__VA_ARGS__)
#define worksheet_center_horizontally(...) xlsx_fn.worksheet_center_horizontally(__VA_ARGS__)
#define worksheet_fit_to_pages(...) xlsx_fn.worksheet_fit_to_pages(__VA_ARGS__)
#define worksheet_freeze_panes(...) xlsx_fn.worksheet_freeze_panes(__VA_ARGS__)
#define worksheet_insert_chart_opt(...) xlsx_fn.worksheet_insert_chart_opt(__VA_ARGS__)
#define worksheet_insert_image_buffer_opt(...)                                                     \
    xlsx_fn.worksheet_insert_image_buffer_opt(__VA_ARGS__)
#define worksheet_merge_range(...) xlsx_fn.worksheet_merge_range(__VA_ARGS__)
#define worksheet_repeat_rows(...) xlsx_fn.worksheet_repeat_rows(__VA_ARGS__)
#define worksheet_set_column(...) xlsx_fn.worksheet_set_column(__VA_ARGS__)
#define worksheet_set_footer(...) xlsx_fn.worksheet_set_footer(__VA_ARGS__)
#define worksheet_set_landscape(...) xlsx_fn.worksheet_set_landscape(__VA_ARGS__)
#define worksheet_set_margins(...) xlsx_fn.worksheet_set_margins(__VA_ARGS__)
#define worksheet_set_paper(...) xlsx_fn.worksheet_set_paper(__VA_ARGS__)
#define worksheet_set_portrait(...) xlsx_fn.worksheet_set_portrait(__VA_ARGS__)
#define worksheet_set_row(...) xlsx_fn.worksheet_set_row(__VA_ARGS__)
#define worksheet_set_default_row(...) xlsx_fn.worksheet_set_default_row(__VA_ARGS__)
#define worksheet_write_blank(...) xlsx_fn.worksheet_write_blank(__VA_ARGS__)
#define worksheet_write_number(...) xlsx_fn.worksheet_write_number(__VA_ARGS__)
#define worksheet_write_string(...) xlsx_fn.worksheet_write_string(__VA_ARGS__)

#endif
