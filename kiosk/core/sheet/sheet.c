/* Tables from CSV (sheet.h), and what both readers share. */
#include "sheet/sheet.h"

#include "export/csv.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sheet_book_release(struct sheet_book *b)
{
    for (size_t i = 0; i < b->count; i++) {
        struct sheet *sh = &b->sheets[i];
        for (size_t r = 0; r < sh->count; r++) {
            for (size_t c = 0; c < sh->rows[r].count; c++)
                free(sh->rows[r].cells[c]);
            free(sh->rows[r].cells);
        }
        free(sh->rows);
    }
    free(b->sheets);
    memset(b, 0, sizeof *b);
}

int sheet_looks_zip(const void *data, size_t len)
{
    return len >= 4 && memcmp(data, "PK\x03\x04", 4) == 0;
}

static int add_row(struct sheet *sh, size_t *cap, const struct csv_record *rec)
{
    if (sh->count == *cap) {
        size_t ncap = *cap ? *cap * 2 : 64;
        struct sheet_row *grown = realloc(sh->rows, ncap * sizeof *grown);
        if (!grown)
            return 0;
        sh->rows = grown;
        *cap = ncap;
    }
    struct sheet_row *row = &sh->rows[sh->count];
    row->line = rec->line;
    row->count = 0;
    row->cells = calloc(rec->count ? rec->count : 1, sizeof *row->cells);
    if (!row->cells)
        return 0;
    sh->count++;
    for (size_t i = 0; i < rec->count; i++) {
        row->cells[i] = strdup(rec->fields[i]);
        if (!row->cells[i])
            return 0;
        row->count++;
    }
    return 1;
}

static int csv_error_to_sheet(int error)
{
    switch (error) {
    case CSV_E_QUOTE_OPEN:
        return SHEET_E_QUOTE_OPEN;
    case CSV_E_AFTER_QUOTE:
        return SHEET_E_AFTER_QUOTE;
    case CSV_E_NOT_UTF8:
        return SHEET_E_NOT_UTF8;
    default:
        return SHEET_E_NOT_TEXT;
    }
}

int sheet_read_csv(const char *data, size_t len, struct sheet_book *out, long *line)
{
    memset(out, 0, sizeof *out);
    *line = 0;
    out->sheets = calloc(1, sizeof *out->sheets);
    if (!out->sheets)
        return SHEET_E_NOMEM;
    out->count = 1;
    struct csv_reader rd;
    csv_reader_init(&rd, data, len);
    struct csv_record rec;
    size_t cap = 0;
    int rc, err = SHEET_OK;
    while ((rc = csv_next(&rd, &rec)) > 0) {
        if (!add_row(&out->sheets[0], &cap, &rec)) {
            err = SHEET_E_NOMEM;
            break;
        }
    }
    if (rc < 0) {
        err = csv_error_to_sheet(rd.error);
        *line = rd.error_line;
    }
    csv_reader_release(&rd);
    if (err != SHEET_OK)
        sheet_book_release(out);
    return err;
}

/* Days from 1 March of year 0 (proleptic Gregorian) to y-m-d, and back. */
static long days_from_civil(long y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, long *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

void sheet_serial_text(double serial, int date1904, int has_date, int has_time, char *out,
                       size_t cap)
{
    double whole = floor(serial);
    long day = (long)whole;
    long minutes = lround((serial - whole) * 1440.0);
    if (minutes >= 1440) {
        day++;
        minutes -= 1440;
    }
    long base;
    if (date1904)
        base = days_from_civil(1904, 1, 1);
    else if (day >= 61) /* Excel counts a 29 February 1900 that never was */
        base = days_from_civil(1899, 12, 30);
    else
        base = days_from_civil(1899, 12, 31);
    long y;
    int m, d;
    civil_from_days(base + day, &y, &m, &d);
    if (has_date && has_time)
        snprintf(out, cap, "%02d/%02d/%04ld %02ld:%02ld", d, m, y, minutes / 60, minutes % 60);
    else if (has_date)
        snprintf(out, cap, "%02d/%02d/%04ld", d, m, y);
    else
        snprintf(out, cap, "%02ld:%02ld", minutes / 60, minutes % 60);
}
